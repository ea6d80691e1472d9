import type { Migration } from './types';

/**
 * Duty rosters and shift handover. Assignments carry their epoch interval
 * (computed in Beijing time when made) so "on duty at instant t" is one
 * indexed range query. The roster history and override audit are append-only,
 * like the incident timeline. JSON columns hold short lists (phones,
 * qualifications) that are always read whole.
 */
export const m007Rosters: Migration = {
  version: 7,
  name: 'rosters',
  up(db) {
    db.exec(`
      CREATE TABLE roster_people (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        phones TEXT NOT NULL DEFAULT '[]',
        qualifications TEXT NOT NULL DEFAULT '[]',
        department TEXT NOT NULL DEFAULT '',
        agency TEXT NOT NULL DEFAULT '',
        login TEXT UNIQUE,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
      ) STRICT;

      CREATE TABLE roster_positions (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        required_qualifications TEXT NOT NULL DEFAULT '[]',
        headcount INTEGER NOT NULL CHECK (headcount >= 0),
        allow_overlap INTEGER NOT NULL DEFAULT 0 CHECK (allow_overlap IN (0, 1)),
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE roster_shifts (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
        duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
        position_ids TEXT NOT NULL DEFAULT '[]'
      ) STRICT;

      CREATE TABLE roster_holidays (
        date TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))
      ) STRICT;

      CREATE TABLE roster_patterns (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL
      ) STRICT;

      CREATE TABLE roster_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

      CREATE TABLE roster_assignments (
        id TEXT PRIMARY KEY,
        date TEXT NOT NULL,
        shift_id TEXT NOT NULL REFERENCES roster_shifts (id),
        position_id TEXT NOT NULL REFERENCES roster_positions (id),
        person_id TEXT NOT NULL REFERENCES roster_people (id),
        start_at INTEGER NOT NULL,
        end_at INTEGER NOT NULL CHECK (end_at > start_at),
        UNIQUE (date, shift_id, position_id, person_id)
      ) STRICT;
      CREATE INDEX roster_assignments_date ON roster_assignments (date);
      CREATE INDEX roster_assignments_start ON roster_assignments (start_at);
      CREATE INDEX roster_assignments_person ON roster_assignments (person_id, start_at);

      CREATE TABLE roster_overrides (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) > 0),
        violations TEXT NOT NULL
      ) STRICT;

      CREATE TABLE roster_history (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        reason TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('assign', 'remove', 'replace', 'swap')),
        assignment_id TEXT NOT NULL,
        date TEXT NOT NULL,
        before TEXT,
        after TEXT,
        override_id TEXT REFERENCES roster_overrides (id),
        swap_id TEXT
      ) STRICT;
      CREATE INDEX roster_history_date ON roster_history (date, id);
      CREATE INDEX roster_history_assignment ON roster_history (assignment_id, id);
      CREATE TRIGGER roster_history_no_update BEFORE UPDATE ON roster_history
        BEGIN SELECT RAISE(ABORT, 'roster history is append-only'); END;
      CREATE TRIGGER roster_history_no_delete BEFORE DELETE ON roster_history
        BEGIN SELECT RAISE(ABORT, 'roster history is append-only'); END;
      CREATE TRIGGER roster_overrides_no_update BEFORE UPDATE ON roster_overrides
        BEGIN SELECT RAISE(ABORT, 'roster overrides are append-only'); END;
      CREATE TRIGGER roster_overrides_no_delete BEFORE DELETE ON roster_overrides
        BEGIN SELECT RAISE(ABORT, 'roster overrides are append-only'); END;

      CREATE TABLE roster_swaps (
        id TEXT PRIMARY KEY,
        a_assignment_id TEXT NOT NULL,
        b_assignment_id TEXT NOT NULL,
        a_person_id TEXT NOT NULL,
        b_person_id TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at INTEGER NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        decided_by TEXT,
        decided_at INTEGER,
        decision_note TEXT
      ) STRICT;
      CREATE INDEX roster_swaps_status ON roster_swaps (status, requested_at);

      CREATE TABLE roster_contacts (
        id TEXT PRIMARY KEY,
        group_kind TEXT NOT NULL CHECK (group_kind IN ('position', 'agency')),
        group_name TEXT NOT NULL,
        priority INTEGER NOT NULL,
        person_id TEXT REFERENCES roster_people (id),
        name TEXT NOT NULL,
        phone TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX roster_contacts_group ON roster_contacts (group_kind, group_name, priority);

      CREATE TABLE handovers (
        id TEXT PRIMARY KEY,
        ref TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('open', 'complete')),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        shift_label TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        snapshot_at INTEGER NOT NULL,
        notes TEXT NOT NULL DEFAULT '',
        outgoing_operator TEXT,
        outgoing_signed_at INTEGER,
        incoming_operator TEXT,
        incoming_signed_at INTEGER,
        completed_at INTEGER
      ) STRICT;
      CREATE INDEX handovers_created ON handovers (created_at);

      CREATE TABLE handover_items (
        id TEXT PRIMARY KEY,
        origin_handover_id TEXT NOT NULL REFERENCES handovers (id),
        title TEXT NOT NULL,
        detail TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        closed_at INTEGER,
        closed_by TEXT,
        close_note TEXT,
        CHECK ((closed_at IS NULL) = (close_note IS NULL))
      ) STRICT;
      CREATE INDEX handover_items_open ON handover_items (closed_at);

      -- Which items each handover carried: the open items at its start plus the ones raised in it.
      CREATE TABLE handover_carried (
        handover_id TEXT NOT NULL REFERENCES handovers (id),
        item_id TEXT NOT NULL REFERENCES handover_items (id),
        PRIMARY KEY (handover_id, item_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
