// Sums the test runners' JSON reports (vitest, Playwright) and the CI gates into
// one closing line: "N passed, N failed, N skipped". Exits 1 on any failure or
// when nothing passed.
import fs from 'node:fs';

const dir = 'reports';
let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(`${dir}/${f}`, 'utf8'));
  } catch (e) {
    notes.push(`${f}: unreadable report (${e.message})`);
    failed += 1;
    return null;
  }
};

const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
for (const f of files.sort()) {
  const r = read(f);
  if (!r) continue;
  if (typeof r.numPassedTests === 'number') {
    // vitest
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    for (const s of r.testResults ?? []) {
      if (s.status === 'failed' && (s.assertionResults ?? []).length === 0) {
        failed += 1;
        notes.push(`${f}: ${s.name} failed to run: ${(s.message ?? '').split('\n')[0]}`);
      }
    }
  } else if (r.stats && typeof r.stats.expected === 'number') {
    // Playwright
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected + (r.errors?.length ?? 0);
    skipped += r.stats.skipped ?? 0;
    for (const e of r.errors ?? []) notes.push(`${f}: ${(e.message ?? '').split('\n')[0]}`);
  } else {
    notes.push(`${f}: not a test report`);
  }
}
if (files.length === 0) notes.push('no test reports were written');

if (process.argv.includes('--final') && fs.existsSync(`${dir}/gates.txt`)) {
  const gates = fs.readFileSync(`${dir}/gates.txt`, 'utf8').trim().split('\n').filter(Boolean);
  failed += gates.length;
  notes.push(...gates);
}
for (const n of notes) console.log(n);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
