import {
  AllCommunityModule,
  ModuleRegistry,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type ICellRendererParams,
  type IRowNode,
  type RowClassRules,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit, UnitStatus } from '../../../shared/resources';
import { call, callOrToast, toastError } from '../api';
import { useBatchedChanges } from '../boards/id-batcher';
import { darkGridTheme } from '../console/gridTheme';
import { StatusChip } from './StatusChip';
import { CommandBadge } from './UnitCommand';
import { ageText, matches, staleAt, STATUS_ORDER, type UnitFilter } from './unitsView';

ModuleRegistry.registerModules([AllCommunityModule]);

export interface UnitGridProps {
  filter: UnitFilter;
  onSelect: (unitId: string) => void;
  /** Every unit currently known, after each change (for the summary counts). */
  onUnits: (units: Unit[], shown: number) => void;
}

function CallSignCell(p: ICellRendererParams<Unit>): ReactElement | null {
  const { t } = useTranslation('resources');
  if (!p.data) return null;
  return (
    <span className="call-sign">
      <span>{p.data.callSign}</span>
      {!p.data.registered && <span className="tag tag-warn">{t('units.unregistered')}</span>}
    </span>
  );
}

function StatusCell(p: ICellRendererParams<Unit, UnitStatus>): ReactElement | null {
  return p.value ? <StatusChip status={p.value} /> : null;
}

function FixCell(p: ICellRendererParams<Unit>): ReactElement | null {
  const { t } = useTranslation('resources');
  if (!p.data) return null;
  const now = Date.now();
  if (p.data.fixAt === null) return <span className="fix stale">{t('units.noFix')}</span>;
  const stale = staleAt(p.data, now);
  return (
    <span className={stale ? 'fix stale' : 'fix'}>
      {ageText(t, p.data.fixAt, now)}
      {stale && <span className="tag tag-stale">{t('units.stale')}</span>}
    </span>
  );
}

function commandRank(u: Unit | undefined): number {
  return u?.commandState === 'rejected' ? 0 : u?.commandState === 'pending' ? 1 : 2;
}

function CommandCell(p: ICellRendererParams<Unit>): ReactElement | null {
  return p.data ? <CommandBadge unit={p.data} now={Date.now()} /> : null;
}

/**
 * The unit board grid: loads every unit once, then applies changed units as
 * grid transactions (a feed burst of positions is one transaction per
 * frame). Filters are applied in the grid, so they never refetch.
 */
export function UnitGrid({ filter, onSelect, onUnits }: UnitGridProps): ReactElement {
  const { t, i18n } = useTranslation(['resources', 'domain']);
  const apiRef = useRef<GridApi<Unit> | null>(null);
  const known = useRef(new Map<string, Unit>());
  const refs = useRef(new Map<string, string>());
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const report = useCallback(() => {
    const api = apiRef.current;
    onUnits([...known.current.values()], api && !api.isDestroyed() ? api.getDisplayedRowCount() : 0);
  }, [onUnits]);

  /** Incident references for the units' assignments, fetched once per incident. */
  const loadRefs = useCallback(async (units: Unit[]) => {
    const missing = [...new Set(units.map((u) => u.incidentId).filter((id): id is string => !!id))].filter(
      (id) => !refs.current.has(id),
    );
    if (missing.length === 0) return;
    const incidents = (await callOrToast('incident.byIds', { ids: missing })) ?? [];
    for (const i of incidents) refs.current.set(i.id, i.ref);
    apiRef.current?.refreshCells({ columns: ['incident'], force: true });
  }, []);

  const apply = useCallback(
    (units: Unit[], removed: string[]) => {
      const api = apiRef.current;
      if (!api || api.isDestroyed()) return;
      const add: Unit[] = [];
      const update: Unit[] = [];
      const remove: Unit[] = [];
      for (const u of units) (known.current.has(u.id) ? update : add).push(u);
      for (const u of units) known.current.set(u.id, u);
      for (const id of removed) {
        const old = known.current.get(id);
        if (old) remove.push(old);
        known.current.delete(id);
      }
      void loadRefs(units);
      api.applyTransactionAsync({ add, update, remove }, () => report());
    },
    [loadRefs, report],
  );

  // 5,000 units reporting every 10 s are 500 changes a second: changed rows are fetched in batches,
  // one request in flight, not one request per animation frame.
  useBatchedChanges<Unit>(
    'unit',
    { fetch: (ids) => call('unit.byIds', { ids }), apply, onError: (error) => toastError(error) },
    0,
  );

  const onGridReady = useCallback(
    (e: GridReadyEvent<Unit>) => {
      apiRef.current = e.api;
      known.current = new Map();
      void callOrToast('unit.list', {}).then((rows) => {
        if (rows && !e.api.isDestroyed()) apply(rows, []);
      });
    },
    [apply],
  );

  // Filters live in the grid; a change re-filters without a round trip.
  useEffect(() => {
    const api = apiRef.current;
    if (!api || api.isDestroyed()) return;
    api.onFilterChanged();
    report();
  }, [filter, report]);

  // Fix ages and stale flags move with the clock even when no change arrives.
  useEffect(() => {
    const id = setInterval(() => {
      const api = apiRef.current;
      if (api && !api.isDestroyed()) api.refreshCells({ columns: ['fixAt', 'command'], force: true });
    }, 5000);
    return () => clearInterval(id);
  }, []);

  const columnDefs = useMemo<ColDef<Unit>[]>(
    () => [
      { field: 'callSign', headerName: t('units.col.callSign'), width: 200, cellRenderer: CallSignCell },
      {
        field: 'agency',
        headerName: t('units.col.agency'),
        width: 130,
        valueFormatter: (p) => (p.value ? t(`agency.${p.value}`) : '—'),
      },
      { field: 'unitType', headerName: t('units.col.type'), width: 120, valueFormatter: (p) => p.value ?? '—' },
      {
        field: 'status',
        headerName: t('units.col.status'),
        width: 150,
        cellRenderer: StatusCell,
        sort: 'asc',
        // Units whose upstream command was rejected or is unanswered need an officer first.
        comparator: (a: UnitStatus, b: UnitStatus, na, nb) =>
          commandRank(na?.data) - commandRank(nb?.data) ||
          STATUS_ORDER[a] - STATUS_ORDER[b] ||
          (na?.data?.callSign ?? '').localeCompare(nb?.data?.callSign ?? ''),
      },
      {
        colId: 'command',
        headerName: t('units.col.command'),
        width: 300,
        cellRenderer: CommandCell,
        tooltipValueGetter: (p) => p.data?.commandError ?? null,
        // Rejected first, then pending, when sorted by this column.
        valueGetter: (p) => commandRank(p.data),
      },
      {
        colId: 'incident',
        headerName: t('units.col.incident'),
        width: 170,
        cellClass: 'mono ref',
        valueGetter: (p) =>
          p.data?.incidentId ? (refs.current.get(p.data.incidentId) ?? '…') : (p.data?.incidentRef ?? ''),
      },
      {
        field: 'district',
        headerName: t('units.col.district'),
        width: 105,
        valueFormatter: (p) => (p.value ? t(`domain:district.${p.value}`) : '—'),
      },
      {
        field: 'capabilities',
        headerName: t('units.col.capabilities'),
        flex: 1,
        minWidth: 150,
        sortable: false,
        valueFormatter: (p) =>
          ((p.value as string[] | undefined) ?? [])
            .map((c) => t(`capability.${c}`))
            .join(i18n.language === 'en' ? ', ' : '、'),
      },
      { field: 'crewSize', headerName: t('units.col.crew'), width: 75, valueFormatter: (p) => String(p.value ?? '—') },
      {
        field: 'fixAt',
        headerName: t('units.col.fix'),
        width: 165,
        pinned: 'right',
        cellRenderer: FixCell,
        comparator: (a: number | null, b: number | null) => (b ?? 0) - (a ?? 0),
      },
    ],
    [t, i18n.language],
  );

  const rowClassRules = useMemo<RowClassRules<Unit>>(
    () => ({
      'unit-row-oos': (p) => p.data?.status === 'out_of_service',
      'unit-row-unregistered': (p) => !!p.data && !p.data.registered,
      'unit-row-rejected': (p) => p.data?.commandState === 'rejected',
    }),
    [],
  );

  const localeText = useMemo(
    () => ({ noRowsToShow: t('units.noRows'), loadingOoo: t('units.loading') }),
    [t, i18n.language],
  );

  return (
    <div className="grid-host" data-testid="unit-grid">
      <AgGridReact<Unit>
        key={i18n.language}
        theme={darkGridTheme}
        columnDefs={columnDefs}
        defaultColDef={{ sortable: true, resizable: true }}
        getRowId={(p: GetRowIdParams<Unit>) => p.data.id}
        asyncTransactionWaitMillis={50}
        rowClassRules={rowClassRules}
        localeText={localeText}
        onGridReady={onGridReady}
        isExternalFilterPresent={() => true}
        doesExternalFilterPass={(n: IRowNode<Unit>) => !!n.data && matches(n.data, filterRef.current)}
        rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
        onRowClicked={(e) => e.data && onSelect(e.data.id)}
        animateRows={false}
      />
    </div>
  );
}
