import { z } from 'zod';
import {
  CATEGORY_CODES,
  DISTRICT_CODES,
  INCIDENT_CLASSES,
  INCIDENT_STATUSES,
  REPORT_CHANNELS,
  type Category,
  type District,
  type Incident,
  type Level,
} from '../domain';
import type { EscalationStep } from '../console/lifecycle';
import { ROLES, type Role } from '../console/roles';

/**
 * Channels of the operator console: lifecycle, queue, merge/split, plans,
 * audit, case library, reports, backups and sign-in.
 */

const id = z.string().min(1).max(64);
const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const reason = z.string().trim().min(2).max(1000);
const folder = z.string().min(1).max(1024);
const epoch = z.number().int().min(0);

export const queueFiltersSchema = z
  .object({
    status: z.array(z.enum(INCIDENT_STATUSES)).max(7).optional(),
    /** Default when status is absent: only open incidents. */
    openOnly: z.boolean().optional(),
    level: z.array(level).max(4).optional(),
    incidentClass: z.array(z.enum(INCIDENT_CLASSES)).max(4).optional(),
    category: z.array(z.enum(CATEGORY_CODES)).max(30).optional(),
    district: z.array(z.enum(DISTRICT_CODES)).max(16).optional(),
    channel: z.array(z.enum(REPORT_CHANNELS)).max(8).optional(),
    assignedToMe: z.boolean().optional(),
    unacknowledgedOnly: z.boolean().optional(),
    limit: z.number().int().min(1).max(2000).optional(),
  })
  .strict();
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

const stepState = z.enum(['done', 'skipped']);

export const consoleChannels = {
  'incident.acknowledge': z.object({ id }).strict(),
  'incident.transition': z
    .object({ id, to: z.enum(INCIDENT_STATUSES), note: z.string().trim().max(1000).optional() })
    .strict(),
  'incident.setLevel': z.object({ id, level, reason }).strict(),
  'incident.setCategory': z.object({ id, category: z.enum(CATEGORY_CODES), reason }).strict(),
  'incident.assign': z.object({ id, to: z.string().trim().min(1).max(100).nullable() }).strict(),
  'incident.note': z.object({ id, text: z.string().trim().min(1).max(4000) }).strict(),
  'incident.close': z
    .object({ id, outcome: z.string().trim().min(2).max(4000), lessons: z.string().trim().max(8000) })
    .strict(),
  'incident.split': z.object({ reportId: id, title: z.string().trim().min(2).max(200).optional() }).strict(),
  'incident.reports': z.object({ id }).strict(),
  'queue.query': queueFiltersSchema,
  'queue.views.list': z.object({}).strict(),
  'queue.views.save': z.object({ name: z.string().trim().min(1).max(60), filters: queueFiltersSchema }).strict(),
  'queue.views.delete': z.object({ id }).strict(),
  'merge.proposals': z.object({ status: z.enum(['proposed', 'accepted', 'rejected']).default('proposed') }).strict(),
  'merge.propose': z.object({ a: id, b: id }).strict(),
  'merge.accept': z.object({ proposalId: id, survivorId: id.optional() }).strict(),
  'merge.reject': z.object({ proposalId: id, reason }).strict(),
  'merge.undo': z.object({ mergeId: id }).strict(),
  'plan.library': z.object({}).strict(),
  'plan.suggest': z.object({ incidentId: id }).strict(),
  'plan.activate': z.object({ incidentId: id, planId: id }).strict(),
  'plan.checklist': z.object({ incidentId: id }).strict(),
  'plan.step': z
    .object({ stepId: id, state: stepState, reason: z.string().trim().max(1000).optional() })
    .strict()
    .refine((r) => r.state !== 'skipped' || (r.reason !== undefined && r.reason.length >= 2), {
      message: 'reason_required',
      path: ['reason'],
    }),
  'plan.overdue': z.object({}).strict(),
  'audit.verify': z.object({}).strict(),
  'audit.list': z
    .object({ limit: z.number().int().min(1).max(1000).default(200), beforeSeq: epoch.optional() })
    .strict(),
  'audit.export': z.object({ dir: folder }).strict(),
  'case.search': z
    .object({
      q: z.string().max(200).default(''),
      category: z.enum(CATEGORY_CODES).optional(),
      district: z.enum(DISTRICT_CODES).optional(),
      from: epoch.optional(),
      to: epoch.optional(),
      limit: z.number().int().min(1).max(200).default(50),
    })
    .strict(),
  'case.similar': z.object({ incidentId: id, limit: z.number().int().min(1).max(20).default(5) }).strict(),
  'report.export': z
    .object({
      kind: z.enum(['daily', 'incident', 'activity']),
      format: z.enum(['pdf', 'csv', 'xlsx']),
      dir: folder,
      /** daily/activity: any instant in the wanted Beijing day; incident: unused. */
      day: epoch.optional(),
      incidentId: id.optional(),
      seat: z.string().max(64).optional(),
      lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
    })
    .strict(),
  'report.activityLog': z.object({ seat: z.string().max(64).optional(), from: epoch, to: epoch }).strict(),
  'job.get': z.object({ jobId: id }).strict(),
  'backup.create': z.object({ dir: folder }).strict(),
  'backup.list': z.object({ dir: folder }).strict(),
  'backup.inspect': z.object({ file: folder }).strict(),
  'backup.prune': z.object({ dir: folder, keep: z.number().int().min(1).max(1000) }).strict(),
  'backup.schedule.get': z.object({}).strict(),
  'backup.schedule.set': z
    .object({
      dir: folder,
      /** 0 turns scheduled backups off. */
      everyHours: z.number().int().min(0).max(168),
      keep: z.number().int().min(1).max(1000),
    })
    .strict(),
  /** Answered by the seat runtime: closes the live store, puts the backup in its place, reopens it. */
  'backup.restore': z.object({ file: folder }).strict(),
  'store.integrity': z.object({}).strict(),
  'session.signIn': z
    .object({
      operator: z.string().trim().min(1).max(60),
      role: z.enum(ROLES),
      pin: z.string().min(4).max(32).optional(),
    })
    .strict(),
  'session.current': z.object({}).strict(),
  'session.signOut': z.object({}).strict(),
  'operator.save': z
    .object({
      name: z.string().trim().min(1).max(60),
      displayName: z.string().trim().min(1).max(60),
      roles: z.array(z.enum(ROLES)).min(1).max(4),
      pin: z.string().min(4).max(32).optional(),
    })
    .strict(),
} as const;

export interface QueueItem extends Incident {
  assignedTo: string | null;
  /** How loudly an unacknowledged item should call for attention now. */
  escalation: EscalationStep;
  overdueSteps: number;
}

export interface SavedView {
  id: string;
  name: string;
  filters: QueueFilters;
  createdAt: number;
}

export interface MergeProposal {
  id: string;
  incidentA: string;
  incidentB: string;
  reason: string;
  distanceM: number | null;
  minutesApart: number | null;
  status: 'proposed' | 'accepted' | 'rejected';
  createdAt: number;
  a: Incident | null;
  b: Incident | null;
}

export interface MergeResult {
  mergeId: string;
  survivor: Incident;
  absorbed: Incident;
  movedReports: number;
}

export interface SourceReport {
  id: string;
  incidentId: string | null;
  source: string;
  channel: string;
  receivedAt: number;
  reporterName: string | null;
  body: string;
}

export interface PlanStepDef {
  code: string;
  zh: string;
  en: string;
  position: { zh: string; en: string };
  /** Deadline in minutes after activation (or after the switch to this level's steps). */
  minutes: number;
  /** Levels this step belongs to; the higher-level set adds and tightens steps. */
  levels: readonly Level[];
}

export interface PlanDef {
  id: string;
  title: { zh: string; en: string };
  categories: readonly Category[];
  /** Incident levels at which activation is suggested. */
  levels: readonly Level[];
  basis: { zh: string; en: string };
  steps: readonly PlanStepDef[];
}

export interface PlanStep {
  id: string;
  code: string;
  seq: number;
  position: string;
  titleZh: string;
  titleEn: string;
  deadlineAt: number;
  state: 'pending' | 'done' | 'skipped' | 'superseded';
  reason: string | null;
  doneAt: number | null;
  doneBy: string | null;
  overdue: boolean;
  escalation: EscalationStep;
}

export interface PlanActivation {
  id: string;
  incidentId: string;
  planId: string;
  level: Level;
  activatedAt: number;
  activatedBy: string;
  steps: PlanStep[];
}

export interface OverdueStep {
  stepId: string;
  incidentId: string;
  incidentRef: string;
  incidentTitle: string;
  level: Level;
  district: District | null;
  planId: string;
  titleZh: string;
  titleEn: string;
  position: string;
  deadlineAt: number;
  minutesOverdue: number;
  escalation: EscalationStep;
}

export interface AuditEntry {
  seq: number;
  at: number;
  seat: string;
  operator: string;
  role: string;
  action: string;
  target: string | null;
  request: string | null;
  before: string | null;
  after: string | null;
  outcome: string;
  hash: string;
}

export type AuditVerdict =
  | { intact: true; count: number; headHash: string }
  | {
      intact: false;
      count: number;
      firstBroken: { seq: number; problem: 'missing_entry' | 'broken_link' | 'altered_entry'; at: number };
    };

export interface CaseHit {
  incidentId: string;
  ref: string;
  title: string;
  category: Category;
  level: Level;
  district: District | null;
  reportedAt: number;
  closedAt: number;
  outcome: string;
  lessons: string;
}

export interface ActivityEntry {
  at: number;
  seat: string;
  operator: string;
  role: string;
  action: string;
  target: string | null;
  outcome: string;
}

export interface JobState {
  id: string;
  kind: string;
  progress: number;
  done: boolean;
  files: string[];
  error: string | null;
}

export interface BackupInfo {
  file: string;
  bytes: number;
  createdAt: number;
  schemaVersion: number;
  counts: Record<string, number>;
  integrity: string;
}

export interface BackupScheduleState {
  dir: string;
  everyHours: number;
  keep: number;
  /** Beside the store (the shell puts the store in userData): `<userData>/backups`. */
  defaultDir: string;
  lastRunAt: number | null;
  lastFile: string | null;
  lastError: string | null;
  nextAt: number | null;
  running: boolean;
}

export interface RestoreResult {
  /** What the restored store holds (the backup as inspected before it was put in place). */
  backup: BackupInfo;
  /** Where the replaced store was kept (renamed, never deleted). */
  keptOld: string | null;
  restoredAt: number;
}

export interface IntegrityState {
  status: 'running' | 'ok' | 'failed' | 'error';
  ok: boolean;
  result: string[];
  startedAt: number;
  checkedAt: number | null;
}

export interface Session {
  seat: string;
  operator: string;
  displayName: string;
  role: Role;
  signedInAt: number;
}

export interface ConsoleResponses {
  'incident.acknowledge': Incident;
  'incident.transition': Incident;
  'incident.setLevel': Incident;
  'incident.setCategory': Incident;
  'incident.assign': Incident;
  'incident.note': Incident;
  'incident.close': Incident;
  'incident.split': Incident;
  'incident.reports': SourceReport[];
  'queue.query': QueueItem[];
  'queue.views.list': SavedView[];
  'queue.views.save': SavedView;
  'queue.views.delete': { deleted: boolean };
  'merge.proposals': MergeProposal[];
  'merge.propose': MergeProposal;
  'merge.accept': MergeResult;
  'merge.reject': MergeProposal;
  'merge.undo': { survivor: Incident; restored: Incident };
  'plan.library': PlanDef[];
  'plan.suggest': PlanDef[];
  'plan.activate': PlanActivation;
  'plan.checklist': PlanActivation[];
  'plan.step': PlanStep;
  'plan.overdue': OverdueStep[];
  'audit.verify': AuditVerdict;
  'audit.list': AuditEntry[];
  'audit.export': { csv: string; json: string; count: number; verdict: AuditVerdict };
  'case.search': CaseHit[];
  'case.similar': CaseHit[];
  'report.export': JobState;
  'report.activityLog': ActivityEntry[];
  'job.get': JobState;
  'backup.create': JobState;
  'backup.list': BackupInfo[];
  'backup.inspect': BackupInfo;
  'backup.prune': { removed: string[] };
  'backup.schedule.get': BackupScheduleState;
  'backup.schedule.set': BackupScheduleState;
  'backup.restore': RestoreResult;
  'store.integrity': IntegrityState;
  'session.signIn': Session;
  /** null: nobody is signed in at this seat (after a sign-out); reads still work, actions are refused. */
  'session.current': Session | null;
  'session.signOut': { operator: string; signedOutAt: number };
  'operator.save': { name: string; displayName: string; roles: Role[] };
}
