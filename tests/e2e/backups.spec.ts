import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, switchLanguage, test, type Watchfloor } from './fixtures';
import { report } from './seed';

// The page talks to a seat runtime: restoring closes and reopens the live store and reloads the page.
test.use({ seatRuntime: true });

async function create(wf: Watchfloor, title: string): Promise<void> {
  const r = await wf.client.call('incident.create', report({ title, category: 'fire', level: 3, district: 'jingan' }));
  expect(r.ok).toBe(true);
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png`, animations: 'disabled' });
}

test('backups: integrity at start, folder picker, back up now with progress, the core-run schedule', async ({
  page,
  wf,
}) => {
  for (const title of ['静安区居民楼厨房起火', '徐汇区漕溪北路燃气泄漏']) await create(wf, title);
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

  // "Choose…" asks the shell's native picker; cancelling keeps what is typed.
  wf.pickedFolder = null;
  await page.getByTestId('backup-choose').click();
  await expect(page.getByTestId('backup-dir')).toHaveValue(path.join(path.dirname(wf.dbFile), 'backups'));
  const dir = path.join(path.dirname(wf.dbFile), 'nightly');
  fs.mkdirSync(dir);
  wf.pickedFolder = dir;
  await page.getByTestId('backup-choose').click();
  await expect(page.getByTestId('backup-dir')).toHaveValue(dir);
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-result')).toContainText('备份已写入');
  const rows = page.getByTestId('backup-list').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('事件 2');
  await expect(rows.first()).toContainText('完好');

  await page.getByTestId('schedule-every').fill('6');
  await page.getByTestId('schedule-keep').fill('3');
  await page.getByTestId('schedule-save').click();
  await expect(page.getByTestId('schedule-state')).toContainText('核心每 6 小时备份到');
  const st = await wf.client.call('backup.schedule.get', {});
  expect(st.ok && [st.value.everyHours, st.value.keep, st.value.dir]).toEqual([6, 3, dir]);
  expect(st.ok && st.value.nextAt).toBeGreaterThan(Date.now());
  // The change is in the audit log with what it was before.
  const audit = await wf.client.call('audit.list', { limit: 5 });
  const entry = audit.ok ? audit.value.find((e) => e.action === 'backup.schedule.set') : undefined;
  expect(JSON.parse(entry?.before ?? '{}')).toMatchObject({ everyHours: 0, keep: 14 });
  await shot(page, 'backups.zh-CN');
});

test('restore: see what a backup holds, confirm by its time, every window reloads on the restored store', async ({
  page,
  wf,
}) => {
  for (const title of ['静安区居民楼厨房起火', '徐汇区漕溪北路燃气泄漏']) await create(wf, title);
  const dir = wf.pickedFolder ?? '';
  const job = await wf.client.call('backup.create', { dir });
  // Only the duty chief may back up and restore; the seat starts as a duty officer.
  expect(job.ok ? '' : job.error.code).toBe('refused');
  expect((await wf.client.call('session.signIn', { operator: '张伟', role: 'duty_chief' })).ok).toBe(true);
  await page.goto('/#/backups');
  await page.getByTestId('backup-choose').click();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('backup-result')).toContainText('备份已写入');
  // Written after the backup: the restore takes it away.
  await create(wf, '长宁区延安西路两车追尾');
  // A damaged copy lists, but cannot be restored.
  const [good] = fs.readdirSync(dir).filter((f) => f.endsWith('.db'));
  const bytes = fs.readFileSync(path.join(dir, good));
  const torn = Buffer.concat([bytes, Buffer.alloc(bytes.readUInt16BE(16))]);
  torn.writeUInt32BE(bytes.readUInt32BE(28) + 1, 28);
  fs.writeFileSync(path.join(dir, 'watchfloor-live-damaged.db'), torn);
  await page.getByTestId('backup-refresh').click();
  const rows = page.getByTestId('backup-list').locator('tbody tr');
  await expect(rows).toHaveCount(2);

  await rows.filter({ hasText: '已损坏' }).click();
  await expect(page.getByTestId('backup-detail-integrity')).toContainText('已损坏');
  await expect(page.getByTestId('restore-blocked')).toContainText('未通过完整性检查');
  await expect(page.getByTestId('restore-start')).toBeDisabled();

  await rows.filter({ hasText: '完好' }).click();
  await expect(page.getByTestId('backup-detail-counts')).toContainText('事件 2');
  await expect(page.getByTestId('backup-detail-integrity')).toHaveText('完好');
  await page.getByTestId('restore-start').click();
  const confirm = page.getByTestId('restore-confirm');
  const taken = (await page.locator('#backup-detail-h').textContent())?.replace(' 的备份', '') ?? '';
  expect(taken).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  await expect(confirm).toContainText(`用 ${taken} 的备份恢复？`);
  await expect(confirm).toContainText('事件 2');
  await expect(page.getByTestId('restore-confirm-button')).toHaveText(`确认恢复 ${taken} 的备份`);
  await shot(page, 'backup-restore.zh-CN');

  await page.getByTestId('restore-confirm-button').click();
  // The seat reloads the page on the restored store: the late incident is gone, the restore is on record.
  await expect(page.getByTestId('last-restore')).toContainText(`由 张伟 恢复了 ${taken} 的备份`);
  const list = await wf.client.call('incident.list', { scope: 'all', limit: 100 });
  expect(list.ok && list.value.map((i) => i.title).sort()).toEqual(['徐汇区漕溪北路燃气泄漏', '静安区居民楼厨房起火']);
  const verdict = await wf.client.call('audit.verify', {});
  expect(verdict.ok && verdict.value.intact).toBe(true);
  await expect(page.getByTestId('session-role')).toHaveText('值班长');
  // The window reloaded on the folder it was looking at, with the backup still listed.
  await expect(page.getByTestId('backup-dir')).toHaveValue(dir);
  await expect(page.getByTestId('backup-list').locator('tbody tr')).toHaveCount(2);
  await shot(page, 'backup-restored.zh-CN');
  expect(fs.readdirSync(path.dirname(wf.dbFile)).some((f) => f.startsWith('live.db.before-restore-'))).toBe(true);

  // The same, in English.
  await switchLanguage(page, 'en');
  await page.getByTestId('backup-list').locator('tbody tr').filter({ hasText: 'intact' }).click();
  await expect(page.getByTestId('backup-detail-counts')).toContainText('incidents 2');
  await page.getByTestId('restore-start').click();
  await expect(page.getByTestId('restore-confirm')).toContainText(`Restore the backup taken ${taken}?`);
  await expect(page.getByTestId('last-restore')).toContainText(`by 张伟, from the backup taken ${taken}`);
  await shot(page, 'backup-restore.en');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('restore-confirm')).toBeHidden();

  // A duty officer sees why the button is greyed.
  await wf.client.call('operator.save', { name: '王敏', displayName: '王敏', roles: ['duty_officer'] });
  await wf.client.call('session.signIn', { operator: '王敏', role: 'duty_officer' });
  await page.reload();
  await page.getByTestId('backup-choose').click();
  await page.getByTestId('backup-list').locator('tbody tr').filter({ hasText: 'intact' }).click();
  await expect(page.getByTestId('restore-start')).toBeDisabled();
  await expect(page.getByTestId('backup-detail')).toContainText('Only the duty chief may restore a backup.');
  await switchLanguage(page, 'zh-CN');
});
