import type { Database as Db, Statement } from 'better-sqlite3';
import {
  WARNING_LEVELS,
  type BoardMapData,
  type BoardSources,
  type BoardWarning,
  type KpiExtras,
  type MapIncident,
  type MapWarningArea,
  type MapUnit,
} from '../../../shared/board-data';
import { storedAreasToRings } from '../../../shared/cap-areas';
import { DISTRICT_CODES, OPEN_STATUSES, type District } from '../../../shared/domain';
import { SHANGHAI_OFFSET_MS } from '../time';
import { q, SchemaProbe } from './probe';

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(',');
const COMMITTED_UNIT_STATUSES = ['dispatched', 'en_route', 'on_scene'];
const INACTIVE_WARNING_STATUSES = ['cancelled', 'canceled', 'expired', 'ended', 'superseded', 'notice'];
const DISPATCH_TIMELINE_KINDS = ['dispatch', 'dispatched', 'unit_dispatched', 'unit.dispatch', 'unit.dispatched'];

/** Midnight (Beijing) of the day containing `ms`, as epoch ms. */
export function shanghaiDayStart(ms: number): number {
  const local = ms + SHANGHAI_OFFSET_MS;
  return local - (((local % 86_400_000) + 86_400_000) % 86_400_000) - SHANGHAI_OFFSET_MS;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const sqlList = (xs: readonly string[]): string => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',');

/**
 * Map data, KPI extras and data-source flags for the board panels. Incident
 * queries use the foundation's `incidents_open (status, level, reported_at)`
 * index; queries over other domains' tables exist only if those tables do.
 */
export class BoardAggregates {
  private probe!: SchemaProbe;
  private openIncidents!: Statement<[number]>;
  private openByDistrict!: Statement<[]>;
  private units!: Statement<[]> | null;
  private unitCounts!: Statement<[]> | null;
  private unitsByStatus!: Statement<[]> | null;
  private dispatchDelays!: Statement<[number]> | null;
  private warningsActive!: Statement<[number]> | null;
  private warningsList: Statement<[number]> | null = null;
  private warningAreasList: Statement<[number]> | null = null;
  private currentSources!: BoardSources;
  private schemaVersion = -1;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.ensure();
  }

  /**
   * Rebuild the queries when the schema changed (SQLite bumps schema_version on
   * every CREATE/ALTER): a domain whose tables appear after the core opened —
   * a later migration, a module that creates its tables lazily — is picked up
   * without a restart. One pragma read per call when nothing changed.
   */
  private ensure(): void {
    const version = this.db.pragma('schema_version', { simple: true }) as number;
    if (version === this.schemaVersion) return;
    this.schemaVersion = version;
    this.prepare(this.db);
  }

  private prepare(db: Db): void {
    const probe = new SchemaProbe(db);
    this.probe = probe;
    this.openIncidents = db.prepare(
      `SELECT id, ref, title, lat, lon, level, category, status, district, report_count AS reportCount, reported_at AS reportedAt
       FROM incidents WHERE status IN (${OPEN_SQL}) AND lat IS NOT NULL AND lon IS NOT NULL
       ORDER BY level, reported_at DESC LIMIT ?`,
    );
    this.openByDistrict = db.prepare(
      `SELECT district, count(*) AS n FROM incidents WHERE status IN (${OPEN_SQL}) GROUP BY district`,
    );

    const unitsOk = probe.has('units', 'id', 'status');
    const unitLat = probe.column('units', 'lat', 'latitude');
    const unitLon = probe.column('units', 'lon', 'lng', 'longitude');
    const unitLabel = probe.column('units', 'call_sign', 'callsign', 'name', 'label') ?? 'id';
    const unitFix = probe.column('units', 'fix_at', 'position_at');
    this.units =
      unitsOk && unitLat && unitLon
        ? db.prepare(
            `SELECT id, ${q(unitLabel)} AS label, status, ${q(unitLat)} AS lat, ${q(unitLon)} AS lon,
                    ${unitFix ? q(unitFix) : 'NULL'} AS fixAt
             FROM units WHERE ${q(unitLat)} IS NOT NULL AND ${q(unitLon)} IS NOT NULL`,
          )
        : null;
    this.unitsByStatus = unitsOk ? db.prepare('SELECT status, count(*) AS n FROM units GROUP BY status') : null;
    this.unitCounts = unitsOk
      ? db.prepare(
          `SELECT sum(status = 'available') AS available,
                  sum(status IN (${sqlList(COMMITTED_UNIT_STATUSES)})) AS committed FROM units`,
        )
      : null;

    this.dispatchDelays = this.prepareDispatchDelays(db, probe);
    this.warningsActive = this.prepareWarnings(db, probe);

    this.currentSources = {
      units: unitsOk,
      dispatches: this.dispatchDelays !== null,
      warnings: this.warningsActive !== null,
      depots: probe.tablesWith('id').some((t) => /depot/.test(t)),
      duty: probe.tablesWith('id').some((t) => /roster|duty|shift/.test(t)),
      feeds: probe.tablesWith('id').some((t) => /^feed/.test(t)),
    };
  }

  /**
   * Per-incident delay from report to first dispatch, for incidents reported
   * since `?`. Preference: a table of dispatches (incident_id + dispatched_at),
   * then a unit status history (incident_id + status + at), then the
   * incident timeline's dispatch entries, which the foundation always has.
   */
  private prepareDispatchDelays(db: Db, probe: SchemaProbe): Statement<[number]> | null {
    const direct = probe.tablesWith('incident_id', 'dispatched_at')[0];
    let firstDispatch: string;
    if (direct) {
      firstDispatch = `SELECT incident_id, min(dispatched_at) AS t FROM ${q(direct)} GROUP BY incident_id`;
    } else {
      const history = probe
        .tablesWith('incident_id', 'status')
        .find((t) => /unit/.test(t) && probe.column(t, 'at', 'changed_at', 'created_at') !== null);
      if (history) {
        const at = probe.column(history, 'at', 'changed_at', 'created_at') as string;
        firstDispatch = `SELECT incident_id, min(${q(at)}) AS t FROM ${q(history)}
          WHERE status IN (${sqlList(COMMITTED_UNIT_STATUSES)}) GROUP BY incident_id`;
      } else if (probe.has('timeline', 'incident_id', 'kind', 'at')) {
        firstDispatch = `SELECT incident_id, min(at) AS t FROM timeline
          WHERE kind IN (${sqlList(DISPATCH_TIMELINE_KINDS)}) GROUP BY incident_id`;
      } else {
        return null;
      }
    }
    return db.prepare(
      `SELECT d.t - i.reported_at AS delay FROM incidents i JOIN (${firstDispatch}) d ON d.incident_id = i.id
       WHERE i.reported_at >= ? AND d.t >= i.reported_at`,
    );
  }

  private prepareWarnings(db: Db, probe: SchemaProbe): Statement<[number]> | null {
    const table = probe.firstTable(['warnings', 'cap_warnings', 'cap_alerts'], 'id');
    this.warningAreasList = null;
    if (!table) {
      this.warningsList = null;
      return null;
    }
    const where: string[] = [];
    const active = probe.column(table, 'active', 'is_active');
    if (active) where.push(`${q(active)} = 1`);
    const status = probe.column(table, 'status', 'state');
    if (status) where.push(`coalesce(${q(status)}, '') NOT IN (${sqlList(INACTIVE_WARNING_STATUSES)})`);
    const cancelled = probe.column(table, 'cancelled_at', 'canceled_at');
    if (cancelled) where.push(`${q(cancelled)} IS NULL`);
    const expires = probe.column(table, 'expires_at', 'expires');
    // `?` is always bound; without an expiry column the clause is a no-op comparison.
    where.push(expires ? `(${q(expires)} IS NULL OR ${q(expires)} > ?)` : '? IS NOT NULL');
    const col = (alias: string, ...candidates: string[]): string => {
      const c = probe.column(table, ...candidates);
      return c ? `${q(c)} AS ${alias}` : `NULL AS ${alias}`;
    };
    const level = probe.column(table, 'level', 'cap_level', 'colour', 'color');
    this.warningsList = db.prepare(
      `SELECT id, ${col('headline', 'headline', 'event', 'title')}, ${col('level', 'level', 'cap_level', 'colour', 'color')},
         ${col('severity', 'severity')}, ${col('area', 'area_desc', 'area', 'areas')}, ${col('expiresAt', 'expires_at', 'expires')}
       FROM ${q(table)} WHERE ${where.join(' AND ')}
       ORDER BY ${level ? `CASE ${q(level)} WHEN 'red' THEN 0 WHEN 'orange' THEN 1 WHEN 'yellow' THEN 2 WHEN 'blue' THEN 3 ELSE 4 END,` : ''} id DESC
       LIMIT 50`,
    );
    // The feeds domain keeps each warning's CAP <area> list as JSON in `area` (`area_desc` is the text).
    if (probe.column(table, 'area') && probe.column(table, 'area_desc')) {
      this.warningAreasList = db.prepare(
        `SELECT id, ${col('headline', 'headline', 'event', 'title')}, ${col('level', 'level', 'cap_level', 'colour', 'color')}, area
         FROM ${q(table)} WHERE ${where.join(' AND ')} LIMIT 200`,
      );
    }
    return db.prepare(`SELECT count(*) AS n FROM ${q(table)} WHERE ${where.join(' AND ')}`);
  }

  /** Active warnings, most severe first (at most 50): the ticker and the warnings list. Null without a warnings table. */
  warnings(): BoardWarning[] | null {
    this.ensure();
    if (!this.warningsList) return null;
    return (this.warningsList.all(this.now()) as Record<string, unknown>[]).map((r) => ({
      id: String(r.id),
      headline: r.headline == null ? '' : String(r.headline),
      level: WARNING_LEVELS.includes(r.level as BoardWarning['level'] & string)
        ? (r.level as BoardWarning['level'])
        : null,
      severity: r.severity == null ? null : String(r.severity),
      area: r.area == null ? null : String(r.area),
      expiresAt: typeof r.expiresAt === 'number' ? r.expiresAt : null,
    }));
  }

  /** Active warnings' areas as map rings (warnings with no drawable area left out); null without a warnings table. */
  warningAreas(at: number): MapWarningArea[] | null {
    if (!this.warningsList) return null;
    if (!this.warningAreasList) return [];
    const out: MapWarningArea[] = [];
    for (const r of this.warningAreasList.all(at) as Record<string, unknown>[]) {
      const rings = storedAreasToRings(typeof r.area === 'string' ? r.area : null);
      if (rings.length === 0) continue;
      out.push({
        id: String(r.id),
        headline: r.headline == null ? '' : String(r.headline),
        level: WARNING_LEVELS.includes(r.level as MapWarningArea['level'] & string)
          ? (r.level as MapWarningArea['level'])
          : null,
        rings,
      });
    }
    return out;
  }

  sources(): BoardSources {
    this.ensure();
    return { ...this.currentSources };
  }

  map(maxIncidents = 20_000): BoardMapData {
    this.ensure();
    const at = this.now();
    const rows = this.openIncidents.all(maxIncidents + 1) as MapIncident[];
    const truncated = rows.length > maxIncidents;
    const districtCounts = Object.fromEntries(DISTRICT_CODES.map((d) => [d, 0])) as Record<District, number>;
    let unplaced = 0;
    for (const r of this.openByDistrict.all() as { district: string | null; n: number }[]) {
      if (r.district !== null && r.district in districtCounts) districtCounts[r.district as District] = r.n;
      else unplaced += r.n;
    }
    const units = this.units
      ? (this.units.all() as MapUnit[]).map((u) => ({ ...u, id: String(u.id), label: String(u.label) }))
      : null;
    return {
      incidents: truncated ? rows.slice(0, maxIncidents) : rows,
      districtCounts,
      unplaced,
      truncated,
      units,
      warningAreas: this.warningAreas(at),
      at,
    };
  }

  kpiExtras(): KpiExtras {
    this.ensure();
    const at = this.now();
    let unitsAvailable: number | null = null;
    let unitsCommitted: number | null = null;
    if (this.unitCounts) {
      const r = this.unitCounts.get() as { available: number | null; committed: number | null };
      unitsAvailable = r.available ?? 0;
      unitsCommitted = r.committed ?? 0;
    }
    let medianDispatchMs: number | null = null;
    let dispatchedToday: number | null = null;
    if (this.dispatchDelays) {
      const delays = (this.dispatchDelays.all(shanghaiDayStart(at)) as { delay: number }[]).map((d) => d.delay);
      medianDispatchMs = median(delays);
      dispatchedToday = delays.length;
    }
    const activeWarnings = this.warningsActive ? (this.warningsActive.get(at) as { n: number }).n : null;
    const unitsByStatus = this.unitsByStatus
      ? Object.fromEntries((this.unitsByStatus.all() as { status: string; n: number }[]).map((r) => [r.status, r.n]))
      : null;
    return { unitsAvailable, unitsCommitted, unitsByStatus, medianDispatchMs, dispatchedToday, activeWarnings, at };
  }

  /** Exposed for tests: which columns a query was built from. */
  get schema(): SchemaProbe {
    return this.probe;
  }
}
