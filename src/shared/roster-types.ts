import type { HolidayPolicy, PatternTeam } from './roster-pattern';
import type { RuleConfig, Violation } from './roster-rules';

/** Data shapes of the roster and handover domain, shared by core and renderer. */

export interface Person {
  id: string;
  name: string;
  /** Job title, e.g. 科长. */
  role: string;
  phones: string[];
  qualifications: string[];
  department: string;
  agency: string;
  /** The operator identity this person signs in with at a seat, if any. */
  login: string | null;
  active: boolean;
}

export interface Position {
  id: string;
  /** Stable code: leader, chief, officer, tech, liaison, … (the renderer translates known codes). */
  code: string;
  name: string;
  requiredQualifications: string[];
  headcount: number;
  allowOverlap: boolean;
  sort: number;
}

export interface ShiftDef {
  id: string;
  code: string;
  name: string;
  startMinute: number;
  durationMinutes: number;
  /** "HH:MM" Beijing time, for display. */
  start: string;
  end: string;
  endsNextDay: boolean;
  positionIds: string[];
}

export interface Holiday {
  date: string;
  name: string;
  /** 'workday' marks an adjusted working day (调休上班). */
  kind: 'holiday' | 'workday';
}

export interface Pattern {
  id: string;
  name: string;
  cycle: (string | null)[];
  teams: PatternTeam[];
  anchorDate: string;
  teamOffsetDays: number;
  holidayPolicy: HolidayPolicy;
}

export interface Assignment {
  id: string;
  date: string;
  shiftId: string;
  positionId: string;
  personId: string;
  start: number;
  end: number;
}

export interface RosterView {
  from: string;
  to: string;
  assignments: Assignment[];
  /** Assignments just outside the window, so a live rule check (rest, consecutive runs) sees what the core sees. */
  around: Assignment[];
  people: Person[];
  positions: Position[];
  shifts: ShiftDef[];
  holidays: Holiday[];
  violations: Violation[];
  config: RuleConfig;
}

export type RosterEdit =
  | { op: 'assign'; date: string; shiftId: string; positionId: string; personId: string }
  | { op: 'remove'; assignmentId: string }
  | { op: 'replace'; assignmentId: string; personId: string };

export interface SaveResult {
  assigned: Assignment[];
  removed: string[];
  /** Violations this save introduced (accepted with the override, if any). */
  introduced: Violation[];
  overrideId: string | null;
}

export interface HistoryEntry {
  id: number;
  batchId: string;
  at: number;
  actor: string;
  reason: string;
  op: 'assign' | 'remove' | 'replace' | 'swap';
  assignmentId: string;
  date: string;
  before: Assignment | null;
  after: Assignment | null;
  overrideId: string | null;
  overrideReason: string | null;
  swapId: string | null;
}

export interface Swap {
  id: string;
  aAssignmentId: string;
  bAssignmentId: string;
  aPersonId: string;
  bPersonId: string;
  requestedBy: string;
  requestedAt: number;
  reason: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy: string | null;
  decidedAt: number | null;
  decisionNote: string | null;
}

export interface DutySlot {
  position: Position;
  shift: ShiftDef;
  assignmentId: string;
  person: Person;
  start: number;
  end: number;
}

export interface OnDuty {
  at: number;
  now: DutySlot[];
  next: DutySlot[];
  /** Positions whose headcount is not met right now. */
  gaps: { position: Position; have: number; need: number }[];
}

export interface ContactEntry {
  id: string;
  groupKind: 'position' | 'agency';
  groupName: string;
  priority: number;
  personId: string | null;
  name: string;
  phone: string;
  note: string;
  /** True for the person on duty in that position now (added live, first in the tree). */
  onDuty?: boolean;
}

export interface ContactGroup {
  kind: 'position' | 'agency';
  name: string;
  entries: ContactEntry[];
}

export interface ContactHit {
  kind: 'person' | 'contact';
  id: string;
  name: string;
  phones: string[];
  /** Position or agency group, or the person's department. */
  context: string;
  matched: 'name' | 'position' | 'agency' | 'phone' | 'department';
}

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

export interface ImportCheck {
  kind: 'people' | 'roster';
  rows: number;
  errors: ImportRowError[];
}

export interface ExportFile {
  filename: string;
  mime: string;
  base64: string;
}
