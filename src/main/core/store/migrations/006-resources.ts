import type { Database } from 'better-sqlite3';
import type { Migration } from './types';

/**
 * Resource tracking: response units with live status and position, the
 * history of both, depots and supply items, and the stock ledger.
 *
 * - `units` is also written by the feed pipeline (unit.position/unit.status
 *   register unknown units with registered = 0), through UnitService. If
 *   the feeds migration already made a minimal `units` / `unit_positions`,
 *   they are extended / rebuilt here with every row kept (see below), so
 *   the two migrations can land in either order.
 * - `unit_status_history` and `stock_ledger` are records of what happened:
 *   append-only, enforced by triggers.
 * - `unit_positions` is bounded by downsampling (see positions.ts).
 * - `stock_balances` is derived from the ledger in the same transaction as
 *   each movement; CHECK (qty >= 0) is a backstop under the service's check.
 */
export const m006Resources: Migration = {
  version: 6,
  name: 'resources',
  up(db) {
    ensureUnits(db);
    ensurePositions(db);
    db.exec(`
      CREATE TABLE unit_status_history (
        id INTEGER PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units (id),
        at INTEGER NOT NULL,
        from_status TEXT,
        to_status TEXT NOT NULL,
        incident_id TEXT,
        actor TEXT NOT NULL,
        reason TEXT,
        source TEXT NOT NULL CHECK (source IN ('local', 'feed', 'import')),
        irregular INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX IF NOT EXISTS units_status_agency ON units (status, agency);
      CREATE INDEX IF NOT EXISTS units_incident ON units (incident_id);
      CREATE INDEX IF NOT EXISTS units_call_sign ON units (call_sign);

      CREATE INDEX unit_status_history_unit ON unit_status_history (unit_id, at);
      CREATE INDEX unit_status_history_incident ON unit_status_history (incident_id, at);
      CREATE TRIGGER unit_status_history_no_update BEFORE UPDATE ON unit_status_history
        BEGIN SELECT RAISE(ABORT, 'unit status history is append-only'); END;
      CREATE TRIGGER unit_status_history_no_delete BEFORE DELETE ON unit_status_history
        BEGIN SELECT RAISE(ABORT, 'unit status history is append-only'); END;

      CREATE TABLE depots (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        district TEXT,
        address TEXT,
        lat REAL,
        lon REAL,
        contact_name TEXT,
        contact_phone TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE supply_items (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        uom TEXT NOT NULL,
        min_level INTEGER NOT NULL DEFAULT 0 CHECK (min_level >= 0),
        tracks_expiry INTEGER NOT NULL DEFAULT 0 CHECK (tracks_expiry IN (0, 1)),
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE stock_ledger (
        id INTEGER PRIMARY KEY,
        movement_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('receive', 'allocate', 'transfer', 'return', 'consume', 'write_off')),
        depot_id TEXT NOT NULL REFERENCES depots (id),
        item_id TEXT NOT NULL REFERENCES supply_items (id),
        lot TEXT NOT NULL DEFAULT '',
        expires_at INTEGER,
        qty_delta INTEGER NOT NULL CHECK (qty_delta <> 0),
        incident_id TEXT REFERENCES incidents (id),
        counterpart_depot_id TEXT REFERENCES depots (id),
        actor TEXT NOT NULL,
        note TEXT
      ) STRICT;
      CREATE INDEX stock_ledger_depot_item ON stock_ledger (depot_id, item_id, id);
      CREATE INDEX stock_ledger_incident ON stock_ledger (incident_id, item_id);
      CREATE INDEX stock_ledger_movement ON stock_ledger (movement_id);
      CREATE TRIGGER stock_ledger_no_update BEFORE UPDATE ON stock_ledger
        BEGIN SELECT RAISE(ABORT, 'the stock ledger is append-only'); END;
      CREATE TRIGGER stock_ledger_no_delete BEFORE DELETE ON stock_ledger
        BEGIN SELECT RAISE(ABORT, 'the stock ledger is append-only'); END;

      CREATE TABLE stock_balances (
        depot_id TEXT NOT NULL REFERENCES depots (id),
        item_id TEXT NOT NULL REFERENCES supply_items (id),
        lot TEXT NOT NULL DEFAULT '',
        expires_at INTEGER,
        qty INTEGER NOT NULL CHECK (qty >= 0),
        PRIMARY KEY (depot_id, item_id, lot)
      ) STRICT, WITHOUT ROWID;
      -- unit.status names its incident by the source's externalRef; the foundation's
      -- (source, external_ref) index cannot serve a lookup by reference alone.
      CREATE INDEX IF NOT EXISTS reports_external_ref ON reports (external_ref) WHERE external_ref IS NOT NULL;

      CREATE INDEX stock_balances_expiry ON stock_balances (expires_at) WHERE expires_at IS NOT NULL;
    `);
  },
};

/** Every column resource tracking needs on `units`, as it would be declared in CREATE TABLE. */
const UNIT_COLUMNS: [name: string, decl: string][] = [
  ['call_sign', 'TEXT NOT NULL'],
  ['agency', 'TEXT'],
  ['unit_type', 'TEXT'],
  ['capabilities', "TEXT NOT NULL DEFAULT '[]'"],
  ['crew_size', 'INTEGER'],
  ['home_station', 'TEXT'],
  ['home_lat', 'REAL'],
  ['home_lon', 'REAL'],
  ['district', 'TEXT'],
  ['status', "TEXT NOT NULL DEFAULT 'available'"],
  ['status_at', 'INTEGER'],
  ['lat', 'REAL'],
  ['lon', 'REAL'],
  ['fix_at', 'INTEGER'],
  ['speed_kmh', 'REAL'],
  ['heading', 'REAL'],
  ['incident_id', 'TEXT REFERENCES incidents (id)'],
  ['incident_ref', 'TEXT'],
  ['registered', 'INTEGER NOT NULL DEFAULT 1 CHECK (registered IN (0, 1))'],
  ['pending_command', 'TEXT'],
  ['updated_at', 'INTEGER NOT NULL DEFAULT 0'],
];

function tableExists(db: Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * The feeds domain may already have created a minimal `units` table (id,
 * call sign, agency, type, status, last fix, registered): resource tracking
 * owns the table and extends it in place, keeping every row, rather than
 * fighting over who creates it.
 */
function ensureUnits(db: Database): void {
  if (!tableExists(db, 'units')) {
    db.exec(`CREATE TABLE units (
      id TEXT PRIMARY KEY,
      ${UNIT_COLUMNS.map(([n, d]) => `${n} ${d}`).join(',\n      ')}
    ) STRICT`);
    return;
  }
  const have = new Set(
    (db.prepare('SELECT name FROM pragma_table_info(?)').all('units') as { name: string }[]).map((c) => c.name),
  );
  for (const [name, decl] of UNIT_COLUMNS) {
    if (have.has(name)) continue;
    // ALTER TABLE cannot add a NOT NULL column without a default.
    const add = decl === 'TEXT NOT NULL' ? "TEXT NOT NULL DEFAULT ''" : decl;
    db.exec(`ALTER TABLE units ADD COLUMN ${name} ${add}`);
  }
}

/**
 * Position history keyed by (unit, time) so a resent fix is stored once and
 * a unit's track is one index range. A history table an earlier migration
 * made with another shape is rebuilt into this one, its fixes kept.
 */
function ensurePositions(db: Database): void {
  const create = `CREATE TABLE unit_positions (
      unit_id TEXT NOT NULL,
      at INTEGER NOT NULL,
      lat REAL NOT NULL,
      lon REAL NOT NULL,
      speed_kmh REAL,
      heading REAL,
      PRIMARY KEY (unit_id, at)
    ) STRICT, WITHOUT ROWID`;
  if (tableExists(db, 'unit_positions')) {
    const cols = db.prepare('SELECT name, pk FROM pragma_table_info(?)').all('unit_positions') as {
      name: string;
      pk: number;
    }[];
    const ours =
      cols.some((c) => c.name === 'unit_id' && c.pk === 1) && cols.some((c) => c.name === 'at' && c.pk === 2);
    if (!ours) {
      db.exec('ALTER TABLE unit_positions RENAME TO unit_positions_previous');
      db.exec(create);
      db.exec(`INSERT OR IGNORE INTO unit_positions (unit_id, at, lat, lon, speed_kmh, heading)
        SELECT unit_id, at, lat, lon, speed_kmh, heading FROM unit_positions_previous ORDER BY at`);
      db.exec('DROP TABLE unit_positions_previous');
    }
  } else {
    db.exec(create);
  }
  db.exec('CREATE INDEX IF NOT EXISTS unit_positions_at ON unit_positions (at)');
}
