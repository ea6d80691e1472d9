import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { startFeedServer } from '../../src/main/core/feeds/server/feed-server';
import { openStore } from '../../src/main/core/store/db';
import { waitFor } from '../helpers/feeds';
import { call } from '../helpers/seat';
import { tempDir } from '../helpers/tmp';

const EPOCH = Date.UTC(2026, 6, 14, 1, 0, 0);
const seat = { seat: 'seat-1', operator: 'tester', version: 'test' };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function hashFile(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A live store with one closed incident and its history, then closed cleanly. */
function seedLive(dir: string): { incidentId: string } {
  const core = new Core({ dbFile: path.join(dir, 'live.db'), mode: 'live', now: () => EPOCH - 86_400_000, ...seat });
  const inc = core.incidents.createFromReport(
    { title: '南京东路商铺火灾', category: 'fire', level: 3, district: 'huangpu', channel: '119' },
    { seat: 'seat-1', operator: 'tester' },
  );
  core.store.db.prepare("UPDATE incidents SET status = 'closed' WHERE id = ?").run(inc.id);
  core.close();
  return { incidentId: inc.id };
}

describe('exercise separation', () => {
  it('plays a whole exercise in its own store without changing a byte of live.db', async () => {
    const { dir, cleanup } = tempDir('wf-ex-sep-');
    cleanups.push(cleanup);
    const { incidentId } = seedLive(dir);
    const liveFile = path.join(dir, 'live.db');
    const before = hashFile(liveFile);

    const clock = new FakeClock(0);
    const rt = SeatRuntime.open({ dataDir: dir, clock, now: () => EPOCH, ...seat });
    cleanups.push(() => rt.close());
    const view = await call(rt, 'exercise.start', { scenarioId: 'gas-explosion-old-block', seed: '7', speed: 60 });
    expect(view.mode).toBe('exercise');
    const runId = view.run?.id ?? '';
    const info = await call(rt, 'app.info', {});
    expect(info.mode).toBe('exercise');
    expect(info.dbFile).toBe(path.join(dir, `exercise-${runId}.db`));

    // Players act in the exercise store; the whole scenario plays out at ×60.
    await call(rt, 'incident.create', {
      title: '邻楼燃气味',
      category: 'gas',
      level: 4,
      district: 'putuo',
      channel: '12345',
    });
    clock.advance((75 * 60_000) / 60 + 100);
    await waitFor(() => rt.currentSession()?.engine.getState() === 'ended', 10_000, 'the run to end');
    const state = await call(rt, 'exercise.state', {});
    expect(state.injects.every((i) => i.status === 'delivered')).toBe(true);

    // Reading live.db during play is possible only read-only, and a stray write fails outright.
    const replay = await call(rt, 'exercise.replayIncident', { incidentId });
    expect(replay.injectCount).toBeGreaterThanOrEqual(1);
    const ro = openStore({ file: liveFile, readonly: true });
    expect(() => ro.db.prepare("UPDATE incidents SET title = 'x'").run()).toThrow(/readonly/i);
    ro.close();

    expect(hashFile(liveFile)).toBe(before);
    expect(fs.existsSync(`${liveFile}-wal`) ? fs.statSync(`${liveFile}-wal`).size : 0).toBe(0);
    const exerciseFiles = fs.readdirSync(dir).filter((f) => /^exercise-.*\.db$/.test(f));
    expect(exerciseFiles).toEqual([`exercise-${runId}.db`]);

    await call(rt, 'exercise.leave', {});
    expect(rt.mode).toBe('live');
    expect((await call(rt, 'app.info', {})).mode).toBe('live');
    // The exercise's incidents stayed in the exercise store.
    expect((await call(rt, 'incident.list', { scope: 'all', limit: 100 })).map((i) => i.id)).toEqual([incidentId]);
    await rt.close();
    expect(hashFile(liveFile)).toBe(before);
  });

  it('the real-world emergency stop ends play on every seat at once and returns them to live', async () => {
    const { dir, cleanup } = tempDir('wf-ex-stop-');
    cleanups.push(cleanup);
    const rt = SeatRuntime.open({ dataDir: dir, ...seat, exerciseFeed: { tokens: ['ex-token'] } });
    cleanups.push(() => rt.close());
    await call(rt, 'exercise.start', { scenarioId: 'metro-line2-failure', seed: '1', speed: 1 });
    const url = rt.currentSession()?.feedUrl ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    // Two more seats on the exercise feed (raw protocol clients) hear the stop.
    const heard: string[] = [];
    const sockets: Socket[] = [];
    for (const name of ['seat-2', 'seat-3']) {
      const s = connect(`${url}/feed`, {
        auth: { token: 'ex-token', seat: name, cursors: {} },
        transports: ['websocket'],
      });
      sockets.push(s);
      cleanups.push(() => void s.close());
      const onEnv = (e: { type: string; stream: string }): void => {
        if (e.type === 'exercise.stop') heard.push(name);
      };
      s.on('event', onEnv);
      s.on('events', (es: { type: string; stream: string }[]) => es.forEach(onEnv));
    }
    await waitFor(
      () => (rt.currentSession()?.server?.seats() ?? []).filter((x) => x.connected > 0).length >= 3,
      10_000,
      'seats',
    );
    const r = await call(rt, 'exercise.emergencyStop', { reason: '真实警情：延安高架多车相撞' });
    expect(r).toEqual({ mode: 'live', seatsNotified: 3 });
    await waitFor(() => heard.length === 2, 10_000, 'both seats to hear the stop');
    expect(heard.sort()).toEqual(['seat-2', 'seat-3']);
    expect(rt.mode).toBe('live');
    expect((await call(rt, 'app.info', {})).mode).toBe('live');

    // The run records why it stopped, in its own store.
    const file = fs.readdirSync(dir).find((f) => f.startsWith('exercise-')) as string;
    const store = openStore({ file: path.join(dir, file), readonly: true });
    const run = store.db.prepare('SELECT state, end_reason AS reason FROM exercise_runs').get();
    store.close();
    expect(run).toEqual({ state: 'stopped', reason: 'real-world emergency: 真实警情：延安高架多车相撞' });
  });

  it('a seat that joined another seat’s exercise returns to live when the stop reaches it over the feed', async () => {
    const { dir: d1, cleanup: c1 } = tempDir('wf-ex-ctl-');
    const { dir: d2, cleanup: c2 } = tempDir('wf-ex-player-');
    cleanups.push(c1, c2);
    const controller = SeatRuntime.open({ dataDir: d1, now: () => EPOCH, ...seat });
    const player = SeatRuntime.open({ dataDir: d2, ...seat, seat: 'seat-9' });
    cleanups.push(
      () => controller.close(),
      () => player.close(),
    );
    const v = await call(controller, 'exercise.start', { scenarioId: 'typhoon-waterlogging', seed: '3', speed: 60 });
    await player.joinExercise({
      url: controller.currentSession()?.feedUrl ?? '',
      token: 'exercise',
      runId: v.run?.id ?? '',
    });
    expect(player.mode).toBe('exercise');
    // The player ingests the warning (the first inject) through the ordinary feed pipeline.
    await waitFor(
      () => (player.core().ctx.db.prepare('SELECT count(*) AS n FROM feed_inbox').get() as { n: number }).n > 0,
      10_000,
      'ingestion',
    );
    // Exercise time follows the controller's: paused, both read exactly the same instant.
    await call(controller, 'exercise.control', { action: 'pause' });
    const paused = controller.currentSession()?.engine.epochNow() ?? 0;
    await waitFor(() => player.core().now() === paused, 10_000, 'the player to take the controller’s exercise time');
    expect(Math.abs(player.core().now() - Date.now())).toBeGreaterThan(86_400_000);
    await call(controller, 'exercise.emergencyStop', { reason: 'real incident' });
    await waitFor(() => player.mode === 'live', 10_000, 'the player to return to live');
    expect(fs.existsSync(path.join(d2, `exercise-${v.run?.id}.db`))).toBe(true);
  });

  it('a live seat refuses the exercise feed, and an exercise seat refuses a live feed', async () => {
    const { dir, cleanup } = tempDir('wf-ex-cross-');
    cleanups.push(cleanup);
    const controller = SeatRuntime.open({ dataDir: path.join(dir), ...seat });
    cleanups.push(() => controller.close());
    await call(controller, 'exercise.start', { scenarioId: 'hazmat-leak-chemical-park', seed: '1', speed: 60 });
    const exUrl = controller.currentSession()?.feedUrl ?? '';

    fs.mkdirSync(path.join(dir, 'other'));
    const live = new Core({ dbFile: path.join(dir, 'other', 'live.db'), mode: 'live', ...seat, seat: 'seat-live' });
    cleanups.push(() => live.close());
    live.feeds.addSessionSource('exercise', exUrl, 'exercise');
    live.startFeeds();
    await waitFor(() => live.feeds.health()[0].state === 'refused', 10_000, 'refusal');
    expect(live.feeds.health()[0].lastError).toMatch(/exercise mode; this seat is live/);
    expect((live.store.db.prepare('SELECT count(*) AS n FROM incidents').get() as { n: number }).n).toBe(0);
    expect((live.store.db.prepare('SELECT count(*) AS n FROM feed_inbox').get() as { n: number }).n).toBe(0);

    // The controller's own exercise seat, pointed at a live feed, refuses it too.
    const liveServer = await startFeedServer({ mode: 'live', tokens: ['t'], name: 'city-feeds' });
    cleanups.push(() => liveServer.close());
    liveServer.publish('hotline-12345', 'incident.reported', {
      externalRef: 'L-1',
      title: '真实报告',
      category: 'fire',
      location: { district: 'huangpu' },
    });
    const exCore = controller.core();
    exCore.feeds.addSessionSource('city', liveServer.url, 't');
    exCore.startFeeds();
    await waitFor(() => exCore.feeds.health().find((h) => h.name === 'city')?.state === 'refused', 10_000, 'refusal');
    expect(liveServer.ackedSeq('hotline-12345')).toBe(0);
  });

  it('first run on a fresh machine opens the demonstration scenario in exercise mode; one call leaves it', async () => {
    const { dir, cleanup } = tempDir('wf-ex-first-');
    cleanups.push(cleanup);
    const rt = SeatRuntime.open({ dataDir: dir, ...seat });
    cleanups.push(() => rt.close());
    expect(await rt.firstRun(false)).toBe(true);
    expect(rt.mode).toBe('exercise');
    const v = await call(rt, 'exercise.state', {});
    expect(v.run).toMatchObject({ label: 'demo', scenarioId: 'typhoon-waterlogging', state: 'running', speed: 10 });
    expect((await call(rt, 'app.info', {})).mode).toBe('exercise');
    await call(rt, 'exercise.leave', {});
    expect(rt.mode).toBe('live');
    expect(await rt.firstRun(true)).toBe(false);
    expect(rt.mode).toBe('live');
    // On the live store there is no run to report on, and nothing to leave.
    expect(await call(rt, 'exercise.aar', {})).toBe(null);
    expect(await call(rt, 'exercise.leave', {})).toEqual({ mode: 'live' });
    expect(rt.core().exercise.runs.currentRunId()).toBe(null);
  });
});

describe('seat runtime change notices', () => {
  it('follows the current store across a switch to an exercise and back', async () => {
    const { dir, cleanup } = tempDir('wf-ex-follow-');
    cleanups.push(cleanup);
    const rt = SeatRuntime.open({ dataDir: dir, ...seat });
    cleanups.push(() => rt.close());
    const entities: string[] = [];
    rt.onChanges((b) => entities.push(...b.changes.map((c) => c.entity)));
    const modes: string[] = [];
    rt.onModeChange((m) => modes.push(m));
    await call(rt, 'incident.create', {
      title: '真实报告',
      category: 'fire',
      level: 4,
      district: 'huangpu',
      channel: '110',
    });
    await call(rt, 'exercise.start', { scenarioId: 'typhoon-waterlogging', seed: '1', speed: 1 });
    await call(rt, 'exercise.control', { action: 'jump', injectNo: 3 });
    expect(entities).toContain('exercise_delivery');
    await call(rt, 'exercise.leave', {});
    entities.length = 0;
    await call(rt, 'incident.create', {
      title: '又一个真实报告',
      category: 'fire',
      level: 4,
      district: 'huangpu',
      channel: '110',
    });
    expect(entities).toEqual(['incident']);
    expect(modes).toEqual(['exercise', 'live']);
  });
});
