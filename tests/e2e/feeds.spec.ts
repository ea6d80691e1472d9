import { startFeedServer, type FeedServer } from '../../src/main/core/feeds/server/feed-server';
import { expect, switchLanguage, test } from './fixtures';

let server: FeedServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

test.describe('feeds', () => {
  test('feed health and quarantine follow the live feed; screenshots in both languages', async ({ page, wf }) => {
    server = await startFeedServer({ mode: 'live', tokens: ['e2e'], name: 'hotline-12345' });
    const bad = await startFeedServer({ mode: 'exercise', tokens: ['e2e'], name: 'exercise-controller' });
    try {
      wf.core.feeds.addSessionSource('hotline-12345', server.url, 'e2e');
      wf.core.feeds.addSessionSource('exercise-controller', bad.url, 'e2e');
      wf.core.feeds.addSessionSource('iot-gas', server.url, 'wrong-token');
      await page.goto('/#/feeds');
      wf.core.startFeeds();
      for (let i = 0; i < 5; i++) {
        server.publish('hotline-12345', 'incident.reported', {
          externalRef: `HL-${i}`,
          title: `市民来电 ${i}`,
          category: 'waterlogging',
          location: { district: '浦东新区', lat: 31.2 + i / 100, lon: 121.55 },
          reporter: { channel: '12345' },
        });
      }
      server.skip('hotline-12345', 2);
      server.publishRaw('hotline-12345', (seq: number) => ({
        v: 1,
        stream: 'hotline-12345',
        seq,
        id: `x${seq}`,
        type: 'incident.deleted',
        ts: '2026-11-29T09:00:00+08:00',
        payload: {},
      }));
      server.publishRaw('hotline-12345', (seq: number) => ({
        v: 1,
        stream: 'hotline-12345',
        seq,
        id: `y${seq}`,
        type: 'unit.position',
        ts: '2026-11-29T09:00:00+08:00',
        payload: { unitId: 'U1', lat: 123, lon: 121, at: '2026-11-29T09:00:00+08:00' },
      }));

      const row = page.getByTestId('feed-hotline-12345');
      await expect(row).toContainText('已连接');
      await expect(row.locator('td').nth(5)).toHaveText('1');
      await expect(row.locator('td').nth(6)).toHaveText('2');
      await expect(page.getByTestId('feed-exercise-controller')).toContainText('已拒绝（模式不符）');
      await expect(page.getByTestId('feed-iot-gas')).toContainText('未授权');
      // What went wrong, in the operator's language; the core's own words stay in the title.
      const refusedWhy = page.getByTestId('feed-exercise-controller').locator('.feed-error');
      await expect(refusedWhy).toHaveText('数据源为演练模式，与本席位不符：已拒绝，未存储任何数据');
      await expect(refusedWhy).toHaveAttribute('title', /exercise mode; this seat is live/);
      await expect(page.getByTestId('feed-iot-gas').locator('.feed-error')).toHaveText(
        '数据源拒绝了令牌：请在数据源设置中检查令牌',
      );
      const quarantine = page.getByTestId('quarantine');
      await expect(quarantine.getByRole('row')).toHaveCount(3);
      await expect(quarantine).toContainText('未知事件类型');
      await expect(quarantine).toContainText('坐标无效');
      await page.getByLabel('原因').selectOption('bad_coordinates');
      await expect(quarantine.getByRole('row')).toHaveCount(2);
      await page.getByLabel('原因').selectOption('');

      // An operator command refused by the source system is shown with its reason.
      server.setCommandHandler(() => ({ ok: false, error: '源系统：该工单已办结，不能再确认' }));
      const incident = wf.core.incidents.list('all', 10)[0];
      expect((await wf.client.call('feeds.acknowledge', { incidentId: incident.id })).ok).toBe(true);
      const outbox = page.getByTestId('outbox');
      await expect(outbox).toContainText('被拒绝');
      await expect(outbox).toContainText('源系统：该工单已办结，不能再确认');
      await expect(outbox).toContainText('确认事件');
      await page.screenshot({ path: 'test-results/feeds.zh-CN.png', animations: 'disabled' });

      // The board shows the same states in a strip.
      await page.getByRole('link', { name: '态势总览' }).click();
      const strip = page.getByTestId('feed-strip');
      await expect(strip).toContainText('hotline-12345 · 已连接');
      await expect(strip).toContainText('iot-gas · 未授权');
      await page.getByRole('link', { name: '数据接入' }).click();

      await switchLanguage(page, 'en');
      await expect(row).toContainText('Connected');
      await expect(quarantine).toContainText('Unknown event type');
      await expect(page.getByTestId('feed-iot-gas').locator('.feed-error')).toHaveText(
        'The feed refused the token: check the token in the source settings',
      );
      await page.screenshot({ path: 'test-results/feeds.en.png', animations: 'disabled' });
    } finally {
      wf.core.stopFeeds();
      await bad.close();
    }
  });
});
