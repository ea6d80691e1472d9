import type { Migration } from './types';

/**
 * Sensor alerts are the feeds' highest-volume rows (thousands a second in a
 * burst), so each one should cost as few B-tree writes as its queries need.
 * The table keyed by a time-ordered UUIDv7 becomes WITHOUT ROWID (the key is
 * the table: one B-tree instead of a rowid table plus the key's index), and
 * the (sensor_id, at) index, which no query uses, goes. `alerts_at` stays:
 * the shift handover lists the last 24 hours of alerts by time.
 */
export const m009AlertsLean: Migration = {
  version: 9,
  name: 'alerts-lean',
  up(db) {
    db.exec(`
      CREATE TABLE alerts_lean (
        id TEXT PRIMARY KEY,
        sensor_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        value REAL NOT NULL,
        threshold REAL NOT NULL,
        unit TEXT,
        ratio REAL NOT NULL,
        district TEXT,
        lat REAL,
        lon REAL,
        incident_id TEXT REFERENCES incidents (id),
        stream TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      INSERT INTO alerts_lean (id, sensor_id, kind, value, threshold, unit, ratio, district, lat, lon, incident_id, stream, at)
        SELECT id, sensor_id, kind, value, threshold, unit, ratio, district, lat, lon, incident_id, stream, at FROM alerts;
      DROP TABLE alerts;
      ALTER TABLE alerts_lean RENAME TO alerts;
      CREATE INDEX alerts_at ON alerts (at);
    `);
  },
};
