import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import type { BackupInfo } from '../../../shared/contracts/console';
import { CoreError } from '../../../shared/result';
import { SCHEMA_VERSION } from '../store/db';
import { formatShanghai } from '../time';

const PREFIX = 'watchfloor-';
const COUNTED = ['incidents', 'reports', 'timeline', 'plan_activations', 'audit_log', 'cases'] as const;

/** quick_check at start: cheap enough for every launch, catches torn pages and broken indexes. */
export function integrityCheck(db: Db): { ok: boolean; result: string[] } {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const result = rows.map((r) => r.quick_check);
  return { ok: result.length === 1 && result[0] === 'ok', result };
}

function stamp(ms: number): string {
  return formatShanghai(ms, 'iso').slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

/**
 * Online backup with the SQLite backup API (readers and writers carry on
 * while it copies), written to a `.partial` file and renamed only when
 * complete, so a folder never holds a half backup under a real name.
 */
export async function backupTo(
  db: Db,
  dir: string,
  now: number,
  mode: string,
  onProgress?: (fraction: number) => void,
): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${PREFIX}${mode}-${stamp(now)}-${now % 1000}.db`);
  const partial = `${file}.partial`;
  await db.backup(partial, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages === 0 ? 1 : (totalPages - remainingPages) / totalPages);
      return 256; // pages per step: small enough that the core keeps answering between steps
    },
  });
  // Note inside the copy when it was made, so listing it needs no file dates.
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
    copy.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('backup_created_at', ?)").run(String(now));
  } finally {
    copy.close();
  }
  fs.renameSync(partial, file);
  onProgress?.(1);
  return file;
}

function countRows(db: Db, tables: Set<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const t of COUNTED) {
    if (tables.has(t)) counts[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  }
  return counts;
}

function tablesOf(db: Db): Set<string> {
  return new Set(
    (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name),
  );
}

/** The same counts a backup listing shows, of an open store (no integrity check: that reads every page). */
export function storeCounts(db: Db): Record<string, number> {
  return countRows(db, tablesOf(db));
}

/** What a backup holds: counts, schema version, when it was made, and whether it is intact. */
export function inspectBackup(file: string): BackupInfo {
  if (!fs.existsSync(file)) throw new CoreError('not_found', `No backup at ${file}.`);
  let db: Db | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    const tables = tablesOf(db);
    const counts = countRows(db, tables);
    const created = tables.has('meta')
      ? (db.prepare("SELECT value FROM meta WHERE key = 'backup_created_at'").get() as { value: string } | undefined)
      : undefined;
    const check = integrityCheck(db);
    return {
      file,
      bytes: fs.statSync(file).size,
      createdAt: created ? Number(created.value) : fs.statSync(file).mtimeMs,
      schemaVersion,
      counts,
      integrity: check.ok ? 'ok' : check.result.slice(0, 5).join('; '),
    };
  } catch (err) {
    if (err instanceof CoreError) throw err;
    throw new CoreError('invalid_request', `${file} is not a readable Watchfloor backup: ${(err as Error).message}`);
  } finally {
    db?.close();
  }
}

export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(PREFIX) && f.endsWith('.db'))
    .map((f) => {
      try {
        return inspectBackup(path.join(dir, f));
      } catch {
        return null;
      }
    })
    .filter((b): b is BackupInfo => b !== null)
    .sort((a, b) => b.createdAt - a.createdAt);
}

/** Keep the newest `keep` backups in the folder; delete the rest. */
export function pruneBackups(dir: string, keep: number): string[] {
  const old = listBackups(dir).slice(keep);
  for (const b of old) fs.rmSync(b.file, { force: true });
  return old.map((b) => b.file);
}

/**
 * Put a backup in place of the store. Only with the store closed: a WAL or
 * shared-memory file beside it means some connection still has it open, and
 * replacing a file under an open connection corrupts it. The old store is
 * kept beside it (renamed, never deleted); the backup is checked first and
 * copied to a temporary name, then renamed into place.
 */
export function restoreBackup(
  storeFile: string,
  backupFile: string,
  now: number,
): { restored: string; keptOld: string | null } {
  if (fs.existsSync(`${storeFile}-wal`) || fs.existsSync(`${storeFile}-shm`)) {
    throw new CoreError(
      'conflict',
      'The store is still open (its WAL file is present). Close Watchfloor on this seat, then restore.',
    );
  }
  const info = inspectBackup(backupFile);
  if (info.integrity !== 'ok') {
    throw new CoreError('refused', `The backup ${backupFile} is damaged (${info.integrity}); choose another backup.`);
  }
  if (info.schemaVersion > SCHEMA_VERSION) {
    throw new CoreError('refused', `The backup was written by a newer Watchfloor (schema ${info.schemaVersion}).`);
  }
  const incoming = `${storeFile}.restoring`;
  fs.copyFileSync(backupFile, incoming);
  const fd = fs.openSync(incoming, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  let keptOld: string | null = null;
  if (fs.existsSync(storeFile)) {
    keptOld = `${storeFile}.before-restore-${stamp(now)}`;
    fs.renameSync(storeFile, keptOld);
  }
  fs.renameSync(incoming, storeFile);
  return { restored: storeFile, keptOld };
}

/** Backups on a schedule, with retention. The timer is the caller's to stop. */
export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  constructor(
    private readonly run: () => Promise<string>,
    private readonly dir: string,
    private readonly keep: number,
  ) {}

  async runOnce(): Promise<{ file: string; pruned: string[] }> {
    const file = await this.run();
    return { file, pruned: pruneBackups(this.dir, this.keep) };
  }

  start(everyMs: number, onError: (err: Error) => void): void {
    this.stop();
    this.timer = setInterval(() => void this.runOnce().catch(onError), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
