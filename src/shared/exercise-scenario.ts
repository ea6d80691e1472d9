import { z } from 'zod';
import { CATEGORY_CODES, DISTRICT_CODES, REPORT_CHANNELS, SHANGHAI_BBOX } from './domain';

/**
 * The master scenario events list (MSEL) as versioned JSON. One scenario is
 * metadata, timed injects, and the expected actions the players should take.
 * The format is versioned so a stored scenario written by an older Watchfloor
 * is either read as it is or refused with a clear reason, never misread.
 */
export const SCENARIO_FORMAT = 1;

/** Text in both working languages; Chinese is the one the room reads. */
export const localizedSchema = z
  .object({ zh: z.string().trim().min(1).max(4000), en: z.string().trim().min(1).max(4000) })
  .strict();
export type Localized = z.infer<typeof localizedSchema>;

/** Scenario time as HSEEP writes it: T+hh:mm:ss (hours may exceed 24). */
const SCENARIO_TIME = /^T\+(\d{1,3}):([0-5]\d):([0-5]\d)$/;

export function parseScenarioTime(s: string): number | null {
  const m = SCENARIO_TIME.exec(s.trim());
  if (!m) return null;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
}

export function formatScenarioTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `T+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export const scenarioTimeSchema = z
  .string()
  .refine((s) => parseScenarioTime(s) !== null, { message: 'scenario time must look like T+hh:mm:ss' });

const lat = z.number().finite().min(SHANGHAI_BBOX.minLat).max(SHANGHAI_BBOX.maxLat);
const lon = z.number().finite().min(SHANGHAI_BBOX.minLon).max(SHANGHAI_BBOX.maxLon);

const locationSchema = z
  .object({
    district: z.enum(DISTRICT_CODES).optional(),
    street: z.string().max(200).optional(),
    grid: z.string().max(100).optional(),
    address: z.string().max(300).optional(),
    lat: lat.optional(),
    lon: lon.optional(),
  })
  .passthrough();

/** Payload shapes for the protocol's known event types; other dotted types pass as objects. */
export const FEED_PAYLOADS = {
  'incident.reported': z
    .object({
      externalRef: z.string().min(1).max(100),
      title: z.string().min(1).max(200),
      category: z.enum(CATEGORY_CODES),
      level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
      description: z.string().max(4000).optional(),
      location: locationSchema,
      reporter: z
        .object({ channel: z.enum(REPORT_CHANNELS), name: z.string().optional(), phone: z.string().optional() })
        .passthrough()
        .optional(),
    })
    .passthrough(),
  // `changes` holds fields of incident.reported only (the protocol's rule); a status is not one of them.
  'incident.updated': z
    .object({
      externalRef: z.string().min(1),
      changes: z
        .object({
          title: z.string().min(1).max(200).optional(),
          category: z.enum(CATEGORY_CODES).optional(),
          level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
          description: z.string().max(4000).optional(),
          location: locationSchema.optional(),
          reporter: z
            .object({ channel: z.enum(REPORT_CHANNELS) })
            .passthrough()
            .optional(),
          occurredAt: z.string().optional(),
        })
        .strict(),
    })
    .passthrough(),
  'unit.position': z
    .object({ unitId: z.string().min(1), lat, lon, speedKmh: z.number().optional(), heading: z.number().optional() })
    .passthrough(),
  'unit.status': z
    .object({
      unitId: z.string().min(1),
      status: z.enum(['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'out_of_service']),
      incidentRef: z.string().optional(),
      agency: z.string().optional(),
      unitType: z.string().optional(),
    })
    .passthrough(),
  'sensor.alarm': z
    .object({
      sensorId: z.string().min(1),
      kind: z.string().min(1),
      value: z.number(),
      threshold: z.number(),
      unit: z.string().optional(),
      location: locationSchema,
    })
    .passthrough(),
  'warning.issued': z
    .object({
      identifier: z.string().min(1),
      sender: z.string().min(1),
      status: z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']),
      msgType: z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']),
      info: z
        .array(
          z
            .object({
              category: z.string(),
              event: z.string(),
              urgency: z.string(),
              severity: z.string(),
              certainty: z.string(),
              // CAP allows several polygons per area: an array of "lat,lon lat,lon …" rings.
              area: z
                .array(z.object({ areaDesc: z.string(), polygon: z.array(z.string()).optional() }).passthrough())
                .min(1),
            })
            .passthrough(),
        )
        .min(1),
      level: z.enum(['blue', 'yellow', 'orange', 'red']).optional(),
    })
    .passthrough(),
} as const;
export type KnownFeedType = keyof typeof FEED_PAYLOADS;
export const KNOWN_FEED_TYPES = Object.keys(FEED_PAYLOADS) as KnownFeedType[];

const EVENT_TYPE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/;
const STREAM = /^[a-z0-9][a-z0-9-]{0,63}$/;

const injectBase = {
  no: z.number().int().min(1).max(100_000),
  at: scenarioTimeSchema,
  title: localizedSchema,
  /** Seconds of seeded random delay the engine may add (0 = exact). */
  jitterSec: z.number().int().min(0).max(3600).optional(),
  objective: z.string().max(40).optional(),
  /** The controller's notes: never shown to players. */
  notes: z.string().max(4000).optional(),
};

export const feedInjectSchema = z
  .object({
    ...injectBase,
    delivery: z.literal('feed'),
    stream: z.string().regex(STREAM, 'stream names are lower-case words joined by "-"'),
    type: z.string().regex(EVENT_TYPE, 'event types are dotted lower-case words, e.g. incident.reported'),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict()
  .superRefine((inj, ctx) => {
    const schema = (FEED_PAYLOADS as Record<string, z.ZodType>)[inj.type];
    if (!schema) return;
    const r = schema.safeParse(inj.payload);
    if (!r.success) {
      for (const issue of r.error.issues) {
        ctx.addIssue({ code: 'custom', path: ['payload', ...issue.path.map(String)], message: issue.message });
      }
    }
  });

/** A phone call the officer must take and log (delivered to seats as a prompt, not as an incident). */
export const callInjectSchema = z
  .object({
    ...injectBase,
    delivery: z.literal('call'),
    type: z.literal('call'),
    from: z.string().min(1).max(100),
    payload: z
      .object({
        channel: z.enum(REPORT_CHANNELS),
        callerPhone: z.string().max(30).optional(),
        script: localizedSchema,
        district: z.enum(DISTRICT_CODES).optional(),
        address: z.string().max(300).optional(),
        lat: lat.optional(),
        lon: lon.optional(),
      })
      .strict(),
  })
  .strict();

/** A message from a named sender (a leader, a neighbouring agency, the media). */
export const messageInjectSchema = z
  .object({
    ...injectBase,
    delivery: z.literal('message'),
    type: z.literal('message'),
    from: z.string().min(1).max(100),
    to: z.string().max(100).optional(),
    payload: z.object({ text: localizedSchema }).strict(),
  })
  .strict();

export const injectSchema = z.discriminatedUnion('delivery', [feedInjectSchema, callInjectSchema, messageInjectSchema]);
export type Inject = z.infer<typeof injectSchema>;
export type FeedInject = z.infer<typeof feedInjectSchema>;

/**
 * How an expected action is recognised in the store. Kinds are open-ended
 * (the core keeps a registry of matchers), so a new domain can add one
 * without changing this file; the common ones are typed here.
 */
export const matcherSchema = z
  .object({
    kind: z.string().regex(/^[a-z][a-z_]*$/),
    /** The incident the action concerns, by the feed's externalRef. */
    ref: z.string().max(100).optional(),
    category: z.enum(CATEGORY_CODES).optional(),
    district: z.enum(DISTRICT_CODES).optional(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    capability: z.string().max(60).optional(),
    plan: z.string().max(60).optional(),
    channel: z.enum(REPORT_CHANNELS).optional(),
    text: z.string().max(200).optional(),
  })
  .strict();
export type Matcher = z.infer<typeof matcherSchema>;

export const expectedActionSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
    objective: z.string().max(40),
    description: localizedSchema,
    afterInject: z.number().int().min(1),
    withinMinutes: z
      .number()
      .positive()
      .max(24 * 60),
    matcher: matcherSchema,
  })
  .strict();
export type ExpectedAction = z.infer<typeof expectedActionSchema>;

export const objectiveSchema = z.object({ id: z.string().max(40), text: localizedSchema }).strict();

export const scenarioSchema = z
  .object({
    format: z.literal(SCENARIO_FORMAT),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    version: z.number().int().min(1),
    title: localizedSchema,
    summary: localizedSchema.optional(),
    objectives: z.array(objectiveSchema).min(1),
    participants: z.array(z.string().min(1).max(100)).min(1),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60),
    injects: z.array(injectSchema).min(1),
    expectedActions: z.array(expectedActionSchema),
  })
  .strict()
  .superRefine((s, ctx) => {
    const nos = new Set<number>();
    s.injects.forEach((inj, i) => {
      if (nos.has(inj.no))
        ctx.addIssue({ code: 'custom', path: ['injects', i, 'no'], message: `inject number ${inj.no} is used twice` });
      nos.add(inj.no);
      const at = parseScenarioTime(inj.at) ?? 0;
      if (at > s.durationMinutes * 60_000) {
        ctx.addIssue({
          code: 'custom',
          path: ['injects', i, 'at'],
          message: `inject ${inj.no} falls after the scenario's end`,
        });
      }
    });
    const objectives = new Set(s.objectives.map((o) => o.id));
    const ids = new Set<string>();
    s.expectedActions.forEach((a, i) => {
      if (ids.has(a.id))
        ctx.addIssue({
          code: 'custom',
          path: ['expectedActions', i, 'id'],
          message: `expected action ${a.id} is used twice`,
        });
      ids.add(a.id);
      if (!nos.has(a.afterInject)) {
        ctx.addIssue({
          code: 'custom',
          path: ['expectedActions', i, 'afterInject'],
          message: `inject ${a.afterInject} does not exist`,
        });
      }
      if (!objectives.has(a.objective)) {
        ctx.addIssue({
          code: 'custom',
          path: ['expectedActions', i, 'objective'],
          message: `objective ${a.objective} does not exist`,
        });
      }
    });
  });
export type Scenario = z.infer<typeof scenarioSchema>;
