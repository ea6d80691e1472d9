import type { Database as Db } from 'better-sqlite3';
import { OPEN_STATUSES } from '../../../shared/domain';
import { uuidv7Floor } from '../ids';
import type { HandoverRow, HandoverSection, HandoverSectionKey } from '../../../shared/handover-types';

/**
 * What the handover reads from the live state. Incidents are the foundation's
 * and always present. Alerts, warnings, plan steps, the outbox, units and
 * stock belong to other parts of the app that may not be in this store yet,
 * so each source first looks in sqlite_schema for its table and columns and
 * reports the section as unavailable (with why) when they are missing; the
 * same code works before and after those parts land. Column names are
 * matched against a few likely spellings and the first present one is used.
 */

interface Probe {
  table: string;
  cols: Set<string>;
}

function probe(db: Db, tables: readonly string[]): Probe | null {
  for (const table of tables) {
    const found = db
      .prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name = ?")
      .get(table) as { name: string } | undefined;
    if (!found) continue;
    const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map(
      (c) => c.name,
    );
    return { table, cols: new Set(cols) };
  }
  return null;
}

const pick = (p: Probe, names: readonly string[]): string | null => names.find((n) => p.cols.has(n)) ?? null;
const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;

interface SourceSpec {
  key: HandoverSectionKey;
  tables: readonly string[];
  title: readonly string[];
  level?: readonly string[];
  status?: readonly string[];
  detail?: readonly string[];
  at?: readonly string[];
  /** The WHERE clause selecting the rows that need the next shift's attention, or why it cannot be built. */
  where: (p: Probe, now: number) => { sql: string; params: unknown[] } | string;
}

const SPECS: readonly SourceSpec[] = [
  {
    key: 'alerts',
    tables: ['alerts', 'sensor_alerts', 'sensor_alarms'],
    title: ['title', 'kind', 'message', 'sensor_id'],
    level: ['level', 'severity'],
    status: ['status', 'sensor_id'],
    detail: ['location', 'district', 'description', 'value'],
    at: ['raised_at', 'created_at', 'received_at', 'at'],
    where: (p, now) => {
      const ack = pick(p, ['acknowledged_at', 'acked_at']);
      if (ack) return { sql: `${q(ack)} IS NULL`, params: [] };
      if (p.cols.has('status')) return { sql: "status NOT IN ('acknowledged', 'closed', 'resolved')", params: [] };
      // The feeds' alerts have no acknowledgement of their own: an alert is acknowledged when the
      // incident it raised is. Alerts of the last 24 h with no incident, or an unacknowledged one.
      if (p.cols.has('incident_id') && p.cols.has('at')) {
        const since = now - 86_400_000;
        const sql =
          '(incident_id IS NULL OR incident_id IN (SELECT id FROM incidents WHERE acknowledged_at IS NULL)) AND at > ?';
        // The feeds key alerts by a UUIDv7 of their time (core/ids.ts uuidv7At): the same range
        // by key lets the table's own B-tree find them, as alerts have no time index.
        if (p.table === 'alerts' && p.cols.has('id'))
          return { sql: `${sql} AND id >= ?`, params: [since, uuidv7Floor(since + 1)] };
        return { sql, params: [since] };
      }
      return 'no acknowledged_at, status or incident_id column';
    },
  },
  {
    key: 'warnings',
    tables: ['warnings', 'cap_warnings'],
    title: ['headline', 'event', 'title'],
    level: ['level', 'severity'],
    status: ['status', 'state', 'msg_type'],
    detail: ['area_desc', 'area', 'instruction'],
    at: ['sent_at', 'issued_at', 'effective_at', 'sent', 'received_at'],
    where: (p, now) => {
      const parts: string[] = [];
      const params: unknown[] = [];
      const ack = pick(p, ['acknowledged_at', 'acked_at']);
      if (ack) parts.push(`${q(ack)} IS NULL`);
      const active = pick(p, ['active']);
      if (active) parts.push(`${q(active)} = 1`);
      if (p.cols.has('state')) parts.push("state = 'active'");
      const cancelled = pick(p, ['cancelled_at']);
      if (cancelled) parts.push(`${q(cancelled)} IS NULL`);
      const expires = pick(p, ['expires_at', 'expires']);
      if (expires) {
        parts.push(`(${q(expires)} IS NULL OR ${q(expires)} > ?)`);
        params.push(now);
      }
      if (parts.length === 0) return 'no acknowledged/active/expiry column';
      return { sql: parts.join(' AND '), params };
    },
  },
  {
    key: 'planSteps',
    tables: ['plan_steps', 'plan_activation_steps', 'activation_steps', 'plan_checklist'],
    title: ['title', 'title_zh', 'text', 'name', 'step'],
    status: ['status'],
    detail: ['responsible_position', 'position', 'incident_id'],
    at: ['due_at', 'deadline_at', 'deadline'],
    where: (p, now) => {
      const due = pick(p, ['due_at', 'deadline_at', 'deadline']);
      if (!due) return 'no due_at column';
      const parts = [`${q(due)} < ?`];
      const done = pick(p, ['done_at', 'completed_at']);
      if (done) parts.push(`${q(done)} IS NULL`);
      const skipped = pick(p, ['skipped_at']);
      if (skipped) parts.push(`${q(skipped)} IS NULL`);
      if (p.cols.has('status')) parts.push("status NOT IN ('done', 'skipped', 'completed', 'cancelled')");
      if (p.cols.has('state')) parts.push("state NOT IN ('done', 'skipped', 'completed', 'cancelled', 'superseded')");
      if (parts.length === 1) return 'no done_at or status column';
      return { sql: parts.join(' AND '), params: [now] };
    },
  },
  {
    key: 'outbox',
    tables: ['outbox', 'outbox_commands', 'commands'],
    title: ['type', 'command_type', 'kind'],
    status: ['status', 'state'],
    detail: ['last_error', 'error', 'payload'],
    at: ['created_at', 'queued_at', 'at'],
    where: (p) => {
      const acked = pick(p, ['acked_at', 'ok_at', 'completed_at']);
      if (acked) return { sql: `${q(acked)} IS NULL`, params: [] };
      const state = pick(p, ['status', 'state']);
      // Rejected commands stay listed: the operator must see the server's reason and act.
      if (state) return { sql: `${q(state)} IN ('pending', 'sent', 'queued', 'rejected', 'failed')`, params: [] };
      return 'no acked_at, status or state column';
    },
  },
  {
    key: 'units',
    tables: ['units'],
    title: ['call_sign', 'callsign', 'name', 'id'],
    status: ['status'],
    detail: ['status_reason', 'agency', 'home_station'],
    at: ['status_at', 'status_changed_at', 'updated_at'],
    where: (p) => (p.cols.has('status') ? { sql: "status = 'out_of_service'", params: [] } : 'no status column'),
  },
  {
    key: 'stock',
    tables: ['stock_levels', 'supply_stock', 'stock', 'supply_items', 'supplies'],
    title: ['item_name', 'name', 'item', 'item_id'],
    level: ['quantity', 'qty', 'on_hand'],
    detail: ['depot_name', 'depot', 'depot_id'],
    where: (p) => {
      const qty = pick(p, ['quantity', 'qty', 'on_hand']);
      const min = pick(p, ['min_level', 'minimum', 'min_quantity', 'min_qty']);
      if (!qty || !min) return 'no quantity and minimum-level columns';
      return { sql: `${q(qty)} < ${q(min)}`, params: [] };
    },
  },
];

function readSource(db: Db, spec: SourceSpec, now: number): HandoverSection {
  const p = probe(db, spec.tables);
  if (!p) return { key: spec.key, available: false, reason: `no ${spec.tables[0]} table in this store` };
  const where = spec.where(p, now);
  if (typeof where === 'string') return { key: spec.key, available: false, reason: `${p.table}: ${where}` };
  const col = (names: readonly string[] | undefined): string => {
    const c = names ? pick(p, names) : null;
    return c ? `CAST(${q(c)} AS TEXT)` : 'NULL';
  };
  const idCol = p.cols.has('id') ? 'CAST(id AS TEXT)' : 'CAST(rowid AS TEXT)';
  const atName = spec.at ? pick(p, spec.at) : null;
  const atCol = atName ? q(atName) : 'NULL';
  const rows = db
    .prepare(
      `SELECT ${idCol} AS id, ${col(spec.title)} AS title, ${col(spec.level)} AS level, ${col(spec.status)} AS status,
       ${col(spec.detail)} AS detail, ${atCol} AS at FROM ${q(p.table)} WHERE ${where.sql} ORDER BY ${atCol} LIMIT 200`,
    )
    .all(...where.params) as {
    id: string;
    title: string | null;
    level: string | null;
    status: string | null;
    detail: string | null;
    at: unknown;
  }[];
  return {
    key: spec.key,
    available: true,
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title ?? r.id,
      level: r.level,
      status: r.status,
      detail: r.detail,
      at: typeof r.at === 'number' ? r.at : null,
    })),
  };
}

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(',');

/**
 * Open incidents with their level and next step: the latest timeline entry
 * that is not the intake itself (an incident nobody has acted on shows none).
 */
function openIncidents(db: Db): HandoverSection {
  const rows = db
    .prepare(
      `SELECT i.id, i.ref, i.title, i.level, i.status, i.reported_at,
         (SELECT t.text FROM timeline t WHERE t.incident_id = i.id AND t.kind NOT IN ('reported', 'report') ORDER BY t.id DESC LIMIT 1) AS next_step,
         (SELECT t.at FROM timeline t WHERE t.incident_id = i.id AND t.kind NOT IN ('reported', 'report') ORDER BY t.id DESC LIMIT 1) AS next_at
       FROM incidents i WHERE i.status IN (${OPEN_SQL}) ORDER BY i.level, i.reported_at LIMIT 500`,
    )
    .all() as {
    id: string;
    ref: string;
    title: string;
    level: number;
    status: string;
    reported_at: number;
    next_step: string | null;
    next_at: number | null;
  }[];
  const out: HandoverRow[] = rows.map((r) => ({
    id: r.id,
    title: `${r.ref} ${r.title}`,
    level: String(r.level),
    status: r.status,
    detail: r.next_step,
    at: r.next_at ?? r.reported_at,
  }));
  return { key: 'incidents', available: true, rows: out };
}

/**
 * Low stock from resource tracking's ledger-derived balances: per depot and
 * item, what is on hand against the item's minimum level (the same rule the
 * depot screen and board alerts use).
 */
function lowStock(db: Db): HandoverSection {
  const rows = db
    .prepare(
      `SELECT b.depot_id || ':' || b.item_id AS id, i.name AS title, sum(b.qty) AS qty, i.min_level AS minLevel,
              i.uom AS uom, d.name AS depot
       FROM stock_balances b JOIN depots d ON d.id = b.depot_id JOIN supply_items i ON i.id = b.item_id
       GROUP BY b.depot_id, b.item_id HAVING sum(b.qty) < i.min_level
       ORDER BY sum(b.qty) * 1.0 / max(1, i.min_level) LIMIT 200`,
    )
    .all() as { id: string; title: string; qty: number; minLevel: number; uom: string; depot: string }[];
  return {
    key: 'stock',
    available: true,
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      level: `${r.qty} / ${r.minLevel} ${r.uom}`,
      status: null,
      detail: r.depot,
      at: null,
    })),
  };
}

export function liveSections(db: Db, now: number): HandoverSection[] {
  const ledgerStock = probe(db, ['stock_balances']) !== null;
  return [
    openIncidents(db),
    ...SPECS.map((s) => (s.key === 'stock' && ledgerStock ? lowStock(db) : readSource(db, s, now))),
  ];
}
