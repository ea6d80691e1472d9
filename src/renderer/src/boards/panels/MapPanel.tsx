import { CustomChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import shanghaiDistricts from '../../../../../resources/maps/shanghai-districts.json';
import type { BoardMapData, MapIncident, MapUnit } from '../../../../shared/board-data';
import {
  DISTRICT_CODES,
  LEVEL_ROMAN,
  LEVELS,
  OPEN_STATUSES,
  type District,
  type Incident,
} from '../../../../shared/domain';
import { STALE_AFTER_MS, type Unit } from '../../../../shared/resources';
import type { AppError } from '../../../../shared/result';
import { call } from '../../api';
import { useChangedState } from '../../hooks';
import { beijingShort } from '../../time';
import { useEntityChanges } from '../../live';
import { FrameThrottle } from '../frame-throttle';
import { useBatchedChanges } from '../id-batcher';
import { usePanelStatus } from '../useBoardData';
import {
  baseOption,
  drawnMarkers,
  hideOverlappingLabels,
  isStale,
  LABEL_POINT,
  labelSizes,
  LEVEL_HEX,
  LEVEL_SYMBOL,
  unitOption,
  type MapLabels,
  type MapView,
} from './map-option';
import { linearProjection, paintMarkers } from './marker-canvas';
import { markerAt, type Projection } from './marker-pick';
import { warningSeries } from './map-warnings';

/** A text's width in pixels for a CSS font, by one shared 2D context (district labels' boxes). */
let measureContext: CanvasRenderingContext2D | null = null;
function measureText(text: string, font: string): number {
  measureContext ??= document.createElement('canvas').getContext('2d')!;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

/**
 * The base chart's lon/lat → pixel projection (echarts' geo system is linear per axis: two
 * converted points give it); null until the chart has laid out its map.
 */
function baseProjection(chart: echarts.ECharts): Projection | null {
  return linearProjection(
    (p) => chart.convertToPixel({ geoIndex: 0 }, p) as number[] | undefined,
    [121.0, 30.7],
    [122.0, 31.9],
  );
}

echarts.use([
  CustomChart,
  MapChart,
  ScatterChart,
  GeoComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);
// The decoded GeoJSON ships in the bundle: no fetch, no file access from the sandbox.
echarts.registerMap('shanghai', shanghaiDistricts as unknown as Parameters<typeof echarts.registerMap>[1]);

const RESYNC_MS = 30_000;
/** Incident markers redraw at most this often: a canvas pass of a few ms, so every other frame under a burst. */
const MARKER_MIN_MS = 33;
/** Units report positions about once a second: four redraws a second show them moving, thousands of them included. */
const UNIT_MIN_MS = 250;
/** District shading and counts: the costliest raster of the map, and aggregates a viewer reads over seconds. */
const BASE_MIN_MS = 500;
/** Fixes age without any change arriving: look again this often so a silent unit turns hollow. */
const STALE_CHECK_MS = 10_000;
const ALL_LAYERS = { base: true, markers: true, units: true } as const;
/** The legend's glyph for each marker shape. */
const LEVEL_GLYPH: Record<string, string> = { diamond: '◆', triangle: '▲', rect: '■', circle: '●' };

export type MapOptions = {
  layers: ('districts' | 'incidents' | 'units' | 'warnings')[];
  denseAbove: number;
};

interface MapState {
  incidents: Map<string, MapIncident>;
  counts: Record<District, number>;
  /** District (or null) of every open incident we know, to move counts on change. */
  openDistrict: Map<string, District | null>;
  /** Null when the store has no units. */
  units: Map<string, MapUnit> | null;
  warningAreas: BoardMapData['warningAreas'];
}

interface Hover {
  m: MapIncident;
  x: number;
  y: number;
}
const sameHover = (a: Hover | null, b: Hover | null): boolean =>
  a === b || (a !== null && b !== null && a.m === b.m && a.x === b.x && a.y === b.y);

const sameRanking = (a: [District, number][], b: [District, number][]): boolean =>
  a.length === b.length && a.every(([d, n], k) => d === b[k][0] && n === b[k][1]);

function toMapIncident(i: Incident): MapIncident | null {
  if (i.lat === null || i.lon === null) return null;
  return {
    id: i.id,
    ref: i.ref,
    title: i.title,
    lat: i.lat,
    lon: i.lon,
    level: i.level,
    category: i.category,
    status: i.status,
    district: i.district,
    reportCount: i.reportCount,
    reportedAt: i.reportedAt,
  };
}

function toMapUnit(u: Unit): MapUnit | null {
  if (u.lat === null || u.lon === null) return null;
  return { id: u.id, label: u.callSign, status: u.status, lat: u.lat, lon: u.lon, fixAt: u.fixAt };
}

/**
 * The city map, in three canvases over one projection: the base (districts
 * shaded by open incidents, per-district counts, warning areas), incidents
 * (by level — colour, shape and size) and units (by status, hollow when their
 * fix is stale). Loaded in full, then kept current from the live store:
 * changed incidents and units are fetched in batches and only the layer they
 * affect is redrawn — incidents within 100 ms, units four times a second, the
 * base at most twice a second. A full resync every 30 s corrects drift.
 */
export function MapPanel({ options, wall }: { options: MapOptions; wall: boolean }): ReactElement {
  const { t, i18n } = useTranslation(['boards', 'domain']);
  const host = useRef<HTMLDivElement | null>(null);
  const baseHost = useRef<HTMLDivElement | null>(null);
  const markerCanvas = useRef<HTMLCanvasElement | null>(null);
  const unitHost = useRef<HTMLDivElement | null>(null);
  const charts = useRef<{ base: echarts.ECharts; units: echarts.ECharts } | null>(null);
  const state = useRef<MapState | null>(null);
  const report = usePanelStatus();
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // The busiest districts as a ranked list beside the map: the urban core is too small on a
  // whole-city map for its counts to read from across the room.
  const [ranking, setRanking] = useChangedState<[District, number][]>([], sameRanking);
  const [staleUnits, setStaleUnits] = useChangedState(0);
  // What the marker canvas shows, to find the incident under the pointer; and that incident.
  const painted = useRef<{ markers: readonly MapIncident[]; project: Projection; scale: number } | null>(null);
  // Redraws re-set the card many times a second while the pointer rests: React hears of real changes only.
  const [hover, setHover] = useChangedState<Hover | null>(null, sameHover);
  const hoverId = useRef<string | null>(null);

  const view = useCallback((): { labels: MapLabels; view: MapView } | null => {
    if (!host.current) return null;
    const labels: MapLabels = {
      district: (d) => t(`domain:district.${d}`),
      unitStatus: (u) => t(`unitStatus.${u}`, { defaultValue: u }),
      count: (n) => t('map.count', { count: n }),
      openTip: (n) => t('map.openTip', { count: n }),
    };
    // Type follows the board's font size (17 px desk, 27 px wall display, 54 px across a 3×2 wall).
    const scale = Math.max(0.8, parseFloat(getComputedStyle(host.current).fontSize) / 17) * (wall ? 0.9 : 1);
    const o = optionsRef.current;
    return { labels, view: { layers: o.layers, denseAbove: o.denseAbove, scale } };
  }, [t, wall]);

  /** The base chart has had an option, so it has a projection. */
  const baseSet = useRef(false);
  const drawBase = useCallback(() => {
    const c = charts.current?.base;
    const s = state.current;
    const v = view();
    const el = host.current;
    if (!c || !s || !v || !el) return;
    el.dataset.open = String(DISTRICT_CODES.reduce((n, d) => n + s.counts[d], 0));
    // How often each layer was drawn: tests check that a marker change leaves the base alone.
    el.dataset.baseDraws = String(Number(el.dataset.baseDraws ?? 0) + 1);
    const top = DISTRICT_CODES.filter((d) => s.counts[d] > 0)
      .sort((a, b) => s.counts[b] - s.counts[a])
      .slice(0, 8)
      .map((d): [District, number] => [d, s.counts[d]]);
    setRanking(top);
    const warnings = s.warningAreas && v.view.layers.includes('warnings') ? s.warningAreas : [];
    el.dataset.warnings = String(warnings.length);
    const unitsShown = s.units !== null && v.view.layers.includes('units');
    const draw = (hidden: ReadonlySet<District>): void => {
      const option = baseOption(s.counts, v.labels, v.view, unitsShown, hidden);
      option.series = [...(option.series as Record<string, unknown>[]), ...warningSeries(warnings, v.view.scale)];
      c.setOption(option, { replaceMerge: ['series'] });
    };
    // District labels that would overlap a busier one are left out. Their boxes need the map's
    // projection, which the chart has once it has been given the map: a first draw lays it out.
    if (!baseSet.current) {
      draw(new Set());
      baseSet.current = true;
    }
    const project = baseProjection(c);
    const sizes = labelSizes(s.counts, v.labels, v.view, measureText);
    const hidden = project
      ? hideOverlappingLabels(
          DISTRICT_CODES.map((d) => {
            const [x, y] = project(...LABEL_POINT[d]);
            return { district: d, x, y, ...sizes[d], count: s.counts[d] };
          }),
        )
      : new Set<District>();
    draw(hidden);
    el.dataset.hiddenLabels = [...hidden].sort().join(' ');
    // The markers follow the base's projection, which a first draw or a resize has just (re)made.
    throttles.current.markers.request();
  }, [view]);

  const drawMarkers = useCallback(() => {
    const base = charts.current?.base;
    const canvas = markerCanvas.current;
    const s = state.current;
    const v = view();
    const el = host.current;
    if (!base || !canvas || !s || !v || !el) return;
    const project = baseProjection(base);
    if (!project) return; // the base has not laid out its map yet; it asks again when it has
    const incidents = [...s.incidents.values()];
    const markers = drawnMarkers(incidents, v.view);
    paintMarkers(canvas, markers, project, v.view.scale);
    painted.current = { markers, project, scale: v.view.scale };
    if (hoverId.current !== null) {
      // Keep the hovered incident's card current, or drop it when its marker is gone.
      const again = markers.find((m) => m.id === hoverId.current);
      if (again) {
        const [x, y] = project(again.lon, again.lat);
        setHover({ m: again, x, y });
      } else {
        hoverId.current = null;
        setHover(null);
      }
    }
    el.dataset.markers = String(markers.length);
    el.dataset.markerDraws = String(Number(el.dataset.markerDraws ?? 0) + 1);
    el.dataset.dense = String(incidents.length > v.view.denseAbove);
    // `data-settled` = the marker count the canvas shows (painted synchronously above).
    el.dataset.settled = String(markers.length);
  }, [view]);

  const drawUnits = useCallback(() => {
    const c = charts.current?.units;
    const s = state.current;
    const v = view();
    const el = host.current;
    if (!c || !s || !v || !el) return;
    const shown = s.units !== null && v.view.layers.includes('units');
    const units = shown && s.units ? [...s.units.values()] : [];
    const now = Date.now();
    el.dataset.units = String(units.length);
    el.dataset.unitDraws = String(Number(el.dataset.unitDraws ?? 0) + 1);
    const stale = units.reduce((n, u) => n + (isStale(u, now) ? 1 : 0), 0);
    el.dataset.staleUnits = String(stale);
    setStaleUnits(stale);
    c.setOption(unitOption(units, v.labels, v.view, now), { replaceMerge: ['series'] });
  }, [view]);

  const drawRef = useRef({ drawBase, drawMarkers, drawUnits });
  drawRef.current = { drawBase, drawMarkers, drawUnits };
  const throttles = useRef({
    base: new FrameThrottle(BASE_MIN_MS, () => drawRef.current.drawBase()),
    markers: new FrameThrottle(MARKER_MIN_MS, () => drawRef.current.drawMarkers()),
    units: new FrameThrottle(UNIT_MIN_MS, () => drawRef.current.drawUnits()),
  });
  const redraw = useCallback((layers: { base?: boolean; markers?: boolean | 'now'; units?: boolean }) => {
    if (layers.base) throttles.current.base.request();
    if (layers.markers) throttles.current.markers.request(layers.markers === 'now');
    if (layers.units) throttles.current.units.request();
  }, []);

  const resync = useCallback(async () => {
    const r = await call('board.map', { maxIncidents: 20_000 });
    if (!r.ok) {
      report({ at: null, error: r.error });
      return;
    }
    const d = r.value;
    state.current = {
      incidents: new Map(d.incidents.map((i) => [i.id, i])),
      counts: { ...d.districtCounts },
      openDistrict: new Map<string, District | null>(d.incidents.map((i) => [i.id, i.district])),
      units: d.units ? new Map(d.units.map((u) => [u.id, u])) : null,
      warningAreas: d.warningAreas,
    };
    report({ at: Date.now(), error: null });
    redraw(ALL_LAYERS);
  }, [report, redraw]);

  useEffect(() => {
    if (!baseHost.current || !unitHost.current) return;
    const base = echarts.init(baseHost.current, null, { renderer: 'canvas' });
    const units = echarts.init(unitHost.current, null, { renderer: 'canvas' });
    charts.current = { base, units };
    baseSet.current = false;
    const ro = new ResizeObserver(() => {
      base.resize();
      units.resize();
      redraw(ALL_LAYERS);
    });
    ro.observe(baseHost.current);
    const th = throttles.current;
    return () => {
      ro.disconnect();
      th.base.cancel();
      th.markers.cancel();
      th.units.cancel();
      base.dispose();
      units.dispose();
      charts.current = null;
    };
  }, [redraw]);

  useEffect(() => {
    void resync();
    const id = setInterval(() => void resync(), RESYNC_MS);
    const staleCheck = setInterval(() => {
      if (state.current?.units) redraw({ units: true });
    }, STALE_CHECK_MS);
    return () => {
      clearInterval(id);
      clearInterval(staleCheck);
    };
  }, [resync, redraw]);

  useEffect(() => redraw(ALL_LAYERS), [redraw, i18n.language, options, drawBase, drawMarkers, drawUnits]);

  const onError = (error: AppError): void => report({ error });
  useBatchedChanges<Incident>(
    'incident',
    {
      fetch: (ids) => call('incident.byIds', { ids }),
      apply: (rows, gone) => {
        const s = state.current;
        if (!s) return;
        const before = DISTRICT_CODES.map((d) => s.counts[d]).join();
        const bump = (d: District | null, by: number): void => {
          if (d) s.counts[d] = Math.max(0, s.counts[d] + by);
        };
        const forget = (id: string): void => {
          if (s.openDistrict.has(id)) bump(s.openDistrict.get(id) ?? null, -1);
          s.openDistrict.delete(id);
          s.incidents.delete(id);
        };
        gone.forEach(forget);
        let appeared = false;
        for (const inc of rows) {
          appeared ||= !s.openDistrict.has(inc.id) && OPEN_STATUSES.includes(inc.status);
          forget(inc.id);
          if (!OPEN_STATUSES.includes(inc.status)) continue;
          bump(inc.district, 1);
          s.openDistrict.set(inc.id, inc.district);
          const m = toMapIncident(inc);
          if (m) s.incidents.set(m.id, m);
        }
        report({ at: Date.now(), error: null });
        // A new incident is drawn on the next frame; updates to known ones ride the marker cadence.
        redraw({
          markers: appeared ? 'now' : true,
          base: DISTRICT_CODES.map((d) => s.counts[d]).join() !== before,
        });
      },
      onError,
    },
    0,
  );
  useBatchedChanges<Unit>(
    'unit',
    {
      fetch: (ids) => call('unit.byIds', { ids }),
      apply: (rows, gone) => {
        const s = state.current;
        if (!s?.units) return;
        for (const id of gone) s.units.delete(id);
        for (const u of rows) {
          const m = toMapUnit(u);
          if (m) s.units.set(m.id, m);
          else s.units.delete(u.id);
        }
        report({ at: Date.now(), error: null });
        redraw({ units: true });
      },
      onError,
      accept: () => state.current?.units != null && optionsRef.current.layers.includes('units'),
    },
    MARKER_MIN_MS / 2,
  );

  // Warnings are few and change rarely: a change to any of them reloads the map (areas included).
  useEntityChanges('warning', () => void resync());

  // On a workstation the pointer names an incident: the card follows the marker, not the pointer.
  const onPointerMove = useCallback((e: React.PointerEvent<HTMLDivElement>) => {
    const p = painted.current;
    const el = host.current;
    if (!p || !el) return;
    const box = el.getBoundingClientRect();
    const m = markerAt(p.markers, p.project, p.scale, e.clientX - box.left, e.clientY - box.top);
    if ((m?.id ?? null) === hoverId.current) return;
    hoverId.current = m?.id ?? null;
    if (!m) return setHover(null);
    const [x, y] = p.project(m.lon, m.lat);
    setHover({ m, x, y });
  }, []);
  const onPointerLeave = useCallback(() => {
    hoverId.current = null;
    setHover(null);
  }, []);

  return (
    <div className="map-panel">
      <div
        className={hover ? 'map-host picking' : 'map-host'}
        ref={host}
        data-testid="city-map"
        role="img"
        aria-label={t('panelType.map')}
        onPointerMove={wall ? undefined : onPointerMove}
        onPointerLeave={wall ? undefined : onPointerLeave}
      >
        <div className="map-layer" ref={baseHost} />
        <canvas className="map-layer" ref={markerCanvas} />
        <div className="map-layer" ref={unitHost} hidden={!options.layers.includes('units')} />
      </div>
      {hover && (
        <div
          className={`map-card${hover.x > (host.current?.clientWidth ?? 0) / 2 ? ' map-card-left' : ''}`}
          style={{ left: (host.current?.offsetLeft ?? 0) + hover.x, top: (host.current?.offsetTop ?? 0) + hover.y }}
          data-testid="map-card"
          data-id={hover.m.id}
          data-level={hover.m.level}
          role="tooltip"
        >
          <div className="map-card-head">
            <span className="map-card-level" style={{ color: LEVEL_HEX[hover.m.level] }}>
              {LEVEL_GLYPH[LEVEL_SYMBOL[hover.m.level]]} {LEVEL_ROMAN[hover.m.level]}{' '}
              {t(`domain:levelShort.${hover.m.level}`)}
            </span>
            <span className="mono">{hover.m.ref}</span>
          </div>
          <div className="map-card-title">{hover.m.title}</div>
          <div className="map-card-meta">
            {[
              t(`domain:category.${hover.m.category}`),
              hover.m.district ? t(`domain:district.${hover.m.district}`) : null,
              t(`domain:status.${hover.m.status}`),
              beijingShort(hover.m.reportedAt),
            ]
              .filter(Boolean)
              .join(' · ')}
          </div>
        </div>
      )}
      {options.layers.includes('districts') && ranking.length > 0 && (
        <ol className="map-ranking" data-testid="map-ranking" aria-label={t('map.ranking')}>
          {ranking.map(([d, n]) => (
            <li key={d} data-district={d}>
              <span>{t(`domain:district.${d}`)}</span>
              <b>{n}</b>
            </li>
          ))}
        </ol>
      )}
      {options.layers.includes('incidents') && (
        <ul className="map-legend" data-testid="map-legend">
          {LEVELS.map((l) => (
            <li key={l}>
              <span className="map-legend-glyph" style={{ color: LEVEL_HEX[l] }}>
                {LEVEL_GLYPH[LEVEL_SYMBOL[l]]}
              </span>
              {LEVEL_ROMAN[l]} {t(`domain:levelShort.${l}`)}
            </li>
          ))}
        </ul>
      )}
      {staleUnits > 0 && (
        <div className="map-stale-note" data-testid="map-stale-note">
          {t('map.staleNote', { minutes: STALE_AFTER_MS / 60_000 })}
        </div>
      )}
      <div className="map-attribution">{t('map.attributionShort')}</div>
    </div>
  );
}
