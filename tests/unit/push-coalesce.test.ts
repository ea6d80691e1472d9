import { describe, expect, it } from 'vitest';
import { createCoalescer, mergeBatches, type Schedule } from '../../src/main/push/coalesce';
import type { ChangeBatch } from '../../src/shared/ipc';

/** A scheduler the test advances by hand: no real timers, no timing assertions. */
function manualScheduler(): { schedule: Schedule; fire: () => void; pending: () => number } {
  const queue: { fn: () => void; cancelled: boolean }[] = [];
  return {
    schedule: (fn) => {
      const entry = { fn, cancelled: false };
      queue.push(entry);
      return { cancel: () => (entry.cancelled = true) };
    },
    fire: () => {
      const entry = queue.shift();
      if (entry && !entry.cancelled) entry.fn();
    },
    pending: () => queue.filter((e) => !e.cancelled).length,
  };
}

const b = (cursor: number, ...ids: number[]): ChangeBatch => ({
  cursor,
  changes: ids.map((id) => ({ id, entity: 'incident', entityId: `i${id}`, op: 'insert' as const })),
});

describe('push coalescer', () => {
  it('sends a lone batch at once', () => {
    const s = manualScheduler();
    const sent: ChangeBatch[] = [];
    const c = createCoalescer((x) => sent.push(x), s.schedule);
    c.push(b(1, 1));
    expect(sent).toEqual([b(1, 1)]);
  });

  it('merges a burst within one interval into one push, in order, cursor forward', () => {
    const s = manualScheduler();
    const sent: ChangeBatch[] = [];
    const c = createCoalescer((x) => sent.push(x), s.schedule);
    c.push(b(1, 1));
    for (let i = 2; i <= 100; i++) c.push(b(i, i));
    expect(sent).toHaveLength(1);
    s.fire();
    expect(sent).toHaveLength(2);
    expect(sent[1].cursor).toBe(100);
    expect(sent[1].changes.map((x) => x.id)).toEqual(Array.from({ length: 99 }, (_, i) => i + 2));
    // Nothing more pending: the next interval ends quietly and the one after sends at once.
    s.fire();
    expect(sent).toHaveLength(2);
    c.push(b(101, 101));
    expect(sent).toHaveLength(3);
  });

  it('never sends twice within one interval, and delivers every change once, in order', () => {
    const s = manualScheduler();
    const sent: ChangeBatch[] = [];
    const c = createCoalescer((x) => sent.push(x), s.schedule);
    let id = 0;
    for (let interval = 0; interval < 10; interval++) {
      const before = sent.length;
      for (let i = 0; i < 5; i++) c.push(b(++id, id));
      // Within an interval (between two timer firings) at most one push goes out.
      expect(sent.length - before).toBeLessThanOrEqual(1);
      s.fire();
    }
    s.fire();
    expect(sent.flatMap((x) => x.changes.map((ch) => ch.id))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(sent.at(-1)?.cursor).toBe(50);
    expect(sent.length).toBeLessThan(50);
  });

  it('dispose drops what is pending and stops the timer', () => {
    const s = manualScheduler();
    const sent: ChangeBatch[] = [];
    const c = createCoalescer((x) => sent.push(x), s.schedule);
    c.push(b(1, 1));
    c.push(b(2, 2));
    c.dispose();
    expect(s.pending()).toBe(0);
    s.fire();
    c.push(b(3, 3));
    expect(sent).toEqual([b(1, 1)]);
  });

  it('clear drops what is pending from the old store and keeps serving the window', () => {
    const s = manualScheduler();
    const sent: ChangeBatch[] = [];
    const c = createCoalescer((x) => sent.push(x), s.schedule);
    c.push(b(1, 1));
    c.push(b(2, 2));
    c.clear();
    s.fire();
    c.push(b(3, 3));
    expect(sent).toEqual([b(1, 1), b(3, 3)]);
  });

  it('mergeBatches keeps the higher cursor even when batches arrive out of order', () => {
    expect(mergeBatches(b(5, 5), b(3, 3))).toEqual({ cursor: 5, changes: [...b(5, 5).changes, ...b(3, 3).changes] });
  });
});
