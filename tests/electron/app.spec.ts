import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import type { WatchfloorApi } from '../../src/shared/api';
import type { ChangeBatch } from '../../src/shared/ipc';
import { findElectronBinary } from './electron-binary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = findElectronBinary(root);

/** Chromium's OS sandbox needs user namespaces; containers often lack them. */
const extraArgs = process.env['WATCHFLOOR_ELECTRON_NO_SANDBOX'] === '1' ? ['--no-sandbox'] : [];

type PageGlobals = { api?: WatchfloorApi; require?: unknown; process?: unknown; __changes?: ChangeBatch[] };

test.describe('the real app under Electron', () => {
  test.skip(!binary.path, 'reason' in binary ? binary.reason : '');

  let dataDir: string;
  let app: ElectronApplication;
  let win: Page;

  test.beforeEach(async () => {
    // With a binary present, a missing build is a real failure, said plainly.
    if (!fs.existsSync(path.join(root, 'out', 'main', 'index.js'))) throw new Error('run `npm run build` first');
    if (!fs.existsSync(path.join(root, 'native', 'electron', 'better_sqlite3.node'))) {
      throw new Error('run `npm run native:electron` first (needs the network once for Electron headers)');
    }
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-electron-'));
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
    delete env['ELECTRON_RENDERER_URL'];
    env['WATCHFLOOR_USER_DATA'] = dataDir;
    app = await electron.launch({ executablePath: binary.path, args: [root, ...extraArgs], cwd: root, env });
    win = await app.firstWindow();
    await win.waitForLoadState('domcontentloaded');
  });

  test.afterEach(async () => {
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens the main window from app://watchfloor with only window.api exposed', async () => {
    expect(win.url()).toMatch(/^app:\/\/watchfloor\//);
    const shape = await win.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      return {
        api: typeof g.api,
        keys: g.api ? Object.keys(g.api).sort() : [],
        require: typeof g.require,
        process: typeof g.process,
      };
    });
    expect(shape).toEqual({ api: 'object', keys: ['invoke', 'on'], require: 'undefined', process: 'undefined' });
    // One window, and it is one of ours (IPC answered above only because of that).
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('logs a report through window.api, reads it back and receives the change push', async () => {
    await win.evaluate(() => {
      const g = globalThis as unknown as PageGlobals;
      g.__changes = [];
      g.api?.on('changes', (b) => g.__changes?.push(b));
    });
    const report = {
      title: '浦东新区 世纪大道 交通事故',
      category: 'traffic',
      level: 3,
      district: 'pudong',
      channel: '110',
    };
    const created = await win.evaluate(
      (r) => (globalThis as unknown as PageGlobals).api!.invoke('incident.create', r as never),
      report,
    );
    expect(created.ok, JSON.stringify(created)).toBe(true);
    const list = await win.evaluate(() =>
      (globalThis as unknown as PageGlobals).api!.invoke('incident.list', { scope: 'all' }),
    );
    expect(list.ok && list.value.map((i) => i.title)).toEqual([report.title]);
    await expect
      .poll(() => win.evaluate(() => (globalThis as unknown as PageGlobals).__changes?.length ?? 0))
      .toBeGreaterThan(0);
    const refused = await win.evaluate(() =>
      (globalThis as unknown as PageGlobals).api!.invoke('shell.openExternal' as never, {} as never),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(fs.existsSync(path.join(dataDir, 'live.db'))).toBe(true);
  });

  test('a second launch hands over to the running instance and exits', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, WATCHFLOOR_USER_DATA: dataDir };
    delete env['ELECTRON_RENDERER_URL'];
    const second = spawn(binary.path!, [root, ...extraArgs], { cwd: root, env, stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => second.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
