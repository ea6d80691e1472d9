import {
  AllCommunityModule,
  ModuleRegistry,
  themeQuartz,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES, type Incident } from '../../../../shared/domain';
import { call } from '../../api';
import { useChangedState } from '../../hooks';
import { incidentColumn } from '../../components/incident-columns';
import { useBatchedChanges } from '../id-batcher';
import { usePanelStatus } from '../useBoardData';

ModuleRegistry.registerModules([AllCommunityModule]);

/** How often the grid checks that the core still answers and that its row count agrees. */
const CHECK_MS = 20_000;
const LIMIT = 5000;

function gridTheme(scale: number): ReturnType<typeof themeQuartz.withParams> {
  return themeQuartz.withParams({
    browserColorScheme: 'dark',
    backgroundColor: '#0d141f',
    foregroundColor: '#eef3fa',
    headerBackgroundColor: '#16202f',
    headerTextColor: '#c9d6e8',
    headerFontSize: Math.round(17 * scale),
    headerFontWeight: 700,
    oddRowBackgroundColor: '#111a27',
    borderColor: '#2a3a52',
    accentColor: '#4ea1ff',
    fontSize: Math.round(18 * scale),
    fontFamily: 'inherit',
    rowHeight: Math.round(44 * scale),
    headerHeight: Math.round(46 * scale),
    cellHorizontalPadding: Math.round(12 * scale),
    wrapperBorderRadius: 0,
    wrapperBorder: false,
  });
}

/**
 * The board's incident grid: open incidents, most severe first, each row
 * edged in its level colour (and badge with numeral). Loaded once, then kept
 * current by one ag-grid transaction per batch of changed rows (see IdBatcher),
 * fed by the live store's per-frame change batches.
 */
export function IncidentGridPanel({
  options,
  wall,
}: {
  options: { scope: 'open' | 'all' };
  wall: boolean;
}): ReactElement {
  const { t, i18n } = useTranslation(['boards', 'domain']);
  const apiRef = useRef<GridApi<Incident> | null>(null);
  const known = useRef(new Map<string, Incident>());
  const [count, setCount] = useChangedState<number | null>(null);
  const report = usePanelStatus();
  const host = useRef<HTMLDivElement | null>(null);
  const [scale, setScale] = useState(1);

  useEffect(() => {
    if (!host.current) return;
    // Type grows with the panel on a wall: a 2160-px-high wall gets twice the rows' height of a desk.
    setScale(wall ? Math.max(1, Math.min(2.2, window.innerHeight / 1080)) : 1);
  }, [wall]);

  const keep = (inc: Incident): boolean => options.scope === 'all' || OPEN_STATUSES.includes(inc.status);

  const apply = useCallback(
    (incidents: Incident[], deleted: string[]) => {
      const api = apiRef.current;
      if (!api) return;
      const add: Incident[] = [];
      const update: Incident[] = [];
      const remove: Incident[] = [];
      for (const inc of incidents) {
        const has = known.current.has(inc.id);
        if (keep(inc)) {
          (has ? update : add).push(inc);
          known.current.set(inc.id, inc);
        } else if (has) {
          remove.push(inc);
          known.current.delete(inc.id);
        }
      }
      for (const id of deleted) {
        const old = known.current.get(id);
        if (old) {
          remove.push(old);
          known.current.delete(id);
        }
      }
      setCount(known.current.size);
      // Synchronous: the batcher already folds a burst into one transaction per round trip.
      if (add.length + update.length + remove.length > 0) api.applyTransaction({ add, update, remove });
    },
    [options.scope],
  );

  const load = useCallback(
    async (api: GridApi<Incident>) => {
      const r = await call('incident.list', { scope: options.scope, limit: LIMIT });
      if (!r.ok) {
        report({ at: null, error: r.error });
        return;
      }
      if (api.isDestroyed()) return;
      known.current = new Map(r.value.map((i) => [i.id, i]));
      api.setGridOption('rowData', r.value);
      setCount(r.value.length);
      if (host.current) host.current.dataset.loaded = 'true';
      report({ at: Date.now(), error: null });
    },
    [options.scope, report],
  );

  useEffect(() => {
    const id = setInterval(() => {
      void call('board.kpis', {}).then((r) => {
        if (!r.ok) return report({ at: null, error: r.error });
        report({ at: Date.now(), error: null });
        // A missed or reordered batch shows as a count mismatch: reload rather than drift.
        const api = apiRef.current;
        if (api && options.scope === 'open' && r.value.openTotal <= LIMIT && r.value.openTotal !== known.current.size) {
          void load(api);
        }
      });
    }, CHECK_MS);
    return () => clearInterval(id);
  }, [load, options.scope, report]);

  // Changed rows are fetched in batches, one request in flight: under a burst the grid makes one round
  // trip at a time instead of one per animation frame, and applies each answer as one transaction.
  useBatchedChanges<Incident>(
    'incident',
    {
      fetch: (ids) => call('incident.byIds', { ids }),
      apply: (rows, gone) => {
        apply(rows, gone);
        report({ at: Date.now(), error: null });
      },
      onError: (error) => report({ at: null, error }),
    },
    0,
  );

  const onGridReady = useCallback(
    (e: GridReadyEvent<Incident>) => {
      apiRef.current = e.api;
      void load(e.api);
    },
    [load],
  );

  const columnDefs = useMemo<ColDef<Incident>[]>(
    () => [
      incidentColumn<Incident>('level', t, { width: 190 * scale }),
      incidentColumn<Incident>('title', t, { flex: 2, minWidth: 240 }),
      incidentColumn<Incident>('category', t, { flex: 1 }),
      incidentColumn<Incident>('district', t, { flex: 1 }),
      incidentColumn<Incident>('status', t, { width: 120 * scale }),
      incidentColumn<Incident>('reportedAt', t, { width: 140 * scale }),
    ],
    [t, i18n.language, scale],
  );

  const theme = useMemo(() => gridTheme(scale), [scale]);
  useEffect(() => {
    if (count !== null) report({ meta: t('grid.count', { count }) });
  }, [count, report, t]);

  return (
    <div className="grid-panel-body" ref={host}>
      <span hidden data-testid="board-grid-count" data-count={count ?? ''} />
      <div className="grid-panel-host" data-testid="board-incident-grid">
        <AgGridReact<Incident>
          key={`${i18n.language}-${scale}`}
          theme={theme}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: !wall }}
          getRowId={(p: GetRowIdParams<Incident>) => p.data.id}
          getRowClass={(p) => (p.data ? `lvl-row lvl-${p.data.level}` : undefined)}
          onGridReady={onGridReady}
          animateRows={false}
          suppressCellFocus={wall}
          localeText={{ noRowsToShow: t('grid.none') }}
        />
      </div>
    </div>
  );
}
