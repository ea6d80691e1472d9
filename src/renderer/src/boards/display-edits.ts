import {
  refOf,
  unionRect,
  type DisplayInfo,
  type DisplayLayout,
  type DisplayRef,
  type Rect,
} from '../../../shared/displays';

/**
 * Edits to a display layout made by clicking the drawn monitors, as pure
 * functions (unit-tested). A saved reference "is" a connected display when the
 * ids match or, like the shell's planner, when it sits at exactly the same
 * position and size (ids change when a monitor is re-plugged into another port).
 */

const sameRect = (a: Rect, b: Rect): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

export function refersTo(ref: DisplayRef, d: DisplayInfo): boolean {
  return ref.id === d.id || sameRect(ref.bounds, d.bounds);
}

/** Take displays out of every wall, assignment and the console slot; walls left empty go. */
function release(layout: DisplayLayout, ds: readonly DisplayInfo[], keepConsole = false): DisplayLayout {
  const hit = (r: DisplayRef): boolean => ds.some((d) => refersTo(r, d));
  return {
    ...layout,
    console: !keepConsole && layout.console && hit(layout.console) ? null : layout.console,
    assignments: layout.assignments.filter((a) => !hit(a.display)),
    walls: layout.walls
      .map((w) => ({ ...w, displays: w.displays.filter((r) => !hit(r)) }))
      .filter((w) => w.displays.length > 0),
  };
}

/** Show `boardId` on the display alone (taking it out of any wall); null clears it. */
export function assignBoard(layout: DisplayLayout, d: DisplayInfo, boardId: string | null): DisplayLayout {
  const freed = release(layout, [d]);
  return boardId ? { ...freed, assignments: [...freed.assignments, { display: refOf(d), boardId }] } : freed;
}

/** The console goes on this display (which then carries no board). */
export function setConsole(layout: DisplayLayout, d: DisplayInfo): DisplayLayout {
  return { ...release(layout, [d]), console: refOf(d) };
}

/** Every display lying wholly inside the box spanned by two clicked displays: a rectangular selection. */
export function rectSelection(displays: readonly DisplayInfo[], a: DisplayInfo, b: DisplayInfo): DisplayInfo[] {
  const box = unionRect([a.bounds, b.bounds]);
  return displays.filter(
    (d) =>
      d.bounds.x >= box.x &&
      d.bounds.y >= box.y &&
      d.bounds.x + d.bounds.width <= box.x + box.width &&
      d.bounds.y + d.bounds.height <= box.y + box.height,
  );
}

/** A new wall over `members` showing `boardId`; the members leave whatever they did before. */
export function defineWall(
  layout: DisplayLayout,
  members: readonly DisplayInfo[],
  boardId: string,
): { layout: DisplayLayout; wallId: string } {
  const freed = release(layout, members);
  let n = 1;
  while (freed.walls.some((w) => w.id === `wall-${n}`)) n += 1;
  const wallId = `wall-${n}`;
  const sorted = [...members].sort((p, q) => p.bounds.y - q.bounds.y || p.bounds.x - q.bounds.x);
  return {
    layout: { ...freed, walls: [...freed.walls, { id: wallId, boardId, displays: sorted.map(refOf) }] },
    wallId,
  };
}

export function removeWall(layout: DisplayLayout, wallId: string): DisplayLayout {
  return { ...layout, walls: layout.walls.filter((w) => w.id !== wallId) };
}

export function setWallBoard(layout: DisplayLayout, wallId: string, boardId: string): DisplayLayout {
  return { ...layout, walls: layout.walls.map((w) => (w.id === wallId ? { ...w, boardId } : w)) };
}

/** A display the saved layout names that is not connected by its id. */
export interface SavedElsewhere {
  ref: DisplayRef;
  role: 'console' | 'board' | 'wall';
  boardId: string | null;
  wallId: string | null;
  /** The connected display standing in for it by identical position and size, if any. */
  matchedBy: DisplayInfo | null;
}

/** Saved displays whose id is not among the connected ones; kept in the layout, matched by position when one fits. */
export function notConnected(layout: DisplayLayout, connected: readonly DisplayInfo[]): SavedElsewhere[] {
  const out: SavedElsewhere[] = [];
  const add = (ref: DisplayRef, role: SavedElsewhere['role'], boardId: string | null, wallId: string | null): void => {
    if (connected.some((d) => d.id === ref.id) || out.some((o) => o.ref.id === ref.id)) return;
    out.push({ ref, role, boardId, wallId, matchedBy: connected.find((d) => sameRect(d.bounds, ref.bounds)) ?? null });
  };
  if (layout.console) add(layout.console, 'console', null, null);
  for (const a of layout.assignments) add(a.display, 'board', a.boardId, null);
  for (const w of layout.walls) for (const r of w.displays) add(r, 'wall', w.boardId, w.id);
  return out;
}

/** Rows × columns of a wall's displays (distinct y and x positions), for its label. */
export function gridOf(refs: readonly DisplayRef[]): { rows: number; cols: number } {
  return { rows: new Set(refs.map((r) => r.bounds.y)).size, cols: new Set(refs.map((r) => r.bounds.x)).size };
}
