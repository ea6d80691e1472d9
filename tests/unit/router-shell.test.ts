import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../src/main/ipc/router';
import { shellHandlers, type FolderDialog } from '../../src/main/ipc/shell-handlers';
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
});
