import type { BoardMapData, MapIncident, MapUnit } from '../../../../shared/board-data';
import { DISTRICTS, DISTRICT_CODES, LEVELS, type District, type Level } from '../../../../shared/domain';
import { STATUS_COLOURS } from '../../resources/unitsLayer';

/**
 * Pure option-building for the city map, kept apart from the component so it
 * can be reasoned about (and reused by the benchmark) without React.
 */

export const MAP_FONT =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Same hexes as theme.css --level-*. */
export const LEVEL_HEX: Record<Level, string> = { 1: '#e5322d', 2: '#f28a1e', 3: '#f5d327', 4: '#2f7df6' };
/** A shape per level as well as a colour, so the map reads without colour vision. */
export const LEVEL_SYMBOL: Record<Level, string> = { 1: 'diamond', 2: 'triangle', 3: 'rect', 4: 'circle' };
const LEVEL_SIZE: Record<Level, number> = { 1: 24, 2: 18, 3: 12, 4: 9 };
const LARGE_ABOVE = 800;

// The unit board's status colours (resources): one distinct colour per status, so a duty officer
// tells a unit still at its station after dispatch from one already on the road.
const UNIT_HEX: Record<string, string> = STATUS_COLOURS;

/** Marker size: the level sets the base, each doubling of reports adds a little. */
export function markerSize(level: Level, reportCount: number, scale: number): number {
  return (LEVEL_SIZE[level] + Math.min(8, 2 * Math.log2(Math.max(1, reportCount)))) * scale;
}

export interface MapLabels {
  district: (code: District) => string;
  level: (l: Level) => string;
  unitStatus: (s: string) => string;
  count: (n: number) => string;
}

export interface MapView {
  layers: readonly string[];
  /** Above this many markers only levels I–II are drawn; per-district counts carry the rest. */
  denseAbove: number;
  /** Type scale: 1 on a desk screen, larger on a wall. */
  scale: number;
}

export function drawnMarkers(incidents: readonly MapIncident[], view: MapView): MapIncident[] {
  if (!view.layers.includes('incidents')) return [];
  return incidents.length > view.denseAbove ? incidents.filter((i) => i.level <= 2) : [...incidents];
}

/** The full option for one state of the map; echarts merges it into the chart by series id. */
export function mapOption(
  data: Pick<BoardMapData, 'districtCounts' | 'units'>,
  incidents: readonly MapIncident[],
  labels: MapLabels,
  view: MapView,
): Record<string, unknown> {
  const s = view.scale;
  const counts = data.districtCounts;
  const max = Math.max(1, ...DISTRICT_CODES.map((d) => counts[d] ?? 0));
  const nameMap = Object.fromEntries(DISTRICT_CODES.map((d) => [DISTRICTS[d].zh, labels.district(d)]));
  const markers = drawnMarkers(incidents, view);
  const series: Record<string, unknown>[] = [
    {
      id: 'districts',
      type: 'map',
      geoIndex: 0,
      // Region names after `nameMap` (English in en): the data must use the same names to colour them.
      data: DISTRICT_CODES.map((d) => ({ name: labels.district(d), value: counts[d] ?? 0 })),
    },
    {
      // Per-district counts at each district's centre: readable when markers are too dense to count.
      id: 'counts',
      type: 'scatter',
      coordinateSystem: 'geo',
      symbolSize: 0,
      silent: true,
      z: 4,
      // The urban districts are small on a whole-city map: nudge their counts apart rather than stack them.
      labelLayout: { moveOverlap: 'shiftY' },
      label: {
        show: view.layers.includes('districts'),
        formatter: (p: { value: [number, number, number] }) => labels.count(p.value[2]),
        color: '#ffffff',
        fontFamily: MAP_FONT,
        fontSize: 15 * s,
        fontWeight: 700,
        backgroundColor: 'rgba(7, 11, 18, 0.72)',
        borderRadius: 4 * s,
        padding: [2 * s, 6 * s],
        offset: [0, 18 * s],
      },
      data: DISTRICT_CODES.filter((d) => (counts[d] ?? 0) > 0).map((d) => ({
        name: d,
        value: [...DISTRICTS[d].center, counts[d]],
      })),
    },
    ...LEVELS.map((l) => {
      const mine = markers.filter((m) => m.level === l);
      // Thousands of points: echarts' large mode draws them as one path (one size per level).
      const large = mine.length > LARGE_ABOVE;
      return {
        id: `level-${l}`,
        name: labels.level(l),
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: LEVEL_SYMBOL[l],
        z: 10 - l,
        large,
        largeThreshold: LARGE_ABOVE,
        ...(large ? { symbolSize: markerSize(l, 1, s) } : {}),
        itemStyle: { color: LEVEL_HEX[l], borderColor: '#0b0f14', borderWidth: 1.2 * s, opacity: 0.92 },
        emphasis: { scale: 1.4 },
        data: large
          ? mine.map((m) => [m.lon, m.lat, m.reportCount])
          : mine.map((m) => ({
              name: m.title,
              value: [m.lon, m.lat, m.reportCount],
              symbolSize: markerSize(l, m.reportCount, s),
            })),
      };
    }),
  ];
  const unitLegend: string[] = [];
  const unitsShown = data.units !== null && view.layers.includes('units');
  if (data.units && unitsShown) {
    // One series per status, so the legend explains the pin colours.
    const byStatus = new Map<string, MapUnit[]>();
    for (const u of data.units) byStatus.set(u.status, [...(byStatus.get(u.status) ?? []), u]);
    for (const [status, units] of byStatus) {
      const name = labels.unitStatus(status);
      unitLegend.push(name);
      series.push({
        id: `units-${status}`,
        name,
        type: 'scatter',
        coordinateSystem: 'geo',
        symbol: 'pin',
        symbolSize: 18 * s,
        z: 12,
        itemStyle: { color: UNIT_HEX[status] ?? '#c8d6e5', borderColor: '#060a10', borderWidth: 1 },
        data: units.map((u) => ({ name: `${u.label} · ${name}`, value: [u.lon, u.lat] })),
      });
    }
  }
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: MAP_FONT },
    animation: false,
    tooltip: { trigger: 'item', textStyle: { fontFamily: MAP_FONT, fontSize: 14 * s } },
    legend: {
      data: [...(view.layers.includes('incidents') ? LEVELS.map((l) => labels.level(l)) : []), ...unitLegend],
      bottom: 6 * s,
      left: 8 * s,
      orient: 'vertical',
      itemWidth: 16 * s,
      itemHeight: 16 * s,
      textStyle: { color: '#dbe5f3', fontSize: 15 * s, fontFamily: MAP_FONT },
    },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max,
      right: 10 * s,
      bottom: 24 * s,
      itemHeight: 110 * s,
      itemWidth: 14 * s,
      calculable: false,
      text: [String(max), '0'],
      textStyle: { color: '#dbe5f3', fontSize: 13 * s },
      // With units drawn, the district shading stays in muted blues: on an orange-shaded district the
      // en-route (orange) and on-scene (red) pins would disappear into the fill.
      inRange: {
        color: unitsShown ? ['#13233a', '#1a3152', '#22426b', '#2b5385'] : ['#13233a', '#1d4d86', '#7a5a2a', '#c8642a'],
      },
    },
    geo: {
      map: 'shanghai',
      roam: false,
      nameMap,
      layoutCenter: ['50%', '50%'],
      layoutSize: '96%',
      label: {
        show: true,
        color: '#e8eef7',
        fontSize: 14 * s,
        fontFamily: MAP_FONT,
        textBorderColor: '#070b12',
        textBorderWidth: 3,
      },
      itemStyle: { areaColor: '#13233a', borderColor: '#5b7aa6', borderWidth: 1 },
      emphasis: { disabled: true },
      select: { disabled: true },
    },
    series,
  };
}
