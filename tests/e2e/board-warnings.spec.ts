import type { Page } from '@playwright/test';
import { ChangeLog } from '../../src/main/core/store/changes';
import { expect, test, type Watchfloor } from './fixtures';

/**
 * The warnings layer of the city map: two active CAP warnings — a polygon over
 * Pudong and a circle over Xuhui — drawn over the districts in their China
 * warning colours; a superseded one is not drawn.
 */

function addAreaWarnings(wf: Watchfloor): void {
  const ins = wf.core.store.db.prepare(`INSERT INTO warnings (id, identifier, sender, sent, cap_status, msg_type, state,
    event, category, urgency, severity, certainty, headline, level, expires, area_desc, area, body, stream, received_at, updated_at)
    VALUES (?, ?, 'sh-meteo', ?, 'Actual', 'Alert', ?, ?, 'Met', 'Expected', 'Severe', 'Likely', ?, ?, ?, ?, ?, '{}', 'cap', ?, ?)`);
  const changes = new ChangeLog(wf.core.store.db, Date.now);
  const now = Date.now();
  const later = now + 6 * 3600_000;
  const pudong = [
    { areaDesc: '浦东新区', polygon: ['31.30,121.52 31.24,121.78 31.02,121.72 31.08,121.52 31.30,121.52'] },
  ];
  const xuhui = [{ areaDesc: '徐汇区', circle: ['31.17,121.43 6'] }];
  const rows: [string, string, string, string, string, unknown][] = [
    ['w1', 'active', '暴雨', '浦东新区暴雨橙色预警', 'orange', pudong],
    ['w2', 'active', '大风', '徐汇区大风黄色预警', 'yellow', xuhui],
    ['w3', 'superseded', '雷电', '已更新的雷电预警', 'red', pudong],
  ];
  for (const [id, state, event, headline, level, area] of rows) {
    ins.run(id, `CAP-${id}`, now, state, event, headline, level, later, '—', JSON.stringify(area), now, now);
    // Recorded as the feeds domain records them, so open boards hear of it.
    changes.record('warning', id, 'insert');
  }
  wf.core.flushChanges();
}

/** Canvas pixels within a small distance of an RGB colour. */
async function pixelsNear(page: Page, rgb: [number, number, number]): Promise<number> {
  return page
    .getByTestId('city-map')
    .first()
    .evaluate((host, [r, g, b]) => {
      const canvas = host.querySelector('canvas');
      const ctx = canvas?.getContext('2d');
      if (!canvas || !ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40 && data[i + 3] > 200)
          n++;
      }
      return n;
    }, rgb);
}

test('city overview draws active warning areas over the districts', async ({ page, wf }) => {
  const ORANGE: [number, number, number] = [0xf2, 0x8a, 0x1e];
  const YELLOW: [number, number, number] = [0xf5, 0xd3, 0x27];
  await page.goto('/#/wall/city-overview');
  const map = page.getByTestId('city-map').first();
  await expect(map).toHaveAttribute('data-settled', '0');
  await expect(map).toHaveAttribute('data-warnings', '0');
  const before = [await pixelsNear(page, ORANGE), await pixelsNear(page, YELLOW)];

  addAreaWarnings(wf);
  // Warnings changing reach the map without a reload.
  await expect(map).toHaveAttribute('data-warnings', '2');
  await expect(map).toHaveAttribute('data-settled', '0');
  await expect.poll(() => pixelsNear(page, ORANGE)).toBeGreaterThan(before[0] + 200);
  await expect.poll(() => pixelsNear(page, YELLOW)).toBeGreaterThan(before[1] + 200);
  await expect(page.getByTestId('kt-warnings-value')).toHaveText('2');
  await page.screenshot({ path: 'test-results/board-city-overview-warnings.zh-CN.png', animations: 'disabled' });
});
