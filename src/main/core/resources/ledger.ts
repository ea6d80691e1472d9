import type { Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { CoreError } from '../../../shared/result';
import type {
  LedgerEntry,
  MovementInput,
  MovementKind,
  MovementResult,
  StockLine,
  SupplyItem,
} from '../../../shared/resources';
import type { Actor, CoreContext } from '../context';
import type { IncidentService } from '../incidents/service';
import type { DepotService } from './depots';
import { inWriteTransaction } from './write-tx';

const LEDGER_COLUMNS = `id, movement_id AS movementId, at, kind, depot_id AS depotId, item_id AS itemId, lot,
  expires_at AS expiresAt, qty_delta AS qtyDelta, incident_id AS incidentId,
  counterpart_depot_id AS counterpartDepotId, actor, note`;

export interface LedgerFilter {
  depotId?: string;
  itemId?: string;
  incidentId?: string;
  limit: number;
}

interface Leg {
  depotId: string;
  lot: string;
  expiresAt: number | null;
  delta: number;
  counterpart: string | null;
}

/**
 * The stock ledger: every movement of supplies is appended here and never
 * changed. Stock is what the ledger adds up to; `stock_balances` holds that
 * sum per depot, item and lot, updated in the same transaction as each entry
 * so boards read it cheaply, and `verify()` recomputes it from the ledger.
 *
 * Every movement runs in an IMMEDIATE transaction: the write lock is taken
 * before stock is read, so two seats (or two connections) allocating the
 * last sandbags at once cannot both see them; the second is refused.
 */
export class StockLedger {
  private readonly insert: Statement;
  private readonly bump: Statement;
  private readonly addLot: Statement;
  private readonly lotsOf: Statement<[string, string]>;
  private readonly lotOf: Statement<[string, string, string]>;
  private readonly outstanding: Statement<[string, string]>;
  private readonly lastAllocatedLot: Statement<[string, string]>;
  private readonly byMovement: Statement<[string]>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly depots: DepotService,
    private readonly incidents: IncidentService,
  ) {
    const db = ctx.db;
    this.insert = db.prepare(`INSERT INTO stock_ledger
      (movement_id, at, kind, depot_id, item_id, lot, expires_at, qty_delta, incident_id, counterpart_depot_id, actor, note)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    // Update then insert rather than an upsert: SQLite checks CHECK (qty >= 0) on the proposed
    // row of an upsert, so a negative delta would fail even where the balance covers it.
    this.bump = db.prepare('UPDATE stock_balances SET qty = qty + ? WHERE depot_id = ? AND item_id = ? AND lot = ?');
    this.addLot = db.prepare(
      'INSERT INTO stock_balances (depot_id, item_id, lot, expires_at, qty) VALUES (?, ?, ?, ?, ?)',
    );
    // First expiry first out; lots without expiry last, oldest lot name first.
    this.lotsOf = db.prepare(`SELECT depot_id AS depotId, item_id AS itemId, lot, expires_at AS expiresAt, qty
      FROM stock_balances WHERE depot_id = ? AND item_id = ? AND qty > 0
      ORDER BY expires_at IS NULL, expires_at, lot`);
    this.lotOf = db.prepare(`SELECT depot_id AS depotId, item_id AS itemId, lot, expires_at AS expiresAt, qty
      FROM stock_balances WHERE depot_id = ? AND item_id = ? AND lot = ?`);
    this.outstanding = db.prepare(`SELECT -coalesce(sum(qty_delta), 0) AS qty FROM stock_ledger
      WHERE incident_id = ? AND item_id = ? AND kind IN ('allocate', 'return')`);
    this.lastAllocatedLot = db.prepare(`SELECT lot, expires_at AS expiresAt FROM stock_ledger
      WHERE incident_id = ? AND item_id = ? AND kind = 'allocate' ORDER BY id DESC LIMIT 1`);
    this.byMovement = db.prepare(`SELECT ${LEDGER_COLUMNS} FROM stock_ledger WHERE movement_id = ? ORDER BY id`);
  }

  /** Record one movement. Refused, with nothing written, if it would take any stock below zero. */
  move(input: MovementInput, actor: Actor): MovementResult {
    if (!Number.isInteger(input.qty) || input.qty <= 0) {
      throw new CoreError('invalid_request', `quantity must be a whole number above zero (got ${input.qty})`);
    }
    return inWriteTransaction(this.ctx.db, (): MovementResult => {
      const depot = this.depots.depot(input.depotId);
      const item = this.depots.item(input.itemId);
      const legs = this.plan(input, item, depot.name);
      const movementId = uuidv7();
      const at = this.ctx.now();
      const who = `${actor.operator}@${actor.seat}`;
      for (const leg of legs) {
        this.insert.run(
          movementId,
          at,
          input.kind,
          leg.depotId,
          item.id,
          leg.lot,
          leg.expiresAt,
          leg.delta,
          input.incidentId ?? null,
          leg.counterpart,
          who,
          input.note?.trim() || null,
        );
        if (this.bump.run(leg.delta, leg.depotId, item.id, leg.lot).changes === 0) {
          this.addLot.run(leg.depotId, item.id, leg.lot, leg.expiresAt, leg.delta);
        }
      }
      this.ctx.changes.record('stock', `${depot.id}:${item.id}`, 'update');
      if (input.toDepotId) this.ctx.changes.record('stock', `${input.toDepotId}:${item.id}`, 'update');
      if (input.incidentId && (input.kind === 'allocate' || input.kind === 'return')) {
        this.incidents.appendTimeline(input.incidentId, `supply.${input.kind}`, actor, item.name, {
          itemId: item.id,
          depotId: depot.id,
          qty: input.qty,
          uom: item.uom,
        });
        this.ctx.changes.record('incident', input.incidentId, 'update');
      }
      return { movementId, entries: this.byMovement.all(movementId) as LedgerEntry[] };
    });
  }

  private plan(input: MovementInput, item: SupplyItem, depotName: string): Leg[] {
    const { kind, depotId, qty } = input;
    const needIncident = kind === 'allocate' || kind === 'return';
    if (needIncident) {
      if (!input.incidentId) throw new CoreError('invalid_request', `${kind} needs the incident the supplies are for`);
      this.incidents.get(input.incidentId);
    } else if (input.incidentId) {
      throw new CoreError('invalid_request', `${kind} is not tied to an incident; use allocate or return`);
    }
    if (kind !== 'receive' && input.expiresAt !== undefined) {
      throw new CoreError('invalid_request', 'an expiry date can only be given when receiving stock');
    }
    switch (kind) {
      case 'receive':
        return [this.receiveLeg(depotId, item, input.lot ?? '', input.expiresAt ?? null, qty)];
      case 'return': {
        const out = (this.outstanding.get(input.incidentId as string, item.id) as { qty: number }).qty;
        if (qty > out) {
          throw new CoreError(
            'refused',
            `cannot return ${qty} ${item.uom} of ${item.name}: the incident holds only ${out} allocated and not yet returned`,
          );
        }
        const last = this.lastAllocatedLot.get(input.incidentId as string, item.id) as
          { lot: string; expiresAt: number | null } | undefined;
        const lot = input.lot ?? last?.lot ?? '';
        const existing = this.lotOf.get(depotId, item.id, lot) as StockLine | undefined;
        const expiresAt = existing ? existing.expiresAt : lot === last?.lot ? last.expiresAt : null;
        return [{ depotId, lot, expiresAt, delta: qty, counterpart: null }];
      }
      case 'transfer': {
        const to = input.toDepotId;
        if (!to) throw new CoreError('invalid_request', 'a transfer needs the receiving depot');
        if (to === depotId) throw new CoreError('invalid_request', 'a transfer must go to a different depot');
        this.depots.depot(to);
        const out = this.take(depotId, item, qty, input.lot, depotName, kind);
        const incoming = out.map((l) => {
          this.checkLotExpiry(to, item, l.lot, l.expiresAt);
          return { depotId: to, lot: l.lot, expiresAt: l.expiresAt, delta: -l.delta, counterpart: depotId };
        });
        return [...out.map((l) => ({ ...l, counterpart: to })), ...incoming];
      }
      case 'allocate':
      case 'consume':
      case 'write_off':
        return this.take(depotId, item, qty, input.lot, depotName, kind);
    }
  }

  private receiveLeg(depotId: string, item: SupplyItem, lot: string, expiresAt: number | null, qty: number): Leg {
    if (item.tracksExpiry && expiresAt === null) {
      throw new CoreError('invalid_request', `${item.name} tracks expiry: give the expiry date of the lot received`);
    }
    this.checkLotExpiry(depotId, item, lot, expiresAt);
    return { depotId, lot, expiresAt, delta: qty, counterpart: null };
  }

  /** A lot has one expiry date; receiving into it with another would silently re-date stock. */
  private checkLotExpiry(depotId: string, item: SupplyItem, lot: string, expiresAt: number | null): void {
    const existing = this.lotOf.get(depotId, item.id, lot) as StockLine | undefined;
    if (existing && existing.expiresAt !== expiresAt) {
      throw new CoreError(
        'conflict',
        `lot "${lot || '—'}" of ${item.name} at this depot already has a different expiry date; book it as a new lot`,
      );
    }
  }

  /** Outgoing legs: from one lot if named, otherwise first-expiry-first-out across lots. Checked inside the write lock. */
  private take(
    depotId: string,
    item: SupplyItem,
    qty: number,
    lot: string | undefined,
    depotName: string,
    kind: MovementKind,
  ): Leg[] {
    const lots =
      lot === undefined
        ? (this.lotsOf.all(depotId, item.id) as StockLine[])
        : ([this.lotOf.get(depotId, item.id, lot)].filter(Boolean) as StockLine[]);
    const available = lots.reduce((s, l) => s + l.qty, 0);
    if (available < qty) {
      throw new CoreError(
        'refused',
        `not enough ${item.name} at ${depotName}${lot !== undefined ? ` in lot "${lot}"` : ''} to ${kind.replace('_', ' ')} ${qty} ${item.uom}: ${available} ${item.uom} available now. Nothing was changed; take the rest from another depot.`,
      );
    }
    const legs: Leg[] = [];
    let left = qty;
    for (const l of lots) {
      if (left === 0) break;
      const n = Math.min(left, l.qty);
      legs.push({ depotId, lot: l.lot, expiresAt: l.expiresAt, delta: -n, counterpart: null });
      left -= n;
    }
    return legs;
  }

  entries(f: LedgerFilter): LedgerEntry[] {
    const where: string[] = [];
    const args: string[] = [];
    if (f.depotId) {
      where.push('(depot_id = ?)');
      args.push(f.depotId);
    }
    if (f.itemId) {
      where.push('item_id = ?');
      args.push(f.itemId);
    }
    if (f.incidentId) {
      where.push('incident_id = ?');
      args.push(f.incidentId);
    }
    const sql = `SELECT ${LEDGER_COLUMNS} FROM stock_ledger ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT ?`;
    return this.ctx.db.prepare(sql).all(...args, f.limit) as LedgerEntry[];
  }

  lines(depotId?: string): StockLine[] {
    const sql = `SELECT depot_id AS depotId, item_id AS itemId, lot, expires_at AS expiresAt, qty FROM stock_balances
      ${depotId ? 'WHERE depot_id = ?' : ''} ORDER BY depot_id, item_id, lot`;
    return this.ctx.db.prepare(sql).all(...(depotId ? [depotId] : [])) as StockLine[];
  }

  /** Compare the derived balances with a fresh sum of the ledger; returns every line that differs. */
  verify(): { depotId: string; itemId: string; lot: string; balance: number; ledger: number }[] {
    return this.ctx.db
      .prepare(
        `WITH l AS (SELECT depot_id, item_id, lot, sum(qty_delta) AS q FROM stock_ledger GROUP BY 1, 2, 3)
         SELECT coalesce(b.depot_id, l.depot_id) AS depotId, coalesce(b.item_id, l.item_id) AS itemId,
                coalesce(b.lot, l.lot) AS lot, coalesce(b.qty, 0) AS balance, coalesce(l.q, 0) AS ledger
         FROM stock_balances b FULL OUTER JOIN l
           ON l.depot_id = b.depot_id AND l.item_id = b.item_id AND l.lot = b.lot
         WHERE coalesce(b.qty, 0) <> coalesce(l.q, 0)`,
      )
      .all() as { depotId: string; itemId: string; lot: string; balance: number; ledger: number }[];
  }
}
