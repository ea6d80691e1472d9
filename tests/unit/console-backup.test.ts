import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StartupIntegrity } from '../../src/main/core/backup/integrity';
import {
  BackupSchedule,
  backupTo,
  inspectBackup,
  integrityCheck,
  listBackups,
  restoreBackup,
} from '../../src/main/core/backup/service';
import { Core } from '../../src/main/core/core';
import { SCHEMA_VERSION } from '../../src/main/core/store/db';
import { harness, type Harness, T0 } from '../helpers/console';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('data safety', () => {
  it('checks integrity at start in its own thread, reporting running and then the result', async () => {
    h = harness();
    expect(h.call('store.integrity', {}).status).toBe('running');
    h.report(); // the core keeps serving while the check runs
    const done = await h.core.console.integrity.done();
    expect(done).toMatchObject({ status: 'ok', ok: true, result: ['ok'] });
    expect(h.call('store.integrity', {})).toMatchObject({ status: 'ok', ok: true });
    expect(integrityCheck(h.core.store.db)).toEqual({ ok: true, result: ['ok'] });
  });

  it('reports a damaged store found by the start-up check', async () => {
    h = harness();
    const file = h.core.store.file;
    for (let i = 0; i < 200; i++) h.report({ title: `测试事件 ${i} 号`, level: 4 });
    h.core.close();
    // Damage the header of every page after the schema page, as torn writes would.
    const buf = fs.readFileSync(file);
    for (let page = 4096 * 2; page < buf.length; page += 4096) buf.fill(0x5a, page, page + 16);
    fs.writeFileSync(file, buf);
    const damaged = new StartupIntegrity(
      file,
      () => T0,
      () => undefined,
    );
    const state = await damaged.done();
    expect(state.status === 'failed' || state.status === 'error').toBe(true);
    expect(state.ok).toBe(false);
    expect(state.result.join(' ')).toMatch(/\S/);
    fs.rmSync(h.dir, { recursive: true, force: true });
    h = undefined;
  });

  it('backs up online with progress, lists what a backup holds, and restores it into place keeping the old file', async () => {
    h = harness({ role: 'duty_chief' });
    for (let i = 0; i < 30; i++) h.report({ title: `测试事件 ${i} 号`, level: 4 });
    const dir = path.join(h.dir, 'backups');
    const officer = h.core.ctx.actor.role;
    expect(officer).toBe('duty_chief');
    const job = h.call('backup.create', { dir });
    const done = await h.core.console.jobs.wait(job.id);
    expect(done.error).toBeNull();
    expect(done.progress).toBe(1);
    const [file] = done.files;
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    // Work carries on after the backup; the restore must bring back the earlier state.
    h.report({ title: '备份之后的事件', level: 4 });
    const info = h.call('backup.inspect', { file });
    expect(info).toMatchObject({ file, schemaVersion: SCHEMA_VERSION, integrity: 'ok', createdAt: T0 });
    expect(info.counts).toMatchObject({ incidents: 30, reports: 30, timeline: 30 });
    expect(info.counts.audit_log).toBe(31); // 30 creates + the backup request itself
    expect(h.call('backup.list', { dir }).map((b) => b.file)).toEqual([file]);

    const live = h.core.store.file;
    const refused = (() => {
      try {
        restoreBackup(live, file, T0);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(refused).toMatch(/store is still open/);
    h.core.close();
    const result = restoreBackup(live, file, T0 + 1000);
    expect(result.keptOld).toMatch(/live\.db\.before-restore-/);
    expect(fs.existsSync(result.keptOld!)).toBe(true);
    const reopened = new Core({ dbFile: live, seat: 's', operator: 'o', mode: 'live', version: 't', now: () => T0 });
    try {
      expect(reopened.incidents.list('all', 100)).toHaveLength(30);
      expect(reopened.console.audit.verify()).toMatchObject({ intact: true });
      expect((await reopened.console.integrity.done()).ok).toBe(true);
    } finally {
      reopened.close();
    }
    const old = new Core({ dbFile: result.keptOld!, seat: 's', operator: 'o', mode: 'live', version: 't' });
    expect(old.incidents.list('all', 100)).toHaveLength(31);
    old.close();
    fs.rmSync(h.dir, { recursive: true, force: true });
    h = undefined;
  });

  it('refuses to restore a damaged backup and leaves the store alone', () => {
    h = harness();
    const bad = path.join(h.dir, 'watchfloor-live-bad.db');
    fs.writeFileSync(bad, Buffer.from('not a database '.repeat(500)));
    expect(() => inspectBackup(bad)).toThrow(/not a readable Watchfloor backup/);
    const live = h.core.store.file;
    h.core.close();
    const before = fs.readFileSync(live);
    expect(() => restoreBackup(live, bad, T0)).toThrow(/not a readable Watchfloor backup/);
    expect(fs.readFileSync(live).equals(before)).toBe(true);
    expect(listBackups(h.dir)).toEqual([]);
    fs.rmSync(h.dir, { recursive: true, force: true });
    h = undefined;
  });

  it('runs scheduled backups and keeps only the newest N', async () => {
    h = harness({ role: 'leader_on_duty' });
    h.report();
    const dir = path.join(h.dir, 'scheduled');
    const harnessRef = h;
    const schedule = new BackupSchedule(
      () => backupTo(harnessRef.core.store.db, dir, harnessRef.clock.t, 'live'),
      dir,
      3,
    );
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      h.clock.advance(60);
      made.push((await schedule.runOnce()).file);
    }
    const kept = listBackups(dir).map((b) => b.file);
    expect(kept).toEqual(made.slice(2).reverse());
    expect(h.call('backup.prune', { dir, keep: 1 }).removed).toEqual(made.slice(2, 4).reverse());
  });
});
