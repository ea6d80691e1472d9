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

ModuleRegistry.registerModules([AllCommunityModule]);

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
        if (markFresh) fresh.current.set(inc.id, Date.now() + FRESH_MS);
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
      if (res.add.length > 0 && !api.isDestroyed()) {
        api.ensureNodeVisible(res.add[0]);
        api.flashCells({ rowNodes: res.add });
        setTimeout(() => {
          const now = Date.now();
          for (const [id, until] of fresh.current) if (until <= now) fresh.current.delete(id);
          if (!apiRef.current?.isDestroyed()) apiRef.current?.redrawRows({ rowNodes: res.add });
        }, FRESH_MS + 50);
      }
    });
  }, []);

  useEffect(() => {
    onReady?.({ upsert: (incidents, markFresh) => apply(incidents, [], markFresh) });
  }, [apply, onReady]);

  useEntityChanges('incident', (c) => {
    void (async () => {
      const rows = c.upserted.length > 0 ? ((await callOrToast('incident.byIds', { ids: c.upserted })) ?? []) : [];
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
      void callOrToast('incident.list', { scope: 'open' }).then((rows) => {
        if (!rows || e.api.isDestroyed()) return;
        apply(rows, [], false);
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
