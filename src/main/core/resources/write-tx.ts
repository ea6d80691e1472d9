import type { Database as Db } from 'better-sqlite3';
import { CoreError } from '../../../shared/result';

function sqliteCode(err: unknown): string {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
}

/**
 * Run `fn` in a BEGIN IMMEDIATE transaction: the write lock is taken before
 * anything is read, so checks made inside see every commit from other
 * connections and nothing can slip in between the check and the write.
 * A lock that stays busy past the store's timeout, and the CHECK backstops
 * on derived tables, come back as typed errors an officer can act on.
 */
export function inWriteTransaction<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (err) {
    const code = sqliteCode(err);
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED') {
      throw new CoreError('conflict', 'another seat is writing to the store right now; nothing was changed, try again');
    }
    if (code === 'SQLITE_CONSTRAINT_CHECK') {
      throw new CoreError('refused', 'the change would take stock below zero; nothing was changed');
    }
    throw err;
  }
}
