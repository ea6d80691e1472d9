import path from 'node:path';
import { Core } from '../../src/main/core/core';
import type { Role } from '../../src/shared/console/roles';
import type { NewReport } from '../../src/shared/schemas';
import type { Channel, ParsedRequestOf, ResponseOf } from '../../src/shared/ipc';
import { channels } from '../../src/shared/ipc';
import { tempDir } from './tmp';

/** 2026-07-15 09:00 Beijing time: a summer morning on the watch floor. */
export const T0 = Date.UTC(2026, 6, 15, 1, 0, 0);

export interface Harness {
  core: Core;
  dir: string;
  clock: { t: number; advance(minutes: number): void };
  /** Validate like the router, call the core, unwrap or throw with the error. */
  call<C extends Channel>(channel: C, req: unknown): ResponseOf<C>;
  /** The raw Result, for asserting refusals. */
  raw<C extends Channel>(channel: C, req: unknown): ReturnType<Core['handle']>;
  report(over?: Partial<NewReport>): ResponseOf<'incident.create'>;
  close(): void;
}

export function harness(
  opts: { role?: Role; operator?: string; seat?: string; mode?: 'live' | 'exercise' } = {},
): Harness {
  const t = tempDir('wf-console-');
  const clock = {
    t: T0,
    advance(minutes: number): void {
      clock.t += minutes * 60_000;
    },
  };
  const core = new Core({
    dbFile: path.join(t.dir, 'live.db'),
    seat: opts.seat ?? 'seat-1',
    operator: opts.operator ?? 'zhang.wei',
    role: opts.role ?? 'duty_officer',
    mode: opts.mode ?? 'live',
    version: 'test',
    now: () => clock.t,
  });
  const raw = <C extends Channel>(channel: C, req: unknown): ReturnType<Core['handle']> => {
    const parsed = channels[channel].safeParse(req);
    if (!parsed.success) throw new Error(`invalid request for ${channel}: ${parsed.error.message}`);
    return core.handle(channel, parsed.data as ParsedRequestOf<C>);
  };
  const call = <C extends Channel>(channel: C, req: unknown): ResponseOf<C> => {
    const r = raw(channel, req);
    if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
    return r.value as ResponseOf<C>;
  };
  const report = (over: Partial<NewReport> = {}): ResponseOf<'incident.create'> =>
    call('incident.create', {
      title: '浦东新区世纪大道下立交积水',
      category: 'waterlogging',
      level: 3,
      district: 'pudong',
      channel: '12345',
      lat: 31.2285,
      lon: 121.5254,
      ...over,
    });
  return {
    core,
    dir: t.dir,
    clock,
    call,
    raw,
    report,
    close: () => {
      core.close();
      t.cleanup();
    },
  };
}
