import { expect, test } from './fixtures';

/**
 * The displays screen: reached from the boards page, it assigns boards to
 * displays, groups two into a wall, previews the windows the shell's planner
 * would open (refusing a wall that is not a rectangle) and saves the layout
 * to the seat's store.
 */
test('displays screen assigns boards, groups a wall, previews the plan and saves it', async ({ page, wf }) => {
  await page.goto('/#/boards');
  await page.getByTestId('displays-link').click();
  await expect(page.getByTestId('displays-screen')).toBeVisible();
  // An empty layout: this screen's display carries the console.
  await expect(page.getByTestId('planned-console')).toHaveCount(1);
  await expect(page.getByTestId('planned-wall')).toHaveCount(0);

  await page.getByTestId('add-display-right').click();
  await page.getByTestId('add-display-right').click();
  await page.getByTestId('add-display-below').click();
  await page.getByTestId('display-wall-display-2').check();
  await page.getByTestId('display-wall-display-3').check();
  await page.getByTestId('wall-board').selectOption('city-overview');
  await page.getByTestId('display-board-display-4').selectOption('incident-wall');
  await expect(page.getByTestId('planned-wall')).toHaveCount(1);
  await expect(page.getByTestId('planned-wall')).toContainText('拼接墙');
  await expect(page.getByTestId('planned-board')).toHaveCount(1);
  await expect(page.getByTestId('displays-problems')).toHaveCount(0);

  // Display 4 sits below display 1: with 2 and 3 it is no rectangle, and the planner says so.
  await page.getByTestId('display-wall-display-4').check();
  await expect(page.getByTestId('displays-problems')).toContainText('矩形');
  await expect(page.getByTestId('planned-wall')).toHaveCount(0);
  await page.getByTestId('display-wall-display-4').uncheck();
  await expect(page.getByTestId('planned-wall')).toHaveCount(1);

  await page.getByTestId('displays-save').click();
  await expect
    .poll(async () => {
      const r = await wf.client.call('displays.layout.get', {});
      return r.ok ? r.value : null;
    })
    .toMatchObject({
      walls: [{ boardId: 'city-overview', displays: [{ id: 'display-2' }, { id: 'display-3' }] }],
      assignments: [{ boardId: 'incident-wall', display: { id: 'display-4' } }],
    });
  await page.screenshot({ path: 'test-results/displays.zh-CN.png', animations: 'disabled' });

  // Reopened, the screen shows the saved layout.
  await page.reload();
  await expect(page.getByTestId('planned-wall')).toHaveCount(1);
  await expect(page.getByTestId('display-board-display-4')).toHaveValue('incident-wall');
});
