import type { ConnectedDisplayInfo } from '../../src/shared/displays';
import { expect, switchLanguage, test } from './fixtures';

/**
 * The displays screen over the monitors the shell reports: a laptop below a
 * 3×2 wall of 1920×1080 monitors. It draws them to scale in their real
 * arrangement, groups the six into one wall by clicking two corners, saves
 * the layout to the seat's store, and redraws live when one is unplugged.
 */

const full = (x: number, y: number): ConnectedDisplayInfo['bounds'] => ({ x, y, width: 1920, height: 1080 });
const wallMonitor = (n: number): ConnectedDisplayInfo => {
  const bounds = full(((n - 1) % 3) * 1920, Math.floor((n - 1) / 3) * 1080);
  return {
    id: String(100 + n),
    label: `LG 27UL500 #${n}`,
    bounds,
    workArea: bounds,
    scaleFactor: 1,
    internal: false,
    primary: false,
    rotation: 0,
  };
};
const laptop: ConnectedDisplayInfo = {
  id: '1',
  label: 'Built-in Retina Display',
  bounds: { x: 2124, y: 2160, width: 1512, height: 982 },
  workArea: { x: 2124, y: 2185, width: 1512, height: 957 },
  scaleFactor: 2,
  internal: true,
  primary: true,
  rotation: 0,
};
const WALL = [1, 2, 3, 4, 5, 6].map(wallMonitor);

test('displays screen draws the connected monitors, groups a wall by clicking, saves it and follows a hot-unplug', async ({
  page,
  wf,
}) => {
  wf.displays = [laptop, ...WALL];
  await page.goto('/#/boards');
  await page.getByTestId('displays-link').click();
  await expect(page.getByTestId('displays-screen')).toBeVisible();
  await expect(page.getByTestId('displays-count')).toHaveText('已连接 7 台显示屏');
  await expect(page.locator('[data-testid^="monitor-"]')).toHaveCount(7);

  // Drawn in their real arrangement: rows of three, the laptop centred below.
  const box = async (id: string): Promise<{ x: number; y: number; width: number; height: number }> => {
    const b = await page.getByTestId(`monitor-${id}`).boundingBox();
    if (!b) throw new Error(`monitor ${id} not drawn`);
    return b;
  };
  const [m1, m2, m3, m4, lap] = [
    await box('101'),
    await box('102'),
    await box('103'),
    await box('104'),
    await box('1'),
  ];
  expect(m2.x).toBeGreaterThan(m1.x + m1.width * 0.9);
  expect(m3.x).toBeGreaterThan(m2.x + m2.width * 0.9);
  expect(Math.abs(m4.x - m1.x)).toBeLessThan(2);
  expect(m4.y).toBeGreaterThan(m1.y + m1.height * 0.9);
  expect(lap.y).toBeGreaterThan(m4.y + m4.height * 0.9);
  expect(lap.x).toBeGreaterThan(m1.x + m1.width);
  expect(lap.x + lap.width).toBeLessThan(m3.x);
  // To scale: a 1920-wide monitor is drawn 1920/1512 as wide as the 1512-wide laptop.
  expect(m1.width / lap.width).toBeCloseTo(1920 / 1512, 1);
  await expect(page.getByTestId('monitor-1')).toContainText('1512×982');
  await expect(page.getByTestId('monitor-1')).toContainText('主屏');
  await expect(page.getByTestId('monitor-101')).toContainText('1920×1080');
  // Nothing saved yet: the console takes the laptop, the wall monitors are idle.
  await expect(page.getByTestId('monitor-1')).toHaveAttribute('data-shows', 'console');
  await expect(page.getByTestId('monitor-105')).toHaveAttribute('data-shows', 'none');

  // A wall: click one corner, then the opposite; the six between them are one wall.
  await page.getByTestId('tool-wall').click();
  await page.getByTestId('brush-board').selectOption('city-overview');
  await page.getByTestId('monitor-101').click();
  await expect(page.getByTestId('displays-hint')).toContainText('LG 27UL500 #1');
  await page.getByTestId('monitor-106').click();
  await expect(page.getByTestId('planned-wall')).toHaveCount(1);
  await expect(page.getByTestId('planned-wall')).toContainText('拼接墙 3×2');
  for (const m of WALL) await expect(page.getByTestId(`monitor-${m.id}`)).toHaveAttribute('data-shows', 'wall');
  await expect(page.getByTestId('displays-problems')).toHaveCount(0);

  await page.getByTestId('displays-save').click();
  await expect
    .poll(async () => {
      const r = await wf.client.call('displays.layout.get', {});
      return r.ok ? r.value.walls.map((w) => ({ boardId: w.boardId, ids: w.displays.map((d) => d.id) })) : null;
    })
    .toEqual([{ boardId: 'city-overview', ids: ['101', '102', '103', '104', '105', '106'] }]);
  await expect(page.getByTestId('displays-save')).toBeDisabled();

  // Hot-unplug: the bottom-right wall monitor goes; the shell pushes `displays.changed`.
  wf.displays = [laptop, ...WALL.slice(0, 5)];
  await wf.emitDisplaysChanged();
  await expect(page.locator('[data-testid^="monitor-"]')).toHaveCount(6);
  await expect(page.getByTestId('displays-count')).toHaveText('已连接 6 台显示屏');
  await expect(page.getByTestId('missing-106')).toContainText('1920×1080 @ 3840,1080');
  await expect(page.getByTestId('not-connected')).toContainText('位置和尺寸');
  // Drawn where it was, as an outline, so the wall's shape stays readable.
  const ghost = await page.getByTestId('ghost-106').boundingBox();
  const m5 = await box('105');
  expect(ghost && ghost.x).toBeGreaterThan(m5.x + m5.width * 0.9);
  expect(ghost && Math.abs(ghost.y - m5.y)).toBeLessThan(2);
  await expect(page.getByTestId('displays-problems')).toContainText('未连接');
  // An incomplete wall keeps a picture: its board on each remaining monitor.
  await expect(page.getByTestId('monitor-105')).toHaveAttribute('data-shows', 'board');
  // Kept in the saved layout, not dropped.
  const kept = await wf.client.call('displays.layout.get', {});
  expect(kept.ok && kept.value.walls[0].displays).toHaveLength(6);
  await page.screenshot({ path: 'test-results/displays.zh-CN.png', animations: 'disabled' });

  // Plugged back into another port: a new id at the same place stands in by position and size.
  wf.displays = [laptop, ...WALL.slice(0, 5), { ...WALL[5], id: '206' }];
  await wf.emitDisplaysChanged();
  await expect(page.locator('[data-testid^="monitor-"]')).toHaveCount(7);
  await expect(page.getByTestId('monitor-206')).toHaveAttribute('data-shows', 'wall');
  await expect(page.getByTestId('missing-106')).toContainText('LG 27UL500 #6');
  await expect(page.getByTestId('ghost-106')).toHaveCount(0);

  await switchLanguage(page, 'en');
  await expect(page.getByTestId('displays-count')).toHaveText('7 displays connected');
  await expect(page.getByTestId('planned-wall')).toContainText('Wall 3×2');
  await page.screenshot({ path: 'test-results/displays.en.png', animations: 'disabled' });
});

test('displays screen assigns a board and the console by clicking, and refuses a wall that is no rectangle', async ({
  page,
  wf,
}) => {
  const row = [0, 1, 2].map((i) => ({ ...wallMonitor(i + 1), id: String(10 + i), label: `Side ${i}` }));
  const below = { ...wallMonitor(4), id: '20', label: 'Below' };
  wf.displays = [{ ...laptop, bounds: full(-1920, 0), workArea: full(-1920, 0), scaleFactor: 1 }, ...row, below];
  await page.goto('/#/displays');
  await expect(page.locator('[data-testid^="monitor-"]')).toHaveCount(5);

  await page.getByTestId('tool-assign').click();
  await page.getByTestId('brush-board').selectOption('incident-wall');
  await page.getByTestId('monitor-20').click();
  await expect(page.getByTestId('monitor-20')).toHaveAttribute('data-shows', 'board');
  await expect(page.getByTestId('monitor-20')).toContainText('看板');
  await page.getByTestId('tool-console').click();
  await page.getByTestId('monitor-12').click();
  await expect(page.getByTestId('monitor-12')).toHaveAttribute('data-shows', 'console');
  await expect(page.getByTestId('monitor-1')).toHaveAttribute('data-shows', 'none');

  // 11 to 20 sweeps 10, 11 and 20: an L, not a rectangle. The planner refuses it and the three stay idle.
  await page.getByTestId('tool-wall').click();
  await page.getByTestId('monitor-11').click();
  await page.getByTestId('monitor-20').click();
  await expect(page.getByTestId('displays-problems')).toContainText('矩形');
  await expect(page.getByTestId('planned-wall')).toHaveCount(1);
  await expect(page.getByTestId('monitor-20')).toHaveAttribute('data-shows', 'none');
  await page.getByTestId('wall-remove-wall-1').click();
  await expect(page.getByTestId('displays-problems')).toHaveCount(0);
  await page.getByTestId('tool-assign').click();
  await page.getByTestId('monitor-20').click();

  await page.getByTestId('displays-save').click();
  await expect
    .poll(async () => {
      const r = await wf.client.call('displays.layout.get', {});
      return r.ok ? r.value : null;
    })
    .toMatchObject({
      console: { id: '12' },
      assignments: [{ boardId: 'incident-wall', display: { id: '20' } }],
      walls: [],
    });
});
