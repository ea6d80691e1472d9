import type { Page } from '@playwright/test';
import type { Channel, RequestOf, ResponseOf } from '../../src/shared/ipc';
import { expect, switchLanguage, test, type Watchfloor } from './fixtures';
import { report } from './seed';

const MIN = 60_000;

async function must<C extends Channel>(wf: Watchfloor, channel: C, req: RequestOf<C>): Promise<ResponseOf<C>> {
  const r = await wf.client.call(channel, req as never);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as ResponseOf<C>;
}

/** A morning on the floor: most reports acknowledged, three waiting for different lengths of time, one plan running late. */
async function morning(wf: Watchfloor): Promise<{ hazmat: string }> {
  const now = Date.now();
  const at = async <T>(minutesAgo: number, fn: () => Promise<T>): Promise<T> => {
    wf.setClock(now - minutesAgo * MIN);
    try {
      return await fn();
    } finally {
      wf.setClock(null);
    }
  };
  const rows: [number, Parameters<typeof report>[0], boolean][] = [
    [55, { title: '宝山区化工园区储罐泄漏', category: 'hazmat', level: 2, district: 'baoshan', channel: '119' }, true],
    [
      48,
      { title: '黄浦区南京东路步行街人流密集', category: 'crowd', level: 2, district: 'huangpu', channel: 'grid' },
      true,
    ],
    [41, { title: '徐汇区漕溪北路燃气泄漏', category: 'gas', level: 3, district: 'xuhui', channel: '110' }, true],
    [37, { title: '浦东新区世纪大道下立交积水', category: 'waterlogging', level: 3, district: 'pudong' }, true],
    [30, { title: '普陀区真如地铁站设备故障', category: 'metro', level: 3, district: 'putuo', channel: 'iot' }, true],
    [
      26,
      { title: '长宁区延安西路两车追尾', category: 'traffic', level: 4, district: 'changning', channel: '110' },
      true,
    ],
    [22, { title: '静安区居民楼厨房起火', category: 'fire', level: 3, district: 'jingan', channel: '119' }, true],
    [19, { title: '闵行区工地塔吊倾斜', category: 'construction', level: 2, district: 'minhang' }, true],
    [15, { title: '嘉定区小区停水', category: 'water_supply', level: 4, district: 'jiading' }, true],
    [12, { title: '松江区大学城暴雨积水', category: 'rainstorm', level: 3, district: 'songjiang' }, false],
    [
      8,
      { title: '金山区学校食堂疑似食物中毒', category: 'food_safety', level: 1, district: 'jinshan', channel: '120' },
      false,
    ],
    [
      3,
      { title: '奉贤区商场电梯困人', category: 'special_equipment', level: 4, district: 'fengxian', channel: '119' },
      false,
    ],
  ];
  let hazmat = '';
  for (const [ago, parts, ack] of rows) {
    const inc = await at(ago, () => must(wf, 'incident.create', report(parts)));
    if (parts.category === 'hazmat') hazmat = inc.id;
    if (ack) {
      await at(ago - 1, () => must(wf, 'incident.acknowledge', { id: inc.id }));
      await at(ago - 2, () => must(wf, 'incident.transition', { id: inc.id, to: 'verified' }));
    }
  }
  await at(50, () => must(wf, 'plan.activate', { incidentId: hazmat, planId: 'hazmat-leak' }));
  const [act] = await must(wf, 'plan.checklist', { incidentId: hazmat });
  await at(47, () => must(wf, 'plan.step', { stepId: act.steps[0].id, state: 'done' }));
  await at(40, () =>
    must(wf, 'plan.step', { stepId: act.steps[1].id, state: 'skipped', reason: '企业已提供MSDS：液氯' }),
  );
  await at(38, () => must(wf, 'incident.transition', { id: hazmat, to: 'responding' }));
  await must(wf, 'incident.assign', { id: hazmat, to: 'e2e' });
  return { hazmat };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png`, animations: 'disabled' });
}

test.describe('operator console in depth', () => {
  test('queue: escalation, filters, saved views, keyboard and help overlay', async ({ page, wf }) => {
    await morning(wf);
    await page.goto('/#/console');
    const waiting = page.getByRole('row', { name: /金山区学校食堂疑似食物中毒/ });
    await expect(waiting).toBeVisible();
    await expect(waiting).toHaveClass(/wf-row-esc-3/);
    await expect(page.getByRole('row', { name: /松江区大学城暴雨积水/ })).toHaveClass(/wf-row-esc-2/);
    await expect(page.getByRole('row', { name: /宝山区化工园区储罐泄漏/ })).toContainText('逾期');
    await expect(page.getByTestId('grid-count')).toHaveText('在办 12 起');
    await shot(page, 'queue.zh-CN');

    // Filters narrow the queue in the core; a saved view brings them back.
    await page.locator('[data-filter="district"]').selectOption('baoshan');
    await expect(page.getByTestId('grid-count')).toHaveText('在办 1 起');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByLabel('未确认').check();
    await expect(page.getByTestId('grid-count')).toHaveText('在办 3 起');
    await page.getByRole('button', { name: '保存视图' }).click();
    await page.getByLabel('视图名称').fill('待确认');
    await page.getByLabel('视图名称').press('Enter');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect(page.getByTestId('grid-count')).toHaveText('在办 12 起');
    await page.getByLabel('已存视图').selectOption({ label: '待确认' });
    await expect(page.getByTestId('grid-count')).toHaveText('在办 3 起');
    const views = await must(wf, 'queue.views.list', {});
    expect(views.map((v) => [v.name, v.filters])).toEqual([['待确认', { unacknowledgedOnly: true }]]);

    // Keyboard: next incident opens it, A acknowledges it, ? shows the shortcuts.
    await page.locator('body').click({ position: { x: 5, y: 1070 } });
    await page.keyboard.press('j');
    const detail = page.getByTestId('incident-detail');
    await expect(detail).toBeVisible();
    const title = (await detail.locator('h2').textContent()) ?? '';
    await page.keyboard.press('a');
    await expect(page.getByTestId('grid-count')).toHaveText('在办 2 起');
    const acked = wf.core.store.db.prepare('SELECT acknowledged_at FROM incidents WHERE title = ?').get(title) as {
      acknowledged_at: number | null;
    };
    expect(acked.acknowledged_at).not.toBeNull();
    await page.keyboard.press('?');
    await expect(page.getByTestId('help-overlay')).toContainText('确认所选事件');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('help-overlay')).toBeHidden();

    await page.getByRole('button', { name: '清除筛选' }).click();
    await switchLanguage(page, 'en');
    await expect(page.getByRole('columnheader', { name: 'Attention' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: 'Log a phone report' })).toBeVisible();
    await shot(page, 'queue.en');
  });

  test('incident with an active plan: checklist, overdue steps, done and skipped with reason', async ({ page, wf }) => {
    const { hazmat } = await morning(wf);
    await page.goto('/#/console');
    await page.getByRole('row', { name: /宝山区化工园区储罐泄漏/ }).click();
    const detail = page.getByTestId('incident-detail');
    const plan = detail.getByTestId('plan-checklist');
    await expect(plan).toContainText('危险化学品事故应急预案');
    await expect(plan.locator('.plan-step.overdue').first()).toContainText('超时');
    const cordon = plan.locator('[data-code="cordon"]');
    await cordon.getByRole('button', { name: '完成' }).click();
    await expect(cordon).toContainText('已完成');
    const traffic = plan.locator('[data-code="traffic"]');
    await traffic.getByRole('button', { name: '跳过' }).click();
    await traffic.getByLabel('跳过原因（必填）').fill('交警已在现场自行管制');
    await traffic.getByRole('button', { name: '跳过' }).click();
    await expect(traffic).toContainText('交警已在现场自行管制');
    await detail.getByLabel('添加记录').fill('下风向 800 米检测到氯气 0.5 ppm');
    await detail.getByRole('button', { name: '记录' }).click();
    await expect(detail.getByTestId('timeline')).toContainText('氯气 0.5 ppm');
    const states = wf.core.store.db
      .prepare("SELECT code, state, reason FROM plan_steps WHERE code IN ('cordon', 'traffic') ORDER BY code")
      .all();
    expect(states).toEqual([
      { code: 'cordon', state: 'done', reason: null },
      { code: 'traffic', state: 'skipped', reason: '交警已在现场自行管制' },
    ]);
    expect((await must(wf, 'incident.get', { id: hazmat })).timeline.at(-1)?.text).toContain('氯气');
    // The checklist is what the officer works from: show it from the top.
    await detail.locator('.detail-body').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'incident-plan.zh-CN');
    await switchLanguage(page, 'en');
    await expect(plan).toContainText('Hazardous chemical accident plan');
    await detail.locator('.detail-body').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'incident-plan.en');
  });

  test('merge proposal shows the reason and both incidents; merging keeps every report', async ({ page, wf }) => {
    const a = await must(wf, 'incident.create', {
      ...report({ title: '杨浦区控江路居民楼起火', category: 'fire', level: 3, district: 'yangpu', channel: '119' }),
      lat: 31.2726,
      lon: 121.5311,
      address: '控江路 1555 弄',
      reporterName: '陈先生',
    });
    const b = await must(wf, 'incident.create', {
      ...report({ title: '控江路附近冒黑烟', category: 'fire', level: 4, district: 'yangpu', channel: '12345' }),
      lat: 31.2733,
      lon: 121.5322,
      reporterName: '王女士',
    });
    const p = wf.core.console.merges.propose(a.id, b.id, false);
    expect(p).not.toBeNull();
    await page.goto('/#/merge');
    const card = page.getByTestId('merge-proposal');
    await expect(card).toContainText('同类别：火灾');
    await expect(card).toContainText(/相距 \d+ 米/);
    await expect(card.getByTestId('merge-side')).toHaveCount(2);
    await expect(card).toContainText('王女士');
    await shot(page, 'merge-proposal.zh-CN');
    await switchLanguage(page, 'en');
    await expect(card).toContainText('Same category');
    await shot(page, 'merge-proposal.en');
    await card.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect(page.getByText('No merge proposals')).toBeVisible();
    const merged = await must(wf, 'incident.get', { id: b.id });
    expect(merged.incident.status).toBe('merged');
    expect((await must(wf, 'incident.reports', { id: a.id })).length).toBe(2);
  });

  test('case search finds Chinese and English text with filters', async ({ page, wf }) => {
    const close = async (parts: Parameters<typeof report>[0], outcome: string, lessons: string): Promise<void> => {
      const inc = await must(wf, 'incident.create', report(parts));
      for (const to of ['verified', 'responding', 'contained'] as const)
        await must(wf, 'incident.transition', { id: inc.id, to });
      await must(wf, 'incident.close', { id: inc.id, outcome, lessons });
    };
    await close(
      { title: '浦东新区世纪大道下立交积水', category: 'waterlogging', level: 3, district: 'pudong' },
      '泵车强排两小时后积水排除，道路恢复通行',
      '下立交泵站应在暴雨蓝色预警后提前预排',
    );
    await close(
      { title: '宝山区友谊路积水', category: 'waterlogging', level: 4, district: 'baoshan' },
      'Pump trucks cleared the water in 40 minutes',
      '排水口被落叶堵塞，汛前应清掏',
    );
    await close(
      { title: '闵行区莘庄小区燃气泄漏', category: 'gas', level: 3, district: 'minhang' },
      '关阀后检测浓度归零，疏散居民32人',
      'Keep the gas utility valve map current',
    );
    await close(
      { title: '徐汇区徐家汇地铁站大客流', category: 'metro', level: 3, district: 'xuhui' },
      '限流45分钟后恢复',
      '节假日提前加开列车',
    );
    await page.goto('/#/cases');
    const search = page.getByTestId('case-search');
    await expect(search.getByTestId('case-hit')).toHaveCount(4);
    await search.getByRole('searchbox').fill('积水');
    await expect(search.getByTestId('case-hit')).toHaveCount(2);
    await expect(page.getByTestId('case-count')).toHaveText('2 个案例');
    await shot(page, 'case-search.zh-CN');
    await search.getByRole('combobox').nth(1).selectOption('baoshan');
    await expect(search.getByTestId('case-hit')).toHaveCount(1);
    await switchLanguage(page, 'en');
    await search.getByRole('combobox').nth(1).selectOption('');
    await search.getByRole('searchbox').fill('valve');
    await expect(search.getByTestId('case-hit')).toHaveCount(1);
    await expect(search.getByTestId('case-hit')).toContainText('闵行区莘庄小区燃气泄漏');
    await shot(page, 'case-search.en');
  });

  test('audit screen verifies the chain and offers no way to edit it', async ({ page, wf }) => {
    await morning(wf);
    await page.goto('/#/audit');
    await expect(page.getByTestId('audit-verdict')).toContainText('审计链完整');
    await expect(page.getByTestId('integrity')).toContainText('数据完整性检查：正常');
    await expect(page.getByRole('button', { name: /删除|修改|Delete|Edit/ })).toHaveCount(0);
    wf.core.store.db.exec('DROP TRIGGER audit_no_update');
    wf.core.store.db.prepare("UPDATE audit_log SET operator = 'x' WHERE seq = 5").run();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await expect(page.getByTestId('audit-verdict')).toContainText('第 5 条处断开（记录被修改）');
  });
});
