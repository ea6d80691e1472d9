/**
 * The engine's view of real time, injected so tests drive it by hand. The
 * real clock uses performance.now() (monotonic: a wall-clock step from NTP
 * must not fast-forward an exercise) and setTimeout.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface EngineClock {
  /** Monotonic milliseconds (may be fractional). */
  now(): number;
  setTimer(fn: () => void, delayMs: number): TimerHandle;
  clearTimer(handle: TimerHandle): void;
  /**
   * Busy-wait until `now()` reaches `realMs`. Timers wake late by up to their
   * granularity, which at ×60 is 60 ms of scenario time per real millisecond;
   * the engine wakes a little early and spins the last stretch instead.
   */
  spinUntil?(realMs: number): void;
}

export function realClock(): EngineClock {
  const timers = new Map<number, NodeJS.Timeout>();
  let nextId = 1;
  return {
    now: () => performance.now(),
    setTimer(fn, delayMs) {
      const id = nextId++;
      timers.set(
        id,
        setTimeout(
          () => {
            timers.delete(id);
            fn();
          },
          Math.max(0, delayMs),
        ),
      );
      return { id };
    },
    clearTimer(h) {
      const t = timers.get(h.id);
      if (t) clearTimeout(t);
      timers.delete(h.id);
    },
    spinUntil(realMs) {
      while (performance.now() < realMs) {
        // spin: at most the engine's wake lead (a couple of milliseconds)
      }
    },
  };
}

/**
 * A clock for tests: time moves only when `advance` is called, and timers
 * fire at exactly the (possibly fractional) moment they were due, in order.
 */
export class FakeClock implements EngineClock {
  private t: number;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  /**
   * @param granularityMs when set, timers fire only on multiples of it, like
   *   an event loop that wakes late: the engine must stay on time regardless.
   */
  constructor(
    start = 0,
    private readonly granularityMs = 0,
  ) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(fn: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    const exact = this.t + Math.max(0, delayMs);
    const g = this.granularityMs;
    this.timers.set(id, { at: g > 0 ? Math.ceil(exact / g) * g : exact, fn });
    return { id };
  }

  clearTimer(h: TimerHandle): void {
    this.timers.delete(h.id);
  }

  /** Spinning costs real time: the fake clock simply moves on to that moment. */
  spinUntil(realMs: number): void {
    this.t = Math.max(this.t, realMs);
  }

  pending(): number {
    return this.timers.size;
  }

  /** Move time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) {
        if (
          entry[1].at <= end &&
          (!due || entry[1].at < due[1].at || (entry[1].at === due[1].at && entry[0] < due[0]))
        ) {
          due = entry;
        }
      }
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = Math.max(this.t, end);
  }
}
