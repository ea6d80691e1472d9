import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Depot, SupplyItem } from '../../src/shared/resources';
import { incident, openTestCore, type TestCore } from '../helpers/resources';

const opened: TestCore[] = [];
afterEach(() =>
  opened
    .splice(0)
    .reverse()
    .forEach((c) => c.close()),
);
const DAY = 86_400_000;

function setup(file?: string): { t: TestCore; depotA: Depot; depotB: Depot; bags: SupplyItem; kits: SupplyItem } {
  const t = openTestCore(Date.UTC(2026, 10, 29, 2, 0, 0), file);
  opened.push(t);
  const d = t.core.resources.depots;
  const depotA = d.saveDepot({
    code: 'HP-01',
    name: '黄浦区应急物资储备库',
    district: 'huangpu',
    address: '中山南路 1000 号',
    lat: 31.215,
    lon: 121.49,
    contactName: '李队长',
    contactPhone: '021-63210000',
  });
  const depotB = d.saveDepot({ ...depotA, code: 'PD-02', name: '浦东新区防汛物资仓库', district: 'pudong' });
  const bags = d.saveItem({ code: 'SANDBAG', name: '防汛沙袋', uom: '只', minLevel: 500, tracksExpiry: false });
  const kits = d.saveItem({ code: 'MEDKIT', name: '急救包', uom: '套', minLevel: 20, tracksExpiry: true });
  return { t, depotA, depotB, bags, kits };
}

function err(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected an error');
}

describe('stock ledger', () => {
  it('derives stock from movements: receive, allocate, transfer, return, consume, write off', () => {
    const { t, depotA, depotB, bags } = setup();
    const L = t.core.resources.ledger;
    const a = t.core.ctx.actor;
    const inc = incident(t.core, { category: 'waterlogging', title: '龙华路积水' });
    L.move({ kind: 'receive', depotId: depotA.id, itemId: bags.id, qty: 2000 }, a);
    L.move({ kind: 'allocate', depotId: depotA.id, itemId: bags.id, qty: 800, incidentId: inc.id }, a);
    L.move({ kind: 'transfer', depotId: depotA.id, itemId: bags.id, qty: 300, toDepotId: depotB.id }, a);
    L.move({ kind: 'return', depotId: depotB.id, itemId: bags.id, qty: 150, incidentId: inc.id }, a);
    L.move({ kind: 'consume', depotId: depotB.id, itemId: bags.id, qty: 50 }, a);
    L.move({ kind: 'write_off', depotId: depotA.id, itemId: bags.id, qty: 20, note: '破损 torn' }, a);
    const qty = (depot: string): number =>
      t.core.resources.stock.stock().find((s) => s.depotId === depot && s.itemId === bags.id)?.qty ?? -1;
    expect(qty(depotA.id)).toBe(2000 - 800 - 300 - 20);
    expect(qty(depotB.id)).toBe(300 + 150 - 50);
    const sum = t.core.ctx.db.prepare('SELECT sum(qty_delta) AS s FROM stock_ledger').get() as { s: number };
    expect(sum.s).toBe(2000 - 800 - 20 + 150 - 50); // transfers net to zero
    expect(L.verify()).toEqual([]);
    // The incident can return no more than it still holds (800 - 150).
    const e = err(() =>
      L.move({ kind: 'return', depotId: depotA.id, itemId: bags.id, qty: 651, incidentId: inc.id }, a),
    );
    expect(e.code).toBe('refused');
    expect(e.message).toMatch(/holds only 650/);
    const kinds = t.core.incidents.timeline(inc.id).map((x) => x.kind);
    expect(kinds).toEqual(['reported', 'supply.allocate', 'supply.return']);
  });

  it('refuses to go below zero with a clear message and writes nothing', () => {
    const { t, depotA, bags } = setup();
    const L = t.core.resources.ledger;
    L.move({ kind: 'receive', depotId: depotA.id, itemId: bags.id, qty: 100 }, t.core.ctx.actor);
    const before = t.core.ctx.db.prepare('SELECT count(*) AS n FROM stock_ledger').get();
    const e = err(() => L.move({ kind: 'consume', depotId: depotA.id, itemId: bags.id, qty: 101 }, t.core.ctx.actor));
    expect(e.code).toBe('refused');
    expect(e.message).toContain('not enough 防汛沙袋 at 黄浦区应急物资储备库');
    expect(e.message).toContain('100 只 available now');
    expect(t.core.ctx.db.prepare('SELECT count(*) AS n FROM stock_ledger').get()).toEqual(before);
    expect(
      err(() => L.move({ kind: 'consume', depotId: depotA.id, itemId: bags.id, qty: 1.5 }, t.core.ctx.actor)).code,
    ).toBe('invalid_request');
    // The derived table has its own backstop even if a buggy writer skipped the check.
    expect(() => t.core.ctx.db.exec(`UPDATE stock_balances SET qty = -1`)).toThrow(/CHECK/);
  });

  it('takes first-expiring lots first and raises expiry and low-stock alerts', () => {
    const { t, depotA, kits, bags } = setup();
    const L = t.core.resources.ledger;
    const a = t.core.ctx.actor;
    const now = t.clock.t;
    expect(err(() => L.move({ kind: 'receive', depotId: depotA.id, itemId: kits.id, qty: 5 }, a)).message).toMatch(
      /tracks expiry/,
    );
    L.move(
      { kind: 'receive', depotId: depotA.id, itemId: kits.id, qty: 10, lot: 'L-late', expiresAt: now + 400 * DAY },
      a,
    );
    L.move(
      { kind: 'receive', depotId: depotA.id, itemId: kits.id, qty: 8, lot: 'L-soon', expiresAt: now + 10 * DAY },
      a,
    );
    L.move({ kind: 'receive', depotId: depotA.id, itemId: kits.id, qty: 4, lot: 'L-old', expiresAt: now - DAY }, a);
    expect(
      err(() =>
        L.move({ kind: 'receive', depotId: depotA.id, itemId: kits.id, qty: 1, lot: 'L-soon', expiresAt: now }, a),
      ).code,
    ).toBe('conflict');
    L.move({ kind: 'write_off', depotId: depotA.id, itemId: kits.id, qty: 4, lot: 'L-old', note: '过期' }, a);
    const r = L.move({ kind: 'consume', depotId: depotA.id, itemId: kits.id, qty: 9 }, a);
    expect(r.entries.map((x) => [x.lot, x.qtyDelta])).toEqual([
      ['L-soon', -8],
      ['L-late', -1],
    ]);
    L.move({ kind: 'receive', depotId: depotA.id, itemId: kits.id, qty: 3, lot: 'L-x', expiresAt: now + 5 * DAY }, a);
    L.move({ kind: 'receive', depotId: depotA.id, itemId: bags.id, qty: 120 }, a);
    const alerts = t.core.resources.stock.alerts(30);
    expect(alerts.map((x) => [x.kind, x.itemName, x.qty, x.lot])).toEqual([
      ['low_stock', '防汛沙袋', 120, null], // 120/500 is shorter than 12/20
      ['low_stock', '急救包', 12, null],
      ['expiring', '急救包', 3, 'L-x'],
    ]);
    const summary = t.core.resources.stock.stock(30).find((s) => s.itemId === kits.id);
    expect(summary).toMatchObject({ qty: 12, low: true, nextExpiry: now + 5 * DAY, expiringQty: 3, expiredQty: 0 });
  });

  it('keeps the ledger append-only', () => {
    const { t, depotA, bags } = setup();
    t.core.resources.ledger.move({ kind: 'receive', depotId: depotA.id, itemId: bags.id, qty: 5 }, t.core.ctx.actor);
    expect(() => t.core.ctx.db.exec('UPDATE stock_ledger SET qty_delta = 500')).toThrow(/append-only/);
    expect(() => t.core.ctx.db.exec('DELETE FROM stock_ledger')).toThrow(/append-only/);
  });

  it('checks stock inside the write transaction: a second connection cannot allocate what the first just took', () => {
    const s1 = setup();
    const { depotA, bags } = s1;
    const t2 = openTestCore(s1.t.clock.t, s1.t.file);
    opened.push(t2);
    const inc = incident(s1.t.core);
    s1.t.core.resources.ledger.move(
      { kind: 'receive', depotId: depotA.id, itemId: bags.id, qty: 100 },
      s1.t.core.ctx.actor,
    );
    // Seat 2 looks at the stock board and sees 100.
    expect(t2.core.resources.stock.stock()[0].qty).toBe(100);
    // Seat 1 allocates 60; then seat 2, still believing 100, asks for 60.
    const a = s1.t.core.handle('stock.move', {
      kind: 'allocate',
      depotId: depotA.id,
      itemId: bags.id,
      qty: 60,
      incidentId: inc.id,
    });
    expect(a.ok).toBe(true);
    const b = t2.core.handle('stock.move', {
      kind: 'allocate',
      depotId: depotA.id,
      itemId: bags.id,
      qty: 60,
      incidentId: inc.id,
    });
    expect(b).toMatchObject({ ok: false, error: { code: 'refused' } });
    expect(!b.ok && b.error.message).toContain('40 只 available now');
    // While seat 1 holds the write lock, seat 2 is told the store is busy, not given a stale answer.
    s1.t.core.ctx.db.exec('BEGIN IMMEDIATE');
    const c = t2.core.handle('stock.move', {
      kind: 'allocate',
      depotId: depotA.id,
      itemId: bags.id,
      qty: 1,
      incidentId: inc.id,
    });
    s1.t.core.ctx.db.exec('COMMIT');
    expect(c).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(t2.core.resources.ledger.verify()).toEqual([]);
    expect(t2.core.resources.stock.stock()[0].qty).toBe(40);
  });

  it('two processes racing for the last items never take more than there is', async () => {
    const { t, depotA, bags } = setup();
    const inc = incident(t.core);
    t.core.resources.ledger.move({ kind: 'receive', depotId: depotA.id, itemId: bags.id, qty: 150 }, t.core.ctx.actor);
    const script = path.resolve(__dirname, '../helpers/allocate-worker.ts');
    const run = (seat: string): Promise<{ ok: number; refused: number; busy: number }> =>
      new Promise((resolve, reject) => {
        const p = spawn(
          process.execPath,
          ['--import', 'tsx', script, t.file, depotA.id, bags.id, inc.id, seat, '100'],
          {
            cwd: path.resolve(__dirname, '../..'),
          },
        );
        let out = '';
        let errText = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (errText += d.toString()));
        p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(errText))));
      });
    const [x, y] = await Promise.all([run('seat-2'), run('seat-3')]);
    expect(x.ok + y.ok).toBe(150);
    expect(x.refused + y.refused).toBe(50);
    expect(t.core.resources.stock.stock()[0].qty).toBe(0);
    expect(t.core.resources.ledger.verify()).toEqual([]);
    const allocated = t.core.ctx.db
      .prepare("SELECT -sum(qty_delta) AS n, count(DISTINCT actor) AS seats FROM stock_ledger WHERE kind = 'allocate'")
      .get();
    expect(allocated).toEqual({ n: 150, seats: 2 });
  });
});
