import type { MapIncident, MapUnit } from '../../../../shared/board-data';
import { DISTRICTS, DISTRICT_CODES, type District, type Level } from '../../../../shared/domain';
import { STALE_AFTER_MS, UNIT_STATUSES } from '../../../../shared/resources';
import { STATUS_COLOURS } from '../../resources/unitsLayer';
import shanghaiDistricts from '../../../../../resources/maps/shanghai-districts.json' with { type: 'json' };
import { escapeHtml } from './map-warnings';

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
/**
 * Points per canvas path in large mode. echarts draws a large series as one
 * path, and Chromium's closePath() costs time proportional to the path built
 * so far: 4,000 closed diamonds in one path take 85 ms to build, in paths of
 * 200 about 4 ms. So a large layer is split into series of this many points.
 */
const LARGE_CHUNK = 200;

type Ring = readonly (readonly number[])[];

/** Area-weighted centroid and area of a closed ring (lon/lat treated as plane coordinates: districts are small). */
function ringCentroid(ring: Ring): { x: number; y: number; area: number } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const c = x0 * y1 - x1 * y0;
    a += c;
    x += (x0 + x1) * c;
    y += (y0 + y1) * c;
  }
  a /= 2;
  return a === 0 ? { x: ring[0][0], y: ring[0][1], area: 0 } : { x: x / (6 * a), y: y / (6 * a), area: Math.abs(a) };
}

/**
 * Where a district's name and count are drawn: the centroid of its largest
 * polygon. A district's `center` (its seat, where a report without
 * coordinates is placed) can sit at its edge — Pudong's is by the river, in
 * the crowded core — while its label belongs in the middle of its land.
 */
export const LABEL_POINT: Record<District, readonly [number, number]> = (() => {
  const out = Object.fromEntries(DISTRICT_CODES.map((d) => [d, DISTRICTS[d].center])) as Record<
    District,
    readonly [number, number]
  >;
  const byName = new Map<string, District>(DISTRICT_CODES.map((d) => [DISTRICTS[d].zh, d]));
  for (const f of (
    shanghaiDistricts as unknown as {
      features: { properties: { name: string }; geometry: { type: string; coordinates: unknown } }[];
    }
  ).features) {
    const d = byName.get(f.properties.name);
    if (!d) continue;
    const polygons = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][];
    let best: { x: number; y: number; area: number } | null = null;
    for (const p of polygons) {
      const c = ringCentroid(p[0]);
      if (!best || c.area > best.area) best = c;
    }
    if (best) out[d] = [best.x, best.y];
  }
  return out;
})();

/** A district label's box on screen, centred on its point. */
export interface LabelBox {
  district: District;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Open incidents: the busier district's label wins a collision. */
  count: number;
}

/**
 * Which district labels to leave out so that none overlaps another: the
 * busiest districts are placed first and a label is dropped when its box,
 * with `gap` pixels around it, touches one already placed.
 */
export function hideOverlappingLabels(boxes: readonly LabelBox[], gap = 2): Set<District> {
  const order = [...boxes].sort((a, b) => b.count - a.count || a.district.localeCompare(b.district));
  const placed: LabelBox[] = [];
  const hidden = new Set<District>();
  for (const b of order) {
    const hit = placed.some(
      (p) =>
        Math.abs(p.x - b.x) * 2 < p.width + b.width + 2 * gap &&
        Math.abs(p.y - b.y) * 2 < p.height + b.height + 2 * gap,
    );
    if (hit) hidden.add(b.district);
    else placed.push(b);
  }
  return hidden;
}

/**
 * The size of each district's label at the map's type scale (the name, and
 * the count under it when the districts layer shows counts); `measure` gives
 * a text's width in pixels for a CSS font.
 */
export function labelSizes(
  counts: Record<District, number>,
  labels: Pick<MapLabels, 'district' | 'count'>,
  view: MapView,
  measure: (text: string, font: string) => number,
): Record<District, { width: number; height: number }> {
  const s = view.scale;
  const showCounts = view.layers.includes('districts');
  const out = {} as Record<District, { width: number; height: number }>;
  for (const d of DISTRICT_CODES) {
    const name = measure(labels.district(d), `${14 * s}px ${MAP_FONT}`) + 6 * s; // + the text border
    const n = counts[d] ?? 0;
    const count = showCounts && n > 0 ? measure(labels.count(n), `700 ${15 * s}px ${MAP_FONT}`) + 12 * s : 0;
    out[d] = { width: Math.max(name, count), height: (count > 0 ? 2 : 1) * 22 * s };
  }
  return out;
}

/** One series, or for thousands of points several large-mode series of LARGE_CHUNK points each. */
function chunked<T>(
  id: string,
  points: readonly T[],
  small: (points: readonly T[]) => Record<string, unknown>,
  large: (points: readonly T[]) => Record<string, unknown>,
): Record<string, unknown>[] {
  if (points.length <= LARGE_ABOVE) return [{ id, ...small(points) }];
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k * LARGE_CHUNK < points.length; k++) {
    const part = points.slice(k * LARGE_CHUNK, (k + 1) * LARGE_CHUNK);
    out.push({ id: `${id}-${k}`, large: true, largeThreshold: 0, ...large(part) });
  }
  return out;
}

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
  unitStatus: (s: string) => string;
  count: (n: number) => string;
  /** A district's tooltip: its open incidents. */
  openTip: (n: number) => string;
}

/**
 * Echarts tooltips in the map's dark style. `map-tip` lets the panel hide
 * them while the incident card under the pointer is shown.
 */
function tooltipStyle(s: number): Record<string, unknown> {
  return {
    trigger: 'item',
    className: 'map-tip',
    backgroundColor: 'rgba(7, 11, 18, 0.94)',
    borderColor: '#33445e',
    textStyle: { color: '#dbe5f3', fontFamily: MAP_FONT, fontSize: 14 * s },
  };
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

/** Where the map sits in its box: the base and the marker layer must project identically. */
const GEO_LAYOUT = { map: 'shanghai', roam: false, layoutCenter: ['50%', '50%'], layoutSize: '96%' } as const;

/**
 * The base layer: district shapes shaded by open incidents, per-district
 * counts, names and warning areas. It changes when counts or warnings change,
 * not with every marker, so it is drawn on its own canvas and redrawn rarely:
 * rasterising the district outlines is the costliest part of a map frame.
 */
export function baseOption(
  counts: Record<District, number>,
  labels: MapLabels,
  view: MapView,
  unitsShown: boolean,
  /** Districts whose label is not drawn (it would overlap a busier district's). */
  hidden: ReadonlySet<District> = new Set(),
): Record<string, unknown> {
  const s = view.scale;
  const max = Math.max(1, ...DISTRICT_CODES.map((d) => counts[d] ?? 0));
  const nameMap = Object.fromEntries(DISTRICT_CODES.map((d) => [DISTRICTS[d].zh, labels.district(d)]));
  const showCounts = view.layers.includes('districts');
  const series: Record<string, unknown>[] = [
    {
      id: 'districts',
      type: 'map',
      geoIndex: 0,
      // Region names after `nameMap` (English in en): the data must use the same names to colour them.
      data: DISTRICT_CODES.map((d) => ({ name: labels.district(d), value: counts[d] ?? 0 })),
      tooltip: {
        formatter: (p: { name: string; value: unknown }) =>
          `${escapeHtml(p.name)}<br/>${escapeHtml(labels.openTip(typeof p.value === 'number' ? p.value : 0))}`,
      },
    },
    {
      // Each district's name, and its open count under it, in the middle of the district. The urban
      // districts are small on a whole-city map, so where labels would overlap only the busier
      // district's is drawn (`hidden`, from `hideOverlappingLabels`; the ranking beside the map
      // lists them all) instead of a heap no one can read.
      id: 'counts',
      type: 'scatter',
      coordinateSystem: 'geo',
      symbolSize: 1,
      // Transparent, not `opacity: 0`: the label inherits an item's opacity.
      itemStyle: { color: 'transparent' },
      silent: true,
      z: 4,
      label: {
        show: true,
        position: 'inside',
        formatter: (p: { name: District; value: [number, number, number] }) =>
          showCounts && p.value[2] > 0
            ? `{name|${labels.district(p.name)}}\n{count|${labels.count(p.value[2])}}`
            : `{name|${labels.district(p.name)}}`,
        fontFamily: MAP_FONT,
        lineHeight: 22 * s,
        rich: {
          name: {
            color: '#e8eef7',
            fontFamily: MAP_FONT,
            fontSize: 14 * s,
            textBorderColor: '#070b12',
            textBorderWidth: 3,
          },
          count: {
            color: '#ffffff',
            fontFamily: MAP_FONT,
            fontSize: 15 * s,
            fontWeight: 700,
            backgroundColor: 'rgba(7, 11, 18, 0.72)',
            borderRadius: 4 * s,
            padding: [2 * s, 6 * s],
          },
        },
      },
      data: DISTRICT_CODES.filter((d) => !hidden.has(d)).map((d) => ({
        name: d,
        value: [...LABEL_POINT[d], counts[d] ?? 0],
      })),
    },
  ];
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: MAP_FONT },
    animation: false,
    tooltip: tooltipStyle(s),
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
      ...GEO_LAYOUT,
      nameMap,
      // Names are drawn with the counts (the series above), where overlaps can be resolved.
      label: { show: false },
      itemStyle: { areaColor: '#13233a', borderColor: '#5b7aa6', borderWidth: 1 },
      emphasis: { disabled: true },
      select: { disabled: true },
    },
    series,
  };
}

/** A unit on the map goes stale when its last fix is older than this (the resources rule). */
export function isStale(u: Pick<MapUnit, 'fixAt'>, now: number): boolean {
  return u.fixAt === null || now - u.fixAt > STALE_AFTER_MS;
}

/**
 * Units by status: one series per status so the legend explains the pin
 * colours. A stale fix is drawn as a hollow pin in its status colour — the
 * unit may no longer be there. Thousands of units go to echarts' large mode
 * in chunks (see LARGE_CHUNK).
 */
export function unitSeries(
  units: Iterable<MapUnit>,
  now: number,
  labels: Pick<MapLabels, 'unitStatus'>,
  scale: number,
): { series: Record<string, unknown>[]; legend: string[]; stale: number } {
  const live = new Map<string, MapUnit[]>();
  const stale = new Map<string, MapUnit[]>();
  let staleCount = 0;
  for (const u of units) {
    const old = isStale(u, now);
    if (old) staleCount++;
    const into = old ? stale : live;
    const list = into.get(u.status);
    if (list) list.push(u);
    else into.set(u.status, [u]);
  }
  // Legend in the units' lifecycle order (available → dispatched → … → out of service), unknown statuses last.
  const order = (st: string): number => {
    const i = (UNIT_STATUSES as readonly string[]).indexOf(st);
    return i < 0 ? UNIT_STATUSES.length : i;
  };
  const statuses = [...new Set([...live.keys(), ...stale.keys()])].sort(
    (a, b) => order(a) - order(b) || a.localeCompare(b),
  );
  const series: Record<string, unknown>[] = [];
  const legend: string[] = [];
  for (const status of statuses) {
    const name = labels.unitStatus(status);
    const colour = UNIT_HEX[status] ?? '#c8d6e5';
    legend.push(name);
    const common = { name, type: 'scatter', coordinateSystem: 'geo', symbol: 'pin', symbolSize: 18 * scale };
    series.push(
      ...chunked(
        `units-${status}`,
        live.get(status) ?? [],
        (us) => ({
          ...common,
          z: 12,
          itemStyle: { color: colour, borderColor: '#060a10', borderWidth: 1 },
          data: us.map((u) => ({ name: `${u.label} · ${name}`, value: [u.lon, u.lat] })),
        }),
        // Large mode: circles without outline — a pin is two curves and a closePath, thousands of them a slow frame.
        (us) => ({
          ...common,
          symbol: 'circle',
          symbolSize: 11 * scale,
          z: 12,
          itemStyle: { color: colour },
          data: us.map((u) => [u.lon, u.lat]),
        }),
      ),
      // Same legend name: toggling a status hides its stale units too. Hollow: dark fill, outline in the status colour.
      ...chunked(
        `units-stale-${status}`,
        stale.get(status) ?? [],
        (us) => ({
          ...common,
          z: 11,
          itemStyle: { color: '#0b0f14', borderColor: colour, borderWidth: 2.5 * scale, opacity: 0.95 },
          data: us.map((u) => ({
            name: `${u.label} · ${name} · ${labels.unitStatus('stale')}`,
            value: [u.lon, u.lat],
          })),
        }),
        (us) => ({
          ...common,
          symbol: 'circle',
          symbolSize: 11 * scale,
          z: 11,
          itemStyle: { color: '#0b0f14', borderColor: colour, borderWidth: 2.5 * scale, opacity: 0.95 },
          data: us.map((u) => [u.lon, u.lat]),
        }),
      ),
    );
  }
  return { series, legend, stale: staleCount };
}

/** A transparent layer over the base: the same projection, nothing of the districts painted (opacity 0 is skipped). */
function overlay(
  series: Record<string, unknown>[],
  legend: { names: string[]; top?: number; bottom?: number },
  s: number,
): Record<string, unknown> {
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: MAP_FONT },
    animation: false,
    tooltip: tooltipStyle(s),
    legend: {
      show: legend.names.length > 0,
      data: legend.names,
      top: legend.top,
      bottom: legend.bottom,
      left: 8 * s,
      orient: 'vertical',
      itemWidth: 16 * s,
      itemHeight: 16 * s,
      textStyle: { color: '#dbe5f3', fontSize: 15 * s, fontFamily: MAP_FONT },
    },
    geo: {
      ...GEO_LAYOUT,
      silent: true,
      label: { show: false },
      itemStyle: { opacity: 0 },
      emphasis: { disabled: true },
      select: { disabled: true },
      tooltip: { show: false },
    },
    series,
  };
}

/**
 * The unit layer: units by status, hollow when stale, with the status legend
 * (top left, clear of the level legend). A layer of its own: thousands of
 * units moving at 1 Hz are redrawn on their own clock, not the incidents'.
 */
export function unitOption(
  units: Iterable<MapUnit>,
  labels: MapLabels,
  view: MapView,
  now: number,
): Record<string, unknown> {
  const u = unitSeries(units, now, labels, view.scale);
  return overlay(u.series, { names: u.legend, top: 8 * view.scale }, view.scale);
}
