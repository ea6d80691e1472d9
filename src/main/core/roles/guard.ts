import { mayPerform, rolesFor, type Role } from '../../../shared/console/roles';
import { CoreError } from '../../../shared/result';
import type { Actor } from '../context';

const ROLE_NAMES: Record<Role, string> = {
  duty_officer: 'duty officer (值班员)',
  duty_chief: 'duty chief (值班长)',
  leader_on_duty: 'leader on duty (带班领导)',
  wall_readonly: 'wall display (read-only)',
};

/** The actor's role; an actor without one (a feed, an exercise inject) acts as a duty officer. */
export function roleOf(actor: Actor): Role {
  return actor.role ?? 'duty_officer';
}

/** Who the audit log names while nobody is signed in at the seat. */
export const NOBODY = '(nobody signed in)';
/** The audit log's role column while nobody is signed in. */
export const NO_ROLE = 'signed_out';

/** Refuse an action the signed-in role may not take, saying who may. */
export function requireRole(actor: Actor, action: string, isWrite = true): void {
  if (actor.signedOut) {
    // Reads stay open (a signed-out wall keeps showing); signing in is how to leave this state.
    if (!isWrite || action === 'session.signIn') return;
    throw new CoreError(
      'signed_out',
      `Nobody is signed in at this seat, so ${action} was not done. Sign in with your name and role (top bar), then try again.`,
    );
  }
  if (mayPerform(roleOf(actor), action, isWrite)) return;
  throw refusal(roleOf(actor), action, rolesFor(action, isWrite));
}

export function refusal(role: Role, action: string, allowed: readonly Role[]): CoreError {
  const who = allowed.map((r) => ROLE_NAMES[r]).join(', ');
  return new CoreError(
    'refused',
    `${action} is not allowed for the ${ROLE_NAMES[role]} role. Ask a ${who || 'senior officer'} to do it, or sign in with that role.`,
  );
}

export function actorName(actor: Actor): string {
  return `${actor.operator}@${actor.seat}`;
}
