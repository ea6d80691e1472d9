import { CustomChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import shanghaiDistricts from '../../../../../resources/maps/shanghai-districts.json';
import type { BoardMapData, MapIncident } from '../../../../shared/board-data';
import { DISTRICT_CODES, LEVEL_ROMAN, OPEN_STATUSES, type District, type Incident } from '../../../../shared/domain';
import { call } from '../../api';
import { useEntityChanges } from '../../live';
import { usePanelStatus } from '../useBoardData';
import { drawnMarkers, mapOption, type MapLabels } from './map-option';
import { warningSeries } from './map-warnings';

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
const MIN_DRAW_MS = 100;

export type MapOptions = {
  layers: ('districts' | 'incidents' | 'units' | 'warnings')[];
  denseAbove: number;
};

interface MapState {
  incidents: Map<string, MapIncident>;
  counts: Record<District, number>;
  /** District (or null) of every open incident we know, to move counts on change. */
  openDistrict: Map<string, District | null>;
  units: BoardMapData['units'];
  warningAreas: BoardMapData['warningAreas'];
  truncated: boolean;
}

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

/**
 * The city map: districts shaded by open incidents, incidents as markers by
 * level (colour and shape) sized by severity, per-district counts, units by
 * status. Loaded in full, then kept current by applying each coalesced change
 * batch to local state (only the changed incidents are fetched) and merging
 * the new series into the chart; a full resync every 30 s corrects drift.
 */
export function MapPanel({ options, wall }: { options: MapOptions; wall: boolean }): ReactElement {
  const { t, i18n } = useTranslation(['boards', 'domain']);
  const host = useRef<HTMLDivElement | null>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const state = useRef<MapState | null>(null);
  const frame = useRef<number | null>(null);
  const report = usePanelStatus();
  const optionsRef = useRef(options);
  optionsRef.current = options;
  // The busiest districts as a ranked list beside the map: the urban core is too small on a
  // whole-city map for its counts to read from across the room.
  const [ranking, setRanking] = useState<[District, number][]>([]);

  const draw = useCallback(() => {
    frame.current = null;
    const c = chart.current;
    const s = state.current;
    if (!c || !s || !host.current) return;
    const labels: MapLabels = {
      district: (d) => t(`domain:district.${d}`),
      level: (l) => `${LEVEL_ROMAN[l]} ${t(`domain:levelShort.${l}`)}`,
      unitStatus: (u) => t(`unitStatus.${u}`, { defaultValue: u }),
      count: (n) => t('map.count', { count: n }),
    };
    // Type follows the board's font size (17 px desk, 27 px wall display, 54 px across a 3×2 wall).
    const scale = Math.max(0.8, parseFloat(getComputedStyle(host.current).fontSize) / 17) * (wall ? 0.9 : 1);
    const view = { layers: optionsRef.current.layers, denseAbove: optionsRef.current.denseAbove, scale };
    const incidents = [...s.incidents.values()];
    const open = DISTRICT_CODES.reduce((n, d) => n + s.counts[d], 0);
    const el = host.current;
    el.dataset.open = String(open);
    const top = DISTRICT_CODES.filter((d) => s.counts[d] > 0)
      .sort((a, b) => s.counts[b] - s.counts[a])
      .slice(0, 8)
      .map((d): [District, number] => [d, s.counts[d]]);
    setRanking((prev) => (JSON.stringify(prev) === JSON.stringify(top) ? prev : top));
    el.dataset.markers = String(drawnMarkers(incidents, view).length);
    el.dataset.dense = String(incidents.length > view.denseAbove);
    el.dataset.units = String(s.units && view.layers.includes('units') ? s.units.length : 0);
    // `data-settled` = the marker count the canvas shows once echarts has finished this draw.
    el.dataset.settled = '';
    const option = mapOption({ districtCounts: s.counts, units: s.units }, incidents, labels, view);
    const warnings = s.warningAreas && view.layers.includes('warnings') ? s.warningAreas : [];
    el.dataset.warnings = String(warnings.length);
    option.series = [...(option.series as Record<string, unknown>[]), ...warningSeries(warnings, scale)];
    c.setOption(option, { replaceMerge: ['series'] });
  }, [t, wall]);

  // Redraw at most every MIN_DRAW_MS: rebuilding thousands of markers on every animation frame of a
  // 1,000-changes-a-second burst would starve the rest of the board, and 100 ms still reads as live.
  const lastDraw = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const schedule = useCallback(() => {
    if (frame.current !== null || timer.current !== null) return;
    const wait = Math.max(0, lastDraw.current + MIN_DRAW_MS - performance.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      frame.current = requestAnimationFrame(() => {
        lastDraw.current = performance.now();
        draw();
      });
    }, wait);
  }, [draw]);

  const resync = useCallback(async () => {
    const r = await call('board.map', { maxIncidents: 20_000 });
    if (!r.ok) {
      report({ at: null, error: r.error });
      return;
    }
    const d = r.value;
    const openDistrict = new Map<string, District | null>(d.incidents.map((i) => [i.id, i.district]));
    state.current = {
      incidents: new Map(d.incidents.map((i) => [i.id, i])),
      counts: { ...d.districtCounts },
      openDistrict,
      units: d.units,
      warningAreas: d.warningAreas,
      truncated: d.truncated,
    };
    report({ at: Date.now(), error: null });
    schedule();
  }, [report, schedule]);

  useEffect(() => {
    if (!host.current) return;
    const c = echarts.init(host.current, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => {
      if (host.current) host.current.dataset.settled = host.current.dataset.markers ?? '';
    });
    const ro = new ResizeObserver(() => {
      c.resize();
      schedule();
    });
    ro.observe(host.current);
    return () => {
      ro.disconnect();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      if (timer.current !== null) clearTimeout(timer.current);
      c.dispose();
      chart.current = null;
    };
  }, [schedule]);

  useEffect(() => {
    void resync();
    const id = setInterval(() => void resync(), RESYNC_MS);
    return () => clearInterval(id);
  }, [resync]);

  useEffect(schedule, [schedule, i18n.language, options]);

  // Changed ids gather here and are fetched together, one request in flight at a time, at most once
  // per draw interval: not one round trip per animation frame, and never an older answer over a newer one.
  const pending = useRef({ upserted: new Set<string>(), deleted: new Set<string>() });
  const busy = useRef(false);
  const fetchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const applyRef = useRef<() => Promise<void>>(() => Promise.resolve());

  const kick = useCallback((): void => {
    if (fetchTimer.current !== null) return;
    fetchTimer.current = setTimeout(() => {
      fetchTimer.current = null;
      void applyRef.current();
    }, MIN_DRAW_MS / 2);
  }, []);

  applyRef.current = async (): Promise<void> => {
    const s = state.current;
    if (!s || busy.current) return;
    const up = [...pending.current.upserted].slice(0, 5000);
    const del = [...pending.current.deleted];
    up.forEach((id) => pending.current.upserted.delete(id));
    del.forEach((id) => pending.current.deleted.delete(id));
    if (up.length + del.length === 0) return;
    busy.current = true;
    try {
      const r = up.length > 0 ? await call('incident.byIds', { ids: up }) : null;
      if (r && !r.ok) {
        report({ error: r.error });
        return;
      }
      const rows = r?.value ?? [];
      const found = new Set(rows.map((i) => i.id));
      const gone = [...del, ...up.filter((id) => !found.has(id))];
      const bump = (d: District | null, by: number): void => {
        if (d) s.counts[d] = Math.max(0, s.counts[d] + by);
      };
      for (const id of gone) {
        if (s.openDistrict.has(id)) bump(s.openDistrict.get(id) ?? null, -1);
        s.openDistrict.delete(id);
        s.incidents.delete(id);
      }
      for (const inc of rows) {
        if (s.openDistrict.has(inc.id)) bump(s.openDistrict.get(inc.id) ?? null, -1);
        s.openDistrict.delete(inc.id);
        s.incidents.delete(inc.id);
        if (!OPEN_STATUSES.includes(inc.status)) continue;
        bump(inc.district, 1);
        s.openDistrict.set(inc.id, inc.district);
        const m = toMapIncident(inc);
        if (m) s.incidents.set(m.id, m);
      }
      report({ at: Date.now(), error: null });
      schedule();
    } finally {
      busy.current = false;
      if (pending.current.upserted.size + pending.current.deleted.size > 0) kick();
    }
  };

  useEffect(
    () => () => {
      if (fetchTimer.current !== null) clearTimeout(fetchTimer.current);
    },
    [],
  );

  // Warnings are few and change rarely: a change to any of them reloads the map (areas included).
  useEntityChanges('warning', () => void resync());

  useEntityChanges('incident', (c) => {
    c.upserted.forEach((id) => pending.current.upserted.add(id));
    c.deleted.forEach((id) => pending.current.deleted.add(id));
    kick();
  });

  return (
    <div className="map-panel">
      <div className="map-host" ref={host} data-testid="city-map" role="img" aria-label={t('panelType.map')} />
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
      <div className="map-attribution">{t('map.attributionShort')}</div>
    </div>
  );
}
