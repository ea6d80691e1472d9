import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../electron/electron-binary';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function fakeRoot(opts: { pathTxt?: string; binary?: boolean }): string {
  const t = tempDir('wf-eb-');
  cleanups.push(t.cleanup);
  const pkg = path.join(t.dir, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"43.8.12"}');
  if (opts.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), opts.pathTxt);
  if (opts.binary) fs.writeFileSync(path.join(pkg, 'dist', opts.pathTxt ?? 'electron'), '');
  return t.dir;
}

describe('finding the Electron binary without downloading it', () => {
  it('no path.txt (types-only install): a clear skip reason', () => {
    const r = findElectronBinary(fakeRoot({}), {});
    expect(r.path).toBeUndefined();
    expect('reason' in r && r.reason).toMatch(/no Electron binary on this machine/);
  });

  it('path.txt naming a missing file: a clear skip reason naming it', () => {
    const r = findElectronBinary(fakeRoot({ pathTxt: 'electron' }), {});
    expect(r.path).toBeUndefined();
    expect('reason' in r && r.reason).toMatch(/dist\/electron does not exist/);
  });

  it('path.txt and the file present: its path', () => {
    const root = fakeRoot({ pathTxt: 'electron', binary: true });
    expect(findElectronBinary(root, {}).path).toBe(path.join(root, 'node_modules', 'electron', 'dist', 'electron'));
  });

  it('ELECTRON_OVERRIDE_DIST_PATH is honoured', () => {
    const root = fakeRoot({});
    const t = tempDir('wf-dist-');
    cleanups.push(t.cleanup);
    fs.writeFileSync(path.join(t.dir, 'electron'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: t.dir }).path).toBe(path.join(t.dir, 'electron'));
  });

  it('this machine, as it is: the answer does not touch node_modules/electron', () => {
    const root = path.resolve(__dirname, '../..');
    const before = fs.readdirSync(path.join(root, 'node_modules', 'electron')).sort();
    findElectronBinary(root);
    expect(fs.readdirSync(path.join(root, 'node_modules', 'electron')).sort()).toEqual(before);
  });
});
