import { z } from 'zod';
import { CATEGORY_CODES, REPORT_CHANNELS } from '../../../shared/domain';
import type { Envelope } from './protocol';
import { parseTime } from './time';
import { fastEnvelope, fastSensorAlarm, fastUnitPosition } from './validate-fast';

export { parseTime };

/**
 * Everything a feed sends is untrusted. Each message is checked in three steps
 * — structure (size, depth, forbidden keys), envelope, payload for its type —
 * and a failure names one stable reason, so the quarantine can be filtered and
 * a test can prove every check is really reached.
 */
export const QUARANTINE_REASONS = [
  'not_object',
  'oversize',
  'forbidden_key',
  'envelope_invalid',
  'unknown_type',
  'bad_time',
  'bad_coordinates',
  'payload_invalid',
] as const;
export type QuarantineReason = (typeof QUARANTINE_REASONS)[number];

export const LIMITS = {
  depth: 12,
  nodes: 20_000,
  keysPerObject: 500,
  arrayLength: 5000,
  stringChars: 400_000,
  totalChars: 1_000_000,
} as const;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: QuarantineReason; detail: string };

/** Walk the raw message once: forbidden keys anywhere, bounded size and depth. */
export function checkStructure(msg: unknown): Checked<Record<string, unknown>> {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return {
      ok: false,
      reason: 'not_object',
      detail: `message is ${msg === null ? 'null' : Array.isArray(msg) ? 'an array' : typeof msg}`,
    };
  }
  let nodes = 0;
  let chars = 0;
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: msg, depth: 0, path: '$' }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop() as { v: unknown; depth: number; path: string };
    if (++nodes > LIMITS.nodes) return { ok: false, reason: 'oversize', detail: `more than ${LIMITS.nodes} values` };
    if (depth > LIMITS.depth)
      return { ok: false, reason: 'oversize', detail: `nested deeper than ${LIMITS.depth} at ${path}` };
    if (typeof v === 'string') {
      if (v.length > LIMITS.stringChars)
        return { ok: false, reason: 'oversize', detail: `string longer than ${LIMITS.stringChars} at ${path}` };
      chars += v.length;
      if (chars > LIMITS.totalChars)
        return { ok: false, reason: 'oversize', detail: `more than ${LIMITS.totalChars} characters of text` };
    } else if (Array.isArray(v)) {
      if (v.length > LIMITS.arrayLength)
        return { ok: false, reason: 'oversize', detail: `array longer than ${LIMITS.arrayLength} at ${path}` };
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: `${path}[${i}]` });
    } else if (typeof v === 'object' && v !== null) {
      const keys = Object.keys(v);
      if (keys.length > LIMITS.keysPerObject)
        return {
          ok: false,
          reason: 'oversize',
          detail: `object with more than ${LIMITS.keysPerObject} keys at ${path}`,
        };
      for (const k of keys) {
        if (FORBIDDEN.has(k)) return { ok: false, reason: 'forbidden_key', detail: `key "${k}" at ${path}` };
        chars += k.length;
        stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, path: `${path}.${k.slice(0, 40)}` });
      }
    }
  }
  return { ok: true, value: msg as Record<string, unknown> };
}

const time = z.unknown().transform((v, ctx): number => {
  const t = parseTime(v);
  if (t === null) {
    ctx.addIssue({ code: 'custom', message: v === undefined ? 'required' : 'bad_time' });
    return z.NEVER;
  }
  return t;
});

const coordinate = (max: number): z.ZodType<number> =>
  z.unknown().transform((v, ctx): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < -max || v > max) {
      ctx.addIssue({ code: 'custom', message: v === undefined ? 'required' : 'bad_coordinates' });
      return z.NEVER;
    }
    return v;
  });
const lat = coordinate(90);
const lon = coordinate(180);

const text = (max: number): z.ZodString => z.string().max(max);
const name = z.string().min(1).max(128);
const finite = z.number().finite();

const location = z
  .object({
    district: text(50).optional(),
    street: text(200).optional(),
    grid: text(64).optional(),
    address: text(300).optional(),
    lat: lat.optional(),
    lon: lon.optional(),
  })
  .strict()
  .refine((l) => (l.lat === undefined) === (l.lon === undefined), { message: 'bad_coordinates' });

const level = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.enum(['I', 'II', 'III', 'IV'])]);

const reportFields = {
  title: z.string().min(1).max(200),
  category: z.enum(CATEGORY_CODES),
  level: level.optional(),
  description: text(4000).optional(),
  location,
  reporter: z
    .object({ channel: z.enum(REPORT_CHANNELS), name: text(100).optional(), phone: text(40).optional() })
    .strict()
    .optional(),
  occurredAt: time.optional(),
};

export const incidentReported = z.object({ externalRef: name, ...reportFields }).strict();
export const incidentUpdated = z
  .object({ externalRef: name, changes: z.object(reportFields).partial().strict() })
  .strict();

export const UNIT_STATUSES = [
  'available',
  'dispatched',
  'en_route',
  'on_scene',
  'returning',
  'out_of_service',
] as const;
export const unitPosition = z
  .object({
    unitId: name,
    lat,
    lon,
    speedKmh: finite.min(0).max(1000).optional(),
    heading: finite.min(0).max(360).optional(),
    at: time,
  })
  .strict();
export const unitStatus = z
  .object({
    unitId: name,
    status: z.enum(UNIT_STATUSES),
    incidentRef: name.optional(),
    agency: text(100).optional(),
    unitType: text(100).optional(),
    callSign: text(100).optional(),
    at: time.optional(),
  })
  .strict();
export const sensorAlarm = z
  .object({
    sensorId: name,
    kind: z.string().min(1).max(64),
    value: finite,
    threshold: finite.refine((t) => t !== 0, 'threshold must not be 0'),
    unit: text(32).optional(),
    location,
  })
  .strict();

/** Literal XML entity references left in text mean an entity was not expanded — or was an attack. */
const capText = (max: number, min = 0): z.ZodType<string> =>
  z
    .string()
    .min(min)
    .max(max)
    .refine((s) => !/&(?!(?:amp|lt|gt|quot|apos);)[A-Za-z_%][\w.-]*;/.test(s), 'unexpanded XML entity reference');

const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
const capArea = z
  .object({
    areaDesc: capText(1000, 1),
    polygon: z.array(capText(400_000)).max(100).optional(),
    circle: z.array(capText(200)).max(100).optional(),
    geocode: z
      .array(z.object({ valueName: capText(100), value: capText(4000) }).strict())
      .max(2000)
      .optional(),
    altitude: finite.optional(),
    ceiling: finite.optional(),
  })
  .strict();
const capInfo = z
  .object({
    language: capText(35).optional(),
    category: z.array(z.enum(CAP_CATEGORIES)).min(1).max(12).or(z.enum(CAP_CATEGORIES)),
    event: capText(500, 1),
    responseType: z
      .array(z.enum(['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None']))
      .max(9)
      .optional(),
    urgency: z.enum(['Immediate', 'Expected', 'Future', 'Past', 'Unknown']),
    severity: z.enum(['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown']),
    certainty: z.enum(['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown', 'Very Likely']),
    audience: capText(500).optional(),
    eventCode: z
      .array(z.object({ valueName: capText(100), value: capText(200) }).strict())
      .max(50)
      .optional(),
    senderName: capText(500).optional(),
    headline: capText(500).optional(),
    description: capText(16_000).optional(),
    instruction: capText(8000).optional(),
    web: capText(1000).optional(),
    contact: capText(500).optional(),
    parameter: z
      .array(z.object({ valueName: capText(100), value: capText(2000) }).strict())
      .max(100)
      .optional(),
    resource: z
      .array(
        z
          .object({
            resourceDesc: capText(1000),
            mimeType: capText(200).optional(),
            size: capText(20).optional(),
            uri: capText(2000).optional(),
            derefUri: capText(20_000).optional(),
            digest: capText(200).optional(),
          })
          .strict(),
      )
      .max(50)
      .optional(),
    effective: time.optional(),
    onset: time.optional(),
    expires: time.optional(),
    area: z.array(capArea).max(2000),
  })
  .strict();
const capId = z
  .string()
  .min(1)
  .max(256)
  .refine((s) => !/[\s,<&]/.test(s), 'CAP identifiers contain no spaces, commas, < or &');
export const warningIssued = z
  .object({
    identifier: capId,
    sender: capId,
    sent: time,
    status: z.enum(['Actual', 'Exercise', 'System', 'Test', 'Draft']),
    msgType: z.enum(['Alert', 'Update', 'Cancel', 'Ack', 'Error']),
    source: capText(500).optional(),
    scope: z.enum(['Public', 'Restricted', 'Private']).optional(),
    restriction: capText(500).optional(),
    addresses: capText(2000).optional(),
    code: z.array(capText(200)).max(50).optional(),
    note: capText(4000).optional(),
    references: capText(8000).optional(),
    incidents: capText(2000).optional(),
    info: z.array(capInfo).max(20).default([]),
    level: z.enum(['blue', 'yellow', 'orange', 'red']).optional(),
  })
  .strict()
  .refine(
    (a) => a.msgType === 'Cancel' || a.msgType === 'Ack' || a.msgType === 'Error' || a.info.length > 0,
    'an Alert or Update needs at least one info block',
  )
  .refine(
    (a) => a.msgType === 'Alert' || a.msgType === 'Error' || (a.references ?? '').trim().length > 0,
    'Update, Cancel and Ack need references',
  );

const exerciseControl = z.record(z.string(), z.unknown());

export const PAYLOADS = {
  'incident.reported': incidentReported,
  'incident.updated': incidentUpdated,
  'unit.position': unitPosition,
  'unit.status': unitStatus,
  'sensor.alarm': sensorAlarm,
  'warning.issued': warningIssued,
  // Exercise control (calls, messages, clock state, the real-world stop): accepted only from an exercise feed (see exercise/control-apply.ts).
  'exercise.call': exerciseControl,
  'exercise.message': exerciseControl,
  'exercise.state': exerciseControl,
  'exercise.stop': exerciseControl,
} as const;
export type EventType = keyof typeof PAYLOADS;

export type TypedEvent = {
  [K in EventType]: { type: K; envelope: Envelope; ts: number; payload: z.output<(typeof PAYLOADS)[K]> };
}[EventType];

const envelopeSchema = z
  .object({
    v: z.literal(1),
    stream: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/, 'stream name'),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    id: z.string().min(1).max(128),
    type: z.string().min(1).max(64),
    ts: z.string().max(64),
    payload: z.record(z.string(), z.unknown()),
  })
  .strict();

function classify(issues: readonly z.core.$ZodIssue[]): QuarantineReason {
  if (issues.some((i) => i.message === 'bad_coordinates')) return 'bad_coordinates';
  if (issues.some((i) => i.message === 'bad_time')) return 'bad_time';
  return 'payload_invalid';
}

function describe(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(payload)'}: ${i.message}`)
    .join('; ');
}

/** Validate one message from a feed; the result is either a typed event or a reason to quarantine it. */
export function validateMessage(msg: unknown): Checked<TypedEvent> {
  const fast = validateFast(msg);
  return fast === null ? validateWithSchemas(msg) : { ok: true, value: fast };
}

/**
 * The hot types without zod (see validate-fast.ts): a typed event when the
 * message is certainly valid, else null and the full validation decides.
 */
export function validateFast(msg: unknown): TypedEvent | null {
  // No structure walk: what the fast path accepts is within LIMITS by construction (validate-fast.ts).
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg) || Object.getPrototypeOf(msg) !== Object.prototype)
    return null;
  const envelope = fastEnvelope(msg as Record<string, unknown>);
  if (envelope === null) return null;
  const ts = parseTime(envelope.ts);
  if (ts === null) return null;
  if (envelope.type === 'sensor.alarm') {
    const payload = fastSensorAlarm(envelope.payload);
    return payload === null ? null : { type: 'sensor.alarm', envelope, ts, payload };
  }
  if (envelope.type === 'unit.position') {
    const payload = fastUnitPosition(envelope.payload, parseTime);
    return payload === null ? null : { type: 'unit.position', envelope, ts, payload };
  }
  return null;
}

/** The full validation with the zod schemas: decides every message the fast path is not sure of. */
export function validateWithSchemas(msg: unknown): Checked<TypedEvent> {
  const s = checkStructure(msg);
  if (!s.ok) return s;
  const env = envelopeSchema.safeParse(s.value);
  if (!env.success) return { ok: false, reason: 'envelope_invalid', detail: describe(env.error.issues) };
  const envelope = env.data as Envelope;
  const ts = parseTime(envelope.ts);
  if (ts === null) return { ok: false, reason: 'bad_time', detail: `ts: not an ISO-8601 time with offset` };
  if (!Object.prototype.hasOwnProperty.call(PAYLOADS, envelope.type)) {
    return { ok: false, reason: 'unknown_type', detail: `type "${envelope.type.slice(0, 64)}"` };
  }
  const type = envelope.type as EventType;
  const p = PAYLOADS[type].safeParse(envelope.payload);
  if (!p.success) return { ok: false, reason: classify(p.error.issues), detail: describe(p.error.issues) };
  return { ok: true, value: { type, envelope, ts, payload: p.data } as TypedEvent };
}

/** Stream and seq of a message when they are readable, so even a quarantined event can be acked. */
export function streamAndSeq(msg: unknown): { stream: string; seq: number } | null {
  if (typeof msg !== 'object' || msg === null) return null;
  const { stream, seq } = msg as { stream?: unknown; seq?: unknown };
  if (typeof stream !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(stream)) return null;
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return null;
  return { stream, seq };
}
