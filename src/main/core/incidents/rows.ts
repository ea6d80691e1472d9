import type {
  Category,
  District,
  Incident,
  IncidentClass,
  IncidentStatus,
  Level,
  ReportChannel,
} from '../../../shared/domain';

export const INCIDENT_COLUMNS = `id, ref, title, category, incident_class, level, status, district, address, lat, lon,
  description, channel, reported_at, updated_at, acknowledged_at, report_count`;

export interface IncidentRow {
  id: string;
  ref: string;
  title: string;
  category: string;
  incident_class: string;
  level: number;
  status: string;
  district: string | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  description: string | null;
  channel: string;
  reported_at: number;
  updated_at: number;
  acknowledged_at: number | null;
  report_count: number;
}

/** Rows only ever hold values the schemas let in, so the narrowing casts here are sound. */
export function rowToIncident(r: IncidentRow): Incident {
  return {
    id: r.id,
    ref: r.ref,
    title: r.title,
    category: r.category as Category,
    incidentClass: r.incident_class as IncidentClass,
    level: r.level as Level,
    status: r.status as IncidentStatus,
    district: r.district as District | null,
    address: r.address,
    lat: r.lat,
    lon: r.lon,
    description: r.description,
    channel: r.channel as ReportChannel,
    reportedAt: r.reported_at,
    updatedAt: r.updated_at,
    acknowledgedAt: r.acknowledged_at,
    reportCount: r.report_count,
  };
}
