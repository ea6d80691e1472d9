import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkStructure,
  LIMITS,
  parseTime,
  validateFast,
  validateMessage,
  validateWithSchemas,
} from '../../src/main/core/feeds/validate';

/**
 * The hand-written fast path for sensor alarms and unit positions must never
 * disagree with the zod schemas: whenever it accepts, its typed event equals
 * (keys in the same order) what the schemas return; otherwise the schemas
 * decide. Generated messages mix valid and invalid values field by field.
 */

/** The previous parseTime (Date.parse of a normalised string): the oracle for the computed one. */
const ORACLE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;
function oracleParseTime(s: unknown): number | null {
  if (typeof s !== 'string') return null;
  const m = ORACLE_RE.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, sec, oh, om] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 23 || mi > 59 || sec > 59 || oh > 14 || om > 59) return null;
  const normalised = s.replace(/\.(\d{3})\d+/, '.$1').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(normalised);
  if (!Number.isFinite(t) || t < Date.UTC(1990, 0, 1) || t > Date.UTC(2200, 0, 1)) return null;
  return t;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const isoLike = fc
  .record({
    y: fc.oneof(fc.integer({ min: 1985, max: 2205 }), fc.integer({ min: 0, max: 9999 })),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    mi: fc.integer({ min: 0, max: 61 }),
    sec: fc.option(fc.integer({ min: 0, max: 61 })),
    frac: fc.option(fc.stringMatching(/^\d{1,9}$/)),
    zone: fc.oneof(
      fc.constant('Z'),
      fc.tuple(
        fc.constantFrom('+', '-'),
        fc.integer({ min: 0, max: 16 }),
        fc.integer({ min: 0, max: 61 }),
        fc.boolean(),
      ),
    ),
  })
  .map(({ y, mo, d, h, mi, sec, frac, zone }) => {
    const time =
      sec === null
        ? `${pad(h, 2)}:${pad(mi, 2)}`
        : `${pad(h, 2)}:${pad(mi, 2)}:${pad(sec, 2)}${frac === null ? '' : `.${frac}`}`;
    const z = zone === 'Z' ? 'Z' : `${zone[0]}${pad(zone[1], 2)}${zone[3] ? ':' : ''}${pad(zone[2], 2)}`;
    return `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${time}${z}`;
  });

const TS = '2026-11-29T09:00:00+08:00';
const str = (max: number): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.string({ minLength: max - 1, maxLength: max + 1 }),
    fc.constant(''),
    fc.integer(),
  );
const num = fc.oneof(
  fc.double({ noNaN: false }),
  fc.integer({ min: -400, max: 400 }),
  fc.constantFrom<unknown>(0, -0, Infinity, -Infinity, NaN, '1', null, true),
);
/** Mostly `valid`, sometimes `invalid`, so a real share of messages is valid throughout. */
const mostly = (valid: fc.Arbitrary<unknown>, invalid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: valid, weight: 30 }, { arbitrary: invalid, weight: 1 });
const OPTIONAL = new Set(['unit', 'district', 'street', 'grid', 'address', 'lat', 'lon', 'speedKmh', 'heading']);
const maybe = <T>(k: string, a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(a, { nil: undefined, freq: OPTIONAL.has(k) ? 2 : 60 });
/** An object from optional fields: absent keys are left out, sometimes one unknown key is added. */
const obj = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(
      fc.record(Object.fromEntries(Object.entries(fields).map(([k, a]) => [k, maybe(k, a)]))),
      fc.integer({ min: 0, max: 9 }),
    )
    .map(([r, extra]) => {
      const o: Record<string, unknown> = {};
      // Shuffle-ish: the wire order differs from the schema order.
      for (const k of Object.keys(r).reverse()) if (r[k] !== undefined) o[k] = r[k];
      if (extra === 0 && Object.keys(o).length % 7 === 0) o.extra = 1;
      return o;
    });
const location = mostly(
  obj({
    district: mostly(fc.string({ maxLength: 50 }), str(50)),
    street: mostly(fc.string({ maxLength: 200 }), str(200)),
    grid: mostly(fc.string({ maxLength: 64 }), str(64)),
    address: mostly(fc.string({ maxLength: 300 }), str(300)),
    lat: mostly(fc.double({ min: -90, max: 90, noNaN: true }), fc.oneof(fc.double({ min: -91, max: 91 }), num)),
    lon: mostly(fc.double({ min: -180, max: 180, noNaN: true }), fc.oneof(fc.double({ min: -181, max: 181 }), num)),
  }),
  fc.constantFrom<unknown>(null, [], 'x'),
);
const sensorAlarm = obj({
  sensorId: mostly(fc.string({ minLength: 1, maxLength: 128 }), str(128)),
  kind: mostly(fc.string({ minLength: 1, maxLength: 64 }), str(64)),
  value: mostly(fc.double({ noNaN: true, noDefaultInfinity: true }), num),
  threshold: mostly(fc.double({ noNaN: true, noDefaultInfinity: true }), num),
  unit: mostly(fc.string({ maxLength: 32 }), str(32)),
  location,
});
const unitPosition = obj({
  unitId: mostly(fc.string({ minLength: 1, maxLength: 128 }), str(128)),
  lat: mostly(fc.double({ min: -90, max: 90, noNaN: true }), fc.oneof(fc.double({ min: -91, max: 91 }), num)),
  lon: mostly(fc.double({ min: -180, max: 180, noNaN: true }), fc.oneof(fc.double({ min: -181, max: 181 }), num)),
  speedKmh: mostly(fc.double({ min: 0, max: 1000, noNaN: true }), fc.oneof(fc.double({ min: -1, max: 1001 }), num)),
  heading: mostly(fc.double({ min: 0, max: 360, noNaN: true }), fc.oneof(fc.double({ min: -1, max: 361 }), num)),
  at: mostly(fc.constant(TS), fc.oneof(isoLike, fc.constant(null))),
});
const envelope = fc
  .record({
    type: fc.constantFrom('sensor.alarm', 'unit.position'),
    alarm: sensorAlarm,
    position: unitPosition,
    v: mostly(fc.constant(1), fc.constantFrom<unknown>(2, '1')),
    stream: mostly(
      fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/),
      fc.constantFrom<unknown>('-bad', 'x'.repeat(65), 3),
    ),
    seq: mostly(
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      fc.constantFrom<unknown>(0, -1, 1.5, 2 ** 53, '7'),
    ),
    id: mostly(fc.string({ minLength: 1, maxLength: 128 }), str(128)),
    ts: mostly(fc.oneof(fc.constant(TS), isoLike), str(64)),
    extra: fc.integer({ min: 0, max: 19 }),
  })
  .map(({ type, alarm, position, v, stream, seq, id, ts, extra }) => {
    const m: Record<string, unknown> = {
      v,
      stream,
      seq,
      id,
      type,
      ts,
      payload: type === 'sensor.alarm' ? alarm : position,
    };
    if (extra === 0) m.more = true;
    if (extra === 1) delete m.id;
    return m;
  });

describe('the fast validation path agrees with the zod schemas', () => {
  it('parseTime computed from the fields equals Date.parse of the normalised string', () => {
    fc.assert(
      fc.property(fc.oneof(isoLike, fc.string({ maxLength: 40 })), (s) => {
        expect(parseTime(s)).toBe(oracleParseTime(s));
      }),
      { numRuns: 30_000 },
    );
    for (const s of [
      '2026-11-29T09:00:00.1+08:00',
      '2026-11-29T09:00:00.12Z',
      '2026-11-29T09:00:00.123456789-0330',
      '2000-02-29T00:00Z',
      '2100-02-29T00:00Z',
      '2024-02-29T12:00:00+08:00',
      '2023-02-29T12:00:00+08:00',
      '1900-02-29T00:00Z',
      '0999-01-01T00:00Z',
      '0095-06-01T00:00Z',
      '1989-12-31T23:59:59-14:00',
      '1989-12-31T10:00:00-14:00',
      '2200-01-01T00:00Z',
      '2200-01-01T00:00:00.001Z',
      '2200-01-01T10:00+14:00',
      new Date(Date.UTC(2026, 10, 29, 1, 2, 3, 45)).toISOString(),
      '2026-11-29T09:00:00+08:00',
      '2026-11-29T09:00:00.123-03:30',
      '2026-11-29T09:00:00.12',
      '2026-11-29T09:00:00.123',
      '2026-11-29T09:00:00+15:00',
      '2026-11-29T09:00:00+08:60',
      '2026-1a-29T09:00:00Z',
      '２０２６-11-29T09:00:00Z',
      '2026-11-29T09:00:00.1234Z',
      '2026-11-29T09:00:00Zx',
      '2026-11-29T09:00:00+0800',
      '2026-02-29T09:00:00Z',
    ])
      expect(parseTime(s)).toBe(oracleParseTime(s));
  });

  it('on generated alarms and positions, valid or not, the result is the schemas’ result, keys in the same order', () => {
    let fastHits = 0;
    fc.assert(
      fc.property(envelope, (m) => {
        const slow = validateWithSchemas(m);
        const got = validateMessage(m);
        expect(got).toEqual(slow);
        expect(JSON.stringify(got)).toBe(JSON.stringify(slow));
        const fast = validateFast(m);
        if (fast !== null) {
          fastHits++;
          expect(slow.ok).toBe(true);
        }
      }),
      { numRuns: 20_000 },
    );
    // The generator is tuned so a real share of messages is valid and takes the fast path.
    expect(fastHits).toBeGreaterThan(500);
  });

  it('the canonical hot messages take the fast path', () => {
    const alarm = {
      v: 1,
      stream: 'iot-gas',
      seq: 1,
      id: '0193a0e4-0000-7000-8000-000000000001',
      type: 'sensor.alarm',
      ts: new Date().toISOString(),
      payload: {
        sensorId: 'GS-1',
        kind: 'gas',
        value: 3,
        threshold: 10,
        unit: '%LEL',
        location: { district: '徐汇区', lat: 31.19, lon: 121.43 },
      },
    };
    const position = {
      ...alarm,
      type: 'unit.position',
      payload: { unitId: 'U-1', lat: 31.2, lon: 121.4, speedKmh: 40, at: TS },
    };
    for (const m of [alarm, position]) {
      expect(validateFast(m)).not.toBeNull();
      expect(validateFast(m)).toEqual((validateWithSchemas(m) as { value: unknown }).value);
    }
  });
});

describe('the fast path needs no structure walk', () => {
  const x = (n: number): string => 'x'.repeat(n);
  /** Every field the fast path reads, at the longest it accepts. */
  const maximal = [
    {
      v: 1,
      stream: `s${x(63)}`,
      seq: Number.MAX_SAFE_INTEGER,
      id: x(128),
      type: 'sensor.alarm',
      ts: '2026-11-29T09:00:00.123456789+08:00',
      payload: {
        sensorId: x(128),
        kind: x(64),
        value: 1,
        threshold: 1,
        unit: x(32),
        location: { district: x(50), street: x(200), grid: x(64), address: x(300), lat: 1, lon: 1 },
      },
    },
    {
      v: 1,
      stream: `s${x(63)}`,
      seq: 1,
      id: x(128),
      type: 'unit.position',
      ts: TS,
      payload: { unitId: x(128), lat: 1, lon: 1, speedKmh: 1, heading: 1, at: '2026-11-29T09:00:00.123456789+08:00' },
    },
  ];

  it('a maximal accepted message is within every structure limit', () => {
    for (const m of maximal) {
      expect(validateFast(m)).not.toBeNull();
      expect(checkStructure(m).ok).toBe(true);
      // One character more in any string and the fast path defers.
      const longer = structuredClone(m) as { id: string };
      longer.id += 'x';
      expect(validateFast(longer)).toBeNull();
    }
    const text = JSON.stringify(maximal[0]).length;
    expect(text).toBeLessThan(LIMITS.totalChars);
    expect(LIMITS.depth).toBeGreaterThanOrEqual(3);
    expect(LIMITS.keysPerObject).toBeGreaterThanOrEqual(7);
    expect(LIMITS.stringChars).toBeGreaterThanOrEqual(300);
  });

  it('hostile keys and shapes in a hot message never pass it; the schemas name the reason', () => {
    const base = maximal[0];
    const hostile: unknown[] = [
      JSON.parse(JSON.stringify(base).replace('"kind"', '"__proto__":{"x":1},"kind"')),
      JSON.parse(JSON.stringify(base).replace('"district"', '"constructor":"x","district"')),
      JSON.parse(JSON.stringify(base).replace('"v":1', '"prototype":1,"v":1')),
      JSON.parse(
        JSON.stringify(base).replace(
          '"lat":1',
          '"lat":{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":{"j":{"k":{"l":{}}}}}}}}}}}}}',
        ),
      ),
      { ...base, payload: { ...base.payload, location: { ...base.payload.location, district: x(400_001) } } },
      Object.assign(Object.create({ inherited: true }) as object, base),
    ];
    for (const m of hostile) {
      expect(validateFast(m)).toBeNull();
      const r = validateMessage(m);
      expect(r.ok).toBe(false);
    }
  });
});
