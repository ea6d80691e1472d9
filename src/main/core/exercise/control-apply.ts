import type { Database as Db } from 'better-sqlite3';
import type { ChangeLog } from '../store/changes';
import type { TypedEvent } from '../feeds/validate';

type ControlEvent = Extract<
  TypedEvent,
  { type: 'exercise.call' | 'exercise.message' | 'exercise.state' | 'exercise.stop' }
>;

/**
 * A control event from the exercise server, inside the ingest transaction:
 * kept in `exercise_control` (the seat's prompts: calls to log, messages; and
 * the clock and stop signals the seat runtime acts on after the commit). A
 * live seat never acts on one: it becomes a fault, stored for an officer to see.
 */
export function applyExerciseControl(
  db: Db,
  changes: ChangeLog,
  now: () => number,
  mode: 'live' | 'exercise',
  ev: ControlEvent,
): string | null {
  if (mode !== 'exercise') return `${ev.type} arrived on a live feed; exercise control is ignored outside an exercise`;
  const r = db
    .prepare(
      'INSERT OR IGNORE INTO exercise_control (event_id, stream, type, payload, at, received_at) VALUES (?, ?, ?, ?, ?, ?)',
    )
    .run(ev.envelope.id, ev.envelope.stream, ev.type, JSON.stringify(ev.payload), ev.ts, now());
  if (r.changes > 0) changes.record('exercise_control', ev.envelope.id, 'insert');
  return null;
}
