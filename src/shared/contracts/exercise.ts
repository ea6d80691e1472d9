import { z } from 'zod';
import type { Localized, Scenario } from '../exercise-scenario';
import { localizedSchema } from '../exercise-scenario';
import { emptySchema } from '../schemas';

/**
 * Exercise channels: the controller's view and controls of the running
 * exercise, manual injects, the after-action report and its PDF, MSEL
 * import/export, and turning a closed incident into a scenario. Starting and
 * leaving an exercise switch the seat to another store, so the session host
 * handles those (see core/exercise/session.ts); the core answers with a
 * clear `refused` when no host is attached.
 */
const lang = z.enum(['zh-CN', 'en']);

export const exerciseChannels = {
  'exercise.scenarios': emptySchema,
  'exercise.scenario': z.object({ id: z.string().min(1).max(64) }).strict(),
  'exercise.state': emptySchema,
  'exercise.control': z
    .object({
      action: z.enum(['pause', 'resume', 'speed', 'jump']),
      speed: z.number().min(1).max(60).optional(),
      injectNo: z.number().int().min(1).optional(),
    })
    .strict(),
  'exercise.inject': z
    .object({
      delivery: z.enum(['feed', 'call', 'message']),
      stream: z
        .string()
        .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
        .optional(),
      type: z
        .string()
        .regex(/^[a-z][a-z_.]{1,63}$/)
        .optional(),
      from: z.string().trim().max(100).optional(),
      title: localizedSchema,
      payload: z.record(z.string(), z.unknown()),
    })
    .strict(),
  'exercise.start': z
    .object({
      scenarioId: z.string().min(1).max(64),
      seed: z.string().max(64).optional(),
      speed: z.number().min(1).max(60).optional(),
    })
    .strict(),
  'exercise.leave': emptySchema,
  'exercise.emergencyStop': z.object({ reason: z.string().trim().min(1).max(500) }).strict(),
  'exercise.aar': emptySchema,
  'exercise.aar.update': z
    .object({ strengths: z.string().max(20_000).optional(), improvements: z.string().max(20_000).optional() })
    .strict()
    .refine((r) => r.strengths !== undefined || r.improvements !== undefined, {
      message: 'give strengths, improvements or both',
    }),
  'exercise.corrective.add': z
    .object({
      text: z.string().trim().min(1).max(2000),
      owner: z.string().trim().min(1).max(100),
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date as YYYY-MM-DD'),
    })
    .strict(),
  'exercise.corrective.update': z
    .object({
      id: z.string().min(1).max(64),
      text: z.string().trim().min(1).max(2000).optional(),
      owner: z.string().trim().min(1).max(100).optional(),
      dueDate: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      status: z.enum(['open', 'done']).optional(),
    })
    .strict(),
  'exercise.aar.pdf': z.object({ lang }).strict(),
  'exercise.msel.import': z
    .object({
      format: z.enum(['csv', 'xlsx']),
      fileName: z.string().max(260),
      dataBase64: z.string().max(20_000_000),
    })
    .strict(),
  'exercise.msel.export': z.object({ scenarioId: z.string().min(1).max(64), format: z.enum(['csv', 'xlsx']) }).strict(),
  'exercise.replayIncident': z.object({ incidentId: z.string().min(1).max(64) }).strict(),
  'exercise.prompts': z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict(),
} as const;

/** A call to take or a message received during play, as the players' seat got it from the exercise feed. */
export interface ExercisePrompt {
  id: string;
  kind: 'call' | 'message';
  from: string;
  title: Localized;
  text: Localized;
  channel: string | null;
  address: string | null;
  at: number;
}

export interface ScenarioSummary {
  id: string;
  version: number;
  title: Localized;
  summary: Localized | null;
  durationMinutes: number;
  injectCount: number;
  streams: string[];
  builtIn: boolean;
}

export type ExpectedStatus = 'not_due' | 'pending' | 'met' | 'late' | 'missed' | 'unsupported';

export interface ExpectedOutcome {
  id: string;
  objective: string;
  description: Localized;
  afterInject: number;
  matcherKind: string;
  withinMinutes: number;
  status: ExpectedStatus;
  /** Epoch ms the clock started (its inject went out). */
  startedAt: number | null;
  deadline: number | null;
  metAt: number | null;
  tookMs: number | null;
}

export interface InjectRow {
  no: number;
  at: string;
  dueMs: number;
  title: Localized;
  delivery: 'feed' | 'call' | 'message';
  stream: string;
  type: string;
  status: 'due' | 'delivered';
  deliveredMs: number | null;
  /** Controller's notes: for the controller screen only. */
  notes: string | null;
  manual: boolean;
}

export interface ControllerView {
  mode: 'live' | 'exercise';
  run: null | {
    id: string;
    label: 'exercise' | 'demo' | 'replay';
    scenarioId: string;
    title: Localized;
    seed: string;
    state: 'ready' | 'running' | 'paused' | 'ended' | 'stopped';
    speed: number;
    scenarioMs: number;
    durationMs: number;
    epochNow: number;
    feedUrl: string | null;
    seats: { seat: string; connected: number }[];
  };
  injects: InjectRow[];
  expected: ExpectedOutcome[];
}

export interface TimelineItem {
  at: number;
  scenarioMs: number;
  kind: 'inject' | 'command' | 'action';
  text: Localized;
}

export interface ObjectiveResult {
  id: string;
  text: Localized;
  actions: ExpectedOutcome[];
  met: number;
  late: number;
  missed: number;
}

export interface AfterActionReport {
  runId: string;
  label: 'exercise' | 'demo' | 'replay';
  title: Localized;
  scenarioId: string;
  seed: string;
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
  objectives: ObjectiveResult[];
  /** Mean and worst times over incidents the injects produced (null when none). */
  measures: {
    toAcknowledgeMs: { mean: number | null; max: number | null; count: number };
    toDispatchMs: { mean: number | null; max: number | null; count: number };
    toPlanMs: { mean: number | null; max: number | null; count: number };
    planSteps: { onTime: number; late: number; total: number } | null;
  };
  timeline: TimelineItem[];
  strengths: string;
  improvements: string;
  corrective: { id: string; text: string; owner: string; dueDate: string; status: 'open' | 'done' }[];
}

export interface MselRowError {
  /** 1-based row number as a spreadsheet shows it (header is row 1). */
  row: number;
  column: string;
  message: string;
}

export interface ExerciseResponses {
  'exercise.scenarios': ScenarioSummary[];
  'exercise.scenario': Scenario;
  'exercise.state': ControllerView;
  'exercise.control': ControllerView;
  'exercise.inject': ControllerView;
  'exercise.start': ControllerView;
  'exercise.leave': { mode: 'live' };
  'exercise.emergencyStop': { mode: 'live'; seatsNotified: number };
  /** null when this seat's store holds no exercise run (the live store). */
  'exercise.aar': AfterActionReport | null;
  'exercise.aar.update': AfterActionReport;
  'exercise.corrective.add': AfterActionReport;
  'exercise.corrective.update': AfterActionReport;
  'exercise.aar.pdf': { fileName: string; dataBase64: string };
  'exercise.msel.import': { scenario: ScenarioSummary | null; errors: MselRowError[] };
  'exercise.msel.export': { fileName: string; dataBase64: string };
  'exercise.replayIncident': ScenarioSummary;
  'exercise.prompts': ExercisePrompt[];
}
