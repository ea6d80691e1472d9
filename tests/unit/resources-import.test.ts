import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readTable, writeTable } from '../../src/shared/table-io';
import { openTestCore, type TestCore } from '../helpers/resources';

let t: TestCore;
afterEach(() => t?.close());

const csv = (s: string): Uint8Array => new TextEncoder().encode(s);

const UNITS_CSV = `id,call_sign,agency,unit_type,capabilities,crew_size,home_station,home_lat,home_lon,district
SH-F-0101,黄浦消防 101,fire,水罐消防车,firefighting;high_rise,6,黄浦消防救援站,31.2317,121.4846,黄浦区
SH-M-0201,120 急救 201,medical,救护车,medical,3,,,,徐汇
SH-P-0301,巡警 301,police,巡逻车,traffic_control;crowd_control,2,,,,pudong
`;

function count(sql: string): number {
  return (t.core.ctx.db.prepare(sql).get() as { n: number }).n;
}

describe('resource import', () => {
  it('validates a clean CSV, previews it, and commits every row in one go', async () => {
    t = openTestCore();
    const table = await readTable('csv', csv(`\uFEFF${UNITS_CSV}`));
    const preview = t.core.handle('resources.import.validate', { kind: 'units', table });
    expect(preview).toMatchObject({ ok: true, value: { errors: [], rowCount: 3 } });
    expect(count('SELECT count(*) AS n FROM units')).toBe(0); // validating writes nothing
    const done = t.core.handle('resources.import.commit', { kind: 'units', table });
    expect(done.ok && done.value.committed).toBe(true);
    const u = t.core.resources.units.get('SH-M-0201');
    expect(u).toMatchObject({ agency: 'medical', district: 'xuhui', capabilities: ['medical'], registered: true });
    expect(t.core.resources.units.get('SH-F-0101').capabilities).toEqual(['firefighting', 'high_rise']);
    // Importing again updates, it does not duplicate.
    const again = t.core.handle('resources.import.validate', { kind: 'units', table });
    expect(again.ok && again.value.actions.map((a) => a.action)).toEqual(['update', 'update', 'update']);
  });

  it('reports every bad cell with row number and column, and writes nothing even at commit', async () => {
    t = openTestCore();
    const bad = `id,call_sign,agency,unit_type,capabilities,crew_size,home_station,home_lat,home_lon,district
SH-F-0101,黄浦消防 101,fire,水罐消防车,firefighting,6,,,,huangpu
,无编号,fire,水罐消防车,,6,,,,huangpu
SH-X-1,某单位,army,卡车,flying,0,,40.1,121.4,朝阳区

SH-F-0101,重复,fire,水罐消防车,,6,,,,huangpu
`;
    const table = await readTable('csv', csv(bad));
    const r = t.core.handle('resources.import.validate', { kind: 'units', table });
    if (!r.ok) throw new Error(r.error.message);
    const errs = r.value.errors.map((e) => `${e.row}:${e.column}`);
    expect(errs).toEqual([
      '3:id',
      '4:agency',
      '4:capabilities',
      '4:crew_size',
      '4:home_lat',
      '4:district',
      '6:id', // row 5 is blank and skipped, but keeps its number
    ]);
    expect(r.value.errors.find((e) => e.column === 'agency')?.message).toMatch(/must be one of fire, medical/);
    // Each error carries a stable code and parameters for the officer's language.
    expect(r.value.errors.map((e) => e.code)).toEqual([
      'required',
      'agency',
      'capability',
      'int_range',
      'coord_range',
      'district',
      'duplicate_row',
    ]);
    expect(r.value.errors[3].params).toEqual({ min: 1, max: 500, value: '0' });
    expect(r.value.errors.find((e) => e.row === 6)?.message).toBe('duplicate of row 2');
    const c = t.core.handle('resources.import.commit', { kind: 'units', table });
    expect(c.ok && c.value.committed).toBe(false);
    expect(count('SELECT count(*) AS n FROM units')).toBe(0);
    expect(count('SELECT count(*) AS n FROM changes')).toBe(0);
  });

  it('refuses unknown and missing columns before looking at rows', async () => {
    t = openTestCore();
    const table = await readTable('csv', csv('code,nmae,colour\nHP-01,黄浦库,red\n'));
    const r = t.core.handle('resources.import.validate', { kind: 'depots', table });
    expect(r.ok && r.value.errors.map((e) => [e.row, e.column, e.message.split(';')[0]])).toEqual([
      [1, 'nmae', 'unknown column'],
      [1, 'colour', 'unknown column'],
      [1, 'name', 'required column is missing'],
    ]);
  });

  it('imports depots and opening stock from XLSX, with expiry dates, as ledger receipts', async () => {
    t = openTestCore();
    const wb = new ExcelJS.Workbook();
    const dep = wb.addWorksheet('depots');
    dep.addRow(['code', 'name', 'district', 'address', 'lat', 'lon', 'contact_name', 'contact_phone']);
    dep.addRow([
      'HP-01',
      '黄浦区应急物资储备库',
      '黄浦区',
      '中山南路 1000 号',
      31.215,
      121.49,
      '李队长',
      '021-63210000',
    ]);
    dep.addRow(['PD-02', '浦东新区防汛物资仓库', 'pudong', '', 31.22, 121.54, '', '']);
    const depots = await readTable('xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(t.core.handle('resources.import.commit', { kind: 'depots', table: depots })).toMatchObject({
      ok: true,
      value: { committed: true },
    });

    const wb2 = new ExcelJS.Workbook();
    const st = wb2.addWorksheet('stock');
    st.addRow(['depot_code', 'item_code', 'item_name', 'uom', 'min_level', 'tracks_expiry', 'qty', 'lot', 'expires']);
    st.addRow(['HP-01', 'SANDBAG', '防汛沙袋', '只', 500, 'no', 3000, '', null]);
    st.addRow(['HP-01', 'WATER', '瓶装饮用水', '箱', 100, 'yes', 240, 'W2026-11', new Date(Date.UTC(2027, 4, 31))]);
    st.addRow(['PD-02', 'SANDBAG', '', '', '', '', 1200, '', null]);
    st.addRow(['XX-99', 'WATER', '', '', '', '', 10, 'W1', '2027-02-30']);
    const stock = await readTable('xlsx', new Uint8Array(await wb2.xlsx.writeBuffer()));
    // The last row: unknown depot and an impossible date; nothing may be written.
    const v = t.core.handle('resources.import.commit', { kind: 'stock', table: stock });
    expect(v.ok && v.value.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['5:depot_code', '5:expires']);
    expect(count('SELECT count(*) AS n FROM stock_ledger')).toBe(0);
    expect(count('SELECT count(*) AS n FROM supply_items')).toBe(0);
    // Fix the file: drop the bad row. (Row 4 names SANDBAG only by code: row 2 defined it.)
    stock.rows.pop();
    const c = t.core.handle('resources.import.commit', { kind: 'stock', table: stock });
    expect(c.ok && c.value.committed).toBe(true);
    const summary = t.core.resources.stock.stock();
    expect(summary.map((s) => [s.depotCode, s.itemCode, s.qty])).toEqual([
      ['HP-01', 'SANDBAG', 3000],
      ['HP-01', 'WATER', 240],
      ['PD-02', 'SANDBAG', 1200],
    ]);
    // 2027-05-31 in Beijing time starts at 2027-05-30T16:00Z.
    expect(summary[1].nextExpiry).toBe(Date.UTC(2027, 4, 30, 16));
    expect(count("SELECT count(*) AS n FROM stock_ledger WHERE kind = 'receive'")).toBe(3);
  });

  it('exports the current state and reads it back unchanged, as CSV and as XLSX', async () => {
    t = openTestCore();
    const table = await readTable('csv', csv(UNITS_CSV));
    t.core.handle('resources.import.commit', { kind: 'units', table });
    t.core.resources.units.applyPosition('SH-F-0101', 31.23, 121.48, t.clock.t);
    const ex = t.core.handle('resources.export', { kind: 'units' });
    if (!ex.ok) throw new Error(ex.error.message);
    expect(ex.value.columns.slice(-6)).toEqual(['registered', 'status', 'incident_id', 'lat', 'lon', 'fix_at']);
    const fire = ex.value.rows.find((r) => r[0] === 'SH-F-0101');
    expect(fire?.slice(0, 5)).toEqual(['SH-F-0101', '黄浦消防 101', 'fire', '水罐消防车', 'firefighting;high_rise']);
    expect(fire?.[15]).toBe('2026-11-29T10:00:00+08:00');
    for (const format of ['csv', 'xlsx'] as const) {
      const bytes = await writeTable(format, ex.value, 'units');
      const back = await readTable(format, bytes);
      expect(back.columns).toEqual(ex.value.columns);
      expect(back.rows).toEqual(ex.value.rows);
      // The exported file is itself a valid import.
      const v = t.core.handle('resources.import.validate', { kind: 'units', table: back });
      expect(v.ok && v.value.errors).toEqual([]);
    }
  });

  it('says plainly when a file is not a workbook', async () => {
    await expect(readTable('xlsx', csv('id,call_sign\n'))).rejects.toThrow(/not a readable XLSX workbook/);
  });
});
