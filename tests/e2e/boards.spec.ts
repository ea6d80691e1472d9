import type { Page } from '@playwright/test';
import { LEVEL_HEX } from '../../src/renderer/src/boards/panels/map-option';
import { LEVELS } from '../../src/shared/domain';
import { hourStart } from '../../src/main/core/time';
import { expect, setStoredLanguage, test, type Watchfloor } from './fixtures';
import { report } from './seed';
import { seedSfCalls, type SeededCalls } from './sf-calls';

/**
 * Situation boards rendered from a store holding a week of real SF fire calls
 * mapped onto Shanghai: every preset at 1920×1080, the city overview on a 3×2
 * wall at 5760×2160, a stale panel and a failing panel. Each asserts that
 * what the panels show is what the store holds.
 */

const SHOTS = 'test-results';

/** Units as the feeds domain registers them (its `units` table), with positions and statuses. */
function addUnits(wf: Watchfloor): Record<string, number> {
  const statuses = [
    'available',
    'available',
    'available',
    'dispatched',
    'en_route',
    'on_scene',
    'returning',
    'out_of_service',
  ];
  const ins = wf.core.store.db.prepare(
    'INSERT INTO units (id, call_sign, status, lat, lon, fix_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const counts: Record<string, number> = {};
  for (let i = 0; i < 160; i++) {
    const status = statuses[(i * 7) % statuses.length];
    counts[status] = (counts[status] ?? 0) + 1;
    // A deterministic scatter over the urban districts.
    ins.run(
      `u${i}`,
      `沪消${String(i + 1).padStart(3, '0')}`,
      status,
      31.05 + ((i * 37) % 100) / 300,
      121.3 + ((i * 53) % 100) / 280,
      // Every twentieth unit has never sent a fix: the map draws it hollow.
      i % 20 === 0 ? null : Date.now(),
      Date.now(),
    );
  }
  return counts;
}

/** Active CAP warnings as the feeds domain stores them, with China's colour levels. */
function addWarnings(wf: Watchfloor): number {
  const ins = wf.core.store.db.prepare(`INSERT INTO warnings (id, identifier, sender, sent, cap_status, msg_type, state,
    event, category, urgency, severity, certainty, headline, level, expires, area_desc, area, body, stream, received_at, updated_at)
    VALUES (?, ?, 'sh-meteo', ?, 'Actual', 'Alert', ?, ?, 'Met', 'Expected', ?, 'Likely', ?, ?, ?, ?, '[]', '{}', 'cap', ?, ?)`);
  const now = Date.now();
  const later = now + 6 * 3600_000;
  const rows: [string, string, string, string, string, string, string][] = [
    ['w1', 'active', '暴雨', 'Severe', '上海市气象台发布暴雨橙色预警信号', 'orange', '全市'],
    ['w2', 'active', '大风', 'Moderate', '浦东新区大风蓝色预警', 'blue', '浦东新区'],
    ['w3', 'active', '高潮位', 'Moderate', '黄浦江沿线高潮位黄色预警', 'yellow', '黄浦区 虹口区 杨浦区'],
    ['w4', 'cancelled', '雷电', 'Minor', '已解除的雷电预警', 'yellow', '全市'],
  ];
  for (const [id, state, event, severity, headline, level, area] of rows) {
    ins.run(id, `CAP-${id}`, now, state, event, severity, headline, level, later, area, now, now);
  }
  return 3;
}

async function expectLevelTiles(page: Page, scope: string, seeded: SeededCalls): Promise<void> {
  for (const l of LEVELS) {
    await expect(page.locator(`[data-testid="${scope}"] [data-testid="kt-level-${l}-value"]`)).toHaveText(
      String(seeded.openByLevel[l]),
    );
  }
}

/** The map's panel default: above 250 markers only levels I–II are drawn, per-district counts carry the rest. */
const DENSE_ABOVE = 250;

async function mapSettled(page: Page, seeded: SeededCalls): Promise<void> {
  const map = page.getByTestId('city-map').first();
  const dense = seeded.openWithCoords > DENSE_ABOVE;
  const markers = dense ? seeded.openWithCoordsLevel12 : seeded.openWithCoords;
  await expect(map).toHaveAttribute('data-open', String(seeded.open));
  await expect(map).toHaveAttribute('data-dense', String(dense));
  await expect(map).toHaveAttribute('data-markers', String(markers));
  await expect(map).toHaveAttribute('data-settled', String(markers));
  // The ranked list beside the map names the busiest district with the store's count.
  const [topDistrict, topCount] = Object.entries(seeded.openByDistrict).sort((a, b) => b[1] - a[1])[0];
  const first = page.getByTestId('map-ranking').first().locator('li').first();
  await expect(first).toHaveAttribute('data-district', topDistrict);
  await expect(first).toContainText(String(topCount));
}

function trendTotal(wf: Watchfloor): number {
  const from = hourStart(Date.now()) - 23 * 3600_000;
  return (
    wf.core.store.db.prepare('SELECT count(*) AS n FROM incidents WHERE reported_at >= ?').get(from) as { n: number }
  ).n;
}

test.describe('situation boards', () => {
  test('city overview at 1920×1080 shows the store, in Chinese and English', async ({ page, wf }) => {
    const seeded = seedSfCalls(wf.core, wf.setClock);
    addWarnings(wf);
    expect(seeded.total).toBe(3560);
    await page.goto('/#/wall/city-overview');
    await expectLevelTiles(page, 'panel-kpis', seeded);
    await expect(page.getByTestId('kt-open-value')).toHaveText(String(seeded.open));
    await expect(page.getByTestId('kt-dispatch-value')).not.toHaveText('—');
    await expect(page.getByTestId('kt-warnings-value')).toHaveText('3');
    // The units table exists (feeds) but no unit is registered yet. (A store without the table shows "—": unit tests.)
    await expect(page.getByTestId('kt-units-value')).toHaveText('0 / 0');
    await mapSettled(page, seeded);
    await expect(page.getByTestId('board-trend')).toHaveAttribute('data-settled', String(trendTotal(wf)));
    await expect(page.getByTestId('warnings-ticker')).toHaveAttribute('data-count', '3');
    await expect(page.getByTestId('panel-error')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/board-city-overview.zh-CN.png`, animations: 'disabled' });

    // Live: a new incident reaches the map (district count, ranking) without a reload.
    const created = await wf.client.call(
      'incident.create',
      report({ title: '浦东新区张江路积水严重', category: 'waterlogging', level: 2, district: 'pudong' }),
    );
    expect(created.ok).toBe(true);
    await expect(page.getByTestId('city-map')).toHaveAttribute('data-open', String(seeded.open + 1));
    await expect(page.locator('[data-testid="map-ranking"] li[data-district="pudong"]')).toContainText(
      String((seeded.openByDistrict.pudong ?? 0) + 1),
    );
    seeded.open += 1;
    seeded.openByDistrict.pudong = (seeded.openByDistrict.pudong ?? 0) + 1;
    seeded.openByLevel[2] += 1;
    seeded.openWithCoordsLevel12 += 1;
    seeded.openWithCoords += 1;

    await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
        'wf.lang',
        'en',
      ),
    );
    await page.reload();
    await expect(page.getByText('Open total')).toBeVisible();
    await mapSettled(page, seeded);
    await expect(page.getByTestId('board-trend')).toHaveAttribute('data-settled', String(trendTotal(wf)));
    await page.screenshot({ path: `${SHOTS}/board-city-overview.en.png`, animations: 'disabled' });
  });

  test('on a workstation board, pointing at a marker names the incident, in Chinese and English', async ({
    page,
    wf,
  }) => {
    const seeded = seedSfCalls(wf.core, wf.setClock);
    // One level I incident for certain (at its district's centre, where the map puts a report without coordinates).
    const created = await wf.client.call(
      'incident.create',
      report({ title: '黄浦区南京东路商场火灾', category: 'fire', level: 1, district: 'huangpu' }),
    );
    expect(created.ok).toBe(true);
    seeded.open += 1;
    seeded.openByDistrict.huangpu = (seeded.openByDistrict.huangpu ?? 0) + 1;
    seeded.openByLevel[1] += 1;
    seeded.openWithCoordsLevel12 += 1;
    seeded.openWithCoords += 1;
    await page.goto('/#/board/city-overview');
    await mapSettled(page, seeded);
    const canvas = page.locator('[data-testid="city-map"] canvas.map-layer').first();
    const card = page.getByTestId('map-card');

    /** Point at a pixel the canvas painted in level I's colour; the card must name that level I incident. */
    async function pointAtLevelOne(lang: string): Promise<void> {
      const spot = await canvas.evaluate((el, hex: string) => {
        const c = el as unknown as {
          width: number;
          height: number;
          clientWidth: number;
          getContext(
            k: '2d',
          ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
        };
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
        if (!data) return null;
        const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
        const dpr = c.width / c.clientWidth;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i + 3] > 200 && rgb.every((v, k) => Math.abs(data[i + k] - v) < 10)) {
            const px = i / 4;
            return { x: (px % c.width) / dpr, y: Math.floor(px / c.width) / dpr };
          }
        }
        return null;
      }, LEVEL_HEX[1]);
      expect(spot).not.toBeNull();
      const box = await canvas.boundingBox();
      await page.mouse.move((box?.x ?? 0) + (spot?.x ?? 0), (box?.y ?? 0) + (spot?.y ?? 0));
      await expect(card).toBeVisible();
      await expect(card).toHaveAttribute('data-level', '1');
      const id = await card.getAttribute('data-id');
      const row = wf.core.store.db.prepare('SELECT ref, title, level FROM incidents WHERE id = ?').get(id) as {
        ref: string;
        title: string;
        level: number;
      };
      expect(row.level).toBe(1);
      await expect(card).toContainText(row.ref);
      await expect(card).toContainText(row.title);
      // The district tooltip under the pointer gives way to the card.
      await expect(page.locator('[data-testid="city-map"] .map-tip:visible')).toHaveCount(0);
      await page.screenshot({ path: `${SHOTS}/board-map-card.${lang}.png`, animations: 'disabled' });
      // Off the markers (the map's top-left corner is open sea), the card goes.
      await page.mouse.move((box?.x ?? 0) + 3, (box?.y ?? 0) + 3);
      await expect(card).toHaveCount(0);
    }

    await pointAtLevelOne('zh-CN');
    await expect(card).toHaveCount(0);
    await setStoredLanguage(page, 'en');
    await page.reload();
    await mapSettled(page, seeded);
    await pointAtLevelOne('en');
  });

  test('incident wall lists every open incident, level-coloured, and takes a new one live', async ({ page, wf }) => {
    const seeded = seedSfCalls(wf.core, wf.setClock);
    await page.goto('/#/wall/incident-wall');
    await expectLevelTiles(page, 'panel-levels', seeded);
    await expect(page.getByTestId('board-grid-count')).toHaveAttribute('data-count', String(seeded.open));
    await expect(page.locator('.lvl-row.lvl-2').first()).toBeVisible();
    await expect(page.getByTestId('panel-meta-grid')).toHaveText(`在办 ${seeded.open} 起`);
    await page.screenshot({ path: `${SHOTS}/board-incident-wall.zh-CN.png`, animations: 'disabled' });

    const r = await wf.client.call(
      'incident.create',
      report({ title: '宝山区钢厂危化品泄漏', category: 'hazmat', level: 1, district: 'baoshan', channel: '119' }),
    );
    expect(r.ok).toBe(true);
    await expect(page.getByTestId('board-grid-count')).toHaveAttribute('data-count', String(seeded.open + 1));
    await expect(page.locator('[data-testid="panel-levels"] [data-testid="kt-level-1-value"]')).toHaveText(
      String(seeded.openByLevel[1] + 1),
    );
    await expect(page.getByRole('row', { name: /宝山区钢厂危化品泄漏/ })).toBeVisible();
  });

  test('resources board: unit statuses and the units on the map', async ({ page, wf }) => {
    const seeded = seedSfCalls(wf.core, wf.setClock);
    const units = addUnits(wf);
    await page.goto('/#/wall/resources');
    for (const [status, n] of Object.entries(units)) {
      await expect(page.locator(`[data-testid="unit-status-${status}"] .kt-value`)).toHaveText(String(n));
    }
    await expect(page.getByTestId('city-map')).toHaveAttribute('data-units', '160');
    await expect(page.getByTestId('city-map')).toHaveAttribute('data-stale-units', '8');
    await expect(page.getByTestId('map-stale-note')).toBeVisible();
    await expect(page.getByTestId('city-map')).toHaveAttribute('data-open', String(seeded.open));
    // No depot has stock in this store: the depot-stock panel says so instead of showing zeros.
    await expect(page.locator('[data-testid="panel-stock"] [data-testid="depot-stock-empty"]')).toBeVisible();
    // This board's map shows units, not incident markers; districts still carry the open counts.
    await expect(page.getByTestId('city-map')).toHaveAttribute('data-markers', '0');
    await expect(page.getByTestId('city-map')).toHaveAttribute('data-settled', '0');
    // board-resources.<lang>.png comes from board-resources.spec.ts, with depots and stock seeded.
    await page.screenshot({ path: `${SHOTS}/board-resources-no-stock.zh-CN.png`, animations: 'disabled' });
  });

  test('the map redraws only the layer a change touches; units move and turn solid live', async ({ page, wf }) => {
    const seeded = seedSfCalls(wf.core, wf.setClock);
    addUnits(wf);
    const db = wf.core.store.db;
    const map = page.getByTestId('city-map');
    const count = async (attr: string): Promise<number> => Number(await map.getAttribute(attr));
    await page.goto('/#/wall/city-overview');
    await mapSettled(page, seeded);
    await page.waitForTimeout(700); // past the districts' own redraw interval
    const base = await count('data-base-draws');
    const markers = await count('data-marker-draws');

    // An update that moves no count (as a feed's incident.updated would): incident markers redraw, districts not.
    const { id } = db
      .prepare(
        "SELECT id FROM incidents WHERE status IN ('reported', 'verified', 'responding', 'contained') AND lat IS NOT NULL LIMIT 1",
      )
      .get() as { id: string };
    db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?').run(Date.now(), id);
    wf.core.ctx.changes.record('incident', id, 'update');
    wf.core.flushChanges();
    await expect.poll(() => count('data-marker-draws')).toBeGreaterThan(markers);
    await page.waitForTimeout(700);
    expect(await count('data-base-draws')).toBe(base);

    // A new incident changes a district's count: the districts are redrawn too.
    const created = await wf.client.call(
      'incident.create',
      report({ title: '嘉定区安亭镇燃气泄漏', category: 'gas', level: 2, district: 'jiading' }),
    );
    expect(created.ok).toBe(true);
    await expect(map).toHaveAttribute('data-open', String(seeded.open + 1));
    await expect.poll(() => count('data-base-draws')).toBeGreaterThan(base);

    // Units on the Resources wall: a unit that never reported is hollow until its first fix arrives.
    await page.goto('/#/wall/resources');
    await expect(map).toHaveAttribute('data-units', '160');
    await expect(map).toHaveAttribute('data-stale-units', '8');
    db.prepare('UPDATE units SET lat = ?, lon = ?, fix_at = ?, updated_at = ? WHERE id = ?').run(
      31.23,
      121.47,
      Date.now(),
      Date.now(),
      'u0',
    );
    wf.core.ctx.changes.record('unit', 'u0', 'update');
    wf.core.flushChanges();
    await expect(map).toHaveAttribute('data-stale-units', '7');
    await expect(map).toHaveAttribute('data-units', '160');
  });

  test('duty & warnings board: active warnings, and panels without a source say so', async ({ page, wf }) => {
    seedSfCalls(wf.core, wf.setClock);
    const active = addWarnings(wf);
    await page.goto('/#/wall/duty-warnings');
    await expect(page.locator('[data-testid="warnings-list"] li')).toHaveCount(active);
    await expect(page.locator('[data-testid="warnings-list"] li').first()).toContainText('暴雨橙色预警');
    await expect(page.locator('[data-testid="warnings-list"] li').first()).toContainText('橙色');
    // The on-duty panel is wired to the rosters: with nobody rostered it says so.
    await expect(page.locator('[data-testid="panel-duty"] [data-testid="on-duty-empty"]')).toContainText('尚未排班');
    // Feeds are installed but none is configured in this store: the strip says so.
    await expect(page.locator('[data-testid="panel-feeds"] [data-testid="feeds-empty"]')).toBeVisible();
    await expect(page.getByTestId('board-clock')).toHaveText(/^\d\d:\d\d:\d\d$/);
    await page.screenshot({ path: `${SHOTS}/board-duty-warnings.zh-CN.png`, animations: 'disabled' });
  });

  test('a 3×2 wall at 5760×2160 carries the city overview with large type', async ({ page, wf }) => {
    const seeded = seedSfCalls(wf.core, wf.setClock);
    addWarnings(wf);
    await page.setViewportSize({ width: 5760, height: 2160 });
    await page.goto('/#/wall/city-overview');
    await expectLevelTiles(page, 'panel-kpis', seeded);
    await mapSettled(page, seeded);
    await expect(page.getByTestId('board-trend')).toHaveAttribute('data-settled', String(trendTotal(wf)));
    // Type scales with the wall: 2160 / 40 = 54 px board text, no cursor.
    const style = (sel: string, prop: 'fontSize' | 'cursor'): Promise<string> =>
      page
        .locator(sel)
        .first()
        .evaluate(
          (el, p) =>
            (
              el.ownerDocument.defaultView as unknown as { getComputedStyle(e: unknown): Record<string, string> }
            ).getComputedStyle(el)[p],
          prop,
        );
    expect(await style('[data-testid="board-grid"]', 'fontSize')).toBe('54px');
    expect(await style('body', 'cursor')).toBe('none');
    await page.screenshot({ path: `${SHOTS}/wall-3x2.zh-CN.png`, animations: 'disabled' });
  });

  test('a panel whose data stops turns visibly stale; the clock does not', async ({ page, wf }) => {
    seedSfCalls(wf.core, wf.setClock);
    await page.clock.install();
    await page.goto('/#/wall/incident-wall');
    const fresh = page.locator('[data-testid="panel-levels"] [data-testid="panel-freshness"]');
    await expect(fresh).toHaveAttribute('data-stale', 'false');
    await expect(page.locator('[data-testid="panel-levels"] [data-testid="kt-level-1-value"]')).not.toHaveText('—');
    // The core stops answering: every request from now on hangs.
    await page.evaluate(() => {
      (globalThis as unknown as { __wfInvoke: () => Promise<unknown> }).__wfInvoke = () => new Promise(() => undefined);
    });
    await page.clock.fastForward('02:00');
    await expect(fresh).toHaveAttribute('data-stale', 'true');
    await expect(fresh).toContainText('数据已过时');
    await expect(page.locator('[data-testid="panel-grid"] [data-testid="panel-freshness"]')).toHaveAttribute(
      'data-stale',
      'true',
    );
    // The figures stay on screen (dimmed), not blanked.
    await expect(page.locator('[data-testid="panel-levels"] [data-testid="kt-level-1-value"]')).not.toHaveText('—');
    await expect(page.locator('[data-testid="panel-clock"] [data-testid="panel-freshness"]')).toHaveAttribute(
      'data-stale',
      'false',
    );
    await page.screenshot({ path: `${SHOTS}/board-stale.zh-CN.png`, animations: 'disabled' });
  });

  test('a failing panel shows its own error box while the rest keeps updating', async ({ page, wf }) => {
    const seeded = seedSfCalls(wf.core, wf.setClock);
    const saved = await wf.client.call('board.save', {
      board: {
        version: 2,
        id: 'faulty',
        name: { zh: '故障演示', en: 'Faulty' },
        preset: null,
        grid: { columns: 24, rows: 12 },
        panels: [
          { id: 'kpis', type: 'kpis', options: {}, x: 0, y: 0, w: 24, h: 3 },
          { id: 'badmap', type: 'map', options: { layers: 'everything' }, x: 0, y: 3, w: 12, h: 9 },
          { id: 'future', type: 'radarSweep', options: {}, x: 12, y: 3, w: 6, h: 9 },
          { id: 'clock', type: 'clock', options: {}, x: 18, y: 3, w: 6, h: 9 },
        ],
      },
    });
    expect(saved.ok).toBe(true);
    await page.goto('/#/wall/faulty');
    await expect(page.locator('[data-testid="panel-badmap"] [data-testid="panel-error"]')).toContainText(
      '面板设置无效',
    );
    await expect(page.locator('[data-testid="panel-badmap"] [data-testid="panel-error"]')).toContainText('layers');
    await expect(page.locator('[data-testid="panel-future"] [data-testid="panel-error"]')).toContainText('radarSweep');
    await expect(page.getByTestId('panel-error')).toHaveCount(2);
    await expect(page.getByTestId('kt-open-value')).toHaveText(String(seeded.open));
    await expect(page.getByTestId('board-clock')).toBeVisible();
    const r = await wf.client.call(
      'incident.create',
      report({ title: '徐汇区漕溪北路燃气泄漏', category: 'gas', level: 2, district: 'xuhui' }),
    );
    expect(r.ok).toBe(true);
    await expect(page.getByTestId('kt-open-value')).toHaveText(String(seeded.open + 1));
    await page.screenshot({ path: `${SHOTS}/board-panel-error.zh-CN.png`, animations: 'disabled' });
  });

  test('editor: duplicate a preset, remove and add panels, rename, save', async ({ page, wf }) => {
    await page.goto('/#/board/city-overview');
    await expect(page.getByTestId('board-grid')).toBeVisible();
    await page.getByRole('button', { name: '复制看板' }).click();
    await expect(page.getByTestId('board-picker')).toHaveValue(/^[0-9a-f-]{36}$/);
    const copyId = await page.getByTestId('board-picker').inputValue();
    await page.getByRole('button', { name: '编辑' }).click();
    const editor = page.getByTestId('board-editor');
    await editor.getByTestId('edit-panel-ticker').getByRole('button', { name: '移除面板' }).click();
    await editor.getByLabel('面板类型').selectOption('levelCounts');
    await editor.getByRole('button', { name: '添加面板' }).click();
    await expect(editor.getByTestId('edit-panel-levelCounts-1')).toBeVisible();
    await editor.getByLabel('中文名称').fill('浦东专题');
    await editor.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('board-editor')).toHaveCount(0);
    await expect(page.getByTestId('panel-levelCounts-1')).toBeVisible();
    const stored = await wf.client.call('board.get', { id: copyId });
    expect(stored.ok && stored.value.board.name.zh).toBe('浦东专题');
    expect(stored.ok && stored.value.board.panels.map((p) => p.id).sort()).toEqual(
      ['clock', 'kpis', 'levelCounts-1', 'map', 'trend'].sort(),
    );
    expect(stored.ok && stored.value.board.panels.find((p) => p.id === 'levelCounts-1')).toMatchObject({
      y: 10,
      w: 6,
      h: 2,
    });
    await expect(page.getByTestId('board-picker').locator('option', { hasText: '浦东专题' })).toHaveCount(1);
  });
});
