import type { Database as Db } from 'better-sqlite3';
import { CONTROL_TYPES } from './engine';

/**
 * Exercise time on a seat that joined another seat's exercise. The
 * controller broadcasts `exercise.state` (state, speed, exercise time) on
 * every start, pause, speed change and jump; between broadcasts this clock
 * runs on from the last one at the broadcast speed, so the joined seat stamps
 * its records with (nearly) the controller's exercise time. Before the first
 * broadcast arrives it is the seat's own wall clock.
 */
export class RemoteExerciseClock {
  private anchor: { epoch: number; wall: number; speed: number; running: boolean } | null = null;

  constructor(private readonly wall: () => number = Date.now) {}

  readonly now = (): number => {
    const a = this.anchor;
    if (!a) return this.wall();
    return Math.floor(a.epoch + (a.running ? (this.wall() - a.wall) * a.speed : 0));
  };

  /** Re-anchor on the newest state broadcast stored in this seat's exercise store. */
  refresh(db: Db): void {
    const row = db
      .prepare('SELECT payload FROM exercise_control WHERE type = ? ORDER BY at DESC, received_at DESC LIMIT 1')
      .get(CONTROL_TYPES.state) as { payload: string } | undefined;
    if (!row) return;
    const p = JSON.parse(row.payload) as { epochNow?: unknown; speed?: unknown; state?: unknown };
    if (typeof p.epochNow !== 'number' || typeof p.speed !== 'number') return;
    this.anchor = { epoch: p.epochNow, wall: this.wall(), speed: p.speed, running: p.state === 'running' };
  }
}
