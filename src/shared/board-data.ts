import type { Category, District, IncidentStatus, Level } from './domain';

/** Aggregates behind the board panels that the foundation's `board.kpis`/`board.trend` do not cover. */

export interface MapIncident {
  id: string;
  ref: string;
  title: string;
  lat: number;
  lon: number;
  level: Level;
  category: Category;
  status: IncidentStatus;
  district: District | null;
  /** How many reports make up this incident: markers grow with it. */
  reportCount: number;
  reportedAt: number;
}

export interface MapUnit {
  id: string;
  label: string;
  status: string;
  lat: number;
  lon: number;
  /** Time of the last position fix (epoch ms); null when the store does not say. */
  fixAt: number | null;
}

export interface BoardMapData {
  incidents: MapIncident[];
  /** Open incidents per district, all of them (not only those with coordinates). */
  districtCounts: Record<District, number>;
  /** Open incidents with no district. */
  unplaced: number;
  /** True when more open incidents exist than `incidents` holds: draw per-district counts. */
  truncated: boolean;
  /** Null when the store has no units table (resources not installed). */
  units: MapUnit[] | null;
  /** Active warnings with drawable CAP areas; null without a warnings table. */
  warningAreas: MapWarningArea[] | null;
  at: number;
}

/** An active warning's CAP polygons and circles as closed [lon, lat] rings. */
export interface MapWarningArea {
  id: string;
  headline: string;
  level: 'red' | 'orange' | 'yellow' | 'blue' | null;
  rings: [number, number][][];
}

/**
 * KPI figures that depend on tables other domains add. Each is null when its
 * table is not in this store, so the tile shows "—" rather than a false 0.
 */
export interface KpiExtras {
  unitsAvailable: number | null;
  unitsCommitted: number | null;
  /** Units per status (available, dispatched, en_route, …); null without a units table. */
  unitsByStatus: Record<string, number> | null;
  /** Median of (first dispatch − reported) over incidents reported today (Beijing), ms; null without dispatch data or with no dispatch today. */
  medianDispatchMs: number | null;
  dispatchedToday: number | null;
  activeWarnings: number | null;
  at: number;
}

/** Which optional data sources this store has; panels without one say "no data source". */
export interface BoardSources {
  units: boolean;
  dispatches: boolean;
  warnings: boolean;
  depots: boolean;
  duty: boolean;
  feeds: boolean;
}

export const WARNING_LEVELS = ['red', 'orange', 'yellow', 'blue'] as const;

/** An active warning as the ticker shows it (CAP headline, China's colour level). */
export interface BoardWarning {
  id: string;
  headline: string;
  level: (typeof WARNING_LEVELS)[number] | null;
  severity: string | null;
  area: string | null;
  expiresAt: number | null;
}
