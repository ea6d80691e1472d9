import { startFeedServer, type FeedServer } from '../../src/main/core/feeds/server/feed-server';
import { expect, switchLanguage, test } from './fixtures';

let server: FeedServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

test.describe('feed source settings', () => {
  test('add, edit and disable a source; the token is write-only; screenshot', async ({ page, wf }) => {
    server = await startFeedServer({ mode: 'live', tokens: ['e2e-secret'], name: 'hotline-12345' });
    try {
      wf.core.startFeeds();
      await page.goto('/#/feeds');
      const form = page.getByRole('form', { name: '添加或编辑数据源' });
      await form.getByLabel('名称').fill('hotline-12345');
      await form.getByLabel('地址').fill(server.url);
      await form.getByLabel('令牌').fill('e2e-secret');
      await form.getByRole('button', { name: '添加数据源' }).click();

      const row = page.getByTestId('source-hotline-12345');
      await expect(row).toContainText('已启用');
      // The test core has no secure storage: the token stays in memory, and the screen says so.
      await expect(row).toContainText('仅在内存中');
      await expect(page.getByTestId('token-memory-notice')).toBeVisible();
      // The saved source connects with the token given.
      await expect(page.getByTestId('feed-hotline-12345')).toContainText('已连接');
      await expect(form.getByLabel('令牌')).toHaveValue('');

      // Edit: the token is never shown back; an empty field keeps it.
      await row.getByRole('button', { name: '编辑' }).click();
      await expect(form.getByLabel('地址')).toHaveValue(server.url);
      await expect(form.getByLabel('令牌')).toHaveValue('');
      await expect(form.getByLabel('令牌')).toHaveAttribute('placeholder', '留空则保留已保存的令牌');
      await expect(page.locator('body')).not.toContainText('e2e-secret');
      await form.getByRole('button', { name: '取消' }).click();

      await row.getByRole('button', { name: '停用' }).click();
      await expect(row).toContainText('已停用');
      await expect(page.getByTestId('feed-hotline-12345')).toContainText('已停止');
      expect(wf.core.feeds.list().find((s) => s.name === 'hotline-12345')?.enabled).toBe(false);
      await page.getByTestId('feed-sources').scrollIntoViewIfNeeded();
      await page.screenshot({ path: 'test-results/feeds-settings.zh-CN.png', animations: 'disabled' });

      await switchLanguage(page, 'en');
      await expect(row).toContainText('Disabled');
      await expect(row).toContainText('Memory only');
    } finally {
      wf.core.stopFeeds();
    }
  });
});
