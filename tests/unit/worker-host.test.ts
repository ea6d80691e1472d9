import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreClient } from '../../src/main/core/client';
import { startWorkerCore } from '../../src/main/core/host';
import { StoreOpenError } from '../../src/main/core/store/db';
import type { ChangeBatch } from '../../src/shared/ipc';
import { tempDir } from '../helpers/tmp';

// The built app starts out/main/core-worker.js; tests start the TypeScript source through tsx.
const host = { workerFile: path.resolve(import.meta.dirname, '../helpers/core-worker.mjs') };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function opts(dbFile: string): Parameters<typeof startWorkerCore>[0] {
  return { dbFile, seat: 'seat-02', operator: 'officer-li', mode: 'live', version: 'test' };
}

describe('core in a worker thread', () => {
  it('answers calls and streams change batches over the same interface as in-process', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const client: CoreClient = await startWorkerCore(opts(path.join(t.dir, 'live.db')), host);
    cleanups.push(() => client.close());
    const batches: ChangeBatch[] = [];
    client.onChanges((b) => batches.push(b));
    const created = await client.call('incident.create', {
      title: '徐汇区漕溪北路燃气泄漏',
      category: 'gas',
      level: 2,
      district: 'xuhui',
      channel: '119',
    });
    expect(created.ok).toBe(true);
    const list = await client.call('incident.list', { scope: 'open', limit: 10 });
    expect(list.ok && list.value.map((i) => i.title)).toEqual(['徐汇区漕溪北路燃气泄漏']);
    await expect.poll(() => batches.length).toBe(1);
    expect(batches[0].changes[0]).toMatchObject({ entity: 'incident', op: 'insert' });
    await client.close();
    const after = await client.call('app.info', {});
    expect(after.ok === false && after.error.code).toBe('store_unavailable');
  });

  it('on a fresh seat with no feed configured, starts the demonstration exercise and says so', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const client = await startWorkerCore({ ...opts(path.join(t.dir, 'live.db')), firstRun: true }, host);
    cleanups.push(() => client.close());
    const modes: string[] = [];
    client.onModeChange((m) => modes.push(m));
    await expect.poll(() => modes, { timeout: 20_000 }).toEqual(['exercise']);
    const info = await client.call('app.info', {});
    expect(info.ok && info.value.mode).toBe('exercise');
    const left = await client.call('exercise.leave', {});
    expect(left.ok).toBe(true);
    await expect.poll(() => modes, { timeout: 20_000 }).toEqual(['exercise', 'live']);
    // The live store was never written by the exercise: it holds no incidents.
    const live = new Database(path.join(t.dir, 'live.db'), { readonly: true });
    expect(live.prepare('SELECT count(*) AS n FROM incidents').get()).toEqual({ n: 0 });
    live.close();
  });

  it('rejects start-up with the store error when the file is from a newer version', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'live.db');
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(file);
    const err = await startWorkerCore(opts(file), host).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreOpenError);
    expect((err as StoreOpenError).kind).toBe('newer_version');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});
