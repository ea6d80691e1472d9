/**
 * Headless core: runs the command centre without Electron.
 *
 *   npm run core -- ingest --db <file> --feed <url> --token <token> [--seat <name>] [--mode live|exercise]
 *       ingests the feed until SIGINT/SIGTERM, then commits what it has and closes cleanly.
 *       The token is kept in memory only; nothing about it is written to the store.
 *   npm run core -- stats --db <file> --json
 *       prints exactly one JSON object (see feeds/stats.ts).
 */
import { parseArgs } from 'node:util';
import { Core } from './core';
import { storeStats } from './feeds/stats';
import { openStore, StoreOpenError } from './store/db';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function ingest(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      feed: { type: 'string' },
      token: { type: 'string' },
      seat: { type: 'string', default: 'headless' },
      mode: { type: 'string', default: 'live' },
      transport: { type: 'string', default: 'websocket' },
    },
    strict: true,
  });
  if (!values.db || !values.feed || !values.token)
    fail('usage: core ingest --db <file> --feed <url> --token <token> [--seat <name>]');
  if (values.mode !== 'live' && values.mode !== 'exercise') fail('--mode must be live or exercise');
  if (values.transport !== 'websocket' && values.transport !== 'polling')
    fail('--transport must be websocket or polling');
  const core = new Core({
    dbFile: values.db,
    seat: values.seat,
    operator: 'headless',
    mode: values.mode,
    version: process.env.npm_package_version ?? '0.0.0',
    feeds: { transports: [values.transport] },
  });
  core.feeds.addSessionSource('cli', values.feed, values.token);
  core.startFeeds();
  process.stderr.write(`ingesting ${values.feed} into ${values.db} as seat ${values.seat} (${values.mode})\n`);
  let closing = false;
  const shutdown = (signal: string): void => {
    if (closing) return;
    closing = true;
    core.close();
    process.stderr.write(`closed cleanly on ${signal}\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function stats(args: string[]): void {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.db) fail('usage: core stats --db <file> --json');
  try {
    const store = openStore({ file: values.db, readonly: true });
    const s = storeStats(store.db);
    store.close();
    process.stdout.write(values.json ? `${JSON.stringify(s)}\n` : `${JSON.stringify(s, null, 2)}\n`);
  } catch (err) {
    fail(err instanceof StoreOpenError ? err.message : `cannot read ${values.db}: ${(err as Error).message}`, 1);
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'ingest') ingest(rest);
else if (command === 'stats') stats(rest);
else fail('usage: core <ingest|stats> …');
