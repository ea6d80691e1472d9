import type { BrowserWindow, Display, RenderProcessGoneDetails } from 'electron';
import {
  describeConnected,
  diffPlans,
  EMPTY_LAYOUT,
  planWindows,
  type ConnectedDisplayInfo,
  type ConnectedDisplays,
  type DisplayInfo,
  type DisplayLayout,
  type DisplayPlan,
  type PlannedWindow,
  type Rect,
} from '../../shared/displays';
import type { ChangeBatch } from '../../shared/ipc';
import type { CoreClient } from '../core/client';

/** The part of Electron's `screen` we use; a fake in tests. */
export interface ScreenLike {
  getAllDisplays(): Display[];
  getPrimaryDisplay(): Display;
  on(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
  removeListener(event: 'display-added' | 'display-removed' | 'display-metrics-changed', listener: () => void): unknown;
}

/**
 * How windows get made: the shell's window manager (its options factory,
 * security, IPC membership and per-window push). `route` is the hash the
 * renderer routes on: `#/` (console), `#/board/<id>`, `#/wall/<id>`.
 */
export interface WindowHost {
  open(kind: 'console' | 'wall', bounds: Rect, route: string): BrowserWindow;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DisplayManagerOptions {
  screen: ScreenLike;
  core: Pick<CoreClient, 'call' | 'onChanges'>;
  host: WindowHost;
  /** Hot-plug fires a burst of events (six for a wall coming back); plan once after it settles. */
  settleMs?: number;
  /** Wait before reloading a crashed renderer, doubled per crash within `crashWindowMs`, capped. */
  reloadDelayMs?: number;
  timers?: Timers;
  log?: (message: string) => void;
  /** After every plan (hot-plug or layout change): the shell pushes it to the windows as `displays.changed`. */
  onPlanned?: (connected: ConnectedDisplays) => void;
}

export interface DisplayManager {
  /** The plan the windows follow now. */
  readonly plan: DisplayPlan;
  /** Windows by plan key, for tests and the shell's menus. */
  readonly windows: ReadonlyMap<string, BrowserWindow>;
  /** Plan again now (after an assignment change, or from a menu). */
  replan(): Promise<void>;
  /** The displays attached now, with what the last plan shows on each (the `displays.connected` answer). */
  connected(): ConnectedDisplays;
  stop(): void;
}

export function toDisplayInfo(d: Display): DisplayInfo {
  const r = (x: Rect): Rect => ({ x: x.x, y: x.y, width: x.width, height: x.height });
  return {
    id: String(d.id),
    bounds: r(d.bounds),
    workArea: r(d.workArea),
    scaleFactor: d.scaleFactor,
    internal: d.internal,
    label: d.label,
  };
}

/** `toDisplayInfo` plus what the displays screen shows: which one is primary, and its rotation. */
export function connectedInfo(
  screen: Pick<ScreenLike, 'getAllDisplays' | 'getPrimaryDisplay'>,
): ConnectedDisplayInfo[] {
  // Electron always has a primary display; a fake screen with none attached may not.
  const primary = screen.getPrimaryDisplay() as Display | undefined;
  const primaryId = primary ? String(primary.id) : null;
  return screen
    .getAllDisplays()
    .map((d) => ({ ...toDisplayInfo(d), primary: String(d.id) === primaryId, rotation: d.rotation }));
}

export function routeFor(w: PlannedWindow): string {
  if (w.kind === 'console' || !w.boardId) return '#/';
  return `#/${w.kind === 'wall' ? 'wall' : 'board'}/${encodeURIComponent(w.boardId)}`;
}

/**
 * Open one window per assigned display (or wall), keep them in step with the
 * displays and the saved layout, and bring a board back when its renderer dies.
 * The decisions are `planWindows`/`diffPlans` (pure, unit-tested); this only
 * turns a diff into BrowserWindow calls.
 */
export async function startDisplayManager(opts: DisplayManagerOptions): Promise<DisplayManager> {
  const timers: Timers = opts.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const log = opts.log ?? ((m: string): void => console.warn(`[displays] ${m}`));
  const settleMs = opts.settleMs ?? 400;
  const reloadDelayMs = opts.reloadDelayMs ?? 1000;
  const windows = new Map<string, BrowserWindow>();
  const crashes = new Map<string, number>();
  let plan: DisplayPlan = { windows: [], problems: [] };
  let pending: unknown = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function loadLayout(): Promise<DisplayLayout> {
    const r = await opts.core.call('displays.layout.get', {});
    if (r.ok) return r.value;
    log(`layout unreadable (${r.error.message}); showing the console only`);
    return EMPTY_LAYOUT;
  }

  function watchCrashes(key: string, win: BrowserWindow): void {
    win.webContents.on('render-process-gone', (_e: unknown, details: RenderProcessGoneDetails) => {
      if (stopped || details.reason === 'clean-exit') return;
      const n = (crashes.get(key) ?? 0) + 1;
      crashes.set(key, n);
      // Back off when a board keeps crashing (a bad board must not spin the CPU), but never give up on a wall.
      const delay = Math.min(reloadDelayMs * 2 ** (n - 1), 60_000);
      log(`${key}: renderer gone (${details.reason}, exit ${details.exitCode}); reloading in ${delay} ms`);
      timers.setTimeout(() => {
        if (!win.isDestroyed()) win.webContents.reload();
      }, delay);
    });
    // A reload that paints again resets the back-off.
    win.webContents.on('did-finish-load', () => crashes.delete(key));
  }

  function open(w: PlannedWindow): void {
    const win = opts.host.open(w.kind === 'console' ? 'console' : 'wall', w.bounds, routeFor(w));
    if (w.kind !== 'console' && !w.fullscreen) {
      // A wall spanning several displays cannot be fullscreen or kiosk (both snap
      // to one display): a frameless window sized to the union of their bounds.
      win.setKiosk(false);
      win.setFullScreen(false);
      win.setBounds(w.bounds);
    }
    windows.set(w.key, win);
    win.on('closed', () => {
      if (windows.get(w.key) === win) windows.delete(w.key);
    });
    if (w.kind !== 'console') watchCrashes(w.key, win);
  }

  function update(w: PlannedWindow, before: PlannedWindow | undefined): void {
    const win = windows.get(w.key);
    if (!win || win.isDestroyed()) {
      open(w);
      return;
    }
    win.setBounds(w.bounds);
    if (before && before.boardId !== w.boardId) {
      // Same place, another board: navigate within the app (same origin, a hash change).
      void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(routeFor(w))}`);
    }
  }

  async function replanNow(): Promise<void> {
    if (stopped) return;
    const displays = opts.screen.getAllDisplays().map(toDisplayInfo);
    const next = planWindows(displays, await loadLayout());
    if (stopped) return;
    const prevByKey = new Map(plan.windows.map((w) => [w.key, w]));
    // Windows the operator closed by hand come back: treat them as not open.
    const current: DisplayPlan = { ...plan, windows: plan.windows.filter((w) => windows.has(w.key)) };
    const diff = diffPlans(current, next);
    for (const key of diff.close) {
      const win = windows.get(key);
      windows.delete(key);
      crashes.delete(key);
      if (win && !win.isDestroyed()) win.close();
    }
    for (const w of diff.update) update(w, prevByKey.get(w.key));
    for (const w of diff.open) open(w);
    for (const p of next.problems) log(p.message);
    plan = next;
    opts.onPlanned?.(connected());
  }

  const connected = (): ConnectedDisplays => describeConnected(connectedInfo(opts.screen), plan);

  const replan = (): Promise<void> => {
    running = running.then(replanNow, replanNow);
    return running;
  };

  const onDisplaysChanged = (): void => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = timers.setTimeout(() => {
      pending = null;
      void replan();
    }, settleMs);
  };
  const events = ['display-added', 'display-removed', 'display-metrics-changed'] as const;
  for (const e of events) opts.screen.on(e, onDisplaysChanged);
  const unsubscribe = opts.core.onChanges((batch: ChangeBatch) => {
    if (batch.changes.some((c) => c.entity === 'display_layout')) void replan();
  });

  await replan();

  return {
    get plan() {
      return plan;
    },
    windows,
    replan,
    connected,
    stop() {
      stopped = true;
      if (pending !== null) timers.clearTimeout(pending);
      for (const e of events) opts.screen.removeListener(e, onDisplaysChanged);
      unsubscribe();
    },
  };
}

/**
 * The shell's window manager as a WindowHost. Console windows use the
 * console options; board and wall windows the kiosk wall variant (the
 * manager then un-fullscreens a wall spanning several displays).
 */
export function windowHostOf(wm: {
  open(kind: 'console' | 'wall', bounds?: Rect, route?: string): BrowserWindow;
}): WindowHost {
  return { open: (kind, bounds, route) => wm.open(kind, bounds, route) };
}
