import type { Envelope } from './protocol';

/**
 * A hand-written accelerator for the messages that come in volume (sensor
 * alarms and unit positions): it checks the envelope and those two payloads
 * without zod and without building error paths.
 *
 * It only ever says "certainly valid, here is the typed event" or "not sure"
 * (null). On null the caller runs the full zod validation, which decides and
 * names the reason — so every rejection, and every type not handled here,
 * goes through exactly the same checks as before. When it does accept, its
 * result equals what zod would return (tests/unit/feeds-validate-fast.test.ts
 * compares the two on generated messages). Keep it in step with the schemas
 * in validate.ts: any doubt must return null.
 */

const STREAM_RE = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const ENVELOPE_KEYS = new Set(['v', 'stream', 'seq', 'id', 'type', 'ts', 'payload']);
/** The last stream name that matched STREAM_RE: a batch is nearly always one stream, so test it once. */
let lastStream = '';

/*
 * No structure walk is needed here. Every object the fast path accepts has
 * only keys it names (the envelope's 7, the payload's, `location`'s), so
 * `__proto__`, `constructor` and `prototype` cannot occur; it is at most
 * three levels deep with at most seven keys per object, and every string is
 * bounded by its field (the longest is `address`, 300; `ts`/`at` match the
 * ISO-8601 pattern), so a whole message holds at most ~1,300 characters of
 * text. All of that is far inside `LIMITS` (validate.ts);
 * tests/unit/feeds-validate-fast.test.ts checks a maximal message against
 * them and hostile keys against the fast path.
 */

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const str = (v: unknown, min: number, max: number): v is string =>
  typeof v === 'string' && v.length >= min && v.length <= max;
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const coord = (v: unknown, max: number): v is number => finite(v) && v >= -max && v <= max;

/** The envelope when it is certainly valid (zod's `envelopeSchema`), else null. */
export function fastEnvelope(m: Record<string, unknown>): Envelope | null {
  let n = 0;
  for (const k in m) if (++n > 7 || !ENVELOPE_KEYS.has(k)) return null;
  if (n !== 7) return null;
  const { v, stream, seq, id, type, ts, payload } = m;
  if (v !== 1) return null;
  if (typeof stream !== 'string') return null;
  if (stream !== lastStream) {
    if (!STREAM_RE.test(stream)) return null;
    lastStream = stream;
  }
  if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return null;
  if (!str(id, 1, 128) || !str(type, 1, 64) || !str(ts, 0, 64) || !isPlain(payload)) return null;
  return { v: 1, stream, seq, id, type, ts, payload };
}

export interface FastLocation {
  district?: string;
  street?: string;
  grid?: string;
  address?: string;
  lat?: number;
  lon?: number;
}

/** `location` (strict, lat and lon together), keys in the schema's order as zod returns them. */
function fastLocation(l: unknown): FastLocation | null {
  if (!isPlain(l)) return null;
  let district: string | undefined, street: string | undefined, grid: string | undefined;
  let address: string | undefined, lat: number | undefined, lon: number | undefined;
  for (const k in l) {
    const v = l[k];
    if (k === 'district' && str(v, 0, 50)) district = v;
    else if (k === 'street' && str(v, 0, 200)) street = v;
    else if (k === 'grid' && str(v, 0, 64)) grid = v;
    else if (k === 'address' && str(v, 0, 300)) address = v;
    else if (k === 'lat' && coord(v, 90)) lat = v;
    else if (k === 'lon' && coord(v, 180)) lon = v;
    else return null;
  }
  if ((lat === undefined) !== (lon === undefined)) return null;
  const out: FastLocation = {};
  if (district !== undefined) out.district = district;
  if (street !== undefined) out.street = street;
  if (grid !== undefined) out.grid = grid;
  if (address !== undefined) out.address = address;
  if (lat !== undefined) out.lat = lat;
  if (lon !== undefined) out.lon = lon;
  return out;
}

export interface FastSensorAlarm {
  sensorId: string;
  kind: string;
  value: number;
  threshold: number;
  unit?: string;
  location: FastLocation;
}

/** `sensorAlarm` when certainly valid, else null. */
export function fastSensorAlarm(p: Record<string, unknown>): FastSensorAlarm | null {
  let sensorId: string | undefined, kind: string | undefined, value: number | undefined;
  let threshold: number | undefined,
    unit: string | undefined,
    location: FastLocation | null = null;
  for (const k in p) {
    const v = p[k];
    if (k === 'sensorId' && str(v, 1, 128)) sensorId = v;
    else if (k === 'kind' && str(v, 1, 64)) kind = v;
    else if (k === 'value' && finite(v)) value = v;
    else if (k === 'threshold' && finite(v) && v !== 0) threshold = v;
    else if (k === 'unit' && str(v, 0, 32)) unit = v;
    else if (k !== 'location' || (location = fastLocation(v)) === null) return null;
  }
  if (sensorId === undefined || kind === undefined || value === undefined || threshold === undefined) return null;
  if (location === null) return null;
  // zod returns the keys in the schema's order, optional ones only when present.
  return unit === undefined
    ? { sensorId, kind, value, threshold, location }
    : { sensorId, kind, value, threshold, unit, location };
}

export interface FastUnitPosition {
  unitId: string;
  lat: number;
  lon: number;
  speedKmh?: number;
  heading?: number;
  at: number;
}

/** `unitPosition` when certainly valid, else null. `parseTime` is validate.ts's. */
export function fastUnitPosition(
  p: Record<string, unknown>,
  parseTime: (s: unknown) => number | null,
): FastUnitPosition | null {
  let unitId: string | undefined, lat: number | undefined, lon: number | undefined;
  let speedKmh: number | undefined,
    heading: number | undefined,
    at: number | null = null;
  for (const k in p) {
    const v = p[k];
    if (k === 'unitId' && str(v, 1, 128)) unitId = v;
    else if (k === 'lat' && coord(v, 90)) lat = v;
    else if (k === 'lon' && coord(v, 180)) lon = v;
    else if (k === 'speedKmh' && finite(v) && v >= 0 && v <= 1000) speedKmh = v;
    else if (k === 'heading' && finite(v) && v >= 0 && v <= 360) heading = v;
    else if (k !== 'at' || (at = parseTime(v)) === null) return null;
  }
  if (unitId === undefined || lat === undefined || lon === undefined || at === null) return null;
  const out: FastUnitPosition = { unitId, lat, lon, at };
  // zod returns the keys in the schema's order: unitId, lat, lon, speedKmh, heading, at.
  if (speedKmh === undefined && heading === undefined) return out;
  const ordered: FastUnitPosition = { unitId, lat, lon } as FastUnitPosition;
  if (speedKmh !== undefined) ordered.speedKmh = speedKmh;
  if (heading !== undefined) ordered.heading = heading;
  ordered.at = at;
  return ordered;
}
