import { expect, markNoReload, test } from './fixtures';
import { report } from './seed';

/**
 * The core keeps only a short tail of the change log. A window that missed
 * pushes for longer than that cannot be patched by id: when its next push
 * reveals the gap, `changes.since` answers `reset` and the window reloads in
 * full, so it shows everything instead of silently missing what was pruned.
 */
test('a window whose cursor fell below the pruned floor reloads and shows everything', async ({ page, wf }) => {
  await page.goto('/#/console');
  await expect(page.getByTestId('grid-count')).toHaveText('在办 0 起');
  const first = await wf.client.call(
    'incident.create',
    report({ title: '静安区南京西路商场火情', category: 'fire', level: 2, district: 'jingan', channel: '119' }),
  );
  expect(first.ok).toBe(true);
  await expect(page.getByRole('row', { name: /静安区南京西路商场火情/ })).toBeVisible();
  await markNoReload(page);

  // The window is out of touch (pushes lost) while incidents arrive and the log is pruned past them.
  wf.pausePushes(true);
  for (const title of ['徐汇区龙华中路燃气管道破裂', '长宁区虹桥路交通事故']) {
    expect(
      (await wf.client.call('incident.create', report({ title, category: 'gas', level: 3, district: 'xuhui' }))).ok,
    ).toBe(true);
  }
  const head = wf.core.ctx.changes.cursor();
  wf.core.ctx.changes.prune({ keepMs: 0, maxRows: 1, minRows: 0 }, head);
  expect(wf.core.ctx.changes.floor()).toBe(head - 1);
  wf.pausePushes(false);

  // The next push shows the gap; the log cannot fill it, so the page reloads and loads every incident.
  const sinceBefore = wf.calls.filter((c) => c === 'changes.since').length;
  await wf.client.call(
    'incident.create',
    report({ title: '宝山区钢厂危化品泄漏', category: 'hazmat', level: 2, district: 'baoshan' }),
  );
  await expect(page.getByTestId('grid-count')).toHaveText('在办 4 起');
  await expect(page.getByRole('row', { name: /徐汇区龙华中路燃气管道破裂/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /长宁区虹桥路交通事故/ })).toBeVisible();
  expect(wf.calls.filter((c) => c === 'changes.since').length).toBeGreaterThan(sinceBefore);
  // The marker set before is gone: the document was reloaded, not patched.
  expect(await page.evaluate(() => (globalThis as unknown as { __wfNoReload?: boolean }).__wfNoReload)).toBeUndefined();
});
