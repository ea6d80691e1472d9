import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/core/store/migrations/index';
import { m009AlertsLean } from '../../src/main/core/store/migrations/009-alerts-lean';
import { m010AlertsTimeKey } from '../../src/main/core/store/migrations/010-alerts-time-key';
import { uuidv7At, uuidv7Floor } from '../../src/main/core/ids';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A store migrated up to just before the alerts rebuild, with alerts from the feeds in it. */
function storeBefore(): Database.Database {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const d = new Database(path.join(t.dir, 'live.db'));
  cleanups.unshift(() => d.close());
  d.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.slice(0, m009AlertsLean.version - 1)) d.transaction(() => m.up(d))();
  const ins = d.prepare(
    `INSERT INTO alerts (id, sensor_id, kind, value, threshold, unit, ratio, district, lat, lon, incident_id, stream, at)
     VALUES (?, ?, 'gas', ?, 10, '%LEL', ?, 'xuhui', 31.19, 121.43, NULL, 'iot-gas', ?)`,
  );
  for (let i = 0; i < 50; i++)
    ins.run(`0190${String(i).padStart(4, '0')}-alert`, `GS-${i % 7}`, i / 10, i / 100, 1000 + i);
  return d;
}

describe('alerts migration (009)', () => {
  it('keeps every alert, makes the table its own key, and drops the unused sensor index', () => {
    const d = storeBefore();
    const before = d.prepare('SELECT * FROM alerts ORDER BY id').all();
    d.transaction(() => m009AlertsLean.up(d))();
    expect(d.prepare('SELECT * FROM alerts ORDER BY id').all()).toEqual(before);
    const sql = (d.prepare("SELECT sql FROM sqlite_schema WHERE name = 'alerts'").get() as { sql: string }).sql;
    expect(sql).toMatch(/WITHOUT ROWID/);
    const indexes = (
      d.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'alerts'").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(indexes).toContain('alerts_at');
    expect(indexes).not.toContain('alerts_sensor');
    expect(d.pragma('foreign_key_check')).toEqual([]);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('still serves the handover query (last 24 h of alerts by time) from the time index', () => {
    const d = storeBefore();
    d.transaction(() => m009AlertsLean.up(d))();
    const plan = d.prepare('EXPLAIN QUERY PLAN SELECT id FROM alerts WHERE at > ? ORDER BY at LIMIT 200').all(0) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX alerts_at/);
  });
});

describe('alerts keyed by their time (010)', () => {
  it('an id made for time t is at or above the floor of time ms exactly when t >= ms', () => {
    const base = Date.UTC(2026, 10, 29, 8);
    const times = [
      0,
      1,
      255,
      256,
      4095,
      4096,
      65_535,
      65_536,
      86_400_000,
      base - 1,
      base,
      base + 1,
      Date.UTC(2199, 11, 31),
    ];
    for (let i = 0; i < 500; i++) times.push(base + Math.floor((Math.random() - 0.5) * 4 * 86_400_000));
    for (const t of times) {
      const id = uuidv7At(t);
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      for (const ms of [t - 1, t, t + 1, t - 86_400_000, t + 86_400_000])
        expect([t, ms, id >= uuidv7Floor(ms)]).toEqual([t, ms, t >= ms]);
    }
    // The same millisecond again and again: ascending ids, all of that millisecond.
    const same = Array.from({ length: 1000 }, () => uuidv7At(base));
    expect([...same].sort()).toEqual(same);
    expect(new Set(same).size).toBe(1000);
    expect(same.every((id) => id >= uuidv7Floor(base) && id < uuidv7Floor(base + 1))).toBe(true);
  });

  it('drops the time index and serves the handover range from the key', () => {
    const d = storeBefore();
    d.transaction(() => m009AlertsLean.up(d))();
    d.transaction(() => m010AlertsTimeKey.up(d))();
    const indexes = d.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'alerts'").all();
    expect(indexes).toEqual([]);
    const plan = d
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM alerts WHERE at > ? AND id >= ? ORDER BY at LIMIT 200')
      .all(0, uuidv7Floor(1)) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/SEARCH alerts USING PRIMARY KEY \(id>\?\)/);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
