import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addonAbi, looksOffline, rebuildEnv, stampMatches } from '../../scripts/native-abi.mjs';
import { tempDir } from '../helpers/tmp';

const root = path.resolve(__dirname, '../..');
const nodeAddon = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

describe('native:electron helpers', () => {
  it("reads the ABI of node_modules' real addon: the one this Node runs", () => {
    // The same check catches the nodedir trap: a "successful" Electron rebuild
    // that is really this ABI is refused by build-native-electron.mjs.
    expect(addonAbi(nodeAddon)).toBe(process.versions.modules);
    const electronAbi = fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
    expect(addonAbi(nodeAddon)).not.toBe(electronAbi);
  });

  it('a file that is no addon has no ABI', () => {
    const t = tempDir();
    try {
      const f = path.join(t.dir, 'fake.node');
      fs.writeFileSync(f, 'not an ELF file');
      expect(addonAbi(f)).toBeUndefined();
    } finally {
      t.cleanup();
    }
  });

  it.each([
    ['gyp ERR! stack Error: getaddrinfo ENOTFOUND artifacts.electronjs.org', true],
    ['This is most likely not a problem with node-gyp ... related to network connectivity.', true],
    ['npm error code EAI_AGAIN', true],
    ['TypeError: fetch failed', true],
    ["error: 'v8::Object::GetIsolate' has no member", false],
    ['make: *** [sqlite3.o] Error 1', false],
  ])('offline? %s → %s', (log, expected) => {
    expect(looksOffline(log)).toBe(expected);
  });

  it('reuses a build only when every input matches', () => {
    const wanted = { electron: '43.8.12', abi: '148', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
    expect(stampMatches({ ...wanted, builtAt: 'x' }, wanted)).toBe(true);
    expect(stampMatches({ ...wanted, electron: '43.8.11' }, wanted)).toBe(false);
    expect(stampMatches({ ...wanted, betterSqlite3: '12.11.0' }, wanted)).toBe(false);
    expect(stampMatches(null, wanted)).toBe(false);
  });

  it('the rebuild environment carries no nodedir, whatever its spelling', () => {
    const env = rebuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      Npm_Config_NodeDir: '/usr',
    });
    expect(env.PATH).toBe('/usr/bin');
    expect(env.npm_config_nodedir).toBe('');
    expect(env.NPM_CONFIG_NODEDIR).toBe('');
    expect(env.Npm_Config_NodeDir).toBeUndefined();
  });
});
