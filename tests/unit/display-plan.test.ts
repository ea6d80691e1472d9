import { describe, expect, it } from 'vitest';
import {
  diffPlans,
  displayLayoutSchema,
  EMPTY_LAYOUT,
  planWindows,
  refOf,
  type DisplayInfo,
  type DisplayLayout,
  type Rect,
} from '../../src/shared/displays';

const rect = (x: number, y: number, width = 1920, height = 1080): Rect => ({ x, y, width, height });
function display(id: string, bounds: Rect, opts: Partial<DisplayInfo> = {}): DisplayInfo {
  return {
    id,
    bounds,
    workArea: { ...bounds, height: bounds.height - 40 },
    scaleFactor: 1,
    internal: false,
    ...opts,
  };
}
const layout = (l: Partial<DisplayLayout>): DisplayLayout => displayLayoutSchema.parse({ ...EMPTY_LAYOUT, ...l });
const summary = (ws: ReturnType<typeof planWindows>['windows']): string[] =>
  ws.map(
    (w) => `${w.key} ${w.kind} ${w.boardId ?? '-'} ${w.bounds.x},${w.bounds.y} ${w.bounds.width}x${w.bounds.height}`,
  );

// Fixtures -----------------------------------------------------------------------------------
const laptop = [display('1', rect(0, 0, 1440, 900), { internal: true, scaleFactor: 2 })];
const desk = [display('10', rect(-1920, 0)), display('11', rect(0, 0)), display('12', rect(1920, 0))];
/** A 3×2 wall of 1920×1080 above a two-monitor desk. */
const wallIds = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
const wallDisplays = wallIds.map((id, i) => display(id, rect((i % 3) * 1920, -2160 + Math.floor(i / 3) * 1080)));
const wallPlusDesk = [...wallDisplays, display('d1', rect(0, 0)), display('d2', rect(1920, 0))];

describe('display planning', () => {
  it('single laptop: the console on the work area, nothing else', () => {
    const plan = planWindows(laptop, EMPTY_LAYOUT);
    expect(summary(plan.windows)).toEqual(['console console - 0,0 1440x860']);
    expect(plan.problems).toEqual([]);
  });

  it('single laptop with a board assigned to it: the console still wins the only display', () => {
    const plan = planWindows(
      laptop,
      layout({ assignments: [{ display: refOf(laptop[0]), boardId: 'city-overview' }] }),
    );
    expect(plan.windows.map((w) => w.kind)).toEqual(['console']);
  });

  it('3-monitor desk: boards on the sides, the console on the unassigned middle', () => {
    const l = layout({
      assignments: [
        { display: refOf(desk[0]), boardId: 'city-overview' },
        { display: refOf(desk[2]), boardId: 'incident-wall' },
      ],
    });
    const plan = planWindows(desk, l);
    expect(summary(plan.windows)).toEqual([
      'console console - 0,0 1920x1040',
      'board:10 board city-overview -1920,0 1920x1080',
      'board:12 board incident-wall 1920,0 1920x1080',
    ]);
    expect(plan.windows.filter((w) => w.kind === 'board').every((w) => w.fullscreen)).toBe(true);
  });

  it('3×2 wall plus desk: one frameless window spanning 5760×2160, console and a board on the desk', () => {
    const l = layout({
      console: refOf(wallPlusDesk[6]),
      assignments: [{ display: refOf(wallPlusDesk[7]), boardId: 'resources' }],
      walls: [{ id: 'main-wall', boardId: 'city-overview', displays: wallDisplays.map(refOf) }],
    });
    const plan = planWindows(wallPlusDesk, l);
    expect(plan.problems).toEqual([]);
    expect(summary(plan.windows)).toEqual([
      'wall:main-wall wall city-overview 0,-2160 5760x2160',
      'console console - 0,0 1920x1040',
      'board:d2 board resources 1920,0 1920x1080',
    ]);
    const wall = plan.windows[0];
    expect(wall.displayIds).toEqual(wallIds);
    expect(wall.fullscreen).toBe(false);
  });

  it('matches a display whose id changed by its position and size', () => {
    const l = layout({ assignments: [{ display: refOf(desk[2]), boardId: 'incident-wall' }] });
    const replugged = [desk[0], desk[1], { ...desk[2], id: '99' }];
    const plan = planWindows(replugged, l);
    expect(plan.windows.find((w) => w.kind === 'board')).toMatchObject({ key: 'board:99', boardId: 'incident-wall' });
    // A display with another id at another place is not the saved one.
    const moved = [desk[0], desk[1], display('98', rect(3840, 0))];
    const none = planWindows(moved, l);
    expect(none.windows.some((w) => w.kind === 'board')).toBe(false);
    expect(none.problems).toEqual([
      { code: 'display_missing', displayId: '12', message: 'the display for board incident-wall is not connected' },
    ]);
  });

  it('hot-plug: adding a display opens one window and leaves the others alone; removing closes only its own', () => {
    const l = layout({
      assignments: [
        { display: refOf(desk[0]), boardId: 'city-overview' },
        { display: refOf(desk[2]), boardId: 'incident-wall' },
      ],
    });
    const twoOnly = planWindows([desk[0], desk[1]], l);
    const three = planWindows(desk, l);
    const added = diffPlans(twoOnly, three);
    expect(added.open.map((w) => w.key)).toEqual(['board:12']);
    expect(added.close).toEqual([]);
    expect(added.update).toEqual([]);
    expect(added.keep.sort()).toEqual(['board:10', 'console']);
    const removed = diffPlans(three, twoOnly);
    expect(removed).toMatchObject({ open: [], close: ['board:12'], update: [] });
  });

  it('hot-plug: unplugging the console display moves the console rather than closing it', () => {
    const l = layout({ assignments: [{ display: refOf(desk[0]), boardId: 'city-overview' }] });
    const before = planWindows(desk, l);
    expect(before.windows.find((w) => w.key === 'console')?.displayIds).toEqual(['11']);
    const after = planWindows([desk[0], desk[2]], l);
    const d = diffPlans(before, after);
    expect(d.close).toEqual([]);
    expect(d.update.map((w) => `${w.key} ${w.displayIds.join()}`)).toEqual(['console 12']);
    expect(d.keep).toEqual(['board:10']);
  });

  it('hot-plug: a wall losing a display keeps showing its board on the rest, and recovers when it returns', () => {
    const l = layout({ walls: [{ id: 'w', boardId: 'city-overview', displays: wallDisplays.map(refOf) }] });
    const full = planWindows(wallPlusDesk, l);
    const degraded = planWindows(
      wallPlusDesk.filter((d) => d.id !== 'w5'),
      l,
    );
    expect(degraded.problems.map((p) => p.code)).toEqual(['wall_incomplete']);
    expect(degraded.problems[0].message).toMatch(/1 of 6 displays are not connected/);
    expect(degraded.windows.filter((w) => w.kind === 'board').map((w) => w.key)).toEqual([
      'board:w1',
      'board:w2',
      'board:w3',
      'board:w4',
      'board:w6',
    ]);
    const back = diffPlans(degraded, full);
    expect(back.open.map((w) => w.key)).toEqual(['wall:w']);
    expect(back.close.sort()).toEqual(['board:w1', 'board:w2', 'board:w3', 'board:w4', 'board:w6']);
    expect(back.keep).toEqual(['console']);
  });

  it('refuses a non-rectangular wall with the reason and leaves its displays free', () => {
    // An L: three across the top, one below the left end.
    const l4 = [wallDisplays[0], wallDisplays[1], wallDisplays[2], wallDisplays[3]];
    const l = layout({
      walls: [{ id: 'ell', boardId: 'city-overview', displays: l4.map(refOf) }],
      assignments: [{ display: refOf(wallDisplays[1]), boardId: 'incident-wall' }],
    });
    const plan = planWindows(wallPlusDesk, l);
    expect(plan.problems).toEqual([
      {
        code: 'wall_not_rectangular',
        wallId: 'ell',
        message:
          'wall ell refused: its displays cover 8294400 of the 12441600 pixels of their bounding box 5760×2160: not a rectangle',
      },
    ]);
    expect(plan.windows.some((w) => w.kind === 'wall')).toBe(false);
    expect(plan.windows.find((w) => w.kind === 'board')).toMatchObject({ key: 'board:w2', boardId: 'incident-wall' });
  });

  it('refuses a wall mixing scale factors, and one sharing a display with another wall', () => {
    const mixed = wallDisplays.map((d, i) => (i === 4 ? { ...d, scaleFactor: 1.5 } : d));
    const l = layout({ walls: [{ id: 'm', boardId: 'city-overview', displays: wallDisplays.map(refOf) }] });
    expect(planWindows(mixed, l).problems.map((p) => p.code)).toEqual(['wall_mixed_scale']);
    const two = layout({
      walls: [
        { id: 'a', boardId: 'city-overview', displays: wallDisplays.slice(0, 3).map(refOf) },
        { id: 'b', boardId: 'incident-wall', displays: wallDisplays.slice(2, 4).map(refOf) },
      ],
    });
    const plan = planWindows(wallPlusDesk, two);
    expect(plan.windows.filter((w) => w.kind === 'wall').map((w) => w.key)).toEqual(['wall:a']);
    expect(plan.problems.map((p) => `${p.code} ${p.wallId}`)).toEqual(['display_in_two_walls b']);
  });
});

describe('display planning invariants (property-based)', () => {
  it('never puts two windows on one display, always has a console when a display exists, keys are unique', async () => {
    const fc = await import('fast-check');
    const grid = fc.uniqueArray(fc.tuple(fc.integer({ min: -2, max: 3 }), fc.integer({ min: -2, max: 2 })), {
      minLength: 0,
      maxLength: 9,
      selector: ([x, y]) => `${x},${y}`,
    });
    fc.assert(
      fc.property(
        grid,
        fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
        fc.integer({ min: 0, max: 9 }),
        (cells, assign, wallSize) => {
          const ds = cells.map(([x, y], i) => display(String(i), rect(x * 1920, y * 1080)));
          const l = layout({
            assignments: ds.filter((_, i) => assign[i]).map((d) => ({ display: refOf(d), boardId: 'b' })),
            walls:
              wallSize > 0 && ds.length > 0
                ? [{ id: 'w', boardId: 'c', displays: ds.slice(0, wallSize).map(refOf) }]
                : [],
          });
          const plan = planWindows(ds, l);
          const ids = plan.windows.flatMap((w) => w.displayIds);
          expect(new Set(ids).size).toBe(ids.length);
          expect(new Set(plan.windows.map((w) => w.key)).size).toBe(plan.windows.length);
          const hasConsole = plan.windows.some((w) => w.kind === 'console');
          const allInWall = plan.windows.some((w) => w.kind === 'wall' && w.displayIds.length === ds.length);
          expect(hasConsole || ds.length === 0 || allInWall).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
