import type { BrowserWindowConstructorOptions, Rectangle, WebPreferences } from 'electron';
import { join } from 'node:path';

/** Dark background shown before the first paint, so a wall never flashes white. */
export const BACKGROUND_COLOUR = '#0b0f14';

export type WindowKind = 'console' | 'wall';

export interface WindowOptionsInput {
  /** Folder of the built main bundle (out/main); the preload sits beside it in out/preload. */
  mainDir: string;
  /** Devtools only in unpackaged builds. */
  devTools: boolean;
  /** Display to cover (wall windows) or to open on (console). */
  bounds?: Rectangle;
}

export function preloadPath(mainDir: string): string {
  return join(mainDir, '../preload/index.cjs');
}

/**
 * The one place every window's web preferences are set. Each flag is spelled
 * out even where it is Electron's default, so a default changing upstream, or
 * a later edit, cannot loosen it silently (tests/unit/window-options.test.ts).
 */
export function secureWebPreferences(mainDir: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath(mainDir),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    // Middle-click would otherwise start a new-window flow on any link.
    disableBlinkFeatures: 'Auxclick',
    devTools,
  };
}

export function windowOptions(kind: WindowKind, input: WindowOptionsInput): BrowserWindowConstructorOptions {
  const common: BrowserWindowConstructorOptions = {
    show: false,
    backgroundColor: BACKGROUND_COLOUR,
    title: 'Watchfloor',
    webPreferences: secureWebPreferences(input.mainDir, input.devTools),
  };
  if (kind === 'wall') {
    // A wall shows boards on a display nobody types at: no frame, no menu,
    // the whole display, and it does not take focus from the console.
    return {
      ...common,
      ...(input.bounds ?? {}),
      frame: false,
      fullscreen: true,
      kiosk: true,
      autoHideMenuBar: true,
      focusable: false,
      resizable: false,
      movable: false,
      minimizable: false,
      closable: true,
    };
  }
  const b = input.bounds;
  return {
    ...common,
    ...(b ? { x: b.x, y: b.y } : {}),
    width: b ? Math.min(1600, b.width) : 1600,
    height: b ? Math.min(1000, b.height) : 1000,
    minWidth: 1024,
    minHeight: 700,
    autoHideMenuBar: false,
  };
}
