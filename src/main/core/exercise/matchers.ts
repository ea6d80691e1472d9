import type { Database as Db } from 'better-sqlite3';
import type { Matcher } from '../../../shared/exercise-scenario';
import type { CommandRecord } from './run-store';

/**
 * How expected actions are recognised. Each matcher looks for the earliest
 * evidence, at or after the inject went out, that the players did the thing:
 * in the exercise store (incidents, timeline — and any table a later domain
 * adds, probed through sqlite_schema) and in the commands seats sent to the
 * exercise server. The registry is open: a domain registers its own kinds.
 */
export interface MatchContext {
  db: Db;
  /** Epoch ms from which evidence counts (the inject's delivery). */
  from: number;
  commands: readonly CommandRecord[];
  hasTable(name: string): boolean;
}

/** Earliest epoch ms of evidence, null when none yet. */
export type MatcherFn = (m: Matcher, ctx: MatchContext) => number | null;

const registry = new Map<string, MatcherFn>();

export function registerMatcher(kind: string, fn: MatcherFn): void {
  registry.set(kind, fn);
}

export function matcherFor(kind: string): MatcherFn | undefined {
  return registry.get(kind);
}

export function matcherKinds(): string[] {
  return [...registry.keys()].sort();
}

export function tableProbe(db: Db): (name: string) => boolean {
  const names = new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')").all() as { name: string }[]).map(
      (r) => r.name,
    ),
  );
  return (name) => names.has(name);
}

/** Incidents the matcher is about, as a SQL condition on alias `i` with its parameters. */
function incidentFilter(m: Matcher): { where: string; params: (string | number)[] } {
  const parts: string[] = [];
  const params: (string | number)[] = [];
  if (m.ref) {
    parts.push('EXISTS (SELECT 1 FROM reports r WHERE r.incident_id = i.id AND r.external_ref = ?)');
    params.push(m.ref);
  }
  if (m.category) {
    parts.push('i.category = ?');
    params.push(m.category);
  }
  if (m.district) {
    parts.push('i.district = ?');
    params.push(m.district);
  }
  return { where: parts.length ? parts.join(' AND ') : '1', params };
}

function minOf(...xs: (number | null | undefined)[]): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number');
  return v.length ? Math.min(...v) : null;
}

function scalar(db: Db, sql: string, params: (string | number)[]): number | null {
  const row = db.prepare(sql).get(...params) as { t: number | null } | undefined;
  return row?.t ?? null;
}

/** Earliest command of one of `types` at or after `from` whose payload passes `pred`. */
function commandAt(ctx: MatchContext, types: string[], pred: (p: Record<string, unknown>) => boolean): number | null {
  for (const c of ctx.commands) if (c.at >= ctx.from && types.includes(c.type) && pred(c.payload)) return c.at;
  return null;
}

const refMatches = (m: Matcher) => (p: Record<string, unknown>) =>
  !m.ref || p.externalRef === m.ref || p.incidentRef === m.ref;

/** Earliest timeline entry whose kind matches `kindLike` on a matching incident, with an extra condition on its data. */
function timelineAt(
  ctx: MatchContext,
  m: Matcher,
  kindLike: string,
  extra = '1',
  extraParams: (string | number)[] = [],
): number | null {
  const f = incidentFilter(m);
  return scalar(
    ctx.db,
    `SELECT min(t.at) AS t FROM timeline t JOIN incidents i ON i.id = t.incident_id
     WHERE t.kind LIKE ? AND t.at >= ? AND ${f.where} AND (${extra})`,
    [kindLike, ctx.from, ...f.params, ...extraParams],
  );
}

registerMatcher('incident_created', (m, ctx) => {
  const f = incidentFilter(m);
  const channel = m.channel ? ' AND i.channel = ?' : '';
  return scalar(
    ctx.db,
    `SELECT min(i.reported_at) AS t FROM incidents i WHERE i.reported_at >= ? AND ${f.where}${channel}`,
    [ctx.from, ...f.params, ...(m.channel ? [m.channel] : [])],
  );
});

registerMatcher('incident_acknowledged', (m, ctx) => {
  const f = incidentFilter(m);
  const stored = scalar(
    ctx.db,
    `SELECT min(i.acknowledged_at) AS t FROM incidents i WHERE i.acknowledged_at >= ? AND ${f.where}`,
    [ctx.from, ...f.params],
  );
  return minOf(stored, commandAt(ctx, ['incident.acknowledge'], refMatches(m)));
});

registerMatcher('level_set', (m, ctx) => {
  if (m.level === undefined) return null;
  const lvl = m.level;
  const fromTimeline = timelineAt(
    ctx,
    m,
    '%level%',
    "coalesce(json_extract(t.data, '$.level'), json_extract(t.data, '$.to')) = ?",
    [lvl],
  );
  const cmd = commandAt(
    ctx,
    ['incident.setLevel', 'incident.level'],
    (p) => refMatches(m)(p) && Number(p.level) === lvl,
  );
  return minOf(fromTimeline, cmd);
});

registerMatcher('plan_activated', (m, ctx) => {
  const planCond = m.plan
    ? "(json_extract(t.data, '$.planId') = ? OR json_extract(t.data, '$.plan') = ? OR json_extract(t.data, '$.planCode') = ? OR t.text LIKE ?)"
    : '1';
  const planParams = m.plan ? [m.plan, m.plan, m.plan, `%${m.plan}%`] : [];
  const fromTimeline = timelineAt(ctx, m, 'plan%activ%', planCond, planParams);
  const cmd = commandAt(
    ctx,
    ['plan.activate'],
    (p) => refMatches(m)(p) && (!m.plan || p.plan === m.plan || p.planCode === m.plan),
  );
  return minOf(fromTimeline, cmd);
});

registerMatcher('unit_dispatched', (m, ctx) => {
  // The dispatched unit itself says what it can do: its capabilities, type or agency.
  const unitCan = ctx.hasTable('units')
    ? ` OR EXISTS (SELECT 1 FROM units u WHERE u.id = json_extract(t.data, '$.unitId')
         AND (u.unit_type = ? OR u.agency = ? OR EXISTS (SELECT 1 FROM json_each(u.capabilities) c WHERE c.value = ?)))`
    : '';
  const capCond = m.capability
    ? `(json_extract(t.data, '$.capability') = ? OR json_extract(t.data, '$.unitType') = ? OR t.text LIKE ?${unitCan})`
    : '1';
  const capParams = m.capability
    ? [m.capability, m.capability, `%${m.capability}%`, ...(unitCan ? [m.capability, m.capability, m.capability] : [])]
    : [];
  const fromTimeline = timelineAt(ctx, m, '%dispatch%', capCond, capParams);
  const cmd = commandAt(
    ctx,
    ['unit.dispatch'],
    (p) => refMatches(m)(p) && (!m.capability || p.capability === m.capability || p.unitType === m.capability),
  );
  return minOf(fromTimeline, cmd);
});

/** Any timeline entry of a kind (m.text is a LIKE pattern): the escape hatch for actions with no dedicated matcher. */
registerMatcher('timeline_entry', (m, ctx) => (m.text ? timelineAt(ctx, m, m.text) : null));
