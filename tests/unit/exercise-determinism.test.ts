import type { Database as Db } from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { waitFor } from '../helpers/feeds';
import { tempDir } from '../helpers/tmp';

const EPOCH = Date.UTC(2026, 5, 11, 9, 40, 0);
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

/**
 * Every table's rows in insertion order, with generated ids (UUIDv7 and the
 * run id, which embed the wall clock) renamed in order of first appearance —
 * so two stores compare equal exactly when they hold the same facts in the
 * same order.
 */
function dump(db: Db): Record<string, unknown[]> {
  const names = new Map<string, string>();
  const canon = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.replace(UUID, (u) => {
          const k = u.toLowerCase();
          if (!names.has(k)) names.set(k, `<id${names.size + 1}>`);
          return names.get(k) as string;
        })
      : v;
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    const sql = (db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(t) as { sql: string }).sql;
    // Insertion order where there is a rowid; key order for WITHOUT ROWID tables.
    const order = /WITHOUT ROWID/i.test(sql)
      ? (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; pk: number }[])
          .filter((c) => c.pk > 0)
          .sort((x, y) => x.pk - y.pk)
          .map((c) => `"${c.name}"`)
          .join(', ')
      : 'rowid';
    const rows = db.prepare(`SELECT * FROM "${t}" ORDER BY ${order}`).all() as Record<string, unknown>[];
    out[t] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, canon(v)])));
  }
  return out;
}

/** Play the whole scenario at ×60 on a fake clock, letting the seat ingest each due inject through the real feed path. */
async function play(scenarioId: string, seed: string): Promise<Record<string, unknown[]>> {
  const { dir, cleanup } = tempDir('wf-ex-det-');
  cleanups.push(cleanup);
  const clock = new FakeClock(0);
  const rt = SeatRuntime.open({
    dataDir: dir,
    clock,
    now: () => EPOCH,
    seat: 'seat-1',
    operator: 'tester',
    version: 't',
  });
  cleanups.push(() => rt.close());
  await rt.startExercise({ scenarioId, seed, speed: 60 });
  const s = rt.currentSession();
  const server = s?.server;
  if (!s || !server) throw new Error('no exercise session');
  const ingested = (): Promise<void> =>
    waitFor(
      () => server.log.streams().every((st) => server.ackedSeq(st, 'seat-1') >= server.log.head(st)),
      20_000,
      'ingestion',
    );
  for (const r of s.engine.rows()) {
    clock.advance(Math.max(0, (r.dueMs - s.engine.scenarioMs()) / 60));
    await ingested();
  }
  clock.advance((s.engine.getDurationMs() - s.engine.scenarioMs()) / 60 + 1);
  await ingested();
  expect(s.engine.getState()).toBe('ended');
  const d = dump(s.core.ctx.db);
  await rt.close();
  return d;
}

describe('exercise determinism', () => {
  it('two runs of one scenario with one seed leave identical stores; another seed does not', async () => {
    const a = await play('hazmat-leak-chemical-park', 'det-1');
    const b = await play('hazmat-leak-chemical-park', 'det-1');
    // The run went through the real pipeline: incidents, units, alerts and inbox rows exist.
    expect(a.incidents.length).toBeGreaterThan(3);
    expect(a.units.length).toBeGreaterThan(1);
    expect(a.unit_positions.length).toBeGreaterThan(5);
    expect(a.feed_inbox.length).toBeGreaterThan(30);
    expect(a.exercise_deliveries.length).toBe(41);
    // Every inject passed the seat's validation: nothing quarantined, no feed faults.
    expect(a.quarantine).toEqual([]);
    expect(a.feed_faults).toEqual([]);
    expect(b).toEqual(a);
    const c = await play('hazmat-leak-chemical-park', 'det-2');
    expect(c.exercise_deliveries).not.toEqual(a.exercise_deliveries);
  });
});
