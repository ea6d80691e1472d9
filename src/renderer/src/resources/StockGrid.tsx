import {
  AllCommunityModule,
  ModuleRegistry,
  type ColDef,
  type GetRowIdParams,
  type ICellRendererParams,
  type RowClassRules,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockSummary } from '../../../shared/resources';
import { darkGridTheme } from '../console/gridTheme';
import { beijingDateTime } from '../time';

ModuleRegistry.registerModules([AllCommunityModule]);

const DAY = 86_400_000;

function QtyCell(p: ICellRendererParams<StockSummary, number>): ReactElement | null {
  if (!p.data) return null;
  return (
    <span className={p.data.low ? 'qty low' : 'qty'}>
      <strong>{p.data.qty.toLocaleString('en-US')}</strong> {p.data.uom}
    </span>
  );
}

function StateCell(p: ICellRendererParams<StockSummary>): ReactElement | null {
  const { t } = useTranslation('resources');
  if (!p.data) return null;
  return p.data.low ? (
    <span className="tag tag-danger">{t('depots.state.low')}</span>
  ) : (
    <span className="tag tag-ok">{t('depots.state.ok')}</span>
  );
}

function ExpiryCell(p: ICellRendererParams<StockSummary>): ReactElement | null {
  const { t } = useTranslation('resources');
  const at = p.data?.nextExpiry;
  if (!p.data || at === null || at === undefined) return <span className="dim">—</span>;
  const now = Date.now();
  const cls = at <= now ? 'expiry expired' : at - now <= 30 * DAY ? 'expiry soon' : 'expiry';
  return (
    <span className={cls}>
      {beijingDateTime(at).slice(0, 10)}
      {at <= now && <span className="tag tag-danger">{t('depots.alert.expired')}</span>}
      {at > now && at - now <= 30 * DAY && <span className="tag tag-warn">{t('depots.alert.expiring')}</span>}
    </span>
  );
}

/** Stock per depot and item, low stock and expiry highlighted. Rows come from the live `stock.summary` query. */
export function StockGrid({ rows }: { rows: StockSummary[] }): ReactElement {
  const { t, i18n } = useTranslation('resources');
  const columnDefs = useMemo<ColDef<StockSummary>[]>(
    () => [
      { field: 'depotName', headerName: t('depots.col.depot'), flex: 1, minWidth: 200 },
      { field: 'itemName', headerName: t('depots.col.item'), width: 170 },
      { field: 'qty', headerName: t('depots.col.qty'), width: 150, cellRenderer: QtyCell, type: 'rightAligned' },
      {
        field: 'minLevel',
        headerName: t('depots.col.min'),
        width: 110,
        type: 'rightAligned',
        valueFormatter: (p) => (typeof p.value === 'number' ? p.value.toLocaleString('en-US') : ''),
      },
      {
        colId: 'state',
        headerName: t('depots.col.state'),
        width: 110,
        cellRenderer: StateCell,
        valueGetter: (p) => (p.data?.low ? 0 : 1),
        sort: 'asc',
      },
      {
        field: 'expiringQty',
        headerName: t('depots.col.expiring'),
        width: 140,
        type: 'rightAligned',
        valueFormatter: (p) => (p.value ? String(p.value) : '—'),
      },
      { field: 'nextExpiry', headerName: t('depots.col.nextExpiry'), width: 220, cellRenderer: ExpiryCell },
    ],
    [t, i18n.language],
  );
  const rowClassRules = useMemo<RowClassRules<StockSummary>>(
    () => ({ 'stock-row-low': (p) => !!p.data?.low, 'stock-row-expired': (p) => (p.data?.expiredQty ?? 0) > 0 }),
    [],
  );
  return (
    <div className="grid-host" data-testid="stock-grid">
      <AgGridReact<StockSummary>
        key={i18n.language}
        theme={darkGridTheme}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={{ sortable: true, resizable: true }}
        getRowId={(p: GetRowIdParams<StockSummary>) => `${p.data.depotId}:${p.data.itemId}`}
        rowClassRules={rowClassRules}
        localeText={{ noRowsToShow: t('depots.noRows') }}
        animateRows={false}
      />
    </div>
  );
}
