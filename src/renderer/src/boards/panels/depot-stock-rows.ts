import type { StockSummary } from '../../../../shared/resources';

export type StockFlag = 'low_stock' | 'expired' | 'expiring';
/** The order the counts are shown in. */
export const FLAGS: readonly StockFlag[] = ['low_stock', 'expired', 'expiring'];

export interface StockRow extends StockSummary {
  flags: StockFlag[];
}

/**
 * Which alert decides a line's place: expired stock first (it must not be
 * handed out, and there is little of it), then low stock, then expiring.
 */
const SEVERITY: readonly StockFlag[] = ['expired', 'low_stock', 'expiring'];

/**
 * Depot × item lines as a wall shows them: every line with an alert first,
 * by its most severe alert (within low stock the shortest first, within
 * expiry the soonest), then the lines in depot and item order. Pure, so
 * the ordering is tested without a page.
 */
export function stockRows(summary: readonly StockSummary[]): StockRow[] {
  const rank = (r: StockRow): number => (r.flags.length === 0 ? SEVERITY.length : SEVERITY.indexOf(r.flags[0]));
  const shortfall = (r: StockSummary): number => r.qty / Math.max(1, r.minLevel);
  return summary
    .map((s) => ({
      ...s,
      flags: SEVERITY.filter((f) =>
        f === 'low_stock' ? s.low : f === 'expired' ? s.expiredQty > 0 : s.expiringQty > 0,
      ),
    }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.flags[0] === 'low_stock' ? shortfall(a) - shortfall(b) : 0) ||
        (a.nextExpiry ?? Infinity) - (b.nextExpiry ?? Infinity) ||
        a.depotCode.localeCompare(b.depotCode) ||
        a.itemCode.localeCompare(b.itemCode),
    );
}
