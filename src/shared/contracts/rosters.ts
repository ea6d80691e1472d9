import { z } from 'zod';
import type { Violation, RuleConfig } from '../roster-rules';
import type { GeneratedAssignment } from '../roster-pattern';
import type {
  ContactGroup,
  ContactEntry,
  ContactHit,
  ExportFile,
  Holiday,
  HistoryEntry,
  ImportCheck,
  OnDuty,
  Pattern,
  Person,
  Position,
  RosterView,
  SaveResult,
  ShiftDef,
  Swap,
} from '../roster-types';
import type { Handover, HandoverItem, HandoverSummary } from '../handover-types';

/** Channels of the duty roster and shift handover domain. */

const text = (max: number): z.ZodString => z.string().trim().max(max);
const id = z.string().min(1).max(64);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month');
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'clock');
const reason = text(500).min(1);

export const personInputSchema = z
  .object({
    id: id.optional(),
    name: text(60).min(1),
    role: text(60).default(''),
    phones: z
      .array(text(30).regex(/^\+?[0-9][0-9 -]{2,28}$/, 'phone'))
      .max(5)
      .default([]),
    qualifications: z.array(text(40).min(1)).max(20).default([]),
    department: text(100).default(''),
    agency: text(100).default(''),
    login: text(60).min(1).nullable().optional(),
    active: z.boolean().default(true),
  })
  .strict();
export type PersonInput = z.output<typeof personInputSchema>;

export const positionInputSchema = z
  .object({
    id: id.optional(),
    code: text(40).regex(/^[a-z][a-z0-9_-]*$/, 'code'),
    name: text(60).min(1),
    requiredQualifications: z.array(text(40).min(1)).max(10).default([]),
    headcount: z.number().int().min(0).max(50),
    allowOverlap: z.boolean().default(false),
    sort: z.number().int().min(0).max(1000).default(0),
  })
  .strict();
export type PositionInput = z.output<typeof positionInputSchema>;

export const shiftInputSchema = z
  .object({
    id: id.optional(),
    code: text(40).min(1),
    name: text(60).min(1),
    start: clock,
    end: clock,
    endsNextDay: z.boolean(),
    positionIds: z.array(id).max(50),
  })
  .strict();
export type ShiftInput = z.output<typeof shiftInputSchema>;

export const holidayInputSchema = z
  .object({ date, name: text(60).min(1), kind: z.enum(['holiday', 'workday']).default('holiday') })
  .strict();
export type HolidayInput = z.output<typeof holidayInputSchema>;

export const patternInputSchema = z
  .object({
    id: id.optional(),
    name: text(60).min(1),
    cycle: z.array(id.nullable()).min(1).max(60),
    teams: z
      .array(
        z
          .object({
            name: text(40).min(1),
            members: z.array(z.object({ personId: id, positionId: id }).strict()).max(50),
          })
          .strict(),
      )
      .min(1)
      .max(20),
    anchorDate: date,
    teamOffsetDays: z.number().int().min(0).max(60).default(1),
    holidayPolicy: z.enum(['normal', 'skip']).default('normal'),
  })
  .strict();
export type PatternInput = z.output<typeof patternInputSchema>;

export const rosterEditSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('assign'), date, shiftId: id, positionId: id, personId: id }).strict(),
  z.object({ op: z.literal('remove'), assignmentId: id }).strict(),
  z.object({ op: z.literal('replace'), assignmentId: id, personId: id }).strict(),
]);

const overrideSchema = z.object({ reason }).strict();
const window = z.object({ from: date, to: date }).strict();

export const rosterChannels = {
  'roster.people.list': z.object({ includeInactive: z.boolean().default(true) }).strict(),
  'roster.people.upsert': personInputSchema,
  'roster.positions.list': z.object({}).strict(),
  'roster.positions.upsert': positionInputSchema,
  'roster.shifts.list': z.object({}).strict(),
  'roster.shifts.upsert': shiftInputSchema,
  'roster.holidays.list': z.object({ from: date.optional(), to: date.optional() }).strict(),
  'roster.holidays.set': z.object({ holidays: z.array(holidayInputSchema).min(1).max(400) }).strict(),
  'roster.holidays.remove': z.object({ date }).strict(),
  'roster.patterns.list': z.object({}).strict(),
  'roster.patterns.upsert': patternInputSchema,
  'roster.rules.get': z.object({}).strict(),
  'roster.rules.set': z
    .object({
      minRestHours: z.number().min(0).max(72),
      maxConsecutiveShifts: z.number().int().min(1).max(31),
    })
    .strict(),
  'roster.window': window,
  'roster.check': z.object({ edits: z.array(rosterEditSchema).min(1).max(2000) }).strict(),
  'roster.save': z
    .object({ edits: z.array(rosterEditSchema).min(1).max(2000), reason, override: overrideSchema.optional() })
    .strict(),
  'roster.generate': z
    .object({
      patternId: id,
      month,
      commit: z.boolean().default(false),
      replace: z.boolean().default(false),
      override: overrideSchema.optional(),
    })
    .strict(),
  'roster.history': z
    .object({ from: date.optional(), to: date.optional(), limit: z.number().int().min(1).max(5000).default(500) })
    .strict(),
  'roster.swap.request': z.object({ aAssignmentId: id, bAssignmentId: id, reason }).strict(),
  'roster.swap.decide': z
    .object({ swapId: id, approve: z.boolean(), note: text(500).default(''), override: overrideSchema.optional() })
    .strict(),
  'roster.swap.list': z.object({ status: z.enum(['pending', 'approved', 'rejected']).optional() }).strict(),
  'roster.onDuty': z.object({ at: z.number().int().min(0).optional() }).strict(),
  'roster.contacts.tree': z.object({}).strict(),
  'roster.contacts.search': z.object({ q: text(60), limit: z.number().int().min(1).max(100).default(20) }).strict(),
  'roster.contacts.set': z
    .object({
      groupKind: z.enum(['position', 'agency']),
      groupName: text(100).min(1),
      entries: z
        .array(
          z
            .object({
              personId: id.nullable().default(null),
              name: text(60).min(1),
              phone: text(30).regex(/^\+?[0-9][0-9 -]{2,28}$/, 'phone'),
              note: text(200).default(''),
            })
            .strict(),
        )
        .max(20),
    })
    .strict(),
  'roster.import.validate': z.object({ kind: z.enum(['people', 'roster']), csv: z.string().max(2_000_000) }).strict(),
  'roster.import.commit': z
    .object({
      kind: z.enum(['people', 'roster']),
      csv: z.string().max(2_000_000),
      reason,
      override: overrideSchema.optional(),
    })
    .strict(),
  'roster.export': z
    .object({
      month,
      format: z.enum(['csv', 'xlsx', 'pdf']),
      paper: z.enum(['A4', 'A3']).default('A3'),
      lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
    })
    .strict(),
  'handover.current': z.object({}).strict(),
  'handover.start': z.object({ notes: text(10_000).default('') }).strict(),
  'handover.refresh': z.object({ id }).strict(),
  'handover.notes': z.object({ id, notes: text(10_000) }).strict(),
  'handover.addItem': z.object({ id, title: text(200).min(1), detail: text(2000).default('') }).strict(),
  'handover.closeItem': z.object({ itemId: id, note: text(2000).min(1) }).strict(),
  'handover.sign': z.object({ id, role: z.enum(['outgoing', 'incoming']) }).strict(),
  'handover.get': z.object({ id }).strict(),
  'handover.search': z
    .object({
      q: text(100).default(''),
      from: z.number().int().optional(),
      to: z.number().int().optional(),
      limit: z.number().int().min(1).max(500).default(50),
    })
    .strict(),
  'handover.export': z
    .object({ id, format: z.enum(['csv', 'xlsx', 'pdf']), lang: z.enum(['zh-CN', 'en']).default('zh-CN') })
    .strict(),
} as const;

/** Channels whose handlers are asynchronous (file rendering); the core awaits them. */
export const rosterAsyncChannels = ['roster.export', 'handover.export'] as const;

export interface GenerateResult {
  proposed: GeneratedAssignment[];
  violations: Violation[];
  saved: SaveResult | null;
}

export interface RosterResponses {
  'roster.people.list': Person[];
  'roster.people.upsert': Person;
  'roster.positions.list': Position[];
  'roster.positions.upsert': Position;
  'roster.shifts.list': ShiftDef[];
  'roster.shifts.upsert': ShiftDef;
  'roster.holidays.list': Holiday[];
  'roster.holidays.set': Holiday[];
  'roster.holidays.remove': { removed: string };
  'roster.patterns.list': Pattern[];
  'roster.patterns.upsert': Pattern;
  'roster.rules.get': RuleConfig;
  'roster.rules.set': RuleConfig;
  'roster.window': RosterView;
  'roster.check': { introduced: Violation[]; all: Violation[] };
  'roster.save': SaveResult;
  'roster.generate': GenerateResult;
  'roster.history': HistoryEntry[];
  'roster.swap.request': Swap;
  'roster.swap.decide': Swap;
  'roster.swap.list': Swap[];
  'roster.onDuty': OnDuty;
  'roster.contacts.tree': ContactGroup[];
  'roster.contacts.search': ContactHit[];
  'roster.contacts.set': ContactEntry[];
  'roster.import.validate': ImportCheck;
  'roster.import.commit': ImportCheck;
  'roster.export': ExportFile;
  'handover.current': Handover | null;
  'handover.start': Handover;
  'handover.refresh': Handover;
  'handover.notes': Handover;
  'handover.addItem': HandoverItem;
  'handover.closeItem': HandoverItem;
  'handover.sign': Handover;
  'handover.get': Handover;
  'handover.search': HandoverSummary[];
  'handover.export': ExportFile;
}
