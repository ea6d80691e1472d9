import type { Database as Db, Statement } from 'better-sqlite3';
import type { Change, ChangeBatch } from '../../../shared/ipc';

/**
 * The change log (after Joplin): every write records what it touched in the
 * same transaction, under a rising id. Windows keep a cursor and learn what
 * changed without polling everything.
 */
export class ChangeLog {
  private readonly insert: Statement<[string, string, string, number]>;
  private readonly since: Statement<[number, number]>;
  private readonly head: Statement<[]>;

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
