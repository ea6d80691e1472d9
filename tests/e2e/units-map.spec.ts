import { expect, test, setStoredLanguage } from './fixtures';
import { seedResources } from './resources-seed';
import { seed } from './seed';

const SHOTS = 'test-results';

/**
 * The units layer of the city map on the Resources board (units on by
 * default there), from a store seeded with a morning's units in every
 * status: each positioned unit is a pin in its status colour, the legend
 * names the statuses, and the status tiles agree with the store.
 */
test('resources board map: units as markers by status, zh-CN and en', async ({ page, wf }) => {
  const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
  seedResources(wf.core, incidents, wf.setClock);
  const all = wf.core.resources.units.list();
  const placed = all.filter((u) => u.lat !== null && u.lon !== null);
  const byStatus = new Map<string, number>();
  for (const u of all) byStatus.set(u.status, (byStatus.get(u.status) ?? 0) + 1);
  // The seed covers several statuses, so the legend and colours have something to tell apart.
  expect(byStatus.size).toBeGreaterThanOrEqual(5);

  await page.goto('/#/wall/resources');
  const map = page.getByTestId('city-map');
  await expect(map).toHaveAttribute('data-units', String(placed.length));
  for (const [status, n] of byStatus) {
    await expect(page.locator(`[data-testid="unit-status-${status}"] .kt-value`)).toHaveText(String(n));
  }
  await page.screenshot({ path: `${SHOTS}/units-map.zh-CN.png`, animations: 'disabled' });

  await setStoredLanguage(page, 'en');
  await expect(page.getByTestId('city-map')).toHaveAttribute('data-units', String(placed.length));
  await expect(page.locator('[data-testid="unit-status-available"]')).toContainText(/Available/i);
  await page.screenshot({ path: `${SHOTS}/units-map.en.png`, animations: 'disabled' });
});
