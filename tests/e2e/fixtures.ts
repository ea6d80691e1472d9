import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { inProcessCore, type CoreClient } from '../../src/main/core/client';
import type { Core } from '../../src/main/core/core';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { createRouter, type Router } from '../../src/main/ipc/router';
import {
  describeConnected,
  EMPTY_LAYOUT,
  planWindows,
  type ConnectedDisplayInfo,
  type ConnectedDisplays,
} from '../../src/shared/displays';
import { EVENT_NAMES, type ChangeBatch } from '../../src/shared/ipc';
import { tempDir } from '../helpers/tmp';
import { E2E_BASE_URL, E2E_HOST } from './server';

export { expect };

export const ORIGIN = { protocol: 'http:', host: E2E_HOST } as const;

export interface Watchfloor {
  client: CoreClient;
  core: Core;
  dbFile: string;
  /** Move the core's clock (null = real time), e.g. to seed a 24-hour history. */
  setClock(at: number | null): void;
  /** Every batch the core pushed to the page so far. */
  pushed: ChangeBatch[];
  /** While paused, batches are dropped instead of forwarded: a lost IPC message. */
  pausePushes(paused: boolean): void;
  /** Buffer batches until `releasePushes`, which delivers them all in one page task: a burst. */
  holdPushes(): void;
  releasePushes(): Promise<void>;
  /** Channels the page invoked, in order. */
  calls: string[];
  /** The folder the stand-in native folder picker answers with (null: the operator cancels). */
  pickedFolder: string | null;
  /** The monitors the stand-in shell reports as connected (Electron's `screen`); one 1920×1080 display unless set. */
  displays: ConnectedDisplayInfo[];
  /** Hot-plug: push `displays.changed` with the current `displays`, planned against the saved layout, as the shell does. */
  emitDisplaysChanged(): Promise<void>;
  /** The seat runtime, when the test asked for one with `test.use({ seatRuntime: true })`. */
  runtime: SeatRuntime | null;
}

/**
 * A client over whatever the page should talk to: a bare core (most screens),
 * or a seat runtime that also answers the channels that switch stores
 * (restore, exercises) and reloads the page when it does, as the shell's
 * `onModeChange → reloadAll` does.
 */
function makeClient(
  seatRuntime: boolean,
  dbFile: string,
  now: () => number,
): { client: CoreClient; core: () => Core; runtime: SeatRuntime | null } {
  const seat = { seat: 'A-01', operator: 'e2e', version: '0.1.0-e2e', now };
  if (!seatRuntime) {
    const c = inProcessCore({ ...seat, dbFile, mode: 'live' });
    return { client: c, core: () => c.core, runtime: null };
  }
  const rt = SeatRuntime.open({ ...seat, dataDir: path.dirname(dbFile) });
  return {
    client: {
      call: (channel, request) => rt.handle(channel, request),
      onChanges: (l) => rt.onChanges(l),
      onModeChange: (l) => rt.onModeChange((mode) => l(mode)),
      close: () => rt.close(),
    },
    core: () => rt.core(),
    runtime: rt,
  };
}

/**
 * Runs in the page before any of its scripts: the same `window.api` shape the
 * preload exposes, over the `__wfInvoke` binding, plus `__wfPush` through
 * which the test forwards the core's change batches.
 */
export function installBridge(eventNames: readonly string[]): void {
  type Listener = (payload: unknown) => void;
  const g = globalThis as unknown as {
    __wfInvoke: (channel: string, request: unknown) => Promise<unknown>;
    __wfPush?: (event: string, payload: unknown) => void;
    api?: unknown;
  };
  const listeners = new Map<string, Set<Listener>>();
  g.api = Object.freeze({
    // Like the preload's bridge, invoke always resolves to a Result: a failure
    // on the way (here: the binding rejecting) becomes an `internal` error.
    invoke: (channel: string, request: unknown) =>
      g
        .__wfInvoke(channel, request)
        .then((text) => JSON.parse(text as string) as unknown)
        .catch((err: unknown) => ({
          ok: false,
          error: { code: 'internal', message: err instanceof Error ? err.message : 'the request failed' },
        })),
    on: (event: string, listener: Listener) => {
      if (!eventNames.includes(event) || typeof listener !== 'function') return () => undefined;
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });
  g.__wfPush = (event, payload) => {
    for (const l of listeners.get(event) ?? []) l(payload);
  };
}

/**
 * Wire a page's `window.api` to a router. Answers and pushes cross as JSON
 * text: Electron's IPC clones values natively, while Playwright's own value
 * serialiser walks every value in page script — under a burst of changes
 * that would cost the page more than the app's IPC ever does.
 */
export async function exposeRouter(page: Page, router: Router): Promise<void> {
  await page.exposeBinding('__wfInvoke', async (source, channel: unknown, payload: unknown) =>
    JSON.stringify(await router.handle(channel, payload, { fromOurWindow: true, url: source.frame.url() })),
  );
  await page.addInitScript(installBridge, [...EVENT_NAMES]);
}

/** Push events to the page as the shell's webContents.send would; a page mid-navigation misses them. */
export async function pushToPage(page: Page, event: string, payloads: readonly unknown[]): Promise<void> {
  // Like Electron's webContents.send, nothing reaches a window that has not loaded our page yet.
  if (!page.url().startsWith(E2E_BASE_URL)) return;
  await page
    .evaluate(
      ([e, json]) => {
        const push = (globalThis as unknown as { __wfPush?: (e: string, p: unknown) => void }).__wfPush;
        for (const p of JSON.parse(json) as unknown[]) push?.(e, p);
      },
      [event, JSON.stringify(payloads)] as const,
    )
    .catch(() => undefined);
}

export const test = base.extend<{ wf: Watchfloor; seatRuntime: boolean }>({
  /** Talk to a seat runtime instead of a bare core: `test.use({ seatRuntime: true })`. */
  seatRuntime: [false, { option: true }],
  wf: async ({ page, seatRuntime }, use) => {
    const tmp = tempDir('wf-e2e-');
    const dbFile = path.join(tmp.dir, 'live.db');
    let clock: number | null = null;
    const { client, core, runtime } = makeClient(seatRuntime, dbFile, () => clock ?? Date.now());
    let pickedFolder: string | null = path.join(tmp.dir, 'picked');
    fs.mkdirSync(pickedFolder, { recursive: true });
    const screen = { x: 0, y: 0, width: 1920, height: 1080 };
    let displays: ConnectedDisplayInfo[] = [
      { id: '1', bounds: screen, workArea: screen, scaleFactor: 1, internal: true, primary: true, rotation: 0 },
    ];
    // The shell's display manager, stood in: the test's displays planned against the saved layout.
    const connected = async (): Promise<ConnectedDisplays> => {
      const l = await client.call('displays.layout.get', {});
      return describeConnected(displays, planWindows(displays, l.ok ? l.value : EMPTY_LAYOUT));
    };
    // The shell's native folder picker, stood in: it answers with the folder the test set.
    const router = createRouter(client, [ORIGIN], {
      'shell.pickFolder': () => ({ path: pickedFolder }),
      'displays.connected': connected,
    });
    // Like the shell's reloadAll: every window reloads on the store it switched to.
    const offMode = client.onModeChange(() => {
      void page.reload().catch(() => undefined);
    });
    const calls: string[] = [];
    await exposeRouter(page, {
      handle: (channel, payload, sender) => {
        calls.push(String(channel));
        return router.handle(channel, payload, sender);
      },
    });
    const pushed: ChangeBatch[] = [];
    let paused = false;
    let held: ChangeBatch[] | null = null;
    // A page mid-navigation misses the batch; the live store resyncs on the gap.
    const deliver = (batches: ChangeBatch[]): Promise<void> => pushToPage(page, 'changes', batches);
    const off = client.onChanges((batch) => {
      if (paused) return;
      pushed.push(batch);
      if (held) held.push(batch);
      else void deliver([batch]);
    });
    const wf: Watchfloor = {
      client,
      get core() {
        return core();
      },
      dbFile,
      setClock: (at) => {
        clock = at;
      },
      pushed,
      pausePushes: (p) => {
        paused = p;
      },
      holdPushes: () => {
        held = held ?? [];
      },
      releasePushes: async () => {
        const batches = held ?? [];
        held = null;
        await deliver(batches);
      },
      calls,
      get pickedFolder() {
        return pickedFolder;
      },
      set pickedFolder(p) {
        pickedFolder = p;
      },
      get displays() {
        return displays;
      },
      set displays(d) {
        displays = d;
      },
      emitDisplaysChanged: async () => pushToPage(page, 'displays.changed', [await connected()]),
      runtime,
    };
    await use(wf);
    off();
    offMode();
    await client.close();
    tmp.cleanup();
  },
});

/** Mark the document so a test can prove the page was never reloaded. */
export async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as { __wfNoReload?: boolean }).__wfNoReload = true;
  });
}

export async function assertNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as unknown as { __wfNoReload?: boolean }).__wfNoReload)).toBe(true);
}

/** Wait until the trend chart has finished drawing `total` incidents. */
export async function chartSettled(page: Page, total: number): Promise<void> {
  await expect(page.getByTestId('trend-chart')).toHaveAttribute('data-total', String(total));
  await expect(page.getByTestId('trend-chart')).toHaveAttribute('data-settled', String(total));
}

/** Non-transparent pixels drawn on the chart's canvas. */
export async function chartPixels(page: Page): Promise<number> {
  return page.getByTestId('trend-chart').evaluate((host) => {
    const canvas = host.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return 0;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
}

/** Switch language with the top bar's switch, as an officer would. */
/** For screens without the language switch (walls): the stored choice, then a reload. */
export async function setStoredLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.evaluate(
    (l) =>
      (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
        'wf.lang',
        l,
      ),
    lang,
  );
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

export async function switchLanguage(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await page.locator(`.lang-switch button[lang="${lang}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}
