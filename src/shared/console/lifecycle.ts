import { haversineMetres, type Category, type IncidentStatus, type Level } from '../domain';
import type { Role } from './roles';

/**
 * The incident state machine. Pure: the core applies it, the renderer shows
 * only the buttons it allows, the tests walk every pair.
 *
 *   reported → verified → responding → contained → closed
 *        ↘ false_alarm   (from reported/verified)
 *        ↘ merged        (only through a merge; undone only by undoing it)
 */
export interface TransitionRule {
  to: IncidentStatus;
  roles: readonly Role[];
  /** Which permission action the rule stands for (for messages and audit). */
  action: 'incident.transition' | 'incident.close' | 'incident.reopen';
}

const OPS: readonly Role[] = ['duty_officer', 'duty_chief', 'leader_on_duty'];
const SENIOR: readonly Role[] = ['duty_chief', 'leader_on_duty'];

export const TRANSITIONS: Record<IncidentStatus, readonly TransitionRule[]> = {
  reported: [
    { to: 'verified', roles: OPS, action: 'incident.transition' },
    { to: 'responding', roles: OPS, action: 'incident.transition' },
    { to: 'false_alarm', roles: OPS, action: 'incident.transition' },
  ],
  verified: [
    { to: 'responding', roles: OPS, action: 'incident.transition' },
    { to: 'contained', roles: OPS, action: 'incident.transition' },
    { to: 'false_alarm', roles: OPS, action: 'incident.transition' },
  ],
  responding: [{ to: 'contained', roles: OPS, action: 'incident.transition' }],
  contained: [
    { to: 'closed', roles: OPS, action: 'incident.close' },
    // A flare-up: the fire rekindles, the water rises again.
    { to: 'responding', roles: OPS, action: 'incident.transition' },
  ],
  closed: [{ to: 'responding', roles: SENIOR, action: 'incident.reopen' }],
  false_alarm: [{ to: 'reported', roles: SENIOR, action: 'incident.reopen' }],
  merged: [],
};

export type TransitionCheck =
  | { ok: true; rule: TransitionRule }
  | { ok: false; reason: 'same_status' | 'not_allowed' | 'role' | 'needs_close'; allowedRoles?: readonly Role[] };

/** May `role` move an incident from `from` to `to` with a plain transition? */
export function checkTransition(from: IncidentStatus, to: IncidentStatus, role: Role): TransitionCheck {
  if (from === to) return { ok: false, reason: 'same_status' };
  const rule = TRANSITIONS[from].find((r) => r.to === to);
  if (!rule) return { ok: false, reason: 'not_allowed' };
  if (!rule.roles.includes(role)) return { ok: false, reason: 'role', allowedRoles: rule.roles };
  return { ok: true, rule };
}

export function allowedTargets(from: IncidentStatus, role: Role): IncidentStatus[] {
  return TRANSITIONS[from].filter((r) => r.roles.includes(role)).map((r) => r.to);
}

/** Level I and II (特别重大/重大) need the duty chief's or the leader's approval. */
export function isMajorLevel(level: Level): boolean {
  return level <= 2;
}

/**
 * Escalation of an unacknowledged incident by age. Thresholds are tighter for
 * severe levels: a level I report nobody has picked up after two minutes is
 * already a problem, a level IV one after ten.
 *   step 0: normal · 1: highlight · 2: alarm (red, sound) · 3: tell the duty chief
 */
export const ESCALATION_MINUTES: Record<Level, readonly [number, number, number]> = {
  1: [1, 2, 5],
  2: [2, 5, 10],
  3: [5, 10, 20],
  4: [10, 20, 40],
};
export type EscalationStep = 0 | 1 | 2 | 3;

export function escalationStep(ageMs: number, level: Level): { step: EscalationStep; nextAtMs: number | null } {
  const t = ESCALATION_MINUTES[level].map((m) => m * 60_000);
  let step: EscalationStep = 0;
  if (ageMs >= t[2]) step = 3;
  else if (ageMs >= t[1]) step = 2;
  else if (ageMs >= t[0]) step = 1;
  return { step, nextAtMs: step < 3 ? t[step] : null };
}

/** Overdue plan steps escalate the same way, by minutes past their deadline. */
export function overdueStep(minutesOverdue: number): EscalationStep {
  if (minutesOverdue <= 0) return 0;
  if (minutesOverdue < 10) return 1;
  if (minutesOverdue < 30) return 2;
  return 3;
}

/** The dedup rule behind merge proposals. */
export const MERGE_RULE = { maxDistanceM: 500, maxMinutesApart: 30 } as const;

export interface MergeCandidate {
  id: string;
  category: Category;
  status: IncidentStatus;
  lat: number | null;
  lon: number | null;
  reportedAt: number;
}

export interface MergeReason {
  sameCategory: true;
  distanceM: number;
  minutesApart: number;
  /** Plain-language reason kept with the proposal (the UI formats its own from the numbers). */
  text: string;
}

const MERGEABLE: readonly IncidentStatus[] = ['reported', 'verified', 'responding', 'contained'];

/** Two open incidents of the same category within 500 m and 30 minutes are probably one event. */
export function proposeMerge(a: MergeCandidate, b: MergeCandidate): MergeReason | null {
  if (a.id === b.id) return null;
  if (!MERGEABLE.includes(a.status) || !MERGEABLE.includes(b.status)) return null;
  if (a.category !== b.category) return null;
  if (a.lat === null || a.lon === null || b.lat === null || b.lon === null) return null;
  const distanceM = Math.round(haversineMetres(a.lat, a.lon, b.lat, b.lon));
  const minutesApart = Math.round(Math.abs(a.reportedAt - b.reportedAt) / 60_000);
  if (distanceM > MERGE_RULE.maxDistanceM || minutesApart > MERGE_RULE.maxMinutesApart) return null;
  return {
    sameCategory: true,
    distanceM,
    minutesApart,
    text: `same category (${a.category}), ${distanceM} m apart, ${minutesApart} min apart`,
  };
}
