import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { storeStats } from '../../src/main/core/feeds/stats';
import { startReferenceServer, type ReferenceServer } from '../../tools/feed-server/reference';
import { REPO } from '../helpers/ingest-child';
import { waitFor } from '../helpers/feeds';
import { tempDir } from '../helpers/tmp';

let server: ReferenceServer | undefined;
let core: Core | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  core?.close();
  core = undefined;
  await server?.close();
  cleanups.splice(0).forEach((c) => c());
});

describe('reference server faults', () => {
  it('restarts and drops 20 times during a stream: nothing lost, nothing duplicated', async () => {
    const { dir, cleanup } = tempDir('wf-chaos-');
    cleanups.push(cleanup);
    const db = path.join(dir, 'live.db');
    server = await startReferenceServer({ mode: 'live', tokens: ['t'], name: 'chaos' });
    core = new Core({
      dbFile: db,
      seat: 'chaos-seat',
      operator: 't',
      mode: 'live',
      version: 't',
      feeds: { backoff: { initialMs: 20, maxMs: 200, unauthorizedMs: 60_000 } },
    });
    core.feeds.addSessionSource('chaos', server.url, 't');
    core.startFeeds();
    const TOTAL = 20_000;
    let published = 0;
    for (let fault = 0; fault < 20; fault++) {
      for (let i = 0; i < TOTAL / 20; i++) {
        published++;
        server.publish('c', 'sensor.alarm', {
          sensorId: 'S',
          kind: 'gas',
          value: published,
          threshold: 1e12,
          location: {},
        });
      }
      const target = published - 200;
      await waitFor(() => server!.ackedSeq('c') >= target, 60_000, `ack ${target}`);
      if (fault % 2 === 0) await server.restart(30);
      else server.drop();
    }
    await waitFor(() => server!.ackedSeq('c') >= TOTAL, 60_000, 'all acked');
    const d = core.store.db;
    expect(
      d
        .prepare('SELECT count(*) AS n, count(DISTINCT value) AS d, min(value) AS lo, max(value) AS hi FROM alerts')
        .get(),
    ).toEqual({ n: TOTAL, d: TOTAL, lo: 1, hi: TOTAL });
    expect(storeStats(d).streams).toEqual({ c: { cursor: TOTAL, gaps: 0 } });
  }, 120_000);

  it('core stats --json prints one JSON object with the documented fields', async () => {
    const { dir, cleanup } = tempDir('wf-stats-');
    cleanups.push(cleanup);
    const db = path.join(dir, 'live.db');
    server = await startReferenceServer({ mode: 'live', tokens: ['t'], name: 'stats' });
    core = new Core({ dbFile: db, seat: 's', operator: 't', mode: 'live', version: 't' });
    core.feeds.addSessionSource('stats', server.url, 't');
    core.startFeeds();
    server.publish('h', 'incident.reported', {
      externalRef: 'R1',
      title: '火警',
      category: 'fire',
      location: { district: '静安区' },
    });
    server.publish('a', 'unit.position', { unitId: 'U1', lat: 31.2, lon: 121.4, at: '2026-11-29T09:00:00+08:00' });
    server.gap('a', 2);
    server.publish('a', 'unit.position', { unitId: 'U1', lat: 31.2, lon: 121.4, at: '2026-11-29T09:00:01+08:00' });
    server.hostile('h', 2);
    await waitFor(() => server!.ackedSeq('h') >= 3 && server!.ackedSeq('a') >= 4);
    core.close();
    core = undefined;
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/main/core/cli.ts', 'stats', '--db', db, '--json'],
      { cwd: REPO },
    ).toString();
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toMatchObject({
      incidents: 1,
      reports: 1,
      units: 1,
      warnings: { active: 0, total: 0 },
      alerts: 0,
      quarantined: 2,
      commandsPending: 0,
      // On h, the first hostile message is not even an object: its seq (2) is unreadable, so it counts as a gap.
      streams: { h: { cursor: 3, gaps: 1 }, a: { cursor: 4, gaps: 1 } },
    });
  }, 60_000);
});
