import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeBatch } from '../../src/shared/ipc';
import { OUR_WINDOW, testCore } from '../helpers/core';

const report = {
  title: '浦东新区张江路积水严重',
  category: 'waterlogging',
  level: 3,
  district: 'pudong',
  address: '张江路 88 号',
  channel: '12345',
  reporterName: '李女士',
  reporterPhone: '13800138000',
};

let t: ReturnType<typeof testCore>;
afterEach(async () => t && (await t.cleanup()));

describe('logging a phone report', () => {
  it('stores incident, source report, timeline entry and a change, readable from the file', async () => {
    let clock = Date.UTC(2026, 10, 29, 1, 0, 0);
    t = testCore({ now: () => clock });
    const batches: ChangeBatch[] = [];
    t.client.onChanges((b) => batches.push(b));
    const res = await t.router.handle('incident.create', report, OUR_WINDOW);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const inc = res.value as { id: string; ref: string; incidentClass: string; status: string; lat: number };
    expect(inc.ref).toBe('WF-20261129-0001');
    expect(inc.incidentClass).toBe('natural');
    expect(inc.status).toBe('reported');
    expect(inc.lat).toBeCloseTo(31.222, 2); // district centre when no coordinates were given
    expect(batches).toEqual([{ cursor: 1, changes: [{ id: 1, entity: 'incident', entityId: inc.id, op: 'insert' }] }]);

    // Read back from the file with a separate connection: it was committed.
    const raw = new Database(t.dbFile, { readonly: true });
    expect(raw.prepare('SELECT title, level, district FROM incidents').all()).toEqual([
      { title: report.title, level: 3, district: 'pudong' },
    ]);
    expect(raw.prepare('SELECT channel, reporter_name FROM reports').all()).toEqual([
      { channel: '12345', reporter_name: '李女士' },
    ]);
    expect(raw.prepare('SELECT kind, actor FROM timeline').all()).toEqual([
      { kind: 'reported', actor: 'officer-wang@seat-01' },
    ]);
    raw.close();

    clock += 60_000;
    const second = await t.router.handle('incident.create', { ...report, level: 1 }, OUR_WINDOW);
    expect(second.ok && (second.value as { ref: string }).ref).toBe('WF-20261129-0002');
    const kpis = await t.router.handle('board.kpis', {}, OUR_WINDOW);
    expect(kpis.ok && kpis.value).toMatchObject({
      openByLevel: { 1: 1, 2: 0, 3: 1, 4: 0 },
      openTotal: 2,
      newLastHour: 2,
    });
    const trend = await t.router.handle('board.trend', { hours: 24 }, OUR_WINDOW);
    expect(trend.ok && trend.value).toEqual([{ hour: Date.UTC(2026, 10, 29, 1), category: 'waterlogging', count: 2 }]);
  });

  it('numbers references per Beijing day, not per UTC day', async () => {
    // 2026-11-29 16:30 UTC is already 2026-11-30 00:30 in Beijing.
    t = testCore({ now: () => Date.UTC(2026, 10, 29, 16, 30) });
    const res = await t.router.handle('incident.create', report, OUR_WINDOW);
    expect(res.ok && (res.value as { ref: string }).ref).toBe('WF-20261130-0001');
  });

  it('refuses an invalid form with field-level issues and stores nothing', async () => {
    t = testCore();
    const res = await t.router.handle(
      'incident.create',
      { ...report, title: ' ', reporterPhone: 'call me', lat: 31.2 },
      OUR_WINDOW,
    );
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_request');
    expect(res.error.issues?.map((i) => i.path).sort()).toEqual(['lat', 'reporterPhone', 'title']);
    const list = await t.router.handle('incident.list', {}, OUR_WINDOW);
    expect(list.ok && list.value).toEqual([]);
  });

  it('returns not_found for an unknown incident and reads the timeline of a known one', async () => {
    t = testCore();
    const missing = await t.router.handle('incident.get', { id: 'nope' }, OUR_WINDOW);
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: 'incident nope not found' } });
    const created = await t.router.handle('incident.create', report, OUR_WINDOW);
    const id = created.ok ? (created.value as { id: string }).id : '';
    const got = await t.router.handle('incident.get', { id }, OUR_WINDOW);
    expect(got.ok && (got.value as { timeline: unknown[] }).timeline).toHaveLength(1);
  });

  it('resyncs a window that missed pushes with changes.since', async () => {
    t = testCore();
    for (let i = 0; i < 3; i++) await t.router.handle('incident.create', { ...report, title: `报告 ${i}` }, OUR_WINDOW);
    const res = await t.router.handle('changes.since', { cursor: 1 }, OUR_WINDOW);
    expect(res.ok && res.value).toMatchObject({ cursor: 3, changes: [{ id: 2 }, { id: 3 }] });
  });
});
