import { z } from 'zod';

/**
 * Multi-screen planning: which window goes on which display, as a pure
 * function. The shell feeds it Electron's displays and the saved layout and
 * opens, moves or closes windows to match the plan; everything that can go
 * wrong with real hardware (a missing display, a wall that is not a
 * rectangle, mixed scale factors) is decided here and unit-tested.
 *
 * All rectangles are in Electron's DIP screen coordinates.
 */

export const rectSchema = z
  .object({
    x: z.number().int(),
    y: z.number().int(),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
  })
  .strict();
export type Rect = z.infer<typeof rectSchema>;

/** What the shell knows about a connected display (a subset of Electron's `Display`). */
export interface DisplayInfo {
  id: string;
  bounds: Rect;
  workArea: Rect;
  scaleFactor: number;
  internal: boolean;
  label?: string;
}

/** How a saved layout names a display: its id, and where it was, for when the id changes (re-plug, driver update). */
export const displayRefSchema = z.object({ id: z.string().min(1).max(64), bounds: rectSchema }).strict();
export type DisplayRef = z.infer<typeof displayRefSchema>;

const boardId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const displayLayoutSchema = z
  .object({
    version: z.literal(1),
    /** Display that carries the operator console; absent = the internal display, else the primary-most one. */
    console: displayRefSchema.nullable(),
    assignments: z.array(z.object({ display: displayRefSchema, boardId }).strict()).max(64),
    walls: z
      .array(
        z
          .object({
            id: z
              .string()
              .min(1)
              .max(64)
              .regex(/^[A-Za-z0-9_-]+$/),
            boardId,
            displays: z.array(displayRefSchema).min(1).max(64),
          })
          .strict(),
      )
      .max(16),
  })
  .strict();
export type DisplayLayout = z.infer<typeof displayLayoutSchema>;

export const EMPTY_LAYOUT: DisplayLayout = { version: 1, console: null, assignments: [], walls: [] };

export type WindowKind = 'console' | 'board' | 'wall';

export interface PlannedWindow {
  /** Stable across re-plans while the same thing is shown on the same display(s): the shell keys windows by it. */
  key: string;
  kind: WindowKind;
  bounds: Rect;
  boardId: string | null;
  displayIds: string[];
  /** True when the window covers exactly one display and can use fullscreen/kiosk; a wall spanning several cannot. */
  fullscreen: boolean;
}

export type PlanProblemCode =
  'wall_not_rectangular' | 'wall_mixed_scale' | 'wall_incomplete' | 'display_in_two_walls' | 'display_missing';

export interface PlanProblem {
  code: PlanProblemCode;
  message: string;
  wallId?: string;
  displayId?: string;
}

export interface DisplayPlan {
  windows: PlannedWindow[];
  problems: PlanProblem[];
}

const sameRect = (a: Rect, b: Rect): boolean =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Stable order: top-to-bottom, left-to-right. */
const byPosition = (a: DisplayInfo, b: DisplayInfo): number => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x;

/**
 * Resolve saved display references against what is connected now: first by
 * id, then by exact position and size (ids change when a display is re-plugged
 * into another port; its place in the arrangement usually does not).
 */
export function matchDisplay(
  ref: DisplayRef,
  displays: readonly DisplayInfo[],
  taken: ReadonlySet<string>,
): DisplayInfo | null {
  const byId = displays.find((d) => d.id === ref.id && !taken.has(d.id));
  if (byId) return byId;
  return displays.find((d) => !taken.has(d.id) && sameRect(d.bounds, ref.bounds)) ?? null;
}

export function unionRect(rects: readonly Rect[]): Rect {
  const x = Math.min(...rects.map((r) => r.x));
  const y = Math.min(...rects.map((r) => r.y));
  const right = Math.max(...rects.map((r) => r.x + r.width));
  const bottom = Math.max(...rects.map((r) => r.y + r.height));
  return { x, y, width: right - x, height: bottom - y };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Null if the rectangles tile their bounding box exactly (no gaps, no overlaps); otherwise why not. */
export function wallShapeProblem(rects: readonly Rect[]): string | null {
  for (let i = 0; i < rects.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlaps(rects[i], rects[j])) return 'two of its displays overlap';
    }
  }
  const box = unionRect(rects);
  const area = rects.reduce((s, r) => s + r.width * r.height, 0);
  if (area !== box.width * box.height) {
    return `its displays cover ${area} of the ${box.width * box.height} pixels of their bounding box ${box.width}×${box.height}: not a rectangle`;
  }
  return null;
}

/**
 * Plan the windows for the connected displays and the saved layout.
 * Rules, in order:
 *  1. Each wall whose displays are all connected, tile a rectangle and share
 *     one scale factor gets one frameless window spanning them. A wall with
 *     members missing shows its board on each member still there (the room
 *     keeps a picture), reported as `wall_incomplete`. A wall that is not a
 *     rectangle or mixes scale factors is refused with the reason; its
 *     displays are then free for single assignments.
 *  2. The console goes on the saved console display, else the internal one,
 *     else the first display (top-left first) not used by a wall.
 *  3. Each remaining assigned display gets a board window on its own.
 * Windows are keyed by what they show and where, so a re-plan after a
 * hot-plug keeps every window whose display did not change.
 */
export function planWindows(displays: readonly DisplayInfo[], layout: DisplayLayout): DisplayPlan {
  const windows: PlannedWindow[] = [];
  const problems: PlanProblem[] = [];
  const used = new Set<string>();
  const sorted = [...displays].sort(byPosition);

  for (const wall of layout.walls) {
    const found: DisplayInfo[] = [];
    let missing = 0;
    let clash = false;
    for (const ref of wall.displays) {
      // Match against every display, not just free ones: a display another wall holds is a clash, not an absence.
      const d = matchDisplay(ref, sorted, new Set(found.map((f) => f.id)));
      if (!d) {
        missing += 1;
      } else if (used.has(d.id)) {
        clash = true;
      } else {
        found.push(d);
      }
    }
    if (clash) {
      problems.push({
        code: 'display_in_two_walls',
        wallId: wall.id,
        message: `wall ${wall.id} shares a display with another wall; it was not opened`,
      });
      continue;
    }
    if (found.length === 0) {
      problems.push({
        code: 'wall_incomplete',
        wallId: wall.id,
        message: `no display of wall ${wall.id} is connected`,
      });
      continue;
    }
    if (missing > 0) {
      problems.push({
        code: 'wall_incomplete',
        wallId: wall.id,
        message: `wall ${wall.id}: ${missing} of ${wall.displays.length} displays are not connected; its board is shown on each remaining display`,
      });
      for (const d of found) {
        used.add(d.id);
        windows.push(singleWindow('board', d, wall.boardId));
      }
      continue;
    }
    const shape = wallShapeProblem(found.map((d) => d.bounds));
    if (shape) {
      problems.push({ code: 'wall_not_rectangular', wallId: wall.id, message: `wall ${wall.id} refused: ${shape}` });
      continue;
    }
    if (new Set(found.map((d) => d.scaleFactor)).size > 1) {
      problems.push({
        code: 'wall_mixed_scale',
        wallId: wall.id,
        message: `wall ${wall.id} refused: its displays use different scale factors (${[...new Set(found.map((d) => d.scaleFactor))].join(', ')}); set them all alike`,
      });
      continue;
    }
    found.forEach((d) => used.add(d.id));
    const ids = found.sort(byPosition).map((d) => d.id);
    windows.push({
      key: `wall:${wall.id}`,
      kind: 'wall',
      bounds: unionRect(found.map((d) => d.bounds)),
      boardId: wall.boardId,
      displayIds: ids,
      fullscreen: ids.length === 1,
    });
  }

  const free = sorted.filter((d) => !used.has(d.id));
  const assigned = (d: DisplayInfo): boolean => layout.assignments.some((a) => matchDisplay(a.display, [d], used));
  const consoleDisplay =
    (layout.console ? matchDisplay(layout.console, free, used) : null) ??
    free.find((d) => d.internal && !assigned(d)) ??
    free.find((d) => !assigned(d)) ??
    free.find((d) => d.internal) ??
    free[0] ??
    null;
  if (consoleDisplay) {
    used.add(consoleDisplay.id);
    windows.push({
      key: 'console',
      kind: 'console',
      bounds: consoleDisplay.workArea,
      boardId: null,
      displayIds: [consoleDisplay.id],
      fullscreen: false,
    });
  }

  for (const a of layout.assignments) {
    const d = matchDisplay(a.display, sorted, used);
    if (!d) {
      if (!sorted.some((s) => s.id === a.display.id)) {
        problems.push({
          code: 'display_missing',
          displayId: a.display.id,
          message: `the display for board ${a.boardId} is not connected`,
        });
      }
      continue;
    }
    used.add(d.id);
    windows.push(singleWindow('board', d, a.boardId));
  }
  return { windows, problems };
}

function singleWindow(kind: 'board', d: DisplayInfo, boardId: string): PlannedWindow {
  return {
    key: `${kind}:${d.id}`,
    kind,
    bounds: d.bounds,
    boardId,
    displayIds: [d.id],
    fullscreen: true,
  };
}

export interface PlanDiff {
  open: PlannedWindow[];
  close: string[];
  /** Same key, new bounds or board: move/reload the existing window rather than replace it. */
  update: PlannedWindow[];
  keep: string[];
}

/** What the shell must do to go from one plan to the next, touching as little as possible. */
export function diffPlans(prev: DisplayPlan, next: DisplayPlan): PlanDiff {
  const before = new Map(prev.windows.map((w) => [w.key, w]));
  const after = new Map(next.windows.map((w) => [w.key, w]));
  const diff: PlanDiff = { open: [], close: [], update: [], keep: [] };
  for (const [key, w] of after) {
    const old = before.get(key);
    if (!old) diff.open.push(w);
    else if (!sameRect(old.bounds, w.bounds) || old.boardId !== w.boardId || old.kind !== w.kind) diff.update.push(w);
    else diff.keep.push(key);
  }
  for (const key of before.keys()) if (!after.has(key)) diff.close.push(key);
  return diff;
}

/** The saved reference for a connected display. */
export function refOf(d: DisplayInfo): DisplayRef {
  return { id: d.id, bounds: { ...d.bounds } };
}

/** A connected display as the shell reports it: the planner's view plus what the OS says about it. */
export interface ConnectedDisplayInfo extends DisplayInfo {
  primary: boolean;
  /** Degrees clockwise: 0, 90, 180 or 270. */
  rotation: number;
}

/** What the current plan puts on a display. `none`: nothing (an unassigned display the console did not take). */
export interface DisplayRole {
  kind: WindowKind | 'none';
  boardId: string | null;
  /** Set for `wall`: the wall spanning this display with others. */
  wallId: string | null;
}

export interface ConnectedDisplay extends ConnectedDisplayInfo {
  shows: DisplayRole;
}

/** The answer to `displays.connected` and the payload of the `displays.changed` push. */
export interface ConnectedDisplays {
  displays: ConnectedDisplay[];
  problems: PlanProblem[];
}

/** Each connected display with what `plan` shows on it, top-left first. */
export function describeConnected(displays: readonly ConnectedDisplayInfo[], plan: DisplayPlan): ConnectedDisplays {
  const roleOf = new Map<string, DisplayRole>();
  for (const w of plan.windows) {
    const wallId = w.kind === 'wall' && w.key.startsWith('wall:') ? w.key.slice('wall:'.length) : null;
    for (const id of w.displayIds) roleOf.set(id, { kind: w.kind, boardId: w.boardId, wallId });
  }
  const sorted = [...displays].sort(byPosition);
  return {
    displays: sorted.map((d) => ({
      ...d,
      bounds: { ...d.bounds },
      workArea: { ...d.workArea },
      shows: roleOf.get(d.id) ?? { kind: 'none', boardId: null, wallId: null },
    })),
    problems: plan.problems.map((p) => ({ ...p })),
  };
}
