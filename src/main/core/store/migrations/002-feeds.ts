import type { Migration } from './types';

/**
 * Live feeds: configured sources, the inbox that makes each event apply once,
 * per-stream cursors, feed faults (gaps, refused feeds), the quarantine of
 * everything that failed validation, the durable command outbox, and the
 * domain tables feeds fill: CAP warnings, sensor alerts, units with a bounded
 * position history, and merge proposals between incidents.
 *
 * `units` is deliberately minimal (identity, status and last fix): the
 * resources domain owns units and extends this table in its own migration.
 */
export const m002Feeds: Migration = {
  version: 2,
  name: 'feeds',
  up(db) {
    db.exec(`
      CREATE TABLE feed_sources (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        -- Ciphertext from the shell (Electron safeStorage), base64; never plain text.
        token_cipher TEXT,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;

      -- One row per applied event id per stream: the dedup key.
      CREATE TABLE feed_inbox (
        stream TEXT NOT NULL,
        event_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        type TEXT NOT NULL,
        ts INTEGER NOT NULL,
        received_at INTEGER NOT NULL,
        PRIMARY KEY (stream, event_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE feed_cursors (
        stream TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        cursor INTEGER NOT NULL,
        last_ts INTEGER,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE feed_faults (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        stream TEXT,
        kind TEXT NOT NULL,
        from_seq INTEGER,
        to_seq INTEGER,
        detail TEXT NOT NULL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX feed_faults_stream ON feed_faults (stream, kind);

      CREATE TABLE quarantine (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        stream TEXT,
        seq INTEGER,
        reason TEXT NOT NULL,
        detail TEXT NOT NULL,
        raw TEXT NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX quarantine_reason ON quarantine (reason, id);
      CREATE INDEX quarantine_stream ON quarantine (stream, id);

      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'rejected')),
        error TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL,
        sent_at INTEGER,
        settled_at INTEGER
      ) STRICT;
      CREATE INDEX outbox_state ON outbox (state, created_at);

      CREATE TABLE warnings (
        id TEXT PRIMARY KEY,
        identifier TEXT NOT NULL,
        sender TEXT NOT NULL,
        sent INTEGER NOT NULL,
        cap_status TEXT NOT NULL,
        msg_type TEXT NOT NULL,
        refs TEXT,
        state TEXT NOT NULL CHECK (state IN ('active', 'superseded', 'cancelled', 'notice')),
        superseded_by TEXT,
        event TEXT NOT NULL,
        category TEXT NOT NULL,
        urgency TEXT NOT NULL,
        severity TEXT NOT NULL,
        certainty TEXT NOT NULL,
        headline TEXT,
        description TEXT,
        instruction TEXT,
        level TEXT CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
        effective INTEGER,
        expires INTEGER,
        area_desc TEXT NOT NULL,
        area TEXT NOT NULL,
        body TEXT NOT NULL,
        stream TEXT NOT NULL,
        received_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        UNIQUE (sender, identifier, sent)
      ) STRICT;
      CREATE INDEX warnings_state ON warnings (state, expires);
      CREATE INDEX warnings_identifier ON warnings (identifier);

      CREATE TABLE alerts (
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
      ) STRICT;
      CREATE INDEX alerts_at ON alerts (at);
      CREATE INDEX alerts_sensor ON alerts (sensor_id, at);

      CREATE TABLE units (
        id TEXT PRIMARY KEY,
        call_sign TEXT NOT NULL,
        agency TEXT,
        unit_type TEXT,
        status TEXT NOT NULL,
        lat REAL,
        lon REAL,
        fix_at INTEGER,
        incident_ref TEXT,
        registered INTEGER NOT NULL DEFAULT 1,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX units_status ON units (status);

      -- Bounded: the feed keeps the last UNIT_HISTORY fixes per unit.
      CREATE TABLE unit_positions (
        id INTEGER PRIMARY KEY,
        unit_id TEXT NOT NULL REFERENCES units (id),
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        speed_kmh REAL,
        heading REAL,
        at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX unit_positions_unit ON unit_positions (unit_id, id);

      CREATE TABLE merge_proposals (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        target_id TEXT NOT NULL REFERENCES incidents (id),
        reason TEXT NOT NULL,
        distance_m REAL NOT NULL,
        minutes REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'rejected')),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX merge_proposals_state ON merge_proposals (state, created_at);

      -- Hot queries of the feed mapping on foundation tables: merge candidates
      -- (same category, recent) and a unit's incidentRef from any source.
      CREATE INDEX incidents_category_time ON incidents (category, reported_at);
      CREATE INDEX reports_external_ref ON reports (external_ref);
    `);
  },
};
