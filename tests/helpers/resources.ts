import path from 'node:path';
import { Core } from '../../src/main/core/core';
import type { Incident } from '../../src/shared/domain';
import type { UnitInput } from '../../src/shared/resources';
import { tempDir } from './tmp';

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public t: number) {}
  readonly now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface TestCore {
  core: Core;
  clock: FakeClock;
  file: string;
  dir: string;
  close: () => void;
}

/** A real core over a real SQLite file in a fresh temp folder. */
export function openTestCore(start = Date.UTC(2026, 10, 29, 2, 0, 0), file?: string): TestCore {
  const t = file ? null : tempDir();
  const dbFile = file ?? path.join(t!.dir, 'live.db');
  const clock = new FakeClock(start);
  const core = new Core({
    dbFile,
    seat: 'seat-1',
    operator: 'officer-wang',
    mode: 'live',
    version: 'test',
    now: clock.now,
  });
  return {
    core,
    clock,
    file: dbFile,
    dir: path.dirname(dbFile),
    close: () => {
      core.close();
      t?.cleanup();
    },
  };
}

export function unit(id: string, over: Partial<UnitInput> = {}): UnitInput {
  return {
    id,
    callSign: id,
    agency: 'fire',
    unitType: 'engine',
    capabilities: ['firefighting'],
    crewSize: 5,
    homeStation: null,
    homeLat: null,
    homeLon: null,
    district: 'huangpu',
    ...over,
  };
}

export function incident(
  core: Core,
  over: Partial<Parameters<Core['incidents']['createFromReport']>[0]> = {},
): Incident {
  return core.incidents.createFromReport(
    {
      title: '南京东路商场火情',
      category: 'fire',
      level: 3,
      district: 'huangpu',
      channel: '119',
      lat: 31.2352,
      lon: 121.4788,
      ...over,
    },
    core.ctx.actor,
  );
}
