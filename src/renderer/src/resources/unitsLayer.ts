import type { ScatterSeriesOption } from 'echarts/charts';
import type { Unit, UnitStatus } from '../../../shared/resources';
import { staleAt } from './unitsView';

/** Status colours shared with the unit board's chips (resources.css `.st-*`). */
export const STATUS_COLOURS: Record<UnitStatus, string> = {
  available: '#3fd48a',
  dispatched: '#f5d327',
  en_route: '#f28a1e',
  on_scene: '#ff5c5c',
  returning: '#4ea1ff',
  out_of_service: '#8596ad',
};

/**
 * The units layer for a map panel: one echarts scatter series per status on
 * a `geo` coordinate system (so the legend toggles statuses), every unit with
 * a fix placed at it. A stale fix is drawn hollow — the unit may no longer be
 * there — and unregistered units are drawn as diamonds. The map panel owns
 * the base map; it adds these series and feeds them from `unit.list` /
 * `unit.byIds` on `unit` change events.
 */
export function unitsLayer(
  units: readonly Unit[],
  now: number,
  label: (s: UnitStatus) => string,
): ScatterSeriesOption[] {
  const by = new Map<UnitStatus, Unit[]>();
  for (const u of units) {
    if (u.lat === null || u.lon === null) continue;
    const list = by.get(u.status) ?? [];
    list.push(u);
    by.set(u.status, list);
  }
  return [...by.entries()].map(([status, list]) => ({
    type: 'scatter',
    id: `units-${status}`,
    name: label(status),
    coordinateSystem: 'geo',
    symbolSize: 12,
    z: 5,
    data: list.map((u) => {
      const stale = staleAt(u, now);
      return {
        name: u.callSign,
        id: u.id,
        value: [u.lon as number, u.lat as number],
        symbol: u.registered ? (stale ? 'emptyCircle' : 'circle') : 'diamond',
        itemStyle: stale
          ? { color: 'transparent', borderColor: STATUS_COLOURS[status], borderWidth: 2 }
          : { color: STATUS_COLOURS[status], borderColor: '#060a10', borderWidth: 1 },
      };
    }),
  }));
}
