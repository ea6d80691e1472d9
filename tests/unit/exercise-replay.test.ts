import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { startFeedServer } from '../../src/main/core/feeds/server/feed-server';
import { parseScenarioTime } from '../../src/shared/exercise-scenario';
import { waitFor } from '../helpers/feeds';
import { tempDir } from '../helpers/tmp';

const T0 = Date.UTC(2026, 7, 3, 2, 0, 0);
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

describe('replaying a real incident as an exercise', () => {
  it('turns a closed incident’s reports and officers’ actions into a scenario with the original timing, and plays it', async () => {
    const { dir, cleanup } = tempDir('wf-ex-replay-');
    cleanups.push(cleanup);
    // A real day on the live seat: two feeds report one fire, the officer acknowledges, raises the level, dispatches.
    let now = T0;
    const live = new Core({
      dbFile: path.join(dir, 'live.db'),
      mode: 'live',
      seat: 's1',
      operator: '王',
      version: 't',
      now: () => now,
    });
    const server = await startFeedServer({ mode: 'live', tokens: ['t'], name: 'city' });
    cleanups.push(() => server.close());
    live.feeds.addSessionSource('city', server.url, 't');
    live.startFeeds();
    const report = (ref: string, channel: string) => ({
      externalRef: ref,
      title: '虹口区四川北路商铺火灾',
      category: 'fire',
      level: 3,
      location: { district: 'hongkou', address: '四川北路1500号', lat: 31.2655, lon: 121.4872 },
      reporter: { channel },
    });
    server.publish('dispatch-119', 'incident.reported', report('F119-0803-0001', '119'));
    await waitFor(() => server.ackedSeq('dispatch-119') >= 1, 10_000, 'first report');
    const id = (live.store.db.prepare('SELECT id FROM incidents').get() as { id: string }).id;
    now = T0 + 90_000;
    expect(live.handle('feeds.acknowledge', { incidentId: id }).ok).toBe(true);
    now = T0 + 4 * 60_000;
    // A second report of the same incident (same stream, same externalRef), from a caller.
    server.publish('dispatch-119', 'incident.reported', report('F119-0803-0001', '119'));
    await waitFor(() => server.ackedSeq('dispatch-119') >= 2, 10_000, 'second report');
    expect(live.store.db.prepare('SELECT count(*) AS n FROM reports WHERE incident_id = ?').get(id)).toEqual({ n: 2 });
    now = T0 + 6 * 60_000;
    live.incidents.appendTimeline(id, 'level_changed', { seat: 's1', operator: '王' }, 'III → II', { level: 2 });
    now = T0 + 9 * 60_000;
    live.incidents.appendTimeline(id, 'unit_dispatched', { seat: 's1', operator: '王' }, 'HK-FIRE-02', {
      capability: 'fire',
    });
    // Not closed yet: refused.
    const early = live.handle('exercise.replayIncident', { incidentId: id });
    expect(!early.ok && early.error.code).toBe('refused');
    live.store.db.prepare("UPDATE incidents SET status = 'closed' WHERE id = ?").run(id);
    live.stopFeeds();
    live.close();

    // On the seat runtime (live), make the replay scenario from the closed incident.
    const clock = new FakeClock(0);
    const rt = SeatRuntime.open({
      dataDir: dir,
      clock,
      now: () => T0 + 86_400_000,
      seat: 's1',
      operator: '王',
      version: 't',
    });
    cleanups.push(() => rt.close());
    const made = await rt.handle('exercise.replayIncident', { incidentId: id });
    if (!made.ok) throw new Error(made.error.message);
    const scenario = rt.library.get(made.value.id);
    expect(scenario.injects.map((i) => [i.at, i.delivery === 'feed' ? i.stream : '', i.type])).toEqual([
      ['T+00:00:00', 'dispatch-119', 'incident.reported'],
      ['T+00:04:00', 'dispatch-119', 'incident.reported'],
    ]);
    expect(scenario.expectedActions.map((a) => [a.matcher.kind, a.withinMinutes, a.matcher.level])).toEqual([
      ['incident_acknowledged', 2, undefined],
      ['level_set', 6, 2],
      ['unit_dispatched', 9, undefined],
    ]);

    // And it plays: the seat ingests the replayed reports at their original offsets, as one incident.
    await rt.startExercise({ scenarioId: scenario.id, seed: 'r', speed: 60, label: 'replay' });
    const s = rt.currentSession();
    const ex = s?.server;
    if (!s || !ex) throw new Error('no session');
    clock.advance((parseScenarioTime('T+00:05:00') ?? 0) / 60);
    await waitFor(() => ex.log.streams().every((st) => ex.ackedSeq(st) >= ex.log.head(st)), 10_000, 'replay ingestion');
    const db = s.core.ctx.db;
    expect(db.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM reports').get()).toEqual({ n: 2 });
    expect((await rt.handle('exercise.state', {})).ok).toBe(true);
  });
});
