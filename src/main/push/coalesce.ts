import type { ChangeBatch } from '../../shared/ipc';

/** Minimum gap between two pushes to one window: about one frame. */
export const PUSH_INTERVAL_MS = 16;

export type Schedule = (fn: () => void, ms: number) => { cancel(): void };

/** Fold a later batch into an earlier one: the cursor only moves forward. */
export function mergeBatches(a: ChangeBatch, b: ChangeBatch): ChangeBatch {
  return { cursor: Math.max(a.cursor, b.cursor), changes: a.changes.concat(b.changes) };
}

export interface Coalescer {
  push(batch: ChangeBatch): void;
  /** Drop what is pending but keep serving (the window reloads onto another store). */
  clear(): void;
  /** Drop anything pending and stop the timer (window closed). */
  dispose(): void;
}

/**
 * Per-window push limiter. The first batch after a quiet spell goes out at
 * once; batches arriving within the next interval are merged and sent as one
 * when it ends. So a feed burst costs a window at most one IPC message and
 * one render per frame, and a lone change is not delayed.
 */
export function createCoalescer(
  send: (batch: ChangeBatch) => void,
  schedule: Schedule,
  intervalMs = PUSH_INTERVAL_MS,
): Coalescer {
  let pending: ChangeBatch | undefined;
  let timer: { cancel(): void } | undefined;
  let disposed = false;

  const coolDown = (): void => {
    timer = schedule(() => {
      timer = undefined;
      if (disposed || !pending) return;
      const out = pending;
      pending = undefined;
      send(out);
      coolDown();
    }, intervalMs);
  };

  return {
    push(batch) {
      if (disposed) return;
      if (timer) {
        pending = pending ? mergeBatches(pending, batch) : batch;
        return;
      }
      send(batch);
      coolDown();
    },
    clear() {
      pending = undefined;
    },
    dispose() {
      disposed = true;
      pending = undefined;
      timer?.cancel();
      timer = undefined;
    },
  };
}

export const realSchedule: Schedule = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(t) };
};
