import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { report } from './seed';
import { tempDir } from '../helpers/tmp';

test('reports: an incident report and the daily report are exported from the screens to a typed folder', async ({
  page,
  wf,
}) => {
  const out = tempDir('wf-e2e-reports-');
  try {
    const r = await wf.client.call(
      'incident.create',
      report({ title: '静安区居民楼厨房起火', category: 'fire', level: 3, district: 'jingan' }),
    );
    expect(r.ok).toBe(true);
    await page.goto('/#/console');
    await page.getByRole('row', { name: /静安区居民楼厨房起火/ }).click();
    const box = page.getByTestId('report-export-incident');
    // The default folder is beside the store.
    await expect(box.getByTestId('report-dir')).toHaveValue(path.join(path.dirname(wf.dbFile), 'reports'));
    await box.getByTestId('report-dir').fill(out.dir);
    await box.getByTestId('report-format').selectOption('csv');
    await box.getByTestId('report-export').click();
    const files = box.getByTestId('report-files');
    await expect(files).toContainText('.csv');
    const csv = (await files.locator('li').first().textContent()) ?? '';
    expect(fs.readFileSync(csv, 'utf8')).toContain('静安区居民楼厨房起火');

    await page.goto('/#/reports');
    const daily = page.getByTestId('report-export-daily');
    // The folder can also be chosen with the (stood-in) native picker.
    wf.pickedFolder = out.dir;
    await daily.getByTestId('report-choose').click();
    await expect(daily.getByTestId('report-dir')).toHaveValue(out.dir);
    await daily.getByTestId('report-format').selectOption('xlsx');
    await daily.getByTestId('report-export').click();
    await expect(daily.getByTestId('report-files')).toContainText('.xlsx');
    const xlsx = (await daily.getByTestId('report-files').locator('li').first().textContent()) ?? '';
    // An XLSX is a zip: it starts with PK.
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  } finally {
    out.cleanup();
  }
});
