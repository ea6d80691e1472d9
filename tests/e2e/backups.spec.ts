import path from 'node:path';
import { expect, test } from './fixtures';
import { report } from './seed';
import { tempDir } from '../helpers/tmp';

test('backups: integrity at start, back up now with progress, what each backup holds, the core-run schedule', async ({
  page,
  wf,
}) => {
  const out = tempDir('wf-e2e-backups-');
  try {
    for (const title of ['静安区居民楼厨房起火', '徐汇区漕溪北路燃气泄漏']) {
      const r = await wf.client.call(
        'incident.create',
        report({ title, category: 'fire', level: 3, district: 'jingan' }),
      );
      expect(r.ok).toBe(true);
    }
    // Backups are the duty chief's: a duty officer sees the button greyed out.
    await page.goto('/#/backups');
    await expect(page.getByTestId('integrity')).toContainText('数据完整性检查');
    await expect(page.getByTestId('backup-now')).toBeDisabled();
    const signed = await wf.client.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    expect(signed.ok).toBe(true);
    await page.reload();
    await expect(page.getByTestId('integrity')).toContainText('正常');
    // The default folder is beside the store.
    await expect(page.getByTestId('backup-dir')).toHaveValue(path.join(path.dirname(wf.dbFile), 'backups'));

    const dir = path.join(out.dir, 'nightly');
    await page.getByTestId('backup-dir').fill(dir);
    await page.getByTestId('backup-now').click();
    await expect(page.getByTestId('backup-result')).toContainText('备份已写入');
    const rows = page.getByTestId('backup-list').locator('tbody tr');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('incidents 2');

    await page.getByTestId('schedule-every').fill('6');
    await page.getByTestId('schedule-keep').fill('3');
    await page.getByTestId('schedule-save').click();
    await expect(page.getByTestId('schedule-state')).toContainText('核心每 6 小时备份到');
    const st = await wf.client.call('backup.schedule.get', {});
    expect(st.ok && [st.value.everyHours, st.value.keep, st.value.dir]).toEqual([6, 3, dir]);
    expect(st.ok && st.value.nextAt).toBeGreaterThan(Date.now());
    await page.screenshot({ path: 'test-results/backups.zh-CN.png', animations: 'disabled' });
  } finally {
    out.cleanup();
  }
});
