import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerCore } from '../../src/main/core/host';
import {
  classifyStartupError,
  shellLocale,
  STARTUP_MESSAGES,
  startupDialog,
} from '../../src/main/i18n/startup-messages';
import { electronNativeBindingPath } from '../../src/main/native';
import { tempDir } from '../helpers/tmp';

const workerFile = path.resolve(__dirname, '../helpers/core-worker.mjs');
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function storePath(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return path.join(t.dir, 'live.db');
}

/** Start the core the way the shell does (a worker thread) and return what it threw. */
async function startupFailure(dbFile: string, nativeBinding?: string): Promise<unknown> {
  try {
    const core = await startWorkerCore(
      { dbFile, nativeBinding, seat: 's', operator: 'o', mode: 'live', version: '0.1.0' },
      { workerFile },
    );
    await core.close();
    return undefined;
  } catch (err) {
    return err;
  }
}

describe('start-up dialogs', () => {
  it('zh-CN and en say the same things', () => {
    expect(Object.keys(STARTUP_MESSAGES.en).sort()).toEqual(Object.keys(STARTUP_MESSAGES['zh-CN']).sort());
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const t of Object.values(STARTUP_MESSAGES[locale])) {
        expect(t.title.length).toBeGreaterThan(0);
        expect(t.message.length).toBeGreaterThan(0);
        expect(t.action.length).toBeGreaterThan(0);
      }
    }
    expect(shellLocale('zh-CN')).toBe('zh-CN');
    expect(shellLocale('zh-TW')).toBe('zh-CN');
    expect(shellLocale('en-GB')).toBe('en');
    expect(shellLocale('')).toBe('en');
  });

  it('a store from a newer Watchfloor: says to upgrade, names the file, leaves it byte for byte', async () => {
    const file = storePath();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = fs.readFileSync(file);
    const err = await startupFailure(file);
    expect(classifyStartupError(err)).toBe('newer_version');
    const d = startupDialog('newer_version', 'en', file, (err as Error).message);
    expect(d.detail).toContain(file);
    expect(d.message).toMatch(/newer version/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('a corrupt store: says to restore a backup and not to delete it; the file is untouched', async () => {
    const file = storePath();
    fs.writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 0x5a)]));
    const before = fs.readFileSync(file);
    const err = await startupFailure(file);
    expect(classifyStartupError(err)).toBe('corrupt');
    expect(startupDialog('corrupt', 'zh-CN', file).detail).toContain('请勿删除');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['live.db']);
  });

  it('an addon built for another runtime is reported as the build problem it is', async () => {
    const file = storePath();
    const bogus = path.join(path.dirname(file), 'better_sqlite3.node');
    fs.writeFileSync(bogus, 'not an ELF file');
    const err = await startupFailure(file, bogus);
    expect(classifyStartupError(err, bogus)).toBe('native_missing');
    // The same words a wrong-ABI build gives (not producible under Node here).
    const abi = new Error(
      "The module 'x.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 115. This version of Node.js requires NODE_MODULE_VERSION 148.",
    );
    expect(classifyStartupError(abi)).toBe('native_missing');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('anything else is unknown, never mistaken for a store problem', () => {
    expect(classifyStartupError(new Error('boom'))).toBe('unknown');
    expect(classifyStartupError('boom')).toBe('unknown');
    const fake = Object.assign(new Error('x'), { name: 'StoreOpenError', kind: 'made_up' });
    expect(classifyStartupError(fake)).toBe('unknown');
  });
});

describe('native binding path', () => {
  it('dev: the app folder; packaged: resources/native', () => {
    const p = { resourcesPath: '/opt/wf/resources', appPath: '/src/watchfloor' };
    expect(electronNativeBindingPath({ packaged: false, ...p })).toBe(
      path.join('/src/watchfloor', 'native', 'electron', 'better_sqlite3.node'),
    );
    expect(electronNativeBindingPath({ packaged: true, ...p })).toBe(
      path.join('/opt/wf/resources', 'native', 'better_sqlite3.node'),
    );
  });
});
