#!/usr/bin/env node
// Build better-sqlite3 for Electron's ABI into native/electron/better_sqlite3.node,
// leaving node_modules' Node-ABI build untouched for tests and tools.
//
//   npm run native:electron            build if missing or stale
//   npm run native:electron -- --force rebuild anyway
//
// Why a staging copy: @electron/rebuild rebuilds in place and has no separate
// output option. Why the nodedir scrub: ~/.npmrc sets nodedir=/usr, which makes
// node-gyp quietly compile against Node's headers and report success with the
// wrong ABI; the `nm -D` check below catches that too.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonAbi, looksOffline, rebuildEnv, stampMatches } from './native-abi.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REBUILD = '@electron/rebuild@4.2.1';
const outDir = join(root, 'native', 'electron');
const outFile = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'build.json');
const force = process.argv.includes('--force');

function die(message) {
  console.error(`native:electron: ${message}`);
  process.exit(1);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

const electronPkg = join(root, 'node_modules', 'electron', 'package.json');
const sqlitePkg = join(root, 'node_modules', 'better-sqlite3', 'package.json');
if (!existsSync(electronPkg)) die('node_modules/electron is missing: run npm ci first.');
if (!existsSync(sqlitePkg)) die('node_modules/better-sqlite3 is missing: run npm ci first.');
const electronVersion = readJson(electronPkg).version;
const sqliteVersion = readJson(sqlitePkg).version;

function electronAbi() {
  const abiFile = join(root, 'node_modules', 'electron', 'abi_version');
  if (existsSync(abiFile)) return readFileSync(abiFile, 'utf8').trim();
  // Older electron packages have no abi_version file; node-abi knows the table.
  try {
    return execFileSync(
      process.execPath,
      ['-p', `require('node-abi').getAbi(${JSON.stringify(electronVersion)}, 'electron')`],
      {
        cwd: root,
        encoding: 'utf8',
      },
    ).trim();
  } catch {
    return die(`cannot tell the ABI of Electron ${electronVersion}: node_modules/electron/abi_version is missing.`);
  }
}
const abi = electronAbi();
if (!/^\d+$/.test(abi)) die(`unexpected Electron ABI "${abi}".`);

function abiOf(file) {
  try {
    return addonAbi(file);
  } catch (err) {
    return die(err.message);
  }
}

const wanted = {
  electron: electronVersion,
  abi,
  betterSqlite3: sqliteVersion,
  platform: process.platform,
  arch: process.arch,
};
if (!force && existsSync(outFile) && existsSync(stampFile)) {
  if (stampMatches(readJson(stampFile), wanted) && abiOf(outFile) === abi) {
    console.log(
      `native:electron: up to date (better-sqlite3 ${sqliteVersion}, Electron ${electronVersion}, ABI ${abi}).`,
    );
    process.exit(0);
  }
}

const stage = mkdtempSync(join(tmpdir(), 'wf-native-'));
const cleanup = () => rmSync(stage, { recursive: true, force: true });
try {
  const moduleDir = join(stage, 'node_modules', 'better-sqlite3');
  mkdirSync(dirname(moduleDir), { recursive: true });
  // The build folder holds the Node-ABI addon; leave it behind so a failed
  // rebuild cannot be mistaken for a success.
  cpSync(join(root, 'node_modules', 'better-sqlite3'), moduleDir, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  writeFileSync(
    join(stage, 'package.json'),
    JSON.stringify({ name: 'wf-native-stage', private: true, dependencies: { 'better-sqlite3': sqliteVersion } }),
  );

  const env = rebuildEnv(process.env);

  console.log(
    `native:electron: rebuilding better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}) in ${stage} …`,
  );
  const args = [
    '--yes',
    REBUILD,
    '--version',
    electronVersion,
    '--module-dir',
    stage,
    '--only',
    'better-sqlite3',
    '--force',
  ];
  const r = spawnSync('npx', args, { cwd: stage, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const log = `${r.stdout ?? ''}\n${r.stderr ?? ''}`;
  process.stdout.write(r.stdout ?? '');
  process.stderr.write(r.stderr ?? '');
  if (r.error || r.status !== 0) {
    const offline = looksOffline(log);
    die(
      offline
        ? `the rebuild could not download what it needs (the Electron ${electronVersion} headers from artifacts.electronjs.org, or ${REBUILD} from the npm registry). This machine looks offline; run npm run native:electron where the network is reachable. node_modules was not changed.`
        : `the rebuild failed (exit ${r.status ?? r.error?.message}); see the output above. node_modules was not changed.`,
    );
  }

  const built = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (!existsSync(built)) die(`the rebuild reported success but ${built} does not exist.`);
  const got = abiOf(built);
  if (got !== abi) {
    die(
      `the rebuilt addon is for ABI ${got ?? 'unknown'}, but Electron ${electronVersion} needs ABI ${abi}. ` +
        'It was probably compiled against Node headers (check nodedir in ~/.npmrc and the environment).',
    );
  }
  mkdirSync(outDir, { recursive: true });
  cpSync(built, outFile);
  writeFileSync(stampFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`native:electron: wrote ${outFile} (ABI ${abi}).`);
} finally {
  cleanup();
}
