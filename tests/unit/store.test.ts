import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/main/core/store/migrations/index';
import { openStore, SCHEMA_VERSION, StoreOpenError } from '../../src/main/core/store/db';
import { tempDir } from '../helpers/tmp';
import type { Core } from '../../src/main/core/core';

const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((c) => c()));
function fresh(): string {
  const t = tempDir();
  dirs.push(t.cleanup);
  return path.join(t.dir, 'live.db');
}

describe('store', () => {
  it('opens in WAL with synchronous=FULL, foreign keys and the latest schema', () => {
    const file = fresh();
    const s = openStore({ file });
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(s.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(s.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    s.close();
  });

  it('sets synchronous=FULL again on reopen (the driver would reopen WAL in NORMAL)', () => {
    const file = fresh();
    openStore({ file }).close();
    const raw = new Database(file);
    // What a plain reopen gives: not FULL.
    expect(raw.pragma('synchronous', { simple: true })).not.toBe(2);
    raw.close();
    const s = openStore({ file });
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2);
    s.close();
  });

  it('numbers migrations 1..N and applies each exactly once', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    const file = fresh();
    openStore({ file }).close();
    const again = openStore({ file });
    expect(again.schemaVersion).toBe(SCHEMA_VERSION);
    again.close();
  });

  it('migrates a store from every older version, keeping its rows', () => {
    for (let from = 1; from < SCHEMA_VERSION; from++) {
      const file = fresh();
      const db = new Database(file);
      db.transaction(() => {
        for (const m of MIGRATIONS.slice(0, from)) m.up(db);
        db.pragma(`user_version = ${from}`);
      })();
      db.prepare("INSERT INTO meta (key, value) VALUES ('probe', 'kept')").run();
      db.close();
      const s = openStore({ file });
      expect(s.db.prepare("SELECT value FROM meta WHERE key = 'probe'").get()).toEqual({ value: 'kept' });
      s.close();
    }
  });

  it('refuses a store from a newer version without changing a byte', () => {
    const file = fresh();
    const db = new Database(file);
    db.pragma('journal_mode = DELETE');
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    db.close();
    const before = fs.readFileSync(file);
    const err = (() => {
      try {
        openStore({ file });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(StoreOpenError);
    expect((err as StoreOpenError).kind).toBe('newer_version');
    expect((err as StoreOpenError).message).toMatch(/newer Watchfloor/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a corrupt file and leaves it in place, unchanged', () => {
    const file = fresh();
    const junk = Buffer.from('this is not a database, it is a shift log written by mistake\n'.repeat(200));
    fs.writeFileSync(file, junk);
    expect(() => openStore({ file })).toThrow(StoreOpenError);
    try {
      openStore({ file });
    } catch (e) {
      expect((e as StoreOpenError).kind).toBe('corrupt');
    }
    expect(fs.readFileSync(file).equals(junk)).toBe(true);
  });

  it('rolls back every pending migration together when one fails', () => {
    const file = fresh();
    const db = new Database(file);
    db.exec('CREATE TABLE incidents (x)'); // collides with migration 1
    db.close();
    expect(() => openStore({ file })).toThrow();
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'timeline'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('keeps the timeline append-only', () => {
    const s = openStore({ file: fresh() });
    s.db
      .exec(`INSERT INTO incidents (id, ref, title, category, incident_class, level, status, channel, reported_at, updated_at)
      VALUES ('i1', 'r1', 't', 'fire', 'accident', 3, 'reported', '110', 1, 1)`);
    s.db.exec("INSERT INTO timeline (incident_id, at, kind, actor, text) VALUES ('i1', 1, 'note', 'a', 'x')");
    expect(() => s.db.exec("UPDATE timeline SET text = 'y'")).toThrow(/append-only/);
    expect(() => s.db.exec('DELETE FROM timeline')).toThrow(/append-only/);
    s.close();
  });
});

describe('WAL checkpoints off the commit path', () => {
  /** A commit of ~450 KB of rows; returns the database file's size before it. */
  function bigCommit(t: { client: { core: Core }; dbFile: string }, prefix = 'k'): number {
    const db = t.client.core.store.db;
    const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    const mainBefore = fs.statSync(t.dbFile).size;
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(`${prefix}${i}`, 'x'.repeat(200));
    })();
    return mainBefore;
  }

  it('commits leave pages in the WAL; the checkpoint thread folds them into the database file', async () => {
    const { testCore } = await import('../helpers/core');
    const t = testCore({ checkpointEveryMs: 3_600_000 });
    try {
      const mainBefore = bigCommit(t);
      // No automatic checkpoint ran inside the commit: the database file has not grown yet.
      expect(fs.statSync(`${t.dbFile}-wal`).size).toBeGreaterThan(400_000);
      expect(fs.statSync(t.dbFile).size).toBe(mainBefore);
      const r = await t.client.core.checkpointer!.checkpoint();
      expect(r.pages).toBeGreaterThan(100);
      expect(r.pages).toBe(r.log);
      expect(fs.statSync(t.dbFile).size).toBeGreaterThan(mainBefore + 400_000);
      // The core's own (inline) checkpoint still works, for callers that need it now.
      const again = bigCommit(t, 'again');
      t.client.core.checkpoint();
      expect(fs.statSync(t.dbFile).size).toBeGreaterThan(again);
    } finally {
      await t.cleanup();
    }
  });

  it('reports a store it cannot open instead of failing silently', async () => {
    const { WalCheckpointer } = await import('../../src/main/core/store/checkpointer');
    const t = tempDir();
    try {
      const c = new WalCheckpointer(path.join(t.dir, 'missing.db'), 60_000);
      const deadline = Date.now() + 10_000;
      while (c.lastError === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(c.lastError).toMatch(/unable to open|does not exist|missing/i);
      expect(c.closed).toBe(true);
      c.stop();
    } finally {
      t.cleanup();
    }
  });

  it('runs on its own every interval, with nothing asked of the core, and is gone before the store closes', async () => {
    const { testCore } = await import('../helpers/core');
    const t = testCore({ checkpointEveryMs: 50 });
    try {
      const mainBefore = bigCommit(t);
      const deadline = Date.now() + 10_000;
      while (fs.statSync(t.dbFile).size === mainBefore && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      expect(fs.statSync(t.dbFile).size).toBeGreaterThan(mainBefore + 400_000);
      const checkpointer = t.client.core.checkpointer!;
      expect(checkpointer.lastError).toBeNull();
      expect(checkpointer.closed).toBe(false);
      t.client.core.close();
      expect(checkpointer.closed).toBe(true);
      // The last connection to close removes the WAL: the thread's connection closed first.
      expect(fs.existsSync(`${t.dbFile}-wal`)).toBe(false);
    } finally {
      await t.cleanup();
    }
  });
});
