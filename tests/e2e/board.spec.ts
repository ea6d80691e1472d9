import type { Page } from '@playwright/test';
import { assertNoReload, chartPixels, chartSettled, expect, markNoReload, switchLanguage, test } from './fixtures';
import { report, seed } from './seed';

async function kpi(page: Page, id: string): Promise<number> {
  const text = await page.getByTestId(`kpi-${id}-value`).innerText();
  return Number(text);
}

async function chartTotal(page: Page): Promise<number> {
  return Number(await page.getByTestId('trend-chart').getAttribute('data-total'));
}

test.describe('board', () => {
  test('a report logged at the console raises its level tile and the chart', async ({ page, wf }) => {
    await seed(wf.client, { count: 12, spreadHours: 20, setClock: wf.setClock });
    await page.goto('/#/board');
    await expect(page.getByTestId('kpi-open-total-value')).toHaveText('12');
    const level3 = await kpi(page, 'level-3');
    await chartSettled(page, 12);
    const pixelsBefore = await chartPixels(page);
    expect(pixelsBefore).toBeGreaterThan(5000);
    await markNoReload(page);

    await page.getByRole('link', { name: '接警台' }).click();
    const form = page.getByTestId('report-form');
    await form.getByLabel('事件标题').fill('浦东新区张江路积水严重');
    await form.getByLabel('类别').selectOption('waterlogging');
    await form.locator('.level-option', { hasText: '较大' }).click();
    await form.getByLabel('所在区').selectOption('pudong');
    await form.getByLabel('报告人电话').fill('021-12345678');
    await form.getByRole('button', { name: '登记报告' }).click();
    await expect(page.getByRole('row', { name: /浦东新区张江路积水严重/ })).toBeVisible();

    await page.getByRole('link', { name: '态势总览' }).click();
    await expect(page.getByTestId('kpi-level-3-value')).toHaveText(String(level3 + 1));
    await expect(page.getByTestId('kpi-open-total-value')).toHaveText('13');
    await chartSettled(page, 13);
    // Redrawn in place (the axis may rescale, so the pixel count changes either way).
    const pixelsAfter = await chartPixels(page);
    expect(pixelsAfter).toBeGreaterThan(5000);
    expect(pixelsAfter).not.toBe(pixelsBefore);
    await assertNoReload(page);
  });

  test('a change pushed from the core updates tiles and chart in place', async ({ page, wf }) => {
    await seed(wf.client, { count: 6, spreadHours: 10, setClock: wf.setClock });
    await page.goto('/#/board');
    await expect(page.getByTestId('kpi-open-total-value')).toHaveText('6');
    await chartSettled(page, 6);
    const pixelsBefore = await chartPixels(page);
    const level1 = await kpi(page, 'level-1');
    const newHour = await kpi(page, 'new-hour');
    await markNoReload(page);

    const r = await wf.client.call(
      'incident.create',
      report({ title: '宝山区钢厂危化品泄漏', category: 'hazmat', level: 1, district: 'baoshan', channel: '119' }),
    );
    expect(r.ok).toBe(true);

    await expect(page.getByTestId('kpi-level-1-value')).toHaveText(String(level1 + 1));
    await expect(page.getByTestId('kpi-open-total-value')).toHaveText('7');
    await expect(page.getByTestId('kpi-new-hour-value')).toHaveText(String(newHour + 1));
    await chartSettled(page, 7);
    expect(await chartTotal(page)).toBe(7);
    const pixelsAfter = await chartPixels(page);
    expect(pixelsAfter).toBeGreaterThan(5000);
    expect(pixelsAfter).not.toBe(pixelsBefore);
    await expect(page.getByTestId('freshness').first()).toBeVisible();
    await assertNoReload(page);
  });

  test('screenshots of the overview board in both languages', async ({ page, wf }) => {
    await seed(wf.client, { count: 40, spreadHours: 23, setClock: wf.setClock });
    await page.goto('/#/board');
    await expect(page.getByTestId('kpi-open-total-value')).toHaveText('40');
    await chartSettled(page, 40);
    expect(await chartPixels(page)).toBeGreaterThan(5000);
    await page.screenshot({ path: 'test-results/board-overview.zh-CN.png', animations: 'disabled' });

    await switchLanguage(page, 'en');
    await expect(page.getByText('Open total')).toBeVisible();
    await chartSettled(page, 40);
    expect(await chartPixels(page)).toBeGreaterThan(5000);
    await page.screenshot({ path: 'test-results/board-overview.en.png', animations: 'disabled' });
  });
});
