import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { BoardAggregates, median, shanghaiDayStart } from '../../src/main/core/board/aggregates';
import { IncidentService } from '../../src/main/core/incidents/service';
import { ChangeLog } from '../../src/main/core/store/changes';
import { openStore } from '../../src/main/core/store/db';
import { ok } from '../../src/shared/result';
import type { NewReport } from '../../src/shared/schemas';
import type { Category, District, Level } from '../../src/shared/domain';
import type { Result } from '../../src/shared/result';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

// 2026-11-29 10:00 Beijing = 02:00 UTC.
const T0 = Date.UTC(2026, 10, 29, 2, 0, 0);

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** A core on a fake clock; `setup` runs raw SQL before the core opens, as another domain's migration would. */
function open(setup?: string): { core: Core; clock: { t: number } } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = path.join(t.dir, 'live.db');
  if (setup) {
    const first = new Core({ dbFile: file, seat: 's', operator: 'o', mode: 'live', version: 't' });
    first.store.db.exec(setup);
    first.close();
  }
  const clock = { t: T0 };
  const core = new Core({ dbFile: file, seat: 's', operator: 'o', mode: 'live', version: 't', now: () => clock.t });
  cleanups.unshift(() => core.close());
  return { core, clock };
}

/**
 * The board aggregates over a bare store, without the other domains' services: the way to
 * see a store that lacks their tables (the feeds service would not open without them).
 */
type Handle = Pick<Core, 'handle'>;
function rawOpen(setup: string): {
  core: Handle & { store: { db: Core['store']['db'] }; incidents: IncidentService };
  clock: { t: number };
} {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const store = openStore({ file: path.join(t.dir, 'live.db') });
  cleanups.unshift(() => store.close());
  store.db.exec(setup);
  const clock = { t: T0 };
  const now = (): number => clock.t;
  const incidents = new IncidentService(store.db, new ChangeLog(store.db, now), now);
  const agg = new BoardAggregates(store.db, now);
  const actor = { seat: 's', operator: 'o' };
  const handle = ((channel: string, req: { maxIncidents?: number }) => {
    if (channel === 'incident.create') return ok(incidents.createFromReport(req as NewReport, actor));
    if (channel === 'board.kpiExtras') return ok(agg.kpiExtras());
    if (channel === 'board.map') return ok(agg.map(req.maxIncidents));
    if (channel === 'board.sources') return ok(agg.sources());
    if (channel === 'board.warnings') return ok(agg.warnings());
    throw new Error(channel);
  }) as Handle['handle'];
  return { core: { handle, store, incidents }, clock };
}

function report(
  core: Handle,
  district: District,
  level: Level,
  category: Category = 'fire',
  lat?: number,
  lon?: number,
): string {
  const inc = value(
    core.handle('incident.create', {
      title: `${category} in ${district}`,
      category,
      level,
      district,
      channel: '119',
      ...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
    }),
  );
  return inc.id;
}

describe('board aggregates', () => {
  it('computes Beijing midnight and medians', () => {
    expect(new Date(shanghaiDayStart(T0)).toISOString()).toBe('2026-11-28T16:00:00.000Z');
    // 23:30 UTC on the 28th is 07:30 on the 29th in Beijing.
    expect(new Date(shanghaiDayStart(Date.UTC(2026, 10, 28, 23, 30))).toISOString()).toBe('2026-11-28T16:00:00.000Z');
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('gives map markers and per-district counts for open incidents only', () => {
    const { core } = open();
    report(core, 'pudong', 1, 'fire', 31.22, 121.55);
    report(core, 'pudong', 3);
    const closed = report(core, 'huangpu', 2);
    report(core, 'xuhui', 4, 'traffic');
    core.store.db.prepare("UPDATE incidents SET status = 'closed' WHERE id = ?").run(closed);
    const map = value(core.handle('board.map', { maxIncidents: 20_000 }));
    expect(map.districtCounts.pudong).toBe(2);
    expect(map.districtCounts.xuhui).toBe(1);
    expect(map.districtCounts.huangpu).toBe(0);
    expect(Object.keys(map.districtCounts)).toHaveLength(16);
    expect(map.incidents).toHaveLength(3);
    expect(map.incidents[0]).toMatchObject({ level: 1, lat: 31.22, lon: 121.55, category: 'fire', district: 'pudong' });
    expect(map.truncated).toBe(false);
    expect(map.units).toEqual([]);
    const few = value(core.handle('board.map', { maxIncidents: 2 }));
    expect(few.incidents.map((i) => i.level)).toEqual([1, 3]);
    expect(few.truncated).toBe(true);
  });

  it('returns null for figures whose tables this store does not have', () => {
    // As a store without the feeds/resources domains would be.
    const { core } = rawOpen(
      // …and the resources domain's depots and unit history.
      'DROP TABLE IF EXISTS stock_balances; DROP TABLE IF EXISTS stock_ledger; DROP TABLE IF EXISTS depots; DROP TABLE IF EXISTS unit_status_history; DROP TABLE IF EXISTS unit_positions; DROP TABLE IF EXISTS units; DROP TABLE IF EXISTS warnings; DROP TABLE IF EXISTS feed_sources;',
    );
    const k = value(core.handle('board.kpiExtras', {}));
    expect(k).toMatchObject({ unitsAvailable: null, unitsCommitted: null, activeWarnings: null, unitsByStatus: null });
    expect(value(core.handle('board.warnings', {}))).toBeNull();
    // The foundation's timeline is always there, so dispatch time is measurable but empty.
    expect(k.medianDispatchMs).toBeNull();
    expect(k.dispatchedToday).toBe(0);
    expect(value(core.handle('board.sources', {}))).toEqual({
      units: false,
      dispatches: true,
      warnings: false,
      depots: false,
      duty: true, // the rosters tables (their migration) are in every store
      feeds: true, // the other feed_* tables are still there
    });
  });

  it("reads the feeds domain's own units and warnings tables", () => {
    const { core } = open();
    const db = core.store.db;
    db.prepare(
      "INSERT INTO units (id, call_sign, status, lat, lon, updated_at) VALUES ('a', '沪消01', 'available', 31.2, 121.5, 0)",
    ).run();
    db.prepare("INSERT INTO units (id, call_sign, status, updated_at) VALUES ('b', '沪消02', 'on_scene', 0)").run();
    const w =
      db.prepare(`INSERT INTO warnings (id, identifier, sender, sent, cap_status, msg_type, state, event, category,
      urgency, severity, certainty, headline, level, expires, area_desc, area, body, stream, received_at, updated_at)
      VALUES (?, ?, 's', 0, 'Actual', 'Alert', ?, 'e', 'Met', 'Expected', 'Severe', 'Likely', ?, ?, ?, '全市', '[]', '{}', 'cap', 0, 0)`);
    w.run('w1', 'i1', 'active', '暴雨橙色预警', 'orange', null);
    w.run('w2', 'i2', 'notice', '提示', 'blue', null);
    w.run('w3', 'i3', 'superseded', '旧预警', 'yellow', null);
    w.run('w4', 'i4', 'active', '已过期', 'red', T0 - 1);
    const k = value(core.handle('board.kpiExtras', {}));
    expect(k).toMatchObject({ unitsAvailable: 1, unitsCommitted: 1, activeWarnings: 1 });
    expect(value(core.handle('board.warnings', {}))?.map((x) => x.headline)).toEqual(['暴雨橙色预警']);
    expect(value(core.handle('board.map', { maxIncidents: 10 })).units?.map((u) => u.label)).toEqual(['沪消01']);
    expect(value(core.handle('board.sources', {}))).toMatchObject({ units: true, warnings: true, feeds: true });
  });

  it('reads units, dispatches and warnings when other domains have added their tables', () => {
    const { core, clock } = rawOpen(`
      DROP TABLE IF EXISTS stock_balances; DROP TABLE IF EXISTS stock_ledger; DROP TABLE IF EXISTS depots; DROP TABLE IF EXISTS unit_status_history;
      DROP TABLE IF EXISTS unit_positions; DROP TABLE IF EXISTS units; DROP TABLE IF EXISTS warnings;
      CREATE TABLE units (id TEXT PRIMARY KEY, call_sign TEXT, status TEXT NOT NULL, lat REAL, lon REAL) STRICT;
      INSERT INTO units VALUES ('u1','沪消01','available',31.2,121.5), ('u2','沪消02','en_route',31.3,121.4),
        ('u3','沪救01','on_scene',NULL,NULL), ('u4','沪救02','out_of_service',31.1,121.3), ('u5','X','dispatched',31.0,121.2);
      CREATE TABLE dispatches (id TEXT PRIMARY KEY, incident_id TEXT NOT NULL, unit_id TEXT NOT NULL, dispatched_at INTEGER NOT NULL) STRICT;
      CREATE TABLE warnings (id TEXT PRIMARY KEY, status TEXT NOT NULL, expires_at INTEGER, headline TEXT, level TEXT) STRICT;
      INSERT INTO warnings VALUES ('w1','active',NULL,'暴雨蓝色预警','blue'), ('w2','active',${T0 + 3600_000},'台风橙色预警','orange'),
        ('w3','cancelled',NULL,'x','red'), ('w4','active',${T0 - 1},'y','red');
      CREATE TABLE depots (id TEXT PRIMARY KEY) STRICT;
    `);
    // Three incidents today, dispatched after 60 s, 120 s and 600 s (the second unit on the first does not count).
    const delays = [60_000, 120_000, 600_000];
    const ins = core.store.db.prepare('INSERT INTO dispatches VALUES (?, ?, ?, ?)');
    delays.forEach((d, i) => {
      clock.t = T0 + i * 1000;
      const id = report(core, 'minhang', 3);
      ins.run(`d${i}`, id, 'u1', clock.t + d);
      ins.run(`e${i}`, id, 'u2', clock.t + d + 30_000);
    });
    // Yesterday's incident is not today's figure.
    clock.t = T0 - 24 * 3600_000;
    ins.run('old', report(core, 'minhang', 3), 'u1', clock.t + 10);
    clock.t = T0 + 5000;
    const k = value(core.handle('board.kpiExtras', {}));
    expect(k.unitsAvailable).toBe(1);
    expect(k.unitsCommitted).toBe(3);
    expect(k.medianDispatchMs).toBe(120_000);
    expect(k.dispatchedToday).toBe(3);
    expect(k.activeWarnings).toBe(2);
    expect(value(core.handle('board.warnings', {}))?.map((w) => `${w.level} ${w.headline}`)).toEqual([
      'orange 台风橙色预警',
      'blue 暴雨蓝色预警',
    ]);
    expect(k.unitsByStatus).toEqual({ available: 1, en_route: 1, on_scene: 1, out_of_service: 1, dispatched: 1 });
    const map = value(core.handle('board.map', { maxIncidents: 20_000 }));
    expect(map.units?.map((u) => u.label).sort()).toEqual(['X', '沪救02', '沪消01', '沪消02']);
    expect(value(core.handle('board.sources', {}))).toMatchObject({ units: true, warnings: true, depots: true });
  });

  it('picks up a table created after the core opened (schema_version changed)', () => {
    const { core } = rawOpen(
      'DROP TABLE IF EXISTS stock_balances; DROP TABLE IF EXISTS stock_ledger; DROP TABLE IF EXISTS depots; DROP TABLE IF EXISTS unit_status_history; DROP TABLE IF EXISTS unit_positions; DROP TABLE IF EXISTS units; DROP TABLE IF EXISTS warnings;',
    );
    expect(value(core.handle('board.kpiExtras', {})).unitsAvailable).toBeNull();
    core.store.db.exec(`CREATE TABLE units (id TEXT PRIMARY KEY, status TEXT NOT NULL) STRICT;
      INSERT INTO units VALUES ('a', 'available'), ('b', 'available');`);
    expect(value(core.handle('board.kpiExtras', {})).unitsAvailable).toBe(2);
    expect(value(core.handle('board.sources', {})).units).toBe(true);
  });

  it('falls back to dispatch entries in the incident timeline', () => {
    const { core, clock } = open();
    const id = report(core, 'jingan', 2);
    clock.t = T0 + 90_000;
    core.incidents.appendTimeline(id, 'dispatched', { seat: 's', operator: 'o' }, '沪消01 dispatched');
    expect(value(core.handle('board.kpiExtras', {})).medianDispatchMs).toBe(90_000);
  });
});
