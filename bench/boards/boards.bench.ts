import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { uuidv7 } from 'uuidv7';
import { CATEGORIES, CATEGORY_CODES, DISTRICTS, DISTRICT_CODES } from '../../src/shared/domain';
import { test, type Watchfloor } from '../../tests/e2e/fixtures';
import { report } from '../../tests/e2e/seed';

/**
 * Board benchmark (not a test: it prints figures, asserts nothing).
 * 100,000 incidents in the store, the City overview wall at 1920×1080, then
 * 1,000 incident changes per second for 10 s pushed through the real core,
 * change log and live store. Prints frame-time percentiles (rAF deltas) idle
 * and under load, their ratio, feed-to-grid latency of new incidents, and
 * the JS heap. Run: npm run build && npx playwright test -c bench/boards/playwright.config.ts
 */

const OUT = path.resolve(import.meta.dirname, '../../test-results/bench');
const TOTAL = 100_000;
const RATE = 1000;
const SECONDS = 10;
const TICK_MS = 50;

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

test('board frame time, feed-to-grid latency and heap at 100k incidents and 1,000 changes/s', async ({ page, wf }) => {
  test.setTimeout(300_000);
  const open = seedBulk(wf);
  await page.goto('/#/wall/city-overview');
  await page.getByTestId('city-map').and(page.locator('[data-settled]:not([data-settled=""])')).waitFor();
  await page.waitForTimeout(2000);
  const idle = await frames(page, 5000);

  const update = wf.core.store.db.prepare('UPDATE incidents SET level = ?, updated_at = ? WHERE id = ?');
  let n = 0;
  const perTick = (RATE * TICK_MS) / 1000;
  const load = async (): Promise<void> => {
    const end = Date.now() + SECONDS * 1000;
    while (Date.now() < end) {
      const started = Date.now();
      wf.core.store.db.transaction(() => {
        for (let i = 0; i < perTick; i++) {
          const id = open[n++ % open.length];
          update.run(1 + (n % 4), Date.now(), id);
          wf.core.ctx.changes.record('incident', id, 'update');
        }
      })();
      wf.core.flushChanges();
      await new Promise((r) => setTimeout(r, Math.max(0, TICK_MS - (Date.now() - started))));
    }
  };
  const [busy] = await capture(page, 'board-loaded', () => Promise.all([frames(page, SECONDS * 1000), load()]));
  const draws = (await page.evaluate(`({ ...document.querySelector('[data-testid="city-map"]').dataset })`)) as Record<
    string,
    string
  >;

  // Feed-to-pixel on the incident wall: a new level-I incident while the same change load runs.
  await page.goto('/#/wall/incident-wall');
  await page
    .getByTestId('board-grid-count')
    .and(page.locator('[data-count]:not([data-count=""])'))
    .waitFor({ state: 'attached' });
  // When each probe's row first appears in the grid's DOM (Date.now on the same machine clock as the sender).
  await page.evaluate(`(() => {
    window.__seen = {};
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[col-id="title"]')) {
        const m = /BENCH-(\\d+)/.exec(el.textContent || '');
        if (m && window.__seen[m[1]] === undefined) window.__seen[m[1]] = Date.now();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  const sent: Record<string, number> = {};
  const probes = (async () => {
    for (let k = 0; k < 40; k++) {
      sent[k] = Date.now();
      await wf.client.call(
        'incident.create',
        report({ title: `BENCH-${k} 危化品泄漏`, category: 'hazmat', level: 1, district: 'pudong' }),
      );
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  await capture(page, 'board-grid', () => Promise.all([probes, load()]));
  await page.waitForTimeout(1000);
  const seen = (await page.evaluate('window.__seen')) as Record<string, number>;
  const latency = Object.keys(sent)
    .filter((k) => seen[k] !== undefined)
    .map((k) => seen[k] - sent[k]);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  const heap = metrics.metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;

  console.log(
    `\nboards bench — ${TOTAL} incidents (${open.length} open), ${RATE} changes/s for ${SECONDS} s, 1920×1080`,
  );
  console.log(
    `frame ms idle   p50 ${f(pct(idle, 50))} p95 ${f(pct(idle, 95))} p99 ${f(pct(idle, 99))} (n=${idle.length})`,
  );
  console.log(
    `frame ms loaded p50 ${f(pct(busy, 50))} p95 ${f(pct(busy, 95))} p99 ${f(pct(busy, 99))} (n=${busy.length})`,
  );
  console.log(`ratio loaded/idle p95 ${f(pct(busy, 95) / pct(idle, 95))}×`);
  console.log(
    `feed→grid ms p50 ${f(pct(latency, 50))} p99 ${f(pct(latency, 99))} (seen ${latency.length}/${Object.keys(sent).length})`,
  );
  console.log(`map layer draws in the loaded phase: base ${draws.baseDraws}, markers ${draws.markerDraws}`);
  console.log(`JS heap used ${f(heap / 1024 / 1024)} MB\n`);
});
