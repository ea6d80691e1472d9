import { join } from 'node:path';

export const NATIVE_FILE = 'better_sqlite3.node';

/**
 * Where the better-sqlite3 addon built for Electron's ABI lives. node_modules
 * keeps the Node-ABI build for tests and tools; the app loads this one through
 * better-sqlite3's `nativeBinding` option (see scripts/build-native-electron.mjs).
 * Packaged: shipped as an extra resource under resources/native/.
 */
export function electronNativeBindingPath(opts: { packaged: boolean; resourcesPath: string; appPath: string }): string {
  return opts.packaged
    ? join(opts.resourcesPath, 'native', NATIVE_FILE)
    : join(opts.appPath, 'native', 'electron', NATIVE_FILE);
}
