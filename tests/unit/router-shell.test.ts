import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/main/ipc/router';
import { shellHandlers, type FolderDialog } from '../../src/main/ipc/shell-handlers';
import { describeConnected, planWindows, type ConnectedDisplayInfo } from '../../src/shared/displays';
import { OUR_WINDOW, TEST_ORIGIN, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore> | undefined;
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
});

/** A stand-in for Electron's dialog: records what it was asked and answers as told. */
function fakeDialog(answer: { canceled: boolean; filePaths: string[] }): FolderDialog & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    showOpenDialog: (options) => {
      asked.push(options);
      return Promise.resolve(answer);
    },
  };
}

describe('shell channels through the router', () => {
  it('answers shell.pickFolder from the shell handler, never the core', async () => {
    t = testCore();
    const dialog = fakeDialog({ canceled: false, filePaths: ['/srv/backups'] });
    const router = createRouter(t.client, [TEST_ORIGIN], shellHandlers({ dialog, locale: () => 'zh-CN' }));
    const r = await router.handle('shell.pickFolder', { purpose: 'backups' }, OUR_WINDOW);
    expect(r).toEqual({ ok: true, value: { path: '/srv/backups' } });
    expect(dialog.asked).toEqual([
      { title: '选择备份文件夹', buttonLabel: '选择此文件夹', properties: ['openDirectory', 'createDirectory'] },
    ]);
    // Nothing reached the core: no audit entry, no change.
    const audit = await t.client.call('audit.list', { limit: 10 });
    expect(audit.ok && audit.value).toEqual([]);

    const cancelled = createRouter(
      t.client,
      [TEST_ORIGIN],
      shellHandlers({ dialog: fakeDialog({ canceled: true, filePaths: [] }), locale: () => 'en' }),
    );
    expect(await cancelled.handle('shell.pickFolder', { purpose: 'exports' }, OUR_WINDOW)).toEqual({
      ok: true,
      value: { path: null },
    });
  });

  it('validates the request with the contract schema before the shell sees it', async () => {
    t = testCore();
    const dialog = fakeDialog({ canceled: false, filePaths: ['/x'] });
    const router = createRouter(t.client, [TEST_ORIGIN], shellHandlers({ dialog, locale: () => 'en' }));
    for (const bad of [{}, { purpose: 'anything' }, { purpose: 'backups', defaultPath: '/etc' }]) {
      const r = await router.handle('shell.pickFolder', bad, OUR_WINDOW);
      expect(r.ok === false && r.error.code).toBe('invalid_request');
    }
    expect(dialog.asked).toEqual([]);
  });

  it('refuses a foreign sender before the shell sees the request', async () => {
    t = testCore();
    const dialog = fakeDialog({ canceled: false, filePaths: ['/x'] });
    const router = createRouter(t.client, [TEST_ORIGIN], shellHandlers({ dialog, locale: () => 'en' }));
    for (const sender of [
      { fromOurWindow: false, url: OUR_WINDOW.url },
      { fromOurWindow: true, url: 'https://example.com/' },
    ]) {
      const r = await router.handle('shell.pickFolder', { purpose: 'backups' }, sender);
      expect(r.ok === false && r.error.code).toBe('forbidden_sender');
    }
    expect(dialog.asked).toEqual([]);
  });

  it('says clearly when no shell answers the channel (tests, the CLI)', async () => {
    t = testCore();
    const r = await t.router.handle('shell.pickFolder', { purpose: 'backups' }, OUR_WINDOW);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'unavailable',
        message: 'shell.pickFolder is answered by the desktop application only; type the value instead.',
      },
    });
  });

  it('turns a failing shell handler into a typed error', async () => {
    t = testCore();
    const router = createRouter(t.client, [TEST_ORIGIN], {
      'shell.pickFolder': () => Promise.reject(new Error('no display')),
    });
    const r = await router.handle('shell.pickFolder', { purpose: 'backups' }, OUR_WINDOW);
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: 'no display' } });
  });

  describe('displays.connected', () => {
    const laptop: ConnectedDisplayInfo = {
      id: '7',
      label: 'Built-in',
      bounds: { x: 0, y: 0, width: 1512, height: 982 },
      workArea: { x: 0, y: 25, width: 1512, height: 957 },
      scaleFactor: 2,
      internal: true,
      primary: true,
      rotation: 0,
    };
    const side: ConnectedDisplayInfo = {
      ...laptop,
      id: '9',
      label: 'DELL U2720Q',
      bounds: { x: 1512, y: 0, width: 1920, height: 1080 },
      workArea: { x: 1512, y: 0, width: 1920, height: 1080 },
      scaleFactor: 1,
      internal: false,
      primary: false,
      rotation: 90,
    };
    const layout = {
      version: 1 as const,
      console: null,
      assignments: [{ display: { id: '9', bounds: side.bounds }, boardId: 'city-overview' }],
      walls: [],
    };
    const manager = {
      asked: 0,
      connected: () => describeConnected([side, laptop], planWindows([side, laptop], layout)),
    };
    const counted = { connected: () => (manager.asked++, manager.connected()) };

    it("answers from the display manager's view: the displays and what the plan shows on each", async () => {
      t = testCore();
      const dialog = fakeDialog({ canceled: true, filePaths: [] });
      const router = createRouter(
        t.client,
        [TEST_ORIGIN],
        shellHandlers({ dialog, locale: () => 'en', displays: () => counted }),
      );
      const r = await router.handle('displays.connected', {}, OUR_WINDOW);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      const v = r.value as ReturnType<typeof manager.connected>;
      expect(v.displays.map((d) => [d.id, d.label, d.primary, d.rotation, d.scaleFactor, d.shows])).toEqual([
        ['7', 'Built-in', true, 0, 2, { kind: 'console', boardId: null, wallId: null }],
        ['9', 'DELL U2720Q', false, 90, 1, { kind: 'board', boardId: 'city-overview', wallId: null }],
      ]);
      expect(v.displays[0].workArea).toEqual({ x: 0, y: 25, width: 1512, height: 957 });
      expect(v.problems).toEqual([]);
      expect(dialog.asked).toEqual([]);
    });

    it('refuses extra fields and foreign senders before asking the shell', async () => {
      t = testCore();
      manager.asked = 0;
      const router = createRouter(
        t.client,
        [TEST_ORIGIN],
        shellHandlers({
          dialog: fakeDialog({ canceled: true, filePaths: [] }),
          locale: () => 'en',
          displays: () => counted,
        }),
      );
      const bad = await router.handle('displays.connected', { all: true }, OUR_WINDOW);
      expect(bad.ok === false && bad.error.code).toBe('invalid_request');
      const foreign = await router.handle(
        'displays.connected',
        {},
        { fromOurWindow: true, url: 'https://example.com/' },
      );
      expect(foreign.ok === false && foreign.error.code).toBe('forbidden_sender');
      const notOurs = await router.handle('displays.connected', {}, { fromOurWindow: false, url: OUR_WINDOW.url });
      expect(notOurs.ok === false && notOurs.error.code).toBe('forbidden_sender');
      expect(manager.asked).toBe(0);
    });

    it('says the displays are still being detected before the manager has started, and unavailable outside the shell', async () => {
      t = testCore();
      const router = createRouter(
        t.client,
        [TEST_ORIGIN],
        shellHandlers({
          dialog: fakeDialog({ canceled: true, filePaths: [] }),
          locale: () => 'en',
          displays: () => null,
        }),
      );
      const early = await router.handle('displays.connected', {}, OUR_WINDOW);
      expect(early).toEqual({
        ok: false,
        error: { code: 'unavailable', message: 'the displays are still being detected; try again in a moment.' },
      });
      const bare = await t.router.handle('displays.connected', {}, OUR_WINDOW);
      expect(bare.ok === false && bare.error.code).toBe('unavailable');
    });
  });
});
