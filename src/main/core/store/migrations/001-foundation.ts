import type { Migration } from './types';

/**
 * The foundation: incidents, their source reports, the append-only timeline,
 * and the change log every window follows. Times are epoch milliseconds (UTC);
 * display converts to Asia/Shanghai. Incident ids are UUIDv7 so the primary
 * key index grows at its right edge.
 */
export const m001Foundation: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        incident_class TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        status TEXT NOT NULL,
        district TEXT,
        address TEXT,
        lat REAL,
        lon REAL,
        description TEXT,
        channel TEXT NOT NULL,
        reported_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        acknowledged_at INTEGER,
        report_count INTEGER NOT NULL DEFAULT 1
      ) STRICT;
      CREATE INDEX incidents_open ON incidents (status, level, reported_at);
      CREATE INDEX incidents_reported ON incidents (reported_at);

      CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        incident_id TEXT REFERENCES incidents (id),
        source TEXT NOT NULL,
        external_ref TEXT,
        channel TEXT NOT NULL,
        reporter_name TEXT,
        reporter_phone TEXT,
        received_at INTEGER NOT NULL,
        body TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reports_incident ON reports (incident_id);
      CREATE INDEX reports_external ON reports (source, external_ref);

      CREATE TABLE timeline (
        id INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        actor TEXT NOT NULL,
        text TEXT NOT NULL,
        data TEXT
      ) STRICT;
      CREATE INDEX timeline_incident ON timeline (incident_id, id);
      -- The timeline is a record of what happened: it only ever grows.
      CREATE TRIGGER timeline_no_update BEFORE UPDATE ON timeline
        BEGIN SELECT RAISE(ABORT, 'timeline is append-only'); END;
      CREATE TRIGGER timeline_no_delete BEFORE DELETE ON timeline
        BEGIN SELECT RAISE(ABORT, 'timeline is append-only'); END;

      CREATE TABLE changes (
        id INTEGER PRIMARY KEY,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
        at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) STRICT;
    `);
  },
};
