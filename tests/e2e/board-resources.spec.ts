import { expect, markNoReload, assertNoReload, test, setStoredLanguage } from './fixtures';
import { seedResources } from './resources-seed';
import { seed } from './seed';

/**
 * The Resources preset on a 1920×1080 wall, from a store seeded with a
 * morning's units and six depots: unit status tiles agree with the store,
 * the depot-stock panel counts and marks the low-stock, expired and
 * expiring lines the ledger gives, and follows a stock movement live.
 */
test('resources board: depot stock with low-stock and expiry alerts, live; zh-CN and en', async ({ page, wf }) => {
  const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
  const s = seedResources(wf.core, incidents, wf.setClock);
  const summary = wf.core.resources.stock.stock(30);
  const low = summary.filter((r) => r.low);
  const expired = summary.filter((r) => r.expiredQty > 0);
  const expiring = summary.filter((r) => r.expiringQty > 0);
  // The seed must exercise every kind of alert, or this test proves nothing about them.
  expect(low.length).toBeGreaterThan(0);
  expect(expired.length).toBeGreaterThan(0);
  expect(expiring.length).toBeGreaterThan(0);
  const byStatus = new Map<string, number>();
  for (const u of wf.core.resources.units.list()) byStatus.set(u.status, (byStatus.get(u.status) ?? 0) + 1);

  await page.goto('/#/wall/resources');
  const panel = page.getByTestId('panel-stock');
  await expect(panel.getByTestId('ds-count-low_stock')).toContainText(`低库存${low.length}`);
  await expect(panel.getByTestId('ds-count-expired')).toContainText(`已过期${expired.length}`);
  await expect(panel.getByTestId('ds-count-expiring')).toContainText(`临期${expiring.length}`);
  for (const [status, n] of byStatus) {
    await expect(page.locator(`[data-testid="unit-status-${status}"] .kt-value`)).toHaveText(String(n));
  }
  // Alert lines come first: expired stock, then low stock the shortest first (Pudong's pumps, 1 of 4).
  const lines = panel.getByTestId('ds-line');
  await expect(lines).toHaveCount(summary.length);
  await expect(lines.first()).toHaveAttribute('data-flags', 'expired');
  await expect(lines.nth(1)).toHaveAttribute('data-flags', 'low_stock');
  await expect(lines.nth(1)).toContainText('移动排涝泵');
  const pumps = lines.filter({ hasText: '浦东新区防汛物资仓库' }).filter({ hasText: '移动排涝泵' });
  await expect(pumps).toContainText('▼ 低库存');
  await expect(pumps).toContainText('下限 4');
  const kits = lines.filter({ hasText: '闵行区救灾物资储备点' }).filter({ hasText: '急救包' });
  await expect(kits).toContainText('✕ 已过期');
  await expect(kits).toContainText('过期 55 套');
  await expect(lines.filter({ hasText: '◷ 临期' }).first()).toBeVisible();
  // What does not fit whole is not drawn half-cut: the footer says how many lines are not shown.
  const shown = await panel.locator('[data-testid="ds-line"]:not(.ds-cut)').count();
  expect(shown).toBeGreaterThan(5);
  if (shown < summary.length) {
    await expect(panel.getByTestId('ds-more')).toContainText(`另有 ${summary.length - shown} 项`);
  }
  await page.screenshot({ path: 'test-results/board-resources.zh-CN.png', animations: 'disabled' });

  // Live: pumps received at Pudong lift it above the minimum; the panel follows without a reload.
  await markNoReload(page);
  const pd = s.depots.find((d) => d.code === 'PD-02');
  const pumpItem = s.items.find((i) => i.code === 'PUMP');
  if (!pd || !pumpItem) throw new Error('seed has no Pudong depot or pumps');
  const moved = await wf.client.call('stock.move', { kind: 'receive', depotId: pd.id, itemId: pumpItem.id, qty: 6 });
  expect(moved.ok).toBe(true);
  await expect(panel.getByTestId('ds-count-low_stock')).toContainText(`低库存${low.length - 1}`);
  await expect(pumps).toHaveAttribute('data-flags', '');
  await expect(pumps).toContainText('正常');
  await assertNoReload(page);

  await setStoredLanguage(page, 'en');
  await expect(panel.getByTestId('ds-count-low_stock')).toContainText(`LOW${low.length - 1}`);
  await expect(panel.getByTestId('ds-count-expired')).toContainText(`EXPIRED${expired.length}`);
  await expect(kits).toContainText('✕ EXPIRED');
  await page.screenshot({ path: 'test-results/board-resources.en.png', animations: 'disabled' });

  // The same board on a desk at 1920×1080, under the app's top bar.
  await page.goto('/#/board/resources');
  await expect(page.getByTestId('panel-stock').getByTestId('ds-count-expired')).toContainText(
    `EXPIRED${expired.length}`,
  );
  // The map has drawn its units (its data arrives on its own; the screenshot must show it).
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-units', /^[1-9]/);
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-hidden-labels', /.*/);
  await page.screenshot({ path: 'test-results/board-resources-desk.en.png', animations: 'disabled' });
});
