import type { District } from '../../../shared/domain';
import {
  STALE_AFTER_MS,
  type Agency,
  type Capability,
  type Unit,
  type UnitStatus,
  type UnitStatusChange,
} from '../../../shared/resources';

export const UNIT_COLUMNS = `id, call_sign, agency, unit_type, capabilities, crew_size, home_station, home_lat, home_lon,
  district, status, status_at, lat, lon, fix_at, speed_kmh, heading, incident_id, incident_ref, registered,
  pending_command, feed_source, updated_at,
  (SELECT json_array(o.state, o.error, o.type, o.created_at, o.settled_at) FROM outbox o
    WHERE o.id = units.pending_command) AS command`;

export interface UnitRow {
  id: string;
  call_sign: string;
  agency: string | null;
  unit_type: string | null;
  capabilities: string;
  crew_size: number | null;
  home_station: string | null;
  home_lat: number | null;
  home_lon: number | null;
  district: string | null;
  status: string;
  status_at: number | null;
  lat: number | null;
  lon: number | null;
  fix_at: number | null;
  speed_kmh: number | null;
  heading: number | null;
  incident_id: string | null;
  incident_ref: string | null;
  registered: number;
  pending_command: string | null;
  feed_source: string | null;
  updated_at: number;
  /** JSON [state, error, type, created_at, settled_at] of the unit's outbox command (one lookup by primary key). */
  command: string | null;
}

type CommandTuple = [string, string | null, string, number, number | null];

export function isStale(fixAt: number | null, now: number): boolean {
  return fixAt === null || now - fixAt > STALE_AFTER_MS;
}

/**
 * The unit's latest outbox command as the board shows it. A pending_command
 * whose outbox row is missing (a store restored without it) still reads as
 * pending: the seat has not been told otherwise.
 */
function commandOf(
  r: UnitRow,
): Pick<Unit, 'commandState' | 'commandError' | 'commandType' | 'commandAt' | 'commandSettledAt'> {
  if (r.pending_command === null) {
    return { commandState: null, commandError: null, commandType: null, commandAt: null, commandSettledAt: null };
  }
  const [state, error, type, createdAt, settledAt] = r.command
    ? (JSON.parse(r.command) as CommandTuple)
    : ['pending', null, null, null, null];
  const rejected = state === 'rejected';
  return {
    commandState: rejected ? 'rejected' : 'pending',
    commandError: rejected ? (error ?? null) : null,
    commandType: type === 'unit.dispatch' || type === 'unit.recall' ? type : null,
    commandAt: createdAt ?? null,
    commandSettledAt: rejected ? (settledAt ?? null) : null,
  };
}

/** Rows only hold values the services and schemas let in, so the narrowing casts are sound. */
export function rowToUnit(r: UnitRow, now: number): Unit {
  return {
    id: r.id,
    callSign: r.call_sign,
    agency: r.agency as Agency | null,
    unitType: r.unit_type,
    capabilities: JSON.parse(r.capabilities) as Capability[],
    crewSize: r.crew_size,
    homeStation: r.home_station,
    district: r.district as District | null,
    status: r.status as UnitStatus,
    statusAt: r.status_at,
    lat: r.lat,
    lon: r.lon,
    fixAt: r.fix_at,
    speedKmh: r.speed_kmh,
    heading: r.heading,
    stale: isStale(r.fix_at, now),
    incidentId: r.incident_id,
    incidentRef: r.incident_ref,
    registered: r.registered === 1,
    pendingCommand: r.pending_command,
    feedSource: r.feed_source,
    ...commandOf(r),
    updatedAt: r.updated_at,
  };
}

export interface StatusHistoryRow {
  id: number;
  unit_id: string;
  at: number;
  from_status: string | null;
  to_status: string;
  incident_id: string | null;
  actor: string;
  reason: string | null;
  source: string;
  irregular: number;
}

export function rowToStatusChange(r: StatusHistoryRow): UnitStatusChange {
  return {
    id: r.id,
    unitId: r.unit_id,
    at: r.at,
    fromStatus: r.from_status as UnitStatus | null,
    toStatus: r.to_status as UnitStatus,
    incidentId: r.incident_id,
    actor: r.actor,
    reason: r.reason,
    source: r.source as UnitStatusChange['source'],
    irregular: r.irregular === 1,
  };
}
