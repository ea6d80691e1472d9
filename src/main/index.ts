import { app, BrowserWindow, dialog, ipcMain, screen } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import type { CoreClient } from './core/client';
import { startWorkerCore } from './core/host';
import { safeStorageCipher } from './security/token-cipher';
import { startDisplayManager, windowHostOf, type DisplayManager } from './displays/manager';
import { classifyStartupError, shellLocale, startupDialog, type StartupProblem } from './i18n/startup-messages';
import { bindIpc } from './ipc/bind';
import { createRouter } from './ipc/router';
import { shellHandlers } from './ipc/shell-handlers';
import { electronNativeBindingPath } from './native';
import { installSecurityBaseline } from './security/harden';
import { registerAppScheme, serveRenderer } from './security/serve';
import { allowedOrigins, APP_ENTRY_URL } from './security/urls';
import { WindowManager } from './windows/manager';

// The main bundle is ESM: out/main/index.js, with core-worker.js beside it.
const mainDir = import.meta.dirname;
const packaged = app.isPackaged;
// The dev server URL is trusted only in an unpackaged build.
const rendererUrl = packaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

// Before `ready`: privileged scheme, sandbox for every renderer, and (tests,
// development) a throwaway data folder so a run never touches the real store.
registerAppScheme();
app.enableSandbox();
const userDataOverride = packaged ? undefined : process.env['WATCHFLOOR_USER_DATA'];
if (userDataOverride) app.setPath('userData', userDataOverride);

let core: CoreClient | undefined;
let windows: WindowManager | undefined;
/** Set once the first display plan ran; `displays.connected` answers `not_ready` before. */
let displayManager: DisplayManager | null = null;

async function failStartup(problem: StartupProblem, file: string, technical?: string): Promise<void> {
  const text = startupDialog(problem, shellLocale(app.getLocale()), file, technical);
  // The store is never deleted, moved or rewritten here: the operator decides.
  await dialog.showMessageBox({ type: 'error', title: text.title, message: text.message, detail: text.detail });
  app.exit(1);
}

/** The OS account at this seat; some kiosk accounts have no passwd entry. */
function currentOperator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'operator';
  }
}

async function start(): Promise<void> {
  const allowed = allowedOrigins({ packaged, rendererUrl });
  installSecurityBaseline(allowed);
  serveRenderer(join(mainDir, '../renderer'));

  const dataDir = app.getPath('userData');
  // Creating the folder is the only file-system write the shell makes; the store is the core's.
  mkdirSync(dataDir, { recursive: true });
  const dbFile = join(dataDir, 'live.db');
  const nativeBinding = electronNativeBindingPath({
    packaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
  });
  if (!existsSync(nativeBinding)) return failStartup('native_missing', dbFile, nativeBinding);

  try {
    core = await startWorkerCore(
      {
        dbFile,
        nativeBinding,
        seat: hostname(),
        operator: currentOperator(),
        mode: 'live',
        version: app.getVersion(),
        // A fresh seat with no feed configured opens in the demonstration exercise.
        firstRun: true,
        // Sources (never tokens) an administrator may provision beside the store.
        feedsConfig: join(dataDir, 'feeds.json'),
      },
      // Tokens are encrypted here with safeStorage before the core sees them.
      { workerFile: join(mainDir, 'core-worker.js'), cipher: safeStorageCipher() },
    );
  } catch (err) {
    return failStartup(
      classifyStartupError(err, nativeBinding),
      dbFile,
      err instanceof Error ? err.message : String(err),
    );
  }

  const wm = new WindowManager({ mainDir, devTools: !packaged }, rendererUrl ?? APP_ENTRY_URL);
  windows = wm;
  // Channels only the shell can answer (native dialogs), through the same router and its checks.
  const shell = shellHandlers({
    dialog: {
      // Modal to the window that asked, so the picker cannot hide behind a wall display.
      showOpenDialog: (options) => {
        const parent = BrowserWindow.getFocusedWindow();
        return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
      },
    },
    locale: () => shellLocale(app.getLocale()),
    displays: () => displayManager,
  });
  bindIpc(ipcMain, createRouter(core, allowed, shell), (sender) => wm.isOurs(sender));
  core.onChanges((batch) => wm.broadcast(batch));
  core.onModeChange(() => wm.reloadAll());
  // One window per assigned display (the console on the primary), walls spanning their group;
  // re-planned when displays are plugged, unplugged or rearranged.
  // Each plan (hot-plug or saved layout) is pushed so an open displays screen redraws live.
  const displays = await startDisplayManager({
    screen,
    core,
    host: windowHostOf(wm),
    onPlanned: (connected) => wm.send('displays.changed', connected),
  });
  displayManager = displays;
  app.once('will-quit', () => displays.stop());
}

if (!app.requestSingleInstanceLock()) {
  // Another Watchfloor owns the store; it focuses its window (below) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => windows?.focusConsole());
  app.on('window-all-closed', () => app.quit());
  let closing = false;
  app.on('will-quit', (event) => {
    // Close the store cleanly (WAL checkpoint, worker exit) before the process goes.
    if (!core || closing) return;
    event.preventDefault();
    closing = true;
    void core.close().finally(() => {
      core = undefined;
      app.quit();
    });
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) =>
      failStartup('unknown', '', err instanceof Error ? (err.stack ?? err.message) : String(err)),
    );
}
