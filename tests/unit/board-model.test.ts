import { describe, expect, it } from 'vitest';
import {
  BOARD_VERSION,
  BoardMigrationError,
  boardSchema,
  migrateBoard,
  PRESET_BOARDS,
  PRESET_KEYS,
  type Board,
} from '../../src/shared/boards';

const v1 = {
  version: 1,
  id: 'legacy-wall',
  title: '老版事件墙',
  cols: 12,
  rows: 6,
  panels: [
    { id: 'a', kind: 'grid', opts: { scope: 'open' }, pos: { x: 0, y: 0, w: 8, h: 6 } },
    { id: 'b', kind: 'ticker', pos: { x: 8, y: 0, w: 4, h: 3 } },
    { id: 'c', kind: 'clock', pos: { x: 8, y: 3, w: 4, h: 3 } },
  ],
};

function reason(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof BoardMigrationError) return `${e.reason}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('board model', () => {
  it('ships four valid presets with zh-CN and English names', () => {
    expect(PRESET_BOARDS.map((b) => b.preset)).toEqual([...PRESET_KEYS]);
    for (const b of PRESET_BOARDS) {
      expect(boardSchema.safeParse(b).success).toBe(true);
      expect(b.name.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(b.name.en).toMatch(/^[A-Za-z &]+$/);
    }
    const types = (key: string): string[] => PRESET_BOARDS.find((b) => b.id === key)!.panels.map((p) => p.type);
    expect(types('city-overview')).toEqual(expect.arrayContaining(['map', 'kpis', 'trend', 'warnings', 'clock']));
    expect(types('incident-wall')).toEqual(expect.arrayContaining(['incidentGrid', 'levelCounts']));
    expect(types('resources')).toEqual(expect.arrayContaining(['map', 'unitStatus', 'depotStock']));
    expect(types('duty-warnings')).toEqual(expect.arrayContaining(['onDuty', 'warnings']));
  });

  it('upgrades a version-1 board to the current version, keeping every panel and position', () => {
    const b = migrateBoard(structuredClone(v1));
    expect(b.version).toBe(BOARD_VERSION);
    expect(b.name).toEqual({ zh: '老版事件墙', en: '老版事件墙' });
    expect(b.grid).toEqual({ columns: 12, rows: 6 });
    expect(b.preset).toBeNull();
    expect(b.panels).toEqual([
      { id: 'a', type: 'incidentGrid', options: { scope: 'open' }, x: 0, y: 0, w: 8, h: 6 },
      { id: 'b', type: 'warnings', options: {}, x: 8, y: 0, w: 4, h: 3 },
      { id: 'c', type: 'clock', options: {}, x: 8, y: 3, w: 4, h: 3 },
    ]);
  });

  it('passes a current board through unchanged', () => {
    const b = PRESET_BOARDS[0];
    expect(migrateBoard(structuredClone(b))).toEqual(b);
  });

  it('refuses boards it cannot read, saying why', () => {
    expect(reason(() => migrateBoard(null))).toMatch(/^not_an_object/);
    expect(reason(() => migrateBoard([]))).toMatch(/^not_an_object/);
    expect(reason(() => migrateBoard({ id: 'x' }))).toMatch(/^no_version/);
    expect(reason(() => migrateBoard({ ...PRESET_BOARDS[0], version: 99 }))).toMatch(
      /^newer_version: board version 99/,
    );
    expect(reason(() => migrateBoard({ ...v1, cols: 'wide' }))).toMatch(/^invalid: board version 1 is malformed: cols/);
  });

  it('refuses overlapping panels, panels outside the grid and duplicate ids', () => {
    const base: Board = structuredClone(PRESET_BOARDS[1]);
    const overlap = structuredClone(base);
    overlap.panels[1] = { ...overlap.panels[1], x: 10 };
    expect(reason(() => migrateBoard(overlap))).toMatch(/panels_overlap:levels/);
    const outside = structuredClone(base);
    outside.panels[0] = { ...outside.panels[0], w: 30 };
    expect(reason(() => migrateBoard(outside))).toMatch(/panel_outside_grid/);
    const dup = structuredClone(base);
    dup.panels[1] = { ...dup.panels[1], id: 'levels' };
    expect(reason(() => migrateBoard(dup))).toMatch(/duplicate_panel_id/);
    const extra = { ...structuredClone(base), owner: 'x' };
    expect(reason(() => migrateBoard(extra))).toMatch(/^invalid/);
  });

  it('keeps panel types it does not know (a newer build may add them) for the renderer to flag', () => {
    const b = structuredClone(PRESET_BOARDS[1]);
    b.panels[1] = { ...b.panels[1], type: 'radarSweep' };
    expect(migrateBoard(b).panels[1].type).toBe('radarSweep');
  });
});
