import fs from 'node:fs';
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreClient } from '../../src/main/core/client';
import type { TokenCipher } from '../../src/main/core/feeds/tokens';
import { startFeedServer, type FeedServer } from '../../src/main/core/feeds/server/feed-server';
import { startWorkerCore } from '../../src/main/core/host';
import { tempDir } from '../helpers/tmp';

// The real worker host and worker entry (TypeScript through tsx), as the shell starts them.
const workerFile = path.resolve(import.meta.dirname, '../helpers/core-worker.mjs');
const TOKEN = 'plain-S3cret-token-7f1c';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Stands in for Electron safeStorage on the shell's thread: reversible, and never the plain token. */
function fakeCipher(persistent = true): TokenCipher & { decrypts: number } {
  const c = {
    persistent,
    decrypts: 0,
    encrypt: (p: string): string => `enc:${Buffer.from(p).toString('base64').split('').reverse().join('')}`,
    decrypt: (x: string): string => {
      c.decrypts++;
      return Buffer.from(x.slice(4).split('').reverse().join(''), 'base64').toString();
    },
  };
  return c;
}

const pos = (i: number): Record<string, unknown> => ({
  unitId: 'U1',
  lat: 31.2,
  lon: 121.4 + i / 10000,
  at: new Date(Date.UTC(2026, 10, 29, 1, 0, i)).toISOString(),
});

async function start(dir: string, cipher?: TokenCipher, feedsConfig?: string): Promise<CoreClient> {
  const client = await startWorkerCore(
    { dbFile: path.join(dir, 'live.db'), seat: 'seat-07', operator: 'o', mode: 'live', version: 't', feedsConfig },
    { workerFile, cipher },
  );
  cleanups.push(() => client.close());
  return client;
}

async function server(): Promise<FeedServer> {
  const s = await startFeedServer({ mode: 'live', tokens: [TOKEN], name: 'city' });
  cleanups.push(() => s.close());
  return s;
}

/** Every byte the store left on disk: database, WAL and shared memory. */
function storeBytesContain(dir: string, needle: string): boolean {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith('live.db'))
    .some((f) => fs.readFileSync(path.join(dir, f)).includes(needle));
}

describe('feed tokens through the worker host', () => {
  it('stores only the shell’s ciphertext and connects with the right token, before and after a restart', async () => {
    const t = tempDir('wf-tokens-');
    cleanups.push(t.cleanup);
    const srv = await server();
    const cipher = fakeCipher();
    const client = await start(t.dir, cipher);
    const saved = await client.call('feeds.upsert', { name: 'city', url: srv.url, token: TOKEN, enabled: true });
    expect(saved).toMatchObject({ ok: true, value: { token: 'encrypted' } });
    // The feed authenticates (the server refuses any other token) and its events are acked after commit.
    srv.publish('avl', 'unit.position', pos(1));
    await expect.poll(() => srv.ackedSeq('avl'), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(srv.refusedHandshakes()).toBe(0);
    expect(cipher.decrypts).toBe(1);
    // Checked while the store is open, so the WAL is on disk too.
    expect(fs.readdirSync(t.dir).some((f) => f === 'live.db-wal')).toBe(true);
    expect(storeBytesContain(t.dir, TOKEN)).toBe(false);
    expect(storeBytesContain(t.dir, cipher.encrypt(TOKEN))).toBe(true);
    await client.close();

    // A new start decrypts the stored ciphertext through the shell and reconnects.
    const again = await start(t.dir, cipher);
    srv.publish('avl', 'unit.position', pos(2));
    await expect.poll(() => srv.ackedSeq('avl'), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(cipher.decrypts).toBe(2);
    const list = await again.call('feeds.list', {});
    expect(list.ok && list.value.map((s) => [s.name, s.token])).toEqual([['city', 'encrypted']]);
    await again.close();
    expect(storeBytesContain(t.dir, TOKEN)).toBe(false);
  });

  it('without secure storage keeps the token in memory only and says so', async () => {
    const t = tempDir('wf-tokens-');
    cleanups.push(t.cleanup);
    const srv = await server();
    const client = await start(t.dir, fakeCipher(false));
    const saved = await client.call('feeds.upsert', { name: 'city', url: srv.url, token: TOKEN, enabled: true });
    expect(saved).toMatchObject({ ok: true, value: { token: 'memory' } });
    srv.publish('avl', 'unit.position', pos(1));
    await expect.poll(() => srv.ackedSeq('avl'), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    expect(storeBytesContain(t.dir, TOKEN)).toBe(false);
    await client.close();
    // After a restart the source is there, without a token: nothing was written for it.
    const again = await start(t.dir, fakeCipher(false));
    const list = await again.call('feeds.list', {});
    expect(list.ok && list.value.map((s) => [s.name, s.token])).toEqual([['city', 'none']]);
  });

  it('a token the shell cannot decrypt leaves the source off with a token fault', async () => {
    const t = tempDir('wf-tokens-');
    cleanups.push(t.cleanup);
    const srv = await server();
    const first = await start(t.dir, fakeCipher());
    await first.call('feeds.upsert', { name: 'city', url: srv.url, token: TOKEN, enabled: true });
    await first.close();
    const broken: TokenCipher = {
      persistent: true,
      encrypt: (p) => p,
      decrypt: () => {
        throw new Error('keychain reset');
      },
    };
    const client = await start(t.dir, broken);
    const reader = new Database(path.join(t.dir, 'live.db'), { readonly: true });
    cleanups.push(() => {
      reader.close();
    });
    const faults = (): string[] =>
      (reader.prepare(`SELECT detail FROM feed_faults WHERE kind = 'token'`).all() as { detail: string }[]).map(
        (r) => r.detail,
      );
    await expect.poll(faults, { timeout: 20_000 }).toHaveLength(1);
    expect(faults()[0]).toMatch(/keychain reset.*give it again in settings/);
    const h = await client.call('feeds.health', {});
    expect(h.ok && h.value.map((x) => [x.name, x.state])).toEqual([['city', 'stopped']]);
  });
});

describe('feed sources from <userData>/feeds.json', () => {
  it('loads the sources at start, without tokens', async () => {
    const t = tempDir('wf-feedcfg-');
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'feeds.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { name: 'hotline', url: 'http://127.0.0.1:1' },
        { name: 'iot', url: 'https://iot.example/feeds', enabled: false },
      ]),
    );
    const client = await start(t.dir, fakeCipher(), file);
    const list = await client.call('feeds.list', {});
    expect(list.ok && list.value.map((s) => [s.name, s.url, s.enabled, s.token])).toEqual([
      ['hotline', 'http://127.0.0.1:1', true, 'none'],
      ['iot', 'https://iot.example/feeds', false, 'none'],
    ]);
  });

  it('a bad file (here, one carrying a token) changes nothing and the seat still starts', async () => {
    const t = tempDir('wf-feedcfg-');
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'feeds.json');
    fs.writeFileSync(file, JSON.stringify([{ name: 'x', url: 'http://127.0.0.1:1', token: TOKEN }]));
    const client = await start(t.dir, fakeCipher(), file);
    const list = await client.call('feeds.list', {});
    expect(list.ok && list.value).toEqual([]);
    expect(storeBytesContain(t.dir, TOKEN)).toBe(false);
  });

  it('a file that is not JSON is refused without repeating its text', async () => {
    const t = tempDir('wf-feedcfg-');
    cleanups.push(t.cleanup);
    const { Core } = await import('../../src/main/core/core');
    const core = new Core({
      dbFile: path.join(t.dir, 'live.db'),
      seat: 's',
      operator: 'o',
      mode: 'live',
      version: 't',
    });
    cleanups.push(() => core.close());
    const file = path.join(t.dir, 'feeds.json');
    fs.writeFileSync(file, `[{ "name": "x", "url": "http://h", ${TOKEN} }]`);
    expect(() => core.feeds.loadConfig(file)).toThrow(/cannot be read as JSON \(at character \d+\)/);
    try {
      core.feeds.loadConfig(file);
    } catch (err) {
      expect((err as Error).message).not.toContain(TOKEN);
    }
  });

  it('no file, no sources', async () => {
    const t = tempDir('wf-feedcfg-');
    cleanups.push(t.cleanup);
    const client = await start(t.dir, fakeCipher(), path.join(t.dir, 'feeds.json'));
    const list = await client.call('feeds.list', {});
    expect(list.ok && list.value).toEqual([]);
  });
});
