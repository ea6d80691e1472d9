import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Depot, LedgerEntry, SupplyItem } from '../../../shared/resources';
import { beijingShort } from '../time';

/** The latest ledger entries: every movement, signed, with who did it; nothing here is ever edited. */
export function LedgerTable({
  entries,
  depots,
  items,
  incidentRefs,
}: {
  entries: LedgerEntry[];
  depots: Map<string, Depot>;
  items: Map<string, SupplyItem>;
  incidentRefs: Map<string, string>;
}): ReactElement {
  const { t } = useTranslation('resources');
  if (entries.length === 0) return <p className="dim">{t('ledger.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="plain-table ledger" data-testid="ledger">
        <thead>
          <tr>
            {(['at', 'kind', 'depot', 'item', 'lot', 'qty', 'incident', 'actor', 'note'] as const).map((c) => (
              <th key={c} className={c === 'qty' ? 'num' : ''}>
                {t(`ledger.col.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const item = items.get(e.itemId);
            return (
              <tr key={e.id}>
                <td className="mono">{beijingShort(e.at)}</td>
                <td>{t(`movement.kind.${e.kind}`)}</td>
                <td>{depots.get(e.depotId)?.name ?? e.depotId}</td>
                <td>{item?.name ?? e.itemId}</td>
                <td className="mono dim">{e.lot || '—'}</td>
                <td className={e.qtyDelta < 0 ? 'num out' : 'num in'}>
                  {e.qtyDelta > 0 ? '+' : '−'}
                  {Math.abs(e.qtyDelta).toLocaleString('en-US')} {item?.uom ?? ''}
                </td>
                <td className="mono">{e.incidentId ? (incidentRefs.get(e.incidentId) ?? '…') : ''}</td>
                <td className="dim">{e.actor}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
