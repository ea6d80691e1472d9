import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, CHANNEL_NAMES, type Channel } from '../../src/shared/ipc';
import { OUR_WINDOW, testCore } from '../helpers/core';

/** Shape keys of a channel's request schema (every request schema is a strict object). */
function shapeKeys(ch: Channel): Set<string> {
  const schema = channels[ch] as unknown as { shape: Record<string, unknown> };
  return new Set(Object.keys(schema.shape));
}

const hostileKeys = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '$where', '../../etc', '\u0000', ''),
  fc.string({ maxLength: 40 }),
);

/** Payloads no request schema may accept: non-objects, and objects carrying a key outside the schema. */
function hostilePayload(ch: Channel): fc.Arbitrary<unknown> {
  const known = shapeKeys(ch);
  const nonObjects = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.integer(),
    fc.double(),
    fc.constantFrom(Number.NaN, Infinity, -Infinity, true, false, 0, ''),
    fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 10 }),
  );
  const withForeignKey = fc
    .tuple(
      fc.dictionary(fc.constantFrom(...known, 'x'), fc.anything({ maxDepth: 3 }), { maxKeys: 5 }),
      hostileKeys.filter((k) => !known.has(k)),
      fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }),
    )
    .map(([base, key, value]) => {
      const o: Record<string, unknown> = { ...base };
      // defineProperty so '__proto__' becomes an own key, as it would after JSON.parse / structured clone.
      Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
      return o;
    });
  const deep = fc.integer({ min: 50, max: 400 }).map((depth) => {
    let o: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < depth; i++) o = { nested: o };
    return o;
  });
  return fc.oneof(nonObjects, withForeignKey, deep);
}

describe('every IPC channel against hostile payloads', () => {
  let t: ReturnType<typeof testCore>;
  beforeAll(() => {
    t = testCore();
  });
  afterAll(async () => t.cleanup());

  it('every request schema is a strict object, so foreign keys are refused', () => {
    for (const ch of CHANNEL_NAMES) {
      const def = (channels[ch] as unknown as { def: { type: string; catchall?: { def: { type: string } } } }).def;
      expect(def.type, ch).toBe('object');
      expect(def.catchall?.def.type, ch).toBe('never');
    }
  });

  it.each(CHANNEL_NAMES)('%s refuses each with a typed error; the core stays up; nothing is written', async (ch) => {
    const snapshot = (): unknown => {
      const raw = new Database(t.dbFile, { readonly: true });
      try {
        const tables = raw
          .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
          .pluck()
          .all() as string[];
        return tables.map((name) => [name, raw.prepare(`SELECT count(*) FROM "${name}"`).pluck().get()]);
      } finally {
        raw.close();
      }
    };
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(hostilePayload(ch), async (payload) => {
        const r = await t.router.handle(ch, payload, OUR_WINDOW);
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.error.code).toBe('invalid_request');
        expect(typeof r.error.message).toBe('string');
      }),
      { numRuns: 400, seed: 20261129 },
    );
    const alive = await t.router.handle('app.info', {}, OUR_WINDOW);
    expect(alive.ok).toBe(true);
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
