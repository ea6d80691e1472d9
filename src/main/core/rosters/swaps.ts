import type { Database as Db } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { Swap } from '../../../shared/roster-types';
import { CoreError } from '../../../shared/result';
import type { Actor } from '../context';
import type { ChangeLog } from '../store/changes';
import { isDutyChief } from './authority';
import type { RosterService } from './roster';
import type { RosterSetup } from './setup';

interface SwapRow {
  id: string;
  a_assignment_id: string;
  b_assignment_id: string;
  a_person_id: string;
  b_person_id: string;
  requested_by: string;
  requested_at: number;
  reason: string;
  status: Swap['status'];
  decided_by: string | null;
  decided_at: number | null;
  decision_note: string | null;
}

const toSwap = (r: SwapRow): Swap => ({
  id: r.id,
  aAssignmentId: r.a_assignment_id,
  bAssignmentId: r.b_assignment_id,
  aPersonId: r.a_person_id,
  bPersonId: r.b_person_id,
  requestedBy: r.requested_by,
  requestedAt: r.requested_at,
  reason: r.reason,
  status: r.status,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  decisionNote: r.decision_note,
});

/**
 * Swap requests between two people's assignments. The duty chief approves or
 * rejects; an approved swap exchanges the two people in one transaction
 * through the roster's save path, so it is checked against the rules and
 * appears in the history with the swap's id.
 */
export class SwapService {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
    private readonly roster: RosterService,
    private readonly setup: RosterSetup,
  ) {}

  get(id: string): Swap {
    const row = this.db.prepare('SELECT * FROM roster_swaps WHERE id = ?').get(id) as SwapRow | undefined;
    if (!row) throw new CoreError('not_found', `No swap request with id ${id}.`);
    return toSwap(row);
  }

  list(status?: Swap['status']): Swap[] {
    const rows = (
      status
        ? this.db.prepare('SELECT * FROM roster_swaps WHERE status = ? ORDER BY requested_at DESC').all(status)
        : this.db.prepare('SELECT * FROM roster_swaps ORDER BY requested_at DESC LIMIT 500').all()
    ) as SwapRow[];
    return rows.map(toSwap);
  }

  request(aId: string, bId: string, reason: string, actor: Actor): Swap {
    return this.db.transaction((): Swap => {
      const a = this.roster.assignment(aId);
      const b = this.roster.assignment(bId);
      if (a.personId === b.personId) {
        throw new CoreError('refused', 'Both assignments belong to the same person; a swap needs two people.');
      }
      if (a.end <= this.now() || b.end <= this.now()) {
        throw new CoreError(
          'refused',
          'One of these shifts is already over; only current or future shifts can be swapped.',
        );
      }
      const pending = this.db
        .prepare(
          `SELECT id FROM roster_swaps WHERE status = 'pending'
           AND (a_assignment_id IN (?, ?) OR b_assignment_id IN (?, ?))`,
        )
        .get(aId, bId, aId, bId);
      if (pending) throw new CoreError('conflict', 'One of these assignments already has a pending swap request.');
      const id = uuidv7();
      this.db
        .prepare(
          `INSERT INTO roster_swaps (id, a_assignment_id, b_assignment_id, a_person_id, b_person_id, requested_by, requested_at, reason, status)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`,
        )
        .run(id, aId, bId, a.personId, b.personId, actor.operator, this.now(), reason);
      this.changes.record('roster_swap', id, 'insert');
      return this.get(id);
    })();
  }

  decide(id: string, approve: boolean, note: string, actor: Actor, override?: { reason: string }): Swap {
    return this.db.transaction((): Swap => {
      const swap = this.get(id);
      if (swap.status !== 'pending') throw new CoreError('conflict', `This swap was already ${swap.status}.`);
      if (!isDutyChief(this.db, actor, this.now())) {
        throw new CoreError(
          'refused',
          `Only the duty chief can decide swaps; operator "${actor.operator}" is not the duty chief.`,
        );
      }
      if (approve) {
        const a = this.roster.assignment(swap.aAssignmentId);
        const b = this.roster.assignment(swap.bAssignmentId);
        if (a.personId !== swap.aPersonId || b.personId !== swap.bPersonId) {
          throw new CoreError('conflict', 'The roster changed since this swap was requested; ask for a new swap.');
        }
        const [pa, pb] = [this.setup.person(a.personId), this.setup.person(b.personId)];
        this.roster.save(
          [
            { op: 'replace', assignmentId: a.id, personId: b.personId },
            { op: 'replace', assignmentId: b.id, personId: a.personId },
          ],
          actor,
          { reason: `Swap ${pa.name} ⇄ ${pb.name}: ${swap.reason}${note ? ` (${note})` : ''}`, override, swapId: id },
        );
      }
      this.db
        .prepare('UPDATE roster_swaps SET status = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ?')
        .run(approve ? 'approved' : 'rejected', actor.operator, this.now(), note, id);
      this.changes.record('roster_swap', id, 'update');
      return this.get(id);
    })();
  }
}
