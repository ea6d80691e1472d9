import type { Database as Db, Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import {
  classOf,
  DISTRICTS,
  type Category,
  type District,
  type ReportChannel,
  OPEN_STATUSES,
  type Incident,
  type Level,
  type TimelineEntry,
} from '../../../shared/domain';
import { CoreError } from '../../../shared/result';
import type { NewReport } from '../../../shared/schemas';
import type { ChangeLog } from '../store/changes';
import { INCIDENT_COLUMNS, rowToIncident, type IncidentRow } from './rows';
import { formatShanghai } from '../time';

import type { Actor } from '../context';

export type { Actor };

/** A report arriving from a feed, already validated and mapped to our vocabulary. */
export interface SourceReport {
  source: string;
  externalRef: string;
  title: string;
  category: Category;
  level: Level;
  district: District | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  description: string | null;
  channel: ReportChannel;
  reporterName: string | null;
  reporterPhone: string | null;
  body: string;
}

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(',');

export class IncidentService {
  private readonly insertIncident: Statement;
  private readonly insertReport: Statement;
  private readonly insertTimeline: Statement;
  private readonly nextCounter: Statement<[string]>;
  private readonly byId: Statement<[string]>;
  private readonly openList: Statement<[number]>;
  private readonly allList: Statement<[number]>;
  private readonly timelineOf: Statement<[string]>;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
  ) {
    this.insertIncident = db.prepare(`INSERT INTO incidents
      (id, ref, title, category, incident_class, level, status, district, address, lat, lon, description, channel, reported_at, updated_at, report_count)
      VALUES (@id, @ref, @title, @category, @incidentClass, @level, 'reported', @district, @address, @lat, @lon, @description, @channel, @at, @at, 1)`);
    this.insertReport = db.prepare(`INSERT INTO reports
      (id, incident_id, source, external_ref, channel, reporter_name, reporter_phone, received_at, body)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertTimeline = db.prepare(
      'INSERT INTO timeline (incident_id, at, kind, actor, text, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.nextCounter = db.prepare(
      `INSERT INTO counters (name, value) VALUES (?, 1)
       ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    );
    this.byId = db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`);
    this.openList = db.prepare(
      `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE status IN (${OPEN_SQL}) ORDER BY level, reported_at DESC LIMIT ?`,
    );
    this.allList = db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents ORDER BY reported_at DESC LIMIT ?`);
    this.timelineOf = db.prepare(
      'SELECT id, incident_id AS incidentId, at, kind, actor, text FROM timeline WHERE incident_id = ? ORDER BY id',
    );
  }

  /** A human-readable reference, unique per day in Beijing time: WF-20261129-0042. */
  nextRef(at: number): string {
    const day = formatShanghai(at, 'yyyymmdd');
    const n = (this.nextCounter.get(`ref:${day}`) as { value: number }).value;
    return `WF-${day}-${String(n).padStart(4, '0')}`;
  }

  /** Log a phone report as a new incident: incident, source report, timeline entry and change, in one transaction. */
  createFromReport(report: NewReport, actor: Actor): Incident {
    return this.db.transaction((): Incident => {
      const at = this.now();
      const id = uuidv7();
      const [lon, lat] =
        report.lat !== undefined && report.lon !== undefined
          ? [report.lon, report.lat]
          : DISTRICTS[report.district].center;
      this.insertIncident.run({
        id,
        ref: this.nextRef(at),
        title: report.title,
        category: report.category,
        incidentClass: classOf(report.category),
        level: report.level,
        district: report.district,
        address: report.address ?? null,
        lat,
        lon,
        description: report.description ?? null,
        channel: report.channel,
        at,
      });
      this.insertReport.run(
        uuidv7(),
        id,
        `seat:${actor.seat}`,
        null,
        report.channel,
        report.reporterName ?? null,
        report.reporterPhone ?? null,
        at,
        JSON.stringify(report),
      );
      this.appendTimeline(id, 'reported', actor, report.title, { channel: report.channel, level: report.level });
      this.changes.record('incident', id, 'insert');
      return this.get(id);
    })();
  }

  /**
   * Create an incident from a feed report (incident, source report, timeline,
   * change). It runs inside the caller's transaction — the ingest batch — so
   * the event's inbox row, cursor and domain change commit together.
   */
  createFromSource(s: SourceReport, actor: Actor): string {
    const at = this.now();
    const id = uuidv7();
    this.insertIncident.run({
      id,
      ref: this.nextRef(at),
      title: s.title,
      category: s.category,
      incidentClass: classOf(s.category),
      level: s.level,
      district: s.district,
      address: s.address,
      lat: s.lat,
      lon: s.lon,
      description: s.description,
      channel: s.channel,
      at,
    });
    this.insertSourceReport(id, s);
    this.appendTimeline(id, 'reported', actor, s.title, { channel: s.channel, level: s.level, source: s.source });
    this.changes.record('incident', id, 'insert');
    return id;
  }

  /** Another report of an incident already known (same source reference, or a sensor still alarming). */
  addSourceReport(incidentId: string, s: SourceReport, actor: Actor): void {
    this.insertSourceReport(incidentId, s);
    this.db
      .prepare('UPDATE incidents SET report_count = report_count + 1, updated_at = ? WHERE id = ?')
      .run(this.now(), incidentId);
    this.appendTimeline(incidentId, 'report_added', actor, s.title, { source: s.source, externalRef: s.externalRef });
    this.changes.record('incident', incidentId, 'update');
  }

  private insertSourceReport(incidentId: string, s: SourceReport): void {
    this.insertReport.run(
      uuidv7(),
      incidentId,
      s.source,
      s.externalRef,
      s.channel,
      s.reporterName,
      s.reporterPhone,
      this.now(),
      s.body,
    );
  }

  appendTimeline(incidentId: string, kind: string, actor: Actor, text: string, data?: unknown): void {
    this.insertTimeline.run(
      incidentId,
      this.now(),
      kind,
      `${actor.operator}@${actor.seat}`,
      text,
      data === undefined ? null : JSON.stringify(data),
    );
  }

  get(id: string): Incident {
    const row = this.byId.get(id) as IncidentRow | undefined;
    if (!row) throw new CoreError('not_found', `incident ${id} not found`);
    return rowToIncident(row);
  }

  byIds(ids: readonly string[]): Incident[] {
    const out: Incident[] = [];
    for (const id of ids) {
      const row = this.byId.get(id) as IncidentRow | undefined;
      if (row) out.push(rowToIncident(row));
    }
    return out;
  }

  list(scope: 'open' | 'all', limit: number): Incident[] {
    const rows = (scope === 'open' ? this.openList : this.allList).all(limit) as IncidentRow[];
    return rows.map(rowToIncident);
  }

  timeline(id: string): TimelineEntry[] {
    return this.timelineOf.all(id) as TimelineEntry[];
  }

  static levelOf(n: number): Level {
    if (n === 1 || n === 2 || n === 3 || n === 4) return n;
    throw new CoreError('internal', `bad level ${n}`);
  }
}
