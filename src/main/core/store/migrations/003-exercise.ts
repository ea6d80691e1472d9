import type { Migration } from './types';

/**
 * Exercise bookkeeping. These tables live in every store but are only written
 * in an exercise store (exercise-<runId>.db): the run and its scenario, every
 * inject that went out, the commands seats sent the exercise server, and the
 * after-action report's editable parts.
 */
export const m003Exercise: Migration = {
  version: 3,
  name: 'exercise',
  up(db) {
    db.exec(`
      CREATE TABLE exercise_runs (
        id TEXT PRIMARY KEY,
        scenario_id TEXT NOT NULL,
        scenario_version INTEGER NOT NULL,
        scenario_json TEXT NOT NULL,
        seed TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT 'exercise',
        state TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        end_reason TEXT
      ) STRICT;

      CREATE TABLE exercise_deliveries (
        run_id TEXT NOT NULL REFERENCES exercise_runs (id),
        event_id TEXT NOT NULL,
        inject_no INTEGER NOT NULL,
        due_ms INTEGER NOT NULL,
        delivered_ms INTEGER NOT NULL,
        delivery TEXT NOT NULL,
        stream TEXT NOT NULL,
        type TEXT NOT NULL,
        manual INTEGER NOT NULL,
        payload TEXT NOT NULL,
        PRIMARY KEY (run_id, event_id)
      ) STRICT;
      CREATE INDEX exercise_deliveries_no ON exercise_deliveries (run_id, inject_no);

      CREATE TABLE exercise_commands (
        run_id TEXT NOT NULL REFERENCES exercise_runs (id),
        id TEXT NOT NULL,
        seat TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (run_id, id)
      ) STRICT;
      CREATE INDEX exercise_commands_type ON exercise_commands (run_id, type, at);

      CREATE TABLE exercise_aar (
        run_id TEXT PRIMARY KEY REFERENCES exercise_runs (id),
        strengths TEXT NOT NULL DEFAULT '',
        improvements TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE exercise_corrective_actions (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES exercise_runs (id),
        text TEXT NOT NULL,
        owner TEXT NOT NULL,
        due_date TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX exercise_corrective_run ON exercise_corrective_actions (run_id, created_at);

      -- Control events a seat received on an exercise feed: calls to log, messages, clock state, the stop.
      CREATE TABLE exercise_control (
        event_id TEXT PRIMARY KEY,
        stream TEXT NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL,
        at INTEGER NOT NULL,
        received_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX exercise_control_type ON exercise_control (type, at);
    `);
  },
};
