import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { CATEGORIES, CATEGORY_CODES, DISTRICTS, DISTRICT_CODES } from '../../src/shared/domain';
import { test, type Watchfloor } from '../../tests/e2e/fixtures';
import { report } from '../../tests/e2e/seed';

/**
 * Board benchmark (not a test: it prints figures, asserts nothing).
 * 100,000 incidents in the store (5,000 open), boards at 1920×1080, changes
 * written through the real core, change log and live store and pushed to the
 * page as the shell would. Phases:
 *  1. City overview, idle, then 1,000 incident changes/s for 10 s: frame times
 *     (rAF deltas) and which map layers were redrawn;
 *  2. feed → map: 40 new level-I incidents under 1,000 other changes/s, timed
 *     to the map's canvas having drawn them (`data-settled`);
 *  3. feed → grid: the same on the Incident wall, timed to the row in the DOM;
 *  4. 5,000 units moving at 1 Hz on the Resources wall: frames per second;
 *  5. BENCH_HOUR=1: an hour's traffic (3.6 M changes at 1,000/s) replayed at
 *     4× speed on the City overview, JS heap after GC every simulated 10 min
 *     (BENCH_HEAPSNAP=<dir> also writes a heap snapshot each time).
 * Run: npm run bench:boards
 */

const OUT = path.resolve(import.meta.dirname, '../../test-results/bench');
const TOTAL = 100_000;
const RATE = 1000;
const SECONDS = 10;
const TICK_MS = 50;

function seedUnits(wf: Watchfloor, n: number): { id: string; lat: number; lon: number }[] {
  const db = wf.core.store.db;
  const now = Date.now();
  const statuses = ['available', 'dispatched', 'en_route', 'on_scene', 'returning', 'out_of_service'];
  const ins = db.prepare(
    'INSERT INTO units (id, call_sign, status, lat, lon, fix_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const out: { id: string; lat: number; lon: number }[] = [];
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const [lon, lat] = DISTRICTS[DISTRICT_CODES[i % DISTRICT_CODES.length]].center;
      const u = { id: `BU-${i}`, lat: lat + ((i % 101) - 50) / 1500, lon: lon + ((i % 89) - 44) / 1500 };
      ins.run(u.id, `单位 ${i}`, statuses[i % 7 === 0 ? 5 : i % 5], u.lat, u.lon, now, now);
      out.push(u);
    }
  })();
  return out;
}

function seedBulk(wf: Watchfloor): string[] {
  const db = wf.core.store.db;
  const now = Date.now();
  const ins =
    db.prepare(`INSERT INTO incidents (id, ref, title, category, incident_class, level, status, district, lat, lon,
    channel, reported_at, updated_at, report_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '12345', ?, ?, 1)`);
  const open: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < TOTAL; i++) {
      const d = DISTRICT_CODES[i % DISTRICT_CODES.length];
      const [lon, lat] = DISTRICTS[d].center;
      const cat = CATEGORY_CODES[i % CATEGORY_CODES.length];
      const isOpen = i % 20 === 0; // 5,000 open, the rest closed history
      const id = uuidv7();
      if (isOpen) open.push(id);
      const at = now - Math.floor((i / TOTAL) * 30 * 86_400_000);
      ins.run(
        id,
        `B-${i}`,
        `bench ${i}`,
        cat,
        CATEGORIES[cat],
        1 + (i % 4),
        isOpen ? 'reported' : 'closed',
        d,
        lat + ((i % 97) - 48) / 2000,
        lon + ((i % 89) - 44) / 2000,
        at,
        at,
      );
    }
  })();
  return open;
}

/** rAF deltas over `ms` in the page (a string: the Node-side tsconfig has no DOM types). */
async function frames(page: Page, ms: number): Promise<number[]> {
  return page.evaluate(`new Promise((resolve) => {
    const out = [];
    let last = performance.now();
    const end = last + ${ms};
    const tick = (t) => { out.push(t - last); last = t; if (t < end) requestAnimationFrame(tick); else resolve(out); };
    requestAnimationFrame(tick);
  })`) as Promise<number[]>;
}

/**
 * For a developer's eyes: BENCH_PROFILE=1 saves a CPU profile of the renderer during `fn`
 * (test-results/bench/<name>.cpuprofile), BENCH_TRACE=1 a Chromium trace (<name>.trace.json;
 * BENCH_TRACE_CATEGORIES to choose the categories).
 */
async function capture<T>(page: Page, name: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(OUT, { recursive: true });
  const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (profiler) {
    await profiler.send('Profiler.enable');
    await profiler.send('Profiler.start');
  }
  const browser = process.env.BENCH_TRACE ? page.context().browser() : null;
  const categories = process.env.BENCH_TRACE_CATEGORIES?.split(',');
  await browser?.startTracing(page, { path: path.join(OUT, `${name}.trace.json`), categories });
  const out = await fn();
  await browser?.stopTracing();
  if (profiler) {
    const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown };
    fs.writeFileSync(path.join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
  }
  return out;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const f = (n: number): string => n.toFixed(1);

type Load = (seconds: number, perSecond: number, change: (k: number, at: number) => void) => Promise<void>;

/** Writes `perSecond` changes for `seconds` in 50 ms transactions, each followed by the change push. */
function loader(wf: Watchfloor): Load {
  return async (seconds, perSecond, change) => {
    const perTick = Math.round((perSecond * TICK_MS) / 1000);
    const end = Date.now() + seconds * 1000;
    let k = 0;
    while (Date.now() < end) {
      const started = Date.now();
      wf.core.store.db.transaction(() => {
        for (let i = 0; i < perTick; i++) change(k++, Date.now());
      })();
      wf.core.flushChanges();
      // The fixture keeps every pushed batch for tests to inspect; a long run must not hoard them.
      wf.pushed.length = 0;
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - (Date.now() - started))));
    }
  };
}

/** JS heap after a full GC, in MB. */
async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  await cdp.detach();
  return (metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN) / 1024 / 1024;
}

/** Records in the page when each probe first shows, by polling `probe` (a JS expression giving the highest probe seen). */
async function watchProbes(page: Page, probe: string): Promise<void> {
  await page.evaluate(`(() => {
    window.__seen = {};
    const look = () => {
      const k = ${probe};
      for (let i = 0; i <= k; i++) if (window.__seen[i] === undefined) window.__seen[i] = Date.now();
    };
    window.__probes?.disconnect();
    window.__probes = new MutationObserver(look);
    window.__probes.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
}

/** 40 probes, one every 200 ms while `load` runs; the page's `watchProbes` records when each shows. */
async function probeLatency(page: Page, load: Promise<void>, probe: (k: number) => Promise<void>): Promise<number[]> {
  const sent: Record<string, number> = {};
  const probes = (async () => {
    for (let k = 0; k < 40; k++) {
      sent[k] = Date.now();
      await probe(k);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await Promise.all([probes, load]);
  await page.waitForTimeout(1000);
  const seen = (await page.evaluate('window.__seen')) as Record<string, number>;
  return Object.keys(sent).map((k) => (seen[k] === undefined ? Infinity : seen[k] - sent[k]));
}

const line = (label: string, xs: number[], unit = 'ms'): string =>
  `${label} p50 ${f(pct(xs, 50))} p95 ${f(pct(xs, 95))} p99 ${f(pct(xs, 99))} ${unit} (n=${xs.length})`;

test('boards under load: frame time, feed-to-pixel latency, 5,000 moving units, heap', async ({ page, wf }) => {
  const hour = process.env.BENCH_HOUR === '1';
  test.setTimeout(hour ? 1_500_000 : 300_000);
  const open = seedBulk(wf);
  const load = loader(wf);
  const db = wf.core.store.db;
  const out: string[] = [];

  // 1. City overview: idle, then 1,000 level changes a second.
  await page.goto('/#/wall/city-overview');
  await page.getByTestId('city-map').and(page.locator('[data-settled]:not([data-settled=""])')).waitFor();
  await page.waitForTimeout(2000);
  const idle = await frames(page, 5000);
  const setLevel = db.prepare('UPDATE incidents SET level = ?, updated_at = ? WHERE id = ?');
  const levelChange = (k: number, at: number): void => {
    const id = open[k % open.length];
    setLevel.run(1 + (k % 4), at, id);
    wf.core.ctx.changes.record('incident', id, 'update');
  };
  const drawsBefore = (await page.evaluate(
    `({ ...document.querySelector('[data-testid="city-map"]').dataset })`,
  )) as Record<string, string>;
  const [busy] = await capture(page, 'board-loaded', () =>
    Promise.all([frames(page, SECONDS * 1000), load(SECONDS, RATE, levelChange)]),
  );
  const draws = (await page.evaluate(`({ ...document.querySelector('[data-testid="city-map"]').dataset })`)) as Record<
    string,
    string
  >;
  out.push(line('frame time idle          ', idle));
  out.push(line('frame time, 1,000 chg/s  ', busy));
  out.push(
    `map redraws under load: markers ${Number(draws.markerDraws) - Number(drawsBefore.markerDraws)}, districts ${Number(draws.baseDraws) - Number(drawsBefore.baseDraws)} (in ${SECONDS} s)`,
  );

  // 2. Feed → map. Background changes that keep every marker where it is, so the drawn count moves only with probes.
  const touch = db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?');
  const touchChange = (k: number, at: number): void => {
    const id = open[k % open.length];
    touch.run(at, id);
    wf.core.ctx.changes.record('incident', id, 'update');
  };
  await page.waitForTimeout(1500);
  const baseMarkers = Number(await page.getByTestId('city-map').getAttribute('data-settled'));
  await watchProbes(
    page,
    `Number(document.querySelector('[data-testid="city-map"]').dataset.settled || 0) - ${baseMarkers} - 1`,
  );
  const create = (title: string) => async (): Promise<void> => {
    // Every probe with a place, so it becomes a marker as well as a row.
    await wf.client.call('incident.create', {
      ...report({ title, category: 'hazmat', level: 1, district: 'pudong' }),
      lat: 31.22,
      lon: 121.54,
    });
  };
  const toMap = await capture(page, 'board-map-latency', () =>
    probeLatency(page, load(9, RATE, touchChange), (k) => create(`MAP-${k} 危化品泄漏`)()),
  );
  out.push(line('feed → map, new incident ', toMap));
  // An update to an incident already known: level IV raised to I, which makes its marker appear (dense mode draws I–II).
  const quiet = db
    .prepare(`SELECT id FROM incidents WHERE status = 'reported' AND level = 4 AND lat IS NOT NULL LIMIT 40`)
    .all() as { id: string }[];
  await page.waitForTimeout(1500);
  const drawnBefore = Number(await page.getByTestId('city-map').getAttribute('data-settled'));
  await watchProbes(
    page,
    `Number(document.querySelector('[data-testid="city-map"]').dataset.settled || 0) - ${drawnBefore} - 1`,
  );
  const raise = async (k: number): Promise<void> => {
    const { id } = quiet[k];
    db.transaction(() => {
      setLevel.run(1, Date.now(), id);
      wf.core.ctx.changes.record('incident', id, 'update');
    })();
    wf.core.flushChanges();
  };
  const updated = await probeLatency(page, load(9, RATE, touchChange), raise);
  out.push(line('feed → map, level raised ', updated));

  // 3. Feed → grid on the Incident wall under 1,000 level changes a second.
  await page.goto('/#/wall/incident-wall');
  await page
    .getByTestId('board-grid-count')
    .and(page.locator('[data-count]:not([data-count=""])'))
    .waitFor({ state: 'attached' });
  await watchProbes(
    page,
    `Math.max(-1, ...[...document.querySelectorAll('[col-id="title"]')].map((el) => Number((/BENCH-(\\d+)/.exec(el.textContent || '') || [0, -1])[1])))`,
  );
  const toGrid = await capture(page, 'board-grid', () =>
    probeLatency(page, load(9, RATE, levelChange), (k) => create(`BENCH-${k} 危化品泄漏`)()),
  );
  out.push(line('feed → incident grid DOM ', toGrid));

  // 4. 5,000 units moving at 1 Hz on the Resources wall.
  const units = seedUnits(wf, 5000);
  await page.goto('/#/wall/resources');
  await page.getByTestId('city-map').and(page.locator('[data-units="5000"]')).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000);
  const move = db.prepare('UPDATE units SET lat = ?, lon = ?, fix_at = ?, updated_at = ? WHERE id = ?');
  const unitMove = (k: number, at: number): void => {
    const u = units[k % units.length];
    const step = Math.floor(k / units.length);
    move.run(u.lat + Math.sin(step / 7) * 0.004, u.lon + Math.cos(step / 7) * 0.004, at, at, u.id);
    wf.core.ctx.changes.record('unit', u.id, 'update');
  };
  const before = (await page.evaluate(`({ ...document.querySelector('[data-testid="city-map"]').dataset })`)) as Record<
    string,
    string
  >;
  const [moving] = await capture(page, 'board-units', () =>
    Promise.all([frames(page, SECONDS * 1000), load(SECONDS, units.length, unitMove)]),
  );
  const after = (await page.evaluate(`({ ...document.querySelector('[data-testid="city-map"]').dataset })`)) as Record<
    string,
    string
  >;
  const fps = (moving.length / moving.reduce((a, b) => a + b, 0)) * 1000;
  out.push(line('frame time, 5,000 units  ', moving) + ` = ${f(fps)} fps`);
  out.push(`unit layer redraws: ${Number(after.unitDraws) - Number(before.unitDraws)} in ${SECONDS} s`);
  out.push(`JS heap after GC ${f(await heapAfterGc(page))} MB`);

  // 5. An hour of traffic at 4× speed, heap after GC every simulated 10 minutes.
  if (hour) {
    await page.goto('/#/wall/city-overview');
    await page.getByTestId('city-map').and(page.locator('[data-settled]:not([data-settled=""])')).waitFor();
    const heaps: string[] = [`0 min ${f(await heapAfterGc(page))} MB`];
    // BENCH_HEAPSNAP=<dir>: a heap snapshot every simulated 10 minutes, to diff what stays.
    const snapDir = process.env.BENCH_HEAPSNAP;
    const snap = async (name: string): Promise<void> => {
      if (!snapDir) return;
      const cdp = await page.context().newCDPSession(page);
      const chunks: string[] = [];
      cdp.on('HeapProfiler.addHeapSnapshotChunk', (e: { chunk: string }) => chunks.push(e.chunk));
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
      await cdp.detach();
      fs.writeFileSync(path.join(snapDir, `${name}.heapsnapshot`), chunks.join(''));
    };
    await snap('heap-0min');
    for (let m = 10; m <= 60; m += 10) {
      await load(150, 4 * RATE, levelChange);
      heaps.push(`${m} min ${f(await heapAfterGc(page))} MB`);
      await snap(`heap-${m}min`);
    }
    out.push(
      `City overview, 3.6 M changes (an hour at 1,000/s, replayed at 4,000/s), heap after GC: ${heaps.join(', ')}`,
    );
  }

  console.log(`\nboards bench — ${TOTAL} incidents (${open.length} open), 1920×1080, ${new Date().toISOString()}`);
  for (const l of out) console.log(l);
  console.log('');
});
