import type { MapIncident } from '../../../../shared/board-data';
import { markerSize } from './map-option';

/** lon/lat → canvas pixels (CSS pixels of the map box). */
export type Projection = (lon: number, lat: number) => [number, number];

/** How far outside its outline a pointer still picks a marker, CSS pixels (markers can be 8 px across). */
const PICK_SLACK = 4;

/**
 * The marker under a pointer at (x, y): the one painted on top — the most
 * severe level, then the last painted within it — among those whose outline
 * (with a little slack) covers the point. null when none does.
 */
export function markerAt(
  markers: readonly MapIncident[],
  project: Projection,
  scale: number,
  x: number,
  y: number,
): MapIncident | null {
  let best: MapIncident | null = null;
  for (const m of markers) {
    const [mx, my] = project(m.lon, m.lat);
    const reach = markerSize(m.level, m.reportCount, scale) / 2 + PICK_SLACK;
    if (Math.abs(mx - x) > reach || Math.abs(my - y) > reach) continue;
    // Later in the list is painted later (on top) within a level; a lower number is more severe.
    if (!best || m.level <= best.level) best = m;
  }
  return best;
}
