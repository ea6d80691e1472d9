import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../src/main/core/core';
import { inProcessCore } from '../../src/main/core/client';
import { MIGRATIONS } from '../../src/main/core/store/migrations/index';
import { createRouter } from '../../src/main/ipc/router';
import { PRESET_BOARDS, type Board } from '../../src/shared/boards';
import type { Result } from '../../src/shared/result';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function open(file?: string): { core: Core; file: string } {
  let f = file;
  if (!f) {
    const t = tempDir();
    cleanups.push(t.cleanup);
    f = path.join(t.dir, 'live.db');
  }
  const core = new Core({ dbFile: f, seat: 'seat-1', operator: 'op', mode: 'live', version: 'test' });
  cleanups.unshift(() => core.close());
  return { core, file: f };
}

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

describe('board store', () => {
  it('seeds the four presets on first open, once', () => {
    const { core, file } = open();
    const list = value(core.handle('board.list', {}));
    expect(list.map((b) => b.id)).toEqual(['city-overview', 'incident-wall', 'resources', 'duty-warnings']);
    expect(list.map((b) => b.name.zh)).toEqual(['城市总览', '事件墙', '应急资源', '值班与预警']);
    expect(list[0].panelCount).toBe(PRESET_BOARDS[0].panels.length);
    // Deleting a preset sticks: reopening does not bring it back.
    value(core.handle('board.delete', { id: 'resources' }));
    core.close();
    const again = open(file).core;
    expect(value(again.handle('board.list', {})).map((b) => b.id)).not.toContain('resources');
  });

  it('saves, bumps the revision, refuses a stale save and records changes', () => {
    const { core } = open();
    const seen: string[] = [];
    core.onChanges((b) => b.changes.forEach((c) => seen.push(`${c.entity}:${c.entityId}:${c.op}`)));
    const got = value(core.handle('board.get', { id: 'incident-wall' }));
    expect(got.revision).toBe(1);
    const edited: Board = structuredClone(got.board);
    edited.panels[2] = { ...edited.panels[2], h: 9 };
    const saved = value(core.handle('board.save', { board: edited, expectedRevision: 1 }));
    expect(saved.revision).toBe(2);
    expect(saved.board.panels[2].h).toBe(9);
    const stale = core.handle('board.save', { board: got.board, expectedRevision: 1 });
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.code).toBe('conflict');
      expect(stale.error.message).toMatch(/changed elsewhere.*Reload/);
    }
    expect(value(core.handle('board.get', { id: 'incident-wall' })).board.panels[2].h).toBe(9);
    expect(seen).toEqual(['board:incident-wall:update']);
  });

  it('saves an old-version board by migrating it, and refuses an invalid one without changing anything', () => {
    const { core } = open();
    const legacy = {
      version: 1,
      id: 'imported',
      title: 'Imported',
      cols: 4,
      rows: 4,
      panels: [{ id: 'k', kind: 'kpi', pos: { x: 0, y: 0, w: 4, h: 1 } }],
    };
    const saved = value(core.handle('board.save', { board: legacy }));
    expect(saved.board.version).toBe(2);
    expect(saved.board.panels[0].type).toBe('kpis');
    const before = value(core.handle('board.list', {}));
    const bad = core.handle('board.save', { board: { ...saved.board, grid: { columns: 2, rows: 1 } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('invalid_request');
      expect(bad.error.message).toMatch(/not saved.*panel_outside_grid.*Nothing was changed/);
    }
    expect(value(core.handle('board.list', {}))).toEqual(before);
  });

  it('duplicates and renames', () => {
    const { core } = open();
    const copy = value(core.handle('board.duplicate', { id: 'city-overview' }));
    expect(copy.board.id).not.toBe('city-overview');
    expect(copy.board.preset).toBeNull();
    expect(copy.board.name).toEqual({ zh: '城市总览 副本', en: 'City overview (copy)' });
    expect(copy.board.panels).toEqual(PRESET_BOARDS[0].panels);
    const renamed = value(core.handle('board.rename', { id: copy.board.id, name: '浦东专题', lang: 'zh' }));
    expect(renamed.board.name).toEqual({ zh: '浦东专题', en: 'City overview (copy)' });
    expect(renamed.revision).toBe(2);
    const both = value(core.handle('board.rename', { id: copy.board.id, name: 'Pudong' }));
    expect(both.board.name).toEqual({ zh: 'Pudong', en: 'Pudong' });
    const missing = core.handle('board.rename', { id: 'nope', name: 'x' });
    expect(!missing.ok && missing.error.code).toBe('not_found');
  });

  it('upgrades a row written with an older board version when it is read', () => {
    const { core } = open();
    core.store.db
      .prepare(
        `INSERT INTO boards (id, name_zh, name_en, preset, board_version, body, revision, created_at, updated_at)
         VALUES ('old', 'Old', 'Old', NULL, 1, ?, 1, 0, 0)`,
      )
      .run(JSON.stringify({ version: 1, id: 'old', title: 'Old', cols: 2, rows: 2, panels: [] }));
    expect(value(core.handle('board.get', { id: 'old' })).board).toMatchObject({ version: 2, grid: { columns: 2 } });
  });

  it('keeps the display layout per seat and validates it at the router', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const client = inProcessCore({
      dbFile: path.join(t.dir, 'live.db'),
      seat: 's',
      operator: 'o',
      mode: 'live',
      version: 't',
    });
    cleanups.unshift(() => void client.close());
    const router = createRouter(client, [{ protocol: 'app:', host: 'watchfloor' }]);
    const sender = { fromOurWindow: true, url: 'app://watchfloor/index.html' };
    expect(await router.handle('displays.layout.get', {}, sender)).toEqual({
      ok: true,
      value: { version: 1, console: null, assignments: [], walls: [] },
    });
    const layout = {
      version: 1,
      console: null,
      assignments: [
        { display: { id: '2', bounds: { x: 1920, y: 0, width: 1920, height: 1080 } }, boardId: 'city-overview' },
      ],
      walls: [],
    };
    expect((await router.handle('displays.layout.save', { layout }, sender)).ok).toBe(true);
    expect(await router.handle('displays.layout.get', {}, sender)).toEqual({ ok: true, value: layout });
    const bad = await router.handle('displays.layout.save', { layout: { ...layout, version: 7 } }, sender);
    expect(!bad.ok && bad.error.code).toBe('invalid_request');
    const badId = await router.handle('board.get', { id: '../etc' }, sender);
    expect(!badId.ok && badId.error.code).toBe('invalid_request');
  });

  it('migration 2 applies over a version-1 store that already holds incidents', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = path.join(t.dir, 'live.db');
    const db = new Database(file);
    MIGRATIONS[0].up(db);
    db.pragma('user_version = 1');
    db.close();
    const { core } = open(file);
    expect(core.store.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(value(core.handle('board.list', {}))).toHaveLength(4);
  });
});
