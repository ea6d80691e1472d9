/**
 * Case library and queue at scale: N closed incidents (default 1,000,000)
 * plus a few hundred open ones, then
 *   - full-text search p50/p95 over Chinese (2- and 4-character) and English queries, with and without filters;
 *   - the open-incident queue query;
 *   - opening the store (migrations already applied), and the first board query.
 * Every figure is printed with its ratio to a baseline measured in the same
 * run (a primary-key lookup), so runs on busy or quiet machines compare.
 *
 *   node --import tsx bench/cases.ts [N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { uuidv7 } from 'uuidv7';
import { toIndexText } from '../src/main/core/cases/fts';
import { Core } from '../src/main/core/core';
import { CATEGORIES, DISTRICT_CODES, DISTRICTS, type Category } from '../src/shared/domain';

const N = Number(process.argv[2] ?? 1_000_000);
const OPEN = 300;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-bench-cases-'));
const dbFile = path.join(dir, 'live.db');
const T0 = Date.UTC(2020, 0, 1);
const SPAN = 6 * 365 * 86_400_000;

const ROADS = [
  '世纪大道',
  '南京东路',
  '延安西路',
  '漕溪北路',
  '四川北路',
  '军工路',
  '七莘路',
  '友谊路',
  '文汇路',
  '控江路',
  '曹杨路',
  '沪闵路',
];
const WHAT: Partial<Record<Category, string[]>> = {
  waterlogging: ['下立交积水', '小区积水', '道路积水严重'],
  fire: ['居民楼起火', '厨房火情', '仓库火灾'],
  gas: ['燃气泄漏', '燃气管道破裂'],
  traffic: ['两车追尾', '货车侧翻', '多车相撞'],
  metro: ['地铁站设备故障', '列车延误', '大客流'],
  hazmat: ['储罐泄漏', '危化品车辆泄漏'],
  crowd: ['人流密集', '景区限流'],
  construction: ['塔吊倾斜', '基坑坍塌'],
  power: ['变电站跳闸', '大面积停电'],
};
const OUTCOMES = [
  '泵车强排后积水排除，道路恢复通行',
  '明火扑灭，无人员伤亡',
  '关阀后检测浓度归零，疏散居民',
  'Units on scene cleared the road within the hour',
  '限流后客流恢复正常',
];
const LESSONS = [
  '汛前应清掏排水口',
  '老旧小区消防通道被占用，需联合整治',
  'Keep the gas utility valve map current',
  '大型活动需提前预置医疗力量',
  '下立交泵站应提前预排',
];

function rnd(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function time(fn: () => unknown, runs: number): { p50: number; p95: number } {
  const xs: number[] = [];
  for (let i = 0; i < 5; i++) fn(); // warm-up: statement preparation and JIT are not what is measured
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { p50: xs[Math.floor(runs * 0.5)], p95: xs[Math.min(runs - 1, Math.floor(runs * 0.95))] };
}

function build(): void {
  const core = new Core({
    dbFile,
    seat: 'bench',
    operator: 'bench',
    mode: 'live',
    version: 'bench',
    now: () => T0 + SPAN,
  });
  const db = core.store.db;
  const r = rnd(42);
  const cats = Object.keys(WHAT) as Category[];
  const insInc =
    db.prepare(`INSERT INTO incidents (id, ref, title, category, incident_class, level, status, district, channel,
    reported_at, updated_at, acknowledged_at, closed_at, outcome, lessons)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, '12345', ?, ?, ?, ?, ?, ?)`);
  const insCase = db.prepare(`INSERT INTO cases (incident_id, ref, title, category, incident_class, level, district,
    reported_at, closed_at, outcome, lessons, timeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rowid`);
  const insFts = db.prepare('INSERT INTO cases_fts (rowid, title, body) VALUES (?, ?, ?)');
  const started = performance.now();
  const batch = 20_000;
  for (let b = 0; b < N + OPEN; b += batch) {
    db.transaction(() => {
      for (let i = b; i < Math.min(N + OPEN, b + batch); i++) {
        const cat = cats[Math.floor(r() * cats.length)];
        const d = DISTRICT_CODES[Math.floor(r() * DISTRICT_CODES.length)];
        const words = WHAT[cat] ?? ['事件'];
        const title = `${DISTRICTS[d].zh}${ROADS[Math.floor(r() * ROADS.length)]}${words[Math.floor(r() * words.length)]}`;
        const at = T0 + Math.floor(r() * SPAN);
        const level = 1 + Math.floor(r() * 4);
        const ref = `WF-B-${String(i).padStart(8, '0')}`;
        const id = uuidv7();
        const open = i >= N;
        const outcome = OUTCOMES[i % OUTCOMES.length];
        const lessons = LESSONS[(i * 7) % LESSONS.length];
        insInc.run(
          id,
          ref,
          title,
          cat,
          CATEGORIES[cat],
          level,
          open ? 'responding' : 'closed',
          d,
          at,
          at,
          open && i % 3 === 0 ? null : at + 60_000,
          open ? null : at + 3_600_000,
          open ? null : outcome,
          open ? null : lessons,
        );
        if (open) continue;
        const timeline = JSON.stringify([
          { at, kind: 'reported', text: title },
          { at: at + 3_600_000, kind: 'closed', text: outcome },
        ]);
        const { rowid } = insCase.get(
          id,
          ref,
          title,
          cat,
          CATEGORIES[cat],
          level,
          d,
          at,
          at + 3_600_000,
          outcome,
          lessons,
          timeline,
        ) as { rowid: number };
        insFts.run(rowid, toIndexText(title), toIndexText(`${ref} ${outcome} ${lessons} ${title} ${outcome}`));
      }
    })();
    if ((b / batch) % 10 === 0)
      process.stdout.write(`\r  built ${Math.min(N + OPEN, b + batch).toLocaleString()} rows`);
  }
  db.exec("INSERT INTO cases_fts (cases_fts) VALUES ('optimize')");
  db.exec('ANALYZE');
  console.log(
    `\n  build: ${((performance.now() - started) / 1000).toFixed(1)} s, file ${(((fs.existsSync(`${dbFile}-wal`) ? fs.statSync(`${dbFile}-wal`).size : 0) + fs.statSync(dbFile).size) / 2 ** 20).toFixed(0)} MB (with WAL)`,
  );
  core.close();
}

async function measure(): Promise<void> {
  // Open (nothing left to migrate) and the first board query, from a closed store; the
  // start-up quick_check runs in its own thread meanwhile and is timed on its own.
  const t = performance.now();
  const core = new Core({
    dbFile,
    seat: 'bench',
    operator: 'bench',
    mode: 'live',
    version: 'bench',
    now: () => T0 + SPAN,
  });
  const kpis = core.board.kpis();
  const openMs = performance.now() - t;
  const db = core.store.db;
  const anyId = (db.prepare('SELECT incident_id AS id FROM cases LIMIT 1 OFFSET 12345').get() as { id: string }).id;
  const pk = db.prepare('SELECT * FROM incidents WHERE id = ?');
  const base = time(() => pk.get(anyId), 2000).p50;
  const row = (name: string, ms: number, budget?: number, p50?: number): void =>
    console.log(
      `  ${name.padEnd(44)} ${ms.toFixed(2).padStart(8)} ms  ×${(ms / base).toFixed(0).padStart(6)} baseline${budget ? `  ${ms < budget ? 'within' : 'OVER'} ${budget} ms` : ''}${p50 !== undefined ? `  (p50 ${p50.toFixed(2)} ms)` : ''}`,
    );
  console.log(
    `\n  ${N.toLocaleString()} closed cases, ${OPEN} open incidents; baseline = primary-key lookup p50 ${base.toFixed(4)} ms`,
  );
  row('open + first board query', openMs, 1000);
  const check = await core.console.integrity.done();
  const checkMs = performance.now() - t;
  console.log(`    (open total ${kpis.openTotal}; the core answered while the check ran)`);
  row(`background quick_check (${check.status}), from open`, checkMs);
  const queries: [string, object][] = [
    ['积水', {}],
    ['燃气泄漏', {}],
    ['下立交 泵站', {}],
    ['valve', {}],
    ['积水', { district: 'pudong' }],
    ['起火', { category: 'fire', from: T0 + SPAN / 2 }],
    ['地铁 大客流', {}],
    ['WF-B-00123456', {}],
  ];
  const all: number[] = [];
  for (const [q, f] of queries) {
    const r = time(() => core.console.cases.search({ q, limit: 50, ...f }), 40);
    all.push(r.p95);
    row(`FTS "${q}" ${Object.keys(f).join(',')} p95`, r.p95, 50, r.p50);
  }
  row('FTS worst p95 across queries', Math.max(...all), 50);
  const q1 = time(() => core.console.queue.query({}), 100);
  row('open queue query p95', q1.p95, 20, q1.p50);
  const q2 = time(() => core.console.queue.query({ level: [1, 2], district: ['pudong'] }), 100);
  const sim = (db.prepare("SELECT id FROM incidents WHERE status = 'responding' LIMIT 1").get() as { id: string }).id;
  row('similar past cases p95', time(() => core.console.cases.similar(sim, 5), 40).p95, 50);
  row('open queue, level I–II in Pudong p95', q2.p95, 20, q2.p50);
  core.close();
}

if (process.env.KEEP) {
  build();
  console.log(dbFile);
  process.exit(0);
}
try {
  console.log(`bench/cases: building ${N.toLocaleString()} closed incidents in ${dir}`);
  build();
  await measure();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
