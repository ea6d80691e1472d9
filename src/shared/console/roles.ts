/**
 * Seat roles and the permission table. Pure data: the core enforces it on every
 * request, the renderer uses it to grey out what the signed-in role cannot do.
 */

export const ROLES = ['duty_officer', 'duty_chief', 'leader_on_duty', 'wall_readonly'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_ALL: readonly Role[] = ROLES;
const OPERATORS: readonly Role[] = ['duty_officer', 'duty_chief', 'leader_on_duty'];
const SENIOR: readonly Role[] = ['duty_chief', 'leader_on_duty'];
const LEADER: readonly Role[] = ['leader_on_duty'];
const DUTY_CHIEF: readonly Role[] = ['duty_chief'];

/**
 * Action → roles that may perform it. Actions are channel names where one
 * channel is one decision; finer actions (raising to level I/II, reopening)
 * have their own names and are checked inside the service.
 */
export const PERMISSIONS = {
  'incident.create': OPERATORS,
  'incident.acknowledge': OPERATORS,
  'incident.transition': OPERATORS,
  /** Reopening a closed incident or a false alarm overturns a decision: seniors only. */
  'incident.reopen': SENIOR,
  'incident.setLevel': OPERATORS,
  /** Setting level I or II (特别重大/重大) is approved by the duty chief or leader on duty. */
  'incident.setLevel.major': SENIOR,
  'incident.setCategory': OPERATORS,
  'incident.assign': OPERATORS,
  'incident.note': OPERATORS,
  'incident.close': OPERATORS,
  'incident.split': OPERATORS,
  'queue.views.save': OPERATORS,
  'queue.views.delete': OPERATORS,
  'merge.propose': OPERATORS,
  'merge.accept': OPERATORS,
  'merge.reject': OPERATORS,
  'merge.undo': SENIOR,
  'plan.activate': OPERATORS,
  'plan.step': OPERATORS,
  'audit.export': SENIOR,
  'report.export': OPERATORS,
  'backup.create': SENIOR,
  'backup.prune': LEADER,
  'backup.schedule.set': SENIOR,
  /** Replacing the live store with a backup is the duty chief's decision alone. */
  'backup.restore': DUTY_CHIEF,
  'operator.save': SENIOR,
  /** Anyone may sign in at a seat, whatever role was signed in before. */
  'session.signIn': ROLES,
  /** Whoever is signed in may sign out, the wall included. */
  'session.signOut': ROLES,
} as const satisfies Record<string, readonly Role[]>;
export type Action = keyof typeof PERMISSIONS;

/** Reads are open to every role, the wall included; any write not listed needs an operator role. */
export const DEFAULT_WRITE_ROLES: readonly Role[] = OPERATORS;

export function isAction(name: string): name is Action {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, name);
}

export function rolesFor(action: string, isWrite: boolean): readonly Role[] {
  if (isAction(action)) return PERMISSIONS[action];
  return isWrite ? DEFAULT_WRITE_ROLES : ROLES;
}

export function mayPerform(role: Role, action: string, isWrite = true): boolean {
  return rolesFor(action, isWrite).includes(role);
}

/**
 * Channels whose last segment is one of these verbs only read. Everything else
 * is a write: it is permission-checked and lands in the audit log. Defaulting
 * to "write" means a new channel someone forgets to classify is audited, not hidden.
 */
const READ_VERBS = new Set([
  'info',
  'list',
  'get',
  'byIds',
  'kpis',
  'trend',
  'since',
  'query',
  'search',
  'similar',
  'suggest',
  'library',
  'checklist',
  'overdue',
  'proposals',
  'verify',
  'current',
  'job',
  'inspect',
  'integrity',
  'activityLog',
  'reports',
]);

export function isReadChannel(channel: string): boolean {
  const last = channel.slice(channel.lastIndexOf('.') + 1);
  return READ_VERBS.has(last) || channel.endsWith('.views.list');
}
