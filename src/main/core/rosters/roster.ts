import type { Database as Db } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { generateMonth } from '../../../shared/roster-pattern';
import { checkRoster, newViolations, type RuleAssignment, type Violation } from '../../../shared/roster-rules';
import { addDays, isDutyDate, monthDates, shiftInterval } from '../../../shared/roster-time';
import type { Assignment, HistoryEntry, RosterEdit, RosterView, SaveResult } from '../../../shared/roster-types';
import type { GenerateResult } from '../../../shared/contracts/rosters';
import { CoreError } from '../../../shared/result';
import type { Actor } from '../context';
import type { ChangeLog } from '../store/changes';
import { ASSIGNMENT_COLUMNS, toAssignment, type AssignmentRow } from './rows';
import type { RosterSetup } from './setup';

type Op =
  | { op: 'assign'; after: Assignment }
  | { op: 'remove'; before: Assignment }
  | { op: 'replace' | 'swap'; before: Assignment; after: Assignment };

interface Plan {
  ops: Op[];
  introduced: Violation[];
  all: Violation[];
}

export interface SaveOptions {
  reason: string;
  override?: { reason: string };
  swapId?: string;
}

/**
 * Assignments, the rules over them, and their history. Every save is one
 * transaction: the edits, one history row per changed assignment (who, when,
 * why, before/after) and, when the edits introduce rule violations, the
 * override that accepted them with its reason. Without an override a save
 * that introduces violations is refused and nothing is written.
 */
export class RosterService {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly now: () => number,
    private readonly setup: RosterSetup,
  ) {}

  assignment(id: string): Assignment {
    const row = this.db.prepare(`SELECT ${ASSIGNMENT_COLUMNS} FROM roster_assignments WHERE id = ?`).get(id) as
      AssignmentRow | undefined;
    if (!row) throw new CoreError('not_found', `Assignment ${id} no longer exists; reload the roster.`);
    return toAssignment(row);
  }

  assignmentsBetween(from: string, to: string): Assignment[] {
    const rows = this.db
      .prepare(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM roster_assignments WHERE date BETWEEN ? AND ? ORDER BY date, start_at`,
      )
      .all(from, to) as AssignmentRow[];
    return rows.map(toAssignment);
  }

  /** Assignments overlapping [from, to) in epoch ms (intervals are at most 24 h long). */
  assignmentsAround(fromMs: number, toMs: number): Assignment[] {
    const rows = this.db
      .prepare(
        `SELECT ${ASSIGNMENT_COLUMNS} FROM roster_assignments
         WHERE start_at > ? AND start_at < ? AND end_at > ? ORDER BY start_at`,
      )
      .all(fromMs - 86_400_000, toMs, fromMs) as AssignmentRow[];
    return rows.map(toAssignment);
  }

  private contextDays(): number {
    return this.setup.rules().maxConsecutiveShifts + 2;
  }

  private violationsOver(rows: readonly RuleAssignment[], from: string, to: string): Violation[] {
    return checkRoster({
      assignments: rows,
      people: this.setup.people(),
      positions: this.setup.positions(),
      shifts: this.setup.shifts(),
      from,
      to,
      config: this.setup.rules(),
    });
  }

  view(from: string, to: string): RosterView {
    if (!isDutyDate(from) || !isDutyDate(to) || from > to) {
      throw new CoreError('invalid_request', `The window ${from} to ${to} is not a valid date range.`);
    }
    const ctx = this.contextDays();
    const rows = this.assignmentsBetween(addDays(from, -ctx), addDays(to, ctx));
    return {
      from,
      to,
      assignments: rows.filter((a) => a.date >= from && a.date <= to),
      around: rows.filter((a) => a.date < from || a.date > to),
      people: this.setup.people(),
      positions: this.setup.positions(),
      shifts: this.setup.shifts(),
      holidays: this.setup.holidays(from, to),
      violations: this.violationsOver(rows, from, to),
      config: this.setup.rules(),
    };
  }

  /** Resolve edits against the store and work out which violations they would introduce. */
  private plan(edits: readonly RosterEdit[], swap = false): Plan {
    const shifts = new Map(this.setup.shifts().map((s) => [s.id, s]));
    const positions = new Map(this.setup.positions().map((p) => [p.id, p]));
    const people = new Map(this.setup.people().map((p) => [p.id, p]));
    const activePerson = (id: string): void => {
      const p = people.get(id);
      if (!p) throw new CoreError('not_found', `No person with id ${id}; reload the people list.`);
      if (!p.active) throw new CoreError('refused', `${p.name} is marked inactive and cannot be rostered.`);
    };
    const current = new Map<string, Assignment>();
    const get = (id: string): Assignment => {
      const a = current.get(id) ?? this.assignment(id);
      current.set(id, a);
      return a;
    };
    const removed = new Set<string>();
    const ops: Op[] = [];
    for (const e of edits) {
      if (e.op === 'assign') {
        if (!isDutyDate(e.date)) throw new CoreError('invalid_request', `"${e.date}" is not a calendar date.`);
        activePerson(e.personId);
        const shift = shifts.get(e.shiftId);
        if (!shift) throw new CoreError('not_found', `No shift definition with id ${e.shiftId}.`);
        const pos = positions.get(e.positionId);
        if (!pos) throw new CoreError('not_found', `No position with id ${e.positionId}.`);
        if (!shift.positionIds.includes(pos.id)) {
          throw new CoreError('refused', `Shift "${shift.name}" does not staff position "${pos.name}".`);
        }
        const iv = shiftInterval(e.date, shift.startMinute, shift.durationMinutes);
        const after: Assignment = {
          id: uuidv7(),
          date: e.date,
          shiftId: shift.id,
          positionId: pos.id,
          personId: e.personId,
          ...iv,
        };
        current.set(after.id, after);
        ops.push({ op: 'assign', after });
      } else {
        if (removed.has(e.assignmentId)) {
          throw new CoreError('conflict', `Assignment ${e.assignmentId} is removed earlier in the same save.`);
        }
        const before = get(e.assignmentId);
        if (e.op === 'remove') {
          removed.add(before.id);
          ops.push({ op: 'remove', before });
        } else {
          activePerson(e.personId);
          const after = { ...before, personId: e.personId };
          current.set(after.id, after);
          ops.push({ op: swap ? 'swap' : 'replace', before, after });
        }
      }
    }
    const dates = ops.map((o) => ('after' in o ? o.after.date : o.before.date)).sort();
    const [from, to] = [addDays(dates[0], -1), addDays(dates[dates.length - 1], 1)];
    const ctx = this.contextDays();
    const beforeRows = this.assignmentsBetween(addDays(from, -ctx), addDays(to, ctx));
    const afterMap = new Map(beforeRows.map((a) => [a.id, a]));
    for (const o of ops) {
      if (o.op === 'remove') afterMap.delete(o.before.id);
      else afterMap.set(o.after.id, o.after);
    }
    const afterRows = [...afterMap.values()];
    const seen = new Set<string>();
    for (const a of afterRows) {
      const k = `${a.date}|${a.shiftId}|${a.positionId}|${a.personId}`;
      if (seen.has(k)) {
        const name = people.get(a.personId)?.name ?? a.personId;
        throw new CoreError(
          'conflict',
          `${name} is already on ${shifts.get(a.shiftId)?.name ?? a.shiftId} as ${positions.get(a.positionId)?.name ?? a.positionId} on ${a.date}.`,
        );
      }
      seen.add(k);
    }
    const before = this.violationsOver(beforeRows, from, to);
    const all = this.violationsOver(afterRows, from, to);
    return { ops, introduced: newViolations(before, all), all };
  }

  check(edits: readonly RosterEdit[]): { introduced: Violation[]; all: Violation[] } {
    const p = this.plan(edits);
    return { introduced: p.introduced, all: p.all };
  }

  save(edits: readonly RosterEdit[], actor: Actor, opts: SaveOptions): SaveResult {
    return this.db.transaction((): SaveResult => {
      const plan = this.plan(edits, opts.swapId !== undefined);
      if (plan.introduced.length > 0 && !opts.override) {
        throw new CoreError('refused', refusalMessage(plan.introduced));
      }
      const at = this.now();
      let overrideId: string | null = null;
      if (plan.introduced.length > 0 && opts.override) {
        overrideId = uuidv7();
        this.db
          .prepare('INSERT INTO roster_overrides (id, at, actor, reason, violations) VALUES (?, ?, ?, ?, ?)')
          .run(overrideId, at, actor.operator, opts.override.reason, JSON.stringify(plan.introduced));
        this.changes.record('roster_override', overrideId, 'insert');
      }
      const batchId = uuidv7();
      const hist = this.db.prepare(
        `INSERT INTO roster_history (batch_id, at, actor, reason, op, assignment_id, date, before, after, override_id, swap_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const insert = this.db.prepare(
        `INSERT INTO roster_assignments (${ASSIGNMENT_COLUMNS}) VALUES (@id, @date, @shiftId, @positionId, @personId, @start, @end)`,
      );
      const del = this.db.prepare('DELETE FROM roster_assignments WHERE id = ?');
      const setPerson = this.db.prepare('UPDATE roster_assignments SET person_id = ? WHERE id = ?');
      const result: SaveResult = { assigned: [], removed: [], introduced: plan.introduced, overrideId };
      for (const o of plan.ops) {
        const before = 'before' in o ? o.before : null;
        const after = 'after' in o ? o.after : null;
        if (o.op === 'assign') insert.run(o.after);
        else if (o.op === 'remove') del.run(o.before.id);
        else setPerson.run(o.after.personId, o.after.id);
        const target = (after ?? before) as Assignment;
        hist.run(
          batchId,
          at,
          actor.operator,
          opts.reason,
          o.op,
          target.id,
          target.date,
          before ? JSON.stringify(before) : null,
          after ? JSON.stringify(after) : null,
          overrideId,
          opts.swapId ?? null,
        );
        this.changes.record(
          'roster_assignment',
          target.id,
          o.op === 'assign' ? 'insert' : o.op === 'remove' ? 'delete' : 'update',
        );
        if (after) result.assigned.push(after);
        else result.removed.push(target.id);
      }
      return result;
    })();
  }

  history(from?: string, to?: string, limit = 500): HistoryEntry[] {
    const rows = this.db
      .prepare(
        `SELECT h.*, o.reason AS override_reason FROM roster_history h
         LEFT JOIN roster_overrides o ON o.id = h.override_id
         WHERE h.date BETWEEN ? AND ? ORDER BY h.id DESC LIMIT ?`,
      )
      .all(from ?? '0000-01-01', to ?? '9999-12-31', limit) as HistoryRow[];
    return rows.map((r) => ({
      id: r.id,
      batchId: r.batch_id,
      at: r.at,
      actor: r.actor,
      reason: r.reason,
      op: r.op,
      assignmentId: r.assignment_id,
      date: r.date,
      before: r.before ? (JSON.parse(r.before) as Assignment) : null,
      after: r.after ? (JSON.parse(r.after) as Assignment) : null,
      overrideId: r.override_id,
      overrideReason: r.override_reason,
      swapId: r.swap_id,
    }));
  }

  /** Generate a month from a rotation pattern: a preview, or saved through the same rules as any edit. */
  generate(
    patternId: string,
    month: string,
    actor: Actor,
    opts: { commit: boolean; replace: boolean; override?: { reason: string } },
  ): GenerateResult {
    const pattern = this.setup.pattern(patternId);
    const dates = monthDates(month);
    if (!dates) throw new CoreError('invalid_request', `"${month}" is not a month (YYYY-MM).`);
    const holidays = new Set(
      this.setup
        .holidays(dates[0], dates[dates.length - 1])
        .filter((h) => h.kind === 'holiday')
        .map((h) => h.date),
    );
    const proposed = generateMonth(pattern, month, holidays);
    const existing = this.assignmentsBetween(dates[0], dates[dates.length - 1]);
    const positions = new Set(pattern.teams.flatMap((t) => t.members.map((m) => m.positionId)));
    const edits: RosterEdit[] = [];
    const kept = new Set<string>();
    for (const a of existing) {
      if (opts.replace && positions.has(a.positionId)) edits.push({ op: 'remove', assignmentId: a.id });
      else kept.add(`${a.date}|${a.shiftId}|${a.positionId}|${a.personId}`);
    }
    for (const g of proposed) {
      if (!kept.has(`${g.date}|${g.shiftId}|${g.positionId}|${g.personId}`)) {
        edits.push({ op: 'assign', date: g.date, shiftId: g.shiftId, positionId: g.positionId, personId: g.personId });
      }
    }
    if (edits.length === 0) return { proposed, violations: [], saved: null };
    if (!opts.commit) return { proposed, violations: this.check(edits).introduced, saved: null };
    const saved = this.save(edits, actor, {
      reason: `Generated ${month} from pattern "${pattern.name}"`,
      override: opts.override,
    });
    return { proposed, violations: saved.introduced, saved };
  }
}

interface HistoryRow {
  id: number;
  batch_id: string;
  at: number;
  actor: string;
  reason: string;
  op: HistoryEntry['op'];
  assignment_id: string;
  date: string;
  before: string | null;
  after: string | null;
  override_id: string | null;
  override_reason: string | null;
  swap_id: string | null;
}

function refusalMessage(vs: readonly Violation[]): string {
  const shown = vs
    .slice(0, 3)
    .map(
      (v) =>
        `${v.rule} (${v.cells
          .map((c) => c.date)
          .filter((d, i, a) => a.indexOf(d) === i)
          .join(', ')})`,
    )
    .join('; ');
  const more = vs.length > 3 ? ` and ${vs.length - 3} more` : '';
  return `This change breaks ${vs.length} roster rule(s): ${shown}${more}. Nothing was saved; save again with an override reason to keep it anyway.`;
}
