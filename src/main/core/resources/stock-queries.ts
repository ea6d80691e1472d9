import type { Statement } from 'better-sqlite3';
import type { StockAlert, StockSummary } from '../../../shared/resources';
import type { CoreContext } from '../context';

const DAY = 86_400_000;

/** Stock per depot and item, and the alerts boards show: low stock, lots expiring soon, lots expired. */
export class StockQueries {
  private readonly summary: Statement<[number, number, number]>;
  private readonly expiring: Statement<[number, number]>;

  constructor(private readonly ctx: CoreContext) {
    // Only depot × item pairs that have ever held the item appear: a depot
    // that never stocked tents is not "low on tents".
    this.summary = ctx.db.prepare(`
      SELECT b.depot_id AS depotId, d.code AS depotCode, d.name AS depotName,
             b.item_id AS itemId, i.code AS itemCode, i.name AS itemName, i.uom,
             sum(b.qty) AS qty, i.min_level AS minLevel,
             min(CASE WHEN b.qty > 0 THEN b.expires_at END) AS nextExpiry,
             coalesce(sum(CASE WHEN b.expires_at > ? AND b.expires_at <= ? THEN b.qty END), 0) AS expiringQty,
             coalesce(sum(CASE WHEN b.expires_at <= ? THEN b.qty END), 0) AS expiredQty
      FROM stock_balances b JOIN depots d ON d.id = b.depot_id JOIN supply_items i ON i.id = b.item_id
      GROUP BY b.depot_id, b.item_id
      ORDER BY d.code, i.code`);
    this.expiring = ctx.db.prepare(`
      SELECT b.depot_id AS depotId, d.name AS depotName, b.item_id AS itemId, i.name AS itemName, i.uom,
             b.qty, b.lot, b.expires_at AS expiresAt
      FROM stock_balances b JOIN depots d ON d.id = b.depot_id JOIN supply_items i ON i.id = b.item_id
      WHERE b.expires_at IS NOT NULL AND b.expires_at <= ? AND b.qty > 0 AND ? IS NOT NULL
      ORDER BY b.expires_at`);
  }

  stock(horizonDays = 30): (StockSummary & { low: boolean })[] {
    const now = this.ctx.now();
    const rows = this.summary.all(now, now + horizonDays * DAY, now) as Omit<StockSummary, 'low'>[];
    return rows.map((r) => ({ ...r, low: r.qty < r.minLevel }));
  }

  /** Low stock first (most short first), then expired lots, then lots expiring within the horizon. */
  alerts(horizonDays = 30): StockAlert[] {
    const now = this.ctx.now();
    const low: StockAlert[] = this.stock(horizonDays)
      .filter((s) => s.low)
      .sort((a, b) => a.qty / Math.max(1, a.minLevel) - b.qty / Math.max(1, b.minLevel))
      .map((s) => ({
        kind: 'low_stock',
        depotId: s.depotId,
        depotName: s.depotName,
        itemId: s.itemId,
        itemName: s.itemName,
        uom: s.uom,
        qty: s.qty,
        minLevel: s.minLevel,
        lot: null,
        expiresAt: null,
      }));
    const lots = this.expiring.all(now + horizonDays * DAY, now) as Omit<StockAlert, 'kind' | 'minLevel'>[];
    const dated: StockAlert[] = lots.map((l) => ({
      ...l,
      kind: (l.expiresAt as number) <= now ? 'expired' : 'expiring',
      minLevel: null,
    }));
    return [...low, ...dated.filter((a) => a.kind === 'expired'), ...dated.filter((a) => a.kind === 'expiring')];
  }
}
