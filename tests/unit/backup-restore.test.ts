import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { SCHEMA_VERSION } from '../../src/main/core/store/db';
import type { Channel, ParsedRequestOf, ResponseOf } from '../../src/shared/ipc';
import { channels } from '../../src/shared/ipc';
import type { Result } from '../../src/shared/result';
import { tempDir } from '../helpers/tmp';

const T0 = Date.UTC(2026, 6, 15, 1, 0, 0);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

interface Seat {
  rt: SeatRuntime;
  dir: string;
  clock: { t: number };
  raw<C extends Channel>(channel: C, req: unknown): Promise<Result<ResponseOf<C>>>;
  call<C extends Channel>(channel: C, req: unknown): Promise<ResponseOf<C>>;
  report(title: string): Promise<string>;
  backup(): Promise<string>;
}

function seat(): Seat {
  const { dir, cleanup } = tempDir('wf-restore-');
  cleanups.push(cleanup);
  const clock = { t: T0 };
  const rt = SeatRuntime.open({
    dataDir: dir,
    seat: 'seat-1',
    operator: 'setup',
    version: 'test',
    now: () => clock.t,
    clock: new FakeClock(0),
  });
  cleanups.push(() => rt.close());
  const raw = <C extends Channel>(channel: C, req: unknown): Promise<Result<ResponseOf<C>>> => {
    // Validated as the router would.
    const parsed = channels[channel].safeParse(req);
    if (!parsed.success) throw new Error(`invalid ${channel}: ${parsed.error.message}`);
    return rt.handle(channel, parsed.data as ParsedRequestOf<C>);
  };
  const call = async <C extends Channel>(channel: C, req: unknown): Promise<ResponseOf<C>> => {
    const r = await raw(channel, req);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code}: ${r.error.message}`);
    return r.value;
  };
  return {
    rt,
    dir,
    clock,
    raw,
    call,
    report: async (title) =>
      (await call('incident.create', { title, category: 'fire', level: 3, district: 'jingan', channel: '119' })).id,
    backup: async () => {
      const job = await call('backup.create', { dir: path.join(dir, 'backups') });
      const done = await rt.core().console.jobs.wait(job.id);
      if (done.error) throw new Error(done.error);
      clock.t += 60_000;
      return done.files[0];
    },
  };
}

function hashStore(file: string): string {
  const h = crypto.createHash('sha256');
  for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) h.update(f).update(fs.readFileSync(f));
  return h.digest('hex');
}

describe('restoring a backup from the running seat', () => {
  it('replaces the live store, reloads the windows, keeps the old store and extends the audit chain', async () => {
    const s = seat();
    await s.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    await s.report('静安区居民楼厨房起火');
    await s.report('徐汇区漕溪北路燃气泄漏');
    const backup = await s.backup();
    const lateId = await s.report('长宁区延安西路两车追尾');
    expect(await s.call('incident.list', { limit: 100 })).toHaveLength(3);
    const reloads: string[] = [];
    s.rt.onModeChange((mode) => reloads.push(mode));
    const changes: number[] = [];
    s.rt.onChanges((b) => changes.push(b.changes.length));

    s.clock.t += 60_000;
    const restoring = s.call('backup.restore', { file: backup });
    // While the seat is between stores, requests get a typed answer telling the window to retry.
    const between = await s.raw('incident.list', { limit: 10 });
    expect(between.ok ? '' : between.error.code).toBe('store_unavailable');
    const result = await restoring;
    expect(result.backup.counts.incidents).toBe(2);
    expect(result.keptOld).toMatch(/live\.db\.before-restore-/);
    expect(reloads).toEqual(['live']);

    // What was written after the backup is gone; the replaced store is kept beside, whole.
    const list = await s.call('incident.list', { limit: 100 });
    expect(list.map((i) => i.title).sort()).toEqual(['徐汇区漕溪北路燃气泄漏', '静安区居民楼厨房起火']);
    expect(list.some((i) => i.id === lateId)).toBe(false);
    const old = new Database(result.keptOld ?? '', { readonly: true });
    expect((old.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n).toBe(3);
    old.close();

    // The restorer stays signed in, and the restored store's chain names them and the backup.
    expect(await s.call('session.current', {})).toMatchObject({ operator: '张伟', role: 'duty_chief' });
    expect(await s.call('audit.verify', {})).toMatchObject({ intact: true });
    const [entry] = await s.call('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'backup.restore', operator: '张伟', role: 'duty_chief', outcome: 'ok' });
    expect(entry.target).toBe(backup);
    expect(JSON.parse(entry.before ?? '{}')).toMatchObject({ counts: { incidents: 3 } });
    expect(JSON.parse(entry.after ?? '{}')).toMatchObject({
      backup,
      keptOld: result.keptOld,
      schemaVersion: SCHEMA_VERSION,
      counts: { incidents: 2 },
    });
    // The seat goes on working on the restored store, and its windows follow it.
    await s.report('普陀区真如地铁站设备故障');
    expect(changes.length).toBeGreaterThan(0);
    expect(await s.call('incident.list', { limit: 100 })).toHaveLength(3);
  });

  it('is the duty chief’s alone: other roles are refused (and the attempt audited), nothing replaced', async () => {
    const s = seat();
    await s.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    await s.call('operator.save', { name: '王领导', displayName: '王领导', roles: ['leader_on_duty', 'duty_officer'] });
    await s.report('静安区居民楼厨房起火');
    const backup = await s.backup();
    await s.report('徐汇区漕溪北路燃气泄漏');
    for (const role of ['leader_on_duty', 'duty_officer'] as const) {
      await s.call('session.signIn', { operator: '王领导', role });
      const r = await s.raw('backup.restore', { file: backup });
      expect(r.ok ? '' : r.error.code).toBe('refused');
      expect(r.ok ? '' : r.error.message).toMatch(/backup\.restore is not allowed .*Ask a duty chief \(值班长\)/);
    }
    expect(await s.call('incident.list', { limit: 100 })).toHaveLength(2);
    const refusals = (await s.call('audit.list', { limit: 10 })).filter((e) => e.action === 'backup.restore');
    expect(refusals.map((e) => [e.role, e.outcome])).toEqual([
      ['duty_officer', 'refused'],
      ['leader_on_duty', 'refused'],
    ]);
    expect(fs.readdirSync(s.dir).some((f) => f.includes('before-restore'))).toBe(false);
  });

  it('is refused while the seat plays an exercise', async () => {
    const s = seat();
    await s.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    const backup = await s.backup();
    await s.call('exercise.start', { scenarioId: 'gas-explosion-old-block', seed: '7', speed: 60 });
    const r = await s.raw('backup.restore', { file: backup });
    expect(r.ok ? '' : r.error.code).toBe('refused');
    expect(r.ok ? '' : r.error.message).toMatch(/cannot be restored during an exercise.*Leave the exercise first/);
    await s.call('exercise.leave', {});
    expect(fs.readdirSync(s.dir).some((f) => f.includes('before-restore'))).toBe(false);
  });

  it('refuses a damaged, foreign or newer backup and leaves the live store byte-for-byte as it was', async () => {
    const s = seat();
    await s.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    await s.report('静安区居民楼厨房起火');
    const good = await s.backup();
    const dir = path.dirname(good);

    const foreign = path.join(dir, 'watchfloor-live-foreign.db');
    fs.writeFileSync(foreign, Buffer.from('not a database '.repeat(500)));
    const newer = path.join(dir, 'watchfloor-live-newer.db');
    fs.copyFileSync(good, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    n.close();
    // A page the file counts but nothing uses (as a torn extension would leave): it opens and lists, but fails its check.
    const damaged = path.join(dir, 'watchfloor-live-damaged.db');
    const original = fs.readFileSync(good);
    const bytes = Buffer.concat([original, Buffer.alloc(original.readUInt16BE(16))]);
    bytes.writeUInt32BE(original.readUInt32BE(28) + 1, 28);
    fs.writeFileSync(damaged, bytes);

    const live = s.rt.liveFile;
    s.rt.core().checkpoint();
    const before = hashStore(live);
    const cases: [string, RegExp][] = [
      [foreign, /not restored: .* is not a readable Watchfloor backup.*live store was not touched/],
      [newer, /not restored: it was written by a newer Watchfloor/],
      [damaged, /not restored: it failed its integrity check/],
      [path.join(dir, 'missing.db'), /not restored: No backup at/],
    ];
    for (const [file, message] of cases) {
      const r = await s.raw('backup.restore', { file });
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.error.message).toMatch(message);
    }
    expect(hashStore(live)).toBe(before);
    expect(await s.call('incident.list', { limit: 100 })).toHaveLength(1);
    expect(fs.readdirSync(s.dir).some((f) => f.includes('before-restore'))).toBe(false);
  });

  it('puts the original store back and reopens it when the swap fails after the close', async () => {
    const s = seat();
    await s.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    await s.report('静安区居民楼厨房起火');
    const backup = await s.backup();
    await s.report('徐汇区漕溪北路燃气泄漏');
    // Another program holds the live store open (a technician's SQLite shell): its WAL stays after the seat closes.
    const other = new Database(s.rt.liveFile, { readonly: true });
    cleanups.push(() => {
      other.close();
    });
    other.prepare('SELECT count(*) FROM incidents').get();
    const reloads: string[] = [];
    s.rt.onModeChange((mode) => reloads.push(mode));

    const r = await s.raw('backup.restore', { file: backup });
    expect(r.ok ? '' : r.error.code).toBe('conflict');
    expect(r.ok ? '' : r.error.message).toMatch(
      /^The backup was not restored: The store is still open .* The live store is as it was and open again\.$/,
    );
    // The seat is on its own store again, with everything in it, still signed in, and it keeps working.
    expect(reloads).toEqual([]);
    expect(await s.call('incident.list', { scope: 'all', limit: 100 })).toHaveLength(2);
    expect(await s.call('session.current', {})).toMatchObject({ operator: '张伟', role: 'duty_chief' });
    await s.report('长宁区延安西路两车追尾');
    expect(await s.call('incident.list', { scope: 'all', limit: 100 })).toHaveLength(3);
    expect(await s.call('audit.verify', {})).toMatchObject({ intact: true });
    const attempt = (await s.call('audit.list', { limit: 10 })).find((e) => e.action === 'backup.restore');
    expect(attempt).toMatchObject({ operator: '张伟', outcome: 'conflict', target: backup });
    expect(fs.readdirSync(s.dir).some((f) => f.includes('before-restore'))).toBe(false);
  });
});

describe('a signed-out seat', () => {
  it('can neither restore nor start an exercise until someone signs in', async () => {
    const s = seat();
    await s.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    const backup = await s.backup();
    await s.call('session.signOut', {});
    const restore = await s.raw('backup.restore', { file: backup });
    expect(restore.ok ? '' : restore.error.code).toBe('signed_out');
    const start = await s.raw('exercise.start', { scenarioId: 'gas-explosion-old-block', seed: '7', speed: 60 });
    expect(start.ok ? '' : start.error.code).toBe('signed_out');
    expect(s.rt.mode).toBe('live');
    const [entry] = await s.call('audit.list', { limit: 1 });
    expect(entry).toMatchObject({ action: 'backup.restore', operator: '(nobody signed in)', outcome: 'signed_out' });

    await s.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    await s.call('exercise.start', { scenarioId: 'gas-explosion-old-block', seed: '7', speed: 60 });
    expect(s.rt.mode).toBe('exercise');
    await s.call('exercise.leave', {});
  });
});
