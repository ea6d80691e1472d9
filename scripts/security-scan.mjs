#!/usr/bin/env node
// npm run security: Electronegativity over src/, offline, with a reviewed allow-list.
//
// The tool itself always exits 0 and its SARIF output drops the severity, so
// this script calls its programmatic API, writes reports/security/electronegativity.json
// (every finding, with severity, confidence and whether the allow-list covers
// it) plus the tool's own SARIF, and exits 1 on any HIGH or MEDIUM finding that
// security/electronegativity-allowlist.json does not explain.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const input = join(root, 'src');
// A subfolder: .ci/summary.mjs reads every *.json directly in reports/ as a test report.
const reportsDir = join(root, 'reports', 'security');
const allowFile = join(root, 'security', 'electronegativity-allowlist.json');
const BLOCKING = new Set(['HIGH', 'MEDIUM']);

/** @returns {{check: string, file: string, reason: string}[]} */
function readAllowList() {
  if (!existsSync(allowFile)) return [];
  const list = JSON.parse(readFileSync(allowFile, 'utf8'));
  if (!Array.isArray(list)) throw new Error(`${allowFile}: expected an array of {check, file, reason}`);
  for (const [i, e] of list.entries()) {
    if (
      typeof e?.check !== 'string' ||
      typeof e?.file !== 'string' ||
      typeof e?.reason !== 'string' ||
      e.reason.trim().length < 20
    ) {
      throw new Error(`${allowFile} entry ${i}: needs check, file and a real reason (20+ characters)`);
    }
  }
  return list;
}

const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
mkdirSync(reportsDir, { recursive: true });
const runModule = require('@doyensec/electronegativity');
const run = typeof runModule === 'function' ? runModule : runModule.default;

const started = Date.now();
const result = await run({
  input,
  output: join(reportsDir, 'electronegativity.sarif'),
  isSarif: true,
  isRelative: true,
  // Without this it tries to detect the version from package.json in src/
  // (there is none) and assumes Electron 0.1.0, which flips many defaults.
  electronVersionOverride: electronVersion,
  electronVersion,
});
const allow = readAllowList();
const used = new Set();

const findings = result.issues.map((issue) => {
  const file = String(issue.file).split('\\').join('/');
  const idx = allow.findIndex((a) => a.check === issue.id && a.file === file);
  if (idx >= 0) used.add(idx);
  return {
    check: issue.id,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    manualReview: Boolean(issue.manualReview),
    file,
    line: issue.location?.line ?? null,
    column: issue.location?.column ?? null,
    sample: issue.sample ?? null,
    description: issue.description,
    allowed: idx >= 0 ? allow[idx].reason : null,
  };
});
const blocking = findings.filter((f) => BLOCKING.has(f.severity) && !f.allowed);
const stale = allow.filter((_, i) => !used.has(i));

writeFileSync(
  join(reportsDir, 'electronegativity.json'),
  `${JSON.stringify({ tool: '@doyensec/electronegativity', electronVersion, input: 'src', errors: result.errors?.length ?? 0, findings, blocking: blocking.length, staleAllowEntries: stale }, null, 2)}\n`,
);

for (const f of findings) {
  const mark = BLOCKING.has(f.severity) ? (f.allowed ? 'allowed' : 'BLOCKING') : 'info';
  console.log(
    `${mark.padEnd(8)} ${f.severity.padEnd(13)} ${f.check} ${f.file}:${f.line}${f.allowed ? ` — ${f.allowed}` : ''}`,
  );
}
for (const s of stale) console.log(`stale allow-list entry (no longer found): ${s.check} ${s.file}`);
console.log(
  `security: ${findings.length} findings, ${blocking.length} blocking (HIGH/MEDIUM not in the allow-list); ${((Date.now() - started) / 1000).toFixed(1)} s; report in reports/security/electronegativity.json`,
);
// exitCode, not exit(): the tool writes its SARIF file asynchronously.
process.exitCode = blocking.length > 0 ? 1 : 0;
