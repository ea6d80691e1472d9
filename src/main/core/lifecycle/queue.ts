import type { Database as Db, Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { OPEN_STATUSES } from '../../../shared/domain';
import { escalationStep } from '../../../shared/console/lifecycle';
import type { QueueFilters, QueueItem, SavedView } from '../../../shared/contracts/console';
import { queueFiltersSchema } from '../../../shared/contracts/console';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { INCIDENT_COLUMNS, rowToIncident, type IncidentRow } from '../incidents/rows';

type Param = string | number;

/**
 * Build the queue's SQL from the filters. Every value is a bound parameter
 * (the codes are validated enums anyway); the status condition always comes
 * first so SQLite can use incidents_open (status, level, reported_at).
 */
export function buildQueueSql(f: QueueFilters, me: string): { sql: string; params: Param[] } {
  const where: string[] = [];
  const params: Param[] = [];
  const inList = (col: string, values: readonly Param[]): void => {
    where.push(`${col} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  const statuses = f.status && f.status.length > 0 ? f.status : OPEN_STATUSES;
  inList('status', statuses);
  if (f.level?.length) inList('level', f.level);
  if (f.incidentClass?.length) inList('incident_class', f.incidentClass);
  if (f.category?.length) inList('category', f.category);
  if (f.district?.length) inList('district', f.district);
  if (f.channel?.length) {
    const marks = f.channel.map(() => '?').join(',');
    where.push(
      `(channel IN (${marks}) OR EXISTS (SELECT 1 FROM reports r WHERE r.incident_id = incidents.id AND r.channel IN (${marks})))`,
    );
    params.push(...f.channel, ...f.channel);
  }
  if (f.assignedToMe) {
    where.push('assigned_to = ?');
    params.push(me);
  }
  if (f.unacknowledgedOnly) where.push('acknowledged_at IS NULL');
  const sql = `SELECT ${INCIDENT_COLUMNS}, assigned_to FROM incidents WHERE ${where.join(' AND ')}
    ORDER BY (acknowledged_at IS NULL) DESC, level, reported_at DESC LIMIT ?`;
  params.push(f.limit ?? 500);
  return { sql, params };
}

export class QueueService {
  private readonly overdueByIncident: Statement<[number]>;
  private readonly viewsOf: Statement<[string]>;
  private readonly insertView: Statement;
  private readonly deleteView: Statement<[string, string]>;
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly ctx: CoreContext) {
    const db: Db = ctx.db;
    this.overdueByIncident = db.prepare(`SELECT a.incident_id AS id, count(*) AS n
      FROM plan_steps s JOIN plan_activations a ON a.id = s.activation_id
      WHERE s.state = 'pending' AND s.deadline_at < ? AND a.status = 'active' GROUP BY a.incident_id`);
    this.viewsOf = db.prepare(
      'SELECT id, name, filters, created_at AS createdAt FROM saved_views WHERE seat = ? ORDER BY name',
    );
    this.insertView = db.prepare(`INSERT INTO saved_views (id, seat, name, filters, created_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (seat, name) DO UPDATE SET filters = excluded.filters RETURNING id, created_at AS createdAt`);
    this.deleteView = db.prepare('DELETE FROM saved_views WHERE id = ? AND seat = ?');
  }

  /** The incident queue: unacknowledged first, then by severity and recency, with escalation computed at `now`. */
  query(f: QueueFilters): QueueItem[] {
    const { sql, params } = buildQueueSql(f, this.ctx.actor.operator);
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.ctx.db.prepare(sql);
      if (this.cache.size > 200) this.cache.clear();
      this.cache.set(sql, stmt);
    }
    const now = this.ctx.now();
    const overdue = new Map<string, number>();
    for (const r of this.overdueByIncident.all(now) as { id: string; n: number }[]) overdue.set(r.id, r.n);
    return (stmt.all(...params) as (IncidentRow & { assigned_to: string | null })[]).map((row) => {
      const inc = rowToIncident(row);
      return {
        ...inc,
        assignedTo: row.assigned_to,
        escalation: inc.acknowledgedAt === null ? escalationStep(now - inc.reportedAt, inc.level).step : 0,
        overdueSteps: overdue.get(inc.id) ?? 0,
      };
    });
  }

  views(): SavedView[] {
    return (
      this.viewsOf.all(this.ctx.actor.seat) as { id: string; name: string; filters: string; createdAt: number }[]
    ).map((r) => ({ ...r, filters: queueFiltersSchema.parse(JSON.parse(r.filters)) }));
  }

  saveView(name: string, filters: QueueFilters): SavedView {
    return this.ctx.db.transaction((): SavedView => {
      const r = this.insertView.get(uuidv7(), this.ctx.actor.seat, name, JSON.stringify(filters), this.ctx.now()) as {
        id: string;
        createdAt: number;
      };
      this.ctx.changes.record('saved_view', r.id, 'update');
      return { id: r.id, name, filters, createdAt: r.createdAt };
    })();
  }

  deleteSavedView(id: string): { deleted: boolean } {
    return this.ctx.db.transaction(() => {
      const n = this.deleteView.run(id, this.ctx.actor.seat).changes;
      if (n === 0) throw new CoreError('not_found', 'That saved view does not exist at this seat.');
      this.ctx.changes.record('saved_view', id, 'delete');
      return { deleted: true };
    })();
  }
}
