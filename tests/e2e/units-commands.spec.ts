import { startFeedServer, type FeedServer } from '../../src/main/core/feeds/server/feed-server';
import type { CommandReply } from '../../src/main/core/feeds/protocol';
import { expect, switchLanguage, test } from './fixtures';
import { seedResources } from './resources-seed';
import { seed } from './seed';

let server: FeedServer | undefined;
test.afterEach(async () => {
  await server?.close();
  server = undefined;
});

const REASON = '该车辆已由 119 指挥中心调往闵行区火场，不能召回';

/**
 * Dispatch and recall of units a real socket.io feed server drives go
 * through the outbox: the unit board shows a command the upstream has not
 * answered as pending (with how long), and a rejected one with the
 * upstream's reason until the officer dismisses it.
 */
test('unit board: pending and rejected upstream commands, dismissed by the officer; zh-CN and en', async ({
  page,
  wf,
}) => {
  const incidents = await seed(wf.client, { count: 16, spreadHours: 20, setClock: wf.setClock });
  seedResources(wf.core, incidents, wf.setClock);
  const units = wf.core.resources.units;
  const engaged = units.get('SH-FIRE-101'); // on scene since the seeded morning
  const spare = units.list().find((u) => u.status === 'available' && u.registered && u.agency === 'medical');
  if (!spare || engaged.status !== 'on_scene')
    throw new Error('seed changed: no on-scene fire engine or spare ambulance');

  server = await startFeedServer({ mode: 'live', tokens: ['e2e'], name: 'avl-shanghai' });
  // The upstream refuses recalls and leaves dispatches unanswered (its operator has not confirmed yet).
  const arrived: { id: string; type: string }[] = [];
  server.setCommandHandler((c) => {
    arrived.push({ id: c.id, type: c.type });
    return c.type === 'unit.recall' ? { ok: false, error: REASON } : new Promise<CommandReply>(() => undefined);
  });
  wf.core.feeds.addSessionSource('avl-shanghai', server.url, 'e2e');
  wf.core.startFeeds();
  for (const u of [engaged, spare]) {
    server.publish('avl-shanghai', 'unit.position', {
      unitId: u.id,
      lat: 31.23,
      lon: 121.47,
      at: new Date().toISOString(),
    });
  }
  await expect
    .poll(() => [engaged, spare].map((u) => units.get(u.id).feedSource))
    .toEqual(['avl-shanghai', 'avl-shanghai']);

  await page.goto('/#/units');
  await expect(page.getByRole('row', { name: new RegExp(engaged.callSign) })).toBeVisible();

  // The officer recalls the fire engine and dispatches the ambulance: both go to the upstream.
  const incident = incidents.find((i) => i.status !== 'closed') ?? incidents[0];
  expect((await wf.client.call('unit.recall', { id: engaged.id, reason: '现场力量充足' })).ok).toBe(true);
  expect((await wf.client.call('unit.dispatch', { unitIds: [spare.id], incidentId: incident.id })).ok).toBe(true);

  const engagedRow = page.getByRole('row', { name: new RegExp(engaged.callSign) });
  const spareRow = page.getByRole('row', { name: new RegExp(spare.callSign) });
  await expect(engagedRow.getByTestId('cmd-rejected')).toContainText(`召回被拒：${REASON}`);
  await expect(spareRow.getByTestId('cmd-pending')).toContainText('派遣待确认');
  await expect(page.getByTestId('summary-command-rejected')).toContainText('1');
  await expect(page.getByTestId('summary-command-pending')).toContainText('1');
  // The server really received both, each under the seat's stable command id.
  expect(arrived.map((c) => c.type).sort()).toEqual(['unit.dispatch', 'unit.recall']);
  expect(arrived.find((c) => c.type === 'unit.dispatch')?.id).toBe(units.get(spare.id).pendingCommand);

  // The chip filters the board to the rejected command.
  await page.getByTestId('summary-command-rejected').click();
  await expect(page.getByTestId('unit-count')).toContainText('显示 1 支');
  await page.getByTestId('summary-command-rejected').click();

  // The unit's detail says what was refused, when and why.
  await engagedRow.click();
  const notice = page.getByTestId('unit-detail').getByTestId('command-notice');
  await expect(notice).toContainText('上游指令 · 被拒绝');
  await expect(notice).toContainText(`拒绝原因：${REASON}`);
  await page.getByTestId('unit-detail').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/units-board-commands.zh-CN.png', animations: 'disabled' });

  await switchLanguage(page, 'en');
  await expect(engagedRow.getByTestId('cmd-rejected')).toContainText(`Recall rejected: ${REASON}`);
  await expect(spareRow.getByTestId('cmd-pending')).toContainText('Dispatch pending');
  await expect(notice).toContainText('Upstream command · Rejected');
  await page.screenshot({ path: 'test-results/units-board-commands.en.png', animations: 'disabled' });

  // Seen: the officer dismisses it. The board clears; the pending dispatch stays pending.
  await notice.getByRole('button', { name: 'Seen — clear the warning' }).click();
  await expect(page.getByTestId('unit-detail').getByTestId('command-notice')).toHaveCount(0);
  await expect(engagedRow.getByTestId('cmd-rejected')).toHaveCount(0);
  await expect(spareRow.getByTestId('cmd-pending')).toBeVisible();
  expect(units.get(engaged.id)).toMatchObject({ commandState: null, status: 'returning' });
  expect(units.get(spare.id).commandState).toBe('pending');

  // The ambulance's detail says the dispatch is waiting for the upstream, and since when; nothing to dismiss yet.
  await spareRow.click();
  const pending = page.getByTestId('unit-detail').getByTestId('command-notice');
  await expect(pending).toContainText('Upstream command · Pending');
  await expect(pending).toContainText('Dispatch sent upstream, awaiting confirmation (since 20');
  await expect(pending.getByRole('button')).toHaveCount(0);
});
