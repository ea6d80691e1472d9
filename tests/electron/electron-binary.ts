import fs from 'node:fs';
import path from 'node:path';

export type BinaryLookup = { path: string } | { path: undefined; reason: string };

/**
 * Find the Electron executable the way node_modules/electron/index.js does,
 * but without its side effect: since Electron 42, `require('electron')`
 * downloads the binary when it is missing, so merely asking would reach for
 * the network (and Playwright's `_electron.launch` without an explicit
 * executablePath asks). Honours ELECTRON_OVERRIDE_DIST_PATH like index.js.
 */
export function findElectronBinary(root: string, env: NodeJS.ProcessEnv = process.env): BinaryLookup {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) {
    return { path: undefined, reason: 'node_modules/electron is not installed' };
  }
  const pathFile = path.join(pkg, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : undefined;
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  const candidate = override
    ? path.join(override, relative || 'electron')
    : relative
      ? path.join(pkg, 'dist', relative)
      : undefined;
  if (!candidate) {
    return {
      path: undefined,
      reason:
        'no Electron binary on this machine: node_modules/electron has no path.txt/dist (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or offline); run `npx install-electron` or set ELECTRON_OVERRIDE_DIST_PATH',
    };
  }
  if (!fs.existsSync(candidate)) {
    return { path: undefined, reason: `no Electron binary on this machine: ${candidate} does not exist` };
  }
  return { path: candidate };
}
