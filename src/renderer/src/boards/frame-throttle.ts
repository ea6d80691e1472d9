/**
 * Runs `fn` on an animation frame, at most once every `minMs`: requests in
 * between fold into the next run. Used for redraws that cost more than a
 * frame's budget when repeated on every frame of a burst.
 */
export class FrameThrottle {
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private last = -Infinity;

  constructor(
    private readonly minMs: number,
    private readonly fn: () => void,
  ) {}

  /** `now`: on the next frame, whatever the interval (the interval then counts from this run). */
  request(now = false): void {
    if (now && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.frame !== null || this.timer !== null) return;
    if (now) {
      this.frame = requestAnimationFrame(() => this.run());
      return;
    }
    const wait = Math.max(0, this.last + this.minMs - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.frame = requestAnimationFrame(() => this.run());
    }, wait);
  }

  private run(): void {
    this.frame = null;
    this.last = performance.now();
    this.fn();
  }

  cancel(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
  }
}
