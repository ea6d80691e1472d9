import { z } from 'zod';
import type { BoardSummary, StoredBoard } from '../boards';
import { boardNameSchema } from '../boards';
import type { BoardMapData, BoardSources, BoardWarning, KpiExtras } from '../board-data';
import { displayLayoutSchema, type DisplayLayout } from '../displays';

const boardId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id_chars');
const empty = z.object({}).strict();

/**
 * Situation boards: saved board JSON (list, read, save with optimistic
 * concurrency, duplicate, rename, delete), the aggregates the panels need
 * beyond the foundation's KPIs and trend, and the seat's display layout.
 */
export const boardsChannels = {
  'board.list': empty,
  'board.get': z.object({ id: boardId }).strict(),
  /** `board` may be JSON of any known board version; the core migrates and validates it. */
  'board.save': z
    .object({
      board: z.record(z.string(), z.unknown()),
      /** The revision the editor started from; a save over someone else's newer save is refused. Absent = create or overwrite. */
      expectedRevision: z.number().int().min(0).optional(),
    })
    .strict(),
  'board.duplicate': z.object({ id: boardId, name: boardNameSchema.optional() }).strict(),
  'board.rename': z
    .object({
      id: boardId,
      name: z.string().trim().min(1).max(80),
      /** Rename one language only; absent = both get the new name. */
      lang: z.enum(['zh', 'en']).optional(),
    })
    .strict(),
  'board.delete': z.object({ id: boardId }).strict(),
  'board.map': z.object({ maxIncidents: z.number().int().min(0).max(50_000).default(20_000) }).strict(),
  'board.kpiExtras': empty,
  'board.sources': empty,
  'board.warnings': empty,
  'displays.layout.get': empty,
  'displays.layout.save': z.object({ layout: displayLayoutSchema }).strict(),
} as const;

export interface BoardsResponses {
  'board.list': BoardSummary[];
  'board.get': StoredBoard;
  'board.save': StoredBoard;
  'board.duplicate': StoredBoard;
  'board.rename': StoredBoard;
  'board.delete': { id: string };
  'board.map': BoardMapData;
  'board.kpiExtras': KpiExtras;
  'board.sources': BoardSources;
  /** Null when this store has no warnings table. */
  'board.warnings': BoardWarning[] | null;
  'displays.layout.get': DisplayLayout;
  'displays.layout.save': DisplayLayout;
}
