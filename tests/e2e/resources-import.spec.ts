import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { readTable } from '../../src/shared/table-io';
import { expect, test } from './fixtures';

const BAD_UNITS = `id,call_sign,agency,unit_type,capabilities,crew_size,district
SH-F-0101,黄浦消防 101,fire,水罐消防车,firefighting;high_rise,6,黄浦区
,无编号,fire,水罐消防车,,6,huangpu
SH-X-1,某单位,army,卡车,flying,0,朝阳区
`;
const GOOD_UNITS = `id,call_sign,agency,unit_type,capabilities,crew_size,district
SH-F-0101,黄浦消防 101,fire,水罐消防车,firefighting;high_rise,6,黄浦区
SH-M-0201,徐汇急救 201,medical,救护车,medical,3,徐汇
SH-P-0301,浦东巡警 301,police,巡逻车,traffic_control,2,pudong
`;

const count = (db: { prepare: (s: string) => { get: () => unknown } }, table: string): number =>
  (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

test.describe('resource import and export', () => {
  test('shows every row error before writing, imports a clean file in one go, exports what is stored', async ({
    page,
    wf,
  }) => {
    await page.goto('/#/resources/import');
    const file = page.locator('#import-file');
    await file.setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_UNITS) });
    const errors = page.getByTestId('import-errors');
    await expect(errors.getByRole('row')).toHaveCount(1 + 5);
    await expect(errors.getByRole('row').nth(1)).toContainText('3');
    await expect(errors.getByRole('row').nth(1)).toContainText('此项必填');
    await expect(errors).toContainText('不是上海 16 个区之一（现为“朝阳区”）');
    await expect(page.getByRole('button', { name: '确认导入' })).toBeDisabled();
    expect(count(wf.core.store.db, 'units')).toBe(0);
    await page.screenshot({ path: 'test-results/resources-import.zh-CN.png', animations: 'disabled' });

    await file.setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_UNITS) });
    await expect(page.getByTestId('import-preview')).toContainText('检查通过');
    await expect(page.getByTestId('import-preview')).toContainText('共 3 行：新增 3，更新 0');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已导入 3 行' })).toBeVisible();
    expect(count(wf.core.store.db, 'units')).toBe(3);

    // XLSX too: depots from a workbook.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('depots');
    ws.addRow(['code', 'name', 'district', 'contact_name', 'contact_phone']);
    ws.addRow(['HP-01', '黄浦区应急物资储备库', '黄浦区', '李建国', '021-63210000']);
    ws.addRow(['PD-02', '浦东新区防汛物资仓库', 'pudong', '王海', '021-58380000']);
    await page.locator('#import-kind').selectOption('depots');
    await file.setInputFiles({
      name: 'depots.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
    await expect(page.getByTestId('import-preview')).toContainText('检查通过');
    await page.getByRole('button', { name: '确认导入' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已导入 2 行' })).toBeVisible();
    expect(count(wf.core.store.db, 'depots')).toBe(2);

    // Export the units as XLSX and read the file back.
    await page.locator('#import-kind').selectOption('units');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('watchfloor-units.xlsx');
    const saved = await download.path();
    const table = await readTable('xlsx', new Uint8Array(fs.readFileSync(saved)));
    expect(table.rows.map((r) => r[1]).sort()).toEqual(['徐汇急救 201', '浦东巡警 301', '黄浦消防 101']);
  });
});
