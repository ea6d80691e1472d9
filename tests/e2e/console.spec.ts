import { assertNoReload, expect, markNoReload, switchLanguage, test } from './fixtures';
import { report, seed } from './seed';

const TITLE = '浦东新区张江路积水严重';

test.describe('console', () => {
  test('a phone report typed into the form is stored and appears in the grid at once', async ({ page, wf }) => {
    await seed(wf.client, { count: 5 });
    await page.goto('/#/console');
    await expect(page.getByRole('row', { name: /南京东路步行街人流密集/ })).toBeVisible();
    await markNoReload(page);

    const form = page.getByTestId('report-form');
    await form.getByLabel('事件标题').fill(TITLE);
    await form.getByLabel('类别').selectOption('waterlogging');
    await form.locator('.level-option', { hasText: '较大' }).click();
    await form.getByLabel('所在区').selectOption('pudong');
    await form.getByLabel('地址').fill('张江路 500 号');
    await form.getByLabel('报告渠道').selectOption('12345');
    await form.getByLabel('报告人姓名').fill('张先生');
    await form.getByLabel('报告人电话').fill('13912345678');
    await form.getByLabel('纬度').fill('31.2035');
    await form.getByLabel('经度').fill('121.5900');
    await form.getByRole('button', { name: '登记报告' }).click();

    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await expect(row).toBeVisible();
    await expect(row).toHaveClass(/wf-row-fresh/);
    await expect(row).toContainText('III');
    await expect(row).toContainText('浦东新区');
    await expect(form.getByLabel('事件标题')).toHaveValue('');
    await expect(page.getByRole('status').filter({ hasText: TITLE })).toBeVisible();

    // Stored: read the SQLite file through the core.
    const stored = wf.core.store.db
      .prepare(
        `SELECT i.title, i.category, i.level, i.district, i.address, i.lat, i.lon, r.reporter_name AS name, r.reporter_phone AS phone
         FROM incidents i JOIN reports r ON r.incident_id = i.id WHERE i.title = ?`,
      )
      .all(TITLE);
    expect(stored).toEqual([
      {
        title: TITLE,
        category: 'waterlogging',
        level: 3,
        district: 'pudong',
        address: '张江路 500 号',
        lat: 31.2035,
        lon: 121.59,
        name: '张先生',
        phone: '13912345678',
      },
    ]);
    await expect(page.getByTestId('grid-count')).toHaveText('在办 6 起');
    await assertNoReload(page);
  });

  test('a bad form shows messages next to its fields and stores nothing', async ({ page, wf }) => {
    await page.goto('/#/console');
    // An empty queue says so, rather than loading forever.
    await expect(page.getByTestId('incident-grid').locator('.ag-overlay')).toContainText('暂无在办事件');
    await expect(page.getByTestId('report-form')).toBeVisible();
    const form = page.getByTestId('report-form');
    await form.getByLabel('报告人电话').fill('call me maybe');
    await form.getByLabel('纬度').fill('31.2');
    await form.getByRole('button', { name: '登记报告' }).click();

    await expect(form.locator('[data-field="title"] [data-testid="error-title"]')).toHaveText('此项必填。');
    await expect(form.locator('[data-field="reporterPhone"] [data-testid="error-reporterPhone"]')).toContainText(
      '电话号码格式不正确',
    );
    await expect(form.locator('[data-field="lat"] [data-testid="error-lat"]')).toHaveText(
      '纬度和经度须同时填写或同时留空。',
    );
    await expect(form.locator('[data-field="category"] [data-testid="error-category"]')).toHaveText('请从列表中选择。');
    await expect(form.locator('[data-field="level"] [data-testid="error-level"]')).toHaveText('请从列表中选择。');
    await expect(form.getByLabel('事件标题')).toHaveAttribute('aria-invalid', 'true');
    // What was typed is kept so the officer can correct it.
    await expect(form.getByLabel('报告人电话')).toHaveValue('call me maybe');

    // A one-character title is caught too, with its own message.
    await form.getByLabel('事件标题').fill('火');
    await form.getByRole('button', { name: '登记报告' }).click();
    await expect(form.getByTestId('error-title')).toHaveText('标题至少 2 个字。');

    await page.screenshot({ path: 'test-results/console-validation.zh-CN.png', animations: 'disabled' });

    const n = wf.core.store.db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number };
    expect(n.n).toBe(0);
    expect(wf.pushed).toEqual([]);
  });

  test('when the core cannot store a report the officer is told and keeps the draft', async ({ page, wf }) => {
    await page.goto('/#/console');
    await expect(page.getByTestId('grid-count')).toHaveText('在办 0 起');
    const form = page.getByTestId('report-form');
    await form.getByLabel('事件标题').fill('杨浦区五角场地下通道进水');
    await form.getByLabel('类别').selectOption('waterlogging');
    await form.locator('.level-option', { hasText: '一般' }).click();
    await form.getByLabel('所在区').selectOption('yangpu');
    // The store goes away (disk pulled, worker died): the request fails inside the core.
    await wf.client.close();
    await form.getByRole('button', { name: '登记报告' }).click();

    await expect(page.getByRole('alert').filter({ hasText: '内部错误' })).toBeVisible();
    await expect(form.getByLabel('事件标题')).toHaveValue('杨浦区五角场地下通道进水');
    await expect(form.getByLabel('所在区')).toHaveValue('yangpu');
    await expect(page.getByTestId('grid-count')).toHaveText('在办 0 起');
  });

  test('an incident created in the core appears without reload, even after a lost push', async ({ page, wf }) => {
    await page.goto('/#/console');
    await expect(page.getByTestId('grid-count')).toHaveText('在办 0 起');
    await markNoReload(page);

    const first = await wf.client.call(
      'incident.create',
      report({ title: '静安区南京西路商场火情', category: 'fire', level: 2, district: 'jingan', channel: '119' }),
    );
    expect(first.ok).toBe(true);
    await expect(page.getByRole('row', { name: /静安区南京西路商场火情/ })).toBeVisible();

    // One batch lost on the way: the next one reveals the gap and the store fetches what it missed.
    wf.pausePushes(true);
    await wf.client.call(
      'incident.create',
      report({ title: '徐汇区龙华中路燃气管道破裂', category: 'gas', level: 1, district: 'xuhui' }),
    );
    wf.pausePushes(false);
    await wf.client.call(
      'incident.create',
      report({ title: '长宁区虹桥路交通事故', category: 'traffic', level: 4, district: 'changning', channel: '110' }),
    );
    await expect(page.getByRole('row', { name: /徐汇区龙华中路燃气管道破裂/ })).toBeVisible();
    await expect(page.getByRole('row', { name: /长宁区虹桥路交通事故/ })).toBeVisible();
    await expect(page.getByTestId('grid-count')).toHaveText('在办 3 起');
    await assertNoReload(page);
  });

  test('a burst of change batches costs the grid one fetch', async ({ page, wf }) => {
    await page.goto('/#/console');
    await expect(page.getByTestId('grid-count')).toHaveText('在办 0 起');
    // The first batch fixes the page's cursor.
    await wf.client.call(
      'incident.create',
      report({ title: '黄浦区外滩观景台人流密集', category: 'crowd', level: 2, district: 'huangpu' }),
    );
    await expect(page.getByTestId('grid-count')).toHaveText('在办 1 起');
    await markNoReload(page);

    wf.holdPushes();
    await seed(wf.client, { count: 40 });
    // The queue re-runs queue.query (with its filters) once per delivery.
    const before = wf.calls.filter((c) => c === 'queue.query').length;
    await wf.releasePushes(); // 40 batches arrive in one task
    await expect(page.getByTestId('grid-count')).toHaveText('在办 41 起');
    expect(wf.pushed.length).toBe(41);
    // Coalesced into one delivery per frame: one queue.query for all 40 rows, and no resync.
    expect(wf.calls.filter((c) => c === 'queue.query').length - before).toBe(1);
    expect(wf.calls).not.toContain('changes.since');
    await assertNoReload(page);
  });

  test('screenshots of the console in both languages', async ({ page, wf }) => {
    await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
    await page.goto('/#/console');
    await expect(page.getByRole('row', { name: /宝山区化工园区异味/ })).toBeVisible();
    await expect(page.getByTestId('seat')).toHaveText('席位 A-01');
    await page.screenshot({ path: 'test-results/console.zh-CN.png', animations: 'disabled' });

    await switchLanguage(page, 'en');
    await expect(page.getByRole('columnheader', { name: 'Incident' })).toBeVisible();
    await expect(page.getByRole('row', { name: /宝山区化工园区异味/ })).toContainText('Hazmat');
    await expect(page.getByRole('heading', { name: 'Log a phone report' })).toBeVisible();
    await page.screenshot({ path: 'test-results/console.en.png', animations: 'disabled' });

    // The choice survives a restart of the window.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Incident queue' })).toBeVisible();
  });
});
