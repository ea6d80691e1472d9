import type { Database as Db } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { Handover, HandoverItem, HandoverSnapshot, HandoverSummary } from '../../../shared/handover-types';
import { clockOf, dutyDateOf } from '../../../shared/roster-time';
import { CoreError } from '../../../shared/result';
import type { Actor } from '../context';
import type { ChangeLog } from '../store/changes';
import { liveSections } from './handover-sources';
import type { DutyService } from './duty';

interface HandoverRowDb {
  id: string;
  ref: string;
  status: 'open' | 'complete';
  created_at: number;
  created_by: string;
  shift_label: string;
  snapshot: string;
  snapshot_at: number;
  notes: string;
  outgoing_operator: string | null;
  outgoing_signed_at: number | null;
  incoming_operator: string | null;
  incoming_signed_at: number | null;
  completed_at: number | null;
}

interface ItemRow {
  id: string;
  origin_handover_id: string;
  origin_ref: string;
  title: string;
  detail: string;
  created_at: number;
  created_by: string;
  closed_at: number | null;
  closed_by: string | null;
  close_note: string | null;
}

const toItem = (r: ItemRow): HandoverItem => ({
  id: r.id,
  originHandoverId: r.origin_handover_id,
  originRef: r.origin_ref,
  title: r.title,
  detail: r.detail,
  createdAt: r.created_at,
  createdBy: r.created_by,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  closeNote: r.close_note,
});

const ITEM_SELECT = `SELECT i.*, h.ref AS origin_ref FROM handover_items i JOIN handovers h ON h.id = i.origin_handover_id`;

/**
 * The shift handover (交接班). A handover is started from the live state
 * (open incidents with their next step, unacknowledged alerts and warnings,
 * overdue plan steps, pending outbox commands, units out of service, low
 * stock), carries every open item from earlier handovers, takes free notes
 * and new items, and is complete when the outgoing and the incoming officer
 * have both signed with their seat identity. The live snapshot is frozen at
 * the first signature, so what was signed is what was handed over. Items stay
 * open, and carry over into every following handover, until someone closes
 * them with a note.
 */
export class HandoverService {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
    private readonly duty: DutyService,
  ) {}

  private row(id: string): HandoverRowDb {
    const r = this.db.prepare('SELECT * FROM handovers WHERE id = ?').get(id) as HandoverRowDb | undefined;
    if (!r) throw new CoreError('not_found', `No handover with id ${id}.`);
    return r;
  }

  get(id: string): Handover {
    const r = this.row(id);
    const items = (
      this.db
        .prepare(
          `${ITEM_SELECT} JOIN handover_carried c ON c.item_id = i.id WHERE c.handover_id = ? ORDER BY i.created_at, i.id`,
        )
        .all(id) as ItemRow[]
    ).map(toItem);
    return {
      id: r.id,
      ref: r.ref,
      status: r.status,
      createdAt: r.created_at,
      createdBy: r.created_by,
      shiftLabel: r.shift_label,
      snapshot: JSON.parse(r.snapshot) as HandoverSnapshot,
      notes: r.notes,
      outgoingOperator: r.outgoing_operator,
      outgoingSignedAt: r.outgoing_signed_at,
      incomingOperator: r.incoming_operator,
      incomingSignedAt: r.incoming_signed_at,
      completedAt: r.completed_at,
      items,
    };
  }

  current(): Handover | null {
    const r = this.db
      .prepare("SELECT id FROM handovers WHERE status = 'open' ORDER BY created_at DESC LIMIT 1")
      .get() as { id: string } | undefined;
    return r ? this.get(r.id) : null;
  }

  snapshot(): HandoverSnapshot {
    const at = this.now();
    return { generatedAt: at, sections: liveSections(this.db, at) };
  }

  /** e.g. "2026-12-03 白班 08:00–20:00", from the duty chief's (or any) shift on duty now. */
  private shiftLabel(at: number): string {
    const duty = this.duty.onDuty(at);
    const slot = duty.now.find((s) => s.position.code === 'chief') ?? duty.now[0];
    if (!slot) return `${dutyDateOf(at)} ${clockOf(at)}`;
    return `${dutyDateOf(slot.start)} ${slot.shift.name} ${clockOf(slot.start)}–${clockOf(slot.end)}`;
  }

  start(notes: string, actor: Actor): Handover {
    return this.db.transaction((): Handover => {
      const open = this.current();
      if (open) {
        throw new CoreError(
          'conflict',
          `Handover ${open.ref} is still in progress; finish it before starting another.`,
        );
      }
      const at = this.now();
      const id = uuidv7();
      const day = dutyDateOf(at).replace(/-/g, '');
      const n = (
        this.db
          .prepare(
            `INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
          )
          .get(`handover:${day}`) as { value: number }
      ).value;
      const ref = `JJB-${day}-${String(n).padStart(2, '0')}`;
      this.db
        .prepare(
          `INSERT INTO handovers (id, ref, status, created_at, created_by, shift_label, snapshot, snapshot_at, notes)
           VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, ref, at, actor.operator, this.shiftLabel(at), JSON.stringify(this.snapshot()), at, notes);
      // Carry over every item still open from earlier handovers.
      this.db
        .prepare(
          'INSERT INTO handover_carried (handover_id, item_id) SELECT ?, id FROM handover_items WHERE closed_at IS NULL',
        )
        .run(id);
      this.changes.record('handover', id, 'insert');
      return this.get(id);
    })();
  }

  private editable(id: string): HandoverRowDb {
    const r = this.row(id);
    if (r.status === 'complete')
      throw new CoreError('refused', `Handover ${r.ref} is signed and closed; it can no longer change.`);
    return r;
  }

  refresh(id: string): Handover {
    return this.db.transaction((): Handover => {
      const r = this.editable(id);
      if (r.outgoing_signed_at !== null || r.incoming_signed_at !== null) {
        throw new CoreError('refused', `Handover ${r.ref} has been signed; its live snapshot is frozen.`);
      }
      this.db
        .prepare('UPDATE handovers SET snapshot = ?, snapshot_at = ? WHERE id = ?')
        .run(JSON.stringify(this.snapshot()), this.now(), id);
      this.changes.record('handover', id, 'update');
      return this.get(id);
    })();
  }

  setNotes(id: string, notes: string): Handover {
    return this.db.transaction((): Handover => {
      this.editable(id);
      this.db.prepare('UPDATE handovers SET notes = ? WHERE id = ?').run(notes, id);
      this.changes.record('handover', id, 'update');
      return this.get(id);
    })();
  }

  addItem(id: string, title: string, detail: string, actor: Actor): HandoverItem {
    return this.db.transaction((): HandoverItem => {
      this.editable(id);
      const itemId = uuidv7();
      this.db
        .prepare(
          'INSERT INTO handover_items (id, origin_handover_id, title, detail, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(itemId, id, title, detail, this.now(), actor.operator);
      this.db.prepare('INSERT INTO handover_carried (handover_id, item_id) VALUES (?, ?)').run(id, itemId);
      this.changes.record('handover_item', itemId, 'insert');
      return this.item(itemId);
    })();
  }

  item(id: string): HandoverItem {
    const r = this.db.prepare(`${ITEM_SELECT} WHERE i.id = ?`).get(id) as ItemRow | undefined;
    if (!r) throw new CoreError('not_found', `No handover item with id ${id}.`);
    return toItem(r);
  }

  closeItem(itemId: string, note: string, actor: Actor): HandoverItem {
    return this.db.transaction((): HandoverItem => {
      const item = this.item(itemId);
      if (item.closedAt !== null) throw new CoreError('conflict', `This item was already closed by ${item.closedBy}.`);
      if (note.trim().length === 0)
        throw new CoreError('invalid_request', 'Closing an item needs a note saying how it was resolved.');
      this.db
        .prepare('UPDATE handover_items SET closed_at = ?, closed_by = ?, close_note = ? WHERE id = ?')
        .run(this.now(), actor.operator, note.trim(), itemId);
      this.changes.record('handover_item', itemId, 'update');
      return this.item(itemId);
    })();
  }

  sign(id: string, role: 'outgoing' | 'incoming', actor: Actor): Handover {
    return this.db.transaction((): Handover => {
      const r = this.editable(id);
      const [mine, other] =
        role === 'outgoing' ? [r.outgoing_operator, r.incoming_operator] : [r.incoming_operator, r.outgoing_operator];
      if (mine !== null) throw new CoreError('conflict', `The ${role} officer (${mine}) has already signed ${r.ref}.`);
      if (other === actor.operator) {
        throw new CoreError(
          'refused',
          `${actor.operator} already signed ${r.ref} on the other side; outgoing and incoming must be different people.`,
        );
      }
      const at = this.now();
      // The first signature freezes the snapshot to what is on screen now.
      if (r.outgoing_signed_at === null && r.incoming_signed_at === null) {
        this.db
          .prepare('UPDATE handovers SET snapshot = ?, snapshot_at = ? WHERE id = ?')
          .run(JSON.stringify(this.snapshot()), at, id);
      }
      this.db
        .prepare(`UPDATE handovers SET ${role}_operator = ?, ${role}_signed_at = ? WHERE id = ?`)
        .run(actor.operator, at, id);
      if (other !== null)
        this.db.prepare("UPDATE handovers SET status = 'complete', completed_at = ? WHERE id = ?").run(at, id);
      this.changes.record('handover', id, 'update');
      return this.get(id);
    })();
  }

  search(q: string, from: number | undefined, to: number | undefined, limit: number): HandoverSummary[] {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.db
      .prepare(
        // Open items of a handover: those still open, or (once it is complete) closed at or after its completion.
        `SELECT h.id, h.ref, h.status, h.created_at, h.shift_label, h.outgoing_operator, h.incoming_operator,
           (SELECT count(*) FROM handover_carried c JOIN handover_items i ON i.id = c.item_id
             WHERE c.handover_id = h.id AND (i.closed_at IS NULL OR i.closed_at >= coalesce(h.completed_at, i.closed_at + 1))) AS open_items
         FROM handovers h
         WHERE h.created_at BETWEEN ? AND ?
           AND (? = '' OR h.ref LIKE ? ESCAPE '\\' OR h.notes LIKE ? ESCAPE '\\' OR h.shift_label LIKE ? ESCAPE '\\'
             OR h.snapshot LIKE ? ESCAPE '\\' OR h.created_by LIKE ? ESCAPE '\\'
             OR coalesce(h.outgoing_operator, '') LIKE ? ESCAPE '\\'
             OR coalesce(h.incoming_operator, '') LIKE ? ESCAPE '\\'
             OR EXISTS (SELECT 1 FROM handover_carried c JOIN handover_items i ON i.id = c.item_id
                        WHERE c.handover_id = h.id AND (i.title LIKE ? ESCAPE '\\' OR i.detail LIKE ? ESCAPE '\\')))
         ORDER BY h.created_at DESC LIMIT ?`,
      )
      .all(
        from ?? 0,
        to ?? Number.MAX_SAFE_INTEGER,
        q,
        like,
        like,
        like,
        like,
        like,
        like,
        like,
        like,
        like,
        limit,
      ) as {
      id: string;
      ref: string;
      status: 'open' | 'complete';
      created_at: number;
      shift_label: string;
      outgoing_operator: string | null;
      incoming_operator: string | null;
      open_items: number;
    }[];
    return rows.map((r) => ({
      id: r.id,
      ref: r.ref,
      status: r.status,
      createdAt: r.created_at,
      shiftLabel: r.shift_label,
      outgoingOperator: r.outgoing_operator,
      incomingOperator: r.incoming_operator,
      openItems: r.open_items,
    }));
  }
}
