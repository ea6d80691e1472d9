import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { m001Foundation } from '../../src/main/core/store/migrations/001-foundation';
import { m006Resources } from '../../src/main/core/store/migrations/006-resources';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function db(): Database.Database {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const d = new Database(path.join(t.dir, 'live.db'));
  cleanups.unshift(() => d.close());
  d.pragma('foreign_keys = ON');
  m001Foundation.up(d);
  return d;
}

const columns = (d: Database.Database, table: string): string[] =>
  (d.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((c) => c.name);

describe('resources migration', () => {
  it('extends a minimal units table another migration made, keeping its rows and fixes', () => {
    const d = db();
    // The feeds domain's minimal tables, as its migration creates them.
    d.exec(`
      CREATE TABLE units (
        id TEXT PRIMARY KEY, call_sign TEXT NOT NULL, agency TEXT, unit_type TEXT, status TEXT NOT NULL,
        lat REAL, lon REAL, fix_at INTEGER, incident_ref TEXT, registered INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX units_status ON units (status);
      CREATE TABLE unit_positions (
        id INTEGER PRIMARY KEY, unit_id TEXT NOT NULL REFERENCES units (id), lat REAL NOT NULL, lon REAL NOT NULL,
        speed_kmh REAL, heading REAL, at INTEGER NOT NULL
      ) STRICT;
      INSERT INTO units (id, call_sign, agency, status, lat, lon, fix_at, registered, updated_at)
        VALUES ('AVL-1', 'AVL-1', 'fire', 'en_route', 31.2, 121.4, 2000, 0, 2000);
      INSERT INTO unit_positions (unit_id, lat, lon, at) VALUES ('AVL-1', 31.1, 121.3, 1000), ('AVL-1', 31.2, 121.4, 2000),
        ('AVL-1', 31.2, 121.4, 2000);
    `);
    d.transaction(() => m006Resources.up(d))();
    expect(columns(d, 'units')).toEqual(
      expect.arrayContaining([
        'capabilities',
        'crew_size',
        'home_station',
        'incident_id',
        'pending_command',
        'status_at',
      ]),
    );
    expect(d.prepare('SELECT id, status, registered, capabilities, fix_at FROM units').all()).toEqual([
      { id: 'AVL-1', status: 'en_route', registered: 0, capabilities: '[]', fix_at: 2000 },
    ]);
    // Rebuilt keyed by (unit, time): the duplicate fix is stored once.
    expect(d.prepare('SELECT unit_id, at, lat FROM unit_positions ORDER BY at').all()).toEqual([
      { unit_id: 'AVL-1', at: 1000, lat: 31.1 },
      { unit_id: 'AVL-1', at: 2000, lat: 31.2 },
    ]);
    expect(columns(d, 'unit_positions')).toEqual(['unit_id', 'at', 'lat', 'lon', 'speed_kmh', 'heading']);
  });

  it('creates the tables outright on a store that has none', () => {
    const d = db();
    d.transaction(() => m006Resources.up(d))();
    for (const t of [
      'units',
      'unit_positions',
      'unit_status_history',
      'depots',
      'supply_items',
      'stock_ledger',
      'stock_balances',
    ]) {
      expect(columns(d, t).length, t).toBeGreaterThan(0);
    }
    expect(columns(d, 'units')[0]).toBe('id');
  });
});
