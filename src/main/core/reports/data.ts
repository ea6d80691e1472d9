import type { Database as Db } from 'better-sqlite3';
import type { ActivityEntry, PlanActivation, SourceReport } from '../../../shared/contracts/console';
import type { Incident, TimelineEntry } from '../../../shared/domain';
import { INCIDENT_COLUMNS, rowToIncident, type IncidentRow } from '../incidents/rows';
import { SHANGHAI_OFFSET_MS } from '../time';

const DAY = 86_400_000;

/** The Beijing calendar day containing `ms`, as [start, end) in epoch ms. */
export function shanghaiDay(ms: number): { from: number; to: number } {
  const from = Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY) * DAY - SHANGHAI_OFFSET_MS;
  return { from, to: from + DAY };
}

export interface DailyData {
  from: number;
  to: number;
  opened: Incident[];
  closedCount: number;
  openAtEnd: number;
  byLevel: Record<number, number>;
  byCategory: { category: string; n: number }[];
  byDistrict: { district: string; n: number }[];
  activations: { ref: string; planId: string; at: number }[];
  overdueOpen: number;
  actions: number;
}

/** `now` bounds "overdue": a report made mid-day counts only steps already late. */
export function dailyData(db: Db, day: number, now: number): DailyData {
  const { from, to } = shanghaiDay(day);
  const opened = (
    db
      .prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE reported_at >= ? AND reported_at < ? ORDER BY reported_at`)
      .all(from, to) as IncidentRow[]
  ).map(rowToIncident);
  const one = (sql: string, ...p: number[]): number => (db.prepare(sql).get(...p) as { n: number }).n;
  const byLevel: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const i of opened) byLevel[i.level]++;
  const group = (col: 'category' | 'district'): { key: string; n: number }[] =>
    db
      .prepare(
        `SELECT coalesce(${col}, '-') AS key, count(*) AS n FROM incidents WHERE reported_at >= ? AND reported_at < ? GROUP BY key ORDER BY n DESC`,
      )
      .all(from, to) as { key: string; n: number }[];
  return {
    from,
    to,
    opened,
    closedCount: one('SELECT count(*) AS n FROM incidents WHERE closed_at >= ? AND closed_at < ?', from, to),
    openAtEnd: one(
      `SELECT count(*) AS n FROM incidents WHERE reported_at < ? AND (closed_at IS NULL OR closed_at >= ?)
       AND status NOT IN ('false_alarm', 'merged')`,
      to,
      to,
    ),
    byLevel,
    byCategory: group('category').map((r) => ({ category: r.key, n: r.n })),
    byDistrict: group('district').map((r) => ({ district: r.key, n: r.n })),
    activations: db
      .prepare(`SELECT i.ref, a.plan_id AS planId, a.activated_at AS at FROM plan_activations a
        JOIN incidents i ON i.id = a.incident_id WHERE a.activated_at >= ? AND a.activated_at < ? ORDER BY a.activated_at`)
      .all(from, to) as { ref: string; planId: string; at: number }[],
    overdueOpen: one(
      `SELECT count(*) AS n FROM plan_steps s JOIN plan_activations a ON a.id = s.activation_id
       WHERE s.state = 'pending' AND s.deadline_at < ? AND a.status = 'active'`,
      Math.min(to, now),
    ),
    actions: one('SELECT count(*) AS n FROM audit_log WHERE at >= ? AND at < ?', from, to),
  };
}

export interface UnitLine {
  unit: string;
  status: string;
  at: number;
}

export interface IncidentData {
  incident: Incident;
  timeline: TimelineEntry[];
  plans: PlanActivation[];
  sources: SourceReport[];
  units: UnitLine[];
}

/**
 * Units come from the resources module's tables when they exist in this
 * store; the report says "none recorded" otherwise rather than failing.
 */
export function unitsFor(db: Db, incidentId: string): UnitLine[] {
  const has = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'dispatches'").get();
  if (!has) return [];
  try {
    return db
      .prepare(
        'SELECT unit_id AS unit, status, coalesce(dispatched_at, 0) AS at FROM dispatches WHERE incident_id = ? ORDER BY at',
      )
      .all(incidentId) as UnitLine[];
  } catch {
    return [];
  }
}

export function activityData(db: Db, from: number, to: number, seat?: string): ActivityEntry[] {
  const sql = `SELECT at, seat, operator, role, action, target, outcome FROM audit_log
    WHERE at >= ? AND at < ? ${seat ? 'AND seat = ?' : ''} ORDER BY seq`;
  const params: (string | number)[] = seat ? [from, to, seat] : [from, to];
  return db.prepare(sql).all(...params) as ActivityEntry[];
}
