/**
 * Position ingest benchmark: 5,000 units each sending a fix every 10 s
 * (500 fixes/s), delivered in one-second batches as the feed pipeline does.
 *
 *   node --import tsx bench/positions.ts [minutes=5] [units=5000]
 *
 * The core prunes its change log once a (simulated) minute, as it does in
 * the app; a run longer than the 10-minute window shows the log bounded.
 *
 * Prints ratios against a baseline measured in the same run on the same
 * disk: plain INSERTs of the same rows into a bare table with the store's
 * durability settings. Absolute numbers depend on the machine and its load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core } from '../src/main/core/core';
import { openStore } from '../src/main/core/store/db';

const minutes = Number(process.argv[2] ?? 5);
const unitCount = Number(process.argv[3] ?? 5000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-bench-'));
const start = Date.UTC(2026, 10, 29, 0, 0, 0);

type Fix = { unitId: string; lat: number; lon: number; at: number; speedKmh: number; heading: number };
function batchAt(second: number): Fix[] {
  // Each unit reports once per 10 s; one tenth of them report in any given second.
  const out: Fix[] = [];
  for (let u = second % 10; u < unitCount; u += 10) {
    const at = start + second * 1000;
    out.push({
      unitId: `U${u}`,
      lat: 31.1 + (u % 100) / 500 + second / 1e5,
      lon: 121.3 + u / 25_000,
      at,
      speedKmh: 40,
      heading: 90,
    });
  }
  return out;
}
const seconds = minutes * 60;

function baseline(): number {
  const store = openStore({ file: path.join(dir, 'baseline.db') });
  store.db.exec('CREATE TABLE raw (unit_id TEXT, at INTEGER, lat REAL, lon REAL, speed REAL, heading REAL) STRICT');
  const ins = store.db.prepare('INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?)');
  const tx = store.db.transaction((b: Fix[]) => {
    for (const f of b) ins.run(f.unitId, f.at, f.lat, f.lon, f.speedKmh, f.heading);
  });
  const t0 = performance.now();
  for (let s = 0; s < seconds; s++) tx(batchAt(s));
  const ms = performance.now() - t0;
  store.close();
  return ms;
}

function measured(): { ms: number; pruneMs: number; mostChanges: number; core: Core; clock: { t: number } } {
  const clock = { t: start };
  const core = new Core({
    dbFile: path.join(dir, 'live.db'),
    seat: 'bench',
    operator: 'bench',
    mode: 'live',
    version: 'bench',
    now: () => clock.t,
  });
  const changes = (): number => (core.ctx.db.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
  let pruneMs = 0;
  let mostChanges = 0;
  const t0 = performance.now();
  for (let s = 0; s < seconds; s++) {
    clock.t = start + s * 1000;
    core.resources.units.applyPositions(batchAt(s));
    if (s % 60 === 59) {
      const p0 = performance.now();
      core.pruneChanges();
      pruneMs += performance.now() - p0;
      mostChanges = Math.max(mostChanges, changes());
    }
  }
  return { ms: performance.now() - t0 - pruneMs, pruneMs, mostChanges, core, clock };
}

const fixes = (seconds * unitCount) / 10;
const base = baseline();
const { ms, pruneMs, mostChanges, core, clock } = measured();
const changeRows = (core.ctx.db.prepare('SELECT count(*) AS n FROM changes').get() as { n: number }).n;
const changeHead = core.ctx.changes.cursor();
const rows = (): number => (core.ctx.db.prepare('SELECT count(*) AS n FROM unit_positions').get() as { n: number }).n;
const before = rows();
// Age the whole run past the one-hour boundary and thin it to one fix a minute.
clock.t = start + seconds * 1000 + 3600_000 + 60_000;
const t0 = performance.now();
const report = core.resources.units.maintain();
const maintainMs = performance.now() - t0;
const after = rows();
const t1 = performance.now();
const list = core.resources.units.list();
const listMs = performance.now() - t1;
core.close();
fs.rmSync(dir, { recursive: true, force: true });

const rate = (fixes / ms) * 1000;
console.log(`units ${unitCount}, ${minutes} min of feed = ${fixes} fixes in ${seconds} one-second batches`);
console.log(`baseline bare INSERT:   ${((fixes / base) * 1000).toFixed(0)} fixes/s`);
console.log(`applyPositions:         ${rate.toFixed(0)} fixes/s  = ${(base / ms).toFixed(2)}× baseline speed`);
console.log(`headroom over 500/s:    ${(rate / 500).toFixed(1)}×`);
console.log(
  `retention: ${before} rows → ${after} (thinned ${report.thinned}); maintain took ${(maintainMs / ms).toFixed(3)}× the ingest time`,
);
console.log(
  `change log: ${changeRows} rows kept of ${changeHead} recorded (most at a prune: ${mostChanges}); pruning took ${(pruneMs / ms).toFixed(3)}× the ingest time`,
);
console.log(`unit.list of ${list.length} units: ${(listMs / (ms / seconds)).toFixed(2)}× one batch's ingest time`);
