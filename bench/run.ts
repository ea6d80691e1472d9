/**
 * Every benchmark, one after another, each printing its figures as ratios
 * against a baseline it measures in the same run (never timed assertions in
 * tests). `npm run bench` runs them at the sizes the issues set, which takes
 * a while (the case library alone builds a million cases); `npm run bench --
 * quick` runs each at a smaller size to check that they work.
 *
 * The board benchmark runs in Chromium through Playwright and needs a build:
 * `npm run bench:boards`.
 */
import { spawnSync } from 'node:child_process';

const quick = process.argv.includes('quick');
const benches: [name: string, args: string[]][] = [
  ['ingest', []],
  ['positions', quick ? ['1', '1000'] : []],
  ['rosters', []],
  ['cases', quick ? ['50000'] : []],
];

let failed = 0;
for (const [name, args] of benches) {
  console.log(`\n=== bench/${name}.ts ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', `bench/${name}.ts`, ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${name}.ts exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
