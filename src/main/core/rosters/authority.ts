import type { Database as Db } from 'better-sqlite3';
import type { Actor } from '../context';

/**
 * Who may approve roster swaps: the duty chief. The seat's operator qualifies
 * when signed in with the duty chief's or the leader on duty's role (the
 * seat's role system), or when they are a rostered person (matched by login)
 * who holds the duty-chief qualification or is on duty right now in the
 * duty-chief position.
 */
export const DUTY_CHIEF_QUALIFICATION = 'duty_chief';
export const DUTY_CHIEF_POSITION = 'chief';

export function isDutyChief(db: Db, actor: Actor, at: number): boolean {
  if (actor.role === 'duty_chief' || actor.role === 'leader_on_duty') return true;
  const person = db
    .prepare('SELECT id, qualifications FROM roster_people WHERE login = ? AND active = 1')
    .get(actor.operator) as { id: string; qualifications: string } | undefined;
  if (!person) return false;
  if ((JSON.parse(person.qualifications) as string[]).includes(DUTY_CHIEF_QUALIFICATION)) return true;
  const onDuty = db
    .prepare(
      `SELECT 1 FROM roster_assignments a JOIN roster_positions p ON p.id = a.position_id
       WHERE a.person_id = ? AND p.code = ? AND a.start_at <= ? AND a.end_at > ?`,
    )
    .get(person.id, DUTY_CHIEF_POSITION, at, at);
  return onDuty !== undefined;
}
