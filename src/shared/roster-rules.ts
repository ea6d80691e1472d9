import { addDays, daysBetween, MINUTES_PER_DAY, parseClock } from './roster-time';

/**
 * The roster's rules as pure functions over a window of assignments, so the
 * renderer checks them live while an officer edits and the core checks the
 * very same code on save. Each violation names its rule and the cells
 * (person × date × position × shift) where it happens.
 */

export const RULE_CODES = ['double_booking', 'min_rest', 'understaffed', 'qualification', 'consecutive'] as const;
export type RuleCode = (typeof RULE_CODES)[number];

export interface RuleAssignment {
  id: string;
  personId: string;
  positionId: string;
  shiftId: string;
  date: string;
  start: number;
  end: number;
}

export interface RulePerson {
  id: string;
  name: string;
  qualifications: readonly string[];
}

export interface RulePosition {
  id: string;
  name: string;
  headcount: number;
  requiredQualifications: readonly string[];
}

export interface RuleShift {
  id: string;
  name: string;
  startMinute: number;
  durationMinutes: number;
  positionIds: readonly string[];
}

export interface RuleConfig {
  /** Minimum rest between the end of one shift and the start of the person's next, in hours. */
  minRestHours: number;
  /** Most shifts a person may work on consecutive duty dates without a free day. */
  maxConsecutiveShifts: number;
}

export const DEFAULT_RULES: RuleConfig = { minRestHours: 12, maxConsecutiveShifts: 5 };

export interface ViolationCell {
  personId: string | null;
  date: string;
  positionId: string;
  shiftId: string;
  assignmentId: string | null;
}

export interface Violation {
  /** Stable identity (rule + cells), used to tell new violations from ones already accepted. */
  key: string;
  rule: RuleCode;
  cells: ViolationCell[];
  /** Numbers and names for the translated message. */
  params: Record<string, string | number>;
}

export interface RosterWindow {
  /** Assignments of the window plus enough days either side for rest and consecutive runs. */
  assignments: readonly RuleAssignment[];
  people: readonly RulePerson[];
  positions: readonly RulePosition[];
  shifts: readonly RuleShift[];
  /** Only violations with a cell dated in [from, to] are reported; empty slots only inside it. */
  from: string;
  to: string;
  config: RuleConfig;
}

function cellOf(a: RuleAssignment): ViolationCell {
  return { personId: a.personId, date: a.date, positionId: a.positionId, shiftId: a.shiftId, assignmentId: a.id };
}

function violation(rule: RuleCode, cells: ViolationCell[], params: Record<string, string | number>): Violation {
  const parts = cells.map((c) => `${c.personId ?? '-'}|${c.date}|${c.positionId}|${c.shiftId}`).sort();
  return { key: `${rule}:${parts.join(',')}`, rule, cells, params };
}

function byPerson(assignments: readonly RuleAssignment[]): Map<string, RuleAssignment[]> {
  const m = new Map<string, RuleAssignment[]>();
  for (const a of assignments) {
    const list = m.get(a.personId);
    if (list) list.push(a);
    else m.set(a.personId, [a]);
  }
  for (const list of m.values()) list.sort((x, y) => x.start - y.start || x.end - y.end);
  return m;
}

/** Check every rule over a window; the result is ordered by date, then rule. */
export function checkRoster(w: RosterWindow): Violation[] {
  const inWindow = (d: string): boolean => d >= w.from && d <= w.to;
  const names = new Map(w.people.map((p) => [p.id, p.name]));
  const out: Violation[] = [];
  const perPerson = byPerson(w.assignments);

  for (const [personId, list] of perPerson) {
    const name = names.get(personId) ?? personId;
    // Double booking: any two overlapping intervals. Sorted by start, so once a later shift starts after
    // this one ends, no further shift can overlap it.
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].start < list[i].end; j++) {
        const [a, b] = [list[i], list[j]];
        if (inWindow(a.date) || inWindow(b.date)) {
          out.push(violation('double_booking', [cellOf(a), cellOf(b)], { person: name }));
        }
      }
    }
    // Minimum rest: the gap between one shift's end and the next start (overlaps are double bookings).
    const minRestMs = w.config.minRestHours * 3600_000;
    for (let i = 0; i + 1 < list.length; i++) {
      const [a, b] = [list[i], list[i + 1]];
      const gap = b.start - a.end;
      if (gap >= 0 && gap < minRestMs && (inWindow(a.date) || inWindow(b.date))) {
        out.push(
          violation('min_rest', [cellOf(a), cellOf(b)], {
            person: name,
            restHours: Math.round((gap / 3600_000) * 10) / 10,
            minRestHours: w.config.minRestHours,
          }),
        );
      }
    }
    // Consecutive shifts: a run of shifts on consecutive duty dates without a free day.
    let run: RuleAssignment[] = [];
    const flush = (): void => {
      if (run.length > w.config.maxConsecutiveShifts && run.some((a) => inWindow(a.date))) {
        out.push(
          violation('consecutive', run.map(cellOf), {
            person: name,
            count: run.length,
            max: w.config.maxConsecutiveShifts,
          }),
        );
      }
    };
    for (const a of list) {
      const last = run[run.length - 1];
      if (last && daysBetween(last.date, a.date) > 1) {
        flush();
        run = [];
      }
      run.push(a);
    }
    flush();
  }

  // Qualifications: the person must hold every qualification the position requires.
  const quals = new Map(w.people.map((p) => [p.id, new Set(p.qualifications)]));
  const positions = new Map(w.positions.map((p) => [p.id, p]));
  for (const a of w.assignments) {
    if (!inWindow(a.date)) continue;
    const pos = positions.get(a.positionId);
    if (!pos) continue;
    const held = quals.get(a.personId) ?? new Set<string>();
    const missing = pos.requiredQualifications.filter((q) => !held.has(q));
    if (missing.length > 0) {
      out.push(
        violation('qualification', [cellOf(a)], {
          person: names.get(a.personId) ?? a.personId,
          position: pos.name,
          missing: missing.join(', '),
        }),
      );
    }
  }

  // Understaffed: each shift × position it staffs, on each date of the window, needs its headcount.
  const counts = new Map<string, number>();
  for (const a of w.assignments) {
    const k = `${a.date}|${a.shiftId}|${a.positionId}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  for (let d = w.from; d <= w.to; d = addDays(d, 1)) {
    for (const s of w.shifts) {
      for (const positionId of s.positionIds) {
        const pos = positions.get(positionId);
        if (!pos || pos.headcount <= 0) continue;
        const have = counts.get(`${d}|${s.id}|${positionId}`) ?? 0;
        if (have < pos.headcount) {
          out.push(
            violation('understaffed', [{ personId: null, date: d, positionId, shiftId: s.id, assignmentId: null }], {
              position: pos.name,
              shift: s.name,
              have,
              need: pos.headcount,
            }),
          );
        }
      }
    }
  }

  const firstDate = (v: Violation): string => v.cells.map((c) => c.date).sort()[0];
  return out.sort(
    (a, b) => firstDate(a).localeCompare(firstDate(b)) || RULE_CODES.indexOf(a.rule) - RULE_CODES.indexOf(b.rule),
  );
}

/** Violations in `after` that were not in `before` (by key): what an edit introduced. */
export function newViolations(before: readonly Violation[], after: readonly Violation[]): Violation[] {
  const seen = new Set(before.map((v) => v.key));
  return after.filter((v) => !seen.has(v.key));
}

// ---------------------------------------------------------------------------
// Shift definitions

export interface ShiftDraft {
  id?: string;
  code: string;
  name: string;
  /** "HH:MM" Beijing time. */
  start: string;
  /** "HH:MM" Beijing time. */
  end: string;
  /** The shift ends on the day after its duty date (night shifts, 24-hour duty). */
  endsNextDay: boolean;
  positionIds: readonly string[];
}

export interface ShiftProblem {
  code: 'bad_time' | 'zero_length' | 'ends_before_start' | 'too_long' | 'overlap' | 'no_positions';
  message: string;
}

export interface OverlapPolicy {
  /** Positions whose shift definitions may overlap (e.g. a stand-by position). */
  allowOverlap: ReadonlySet<string>;
  positionNames: ReadonlyMap<string, string>;
}

/** Start minute and duration for a draft, or the reason it is impossible. */
export function shiftSpan(d: ShiftDraft): { startMinute: number; durationMinutes: number } | ShiftProblem {
  const s = parseClock(d.start);
  const e = parseClock(d.end);
  if (s === null || e === null) {
    return { code: 'bad_time', message: `Shift times must be HH:MM (00:00–23:59); got "${d.start}"–"${d.end}".` };
  }
  const duration = e - s + (d.endsNextDay ? MINUTES_PER_DAY : 0);
  if (duration === 0) {
    return { code: 'zero_length', message: `Shift "${d.name}" starts and ends at ${d.start}: it has no length.` };
  }
  if (duration < 0) {
    return {
      code: 'ends_before_start',
      message: `Shift "${d.name}" ends (${d.end}) before it starts (${d.start}). If it crosses midnight, mark it as ending the next day.`,
    };
  }
  if (duration > MINUTES_PER_DAY) {
    return {
      code: 'too_long',
      message: `Shift "${d.name}" (${d.start} to ${d.end} next day) is longer than 24 hours; a duty shift is at most 24 hours.`,
    };
  }
  return { startMinute: s, durationMinutes: duration };
}

function isProblem(x: unknown): x is ShiftProblem {
  return typeof x === 'object' && x !== null && 'code' in x && 'message' in x;
}

/** Do two daily-recurring spans overlap on any day? */
function recurringOverlap(a: RuleShift, b: Pick<RuleShift, 'startMinute' | 'durationMinutes'>): boolean {
  for (const k of [-1, 0, 1]) {
    const bs = b.startMinute + k * MINUTES_PER_DAY;
    if (a.startMinute < bs + b.durationMinutes && bs < a.startMinute + a.durationMinutes) return true;
  }
  return false;
}

/** Validate a shift definition against the existing ones; an empty list means it can be saved. */
export function validateShift(
  draft: ShiftDraft,
  existing: readonly RuleShift[],
  policy: OverlapPolicy,
): ShiftProblem[] {
  const span = shiftSpan(draft);
  if (isProblem(span)) return [span];
  if (draft.positionIds.length === 0) {
    return [{ code: 'no_positions', message: `Shift "${draft.name}" staffs no position; choose at least one.` }];
  }
  const problems: ShiftProblem[] = [];
  for (const other of existing) {
    if (other.id === draft.id) continue;
    const shared = draft.positionIds.filter((p) => other.positionIds.includes(p) && !policy.allowOverlap.has(p));
    if (shared.length > 0 && recurringOverlap(other, span)) {
      const names = shared.map((p) => policy.positionNames.get(p) ?? p).join(', ');
      problems.push({
        code: 'overlap',
        message: `Shift "${draft.name}" overlaps shift "${other.name}" for ${names}; one person would be needed twice. Change the times or the positions.`,
      });
    }
  }
  return problems;
}
