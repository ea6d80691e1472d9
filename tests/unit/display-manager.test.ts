import { EventEmitter } from 'node:events';
import type { BrowserWindow, Display, Screen } from 'electron';
import { describe, expect, it } from 'vitest';
import { startDisplayManager, windowHostOf, type ScreenLike, type Timers } from '../../src/main/displays/manager';
import type { WindowManager } from '../../src/main/windows/manager';
import type { ConnectedDisplays, DisplayLayout, Rect } from '../../src/shared/displays';
import type { ChangeBatch } from '../../src/shared/ipc';
import { ok } from '../../src/shared/result';

/** A stand-in BrowserWindow recording what the manager does to it (no Electron binary here). */
class FakeWindow extends EventEmitter {
  static all: FakeWindow[] = [];
  readonly calls: string[] = [];
  destroyed = false;
  readonly webContents = Object.assign(new EventEmitter(), {
    reloads: 0,
    reload: (): void => {
      this.webContents.reloads += 1;
    },
    executeJavaScript: (js: string): Promise<void> => {
      this.calls.push(`js ${js}`);
      return Promise.resolve();
    },
  });
  constructor(
    readonly kind: string,
    public bounds: Rect,
    readonly route: string,
  ) {
    super();
    FakeWindow.all.push(this);
  }
  setKiosk(v: boolean): void {
    this.calls.push(`kiosk ${v}`);
  }
  setFullScreen(v: boolean): void {
    this.calls.push(`fullscreen ${v}`);
  }
  setBounds(b: Rect): void {
    this.bounds = b;
    this.calls.push(`bounds ${b.x},${b.y} ${b.width}x${b.height}`);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

const disp = (id: number, x: number, y: number, internal = false): Display =>
  ({
    id,
    bounds: { x, y, width: 1920, height: 1080 },
    workArea: { x, y, width: 1920, height: 1040 },
    scaleFactor: 1,
    rotation: 0,
    internal,
    label: `D${id}`,
  }) as unknown as Display;

function rig(initial: Display[], layout: DisplayLayout) {
  FakeWindow.all = [];
  let displays = initial;
  const screenEvents = new EventEmitter();
  const screen: ScreenLike = {
    getAllDisplays: () => displays,
    getPrimaryDisplay: () => displays[0],
    on: (e, l) => screenEvents.on(e, l),
    removeListener: (e, l) => screenEvents.removeListener(e, l),
  };
  const timers: { fn: () => void; ms: number }[] = [];
  const fakeTimers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => {
      const i = timers.indexOf(h as { fn: () => void; ms: number });
      if (i >= 0) timers.splice(i, 1);
    },
  };
  const changeListeners: ((b: ChangeBatch) => void)[] = [];
  const state = { layout };
  const core = {
    call: ((channel: string) => {
      if (channel !== 'displays.layout.get') throw new Error(channel);
      return Promise.resolve(ok(state.layout));
    }) as never,
    onChanges: (l: (b: ChangeBatch) => void) => {
      changeListeners.push(l);
      return () => undefined;
    },
  };
  const host = {
    open: (kind: 'console' | 'wall', bounds: Rect, route: string) =>
      new FakeWindow(kind, bounds, route) as unknown as BrowserWindow,
  };
  const logs: string[] = [];
  return {
    screen,
    screenEvents,
    timers,
    state,
    logs,
    setDisplays: (d: Display[]) => (displays = d),
    fireTimers: async () => {
      for (const t of timers.splice(0)) t.fn();
      await new Promise((r) => setTimeout(r, 0));
    },
    pushChange: async (entity: string) => {
      changeListeners.forEach((l) => l({ cursor: 1, changes: [{ id: 1, entity, entityId: 's', op: 'update' }] }));
      await new Promise((r) => setTimeout(r, 0));
    },
    planned: [] as ConnectedDisplays[],
    start(): ReturnType<typeof startDisplayManager> {
      return startDisplayManager({
        screen,
        core,
        host,
        timers: fakeTimers,
        log: (m) => logs.push(m),
        onPlanned: (c) => this.planned.push(c),
      });
    },
  };
}

const ref = (d: Display) => ({ id: String(d.id), bounds: { ...d.bounds } });

// Compile-time: the real Electron screen and the shell's window manager fit what the manager asks for.
export const screenFits: ScreenLike = null as unknown as Screen;
export const hostFits = (wm: WindowManager): ReturnType<typeof windowHostOf> => windowHostOf(wm);

describe('display manager (Electron glue, with fakes)', () => {
  it('reports the connected displays with what the plan shows on each, and pushes each new plan', async () => {
    const ds = [disp(1, 0, 0, true), disp(2, 1920, 0), disp(3, 3840, 0), disp(4, 0, 1080)];
    const r = rig(ds, {
      version: 1,
      console: null,
      assignments: [{ display: ref(ds[3]), boardId: 'incident-wall' }],
      walls: [{ id: 'north', boardId: 'city-overview', displays: [ref(ds[1]), ref(ds[2])] }],
    });
    const m = await r.start();
    const c = m.connected();
    expect(c.displays.map((d) => [d.id, d.primary, d.rotation, d.shows])).toEqual([
      ['1', true, 0, { kind: 'console', boardId: null, wallId: null }],
      ['2', false, 0, { kind: 'wall', boardId: 'city-overview', wallId: 'north' }],
      ['3', false, 0, { kind: 'wall', boardId: 'city-overview', wallId: 'north' }],
      ['4', false, 0, { kind: 'board', boardId: 'incident-wall', wallId: null }],
    ]);
    expect(c.displays[1].bounds).toEqual({ x: 1920, y: 0, width: 1920, height: 1080 });
    expect(r.planned).toEqual([c]);

    // Display 3 unplugged: after the settle the push carries three displays and the broken wall.
    r.setDisplays([ds[0], ds[1], ds[3]]);
    r.screenEvents.emit('display-removed');
    await r.fireTimers();
    const after = r.planned.at(-1);
    expect(after?.displays.map((d) => `${d.id}:${d.shows.kind}`)).toEqual(['1:console', '2:board', '4:board']);
    expect(after?.problems.map((p) => p.code)).toEqual(['wall_incomplete']);
    m.stop();
  });

  it('opens the console and a board window per assigned display, with board routes', async () => {
    const ds = [disp(1, 0, 0, true), disp(2, 1920, 0)];
    const r = rig(ds, {
      version: 1,
      console: null,
      assignments: [{ display: ref(ds[1]), boardId: 'city-overview' }],
      walls: [],
    });
    const m = await r.start();
    expect(FakeWindow.all.map((w) => `${w.kind} ${w.route} ${w.bounds.x}`)).toEqual([
      'console #/ 0',
      'wall #/board/city-overview 1920',
    ]);
    expect([...m.windows.keys()]).toEqual(['console', 'board:2']);
    m.stop();
  });

  it('spans a wall across displays: not fullscreen, not kiosk, bounds of the union', async () => {
    const wall = [
      disp(11, 0, -1080),
      disp(12, 1920, -1080),
      disp(13, 3840, -1080),
      disp(14, 0, -2160),
      disp(15, 1920, -2160),
      disp(16, 3840, -2160),
    ];
    const desk = disp(1, 0, 0, true);
    const r = rig([desk, ...wall], {
      version: 1,
      console: null,
      assignments: [],
      walls: [{ id: 'main', boardId: 'city-overview', displays: wall.map(ref) }],
    });
    const m = await r.start();
    const w = FakeWindow.all.find((f) => f.route === '#/wall/city-overview')!;
    expect(w.calls).toEqual(['kiosk false', 'fullscreen false', 'bounds 0,-2160 5760x2160']);
    m.stop();
  });

  it('re-plans once after a burst of hot-plug events, touching only what changed', async () => {
    const ds = [disp(1, 0, 0, true), disp(2, 1920, 0), disp(3, 3840, 0)];
    const r = rig([ds[0], ds[1]], {
      version: 1,
      console: null,
      assignments: [
        { display: ref(ds[1]), boardId: 'city-overview' },
        { display: ref(ds[2]), boardId: 'incident-wall' },
      ],
      walls: [],
    });
    const m = await r.start();
    expect(FakeWindow.all).toHaveLength(2);
    r.setDisplays(ds);
    r.screenEvents.emit('display-added');
    r.screenEvents.emit('display-metrics-changed');
    r.screenEvents.emit('display-metrics-changed');
    expect(r.timers).toHaveLength(1);
    await r.fireTimers();
    expect(FakeWindow.all.map((w) => w.route)).toEqual(['#/', '#/board/city-overview', '#/board/incident-wall']);
    expect(FakeWindow.all.slice(0, 2).every((w) => !w.destroyed && w.calls.length === 0)).toBe(true);
    r.setDisplays([ds[0], ds[2]]);
    r.screenEvents.emit('display-removed');
    await r.fireTimers();
    expect(FakeWindow.all[1].destroyed).toBe(true);
    expect(FakeWindow.all.filter((w) => !w.destroyed).map((w) => w.route)).toEqual(['#/', '#/board/incident-wall']);
    m.stop();
  });

  it('re-plans when the saved layout changes, navigating a window to its new board in place', async () => {
    const ds = [disp(1, 0, 0, true), disp(2, 1920, 0)];
    const r = rig(ds, {
      version: 1,
      console: null,
      assignments: [{ display: ref(ds[1]), boardId: 'city-overview' }],
      walls: [],
    });
    const m = await r.start();
    r.state.layout = { ...r.state.layout, assignments: [{ display: ref(ds[1]), boardId: 'resources' }] };
    await r.pushChange('incident');
    expect(FakeWindow.all[1].calls).toEqual([]);
    await r.pushChange('display_layout');
    expect(FakeWindow.all).toHaveLength(2);
    expect(FakeWindow.all[1].calls).toContain('js location.hash = "#/board/resources"');
    m.stop();
  });

  it('reloads a wall whose renderer crashed, backing off on repeated crashes', async () => {
    const ds = [disp(1, 0, 0, true), disp(2, 1920, 0)];
    const r = rig(ds, {
      version: 1,
      console: null,
      assignments: [{ display: ref(ds[1]), boardId: 'city-overview' }],
      walls: [],
    });
    const m = await r.start();
    const board = FakeWindow.all[1];
    board.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    board.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 0 });
    expect(r.timers.map((t) => t.ms)).toEqual([1000, 2000]);
    await r.fireTimers();
    expect(board.webContents.reloads).toBe(2);
    board.webContents.emit('did-finish-load');
    board.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 139 });
    expect(r.timers.map((t) => t.ms)).toEqual([1000]);
    board.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(r.timers).toHaveLength(1);
    expect(r.logs.some((l) => /board:2: renderer gone \(crashed, exit 139\)/.test(l))).toBe(true);
    m.stop();
  });

  it('reopens a board window the operator closed by hand on the next re-plan', async () => {
    const ds = [disp(1, 0, 0, true), disp(2, 1920, 0)];
    const r = rig(ds, {
      version: 1,
      console: null,
      assignments: [{ display: ref(ds[1]), boardId: 'city-overview' }],
      walls: [],
    });
    const m = await r.start();
    FakeWindow.all[1].close();
    expect(m.windows.has('board:2')).toBe(false);
    await m.replan();
    expect(m.windows.has('board:2')).toBe(true);
    expect(FakeWindow.all).toHaveLength(3);
    m.stop();
  });
});
