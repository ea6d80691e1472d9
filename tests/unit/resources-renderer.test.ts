import { describe, expect, it } from 'vitest';
import { validateMovement } from '../../src/renderer/src/resources/movementDraft';
import { matches, NO_FILTER, staleAt } from '../../src/renderer/src/resources/unitsView';
import type { MapUnit } from '../../src/shared/board-data';
import { STALE_AFTER_MS, type StockSummary, type Unit } from '../../src/shared/resources';
import { stockRows } from '../../src/renderer/src/boards/panels/depot-stock-rows';

const base = {
  kind: 'allocate' as const,
  depotId: 'd1',
  itemId: 'i1',
  qty: '20',
  lot: '',
  expires: '',
  incidentId: 'inc',
  toDepotId: '',
  note: '',
};

describe('movement form validation', () => {
  it('collects every missing field and refuses a bad quantity', () => {
    const r = validateMovement({ ...base, depotId: '', itemId: '', qty: '1.5', incidentId: '' });
    expect(r).toEqual({
      ok: false,
      errors: { depotId: 'required', itemId: 'required', qty: 'qty', incidentId: 'required' },
    });
    expect(validateMovement({ ...base, qty: '0' })).toMatchObject({ ok: false, errors: { qty: 'qty' } });
  });

  it('asks for a different depot on transfer and builds the request the core takes', () => {
    expect(validateMovement({ ...base, kind: 'transfer', toDepotId: 'd1' })).toMatchObject({
      ok: false,
      errors: { toDepotId: 'sameDepot' },
    });
    expect(validateMovement({ ...base, kind: 'transfer', toDepotId: 'd2', incidentId: 'ignored' })).toEqual({
      ok: true,
      value: { kind: 'transfer', depotId: 'd1', itemId: 'i1', qty: 20, toDepotId: 'd2' },
    });
    // Expiry is a Beijing calendar day: it starts at 16:00 UTC the day before.
    expect(validateMovement({ ...base, kind: 'receive', expires: '2027-05-31', lot: ' L1 ' })).toEqual({
      ok: true,
      value: { kind: 'receive', depotId: 'd1', itemId: 'i1', qty: 20, lot: 'L1', expiresAt: Date.UTC(2027, 4, 30, 16) },
    });
  });
});

describe('unit board filters', () => {
  const u = {
    id: 'SH-F-1',
    callSign: '黄浦消防 101',
    agency: 'fire',
    status: 'available',
    capabilities: ['firefighting', 'high_rise'],
    district: 'huangpu',
    fixAt: 1_000_000,
  } as unknown as Unit;

  it('matches on every filter together, call sign or id text', () => {
    expect(matches(u, NO_FILTER)).toBe(true);
    expect(matches(u, { ...NO_FILTER, agency: 'fire', capability: 'high_rise', district: 'huangpu' })).toBe(true);
    expect(matches(u, { ...NO_FILTER, agency: 'medical' })).toBe(false);
    expect(matches(u, { ...NO_FILTER, status: 'dispatched' })).toBe(false);
    expect(matches(u, { ...NO_FILTER, capability: 'pumping' })).toBe(false);
    expect(matches(u, { ...NO_FILTER, text: '黄浦' })).toBe(true);
    expect(matches(u, { ...NO_FILTER, text: 'sh-f' })).toBe(true);
    expect(matches(u, { ...NO_FILTER, text: '浦东' })).toBe(false);
  });

  it('goes stale exactly past the threshold', () => {
    expect(staleAt(u, 1_000_000 + STALE_AFTER_MS)).toBe(false);
    expect(staleAt(u, 1_000_000 + STALE_AFTER_MS + 1)).toBe(true);
    expect(staleAt({ fixAt: null }, 0)).toBe(true);
  });
});

describe('units map layer', () => {
  it('groups placed units by status, hollow pins when stale, large mode without outlines for thousands', async () => {
    const { unitSeries } = await import('../../src/renderer/src/boards/panels/map-option');
    const { STATUS_COLOURS } = await import('../../src/renderer/src/resources/unitsLayer');
    const now = 10_000_000;
    const mk = (id: string, over: Partial<MapUnit>): MapUnit => ({
      id,
      label: id,
      status: 'available',
      lat: 31.2,
      lon: 121.4,
      fixAt: now,
      ...over,
    });
    const layer = unitSeries(
      [
        mk('A', {}),
        mk('B', { fixAt: now - STALE_AFTER_MS - 1 }),
        mk('C', { status: 'on_scene' }),
        mk('D', { fixAt: null }),
      ],
      now,
      { unitStatus: (s) => `label:${s}` },
      1,
    );
    expect(layer.stale).toBe(2);
    expect(layer.legend).toEqual(['label:available', 'label:on_scene']);
    // The legend follows the lifecycle, not the alphabet.
    const order = unitSeries(
      [mk('X', { status: 'out_of_service' }), mk('Y', { status: 'returning' }), mk('Z', { status: 'dispatched' })],
      now,
      { unitStatus: (s) => s },
      1,
    ).legend;
    expect(order).toEqual(['dispatched', 'returning', 'out_of_service']);
    const byId = new Map(layer.series.map((s) => [s.id, s]));
    const count = (id: string): number => (byId.get(id)?.data as unknown[]).length;
    expect([count('units-available'), count('units-stale-available')]).toEqual([1, 2]);
    expect([count('units-on_scene'), count('units-stale-on_scene')]).toEqual([1, 0]);
    // Stale: a dark fill inside an outline in the status colour, under the same legend name.
    expect(byId.get('units-stale-available')).toMatchObject({
      name: 'label:available',
      itemStyle: { color: '#0b0f14', borderColor: STATUS_COLOURS.available },
    });
    expect(byId.get('units-available')).toMatchObject({ itemStyle: { color: STATUS_COLOURS.available } });
    // Thousands of fresh units: large mode in chunks of 200 points, no outline to stroke.
    const many = unitSeries(
      Array.from({ length: 2000 }, (_, i) => mk(`U${i}`, {})),
      now,
      { unitStatus: (s) => s },
      1,
    );
    const chunks = many.series.filter((s) => String(s.id).startsWith('units-available-'));
    expect(chunks.map((s) => (s.data as unknown[]).length)).toEqual(Array(10).fill(200));
    const big = chunks[0];
    expect(big).toMatchObject({ large: true, name: 'available', itemStyle: { color: STATUS_COLOURS.available } });
    expect((big?.itemStyle as Record<string, unknown>).borderWidth).toBeUndefined();
    expect((big?.data as unknown[])[0]).toEqual([121.4, 31.2]);
  });
});

describe('depot stock panel lines', () => {
  const line = (over: Partial<StockSummary>): StockSummary => ({
    depotId: 'd',
    depotCode: 'D',
    depotName: 'Depot',
    itemId: 'i',
    itemCode: 'I',
    itemName: 'Item',
    uom: 'pc',
    qty: 100,
    minLevel: 10,
    low: false,
    nextExpiry: null,
    expiringQty: 0,
    expiredQty: 0,
    ...over,
  });

  it('puts expired stock first, then low stock shortest first, then expiring soonest first, then the rest', () => {
    const rows = stockRows([
      line({ itemCode: 'OK', itemId: 'ok' }),
      line({ itemCode: 'SOON2', itemId: 's2', expiringQty: 5, nextExpiry: 2000 }),
      line({ itemCode: 'LOW-HALF', itemId: 'l1', qty: 5, low: true }),
      line({ itemCode: 'SOON1', itemId: 's1', expiringQty: 5, nextExpiry: 1000 }),
      line({ itemCode: 'LOW-NONE', itemId: 'l0', qty: 0, low: true, expiringQty: 3, nextExpiry: 500 }),
      line({ itemCode: 'GONE', itemId: 'x', expiredQty: 4, nextExpiry: 10 }),
    ]);
    expect(rows.map((r) => r.itemCode)).toEqual(['GONE', 'LOW-NONE', 'LOW-HALF', 'SOON1', 'SOON2', 'OK']);
    // A line can carry several alerts; each is shown.
    expect(rows[1].flags).toEqual(['low_stock', 'expiring']);
    expect(rows[5].flags).toEqual([]);
  });
});
