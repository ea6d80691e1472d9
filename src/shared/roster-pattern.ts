import { daysBetween, monthDates } from './roster-time';
import type { RuleShift } from './roster-rules';

/**
 * Rotation patterns: a cycle of shifts (or days off) that teams walk through
 * with a fixed offset, e.g. the four-team 白/夜/休/休 cycle where on every day
 * one team works the day shift, one the night, and two are off.
 */
export interface PatternMember {
  personId: string;
  positionId: string;
}

export interface PatternTeam {
  name: string;
  members: readonly PatternMember[];
}

export type HolidayPolicy = 'normal' | 'skip';

export interface RotationPattern {
  name: string;
  /** One entry per cycle day: the shift id worked, or null for a day off. */
  cycle: readonly (string | null)[];
  teams: readonly PatternTeam[];
  /** The date on which team 0 is on cycle day 0. */
  anchorDate: string;
  /** Days each following team lags behind the one before it. */
  teamOffsetDays: number;
  /** On a holiday: generate as usual (marked), or leave the day for manual staffing. */
  holidayPolicy: HolidayPolicy;
}

export interface GeneratedAssignment {
  date: string;
  shiftId: string;
  positionId: string;
  personId: string;
  team: string;
  holiday: boolean;
}

export interface PatternProblem {
  message: string;
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}

/** Check a pattern against the shift definitions; an empty list means it can generate. */
export function validatePattern(p: RotationPattern, shifts: readonly RuleShift[]): PatternProblem[] {
  const problems: PatternProblem[] = [];
  const byId = new Map(shifts.map((s) => [s.id, s]));
  if (p.cycle.length === 0) problems.push({ message: `Pattern "${p.name}" has an empty cycle.` });
  if (p.teams.length === 0) problems.push({ message: `Pattern "${p.name}" has no teams.` });
  for (const [i, shiftId] of p.cycle.entries()) {
    if (shiftId !== null && !byId.has(shiftId)) {
      problems.push({ message: `Cycle day ${i + 1} of "${p.name}" names a shift that does not exist (${shiftId}).` });
    }
  }
  for (const team of p.teams) {
    for (const m of team.members) {
      for (const shiftId of new Set(p.cycle)) {
        const s = shiftId === null ? undefined : byId.get(shiftId);
        if (s && !s.positionIds.includes(m.positionId)) {
          problems.push({
            message: `Team "${team.name}" puts a member on position ${m.positionId}, which shift "${s.name}" does not staff.`,
          });
        }
      }
    }
  }
  return problems;
}

/** Generate a month of assignments from a pattern. Throws if the month is not "YYYY-MM". */
export function generateMonth(p: RotationPattern, month: string, holidays: ReadonlySet<string>): GeneratedAssignment[] {
  const dates = monthDates(month);
  if (!dates) throw new Error(`not a month: ${month}`);
  const out: GeneratedAssignment[] = [];
  const len = p.cycle.length;
  for (const date of dates) {
    const holiday = holidays.has(date);
    if (holiday && p.holidayPolicy === 'skip') continue;
    const dayIndex = daysBetween(p.anchorDate, date);
    p.teams.forEach((team, t) => {
      const shiftId = p.cycle[mod(dayIndex - t * p.teamOffsetDays, len)];
      if (shiftId === null) return;
      for (const m of team.members) {
        out.push({ date, shiftId, positionId: m.positionId, personId: m.personId, team: team.name, holiday });
      }
    });
  }
  return out;
}
