import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupScheduler, type Timers } from '../../src/main/core/backup/scheduler';
import { listBackups } from '../../src/main/core/backup/service';
import { tempDir } from '../helpers/tmp';
import { harness, type Harness } from '../helpers/console';

const HOUR = 3_600_000;

/** A clock and timer queue the test moves by hand. */
function fakeClock(start: number): {
  now: () => number;
  timers: Timers;
  advance: (ms: number) => void;
  pending: () => number;
} {
  let now = start;
  let seq = 0;
  const queue = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    timers: {
      set: (fn, ms) => {
        queue.set(++seq, { at: now + ms, fn });
        return seq;
      },
      clear: (h) => {
        queue.delete(h as number);
      },
    },
    advance: (ms) => {
      now += ms;
      for (const [id, t] of [...queue]) {
        if (t.at <= now) {
          queue.delete(id);
          t.fn();
        }
      }
    },
    pending: () => queue.size,
  };
}

const flush = (): Promise<void> => new Promise((r) => setImmediate(r));

let cleanup: (() => void)[] = [];
let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
  for (const c of cleanup) c();
  cleanup = [];
});

describe('scheduled backups', () => {
  it('runs every N hours on the clock, keeps the newest N, and stops on close', async () => {
    const tmp = tempDir('wf-sched-');
    cleanup.push(tmp.cleanup);
    const clock = fakeClock(Date.UTC(2026, 10, 29, 0, 0));
    let n = 0;
    const backup = (dir: string): Promise<string> => {
      fs.mkdirSync(dir, { recursive: true });
      // Named like real backups so pruning (newest first) sees them.
      const file = path.join(dir, `watchfloor-live-2026112${n++}.db`);
      fs.writeFileSync(file, 'x');
      return Promise.resolve(file);
    };
    const settings = path.join(tmp.dir, 'schedule.json');
    const s = new BackupScheduler(backup, clock.now, path.join(tmp.dir, 'backups'), settings, clock.timers);
    expect(s.state()).toMatchObject({ everyHours: 0, nextAt: null });
    expect(clock.pending()).toBe(0);

    const dir = path.join(tmp.dir, 'nightly');
    const st = s.configure({ dir, everyHours: 6, keep: 2 });
    expect(st.nextAt).toBe(clock.now() + 6 * HOUR);
    clock.advance(5 * HOUR);
    await flush();
    expect(n).toBe(0);
    for (let i = 0; i < 3; i++) {
      clock.advance(HOUR * (i === 0 ? 1 : 6));
      await flush();
    }
    expect(n).toBe(3);
    expect(s.state()).toMatchObject({ lastError: null, running: false });
    expect(fs.readdirSync(dir).length).toBe(2);

    // The settings survive a restart.
    s.stop();
    expect(clock.pending()).toBe(0);
    const again = new BackupScheduler(backup, clock.now, path.join(tmp.dir, 'backups'), settings, clock.timers);
    expect(again.state()).toMatchObject({ dir, everyHours: 6, keep: 2 });
    expect(clock.pending()).toBe(1);
    again.configure({ dir, everyHours: 0, keep: 2 });
    expect(clock.pending()).toBe(0);
    again.stop();
  });

  it('records a failed run and tries again at the next interval', async () => {
    const tmp = tempDir('wf-sched-');
    cleanup.push(tmp.cleanup);
    const clock = fakeClock(0);
    let fail = true;
    const s = new BackupScheduler(
      () => (fail ? Promise.reject(new Error('disk full')) : Promise.resolve('ok.db')),
      clock.now,
      tmp.dir,
      null,
      clock.timers,
    );
    s.configure({ dir: tmp.dir, everyHours: 1, keep: 3 });
    clock.advance(HOUR);
    await flush();
    expect(s.state()).toMatchObject({ lastError: 'disk full', lastRunAt: HOUR, nextAt: 2 * HOUR });
    fail = false;
    clock.advance(HOUR);
    await flush();
    expect(s.state()).toMatchObject({ lastError: null, lastFile: 'ok.db' });
    s.stop();
  });

  it('is reached through the core: seniors set it, a real backup lands in the folder, officers are refused', async () => {
    h = harness({ role: 'duty_chief' });
    const tmp = tempDir('wf-sched-');
    cleanup.push(tmp.cleanup);
    expect(h.call('backup.schedule.get', {}).defaultDir).toBe(path.join(path.dirname(h.core.store.file), 'backups'));
    const st = h.call('backup.schedule.set', { dir: tmp.dir, everyHours: 12, keep: 3 });
    expect(st).toMatchObject({ everyHours: 12, keep: 3 });
    expect(st.nextAt).not.toBeNull();
    h.report();
    await h.core.console.schedule.runNow();
    const [b] = listBackups(tmp.dir);
    expect(b.counts.incidents).toBe(1);
    h.call('session.signIn', { operator: '王敏', role: 'duty_officer' });
    expect(() => h?.call('backup.schedule.set', { dir: tmp.dir, everyHours: 1, keep: 3 })).toThrow(/refused/);
  });
});
