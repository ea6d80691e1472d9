import { BrowserWindow, type WebContents } from 'electron';
import { eventChannel, type ChangeBatch, type Events } from '../../shared/ipc';
import { createCoalescer, realSchedule, type Coalescer } from '../push/coalesce';
import { windowOptions, type WindowKind, type WindowOptionsInput } from './options';

interface Tracked {
  window: BrowserWindow;
  push: Coalescer;
}

/**
 * Our windows, and the only ones IPC answers. Each has its own push limiter,
 * so a busy wall never delays the console and a closed window drops its queue.
 */
export class WindowManager {
  private readonly tracked = new Map<number, Tracked>();

  constructor(
    private readonly base: Omit<WindowOptionsInput, 'bounds'>,
    private readonly entryUrl: string,
  ) {}

  /** `route` is the renderer's hash route (`#/wall/<board id>`); absent = the app's start page. */
  open(kind: WindowKind, bounds?: WindowOptionsInput['bounds'], route?: string): BrowserWindow {
    const win = new BrowserWindow(windowOptions(kind, { ...this.base, bounds }));
    const id = win.webContents.id;
    const contents = win.webContents;
    const push = createCoalescer((batch) => {
      if (!contents.isDestroyed()) contents.send(eventChannel('changes'), batch);
    }, realSchedule);
    this.tracked.set(id, { window: win, push });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      push.dispose();
      this.tracked.delete(id);
    });
    void win.loadURL(route ? `${this.entryUrl}${route}` : this.entryUrl);
    return win;
  }

  isOurs(contents: WebContents): boolean {
    const t = this.tracked.get(contents.id);
    return t !== undefined && !t.window.isDestroyed() && t.window.webContents === contents;
  }

  broadcast(batch: ChangeBatch): void {
    for (const t of this.tracked.values()) t.push.push(batch);
  }

  /** A push event other than change batches (rare, small: e.g. `displays.changed`) to every window. */
  send<E extends Exclude<keyof Events, 'changes'>>(event: E, payload: Events[E]): void {
    for (const t of this.tracked.values()) {
      if (!t.window.isDestroyed()) t.window.webContents.send(eventChannel(event), payload);
    }
  }

  /**
   * The seat switched between live and exercise: every window reloads, since
   * its change cursor and cached rows belong to the store it was showing.
   */
  reloadAll(): void {
    for (const t of this.tracked.values()) {
      t.push.clear();
      if (!t.window.isDestroyed()) t.window.webContents.reload();
    }
  }

  /** Bring the console forward (a second launch lands here). */
  focusConsole(): void {
    const first = this.tracked.values().next().value as Tracked | undefined;
    if (!first) return;
    const win = first.window;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  get count(): number {
    return this.tracked.size;
  }
}
