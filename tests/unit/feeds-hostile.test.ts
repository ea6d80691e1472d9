import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { PAYLOADS, QUARANTINE_REASONS, type QuarantineReason } from '../../src/main/core/feeds/validate';
import { rig, type Rig } from '../helpers/feeds';

/**
 * 10,000 generated hostile messages, each built to trip one check. The test
 * counts rejections by reason and requires every reason to be hit — and each
 * message to be rejected for the reason it was built for — so the deep checks
 * are really reached, not shadowed by a shallow one.
 */
const STREAM = 'hostile';
const TS = '2026-11-29T09:00:00+08:00';
type Make = (seq: number) => unknown;

const env = (
  seq: number,
  type: string,
  payload: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  v: 1,
  stream: STREAM,
  seq,
  id: `h-${seq}`,
  type,
  ts: TS,
  payload,
  ...extra,
});
const goodPos = { unitId: 'U-1', lat: 31.2, lon: 121.4, at: TS };

/** Nest `leaf` under `depth` levels of objects or arrays. */
const nest = (leaf: unknown, depth: number, arrays: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { k: v };
  return v;
};

const arbs: Record<QuarantineReason, fc.Arbitrary<Make>> = {
  not_object: fc
    .oneof(
      fc.string({ maxLength: 40 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 4 }),
    )
    .map((x) => () => x),
  oversize: fc.oneof(
    fc
      .integer({ min: 13, max: 40 })
      .map((d) => (seq: number) => env(seq, 'unit.position', { ...goodPos, extra: nest(1, d, false) })),
    fc.integer({ min: 501, max: 700 }).map(
      (n) => (seq: number) =>
        env(seq, 'unit.position', {
          ...goodPos,
          wide: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])),
        }),
    ),
    fc
      .integer({ min: 5001, max: 6000 })
      .map((n) => (seq: number) => env(seq, 'unit.position', { ...goodPos, list: new Array(n).fill(0) })),
  ),
  forbidden_key: fc
    .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.integer({ min: 0, max: 8 }), fc.boolean())
    .map(([key, depth, arrays]) => (seq: number) => {
      const leaf = JSON.parse(`{"${key}":{"isAdmin":true}}`) as unknown;
      return env(seq, 'unit.position', { ...goodPos, deep: nest(leaf, depth, arrays) });
    }),
  envelope_invalid: fc.oneof(
    fc.integer({ min: 2, max: 99 }).map((v) => (seq: number) => env(seq, 'unit.position', goodPos, { v })),
    fc
      .constantFrom<unknown>('', 42, null, 'x'.repeat(129))
      .map((id) => (seq: number) => env(seq, 'unit.position', goodPos, { id })),
    fc.constantFrom<unknown>([], 'payload', 7, null).map((p) => (seq: number) => env(seq, 'unit.position', p)),
    fc
      .string({ minLength: 1, maxLength: 10 })
      .filter(
        (k) =>
          !['v', 'stream', 'seq', 'id', 'type', 'ts', 'payload', '__proto__', 'constructor', 'prototype'].includes(k),
      )
      .map((k) => (seq: number) => env(seq, 'unit.position', goodPos, { [k]: 1 })),
  ),
  unknown_type: fc
    .string({ minLength: 1, maxLength: 64 })
    .filter((t) => !Object.prototype.hasOwnProperty.call(PAYLOADS, t))
    .map((t) => (seq: number) => env(seq, t, goodPos)),
  bad_time: fc.oneof(
    fc.string({ maxLength: 30 }).map((ts) => (seq: number) => env(seq, 'unit.position', goodPos, { ts })),
    fc
      .constantFrom(
        '2026-02-30T10:00:00Z',
        '2026-11-29 09:00',
        '1969-12-31T23:59:59Z',
        '2026-11-29T25:00:00+08:00',
        '9999-01-01T00:00:00Z',
      )
      .map((at) => (seq: number) => env(seq, 'unit.position', { ...goodPos, at })),
  ),
  bad_coordinates: fc.oneof(
    fc
      .double({ min: 90.000001, max: 1e300, noNaN: true })
      .map((lat) => (seq: number) => env(seq, 'unit.position', { ...goodPos, lat })),
    fc
      .double({ min: -1e300, max: -180.000001, noNaN: true })
      .map((lon) => (seq: number) => env(seq, 'unit.position', { ...goodPos, lon })),
    fc
      .constantFrom<unknown>(null, '31.2', Infinity, -Infinity)
      .map((lat) => (seq: number) => env(seq, 'unit.position', { ...goodPos, lat })),
  ),
  payload_invalid: fc.oneof(
    fc
      .string({ maxLength: 20 })
      .filter((s) => !['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'out_of_service'].includes(s))
      .map((status) => (seq: number) => env(seq, 'unit.status', { unitId: 'U-1', status })),
    fc
      .string({ maxLength: 20 })
      .map(
        (category) => (seq: number) =>
          env(seq, 'incident.reported', { externalRef: 'x', title: 't', category: `z${category}`, location: {} }),
      ),
    fc.constant((seq: number) =>
      env(seq, 'sensor.alarm', { sensorId: 's', kind: 'gas', value: 1, threshold: 0, location: {} }),
    ),
    fc.constant((seq: number) =>
      env(seq, 'warning.issued', {
        identifier: 'a b',
        sender: 's',
        sent: TS,
        status: 'Actual',
        msgType: 'Alert',
        info: [],
      }),
    ),
  ),
};

let r: Rig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const DOMAIN = [
  'incidents',
  'reports',
  'timeline',
  'units',
  'unit_positions',
  'alerts',
  'warnings',
  'merge_proposals',
  'feed_inbox',
];

describe('hostile feed messages', () => {
  it('10,000 generated hostile messages: process stays up, each quarantined with its reason, domain tables unchanged', async () => {
    const cases = fc.sample(
      fc.constantFrom(...QUARANTINE_REASONS).chain((reason) => arbs[reason].map((make) => ({ reason, make }))),
      { numRuns: 10_000, seed: 20261129 },
    );
    r = await rig();
    const before = DOMAIN.map((t) => r!.count(`SELECT count(*) AS n FROM ${t}`));
    r.core.startFeeds();
    const intended: (QuarantineReason | null)[] = [];
    for (const c of cases) intended[r.server.publishRaw(STREAM, c.make)] = c.reason;
    r.server.publish(STREAM, 'unit.position', goodPos); // the stream goes on afterwards
    await r.settled(STREAM);
    const rows = r.core.store.db.prepare('SELECT seq, reason FROM quarantine ORDER BY id').all() as {
      seq: number | null;
      reason: string;
    }[];
    const got = new Set(rows.map((x) => x.seq));
    const lost = intended
      .map((reason, seq) => ({ reason, seq }))
      .filter((x) => x.reason && x.reason !== 'not_object' && !got.has(x.seq));
    expect(lost.slice(0, 5)).toEqual([]); // nothing hostile was applied instead of quarantined
    expect(rows).toHaveLength(10_000);
    const byReason = new Map<string, number>();
    let mismatched = 0;
    let withSeq = 0;
    for (const row of rows) {
      byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + 1);
      if (row.seq !== null) {
        withSeq++;
        if (intended[row.seq] !== row.reason) mismatched++;
      }
    }
    for (const reason of QUARANTINE_REASONS) expect(byReason.get(reason) ?? 0, reason).toBeGreaterThan(0);
    expect(byReason.get('not_object')).toBe(cases.filter((c) => c.reason === 'not_object').length);
    expect(withSeq).toBe(10_000 - byReason.get('not_object')!);
    expect(mismatched).toBe(0);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    const after = DOMAIN.map((t) => r!.count(`SELECT count(*) AS n FROM ${t}`));
    expect(after).toEqual(
      before.map((n, i) =>
        DOMAIN[i] === 'unit_positions' || DOMAIN[i] === 'units' || DOMAIN[i] === 'feed_inbox' ? n + 1 : n,
      ),
    );
  }, 120_000);
});
