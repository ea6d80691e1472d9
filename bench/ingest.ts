/**
 * Ingestion benchmark (`npm run bench:ingest`). Figures are printed as rates
 * and as ratios against a baseline measured in the same run on this machine:
 * the raw better-sqlite3 batch insert of comparable rows with synchronous=FULL.
 * The core runs in a worker thread as in the app; this thread plays the shell
 * and measures its event-loop delay; the feed server runs in a child process.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { openStore } from '../src/main/core/store/db';

const N = Number(process.env.BENCH_EVENTS ?? 60_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-bench-'));
const here = path.dirname(new URL(import.meta.url).pathname);

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function payload(i: number): Record<string, unknown> {
  return {
    sensorId: `GS-${i % 2000}`,
    kind: 'gas',
    value: (i % 97) / 10,
    threshold: 10,
    unit: '%LEL',
    location: { district: '徐汇区', lat: 31.19, lon: 121.43 },
  };
}

/**
 * Writes N events' rows — inbox, alert, change — with the given statements, 1000 per transaction;
 * returns events per second. The alert statement takes the baseline table's 12 values.
 */
function insertRows(
  db: Database.Database,
  a: Database.Statement,
  b: Database.Statement,
  c: Database.Statement,
): number {
  const t0 = performance.now();
  for (let i = 0; i < N; i += 1000) {
    db.transaction(() => {
      for (let j = i; j < Math.min(N, i + 1000); j++) {
        const id = uuidv7();
        const p = payload(j);
        a.run('bench', uuidv7(), j + 1, 'sensor.alarm', Date.now(), Date.now());
        b.run(id, p.sensorId, 'gas', p.value, 10, '%LEL', 0.1, 'xuhui', 31.19, 121.43, 'bench', Date.now());
        c.run('alert', id, 'insert', Date.now());
      }
    })();
  }
  const rate = N / ((performance.now() - t0) / 1000);
  return rate;
}

/** Baseline: inbox row + alert row + change row per event, batches of 1000, WAL + FULL. */
function baseline(): { rate: number; bytesPerEvent: number } {
  const file = path.join(dir, 'baseline.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE inbox (stream TEXT, event_id TEXT, seq INTEGER, type TEXT, ts INTEGER, received_at INTEGER, PRIMARY KEY (stream, event_id)) STRICT, WITHOUT ROWID;
    CREATE TABLE alerts (id TEXT PRIMARY KEY, sensor_id TEXT, kind TEXT, value REAL, threshold REAL, unit TEXT, ratio REAL, district TEXT, lat REAL, lon REAL, stream TEXT, at INTEGER) STRICT;
    CREATE TABLE changes (id INTEGER PRIMARY KEY, entity TEXT, entity_id TEXT, op TEXT, at INTEGER) STRICT;`);
  const a = db.prepare('INSERT INTO inbox VALUES (?, ?, ?, ?, ?, ?)');
  const b = db.prepare('INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const c = db.prepare('INSERT INTO changes (entity, entity_id, op, at) VALUES (?, ?, ?, ?)');
  const rate = insertRows(db, a, b, c);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { rate, bytesPerEvent: fs.statSync(file).size / N };
}

/**
 * Reference, not the baseline: the same three rows per event written raw into the store's own
 * schema (feed_inbox, alerts with its secondary indexes, changes). It shows how much of the gap
 * to the baseline is the schema's index upkeep rather than the pipeline.
 */
function storeSchemaRaw(): number {
  const store = openStore({ file: path.join(dir, 'schema-raw.db') });
  const db = store.db;
  const a = db.prepare(
    'INSERT INTO feed_inbox (stream, event_id, seq, type, ts, received_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const b = db.prepare(
    `INSERT INTO alerts (id, sensor_id, kind, value, threshold, unit, ratio, district, lat, lon, incident_id, stream, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const c = db.prepare('INSERT INTO changes (entity, entity_id, op, at) VALUES (?, ?, ?, ?)');
  const rate = insertRows(db, a, b, c);
  store.close();
  return rate;
}

function ask<T>(w: Worker | ChildProcess, msg: object, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: Record<string, unknown>): void => {
      if (key in m) {
        w.off('message', on);
        resolve(m as T);
      }
    };
    w.on('message', on);
    if ('postMessage' in w) w.postMessage(msg);
    else w.send(msg);
  });
}

async function main(): Promise<void> {
  const base = baseline();
  const schemaRate = storeSchemaRaw();
  const source = fork(path.join(here, 'ingest-source.ts'), [], { execArgv: ['--import', 'tsx'] });
  const { url } = await ask<{ url: string }>(source, { cmd: 'start' }, 'url');
  const db = path.join(dir, 'live.db');
  const worker = new Worker(path.join(here, 'ingest-worker.mjs'), {
    workerData: { db, url, token: 'bench' },
    // BENCH_PROF=<dir>: CPU-profile the core thread (a .cpuprofile; aggregate self time per function).
    ...(process.env.BENCH_PROF ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] } : {}),
  });
  await ask(worker, {}, 'ready');
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();

  // 1. Throughput: a backlog of N events (as after an outage), drained from cold.
  await ask(source, { cmd: 'preload', n: N }, 'preloaded');
  let t0 = performance.now();
  worker.postMessage({ cmd: 'start' });
  for (;;) {
    const { acked } = await ask<{ acked: number }>(source, { cmd: 'acked' }, 'acked');
    if (acked >= N) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const drainRate = N / ((performance.now() - t0) / 1000);
  await ask(worker, { cmd: 'take' }, 'latencies');

  // 2. Steady rates: latency receive → commit.
  const steady: Record<number, { p50: number; p99: number; rate: number }> = {};
  for (const rate of [1000, 5000]) {
    const seconds = 5;
    loop.reset();
    const before = (await ask<{ acked: number }>(source, { cmd: 'acked' }, 'acked')).acked;
    t0 = performance.now();
    await ask(source, { cmd: 'rate', perSec: rate, seconds }, 'done');
    const target = before + rate * seconds;
    for (;;) {
      const { acked } = await ask<{ acked: number }>(source, { cmd: 'acked' }, 'acked');
      if (acked >= target) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const achieved = (rate * seconds) / ((performance.now() - t0) / 1000);
    const { latencies } = await ask<{ latencies: number[] }>(worker, { cmd: 'take' }, 'latencies');
    steady[rate] = { p50: pct(latencies, 50), p99: pct(latencies, 99), rate: achieved };
  }
  loop.disable();
  await ask(worker, { cmd: 'close' }, 'closed');
  await worker.terminate();
  source.kill('SIGTERM');
  const total = N + 30_000;
  const bytesPerEvent = fs.statSync(db).size / total;
  const liveRate = 1000;

  const f = (x: number): string => x.toFixed(1);
  console.log(
    `Ingestion benchmark — ${new Date().toISOString()}, ${os.cpus().length} CPU(s), Node ${process.version}, ${N} events`,
  );
  console.log(
    `baseline raw insert (WAL, synchronous=FULL, 1000/txn): ${Math.round(base.rate)} ev/s, ${f(base.bytesPerEvent)} bytes/event`,
  );
  console.log(
    `reference: the same rows raw into the store's own schema (its indexes): ${Math.round(schemaRate)} ev/s = ${f((100 * schemaRate) / base.rate)}% of baseline`,
  );
  console.log(
    `pipeline socket.io → validate → dedup → apply → commit → ack (FULL): ${Math.round(drainRate)} ev/s = ${f((100 * drainRate) / base.rate)}% of baseline, ${f((100 * drainRate) / schemaRate)}% of the reference`,
  );
  for (const [rate, s] of Object.entries(steady)) {
    console.log(
      `steady ${rate} ev/s: achieved ${Math.round(s.rate)} ev/s, receive→commit p50 ${f(s.p50)} ms, p99 ${f(s.p99)} ms`,
    );
  }
  console.log(
    `shell-thread event-loop delay during steady ingestion: p99 ${f(loop.percentile(99) / 1e6)} ms, max ${f(loop.max / 1e6)} ms`,
  );
  console.log(
    `bytes written per event (store after checkpoint): ${f(bytesPerEvent)} = ${f(bytesPerEvent / base.bytesPerEvent)}× the baseline row size`,
  );
  console.log(
    `catch-up after an outage (backlog drained from cold): ${Math.round(drainRate)} ev/s = ${f(drainRate / liveRate)}× a live rate of ${liveRate} ev/s`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
