import { assertNoReload, expect, markNoReload, switchLanguage, test } from './fixtures';
import { seedResources } from './resources-seed';
import { seed } from './seed';

test.describe('unit board', () => {
  test('shows every unit live, filters them, and opens one unit with its history and track', async ({ page, wf }) => {
    const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
    const s = seedResources(wf.core, incidents, wf.setClock);
    const all = wf.core.resources.units.list();
    await page.goto('/#/units');
    await expect(page.getByRole('row', { name: /黄浦消防 101/ })).toBeVisible();
    await expect(page.getByTestId('unit-count')).toHaveText(`显示 ${all.length} 支 / 共 ${all.length} 支`);
    await markNoReload(page);

    // Filters: agency, then capability on top of it.
    await page.locator('#f-agency').selectOption('medical');
    const medical = all.filter((u) => u.agency === 'medical');
    await expect(page.getByTestId('unit-count')).toHaveText(`显示 ${medical.length} 支 / 共 ${all.length} 支`);
    await expect(page.getByRole('row', { name: /黄浦消防 101/ })).toHaveCount(0);
    await page.locator('#f-agency').selectOption('');
    await page.locator('#f-capability').selectOption('high_rise');
    const highRise = all.filter((u) => u.capabilities.includes('high_rise'));
    await expect(page.getByTestId('unit-count')).toHaveText(`显示 ${highRise.length} 支 / 共 ${all.length} 支`);
    await page.locator('#f-capability').selectOption('');
    // The summary chip filters by status too.
    await page.getByTestId('status-summary').getByRole('button', { name: /停用/ }).click();
    await expect(page.getByTestId('unit-count')).toHaveText(`显示 2 支 / 共 ${all.length} 支`);
    await page.getByTestId('status-summary').getByRole('button', { name: /停用/ }).click();

    // Live: a status change made elsewhere reaches the board without a reload.
    const target = all.find((u) => u.status === 'available' && u.agency === 'water');
    if (!target) throw new Error('seed has no available water unit');
    // Narrow the board to it first: re-sorted by status it would leave the visible rows.
    await page.getByPlaceholder('输入呼号筛选').fill(target.callSign);
    await expect(page.getByTestId('unit-count')).toHaveText(`显示 1 支 / 共 ${all.length} 支`);
    await expect(page.getByRole('row', { name: new RegExp(target.callSign) })).toContainText('待命');
    const r = await wf.client.call('unit.setStatus', { id: target.id, status: 'out_of_service', reason: '泵车故障' });
    expect(r.ok).toBe(true);
    await expect(page.getByRole('row', { name: new RegExp(target.callSign) })).toContainText('停用');
    await page.getByPlaceholder('输入呼号筛选').fill('');

    // One unit: status history (who, when, why) and its track.
    await page.getByRole('row', { name: /黄浦消防 101/ }).click();
    const detail = page.getByTestId('unit-detail');
    await expect(detail.getByRole('heading', { name: /黄浦消防 101/ })).toBeVisible();
    const history = detail.getByTestId('status-history');
    await expect(history.getByRole('row')).toHaveCount(5); // header + registered, dispatched, en route, on scene
    await expect(history).toContainText('已派遣');
    await expect(history).toContainText('就近调派');
    await expect(history).toContainText('e2e@A-01');
    const points = Number(await detail.locator('svg.track').getAttribute('data-points'));
    expect(points).toBeGreaterThan(300);
    expect(s.trackedUnit).toBe('SH-FIRE-101');

    // Status rules from the detail: the reason is required to take a unit out of service.
    await page.getByPlaceholder('输入呼号筛选').fill('徐汇特勤');
    await page.getByRole('row', { name: /徐汇特勤 108/ }).click();
    await expect(detail.getByRole('heading', { name: /徐汇特勤 108/ })).toBeVisible();
    await detail.locator('#unit-target').selectOption('out_of_service');
    await expect(detail.getByRole('button', { name: '确认变更' })).toBeDisabled();
    await detail.getByLabel('原因').fill('轮胎更换');
    await detail.getByRole('button', { name: '确认变更' }).click();
    await expect(detail.getByTestId('status-history')).toContainText('轮胎更换');
    await expect(detail.getByRole('heading', { name: /徐汇特勤 108/ })).toContainText('停用');
    await assertNoReload(page);
  });

  test('recommends units for an incident with the reasons, and dispatches from the list', async ({ page, wf }) => {
    const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
    seedResources(wf.core, incidents, wf.setClock);
    const fire = incidents.find((i) => i.title === '静安区居民楼厨房起火');
    if (!fire) throw new Error('seed has no fire');
    await page.goto('/#/units');
    const panel = page.getByTestId('recommend');
    await panel.locator('#rec-incident').selectOption(fire.id);
    const expected = await wf.client.call('unit.recommend', { incidentId: fire.id, limit: 12 });
    if (!expected.ok) throw new Error(expected.error.message);
    const items = panel.getByTestId('rec-item');
    await expect(items).toHaveCount(expected.value.length);
    const top = expected.value[0];
    await expect(items.first()).toContainText(top.unit.callSign);
    await expect(items.first()).toContainText(`${top.distanceKm.toFixed(1)} 公里`);
    await expect(items.first()).toContainText(`约 ${top.etaMin.toFixed(0)} 分钟`);
    // A unit that lacks what a fire needs says so.
    const lacking = expected.value.findIndex((r) => r.missing.length > 0);
    await expect(items.nth(lacking)).toContainText('缺少');
    await page.screenshot({ path: 'test-results/units-recommend.zh-CN.png', animations: 'disabled' });

    await items.first().getByRole('button', { name: '派遣' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `已派遣 ${top.unit.callSign} 前往 ${fire.ref}` }),
    ).toBeVisible();
    await expect(items.first()).not.toContainText(top.unit.callSign);
    const unit = wf.core.resources.units.get(top.unit.id);
    expect([unit.status, unit.incidentId]).toEqual(['dispatched', fire.id]);
    expect(wf.core.incidents.timeline(fire.id).some((e) => e.kind === 'unit.dispatched')).toBe(true);
  });

  test('screenshots of the unit board in both languages', async ({ page, wf }) => {
    const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
    seedResources(wf.core, incidents, wf.setClock);
    await page.goto('/#/units');
    await page.getByRole('row', { name: /黄浦消防 101/ }).click();
    await expect(page.getByTestId('unit-detail').locator('svg.track')).toBeVisible();
    await expect(page.getByTestId('status-history').getByRole('row')).toHaveCount(5);
    await page.screenshot({ path: 'test-results/units.zh-CN.png', animations: 'disabled' });
    await switchLanguage(page, 'en');
    await expect(page.getByRole('columnheader', { name: 'Call sign' })).toBeVisible();
    await expect(page.getByTestId('status-history')).toContainText('Dispatched');
    await page.screenshot({ path: 'test-results/units.en.png', animations: 'disabled' });
  });
});

test.describe('depots and stock', () => {
  test('shows stock with alerts, refuses an allocation beyond stock, records a good one live', async ({ page, wf }) => {
    const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
    const s = seedResources(wf.core, incidents, wf.setClock);
    await page.goto('/#/depots');
    const alerts = page.getByTestId('stock-alerts');
    await expect(alerts.locator('.alert.ak-low_stock').first()).toBeVisible();
    // PD-02 received 3,700 sandbags, allocated 3,300 and got 300 back: 700 left, under the 2,000 minimum.
    await expect(alerts).toContainText('浦东新区防汛物资仓库 · 防汛沙袋：700 只（下限 2,000）');
    await expect(alerts.locator('.alert.ak-expired')).toContainText('急救包');
    await markNoReload(page);

    await page.locator('#depot-filter').selectOption({ label: '浦东新区防汛物资仓库' });
    const grid = page.getByTestId('stock-grid');
    await expect(grid.getByRole('row', { name: /防汛沙袋/ })).toContainText('700');
    await expect(page.getByTestId('depot-card')).toContainText('王海');

    const before = (wf.core.store.db.prepare('SELECT count(*) AS n FROM stock_ledger').get() as { n: number }).n;
    const form = page.getByTestId('movement-form');
    await form.locator('#mv-kind').selectOption('allocate');
    await form.locator('#mv-itemId').selectOption({ label: '防汛沙袋（只）' });
    await form.locator('#mv-qty').fill('800');
    await form.locator('#mv-incidentId').selectOption({ index: 1 });
    await form.getByRole('button', { name: '登记' }).click();
    await expect(page.getByRole('alert').or(page.locator('.toast-error')).first()).toContainText('700');
    expect((wf.core.store.db.prepare('SELECT count(*) AS n FROM stock_ledger').get() as { n: number }).n).toBe(before);

    await form.locator('#mv-qty').fill('200');
    await form.getByRole('button', { name: '登记' }).click();
    await expect(grid.getByRole('row', { name: /防汛沙袋/ })).toContainText('500');
    await expect(page.getByTestId('ledger').getByRole('row').nth(1)).toContainText('−200 只');
    expect(wf.core.resources.ledger.verify()).toEqual([]);
    expect(s.depots).toHaveLength(6);
    await assertNoReload(page);
  });

  test('screenshots of the depot screen in both languages', async ({ page, wf }) => {
    const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
    seedResources(wf.core, incidents, wf.setClock);
    await page.goto('/#/depots');
    await expect(page.getByTestId('stock-alerts').locator('.alert').first()).toBeVisible();
    await expect(page.getByTestId('ledger').getByRole('row').nth(1)).toBeVisible();
    await page.screenshot({ path: 'test-results/depots.zh-CN.png', animations: 'disabled' });
    await switchLanguage(page, 'en');
    await expect(page.getByRole('heading', { name: 'Stock alerts' })).toBeVisible();
    await page.screenshot({ path: 'test-results/depots.en.png', animations: 'disabled' });
  });
});
