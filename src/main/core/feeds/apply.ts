import type { Database as Db, Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import {
  classOf,
  DISTRICTS,
  OPEN_STATUSES,
  districtFromName,
  haversineMetres,
  type Category,
  type Level,
} from '../../../shared/domain';
import type { Actor } from '../context';
import { uuidv7At } from '../ids';
import type { IncidentService, SourceReport } from '../incidents/service';
import type { ChangeLog } from '../store/changes';
import { applyExerciseControl } from '../exercise/control-apply';
import { applyWarning } from './warnings';
import type { TypedEvent } from './validate';
import { agencyFromName } from '../../../shared/resources';
import type { UnitService } from '../resources/units';

/** An open incident of the same category this close in place and time is proposed as the same one. */
export const MERGE_RADIUS_M = 500;
export const MERGE_WINDOW_MS = 30 * 60_000;
/** A sensor reading this many times its threshold becomes an incident, not just an alert. */
export const SENSOR_INCIDENT_RATIO = 1.5;

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(',');

type Of<K extends TypedEvent['type']> = Extract<TypedEvent, { type: K }>;
type Location = Of<'incident.reported'>['payload']['location'];

function levelOf(l: 1 | 2 | 3 | 4 | 'I' | 'II' | 'III' | 'IV' | undefined): Level {
  if (l === undefined) return 4;
  if (typeof l === 'number') return l;
  return ({ I: 1, II: 2, III: 3, IV: 4 } as const)[l];
}

/** District names repeat endlessly in a feed; the lookup walks every district, so remember the answers. */
const districtCache = new Map<string, ReturnType<typeof districtFromName>>();
function districtOf(name: string | undefined): ReturnType<typeof districtFromName> {
  if (!name) return null;
  let d = districtCache.get(name);
  if (d === undefined) {
    d = districtFromName(name);
    if (districtCache.size >= 512) districtCache.clear();
    districtCache.set(name, d);
  }
  return d;
}

function place(loc: Location): Pick<SourceReport, 'district' | 'address' | 'lat' | 'lon'> {
  const district = districtOf(loc.district);
  // Written without temporary arrays: this runs for every sensor alarm.
  let lat: number | null = null;
  let lon: number | null = null;
  if (loc.lat !== undefined && loc.lon !== undefined) {
    lat = loc.lat;
    lon = loc.lon;
  } else if (district) {
    [lon, lat] = DISTRICTS[district].center;
  }
  const address =
    loc.address || loc.street || loc.grid
      ? [loc.address, loc.street, loc.grid].filter((x): x is string => !!x).join(' · ')
      : null;
  return { district, address, lat, lon };
}

const SENSOR_CATEGORIES: Record<string, Category> = {
  gas: 'gas',
  smoke: 'fire',
  fire: 'fire',
  temperature: 'fire',
  water_level: 'waterlogging',
  waterlogging: 'waterlogging',
  rain: 'rainstorm',
  water_pressure: 'water_supply',
  power: 'power',
  crowd: 'crowd',
  structure: 'building',
  tilt: 'building',
};

/**
 * Maps validated feed events onto the domain. Every method runs inside the
 * ingest batch's transaction and records its changes there.
 */
export class DomainMapper {
  /** Streams that appended alerts in the batch being applied (see `endBatch`). */
  private readonly alertStreams = new Set<string>();
  private readonly reportByRef: Statement<[string, string]>;
  private readonly reportByAnyRef: Statement<[string]>;
  private readonly mergeCandidates: Statement<[string, number, number, string]>;
  private readonly insertProposal: Statement;
  private readonly alertInsert: Statement;
  private readonly openSensorIncident: Statement<[string, string]>;

  constructor(
    private readonly db: Db,
    private readonly incidents: IncidentService,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
    private readonly actor: Actor,
    private readonly mode: 'live' | 'exercise',
    /** Units belong to resource tracking: positions and statuses go through its service. */
    private readonly units: UnitService,
  ) {
    this.reportByRef = db.prepare(
      'SELECT incident_id AS id FROM reports WHERE source = ? AND external_ref = ? AND incident_id IS NOT NULL LIMIT 1',
    );
    this.reportByAnyRef = db.prepare(
      'SELECT incident_id AS id FROM reports WHERE external_ref = ? AND incident_id IS NOT NULL ORDER BY received_at DESC LIMIT 1',
    );
    this.mergeCandidates = db.prepare(
      `SELECT id, ref, lat, lon, reported_at AS at FROM incidents
       WHERE category = ? AND reported_at BETWEEN ? AND ? AND status IN (${OPEN_SQL}) AND id != ? AND lat IS NOT NULL`,
    );
    this.insertProposal = db.prepare(
      `INSERT INTO merge_proposals (id, incident_id, target_id, reason, distance_m, minutes, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.alertInsert = db.prepare(
      `INSERT INTO alerts (id, sensor_id, kind, value, threshold, unit, ratio, district, lat, lon, incident_id, stream, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.openSensorIncident = db.prepare(
      `SELECT r.incident_id AS id FROM reports r JOIN incidents i ON i.id = r.incident_id
       WHERE r.source = ? AND r.external_ref = ? AND i.status IN (${OPEN_SQL}) LIMIT 1`,
    );
  }

  /** Called by the ingestor as it starts applying a batch (also before a batch is redone). */
  beginBatch(): void {
    this.alertStreams.clear();
  }

  /**
   * Called at the end of a batch, inside its transaction. Alerts are
   * append-only and the feeds' highest-volume rows (thousands a second in a
   * burst); nothing reads one back by id — the handover and stats query them
   * by time — so the batch records one collection-level change per stream,
   * `alerts/<stream>`, instead of one row per alert. A change row per alert
   * was a third of the store's writes per alarm.
   */
  endBatch(): void {
    for (const stream of this.alertStreams) this.changes.record('alerts', stream, 'insert');
    this.alertStreams.clear();
  }

  /** Apply one event; returns a fault to record when the event could not be matched. */
  apply(ev: TypedEvent, source?: string): string | null {
    switch (ev.type) {
      case 'incident.reported':
        this.reported(ev);
        return null;
      case 'incident.updated':
        return this.updated(ev);
      case 'unit.position':
        this.position(ev, source);
        return null;
      case 'unit.status':
        this.status(ev, source);
        return null;
      case 'sensor.alarm':
        this.alarm(ev);
        return null;
      case 'warning.issued':
        applyWarning(this.db, this.changes, this.now, this.mode, ev);
        return null;
      case 'exercise.call':
      case 'exercise.message':
      case 'exercise.state':
      case 'exercise.stop':
        return applyExerciseControl(this.db, this.changes, this.now, this.mode, ev);
    }
  }

  private reported(ev: Of<'incident.reported'>): void {
    const p = ev.payload;
    const source = `feed:${ev.envelope.stream}`;
    const report: SourceReport = {
      source,
      externalRef: p.externalRef,
      title: p.title,
      category: p.category,
      level: levelOf(p.level),
      description: p.description ?? null,
      channel: p.reporter?.channel ?? 'other',
      reporterName: p.reporter?.name ?? null,
      reporterPhone: p.reporter?.phone ?? null,
      body: JSON.stringify(ev.envelope.payload),
      ...place(p.location),
    };
    const known = this.reportByRef.get(source, p.externalRef) as { id: string } | undefined;
    if (known) {
      this.incidents.addSourceReport(known.id, report, this.actor);
      return;
    }
    const id = this.incidents.createFromSource(report, this.actor);
    if (report.lat !== null && report.lon !== null) this.proposeMerge(id, report, report.lat, report.lon);
  }

  /** Never merge silently: record the nearest open incident of the same kind as a proposal, with why. */
  private proposeMerge(id: string, r: SourceReport, lat: number, lon: number): void {
    const at = this.now();
    const rows = this.mergeCandidates.all(r.category, at - MERGE_WINDOW_MS, at + MERGE_WINDOW_MS, id) as {
      id: string;
      ref: string;
      lat: number;
      lon: number;
      at: number;
    }[];
    let best: { id: string; ref: string; d: number; minutes: number } | null = null;
    for (const c of rows) {
      const d = haversineMetres(lat, lon, c.lat, c.lon);
      if (d <= MERGE_RADIUS_M && (!best || d < best.d))
        best = { id: c.id, ref: c.ref, d, minutes: Math.abs(at - c.at) / 60_000 };
    }
    if (!best) return;
    const reason = `Same category (${r.category}), ${Math.round(best.d)} m apart, reported ${best.minutes.toFixed(1)} min apart: ${r.source} ref ${r.externalRef} may be the same incident as ${best.ref}.`;
    const pid = uuidv7();
    this.insertProposal.run(pid, id, best.id, reason, best.d, best.minutes, at);
    this.incidents.appendTimeline(id, 'merge_proposed', this.actor, reason, { target: best.id, proposal: pid });
    this.changes.record('merge_proposal', pid, 'insert');
  }

  private updated(ev: Of<'incident.updated'>): string | null {
    const p = ev.payload;
    const known = this.reportByRef.get(`feed:${ev.envelope.stream}`, p.externalRef) as { id: string } | undefined;
    if (!known) return `incident.updated for unknown externalRef ${p.externalRef}`;
    const c = p.changes;
    const sets: string[] = [];
    const vals: (string | number | null)[] = [];
    const set = (col: string, v: string | number | null): void => {
      sets.push(`${col} = ?`);
      vals.push(v);
    };
    if (c.title !== undefined) set('title', c.title);
    if (c.category !== undefined) set('category', c.category);
    if (c.level !== undefined) set('level', levelOf(c.level));
    if (c.description !== undefined) set('description', c.description);
    if (c.location !== undefined) {
      const pl = place(c.location);
      if (pl.district !== null) set('district', pl.district);
      if (pl.address !== null) set('address', pl.address);
      if (pl.lat !== null && pl.lon !== null) {
        set('lat', pl.lat);
        set('lon', pl.lon);
      }
    }
    if (c.category !== undefined) set('incident_class', classOf(c.category));
    set('updated_at', this.now());
    this.db.prepare(`UPDATE incidents SET ${sets.join(', ')} WHERE id = ?`).run(...vals, known.id);
    const fields = Object.keys(c).join(', ') || 'nothing';
    this.incidents.appendTimeline(known.id, 'updated', this.actor, `Updated by ${ev.envelope.stream}: ${fields}`, c);
    this.changes.record('incident', known.id, 'update');
    return null;
  }

  /** `source` is the configured feed source the stream came on: it then drives the unit (dispatch goes to its outbox). */
  private position(ev: Of<'unit.position'>, source?: string): void {
    const p = ev.payload;
    // Registers an unknown unit as unregistered; a late fix goes to history only.
    this.units.applyPositionInTx(p.unitId, p.lat, p.lon, p.at, p.speedKmh, p.heading);
    if (source) this.units.setFeedSourceInTx(p.unitId, source);
    this.units.maintainIfDue();
  }

  private status(ev: Of<'unit.status'>, source?: string): void {
    const p = ev.payload;
    this.units.applyStatus(p.unitId, p.status, {
      actor: `feed:${ev.envelope.stream}`,
      ...(source ? { feedSource: source } : {}),
      ...(p.incidentRef !== undefined ? { incidentRef: p.incidentRef } : {}),
      ...(p.agency !== undefined ? { agency: agencyFromName(p.agency) ?? undefined } : {}),
      ...(p.unitType !== undefined ? { unitType: p.unitType } : {}),
      ...(p.callSign !== undefined ? { callSign: p.callSign } : {}),
      ...(p.at !== undefined ? { at: p.at } : {}),
    });
  }

  private alarm(ev: Of<'sensor.alarm'>): void {
    const p = ev.payload;
    const pl = place(p.location);
    const ratio = p.value / p.threshold;
    let incidentId: string | null = null;
    if (ratio >= SENSOR_INCIDENT_RATIO) {
      const source = `feed:${ev.envelope.stream}`;
      const externalRef = `sensor:${p.sensorId}`;
      const level: Level = ratio >= 3 ? 2 : ratio >= 2 ? 3 : 4;
      const report: SourceReport = {
        source,
        externalRef,
        title: `${p.kind} ${p.value}${p.unit ?? ''} (${ratio.toFixed(1)}× threshold) at sensor ${p.sensorId}`,
        category: SENSOR_CATEGORIES[p.kind.toLowerCase()] ?? 'other',
        level,
        description: null,
        channel: 'iot',
        reporterName: null,
        reporterPhone: null,
        body: JSON.stringify(ev.envelope.payload),
        ...pl,
      };
      const open = this.openSensorIncident.get(source, externalRef) as { id: string } | undefined;
      if (open) {
        this.incidents.addSourceReport(open.id, report, this.actor);
        incidentId = open.id;
      } else {
        incidentId = this.incidents.createFromSource(report, this.actor);
      }
    }
    // Keyed by the alarm's own time: the handover's "last 24 h" is a range of the key (no time index to keep up).
    const id = uuidv7At(ev.ts);
    this.alertInsert.run(
      id,
      p.sensorId,
      p.kind,
      p.value,
      p.threshold,
      p.unit ?? null,
      ratio,
      pl.district,
      pl.lat,
      pl.lon,
      incidentId,
      ev.envelope.stream,
      ev.ts,
    );
    this.alertStreams.add(ev.envelope.stream);
  }
}
