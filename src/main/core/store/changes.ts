import type { Database as Db, Statement } from 'better-sqlite3';
import type { Change, ChangeBatch } from '../../../shared/ipc';

const RECORD_CHUNK = 64;

/**
 * The change log (after Joplin): every write records what it touched in the
 * same transaction, under a rising id. Windows keep a cursor and learn what
 * changed without polling everything.
 */
export class ChangeLog {
  private readonly insert: Statement<[string, string, string, number]>;
  private readonly since: Statement<[number, number]>;
  private readonly head: Statement<[]>;
  private readonly inserts = new Map<number, Statement>();

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare('INSERT INTO changes (entity, entity_id, op, at) VALUES (?, ?, ?, ?)');
    this.since = db.prepare(
      'SELECT id, entity, entity_id AS entityId, op FROM changes WHERE id > ? ORDER BY id LIMIT ?',
    );
    this.head = db.prepare('SELECT coalesce(max(id), 0) AS id FROM changes');
  }

  record(entity: string, entityId: string, op: Change['op']): void {
    this.insert.run(entity, entityId, op, this.now());
  }

  /** One row per id, as `record` for each, in multi-row INSERTs (bulk ingestion). */
  recordMany(entity: string, entityIds: readonly string[], op: Change['op']): void {
    const at = this.now();
    for (let i = 0; i < entityIds.length; i += RECORD_CHUNK) {
      const n = Math.min(RECORD_CHUNK, entityIds.length - i);
      const values: (string | number)[] = [];
      for (let j = i; j < i + n; j++) values.push(entity, entityIds[j], op, at);
      this.insertMany(n).run(values);
    }
  }

  private insertMany(n: number): Statement {
    let st = this.inserts.get(n);
    if (!st) {
      st = this.db.prepare(
        `INSERT INTO changes (entity, entity_id, op, at) VALUES ${Array.from({ length: n }, () => '(?, ?, ?, ?)').join(', ')}`,
      );
      this.inserts.set(n, st);
    }
    return st;
  }

  cursor(): number {
    return (this.head.get() as { id: number }).id;
  }

  read(cursor: number, limit = 5000): ChangeBatch {
    const changes = this.since.all(cursor, limit) as Change[];
    return { cursor: changes.length > 0 ? changes[changes.length - 1].id : cursor, changes };
  }

  /** Keep the log bounded; a window whose cursor falls behind the floor reloads in full. */
  prune(keep: number): void {
    this.db.prepare('DELETE FROM changes WHERE id <= (SELECT max(id) FROM changes) - ?').run(keep);
  }
}
