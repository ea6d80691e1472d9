import type { Database as Db } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { scenarioSchema, type Scenario } from '../../../shared/exercise-scenario';
import { CoreError } from '../../../shared/result';
import type { ChangeLog } from '../store/changes';
import type { Delivery } from './engine';

export interface RunRow {
  id: string;
  scenario: Scenario;
  seed: string;
  epoch: number;
  label: 'exercise' | 'demo' | 'replay';
  state: string;
  startedAt: number;
  endedAt: number | null;
  endReason: string | null;
}

export interface CorrectiveAction {
  id: string;
  text: string;
  owner: string;
  dueDate: string;
  status: 'open' | 'done';
  createdAt: number;
}

export interface CommandRecord {
  id: string;
  seat: string;
  type: string;
  payload: Record<string, unknown>;
  at: number;
}

/** The exercise's own records in its own store; every write records a change in the same transaction. */
export class RunStore {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
  ) {}

  createRun(r: { id: string; scenario: Scenario; seed: string; epoch: number; label: RunRow['label'] }): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO exercise_runs (id, scenario_id, scenario_version, scenario_json, seed, epoch, label, state, started_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'ready', ?)`,
        )
        .run(r.id, r.scenario.id, r.scenario.version, JSON.stringify(r.scenario), r.seed, r.epoch, r.label, r.epoch);
      this.db.prepare('INSERT INTO exercise_aar (run_id, updated_at) VALUES (?, ?)').run(r.id, r.epoch);
      this.changes.record('exercise_run', r.id, 'insert');
    })();
  }

  run(id: string): RunRow {
    const row = this.db.prepare('SELECT * FROM exercise_runs WHERE id = ?').get(id) as
      | {
          id: string;
          scenario_json: string;
          seed: string;
          epoch: number;
          label: RunRow['label'];
          state: string;
          started_at: number;
          ended_at: number | null;
          end_reason: string | null;
        }
      | undefined;
    if (!row) throw new CoreError('not_found', `exercise run ${id} is not in this store`);
    return {
      id: row.id,
      scenario: scenarioSchema.parse(JSON.parse(row.scenario_json)),
      seed: row.seed,
      epoch: row.epoch,
      label: row.label,
      state: row.state,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      endReason: row.end_reason,
    };
  }

  /** The one run this exercise store holds (a store per run), if any. */
  currentRunId(): string | null {
    const row = this.db.prepare('SELECT id FROM exercise_runs ORDER BY started_at DESC, id DESC LIMIT 1').get() as
      { id: string } | undefined;
    return row?.id ?? null;
  }

  setState(runId: string, state: string, endReason?: string): void {
    this.db.transaction(() => {
      const ending = state === 'ended' || state === 'stopped';
      this.db
        .prepare(
          `UPDATE exercise_runs SET state = ?, ended_at = CASE WHEN ? THEN coalesce(ended_at, ?) ELSE ended_at END,
           end_reason = coalesce(?, end_reason) WHERE id = ?`,
        )
        .run(state, ending ? 1 : 0, this.now(), endReason ?? null, runId);
      this.changes.record('exercise_run', runId, 'update');
    })();
  }

  recordDelivery(runId: string, d: Delivery): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR IGNORE INTO exercise_deliveries
           (run_id, event_id, inject_no, due_ms, delivered_ms, delivery, stream, type, manual, payload)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          runId,
          d.eventId,
          d.no,
          d.dueMs,
          d.deliveredMs,
          d.delivery,
          d.stream,
          d.type,
          d.manual ? 1 : 0,
          JSON.stringify(d.payload),
        );
      this.changes.record('exercise_delivery', d.eventId, 'insert');
    })();
  }

  deliveries(runId: string): Delivery[] {
    const rows = this.db
      .prepare('SELECT * FROM exercise_deliveries WHERE run_id = ? ORDER BY delivered_ms, inject_no')
      .all(runId) as {
      event_id: string;
      inject_no: number;
      due_ms: number;
      delivered_ms: number;
      delivery: Delivery['delivery'];
      stream: string;
      type: string;
      manual: number;
      payload: string;
    }[];
    return rows.map((r) => ({
      no: r.inject_no,
      eventId: r.event_id,
      dueMs: r.due_ms,
      deliveredMs: r.delivered_ms,
      delivery: r.delivery,
      stream: r.stream,
      type: r.type,
      manual: r.manual === 1,
      payload: JSON.parse(r.payload) as Record<string, unknown>,
    }));
  }

  /** A command a seat sent the exercise server (acknowledge, dispatch…): evidence for scoring. Idempotent by id. */
  recordCommand(runId: string, c: CommandRecord): void {
    this.db.transaction(() => {
      const r = this.db
        .prepare(
          'INSERT OR IGNORE INTO exercise_commands (run_id, id, seat, type, payload, at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(runId, c.id, c.seat, c.type, JSON.stringify(c.payload), c.at);
      if (r.changes > 0) this.changes.record('exercise_command', c.id, 'insert');
    })();
  }

  commands(runId: string): CommandRecord[] {
    const rows = this.db.prepare('SELECT * FROM exercise_commands WHERE run_id = ? ORDER BY at, id').all(runId) as {
      id: string;
      seat: string;
      type: string;
      payload: string;
      at: number;
    }[];
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> }));
  }

  aarText(runId: string): { strengths: string; improvements: string } {
    const row = this.db.prepare('SELECT strengths, improvements FROM exercise_aar WHERE run_id = ?').get(runId) as
      { strengths: string; improvements: string } | undefined;
    return row ?? { strengths: '', improvements: '' };
  }

  updateAarText(runId: string, patch: { strengths?: string; improvements?: string }): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE exercise_aar SET strengths = coalesce(?, strengths), improvements = coalesce(?, improvements), updated_at = ?
           WHERE run_id = ?`,
        )
        .run(patch.strengths ?? null, patch.improvements ?? null, this.now(), runId);
      this.changes.record('exercise_aar', runId, 'update');
    })();
  }

  addCorrective(runId: string, c: { text: string; owner: string; dueDate: string }): CorrectiveAction {
    const id = uuidv7();
    this.db.transaction(() => {
      this.db
        .prepare(
          'INSERT INTO exercise_corrective_actions (id, run_id, text, owner, due_date, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(id, runId, c.text, c.owner, c.dueDate, this.now());
      this.changes.record('exercise_corrective', id, 'insert');
    })();
    return this.correctives(runId).find((x) => x.id === id) as CorrectiveAction;
  }

  updateCorrective(
    id: string,
    patch: { text?: string; owner?: string; dueDate?: string; status?: 'open' | 'done' },
  ): void {
    this.db.transaction(() => {
      const r = this.db
        .prepare(
          `UPDATE exercise_corrective_actions SET text = coalesce(?, text), owner = coalesce(?, owner),
           due_date = coalesce(?, due_date), status = coalesce(?, status) WHERE id = ?`,
        )
        .run(patch.text ?? null, patch.owner ?? null, patch.dueDate ?? null, patch.status ?? null, id);
      if (r.changes === 0) throw new CoreError('not_found', `corrective action ${id} not found`);
      this.changes.record('exercise_corrective', id, 'update');
    })();
  }

  correctives(runId: string): CorrectiveAction[] {
    const rows = this.db
      .prepare(
        `SELECT id, text, owner, due_date AS dueDate, status, created_at AS createdAt
         FROM exercise_corrective_actions WHERE run_id = ? ORDER BY created_at, id`,
      )
      .all(runId) as CorrectiveAction[];
    return rows;
  }
}
