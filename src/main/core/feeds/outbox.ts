import type { Database as Db, Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { ChangeLog } from '../store/changes';
import type { CommandReply } from './protocol';

export interface OutboxRow {
  id: string;
  source: string;
  type: string;
  payload: string;
  state: 'pending' | 'acked' | 'rejected';
  error: string | null;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  settledAt: number | null;
}

const COLUMNS = `id, source, type, payload, state, error, attempts, created_at AS createdAt, sent_at AS sentAt, settled_at AS settledAt`;

/** Sends one command and answers with the server's reply, or null when it could not be delivered. */
export type CommandSender = (cmd: {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}) => Promise<CommandReply | null>;

/**
 * Durable outbox of operator commands to feed systems. A command is written in
 * the same transaction as the local change it belongs to, then sent with its
 * stable id until the server's ack says ok (resent after every reconnect);
 * a rejection keeps the server's reason for the operator.
 */
export class Outbox {
  private readonly insert: Statement;
  private readonly pendingOf: Statement<[string]>;
  private readonly markSent: Statement<[number, string]>;
  private readonly settle: Statement;
  private readonly unitsOf: Statement<[string]>;
  private readonly clearUnit: Statement<[number, string]>;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
  ) {
    this.insert = db.prepare(
      `INSERT INTO outbox (id, source, type, payload, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)`,
    );
    this.pendingOf = db.prepare(
      `SELECT ${COLUMNS} FROM outbox WHERE source = ? AND state = 'pending' ORDER BY created_at, id`,
    );
    this.markSent = db.prepare('UPDATE outbox SET attempts = attempts + 1, sent_at = ? WHERE id = ?');
    this.settle = db.prepare(
      `UPDATE outbox SET state = ?, error = ?, settled_at = ? WHERE id = ? AND state = 'pending'`,
    );
    // A unit shows its dispatch/recall command until the upstream acks it; a rejection stays shown with its reason.
    this.unitsOf = db.prepare('SELECT id FROM units WHERE pending_command = ?');
    this.clearUnit = db.prepare('UPDATE units SET pending_command = NULL, updated_at = ? WHERE id = ?');
  }

  /** Call inside the transaction of the local change. */
  enqueue(source: string, type: string, payload: Record<string, unknown>): string {
    const id = uuidv7();
    this.insert.run(id, source, type, JSON.stringify(payload), this.now());
    this.changes.record('outbox', id, 'insert');
    return id;
  }

  list(state?: OutboxRow['state'], limit = 500): OutboxRow[] {
    return (
      state
        ? this.db
            .prepare(`SELECT ${COLUMNS} FROM outbox WHERE state = ? ORDER BY created_at DESC LIMIT ?`)
            .all(state, limit)
        : this.db.prepare(`SELECT ${COLUMNS} FROM outbox ORDER BY created_at DESC LIMIT ?`).all(limit)
    ) as OutboxRow[];
  }

  pendingCount(): number {
    return (this.db.prepare(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`).get() as { n: number }).n;
  }

  /** Send every pending command of a source in order; stops at the first one that cannot be delivered. */
  async drain(source: string, send: CommandSender, onSettled: () => void): Promise<void> {
    for (const row of this.pendingOf.all(source) as OutboxRow[]) {
      if (this.inFlight.has(row.id)) continue;
      this.inFlight.add(row.id);
      try {
        this.markSent.run(this.now(), row.id);
        const reply = await send({
          id: row.id,
          type: row.type,
          payload: JSON.parse(row.payload) as Record<string, unknown>,
        });
        if (reply === null) return; // not delivered: stays pending, resent after reconnect
        const r = this.db.transaction(() => {
          const res = this.settle.run(
            reply.ok ? 'acked' : 'rejected',
            reply.ok ? null : (reply.error ?? 'rejected without a reason'),
            this.now(),
            row.id,
          );
          if (res.changes > 0) {
            this.changes.record('outbox', row.id, 'update');
            for (const u of this.unitsOf.all(row.id) as { id: string }[]) {
              if (reply.ok) this.clearUnit.run(this.now(), u.id);
              this.changes.record('unit', u.id, 'update');
            }
          }
          return res.changes;
        })();
        if (r > 0) onSettled();
      } finally {
        this.inFlight.delete(row.id);
      }
    }
  }
}
