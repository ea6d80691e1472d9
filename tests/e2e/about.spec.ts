import { expect, switchLanguage, test } from './fixtures';

test('the About box shows the version and the map attribution, in Chinese and English', async ({ page, wf }) => {
  const info = await wf.client.call('app.info', {});
  if (!info.ok) throw new Error(info.error.message);
  await page.goto('/#/console');
  await page.getByTestId('about-open').click();
  const dialog = page.getByTestId('about-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('about-version')).toHaveText(info.value.version);
  const notes = page.getByTestId('about-attribution');
  await expect(notes).toContainText('高德地图');
  await expect(notes).toContainText('MIT');
  await expect(notes).toContainText('审图号');
  await page.screenshot({ path: 'test-results/about.zh-CN.png', animations: 'disabled' });
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await switchLanguage(page, 'en');
  await page.getByTestId('about-open').click();
  await expect(notes).toContainText("AMap's service and content terms");
  await expect(notes).toContainText('审图号');
  await page.screenshot({ path: 'test-results/about.en.png', animations: 'disabled' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});
