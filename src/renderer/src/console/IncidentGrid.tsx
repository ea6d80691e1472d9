import {
  AllCommunityModule,
  ModuleRegistry,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type ICellRendererParams,
  type RowClassRules,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STATUSES, type Incident, type Level } from '../../../shared/domain';
import { callOrToast } from '../api';
import { LevelBadge } from '../components/LevelBadge';
import { useEntityChanges } from '../live';
import { beijingShort } from '../time';
import { darkGridTheme } from './gridTheme';
import './console.css';

ModuleRegistry.registerModules([AllCommunityModule]);

/**
 * The grid starts from this one empty array and then changes only by
 * transactions; a stable reference means a re-render never resets the rows.
 */
const NO_ROWS: Incident[] = [];

/** Ids per `incident.byIds` request (the schema allows 5000). */
const BY_IDS_SLICE = 1000;

/** How long a new row stays highlighted. */
const FRESH_MS = 10_000;

function LevelCell(p: ICellRendererParams<Incident, Level>): ReactElement | null {
  return p.value ? <LevelBadge level={p.value} long /> : null;
}

export interface IncidentGridHandle {
  /** Show an incident at once (e.g. just created here), before its change event arrives. */
  upsert(incidents: Incident[], fresh: boolean): void;
}

/**
 * The open-incident queue. Loads once, then stays current by transactions:
 * changed ids come from the live store, their rows from `incident.byIds`.
 */
export function IncidentGrid({ onReady }: { onReady?: (h: IncidentGridHandle) => void }): ReactElement {
  const { t, i18n } = useTranslation(['console', 'domain']);
  const apiRef = useRef<GridApi<Incident> | null>(null);
  // Our own id index, updated synchronously: async transactions land later,
  // and adding an id twice in one flush would be an error.
  const known = useRef(new Map<string, Incident>());
  const fresh = useRef(new Map<string, number>());
  const [count, setCount] = useState(0);
  const [loading, setLoading] = useState(true);
  // Rows count as new only once the officer has seen the initial queue.
  const loaded = useRef(false);

  const apply = useCallback((incidents: Incident[], deleted: string[], markFresh: boolean) => {
    const api = apiRef.current;
    if (!api) return;
    const add: Incident[] = [];
    const update: Incident[] = [];
    const remove: Incident[] = [];
    for (const inc of incidents) {
      const open = OPEN_STATUSES.includes(inc.status);
      if (known.current.has(inc.id)) {
        if (open) {
          update.push(inc);
          known.current.set(inc.id, inc);
        } else {
          remove.push(inc);
          known.current.delete(inc.id);
        }
      } else if (open) {
        add.push(inc);
        known.current.set(inc.id, inc);
        if (markFresh && loaded.current) fresh.current.set(inc.id, Date.now() + FRESH_MS);
      }
    }
    for (const id of deleted) {
      const old = known.current.get(id);
      if (old) {
        remove.push(old);
        known.current.delete(id);
      }
    }
    if (add.length + update.length + remove.length === 0) return;
    setCount(known.current.size);
    api.applyTransactionAsync({ add, update, remove }, (res) => {
      const added = res.add.filter((n) => !!n.data && fresh.current.has(n.data.id));
      if (added.length > 0 && !api.isDestroyed()) {
        api.ensureNodeVisible(added[0]);
        api.flashCells({ rowNodes: added });
        setTimeout(() => {
          const now = Date.now();
          for (const [id, until] of fresh.current) if (until <= now) fresh.current.delete(id);
          if (!apiRef.current?.isDestroyed()) apiRef.current?.redrawRows({ rowNodes: added });
        }, FRESH_MS + 50);
      }
    });
  }, []);

  useEffect(() => {
    onReady?.({ upsert: (incidents, markFresh) => apply(incidents, [], markFresh) });
  }, [apply, onReady]);

  useEntityChanges('incident', (c) => {
    void (async () => {
      // A feed burst can touch more rows than one request may name; fetch in slices.
      const rows: Incident[] = [];
      for (let i = 0; i < c.upserted.length; i += BY_IDS_SLICE) {
        const part = await callOrToast('incident.byIds', { ids: c.upserted.slice(i, i + BY_IDS_SLICE) });
        if (part === null) return; // the toast says why; those rows keep their last known state
        rows.push(...part);
      }
      // Ids that came back missing were deleted in between.
      const found = new Set(rows.map((r) => r.id));
      apply(rows, [...c.deleted, ...c.upserted.filter((id) => !found.has(id))], true);
    })();
  });

  const onGridReady = useCallback(
    (e: GridReadyEvent<Incident>) => {
      apiRef.current = e.api;
      // A new grid instance (e.g. after a language switch) starts empty.
      known.current = new Map();
      loaded.current = false;
      setLoading(true);
      void callOrToast('incident.list', { scope: 'open' }).then((rows) => {
        if (e.api.isDestroyed()) return;
        setLoading(false);
        if (rows) apply(rows, [], false);
        loaded.current = true;
      });
    },
    [apply],
  );

  const columnDefs = useMemo<ColDef<Incident>[]>(
    () => [
      {
        field: 'level',
        headerName: t('grid.col.level'),
        cellRenderer: LevelCell,
        width: 205,
        sort: 'asc',
        // Most severe first; within a level the newest first, so one sort key reads naturally.
        comparator: (a: Level, b: Level, na, nb) => a - b || (nb?.data?.reportedAt ?? 0) - (na?.data?.reportedAt ?? 0),
      },
      { field: 'ref', headerName: t('grid.col.ref'), width: 172, cellClass: 'mono ref' },
      { field: 'title', headerName: t('grid.col.title'), flex: 1, minWidth: 220, tooltipField: 'title' },
      {
        field: 'category',
        headerName: t('grid.col.category'),
        width: 160,
        valueFormatter: (p) => (p.value ? t(`domain:category.${p.value}`) : ''),
      },
      {
        field: 'district',
        headerName: t('grid.col.district'),
        width: 150,
        valueFormatter: (p) => (p.value ? t(`domain:district.${p.value}`) : '—'),
      },
      {
        field: 'status',
        headerName: t('grid.col.status'),
        width: 110,
        valueFormatter: (p) => (p.value ? t(`domain:status.${p.value}`) : ''),
      },
      {
        field: 'channel',
        headerName: t('grid.col.channel'),
        width: 155,
        valueFormatter: (p) => (p.value ? t(`domain:channel.${p.value}`) : ''),
      },
      {
        field: 'reportedAt',
        headerName: t('grid.col.reportedAt'),
        width: 135,
        cellClass: 'mono',
        valueFormatter: (p) => (typeof p.value === 'number' ? beijingShort(p.value) : ''),
      },
    ],
    // Rebuild headers and labels when the language changes.
    [t, i18n.language],
  );

  const rowClassRules = useMemo<RowClassRules<Incident>>(
    () => ({ 'wf-row-fresh': (p) => !!p.data && (fresh.current.get(p.data.id) ?? 0) > Date.now() }),
    [],
  );

  const localeText = useMemo(
    () => ({ noRowsToShow: t('grid.noRows'), loadingOoo: t('grid.loading') }),
    [t, i18n.language],
  );

  return (
    <section className="panel grid-panel" aria-labelledby="grid-title">
      <div className="panel-head">
        <h2 id="grid-title">{t('grid.title')}</h2>
        <span className="panel-meta" data-testid="grid-count">
          {t('grid.count', { count })}
        </span>
      </div>
      <div className="grid-host" data-testid="incident-grid">
        <AgGridReact<Incident>
          key={i18n.language}
          theme={darkGridTheme}
          rowData={NO_ROWS}
          loading={loading}
          columnDefs={columnDefs}
          defaultColDef={{ sortable: true, resizable: true }}
          getRowId={(p: GetRowIdParams<Incident>) => p.data.id}
          asyncTransactionWaitMillis={16}
          rowClassRules={rowClassRules}
          localeText={localeText}
          onGridReady={onGridReady}
          animateRows={false}
          suppressCellFocus={false}
        />
      </div>
    </section>
  );
}
