import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../src/main/core/feeds/server/feed-server';
import { openStore } from '../../src/main/core/store/db';
import { tempDir } from '../helpers/tmp';
import { waitFor } from '../helpers/feeds';
import { exited, startIngest } from '../helpers/ingest-child';
import type { ChildProcess } from 'node:child_process';

/**
 * Durability under SIGKILL. The server replays from what it has seen acked
 * (not from the seat's cursor), so an ack sent before its commit shows up as
 * an event that is missing; duplicates are injected, so a missing dedup shows
 * up as an event applied twice.
 */
const STREAM = 'rel';
const SEAT = 'rel-seat';
const TOKEN = 'rel-token';

let server: FeedServer | undefined;
let child: ChildProcess | undefined;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  child?.kill('SIGKILL');
  await server?.close();
  cleanups.splice(0).forEach((c) => c());
});

interface Outcome {
  acked: number;
  missing: number;
  doubled: number;
  integrity: string;
  kills: number;
}

async function run(
  events: number,
  kills: number,
  fault?: string,
  stopWhen?: (o: Outcome) => boolean,
): Promise<Outcome> {
  const { dir, cleanup } = tempDir('wf-rel-');
  cleanups.push(cleanup);
  const db = path.join(dir, 'live.db');
  server = await startFeedServer({ mode: 'live', tokens: [TOKEN], name: 'rel', replayFrom: 'acked' });
  for (let i = 1; i <= events; i++) {
    // One alert per event, told apart by its value: below the incident threshold.
    server.publish(STREAM, 'sensor.alarm', {
      sensorId: `S-${i % 97}`,
      kind: 'gas',
      value: i,
      threshold: 1e12,
      location: { district: 'huangpu' },
    });
  }
  const marks = Array.from({ length: kills }, () => Math.floor(events * (0.05 + 0.9 * Math.random()))).sort(
    (a, b) => a - b,
  );
  const check = (): Outcome => {
    const store = openStore({ file: db, readonly: true });
    try {
      const acked = server!.ackedSeq(STREAM, SEAT);
      const rows = store.db
        .prepare('SELECT CAST(value AS INTEGER) AS v, count(*) AS n FROM alerts GROUP BY value')
        .all() as { v: number; n: number }[];
      const seen = new Map(rows.map((r) => [r.v, r.n]));
      let missing = 0;
      for (let s = 1; s <= acked; s++) if (!seen.has(s)) missing++;
      const doubled = rows.filter((r) => r.n > 1).length;
      const integrity = store.db.pragma('integrity_check', { simple: true }) as string;
      return { acked, missing, doubled, integrity, kills: done };
    } finally {
      store.close();
    }
  };
  let done = 0;
  for (const mark of marks) {
    // Every kill lands mid-stream, after this run has committed something of its own.
    const target = Math.min(events - 1000, Math.max(mark, server.ackedSeq(STREAM, SEAT) + 500));
    child = startIngest({ db, url: server.url, token: TOKEN, seat: SEAT, fault });
    await waitFor(() => server!.ackedSeq(STREAM, SEAT) >= target, 120_000, `ack ${target}`);
    const resent = server.duplicate(STREAM, 300);
    // The duplicates travel behind what was already sent: once that is acked, they were seen.
    await waitFor(() => server!.ackedSeq(STREAM, SEAT) >= Math.min(resent + 1, events), 120_000, 'duplicates seen');
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 30)));
    child.kill('SIGKILL');
    await exited(child);
    done++;
    if (stopWhen && stopWhen(check())) return check();
  }
  child = startIngest({ db, url: server.url, token: TOKEN, seat: SEAT, fault });
  await waitFor(() => server!.ackedSeq(STREAM, SEAT) >= events, 120_000, 'all acked');
  await waitFor(() => server!.seats().some((x) => x.seat === SEAT && x.connected > 0), 60_000, 'final run connected');
  // Duplicates once more, then a clean stop: a graceful close commits what arrived.
  server.duplicate(STREAM, 300);
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
  return check();
}

describe('durability under SIGKILL', () => {
  it('50,000 events, 10 random kills: every acked event stored exactly once, integrity ok', async () => {
    const o = await run(50_000, 10);
    expect(o).toEqual({ acked: 50_000, missing: 0, doubled: 0, integrity: 'ok', kills: 10 });
  }, 300_000);

  it('catches the planted fault ack-before-commit (acked events go missing)', async () => {
    const o = await run(20_000, 10, 'ack-before-commit', (x) => x.missing > 0);
    expect(o.missing).toBeGreaterThan(0);
  }, 300_000);

  it('catches the planted fault dedup-off (events applied twice)', async () => {
    const o = await run(10_000, 3, 'dedup-off', (x) => x.doubled > 0);
    expect(o.doubled).toBeGreaterThan(0);
  }, 300_000);
});
