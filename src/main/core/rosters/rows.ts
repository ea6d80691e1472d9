import type { Assignment, Person, Position, ShiftDef } from '../../../shared/roster-types';
import { formatClock } from '../../../shared/roster-time';

/** Row shapes of the roster tables and their mapping to shared types. */

export interface PersonRow {
  id: string;
  name: string;
  role: string;
  phones: string;
  qualifications: string;
  department: string;
  agency: string;
  login: string | null;
  active: number;
}

export interface PositionRow {
  id: string;
  code: string;
  name: string;
  required_qualifications: string;
  headcount: number;
  allow_overlap: number;
  sort: number;
}

export interface ShiftRow {
  id: string;
  code: string;
  name: string;
  start_minute: number;
  duration_minutes: number;
  position_ids: string;
}

export interface AssignmentRow {
  id: string;
  date: string;
  shift_id: string;
  position_id: string;
  person_id: string;
  start_at: number;
  end_at: number;
}

export const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  name: r.name,
  role: r.role,
  phones: JSON.parse(r.phones) as string[],
  qualifications: JSON.parse(r.qualifications) as string[],
  department: r.department,
  agency: r.agency,
  login: r.login,
  active: r.active === 1,
});

export const toPosition = (r: PositionRow): Position => ({
  id: r.id,
  code: r.code,
  name: r.name,
  requiredQualifications: JSON.parse(r.required_qualifications) as string[],
  headcount: r.headcount,
  allowOverlap: r.allow_overlap === 1,
  sort: r.sort,
});

export const toShift = (r: ShiftRow): ShiftDef => ({
  id: r.id,
  code: r.code,
  name: r.name,
  startMinute: r.start_minute,
  durationMinutes: r.duration_minutes,
  start: formatClock(r.start_minute),
  end: formatClock(r.start_minute + r.duration_minutes),
  endsNextDay: r.start_minute + r.duration_minutes >= 1440,
  positionIds: JSON.parse(r.position_ids) as string[],
});

export const toAssignment = (r: AssignmentRow): Assignment => ({
  id: r.id,
  date: r.date,
  shiftId: r.shift_id,
  positionId: r.position_id,
  personId: r.person_id,
  start: r.start_at,
  end: r.end_at,
});

export const ASSIGNMENT_COLUMNS = 'id, date, shift_id, position_id, person_id, start_at, end_at';
