import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { guardContents, type GuardableContents } from '../../src/main/security/guards';
import { allowedOrigins } from '../../src/main/security/urls';

/** A WebContents stand-in: real listeners, events that record preventDefault. */
class FakeContents extends EventEmitter {
  openHandler?: (d: { url: string }) => { action: 'deny' };
  setWindowOpenHandler(h: (d: { url: string }) => { action: 'deny' }): void {
    this.openHandler = h;
  }
  /** Fire an event the way Electron does; true when a listener prevented it. */
  fire(name: string, url = ''): boolean {
    let prevented = false;
    this.emit(name, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

function guarded(packaged: boolean): { c: FakeContents; opened: string[] } {
  const c = new FakeContents();
  const opened: string[] = [];
  guardContents(
    c as unknown as GuardableContents,
    allowedOrigins({ packaged, rendererUrl: 'http://localhost:5173' }),
    (u) => opened.push(u),
  );
  return { c, opened };
}

describe('web contents guards', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: foreign URLs are stopped, ours pass',
    (name) => {
      const { c } = guarded(true);
      expect(c.fire(name, 'https://example.com/')).toBe(true);
      expect(c.fire(name, 'file:///etc/passwd')).toBe(true);
      expect(c.fire(name, 'http://localhost:5173/')).toBe(true);
      expect(c.fire(name, 'app://watchfloor/index.html')).toBe(false);
    },
  );

  it('in development the dev server is ours too', () => {
    const { c } = guarded(false);
    expect(c.fire('will-navigate', 'http://localhost:5173/')).toBe(false);
    expect(c.fire('will-navigate', 'http://localhost:5174/')).toBe(true);
  });

  it('<webview> never attaches', () => {
    const { c } = guarded(true);
    expect(c.fire('will-attach-webview')).toBe(true);
  });

  it('window.open is always denied; only a clean http(s) URL reaches the system browser', () => {
    const { c, opened } = guarded(true);
    for (const url of [
      'https://www.shanghai.gov.cn/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://watchfloor/x',
      'ms-msdt:x',
    ]) {
      expect(c.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual(['https://www.shanghai.gov.cn/']);
  });
});
