import { test as base, expect } from '@playwright/test';
import type { CoreClient } from '../../src/main/core/client';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { createRouter } from '../../src/main/ipc/router';
import { parseScenarioTime } from '../../src/shared/exercise-scenario';
import { waitFor } from '../helpers/feeds';
import { tempDir } from '../helpers/tmp';
import { exposeRouter, ORIGIN, pushToPage, switchLanguage } from './fixtures';

/** T+0 is half an hour ago, as when an exercise starts now (the app's default) and runs ahead at ×60. */
const EPOCH = Math.floor(Date.now() / 60_000) * 60_000 - 30 * 60_000;

interface ExerciseRig {
  rt: SeatRuntime;
  clock: FakeClock;
  /** Move exercise time to `at`, one inject at a time, letting the seat ingest each through the real feed path. */
  playTo(at: string): Promise<void>;
}

/**
 * The page talks to a seat runtime (live store, or the exercise's own store)
 * through the real IPC router, exactly as the preload would. The exercise
 * engine runs on a fake clock the test moves — high speed without waiting.
 */
const test = base.extend<{ ex: ExerciseRig }>({
  ex: async ({ page }, use) => {
    const tmp = tempDir('wf-e2e-ex-');
    const clock = new FakeClock(0);
    const rt = SeatRuntime.open({
      dataDir: tmp.dir,
      clock,
      now: () => EPOCH,
      seat: 'A-01',
      operator: 'e2e',
      version: 'e2e',
    });
    const client: CoreClient = {
      call: (channel, request) => rt.handle(channel, request),
      onChanges: (l) => rt.onChanges(l),
      onModeChange: (l) => rt.onModeChange((mode) => l(mode)),
      close: () => rt.close(),
    };
    const router = createRouter(client, [ORIGIN]);
    await exposeRouter(page, router);
    const off = rt.onChanges((batch) => void pushToPage(page, 'changes', [batch]));
    const playTo = async (at: string): Promise<void> => {
      const s = rt.currentSession();
      const server = s?.server;
      if (!s || !server) throw new Error('no exercise running');
      const ingested = (): Promise<void> =>
        waitFor(
          () => server.log.streams().every((st) => server.ackedSeq(st, 'A-01') >= server.log.head(st)),
          20_000,
          'ingestion',
        );
      const target = parseScenarioTime(at) ?? 0;
      for (const r of s.engine.rows()) {
        if (r.delivered || r.dueMs > target) continue;
        clock.advance((r.dueMs - s.engine.scenarioMs()) / s.engine.getSpeed());
        await ingested();
      }
      clock.advance(Math.max(0, (target - s.engine.scenarioMs()) / s.engine.getSpeed()) + 1);
      await ingested();
    };
    await use({ rt, clock, playTo });
    off();
    await rt.close();
    tmp.cleanup();
  },
});

test('a built-in scenario played at ×60: board and controller mid-exercise, then the after-action report', async ({
  page,
  ex,
}) => {
  test.setTimeout(120_000);
  await ex.rt.startExercise({ scenarioId: 'typhoon-waterlogging', seed: 'e2e', speed: 60 });
  // The officers act on part of it: acknowledge the Caoxi underpass in time, raise its level late.
  await ex.playTo('T+00:30:00');
  const core = ex.rt.core();
  const caoxi = (
    core.ctx.db.prepare("SELECT incident_id AS id FROM reports WHERE external_ref = 'H12345-0914-0087'").get() as {
      id: string;
    }
  ).id;
  expect((await ex.rt.handle('feeds.acknowledge', { incidentId: caoxi })).ok).toBe(true);
  await ex.playTo('T+00:45:00');
  core.incidents.appendTimeline(caoxi, 'level_changed', { seat: 'A-01', operator: 'e2e' }, 'III → II', { level: 2 });
  await ex.playTo('T+00:52:00');

  await page.goto('/#/board');
  await expect(page.getByTestId('exercise-banner')).toContainText('演练 EXERCISE');
  await expect(page.getByTestId('exercise-clock')).toContainText('T+00:52:00');
  await expect(page.getByTestId('mode')).toHaveText('演练');
  // The latest call the officers must log is in the banner.
  await expect(page.getByTestId('exercise-prompt')).toContainText('来电 莘庄某小区物业 · 我们小区地下车库正在进水');
  const open = Number(await page.getByTestId('kpi-open-total-value').textContent());
  expect(open).toBeGreaterThan(3);
  await page.screenshot({ path: 'test-results/exercise-board.zh-CN.png', animations: 'disabled' });

  await page.goto('/#/exercise');
  await expect(page.getByTestId('controller-clock')).toContainText('T+00:52:00');
  await expect(page.getByTestId('expected-A1')).toContainText('按时');
  await expect(page.getByTestId('expected-A6')).toContainText('超时');
  await expect(page.getByTestId('expected-A2')).toContainText('未完成');
  await expect(page.getByRole('row', { name: /漕溪路下立交积水/ }).first()).toContainText('已注入');
  await page.screenshot({ path: 'test-results/exercise-controller.zh-CN.png', animations: 'disabled' });
  await switchLanguage(page, 'en');
  await expect(page.getByTestId('expected-A1')).toContainText('met');
  await page.screenshot({ path: 'test-results/exercise-controller.en.png', animations: 'disabled' });
  await page.goto('/#/board');
  await expect(page.getByTestId('exercise-banner')).toContainText('EXERCISE');
  await page.screenshot({ path: 'test-results/exercise-board.en.png', animations: 'disabled' });

  // Play to the end, write the findings, and read the report.
  await ex.playTo('T+02:00:00');
  expect(ex.rt.currentSession()?.engine.getState()).toBe('ended');
  await ex.rt.handle('exercise.aar.update', {
    strengths: '首报确认迅速；漕溪路下立交水域救援到场及时。',
    improvements: '防汛防台预案启动滞后；莘庄地下车库来电未登记。',
  });
  await ex.rt.handle('exercise.corrective.add', {
    text: '修订下立交积水处置指引',
    owner: '市防汛办 王强',
    dueDate: '2026-10-31',
  });
  await switchLanguage(page, 'zh-CN');
  await page.goto('/#/aar');
  await expect(page.getByTestId('aar')).toContainText('台风“梅花”暴雨内涝综合演练');
  await expect(page.getByTestId('aar')).toContainText('修订下立交积水处置指引');
  await expect(page.getByTestId('exercise-banner')).toContainText('已结束');
  // A report is read whole: a tall page for the record.
  await page.setViewportSize({ width: 1920, height: 1800 });
  await page.screenshot({ path: 'test-results/aar.zh-CN.png', animations: 'disabled' });
  await switchLanguage(page, 'en');
  await expect(page.getByTestId('aar')).toContainText('After-action report');
  await page.screenshot({ path: 'test-results/aar.en.png', animations: 'disabled' });

  // One click leaves the exercise: the banner goes, the seat is live again.
  await page.getByRole('button', { name: 'Leave exercise' }).click();
  await expect(page.getByTestId('exercise-banner')).toHaveCount(0);
  expect(ex.rt.mode).toBe('live');
});
