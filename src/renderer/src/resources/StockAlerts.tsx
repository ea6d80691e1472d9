import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockAlert } from '../../../shared/resources';
import { beijingDateTime } from '../time';

/** Low stock and expiry alerts, most urgent first, each in words an officer can act on. */
export function StockAlerts({ alerts }: { alerts: StockAlert[] }): ReactElement {
  const { t } = useTranslation('resources');
  return (
    <section className="panel alerts-panel" aria-labelledby="stock-alerts-title" data-testid="stock-alerts">
      <div className="panel-head">
        <h2 id="stock-alerts-title">{t('depots.alerts')}</h2>
        <span className="panel-meta">
          {(['low_stock', 'expired', 'expiring'] as const).map((k) => (
            <span key={k} className={`alert-count ak-${k}`}>
              {t(`depots.alert.${k}`)} {alerts.filter((a) => a.kind === k).length}
            </span>
          ))}
        </span>
      </div>
      {alerts.length === 0 ? (
        <p className="dim">{t('depots.noAlerts')}</p>
      ) : (
        <ul className="alert-list">
          {alerts.map((a, i) => {
            const text = t(`depots.alertText.${a.kind}`, {
              depot: a.depotName,
              item: a.itemName,
              qty: a.qty.toLocaleString('en-US'),
              uom: a.uom,
              min: a.minLevel?.toLocaleString('en-US') ?? '',
              lot: a.lot || '—',
              date: a.expiresAt === null ? '' : beijingDateTime(a.expiresAt).slice(0, 10),
            });
            return (
              <li
                key={`${a.kind}-${a.depotId}-${a.itemId}-${a.lot ?? ''}-${i}`}
                className={`alert ak-${a.kind}`}
                title={text}
              >
                <span className="alert-kind">{t(`depots.alert.${a.kind}`)}</span>
                <span className="alert-text">{text}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
