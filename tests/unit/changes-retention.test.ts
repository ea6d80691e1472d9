import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { CHANGE_RETENTION, type ChangeRetention } from '../../src/main/core/store/changes';
import type { ChangeBatch } from '../../src/shared/ipc';
import { LiveStore } from '../../src/renderer/src/live-store';
import { FakeClock } from '../helpers/resources';
import { tempDir } from '../helpers/tmp';

const MIN = 60_000;
let cleanup: (() => void) | null = null;
let core: Core | null = null;
afterEach(() => {
  core?.close();
  core = null;
  cleanup?.();
  cleanup = null;
});

function open(retention?: Partial<ChangeRetention>): { core: Core; clock: FakeClock } {
  const t = tempDir('wf-changes-');
  cleanup = t.cleanup;
  const clock = new FakeClock(Date.UTC(2026, 10, 29, 0, 0, 0));
  core = new Core({
    dbFile: path.join(t.dir, 'live.db'),
    seat: 'seat-1',
    operator: 'tester',
    mode: 'live',
    version: 'test',
    now: clock.now,
    changeRetention: retention,
  });
  return { core, clock };
}

const rows = (c: Core): number => (c.ctx.db.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;

/** `units` trackers reporting every 10 s for `minutes`, the core pruning once a (simulated) minute. */
function stream(c: Core, clock: FakeClock, units: number, minutes: number, onMinute: () => void): void {
  for (let m = 0; m < minutes; m++) {
    for (let tick = 0; tick < 6; tick++) {
      const fixes = [];
      for (let u = 0; u < units; u++) {
        fixes.push({ unitId: `AVL-${u}`, lat: 31.2 + u / 1e4, lon: 121.4 + tick / 1e4, at: clock.t });
      }
      c.resources.units.applyPositions(fixes);
      clock.advance(10_000);
    }
    c.pruneChanges();
    onMinute();
  }
}

describe('change-log retention', () => {
  it('keeps the last ten minutes under a long stream of position fixes, and never loses an unannounced change', () => {
    const { core: c, clock } = open();
    const announced: number[] = [];
    c.onChanges((b) => announced.push(...b.changes.map((x) => x.id)));
    const perMinute = 200 * 6;
    let most = 0;
    // 200 units × one fix per 10 s for 90 minutes: 108,000 fixes, each one change.
    stream(c, clock, 200, 90, () => (most = Math.max(most, rows(c))));
    const head = c.ctx.changes.cursor();
    expect(head).toBeGreaterThanOrEqual(90 * perMinute);
    // Bounded: the ten-minute window plus at most one minute that arrived since the last run.
    const window = (CHANGE_RETENTION.keepMs / MIN) * perMinute;
    expect(most).toBeLessThanOrEqual(window + perMinute + 1);
    expect(rows(c)).toBeGreaterThanOrEqual(window);
    // Without pruning the table would hold every change: the rule removed the rest.
    expect(rows(c)).toBeLessThan(head / 5);
    // Every change reached the listeners, in order and once: pruning never ran ahead of the pushes.
    expect(announced).toHaveLength(head);
    expect(announced.every((id, i) => id === i + 1)).toBe(true);
  });

  it('caps the row count when changes come faster than the time window allows, and keeps ids rising', () => {
    const { core: c, clock } = open({ maxRows: 3000 });
    let most = 0;
    stream(c, clock, 100, 30, () => (most = Math.max(most, rows(c))));
    expect(most).toBeLessThanOrEqual(3000 + 600);
    // Past the time window the newest `minRows` stay: here the cap (3,000) is the smaller, so it decides.
    const head = c.ctx.changes.cursor();
    clock.advance(60 * MIN);
    c.pruneChanges();
    expect(rows(c)).toBe(3000);
    // A backlog (an old store's first run) goes in bounded chunks, and the run says it is not done.
    const before = rows(c);
    const partial = c.ctx.changes.prune({ keepMs: 0, maxRows: 1, minRows: 0 }, head, { chunk: 100, chunks: 2 });
    expect(partial).toMatchObject({ deleted: 200, done: false });
    expect(rows(c)).toBe(before - 200);
    // Nothing above the ceiling (changes not yet pushed to windows) is ever pruned.
    c.ctx.changes.prune({ keepMs: 0, maxRows: 1, minRows: 0 }, head - 50);
    expect(c.ctx.changes.floor()).toBe(head - 50);
    // Even a rule that lets everything go keeps the newest row, so ids are never reused.
    c.ctx.changes.prune({ keepMs: 0, maxRows: 1, minRows: 0 }, head);
    expect(rows(c)).toBe(1);
    c.resources.units.applyPosition('AVL-1', 31.2, 121.5, clock.t);
    expect(c.ctx.changes.cursor()).toBe(head + 1);
  });

  it('keeps the newest minRows past the time window: a quiet seat, or a fast exercise clock, keeps a tail', () => {
    const { core: c, clock } = open({ minRows: 500 });
    stream(c, clock, 10, 30, () => undefined); // 60 changes a minute: 1,800 rows, all within 30 minutes
    clock.advance(60 * MIN); // the whole log is now older than the window
    c.pruneChanges();
    expect(rows(c)).toBe(500);
    expect(c.ctx.changes.floor()).toBe(c.ctx.changes.cursor() - 500);
  });

  it('tells a reader whose cursor fell below the pruned floor to reload, and serves one at the floor', () => {
    const { core: c, clock } = open({ minRows: 1000 });
    stream(c, clock, 50, 30, () => undefined);
    const floor = c.ctx.changes.floor();
    const head = c.ctx.changes.cursor();
    expect(floor).toBeGreaterThan(0);
    const behind = c.handle('changes.since', { cursor: floor - 1 });
    expect(behind).toEqual({ ok: true, value: { cursor: head, changes: [], reset: true } });
    const never = c.handle('changes.since', { cursor: 0 });
    expect(never.ok && never.value.reset).toBe(true);
    const atFloor = c.handle('changes.since', { cursor: floor });
    expect(atFloor.ok && atFloor.value.reset).toBeUndefined();
    expect(atFloor.ok && atFloor.value.changes[0].id).toBe(floor + 1);
    // A cursor from another store (ahead of this log) is told to reload too.
    const foreign = c.handle('changes.since', { cursor: head + 10 });
    expect(foreign.ok && foreign.value.reset).toBe(true);
    // The head itself is up to date: nothing to read, nothing to reload.
    expect(c.handle('changes.since', { cursor: head })).toEqual({ ok: true, value: { cursor: head, changes: [] } });
  });
});

describe('a window following the log (LiveStore)', () => {
  it('reloads in full when what it missed was pruned, and patches by id when it was not', async () => {
    const timers = new Map<number, ReturnType<typeof setTimeout>>();
    let next = 0;
    const frames = {
      request: (cb: () => void): number => {
        timers.set(++next, setTimeout(cb, 0));
        return next;
      },
      cancel: (id: number): void => clearTimeout(timers.get(id)),
    };
    const { core: c, clock } = open({ minRows: 1000 });
    const since = (cursor: number): Promise<ChangeBatch | null> => {
      const r = c.handle('changes.since', { cursor });
      return Promise.resolve(r.ok ? r.value : null);
    };
    let resets = 0;
    const store = new LiveStore(
      () => null,
      since,
      () => resets++,
      frames,
    );
    const seen: string[][] = [];
    store.subscribe('unit', (ch) => seen.push(ch.upserted));
    const pushed: ChangeBatch[] = [];
    const off = c.onChanges((b) => pushed.push(b));
    c.resources.units.applyPosition('AVL-1', 31.2, 121.4, clock.t);
    c.flushChanges();
    await store.receive(pushed[0]);
    // A short gap (one lost push) is filled from the log: no reload.
    c.resources.units.applyPosition('AVL-2', 31.2, 121.4, clock.t);
    c.flushChanges();
    c.resources.units.applyPosition('AVL-3', 31.2, 121.4, clock.t);
    c.flushChanges();
    await store.receive(pushed[pushed.length - 1]);
    expect(resets).toBe(0);
    expect(store.position).toBe(c.ctx.changes.cursor());
    await new Promise((r) => setTimeout(r, 5));
    expect(seen.flat().sort()).toEqual(['AVL-1', 'AVL-2', 'AVL-3']);

    // Out of touch for longer than the log keeps: the next push reveals a gap the log cannot fill.
    const missedFrom = pushed.length;
    stream(c, clock, 20, 15, () => undefined);
    c.resources.units.applyPosition('AVL-4', 31.2, 121.4, clock.t);
    c.flushChanges();
    expect(c.ctx.changes.floor()).toBeGreaterThan(store.position ?? 0);
    await store.receive(pushed[pushed.length - 1]);
    expect(resets).toBe(1);
    // Nothing half-applied is delivered to screens, and later pushes are ignored until the reload.
    await store.receive(pushed[missedFrom]);
    expect(resets).toBe(1);
    off();
  });
});
