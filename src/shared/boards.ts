import { z } from 'zod';

/**
 * A situation board is saved JSON (after Grafana): a grid and panels, each
 * with a type, options and a position. The JSON carries its own `version`, so
 * a board saved by an older Watchfloor (or imported from a file) is upgraded
 * by `migrateBoard` step by step rather than refused or misread.
 */
export const BOARD_VERSION = 2;

/** Panel types this build knows. Stored boards may name others (newer builds); the renderer shows those as an error box. */
export const PANEL_TYPES = [
  'map',
  'kpis',
  'levelCounts',
  'trend',
  'incidentGrid',
  'warnings',
  'clock',
  'onDuty',
  'feedHealth',
  'unitStatus',
  'depotStock',
] as const;
export type PanelType = (typeof PANEL_TYPES)[number];

export const PRESET_KEYS = ['city-overview', 'incident-wall', 'resources', 'duty-warnings'] as const;
export type PresetKey = (typeof PRESET_KEYS)[number];

export const BOARD_LIMITS = { maxPanels: 64, maxColumns: 96, maxRows: 64, maxOptionsBytes: 16 * 1024 } as const;

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id_chars');
const nameText = z.string().trim().min(1).max(80);

export const boardNameSchema = z.object({ zh: nameText, en: nameText }).strict();
export type BoardName = z.infer<typeof boardNameSchema>;

export const panelSchema = z
  .object({
    id: idSchema,
    type: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z][A-Za-z0-9]*$/, 'panel_type'),
    options: z
      .record(z.string(), z.unknown())
      .refine((o) => JSON.stringify(o).length <= BOARD_LIMITS.maxOptionsBytes, 'options_too_large'),
    x: z.number().int().min(0),
    y: z.number().int().min(0),
    w: z.number().int().min(1),
    h: z.number().int().min(1),
  })
  .strict();
export type Panel = z.infer<typeof panelSchema>;

export const gridSchema = z
  .object({
    columns: z.number().int().min(1).max(BOARD_LIMITS.maxColumns),
    rows: z.number().int().min(1).max(BOARD_LIMITS.maxRows),
  })
  .strict();

/** Panels inside the grid, unique ids, no two overlapping: what the editor and the wall both rely on. */
function checkLayout(b: { grid: { columns: number; rows: number }; panels: Panel[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  b.panels.forEach((p, i) => {
    if (seen.has(p.id)) ctx.addIssue({ code: 'custom', message: 'duplicate_panel_id', path: ['panels', i, 'id'] });
    seen.add(p.id);
    if (p.x + p.w > b.grid.columns || p.y + p.h > b.grid.rows) {
      ctx.addIssue({ code: 'custom', message: 'panel_outside_grid', path: ['panels', i] });
    }
    for (let j = 0; j < i; j++) {
      const q = b.panels[j];
      if (p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h) {
        ctx.addIssue({ code: 'custom', message: `panels_overlap:${q.id}`, path: ['panels', i] });
      }
    }
  });
}

export const boardSchema = z
  .object({
    version: z.literal(BOARD_VERSION),
    id: idSchema,
    name: boardNameSchema,
    preset: z.enum(PRESET_KEYS).nullable(),
    grid: gridSchema,
    panels: z.array(panelSchema).max(BOARD_LIMITS.maxPanels),
  })
  .strict()
  .superRefine(checkLayout);
export type Board = z.infer<typeof boardSchema>;

/** What board.list returns: enough for pickers without shipping every panel. */
export interface BoardSummary {
  id: string;
  name: BoardName;
  preset: PresetKey | null;
  panelCount: number;
  revision: number;
  updatedAt: number;
}

/** A stored board with its store bookkeeping. */
export interface StoredBoard {
  board: Board;
  revision: number;
  updatedAt: number;
}

// ---- Migrations of the board JSON itself -------------------------------------------------

/** Version 1 (Watchfloor 0.0.x prototypes): one title string, `kind`/`opts`, positions nested in `pos`. */
const boardV1Schema = z.object({
  version: z.literal(1),
  id: idSchema,
  title: nameText,
  cols: z.number().int().min(1).max(BOARD_LIMITS.maxColumns),
  rows: z.number().int().min(1).max(BOARD_LIMITS.maxRows),
  panels: z
    .array(
      z.object({
        id: idSchema,
        kind: z.string().min(1).max(40),
        opts: z.record(z.string(), z.unknown()).optional(),
        pos: z.object({ x: z.number().int(), y: z.number().int(), w: z.number().int(), h: z.number().int() }),
      }),
    )
    .max(BOARD_LIMITS.maxPanels),
});

/** v1 panel kinds that were renamed. */
const V1_KIND_RENAMES: Record<string, PanelType> = { ticker: 'warnings', grid: 'incidentGrid', kpi: 'kpis' };

/** One step per version: step[n] turns a version-n board into version n+1. */
const STEPS: Record<number, (json: unknown) => unknown> = {
  1: (json) => {
    const v1 = boardV1Schema.parse(json);
    return {
      version: 2,
      id: v1.id,
      name: { zh: v1.title, en: v1.title },
      preset: null,
      grid: { columns: v1.cols, rows: v1.rows },
      panels: v1.panels.map((p) => ({
        id: p.id,
        type: V1_KIND_RENAMES[p.kind] ?? p.kind,
        options: p.opts ?? {},
        ...p.pos,
      })),
    };
  },
};

export class BoardMigrationError extends Error {
  constructor(
    readonly reason: 'not_an_object' | 'no_version' | 'newer_version' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'BoardMigrationError';
  }
}

/**
 * Upgrade board JSON of any known version to the current one and validate it.
 * Throws BoardMigrationError saying why when it cannot: a board from a newer
 * Watchfloor is refused (it would lose what this build does not understand).
 */
export function migrateBoard(json: unknown): Board {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new BoardMigrationError('not_an_object', 'board JSON must be an object');
  }
  let current: unknown = json;
  let version = (json as { version?: unknown }).version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BoardMigrationError('no_version', 'board JSON has no valid "version" field');
  }
  if (version > BOARD_VERSION) {
    throw new BoardMigrationError(
      'newer_version',
      `board version ${version} comes from a newer Watchfloor (this one reads up to ${BOARD_VERSION})`,
    );
  }
  try {
    while (version < BOARD_VERSION) {
      const step = STEPS[version];
      if (!step) throw new BoardMigrationError('invalid', `no migration from board version ${version}`);
      current = step(current);
      version += 1;
    }
  } catch (err) {
    if (err instanceof BoardMigrationError) throw err;
    throw new BoardMigrationError('invalid', `board version ${version} is malformed: ${describe(err)}`);
  }
  const parsed = boardSchema.safeParse(current);
  if (!parsed.success) throw new BoardMigrationError('invalid', `board is not valid: ${describe(parsed.error)}`);
  return parsed.data;
}

function describe(err: unknown): string {
  if (err instanceof z.ZodError) {
    return err.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
  }
  return err instanceof Error ? err.message : String(err);
}

// ---- Presets ---------------------------------------------------------------------------------

const GRID = { columns: 24, rows: 12 } as const;

function preset(key: PresetKey, name: BoardName, panels: Panel[]): Board {
  return { version: BOARD_VERSION, id: key, name, preset: key, grid: { ...GRID }, panels };
}

const p = (id: string, type: PanelType, x: number, y: number, w: number, h: number, options = {}): Panel => ({
  id,
  type,
  options,
  x,
  y,
  w,
  h,
});

/** The four boards every seat starts with; seeded once into a new store. */
export const PRESET_BOARDS: readonly Board[] = [
  preset('city-overview', { zh: '城市总览', en: 'City overview' }, [
    p('kpis', 'kpis', 0, 0, 18, 2),
    p('clock', 'clock', 18, 0, 6, 2),
    p('map', 'map', 0, 2, 14, 8, { layers: ['districts', 'incidents', 'warnings'] }),
    p('trend', 'trend', 14, 2, 10, 8, { hours: 24 }),
    p('ticker', 'warnings', 0, 10, 24, 2, { mode: 'ticker' }),
  ]),
  preset('incident-wall', { zh: '事件墙', en: 'Incident wall' }, [
    p('levels', 'levelCounts', 0, 0, 18, 2),
    p('clock', 'clock', 18, 0, 6, 2),
    p('grid', 'incidentGrid', 0, 2, 24, 10, { scope: 'open' }),
  ]),
  // Three rows for the status tiles (two left their figures too small to read across the room);
  // ten columns for depot stock so an alert line fits its item, depot and quantity at wall size.
  preset('resources', { zh: '应急资源', en: 'Resources' }, [
    p('status', 'unitStatus', 0, 0, 18, 3),
    p('clock', 'clock', 18, 0, 6, 3),
    p('map', 'map', 0, 3, 14, 9, { layers: ['districts', 'units'] }),
    p('stock', 'depotStock', 14, 3, 10, 9, { horizonDays: 30 }),
  ]),
  preset('duty-warnings', { zh: '值班与预警', en: 'Duty & warnings' }, [
    p('duty', 'onDuty', 0, 0, 12, 7),
    p('clock', 'clock', 12, 0, 12, 2),
    p('warnings', 'warnings', 12, 2, 12, 8, { mode: 'list' }),
    p('feeds', 'feedHealth', 0, 7, 12, 3),
    p('ticker', 'warnings', 0, 10, 24, 2, { mode: 'ticker' }),
  ]),
];
