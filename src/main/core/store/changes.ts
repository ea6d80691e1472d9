import type { Database as Db, Statement } from 'better-sqlite3';
import type { Change, ChangeBatch } from '../../../shared/ipc';

/**
 * How much of the change log is kept. The log exists so a window that
 * missed a push can catch up by cursor; it is not a history (the audit log,
 * timelines, status history and the ledger are). So it keeps a short tail:
 * the last `keepMs` of changes, never more than `maxRows` of them, and — so
 * a quiet seat, or an exercise whose clock runs fast, does not shrink the
 * tail to nothing — always the last `minRows`. At 500 position fixes a
 * second (5,000 units every 10 s) ten minutes is 300,000 rows, about 25 MB;
 * the row cap bounds a faster burst the same way. A window out of touch for
 * longer reloads in full (`ChangeBatch.reset`).
 */
export interface ChangeRetention {
  keepMs: number;
  maxRows: number;
  minRows: number;
}

export const CHANGE_RETENTION: ChangeRetention = { keepMs: 10 * 60_000, maxRows: 500_000, minRows: 10_000 };

/** How often the core prunes; a run that leaves a backlog (an old store's first run) comes back in 1 s. */
export const CHANGE_PRUNE_EVERY_MS = 60_000;

/** Rows deleted per statement: each is one short write transaction, so feeds and requests never wait long. */
export const CHANGE_PRUNE_CHUNK = 20_000;

export interface PruneReport {
  deleted: number;
  /** Highest id no longer in the log: a cursor below it must reload. */
  floor: number;
  /** False when rows the rule lets go are still there (the run stopped at its chunk budget). */
  done: boolean;
}

/**
 * The change log (after Joplin): every write records what it touched in the
 * same transaction, under a rising id. Windows keep a cursor and learn what
 * changed without polling everything.
 *
 * Ids are consecutive: `changes.id` is the rowid, allocated as max + 1, and
 * rows only ever leave from the bottom (`prune`, which always keeps the
 * newest row so ids are never reused). So the lowest id present tells
 * exactly which cursors can still be served.
 */
export class ChangeLog {
  private readonly insert: Statement<[string, string, string, number]>;
  private readonly since: Statement<[number, number]>;
  private readonly head: Statement<[]>;
  private readonly lowest: Statement<[]>;
  private readonly pruneEnd: Statement<[number, number, number, number, number]>;
  private readonly deleteUpTo: Statement<[number]>;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare('INSERT INTO changes (entity, entity_id, op, at) VALUES (?, ?, ?, ?)');
    this.since = db.prepare(
      'SELECT id, entity, entity_id AS entityId, op FROM changes WHERE id > ? ORDER BY id LIMIT ?',
    );
    this.head = db.prepare('SELECT coalesce(max(id), 0) AS id FROM changes');
    this.lowest = db.prepare('SELECT min(id) AS id FROM changes');
    // Among the oldest `chunk` rows at or below the ceiling, the last one the rule lets go:
    // beyond the row cap, or older than the time window and not among the newest `minRows`.
    // Reads at most `chunk` rows by rowid.
    this.pruneEnd = db.prepare(`
      SELECT max(id) AS id FROM (SELECT id, at FROM changes WHERE id <= ? ORDER BY id LIMIT ?)
      WHERE id <= ? OR (at < ? AND id <= ?)`);
    this.deleteUpTo = db.prepare('DELETE FROM changes WHERE id <= ?');
  }

  record(entity: string, entityId: string, op: Change['op']): void {
    this.insert.run(entity, entityId, op, this.now());
  }

  cursor(): number {
    return (this.head.get() as { id: number }).id;
  }

  /** Highest id pruned away (0 when nothing was): cursors below it cannot be served. */
  floor(): number {
    const low = (this.lowest.get() as { id: number | null }).id;
    return low === null ? this.cursor() : low - 1;
  }

  /**
   * Changes after `cursor`. A cursor the log can no longer serve (below the
   * pruned floor, or ahead of this store's head: a cursor from another
   * store) gets `reset` and the head instead: the reader must reload in full,
   * never go on as if nothing had been missed.
   */
  read(cursor: number, limit = 5000): ChangeBatch {
    const head = this.cursor();
    if (cursor < this.floor() || cursor > head) return { cursor: head, changes: [], reset: true };
    const changes = this.since.all(cursor, limit) as Change[];
    return { cursor: changes.length > 0 ? changes[changes.length - 1].id : cursor, changes };
  }

  /**
   * Apply the retention rule, deleting at most `chunks × chunk` rows. Never
   * deletes the newest row (ids would be reused) nor anything above
   * `ceiling`: the core passes the last id it has pushed to its windows, so
   * no change is pruned before it was announced. Call outside a transaction.
   */
  prune(rule: ChangeRetention, ceiling: number, opts: { chunk?: number; chunks?: number } = {}): PruneReport {
    const chunk = opts.chunk ?? CHANGE_PRUNE_CHUNK;
    const chunks = opts.chunks ?? 5;
    let deleted = 0;
    for (let i = 0; i < chunks; i++) {
      const head = this.cursor();
      const limitId = Math.min(ceiling, head - 1);
      const end = (
        this.pruneEnd.get(limitId, chunk, head - rule.maxRows, this.now() - rule.keepMs, head - rule.minRows) as {
          id: number | null;
        }
      ).id;
      if (end === null) return { deleted, floor: this.floor(), done: true };
      const n = this.deleteUpTo.run(end).changes;
      deleted += n;
      if (n < chunk) return { deleted, floor: this.floor(), done: true };
    }
    return { deleted, floor: this.floor(), done: false };
  }
}
