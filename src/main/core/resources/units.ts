import type { Database as Db, Statement } from 'better-sqlite3';
import { CoreError } from '../../../shared/result';
import {
  COMMITTED,
  DISPATCHABLE,
  isAllowedTransition,
  needsReason,
  STATUS_TRANSITIONS,
  type Agency,
  type PositionFix,
  type Unit,
  type UnitStatus,
  type UnitStatusChange,
} from '../../../shared/resources';
import type { Actor, CoreContext } from '../context';
import type { IncidentService } from '../incidents/service';
import type { CommandSink } from './commands';
import { PositionHistory, RETENTION, type MaintainReport } from './positions';
import { rowToStatusChange, rowToUnit, UNIT_COLUMNS, type StatusHistoryRow, type UnitRow } from './unit-rows';

export interface FeedStatusOptions {
  incidentRef?: string;
  agency?: Agency;
  unitType?: string;
  /** The source's call sign; used only while an officer has not registered the unit. */
  callSign?: string;
  at?: number;
  /** Who reported it, e.g. `feed:avl-fire`. */
  actor: string;
  /** The configured feed source it came from; recorded on the unit so dispatch goes to that source's outbox. */
  feedSource?: string;
}

export interface StatusResult {
  unit: Unit;
  /** The move is outside the local rules (recorded and flagged, not refused). */
  irregular: boolean;
  /** False when the report was older than the unit's current status and only went to the history. */
  applied: boolean;
}

const actorName = (a: Actor): string => `${a.operator}@${a.seat}`;

/**
 * Response units: registry, live status and position, and the history of
 * both. Two kinds of writer meet here: officers at this seat (status rules
 * enforced, errors refuse the change) and the feed pipeline (facts from the
 * field: always recorded, unusual moves flagged for an officer to check).
 */
export class UnitService {
  readonly positions: PositionHistory;
  private readonly byId: Statement<[string]>;
  private readonly listAll: Statement<[]>;
  private readonly listAvailable: Statement<[]>;
  private readonly insertUnknown: Statement;
  private readonly updatePosition: Statement;
  private readonly updateStatus: Statement;
  private readonly fillMissing: Statement;
  private readonly feedCallSign: Statement<[string, string]>;
  private readonly insertHistory: Statement;
  private readonly historyOf: Statement<[string, number]>;
  private readonly setPending: Statement<[string | null, number, string]>;
  private readonly incidentByExternal: Statement<[string]>;
  private readonly incidentByRef: Statement<[string, string]>;
  private readonly setSource: Statement<[string, string, string]>;
  private lastMaintain = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly incidents: IncidentService,
    private sink: CommandSink | null,
  ) {
    const db: Db = ctx.db;
    this.positions = new PositionHistory(db);
    this.byId = db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE id = ?`);
    this.listAll = db.prepare(`SELECT ${UNIT_COLUMNS} FROM units ORDER BY agency, call_sign`);
    this.listAvailable = db.prepare(
      `SELECT ${UNIT_COLUMNS} FROM units WHERE status = 'available' AND registered = 1 ORDER BY call_sign`,
    );
    this.insertUnknown = db.prepare(
      `INSERT INTO units (id, call_sign, agency, unit_type, registered, status, updated_at)
       VALUES (?, ?, ?, ?, 0, 'available', ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.updatePosition = db.prepare(
      `UPDATE units SET lat = ?, lon = ?, fix_at = ?, speed_kmh = ?, heading = ?, updated_at = ?
       WHERE id = ? AND (fix_at IS NULL OR fix_at < ?)`,
    );
    this.updateStatus = db.prepare(
      `UPDATE units SET status = ?, status_at = ?, incident_id = ?, incident_ref = ?, pending_command = ?, updated_at = ?
       WHERE id = ?`,
    );
    this.fillMissing = db.prepare(
      'UPDATE units SET agency = coalesce(agency, ?), unit_type = coalesce(unit_type, ?) WHERE id = ?',
    );
    this.feedCallSign = db.prepare('UPDATE units SET call_sign = ? WHERE id = ? AND registered = 0');
    this.insertHistory = db.prepare(
      `INSERT INTO unit_status_history (unit_id, at, from_status, to_status, incident_id, actor, reason, source, irregular)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.historyOf = db.prepare('SELECT * FROM unit_status_history WHERE unit_id = ? ORDER BY at, id LIMIT ?');
    this.setPending = db.prepare('UPDATE units SET pending_command = ?, updated_at = ? WHERE id = ?');
    this.incidentByExternal = db.prepare(
      `SELECT incident_id AS id FROM reports WHERE external_ref = ? AND incident_id IS NOT NULL
       ORDER BY received_at DESC LIMIT 1`,
    );
    this.incidentByRef = db.prepare('SELECT id FROM incidents WHERE ref = ? OR id = ?');
    // Written only when it changes, so the position hot path costs one primary-key lookup.
    this.setSource = db.prepare(
      'UPDATE units SET feed_source = ? WHERE id = ? AND (feed_source IS NULL OR feed_source != ?)',
    );
  }

  /** Record which configured feed source drives a unit (inside the feed's transaction). */
  setFeedSourceInTx(unitId: string, source: string): void {
    if (this.setSource.run(source, unitId, source).changes > 0) this.ctx.changes.record('unit', unitId, 'update');
  }

  /**
   * Attach the feeds module's outbox (or detach it with null). With a sink,
   * dispatch and recall of units it routes also enqueue a command.
   */
  useCommandSink(sink: CommandSink | null): void {
    this.sink = sink;
  }

  get(id: string): Unit {
    const row = this.byId.get(id) as UnitRow | undefined;
    if (!row) throw new CoreError('not_found', `unit ${id} is not known at this seat`);
    return rowToUnit(row, this.ctx.now());
  }

  find(id: string): Unit | null {
    const row = this.byId.get(id) as UnitRow | undefined;
    return row ? rowToUnit(row, this.ctx.now()) : null;
  }

  list(): Unit[] {
    const now = this.ctx.now();
    return (this.listAll.all() as UnitRow[]).map((r) => rowToUnit(r, now));
  }

  /** Registered units that are available now: the candidates for a recommendation. */
  available(): Unit[] {
    const now = this.ctx.now();
    return (this.listAvailable.all() as UnitRow[]).map((r) => rowToUnit(r, now));
  }

  history(unitId: string, limit = 1000): UnitStatusChange[] {
    this.get(unitId);
    return (this.historyOf.all(unitId, limit) as StatusHistoryRow[]).map(rowToStatusChange);
  }

  track(unitId: string, from: number, to: number): PositionFix[] {
    this.get(unitId);
    return this.positions.trackOf(unitId, from, to);
  }

  /** A unit.* event for a unit this seat does not know registers it, unregistered, for an officer to complete. */
  private ensure(unitId: string, agency: Agency | null, unitType: string | null): void {
    if (this.insertUnknown.run(unitId, unitId, agency, unitType, this.ctx.now()).changes > 0) {
      this.ctx.changes.record('unit', unitId, 'insert');
    }
  }

  /**
   * A position from a tracker (feed `unit.position`). The fix goes to the
   * history; the live position moves only if the fix is newer than the one
   * it has, so a late or resent fix never drags a unit backwards.
   */
  applyPosition(unitId: string, lat: number, lon: number, at: number, speed?: number, heading?: number): void {
    this.ctx.db.transaction(() => this.positionInTx(unitId, lat, lon, at, speed, heading))();
    this.maybeMaintain();
  }

  /** Many positions in one transaction: the feed pipeline's batch path (one flush per batch). */
  applyPositions(
    fixes: readonly { unitId: string; lat: number; lon: number; at: number; speedKmh?: number; heading?: number }[],
  ): void {
    this.ctx.db.transaction(() => {
      for (const f of fixes) this.positionInTx(f.unitId, f.lat, f.lon, f.at, f.speedKmh, f.heading);
    })();
    this.maybeMaintain();
  }

  /** One fix inside the caller's transaction (the feed pipeline's batch); no savepoint of its own. */
  applyPositionInTx(unitId: string, lat: number, lon: number, at: number, speed?: number, heading?: number): void {
    this.positionInTx(unitId, lat, lon, at, speed, heading);
  }

  private positionInTx(unitId: string, lat: number, lon: number, at: number, speed?: number, heading?: number): void {
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
      throw new CoreError('invalid_request', `position for unit ${unitId} is not a valid coordinate (${lat}, ${lon})`);
    }
    if (!Number.isFinite(at)) throw new CoreError('invalid_request', `position for unit ${unitId} has no valid time`);
    this.ensure(unitId, null, null);
    const s = speed ?? null;
    const h = heading ?? null;
    this.positions.add(unitId, { at, lat, lon, speedKmh: s, heading: h });
    if (this.updatePosition.run(lat, lon, at, s, h, this.ctx.now(), unitId, at).changes > 0) {
      this.ctx.changes.record('unit', unitId, 'update');
    }
  }

  /** Run the retention rule if a minute has passed since it last ran. */
  maintainIfDue(): void {
    this.maybeMaintain();
  }

  /** Run the retention rule at most once a minute, outside the feed's transaction. */
  private maybeMaintain(): void {
    const now = this.ctx.now();
    if (now - this.lastMaintain < RETENTION.maintainEvery) return;
    this.lastMaintain = now;
    this.positions.maintain(now);
  }

  maintain(): MaintainReport {
    this.lastMaintain = this.ctx.now();
    return this.positions.maintain(this.lastMaintain);
  }

  private resolveIncident(ref: string): string | null {
    const ext = this.incidentByExternal.get(ref) as { id: string } | undefined;
    if (ext) return ext.id;
    const own = this.incidentByRef.get(ref, ref) as { id: string } | undefined;
    return own ? own.id : null;
  }

  /**
   * A status reported by the field (feed `unit.status`). Always recorded: a
   * move the local rules would refuse is flagged irregular; a report older
   * than the unit's current status goes to the history only.
   */
  applyStatus(unitId: string, status: UnitStatus, opts: FeedStatusOptions): StatusResult {
    return this.ctx.db.transaction((): StatusResult => {
      this.ensure(unitId, opts.agency ?? null, opts.unitType ?? null);
      if (opts.agency !== undefined || opts.unitType !== undefined) {
        this.fillMissing.run(opts.agency ?? null, opts.unitType ?? null, unitId);
      }
      if (opts.callSign) this.feedCallSign.run(opts.callSign, unitId);
      if (opts.feedSource) this.setSource.run(opts.feedSource, unitId, opts.feedSource);
      const before = this.get(unitId);
      const at = opts.at ?? this.ctx.now();
      const incidentId = opts.incidentRef ? this.resolveIncident(opts.incidentRef) : null;
      const sameMove = before.status === status;
      const applied = before.statusAt === null || at >= before.statusAt;
      // Only a move that changes the live state can be irregular; a late report changes nothing.
      const irregular = applied && !sameMove && !isAllowedTransition(before.status, status);
      const keepsIncident = status !== 'available' && status !== 'out_of_service';
      const nextIncident = keepsIncident ? (incidentId ?? (opts.incidentRef ? null : before.incidentId)) : null;
      const nextRef = keepsIncident ? (opts.incidentRef ?? (incidentId ? null : before.incidentRef)) : null;
      this.insertHistory.run(
        unitId,
        at,
        before.status,
        status,
        incidentId ?? (keepsIncident ? before.incidentId : null),
        opts.actor,
        applied ? null : 'late',
        'feed',
        irregular ? 1 : 0,
      );
      if (applied) {
        // A field report does not settle a queued dispatch/recall: only the upstream's ack does
        // (the outbox keeps resending it), and a rejection stays until an officer dismisses it.
        this.updateStatus.run(status, at, nextIncident, nextRef, before.pendingCommand, this.ctx.now(), unitId);
        if (nextIncident && nextIncident !== before.incidentId) {
          this.incidents.appendTimeline(
            nextIncident,
            // Not 'unit.dispatched': that kind is this seat's own dispatch, which exercise scoring
            // and time-to-dispatch on the timeline count; a field report is evidence of another kind.
            'unit_status',
            { operator: opts.actor, seat: 'feed' },
            before.callSign,
            {
              unitId,
              status,
            },
          );
          this.ctx.changes.record('incident', nextIncident, 'update');
        }
      }
      this.ctx.changes.record('unit', unitId, 'update');
      return { unit: this.get(unitId), irregular, applied };
    })();
  }

  /** An officer's status change at this seat, with the rules enforced. Dispatch goes through `dispatch`. */
  setStatus(unitId: string, to: UnitStatus, actor: Actor, reason?: string): Unit {
    return this.ctx.db.transaction((): Unit => {
      const unit = this.get(unitId);
      if (to === 'dispatched') {
        throw new CoreError('refused', `use dispatch to send ${unit.callSign} to an incident`);
      }
      if (unit.status === to) {
        throw new CoreError('refused', `${unit.callSign} is already ${to}`);
      }
      if (!isAllowedTransition(unit.status, to)) {
        throw new CoreError(
          'refused',
          `${unit.callSign} cannot go from ${unit.status} to ${to}; allowed next: ${allowedList(unit.status)}`,
        );
      }
      const why = reason?.trim();
      if (needsReason(unit.status, to) && !why) {
        throw new CoreError(
          'refused',
          `a reason is required to move ${unit.callSign} from ${unit.status} to ${to}; say why (e.g. repaired, crew change)`,
        );
      }
      this.change(unit, to, unit.incidentId, actor, why ?? null);
      return this.get(unitId);
    })();
  }

  private change(unit: Unit, to: UnitStatus, incidentId: string | null, actor: Actor, reason: string | null): void {
    const at = this.ctx.now();
    const keeps = to !== 'available' && to !== 'out_of_service';
    this.insertHistory.run(unit.id, at, unit.status, to, incidentId, actorName(actor), reason, 'local', 0);
    this.updateStatus.run(
      to,
      at,
      keeps ? incidentId : null,
      keeps ? unit.incidentRef : null,
      unit.pendingCommand,
      at,
      unit.id,
    );
    this.ctx.changes.record('unit', unit.id, 'update');
  }

  /**
   * Send units to an incident. All or nothing: if any unit cannot go, none is
   * dispatched and the error names it. Each unit gets a history row and the
   * incident a timeline entry; units driven by an upstream also get a command
   * in the outbox, in the same transaction.
   */
  dispatch(unitIds: readonly string[], incidentId: string, actor: Actor, note?: string): Unit[] {
    return this.ctx.db.transaction((): Unit[] => {
      const incident = this.incidents.get(incidentId);
      if (unitIds.length === 0) throw new CoreError('invalid_request', 'choose at least one unit to dispatch');
      const out: Unit[] = [];
      for (const id of new Set(unitIds)) {
        const unit = this.get(id);
        if (!unit.registered) {
          throw new CoreError(
            'refused',
            `${unit.callSign} is not registered yet (it was seen on a feed); complete its record before dispatching it`,
          );
        }
        if (!DISPATCHABLE.includes(unit.status)) {
          throw new CoreError(
            'refused',
            `${unit.callSign} is ${unit.status}${unit.incidentId ? ' on another incident' : ''} and cannot be dispatched; only available or returning units can`,
          );
        }
        this.change(unit, 'dispatched', incident.id, actor, note?.trim() || null);
        this.incidents.appendTimeline(incident.id, 'unit.dispatched', actor, unit.callSign, {
          unitId: unit.id,
          agency: unit.agency,
        });
        this.enqueue(unit, 'unit.dispatch', incident.id, actor, note);
        out.push(this.get(id));
      }
      this.ctx.changes.record('incident', incident.id, 'update');
      return out;
    })();
  }

  /** Stand a unit down from its incident: it is returning and free to be re-dispatched. */
  recall(unitId: string, actor: Actor, reason?: string): Unit {
    return this.ctx.db.transaction((): Unit => {
      const unit = this.get(unitId);
      if (!COMMITTED.includes(unit.status)) {
        throw new CoreError(
          'refused',
          `${unit.callSign} is ${unit.status}, not committed to an incident; only dispatched, en-route or on-scene units can be recalled`,
        );
      }
      const incidentId = unit.incidentId;
      this.change(unit, 'returning', incidentId, actor, reason?.trim() || null);
      if (incidentId) {
        this.incidents.appendTimeline(incidentId, 'unit.recalled', actor, unit.callSign, {
          unitId: unit.id,
          reason: reason ?? null,
        });
        this.ctx.changes.record('incident', incidentId, 'update');
      }
      this.enqueue(this.get(unitId), 'unit.recall', incidentId, actor, reason);
      return this.get(unitId);
    })();
  }

  private enqueue(
    unit: Unit,
    type: 'unit.dispatch' | 'unit.recall',
    incidentId: string | null,
    actor: Actor,
    reason?: string,
  ): void {
    if (!this.sink || !this.sink.routes(unit)) return;
    const incidentRef = incidentId ? this.externalRefOf(incidentId) : unit.incidentRef;
    const id = this.sink.enqueue({
      type,
      payload: {
        unitId: unit.id,
        incidentRef,
        incidentId,
        ...(reason ? { reason } : {}),
        at: this.ctx.now(),
        actor: actorName(actor),
      },
    });
    this.setPending.run(id, this.ctx.now(), unit.id);
  }

  private externalRefOf(incidentId: string): string {
    const row = this.ctx.db
      .prepare(
        `SELECT external_ref AS ref FROM reports WHERE incident_id = ? AND external_ref IS NOT NULL ORDER BY received_at LIMIT 1`,
      )
      .get(incidentId) as { ref: string } | undefined;
    return row ? row.ref : this.incidents.get(incidentId).ref;
  }
}

function allowedList(from: UnitStatus): string {
  return STATUS_TRANSITIONS[from].join(', ');
}
