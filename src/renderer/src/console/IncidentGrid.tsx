import {
  AllCommunityModule,
  ModuleRegistry,
  type ColDef,
  type GetRowIdParams,
  type GridApi,
  type GridReadyEvent,
  type ICellRendererParams,
  type RowClassRules,
  type RowClickedEvent,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueFilters, QueueItem } from '../../../shared/contracts/console';
import type { Incident as PlainIncident } from '../../../shared/domain';
import { callOrToast } from '../api';
import { useChangedState } from '../hooks';
import { incidentColumn } from '../components/incident-columns';
import { useEntityChanges } from '../live';
import { darkGridTheme } from './gridTheme';
import './console.css';

ModuleRegistry.registerModules([AllCommunityModule]);

/**
 * The grid starts from this one empty array and then changes only by
 * transactions; a stable reference means a re-render never resets the rows.
 */
const NO_ROWS: Incident[] = [];

/** How long a new row stays highlighted. */
const FRESH_MS = 10_000;

type Incident = QueueItem;

/** Re-read the queue this often even without changes: escalation grows with age. */
const ESCALATION_REFRESH_MS = 30_000;

function AttentionCell(p: ICellRendererParams<Incident>): ReactElement | null {
  const { t } = useTranslation('ops');
  const d = p.data;
  if (!d) return null;
  return (
    <span className="attention">
      {d.escalation > 0 && (
        <span className={`esc-chip esc-${d.escalation}`} data-testid="esc-chip">
          {t(`queue.esc.${d.escalation}`)}
        </span>
      )}
      {d.overdueSteps > 0 && (
        <span className="overdue-chip" title={t('queue.overdue', { count: d.overdueSteps })}>
          {t('queue.overdueShort', { count: d.overdueSteps })}
        </span>
      )}
      {d.reportCount > 1 && <span className="reports-chip">×{d.reportCount}</span>}
    </span>
  );
}

export interface IncidentGridHandle {
  /** Show an incident at once (e.g. just created here), before its change event arrives. */
  upsert(incidents: PlainIncident[], fresh: boolean): void;
  /** Move the selection by `delta` rows in display order (keyboard next/previous). */
  move(delta: number): void;
}

export interface IncidentGridProps {
  onReady?: (h: IncidentGridHandle) => void;
  /** Queue filters (queue.query); empty means every open incident. */
  filters?: QueueFilters;
  selectedId?: string | null;
  onSelect?: (id: string | null) => void;
}

/**
 * The open-incident queue. Loads once, then stays current by transactions:
 * every change to incidents or plan steps re-runs `queue.query` with the
 * current filters and the difference is applied as a transaction.
 */
export function IncidentGrid({ onReady, filters, selectedId, onSelect }: IncidentGridProps): ReactElement {
  const { t, i18n } = useTranslation(['console', 'domain', 'ops']);
  const apiRef = useRef<GridApi<Incident> | null>(null);
  // Our own id index, updated synchronously: async transactions land later,
  // and adding an id twice in one flush would be an error.
  const known = useRef(new Map<string, Incident>());
  const fresh = useRef(new Map<string, number>());
  const [count, setCount] = useChangedState(0);
  const [loading, setLoading] = useState(true);
  // Rows count as new only once the officer has seen the initial queue.
  const loaded = useRef(false);

  const filtersRef = useRef<QueueFilters>(filters ?? {});
  filtersRef.current = filters ?? {};
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;

  const apply = useCallback((incidents: Incident[], deleted: string[], markFresh: boolean, inQueue?: Set<string>) => {
    const api = apiRef.current;
    if (!api) return;
    const add: Incident[] = [];
    const update: Incident[] = [];
    const remove: Incident[] = [];
    for (const inc of incidents) {
      const open = inQueue ? inQueue.has(inc.id) : true;
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

  /**
   * Re-run the queue query and reconcile: the filters (assigned to me, source
   * channel of any report…) are the core's to evaluate, and a queue is a few
   * hundred rows, so the whole answer is cheap to diff into grid transactions.
   */
  const reload = useCallback(
    async (markFresh: boolean) => {
      const rows = await callOrToast('queue.query', filtersRef.current);
      if (!apiRef.current || apiRef.current.isDestroyed()) return;
      setLoading(false);
      if (!rows) return; // the toast says why; the rows keep their last known state
      const ids = new Set(rows.map((r) => r.id));
      const gone = [...known.current.keys()].filter((id) => !ids.has(id));
      apply(rows, gone, markFresh, ids);
      loaded.current = true;
    },
    [apply],
  );

  useEffect(() => {
    onReady?.({
      upsert: (incidents, markFresh) =>
        apply(
          incidents.map((i) => ({ assignedTo: null, escalation: 0, overdueSteps: 0, ...i })),
          [],
          markFresh,
        ),
      move: (delta) => {
        const api = apiRef.current;
        if (!api || api.isDestroyed()) return;
        const n = api.getDisplayedRowCount();
        if (n === 0) return;
        const current = api.getSelectedNodes()[0]?.rowIndex ?? (delta > 0 ? -1 : n);
        const next = api.getDisplayedRowAtIndex(Math.max(0, Math.min(n - 1, current + delta)));
        if (!next?.data) return;
        next.setSelected(true, true);
        api.ensureNodeVisible(next);
        onSelectRef.current?.(next.data.id);
      },
    });
  }, [apply, onReady]);

  useEntityChanges('incident', () => void reload(true));
  useEntityChanges('plan_step', () => void reload(false));

  // New filters: reload in place (no highlight: nothing is new, the view changed).
  const filtersKey = JSON.stringify(filters ?? {});
  useEffect(() => {
    void reload(false);
  }, [filtersKey, reload]);

  useEffect(() => {
    const id = setInterval(() => void reload(false), ESCALATION_REFRESH_MS);
    return () => clearInterval(id);
  }, [reload]);

  // Keep the grid's selection in step with the screen's.
  useEffect(() => {
    const api = apiRef.current;
    if (!api || api.isDestroyed()) return;
    const node = selectedId ? api.getRowNode(selectedId) : undefined;
    if (node) node.setSelected(true, true);
    else api.deselectAll();
  }, [selectedId, count]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<Incident>) => {
      apiRef.current = e.api;
      // A new grid instance (e.g. after a language switch) starts empty.
      known.current = new Map();
      loaded.current = false;
      setLoading(true);
      void reload(false);
    },
    [reload],
  );

  const onRowClicked = useCallback((e: RowClickedEvent<Incident>) => {
    if (e.data) onSelectRef.current?.(e.data.id);
  }, []);

  // Sized so every column fits beside the report form at 1920 px ("Extremely severe" included).
  const columnDefs = useMemo<ColDef<Incident>[]>(
    () => [
      incidentColumn<Incident>('level', t, { width: 205 }),
      {
        colId: 'attention',
        headerName: t('ops:queue.escalation'),
        width: 120,
        sortable: false,
        cellRenderer: AttentionCell,
      },
      incidentColumn<Incident>('ref', t, { width: 165 }),
      incidentColumn<Incident>('title', t, { flex: 1, minWidth: 200 }),
      incidentColumn<Incident>('category', t, { width: 140 }),
      incidentColumn<Incident>('district', t, { width: 120 }),
      incidentColumn<Incident>('status', t, { width: 110 }),
      incidentColumn<Incident>('channel', t, { width: 150 }),
      incidentColumn<Incident>('reportedAt', t, { width: 135 }),
    ],
    // Rebuild headers and labels when the language changes.
    [t, i18n.language],
  );

  const rowClassRules = useMemo<RowClassRules<Incident>>(
    () => ({
      'wf-row-fresh': (p) => !!p.data && (fresh.current.get(p.data.id) ?? 0) > Date.now(),
      'wf-row-esc-1': (p) => p.data?.escalation === 1,
      'wf-row-esc-2': (p) => p.data?.escalation === 2,
      'wf-row-esc-3': (p) => p.data?.escalation === 3,
    }),
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
          onRowClicked={onRowClicked}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          animateRows={false}
          suppressCellFocus={false}
        />
      </div>
    </section>
  );
}
