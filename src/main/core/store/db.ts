import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { MIGRATIONS } from './migrations/index';

export type StoreOpenErrorKind = 'newer_version' | 'corrupt' | 'unreadable' | 'not_durable';

/** Why a store could not be opened. The file is never touched when this is thrown. */
export class StoreOpenError extends Error {
  constructor(
    readonly kind: StoreOpenErrorKind,
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}

export interface OpenOptions {
  file: string;
  /** Path to a better-sqlite3 addon built for the running ABI (Electron); Node uses its own. */
  nativeBinding?: string;
  /** Open an existing store read-only: any write fails outright. */
  readonly?: boolean;
}

export interface Store {
  readonly db: Db;
  readonly file: string;
  readonly schemaVersion: number;
  close(): void;
}

export const SCHEMA_VERSION = MIGRATIONS.length;

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB']);

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

function driverOptions(opts: OpenOptions, readonly: boolean): Database.Options {
  return {
    readonly,
    fileMustExist: readonly,
    ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}),
  };
}

/**
 * Look at an existing file read-only before opening it for writing, so a
 * corrupt store or one written by a newer Watchfloor is refused without a
 * single byte of it (or its WAL header) being changed.
 */
function inspectExisting(opts: OpenOptions): number {
  let probe: Db | undefined;
  try {
    probe = new Database(opts.file, driverOptions(opts, true));
    const version = probe.pragma('user_version', { simple: true }) as number;
    probe.prepare('SELECT count(*) FROM sqlite_schema').get();
    return version;
  } catch (err) {
    if (CORRUPT_CODES.has(sqliteCode(err))) {
      throw new StoreOpenError(
        'corrupt',
        opts.file,
        `The store ${opts.file} is damaged (${(err as Error).message}). It has been left as it is; restore a backup or move it aside.`,
      );
    }
    throw new StoreOpenError(
      'unreadable',
      opts.file,
      `The store ${opts.file} cannot be read: ${(err as Error).message}`,
    );
  } finally {
    probe?.close();
  }
}

/**
 * Durability settings, applied on every open: better-sqlite3's bundled SQLite
 * reopens WAL files with synchronous=NORMAL, which loses committed (and
 * acknowledged) transactions on power loss, so FULL is set and then verified.
 * Automatic checkpoints are off: the core runs them between batches so a
 * commit never pays for one.
 */
function applyPragmas(db: Db, file: string, readonly: boolean): void {
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 250');
  if (!readonly) db.pragma('wal_autocheckpoint = 0');
  const sync = db.pragma('synchronous', { simple: true });
  if (sync !== 2) {
    throw new StoreOpenError('not_durable', file, `synchronous is ${String(sync)}, expected FULL (2)`);
  }
}

function migrate(db: Db, from: number): void {
  MIGRATIONS.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} is numbered ${m.version}, expected ${i + 1}`);
  });
  const pending = MIGRATIONS.slice(from);
  if (pending.length === 0) return;
  // All pending steps in one transaction: a crash mid-way leaves the old version intact.
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

export function openStore(opts: OpenOptions): Store {
  const exists = fs.existsSync(opts.file) && fs.statSync(opts.file).size > 0;
  const found = exists ? inspectExisting(opts) : 0;
  if (found > SCHEMA_VERSION) {
    throw new StoreOpenError(
      'newer_version',
      opts.file,
      `The store ${opts.file} was written by a newer Watchfloor (schema ${found}, this version knows ${SCHEMA_VERSION}). It has not been changed; update Watchfloor to open it.`,
    );
  }
  if (opts.readonly && !exists) {
    throw new StoreOpenError('unreadable', opts.file, `The store ${opts.file} does not exist.`);
  }
  const readonly = opts.readonly === true;
  const db = new Database(opts.file, driverOptions(opts, readonly));
  try {
    applyPragmas(db, opts.file, readonly);
    if (readonly) {
      if (found < SCHEMA_VERSION) {
        throw new StoreOpenError(
          'unreadable',
          opts.file,
          `The store ${opts.file} needs migrating and is open read-only.`,
        );
      }
    } else {
      migrate(db, found);
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return {
    db,
    file: opts.file,
    schemaVersion: SCHEMA_VERSION,
    close: () => {
      if (!db.open) return;
      if (!readonly) db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
