import type { Migration } from './types';

/**
 * Situation boards and the seat's display layout. A board row keeps the
 * board's JSON whole (its own `version` inside, upgraded by `migrateBoard` on
 * read) plus the columns the list needs; `revision` rises on every save so
 * two editors cannot silently overwrite each other.
 */
export const m004Boards: Migration = {
  version: 4,
  name: 'boards',
  up(db) {
    db.exec(`
      CREATE TABLE boards (
        id TEXT PRIMARY KEY,
        name_zh TEXT NOT NULL,
        name_en TEXT NOT NULL,
        preset TEXT,
        board_version INTEGER NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        revision INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX boards_name ON boards (name_zh);

      CREATE TABLE display_layouts (
        seat TEXT PRIMARY KEY,
        body TEXT NOT NULL CHECK (json_valid(body)),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
