import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKGROUND_COLOUR, windowOptions, type WindowKind } from '../../src/main/windows/options';

const KINDS: WindowKind[] = ['console', 'wall'];
const mainDir = path.join('/opt', 'watchfloor', 'out', 'main');

/** Every flag the security baseline requires, with the only acceptable value. */
const REQUIRED: Record<string, unknown> = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
  navigateOnDragDrop: false,
  disableBlinkFeatures: 'Auxclick',
};

describe('window options', () => {
  for (const kind of KINDS) {
    for (const devTools of [false, true]) {
      it(`${kind} window (devTools ${devTools}) carries every security flag`, () => {
        const o = windowOptions(kind, { mainDir, devTools, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } });
        const prefs = o.webPreferences ?? {};
        for (const [flag, value] of Object.entries(REQUIRED)) {
          expect(prefs, `${kind}.${flag}`).toHaveProperty(flag, value);
        }
        expect(prefs.devTools).toBe(devTools);
        expect(prefs.preload).toBe(path.join('/opt', 'watchfloor', 'out', 'preload', 'index.cjs'));
        expect(o.backgroundColor).toBe(BACKGROUND_COLOUR);
        expect(o.show).toBe(false);
      });
    }
  }

  it('a wall window is frameless, kiosk, fullscreen on its display and takes no focus', () => {
    const o = windowOptions('wall', { mainDir, devTools: false, bounds: { x: 1920, y: 0, width: 3840, height: 2160 } });
    expect(o).toMatchObject({
      frame: false,
      kiosk: true,
      fullscreen: true,
      focusable: false,
      x: 1920,
      y: 0,
      width: 3840,
    });
  });

  it('the console window is framed, resizable and fits a small display', () => {
    const o = windowOptions('console', { mainDir, devTools: false, bounds: { x: 0, y: 0, width: 1280, height: 800 } });
    expect(o.frame).not.toBe(false);
    expect(o.kiosk).not.toBe(true);
    expect(o.width).toBe(1280);
    expect(o.height).toBe(800);
  });

  it('packaged builds get no devtools, and variants do not share one mutable preferences object', () => {
    const a = windowOptions('console', { mainDir, devTools: false });
    const b = windowOptions('wall', { mainDir, devTools: false });
    expect(a.webPreferences?.devTools).toBe(false);
    expect(a.webPreferences).not.toBe(b.webPreferences);
  });
});
