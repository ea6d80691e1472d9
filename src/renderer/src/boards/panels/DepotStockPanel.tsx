import { useEffect, useLayoutEffect, useRef, useState, type ReactElement, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { beijingDateTime } from '../../time';
import { usePanelStatus, useBoardData } from '../useBoardData';
import { FLAGS, stockRows, type StockFlag } from './depot-stock-rows';
import './depot-stock.css';

export interface DepotStockOptions extends Record<string, unknown> {
  /** Lots expiring within this many days are flagged as expiring. */
  horizonDays: number;
}

/** Shape beside the word and the colour: an alert must read without colour, across the room. */
const MARK: Record<StockFlag, string> = { low_stock: '▼', expired: '✕', expiring: '◷' };

const num = (n: number): string => n.toLocaleString('en-US');

/**
 * How many lines fit whole in the list, leaving room for the "more" footer
 * when some do not: a wall never shows a line cut in half, and says how many
 * it could not show. Re-measured when the panel is resized or the lines change.
 */
function useFit(list: RefObject<HTMLUListElement | null>, key: string): number | null {
  const [fit, setFit] = useState<number | null>(null);
  useLayoutEffect(() => {
    const ul = list.current;
    if (!ul) return;
    const measure = (): void => {
      const items = [...ul.querySelectorAll<HTMLElement>(':scope > li')];
      const bottom = (li: HTMLElement): number => li.offsetTop - ul.offsetTop + li.offsetHeight;
      if (items.length === 0 || bottom(items[items.length - 1]) <= ul.clientHeight) return setFit(null);
      // Reserve about one short line for the footer.
      const room = ul.clientHeight - parseFloat(getComputedStyle(ul).fontSize) * 1.7;
      let n = 0;
      while (n < items.length && bottom(items[n]) <= room) n++;
      setFit(n);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(ul);
    return () => ro.disconnect();
  }, [list, key]);
  return fit;
}

/**
 * Depot stock on a board: stock per depot and item from the ledger's
 * balances (`stock.summary`), low-stock and expiry alerts counted at the top
 * and marked on their lines with colour, a shape and a word. Live on every
 * ledger movement (`stock` changes) and on depot or item edits; polled too,
 * since a lot becomes "expiring" or "expired" with the clock alone.
 */
export function DepotStockPanel({ options }: { options: DepotStockOptions; wall: boolean }): ReactElement {
  const { t } = useTranslation('boards');
  const { data } = useBoardData(
    'stock.summary',
    { horizonDays: options.horizonDays },
    ['stock', 'depot', 'supply_item'],
    60_000,
  );
  const report = usePanelStatus();
  const rows = data ? stockRows(data) : [];
  const counts = Object.fromEntries(FLAGS.map((f) => [f, rows.filter((r) => r.flags.includes(f)).length])) as Record<
    StockFlag,
    number
  >;
  const depots = new Set(rows.map((r) => r.depotId)).size;
  const list = useRef<HTMLUListElement>(null);
  const fit = useFit(list, rows.map((r) => `${r.depotId}:${r.itemId}:${r.flags.join(',')}`).join('|'));
  const hidden = fit === null ? [] : rows.slice(fit);
  const hiddenAlerts = hidden.filter((r) => r.flags.length > 0).length;
  const meta = data ? t('depotStock.meta', { depots, lines: rows.length }) : undefined;
  useEffect(() => report({ meta }), [report, meta]);

  if (data && rows.length === 0) {
    return (
      <div className="panel-empty" data-testid="depot-stock-empty">
        {t('depotStock.empty')}
      </div>
    );
  }
  return (
    <div className="depot-stock" data-testid="depot-stock">
      <div className="ds-counts">
        {FLAGS.map((f) => (
          <div key={f} className={`ds-count ds-${f}${counts[f] > 0 ? ' on' : ''}`} data-testid={`ds-count-${f}`}>
            <span className="ds-mark" aria-hidden="true">
              {MARK[f]}
            </span>
            <span className="ds-count-label">{t(`depotStock.flag.${f}`)}</span>
            <span className="ds-count-n">{counts[f]}</span>
          </div>
        ))}
      </div>
      <ul className="ds-lines" aria-label={t('panelType.depotStock')} ref={list}>
        {rows.map((r, i) => (
          <li
            key={`${r.depotId}:${r.itemId}`}
            className={`ds-line ${r.flags.length > 0 ? `ds-${r.flags[0]}` : 'ds-ok'}${fit !== null && i >= fit ? ' ds-cut' : ''}`}
            data-testid="ds-line"
            data-flags={r.flags.join(' ')}
          >
            <div className="ds-flags">
              {r.flags.length === 0 ? (
                <span className="ds-flag ds-flag-ok">{t('depotStock.ok')}</span>
              ) : (
                r.flags.map((f) => (
                  <span key={f} className={`ds-flag ds-flag-${f}`}>
                    <span aria-hidden="true">{MARK[f]}</span> {t(`depotStock.flag.${f}`)}
                  </span>
                ))
              )}
            </div>
            <div className="ds-what">
              <span className="ds-item">{r.itemName}</span>
              <span className="ds-depot">{r.depotName}</span>
            </div>
            <div className="ds-qty">
              <span className="ds-qty-n">
                {num(r.qty)}
                <small> {r.uom}</small>
              </span>
              <span className="ds-qty-sub">
                {r.flags[0] === 'expired'
                  ? t('depotStock.expiredQty', { qty: num(r.expiredQty), uom: r.uom })
                  : r.flags[0] === 'expiring' && r.nextExpiry !== null
                    ? t('depotStock.expiresOn', { date: beijingDateTime(r.nextExpiry).slice(0, 10) })
                    : t('depotStock.min', { min: num(r.minLevel) })}
              </span>
            </div>
          </li>
        ))}
      </ul>
      {hidden.length > 0 && (
        <div className={hiddenAlerts > 0 ? 'ds-more alerts' : 'ds-more'} data-testid="ds-more">
          {hiddenAlerts > 0
            ? t('depotStock.moreAlerts', { count: hidden.length, alerts: hiddenAlerts })
            : t('depotStock.more', { count: hidden.length })}
        </div>
      )}
    </div>
  );
}
