import type { Database as Db, Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import {
  BoardMigrationError,
  migrateBoard,
  PRESET_BOARDS,
  PRESET_KEYS,
  type Board,
  type BoardName,
  type BoardSummary,
  type PresetKey,
  type StoredBoard,
} from '../../../shared/boards';
import { displayLayoutSchema, EMPTY_LAYOUT, type DisplayLayout } from '../../../shared/displays';
import { CoreError } from '../../../shared/result';
import type { ChangeLog } from '../store/changes';

interface BoardRow {
  id: string;
  body: string;
  revision: number;
  updated_at: number;
}

/** Presets first, in their canonical order; then the seat's own boards, oldest first. */
const PRESET_ORDER = `CASE preset ${PRESET_KEYS.map((k, i) => `WHEN '${k}' THEN ${i}`).join(' ')} ELSE ${PRESET_KEYS.length} END`;
const SEEDED_KEY = 'boards.presets_seeded';
const MAX_NAME = 80;

/**
 * Saved boards. Every write bumps the row's revision and records a `board`
 * change in the same transaction, so other windows showing the board reload
 * it. Board JSON is migrated on the way in (save, import) and on the way out
 * (a row written by an older build), so callers only ever see the current version.
 */
export class BoardStore {
  private readonly listRows: Statement<[]>;
  private readonly byId: Statement<[string]>;
  private readonly insert: Statement;
  private readonly update: Statement;
  private readonly remove: Statement<[string]>;
  private readonly metaGet: Statement<[string]>;
  private readonly metaSet: Statement<[string, string]>;
  private readonly layoutGet: Statement<[string]>;
  private readonly layoutSet: Statement<[string, string, number]>;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
    private readonly seat: string,
  ) {
    // The list reads columns, not bodies: one unreadable board must not hide the others.
    this.listRows = db.prepare(
      `SELECT id, name_zh AS zh, name_en AS en, preset, revision, updated_at AS updatedAt,
         coalesce(json_array_length(body, '$.panels'), 0) AS panelCount
       FROM boards ORDER BY ${PRESET_ORDER}, created_at, id`,
    );
    this.byId = db.prepare('SELECT id, body, revision, updated_at FROM boards WHERE id = ?');
    this.insert =
      db.prepare(`INSERT INTO boards (id, name_zh, name_en, preset, board_version, body, revision, created_at, updated_at)
      VALUES (@id, @nameZh, @nameEn, @preset, @version, @body, 1, @at, @at)`);
    this.update = db.prepare(`UPDATE boards SET name_zh = @nameZh, name_en = @nameEn, preset = @preset,
      board_version = @version, body = @body, revision = revision + 1, updated_at = @at WHERE id = @id`);
    this.remove = db.prepare('DELETE FROM boards WHERE id = ?');
    this.metaGet = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.metaSet = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.layoutGet = db.prepare('SELECT body FROM display_layouts WHERE seat = ?');
    this.layoutSet = db.prepare(
      `INSERT INTO display_layouts (seat, body, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (seat) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    );
  }

  /**
   * Put the four presets into a new store, once: a seat that deletes or edits
   * a preset keeps its choice, because the flag (not the rows) says "seeded".
   */
  seedPresets(): void {
    this.db.transaction(() => {
      if (this.metaGet.get(SEEDED_KEY)) return;
      for (const b of PRESET_BOARDS) {
        // No change records: this runs while the core opens, before any window
        // exists to follow the log, and windows list boards when they start.
        if (!this.byId.get(b.id)) this.write(b, null, false);
      }
      this.metaSet.run(SEEDED_KEY, String(this.now()));
    })();
  }

  list(): BoardSummary[] {
    type Row = Omit<BoardSummary, 'name'> & { zh: string; en: string };
    return (this.listRows.all() as Row[]).map(({ zh, en, ...r }) => ({ ...r, name: { zh, en } }));
  }

  get(id: string): StoredBoard {
    const row = this.byId.get(id) as BoardRow | undefined;
    if (!row)
      throw new CoreError('not_found', `Board ${id} does not exist (it may have been deleted). Choose another board.`);
    return this.decode(row);
  }

  /** Create or replace a board from JSON of any known board version. */
  save(json: unknown, expectedRevision?: number): StoredBoard {
    const board = this.parse(json);
    return this.db.transaction((): StoredBoard => {
      const existing = this.byId.get(board.id) as BoardRow | undefined;
      if (expectedRevision !== undefined) {
        if (!existing) {
          throw new CoreError(
            'conflict',
            `Board ${board.id} was deleted while you edited it. Save it as a copy instead.`,
          );
        }
        if (existing.revision !== expectedRevision) {
          throw new CoreError(
            'conflict',
            `Board "${board.name.zh}" was changed elsewhere (revision ${existing.revision}, you edited ${expectedRevision}). Reload it and make your change again.`,
          );
        }
      }
      this.write(board, existing ?? null);
      return this.get(board.id);
    })();
  }

  duplicate(id: string, name?: BoardName): StoredBoard {
    return this.db.transaction((): StoredBoard => {
      const src = this.get(id).board;
      const copy: Board = {
        ...structuredClone(src),
        id: uuidv7(),
        preset: null,
        name: name ?? {
          zh: `${src.name.zh} 副本`.slice(0, MAX_NAME),
          en: `${src.name.en} (copy)`.slice(0, MAX_NAME),
        },
      };
      this.write(copy, null);
      return this.get(copy.id);
    })();
  }

  rename(id: string, name: string, lang?: 'zh' | 'en'): StoredBoard {
    return this.db.transaction((): StoredBoard => {
      const current = this.get(id);
      const next: BoardName = lang ? { ...current.board.name, [lang]: name } : { zh: name, en: name };
      this.write({ ...current.board, name: next }, this.byId.get(id) as BoardRow);
      return this.get(id);
    })();
  }

  delete(id: string): { id: string } {
    return this.db.transaction(() => {
      if (this.remove.run(id).changes === 0) {
        throw new CoreError('not_found', `Board ${id} does not exist; nothing was deleted.`);
      }
      this.changes.record('board', id, 'delete');
      return { id };
    })();
  }

  layout(): DisplayLayout {
    const row = this.layoutGet.get(this.seat) as { body: string } | undefined;
    if (!row) return structuredClone(EMPTY_LAYOUT);
    const parsed = displayLayoutSchema.safeParse(JSON.parse(row.body));
    // A layout this build cannot read is not fatal: the console still opens and the officer reassigns.
    return parsed.success ? parsed.data : structuredClone(EMPTY_LAYOUT);
  }

  saveLayout(layout: DisplayLayout): DisplayLayout {
    return this.db.transaction(() => {
      this.layoutSet.run(this.seat, JSON.stringify(layout), this.now());
      this.changes.record('display_layout', this.seat, 'update');
      return layout;
    })();
  }

  private parse(json: unknown): Board {
    try {
      return migrateBoard(json);
    } catch (err) {
      if (err instanceof BoardMigrationError) {
        throw new CoreError('invalid_request', `The board was not saved: ${err.message}. Nothing was changed.`);
      }
      throw err;
    }
  }

  private write(board: Board, existing: BoardRow | null, record = true): void {
    const params = {
      id: board.id,
      nameZh: board.name.zh,
      nameEn: board.name.en,
      preset: board.preset satisfies PresetKey | null,
      version: board.version,
      body: JSON.stringify(board),
      at: this.now(),
    };
    if (existing) this.update.run(params);
    else this.insert.run(params);
    if (record) this.changes.record('board', board.id, existing ? 'update' : 'insert');
  }

  private decode(row: BoardRow): StoredBoard {
    let board: Board;
    try {
      board = migrateBoard(JSON.parse(row.body));
    } catch (err) {
      throw new CoreError(
        'internal',
        `Board ${row.id} in the store cannot be read (${err instanceof Error ? err.message : String(err)}). Delete it or restore a backup.`,
      );
    }
    return { board, revision: row.revision, updatedAt: row.updated_at };
  }
}
