import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { Session } from '../../../shared/contracts/console';
import type { Role } from '../../../shared/console/roles';
import { ROLES } from '../../../shared/console/roles';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { NOBODY, roleOf } from './guard';

interface OperatorRow {
  name: string;
  display_name: string;
  roles: string;
  pin_salt: string | null;
  pin_hash: string | null;
}

function hashPin(pin: string, salt: string): string {
  return scryptSync(pin, salt, 32).toString('hex');
}

/**
 * Local identities at the seat. An operator signs in with a name, a role and
 * (when one is set) a PIN. The first sign-in on a fresh store registers that
 * person so a new seat works without configuration; after that only
 * registered operators may sign in, and only with a role they hold.
 */
export class Sessions {
  /** null after a sign-out, until someone signs in. */
  private current: Session | null;

  constructor(private readonly ctx: CoreContext) {
    this.current = {
      seat: ctx.actor.seat,
      operator: ctx.actor.operator,
      displayName: ctx.actor.operator,
      role: roleOf(ctx.actor),
      signedInAt: ctx.now(),
    };
  }

  session(): Session | null {
    return this.current ? { ...this.current } : null;
  }

  /**
   * End the seat's session. The seat stays up for reading (a wall keeps
   * showing), but every action is refused until someone signs in again.
   */
  signOut(): { operator: string; signedOutAt: number } {
    const operator = this.current?.operator ?? this.ctx.actor.operator;
    this.current = null;
    this.ctx.actor.operator = NOBODY;
    this.ctx.actor.role = undefined;
    this.ctx.actor.signedOut = true;
    return { operator, signedOutAt: this.ctx.now() };
  }

  /**
   * Carry a session over to a store the seat reopened (after a restore):
   * the person at the seat already signed in and stays signed in, whether or
   * not the restored store lists them. null keeps the seat signed out.
   */
  resume(session: Session | null): void {
    if (!session) {
      this.signOut();
      return;
    }
    this.ctx.actor.operator = session.operator;
    this.ctx.actor.role = session.role;
    this.ctx.actor.signedOut = false;
    this.current = { ...session };
  }

  signIn(operator: string, role: Role, pin?: string): Session {
    const db = this.ctx.db;
    const row = db.prepare('SELECT * FROM operators WHERE name = ?').get(operator) as OperatorRow | undefined;
    if (!row) {
      // The placeholder the audit log shows while nobody is signed in is not a name anyone may take.
      if (operator === NOBODY) throw new CoreError('invalid_request', `${operator} cannot be used as a name.`);
      const any = db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number };
      if (any.n > 0) {
        throw new CoreError('refused', `${operator} is not registered at this seat. Ask the duty chief to add you.`);
      }
      this.save(operator, operator, [role], pin);
    } else {
      const roles = JSON.parse(row.roles) as Role[];
      if (!roles.includes(role)) {
        throw new CoreError(
          'refused',
          `${operator} does not hold the ${role} role. Sign in with one of: ${roles.join(', ')}.`,
        );
      }
      if (row.pin_hash && row.pin_salt) {
        const given = Buffer.from(hashPin(pin ?? '', row.pin_salt), 'hex');
        if (!pin || !timingSafeEqual(given, Buffer.from(row.pin_hash, 'hex'))) {
          throw new CoreError('refused', 'The PIN is not correct.');
        }
      }
    }
    this.ctx.actor.operator = operator;
    this.ctx.actor.role = role;
    this.ctx.actor.signedOut = false;
    const name = (db.prepare('SELECT display_name AS d FROM operators WHERE name = ?').get(operator) as { d: string })
      .d;
    const session: Session = {
      seat: this.ctx.actor.seat,
      operator,
      displayName: name,
      role,
      signedInAt: this.ctx.now(),
    };
    this.current = session;
    return { ...session };
  }

  save(
    name: string,
    displayName: string,
    roles: Role[],
    pin?: string,
  ): { name: string; displayName: string; roles: Role[] } {
    const clean = ROLES.filter((r) => roles.includes(r));
    const salt = pin ? randomBytes(16).toString('hex') : null;
    this.ctx.db
      .prepare(
        `INSERT INTO operators (name, display_name, roles, pin_salt, pin_hash, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, roles = excluded.roles,
          pin_salt = coalesce(excluded.pin_salt, pin_salt), pin_hash = coalesce(excluded.pin_hash, pin_hash),
          updated_at = excluded.updated_at`,
      )
      .run(name, displayName, JSON.stringify(clean), salt, pin && salt ? hashPin(pin, salt) : null, this.ctx.now());
    this.ctx.changes.record('operator', name, 'update');
    return { name, displayName, roles: clean };
  }
}
