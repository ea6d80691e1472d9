import { describe, expect, it } from 'vitest';
import {
  assignBoard,
  defineWall,
  gridOf,
  notConnected,
  rectSelection,
  removeWall,
  setConsole,
} from '../../src/renderer/src/boards/display-edits';
import { EMPTY_LAYOUT, planWindows, type DisplayInfo } from '../../src/shared/displays';

const mon = (id: string, x: number, y: number): DisplayInfo => {
  const bounds = { x, y, width: 1920, height: 1080 };
  return { id, bounds, workArea: bounds, scaleFactor: 1, internal: false };
};
// A 3×2 wall above a laptop.
const wall = [0, 1, 2, 3, 4, 5].map((i) => mon(`w${i}`, (i % 3) * 1920, Math.floor(i / 3) * 1080));
const laptop: DisplayInfo = { ...mon('lap', 1920, 2160), internal: true };
const all = [laptop, ...wall];

describe('display layout edits by clicking monitors', () => {
  it('selects the rectangle between two clicked corners, in either order', () => {
    expect(rectSelection(all, wall[0], wall[5]).map((d) => d.id)).toEqual(['w0', 'w1', 'w2', 'w3', 'w4', 'w5']);
    expect(rectSelection(all, wall[4], wall[0]).map((d) => d.id)).toEqual(['w0', 'w1', 'w3', 'w4']);
    expect(rectSelection(all, wall[2], wall[2]).map((d) => d.id)).toEqual(['w2']);
    // The laptop below the middle column is inside a box from w0 down to it.
    expect(rectSelection(all, wall[0], laptop).map((d) => d.id)).toEqual(['lap', 'w0', 'w1', 'w3', 'w4']);
  });

  it('defines a wall that the planner opens as one window, taking its monitors from what they did', () => {
    let l = assignBoard(EMPTY_LAYOUT, wall[1], 'incident-wall');
    l = setConsole(l, wall[4]);
    const { layout, wallId } = defineWall(l, rectSelection(all, wall[5], wall[0]), 'city-overview');
    expect(wallId).toBe('wall-1');
    expect(layout.assignments).toEqual([]);
    expect(layout.console).toBeNull();
    expect(gridOf(layout.walls[0].displays)).toEqual({ rows: 2, cols: 3 });
    const plan = planWindows(all, layout);
    expect(plan.problems).toEqual([]);
    expect(plan.windows.map((w) => `${w.kind}:${w.displayIds.join(',')}`)).toEqual([
      'wall:w0,w1,w2,w3,w4,w5',
      'console:lap',
    ]);
    // A second wall gets the next free id; the first loses the monitors the second takes.
    const second = defineWall(layout, [wall[2], wall[5]], 'resources');
    expect(second.wallId).toBe('wall-2');
    expect(second.layout.walls.map((w) => [w.id, w.displays.map((r) => r.id)])).toEqual([
      ['wall-1', ['w0', 'w1', 'w3', 'w4']],
      ['wall-2', ['w2', 'w5']],
    ]);
    expect(removeWall(second.layout, 'wall-1').walls.map((w) => w.id)).toEqual(['wall-2']);
  });

  it('assigning a board takes a monitor out of its wall; null clears it; a wall left empty goes', () => {
    const { layout } = defineWall(EMPTY_LAYOUT, [wall[0]], 'city-overview');
    const l = assignBoard(layout, wall[0], 'incident-wall');
    expect(l.walls).toEqual([]);
    expect(l.assignments).toEqual([{ display: { id: 'w0', bounds: wall[0].bounds }, boardId: 'incident-wall' }]);
    expect(assignBoard(l, wall[0], null).assignments).toEqual([]);
  });

  it('lists saved monitors not connected, and names one standing in by the same position and size', () => {
    const { layout } = defineWall(EMPTY_LAYOUT, wall, 'city-overview');
    const withBoard = assignBoard(layout, mon('far', 9000, 0), 'incident-wall');
    // w5 unplugged; w2 re-plugged into another port (new id, same place).
    const now = [laptop, ...wall.slice(0, 2), { ...wall[2], id: 'w2-new' }, wall[3], wall[4]];
    const missing = notConnected(withBoard, now);
    expect(missing.map((m) => [m.ref.id, m.role, m.boardId, m.wallId, m.matchedBy?.id ?? null])).toEqual([
      ['far', 'board', 'incident-wall', null, null],
      ['w2', 'wall', 'city-overview', 'wall-1', 'w2-new'],
      ['w5', 'wall', 'city-overview', 'wall-1', null],
    ]);
    // Clicking the stand-in edits the saved entry it stands for.
    expect(assignBoard(withBoard, now[3], null).walls[0].displays.map((r) => r.id)).not.toContain('w2');
  });
});
