import { useEffect, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { callOrToast } from '../api';
import { Freshness } from '../components/Freshness';
import { useLiveQuery } from '../panels/useLiveQuery';
import { LedgerTable } from '../resources/LedgerTable';
import { MovementForm } from '../resources/MovementForm';
import { StockAlerts } from '../resources/StockAlerts';
import { StockGrid } from '../resources/StockGrid';
// Grid host, form fields and buttons are styled with the console's rules.
import '../console/console.css';
import '../resources/resources.css';

/** Depots and supplies: stock per depot and item with alerts, the ledger, and the movement form. */
export function DepotsScreen(): ReactElement {
  const { t } = useTranslation(['resources', 'domain']);
  const [depotId, setDepotId] = useState('');
  const stock = useLiveQuery('stock.summary', { horizonDays: 30 }, ['stock', 'depot', 'supply_item']);
  const alerts = useLiveQuery('stock.alerts', { horizonDays: 30 }, ['stock', 'depot', 'supply_item']);
  const ledger = useLiveQuery('stock.ledger', { ...(depotId ? { depotId } : {}), limit: 200 }, ['stock']);
  const depots = useLiveQuery('depot.list', {}, ['depot']);
  const items = useLiveQuery('supply.items', {}, ['supply_item']);
  const incidents = useLiveQuery('incident.list', { scope: 'open' }, ['incident']);
  const [refs, setRefs] = useState(new Map<string, string>());

  const depotMap = useMemo(() => new Map((depots.data ?? []).map((d) => [d.id, d])), [depots.data]);
  const itemMap = useMemo(() => new Map((items.data ?? []).map((i) => [i.id, i])), [items.data]);
  const rows = useMemo(
    () => (stock.data ?? []).filter((s) => !depotId || s.depotId === depotId),
    [stock.data, depotId],
  );
  const depot = depotId ? depotMap.get(depotId) : undefined;

  // Ledger rows name incidents by id; show their references.
  useEffect(() => {
    const ids = [...new Set((ledger.data ?? []).map((e) => e.incidentId).filter((x): x is string => !!x))];
    const missing = ids.filter((id) => !refs.has(id));
    if (missing.length === 0) return;
    void callOrToast('incident.byIds', { ids: missing }).then((list) => {
      if (!list) return;
      setRefs((old) => new Map([...old, ...list.map((i) => [i.id, i.ref] as const)]));
    });
  }, [ledger.data, refs]);

  return (
    <div className="depots-screen">
      <div className="depots-main">
        <StockAlerts alerts={(alerts.data ?? []).filter((a) => !depotId || a.depotId === depotId)} />
        <section className="panel grid-panel stock-panel" aria-labelledby="stock-title">
          <div className="panel-head">
            <h2 id="stock-title">{t('depots.title')}</h2>
            <div className="filters inline">
              <label className="filter">
                <span className="label">{t('depots.depot')}</span>
                <select id="depot-filter" value={depotId} onChange={(e) => setDepotId(e.target.value)}>
                  <option value="">{t('depots.allDepots')}</option>
                  {(depots.data ?? []).map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.name}
                    </option>
                  ))}
                </select>
              </label>
              <Freshness at={stock.at} />
              <a className="btn link-btn" href="#/resources/import">
                {t('common:nav.resourcesImport')}
              </a>
            </div>
          </div>
          {depot && (
            <p className="depot-card" data-testid="depot-card">
              {depot.district ? t(`domain:district.${depot.district}`) : ''} {depot.address ?? ''} ·{' '}
              {t('depots.contact')} {depot.contactName ?? '—'} {depot.contactPhone ?? ''}
            </p>
          )}
          <StockGrid rows={rows} />
        </section>
        <section className="panel ledger-panel" aria-labelledby="ledger-title">
          <div className="panel-head">
            <h2 id="ledger-title">{t('ledger.title')}</h2>
          </div>
          <LedgerTable entries={ledger.data ?? []} depots={depotMap} items={itemMap} incidentRefs={refs} />
        </section>
      </div>
      <section className="panel form-panel" aria-labelledby="movement-title">
        <div className="panel-head">
          <h2 id="movement-title">{t('movement.title')}</h2>
        </div>
        <MovementForm
          key={depotId}
          depots={depots.data ?? []}
          items={items.data ?? []}
          incidents={incidents.data ?? []}
          defaultDepot={depotId}
        />
        <h3 className="sub-head depot-directory">{t('depots.directory')}</h3>
        <table className="plain-table" data-testid="depot-directory">
          <tbody>
            {(depots.data ?? []).map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td className="dim">{d.district ? t(`domain:district.${d.district}`) : ''}</td>
                <td>
                  {d.contactName ?? '—'} <span className="mono">{d.contactPhone ?? ''}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
