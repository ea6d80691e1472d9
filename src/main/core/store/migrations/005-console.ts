import type { Migration } from './types';

/**
 * The operator console: lifecycle columns on incidents, saved queue views,
 * decisions on the feeds' merge proposals and merge records (undoable), plan activations and their
 * checklists, the hash-chained audit log, operator identities and the case
 * library with its full-text index.
 */
export const m005Console: Migration = {
  version: 5,
  name: 'console',
  up(db) {
    db.exec(`
      ALTER TABLE incidents ADD COLUMN acknowledged_by TEXT;
      ALTER TABLE incidents ADD COLUMN assigned_to TEXT;
      ALTER TABLE incidents ADD COLUMN merged_into TEXT REFERENCES incidents (id);
      ALTER TABLE incidents ADD COLUMN closed_at INTEGER;
      ALTER TABLE incidents ADD COLUMN outcome TEXT;
      ALTER TABLE incidents ADD COLUMN lessons TEXT;
      -- The queue filters by district and by the operator it is assigned to; status stays first
      -- so "open" is a range of a few values on each.
      CREATE INDEX incidents_district ON incidents (district, status, reported_at);
      CREATE INDEX incidents_assigned ON incidents (assigned_to, status) WHERE assigned_to IS NOT NULL;
      CREATE INDEX incidents_unacked ON incidents (reported_at) WHERE acknowledged_at IS NULL;

      CREATE TABLE saved_views (
        id TEXT PRIMARY KEY,
        seat TEXT NOT NULL,
        name TEXT NOT NULL,
        filters TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (seat, name)
      ) STRICT;

      -- merge_proposals comes from the feeds migration (002), which writes the
      -- dedup rule's proposals (incident_id = the newer report's incident,
      -- target_id = the existing one, state open/accepted/rejected). The console
      -- adds who decided, when and why, and an index for "is this pair already proposed".
      ALTER TABLE merge_proposals ADD COLUMN decided_at INTEGER;
      ALTER TABLE merge_proposals ADD COLUMN decided_by TEXT;
      ALTER TABLE merge_proposals ADD COLUMN decision_note TEXT;
      CREATE INDEX merge_proposals_pair ON merge_proposals (incident_id, target_id);

      -- One row per accepted merge; enough to undo it exactly.
      CREATE TABLE merges (
        id TEXT PRIMARY KEY,
        proposal_id TEXT REFERENCES merge_proposals (id),
        survivor_id TEXT NOT NULL REFERENCES incidents (id),
        absorbed_id TEXT NOT NULL REFERENCES incidents (id),
        absorbed_status TEXT NOT NULL,
        survivor_report_count INTEGER NOT NULL,
        absorbed_report_count INTEGER NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        undone_at INTEGER,
        undone_by TEXT
      ) STRICT;
      CREATE INDEX merges_absorbed ON merges (absorbed_id);

      -- Every time a report changes incident (merge, undo, split) it is written here.
      CREATE TABLE report_moves (
        id INTEGER PRIMARY KEY,
        report_id TEXT NOT NULL REFERENCES reports (id),
        from_incident TEXT NOT NULL,
        to_incident TEXT NOT NULL,
        merge_id TEXT REFERENCES merges (id),
        kind TEXT NOT NULL CHECK (kind IN ('merge', 'unmerge', 'split')),
        at INTEGER NOT NULL,
        actor TEXT NOT NULL
      ) STRICT;
      CREATE INDEX report_moves_merge ON report_moves (merge_id);

      CREATE TABLE plan_activations (
        id TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents (id),
        plan_id TEXT NOT NULL,
        level INTEGER NOT NULL,
        activated_at INTEGER NOT NULL,
        activated_by TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active', 'stood_down'))
      ) STRICT;
      CREATE UNIQUE INDEX plan_activations_one ON plan_activations (incident_id, plan_id) WHERE status = 'active';

      CREATE TABLE plan_steps (
        id TEXT PRIMARY KEY,
        activation_id TEXT NOT NULL REFERENCES plan_activations (id),
        code TEXT NOT NULL,
        seq INTEGER NOT NULL,
        position TEXT NOT NULL,
        title_zh TEXT NOT NULL,
        title_en TEXT NOT NULL,
        deadline_at INTEGER NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'skipped', 'superseded')),
        reason TEXT,
        done_at INTEGER,
        done_by TEXT
      ) STRICT;
      CREATE INDEX plan_steps_activation ON plan_steps (activation_id, seq);
      CREATE INDEX plan_steps_due ON plan_steps (deadline_at) WHERE state = 'pending';

      CREATE TABLE operators (
        name TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL,
        pin_salt TEXT,
        pin_hash TEXT,
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        seat TEXT NOT NULL,
        operator TEXT NOT NULL,
        role TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        request TEXT,
        before TEXT,
        after TEXT,
        outcome TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;

      CREATE TABLE cases (
        rowid INTEGER PRIMARY KEY,
        incident_id TEXT NOT NULL UNIQUE,
        ref TEXT NOT NULL,
        title TEXT NOT NULL,
        category TEXT NOT NULL,
        incident_class TEXT NOT NULL,
        level INTEGER NOT NULL,
        district TEXT,
        reported_at INTEGER NOT NULL,
        closed_at INTEGER NOT NULL,
        outcome TEXT NOT NULL,
        lessons TEXT NOT NULL,
        timeline TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_category ON cases (category, closed_at);
      CREATE INDEX cases_district ON cases (district, closed_at);
      CREATE INDEX cases_closed ON cases (closed_at);
      -- Contentless: the text lives in cases; the index holds CJK bigrams (see cases/fts.ts).
      CREATE VIRTUAL TABLE cases_fts USING fts5 (title, body, content = '', tokenize = 'unicode61 remove_diacritics 2');
    `);
  },
};
