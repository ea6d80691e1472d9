import { afterEach, describe, expect, it } from 'vitest';
import { isAllowedUrl } from '../../src/main/ipc/router';
import { CHANNEL_NAMES } from '../../src/shared/ipc';
import { isShellChannel } from '../../src/shared/contracts/shell';
import { OUR_WINDOW, testCore } from '../helpers/core';

let t: ReturnType<typeof testCore>;
afterEach(async () => t && (await t.cleanup()));

describe('router sender rule', () => {
  const allowed = [
    { protocol: 'app:', host: 'watchfloor' },
    { protocol: 'http:', host: 'localhost:5173' },
  ];
  it.each([
    ['app://watchfloor/index.html', true],
    ['app://watchfloor/#/board', true],
    ['http://localhost:5173/', true],
    ['app://evil/index.html', false],
    ['evil://watchfloor/index.html', false],
    ['http://localhost:5174/', false],
    ['https://localhost:5173/', false],
    ['file:///etc/passwd', false],
    ['null', false],
    ['', false],
    ['data:text/html,<script>', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedUrl(url, allowed)).toBe(expected);
  });

  it('refuses requests from foreign windows or URLs before touching the core', async () => {
    t = testCore();
    const foreign = await t.router.handle('incident.list', {}, { fromOurWindow: false, url: OUR_WINDOW.url });
    expect(foreign.ok === false && foreign.error.code).toBe('forbidden_sender');
    const wrongUrl = await t.router.handle('incident.list', {}, { fromOurWindow: true, url: 'https://example.com/' });
    expect(wrongUrl.ok === false && wrongUrl.error.code).toBe('forbidden_sender');
  });

  it('refuses unknown channels, including inherited property names', async () => {
    t = testCore();
    for (const ch of ['db.exec', '__proto__', 'constructor', 'toString', 42, null]) {
      const r = await t.router.handle(ch, {}, OUR_WINDOW);
      expect(r.ok === false && r.error.code).toBe('unknown_channel');
    }
  });

  it('answers every known channel with a typed result', async () => {
    t = testCore();
    // Signing out is valid with {} and refuses every action after it: ask it last.
    const last = 'session.signOut';
    for (const ch of [...CHANNEL_NAMES.filter((c) => c !== last), last]) {
      const r = await t.router.handle(ch, {}, OUR_WINDOW);
      expect(typeof r.ok).toBe('boolean');
      // A valid request on a shell channel reaches no shell here (the test core has none): `unavailable`.
      if (!r.ok)
        expect(isShellChannel(ch) ? ['invalid_request', 'unavailable'] : ['invalid_request']).toContain(r.error.code);
    }
  });

  it('refuses oversize requests', async () => {
    t = testCore();
    const r = await t.router.handle('incident.byIds', { ids: Array(20000).fill('x'.repeat(60)) }, OUR_WINDOW);
    expect(r.ok === false && r.error.message).toMatch(/too large/);
  });
});
