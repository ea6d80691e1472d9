import type { Database as Db, Statement } from 'better-sqlite3';
import { classOf, type Category, type Incident, type IncidentStatus, type Level } from '../../../shared/domain';
import { checkTransition, isMajorLevel } from '../../../shared/console/lifecycle';
import { LEVEL_ROMAN } from '../../../shared/domain';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { actorName, refusal, requireRole, roleOf } from '../roles/guard';

export interface LifecycleHooks {
  /** After a level change, inside the same transaction (plans switch step sets). */
  levelChanged?(incident: Incident, from: Level): void;
  /** After closing, inside the same transaction (the case library files it). */
  closed?(incident: Incident, outcome: string, lessons: string): void;
  /** After a closed incident is reopened (the case library withdraws it). */
  reopened?(incident: Incident): void;
}

/**
 * The incident lifecycle on top of IncidentService: acknowledge, status
 * transitions through the shared state machine, level and category changes
 * with a reason, assignment, notes, close with outcome and lessons. Every
 * change is one transaction: the row, a timeline entry and a change record.
 */
export class LifecycleService {
  private readonly setStatus: Statement<[string, number, string]>;
  private readonly ack: Statement<[number, string, number, string]>;
  private readonly setLevelStmt: Statement<[number, number, string]>;
  private readonly setCategoryStmt: Statement<[string, string, number, string]>;
  private readonly assignStmt: Statement<[string | null, number, string]>;
  private readonly touch: Statement<[number, string]>;
  private readonly closeStmt: Statement<[number, string, string, number, string]>;
  private readonly assignedOf: Statement<[string]>;
  hooks: LifecycleHooks = {};

  constructor(
    private readonly ctx: CoreContext,
    private readonly incidents: IncidentService,
  ) {
    const db: Db = ctx.db;
    this.setStatus = db.prepare('UPDATE incidents SET status = ?, updated_at = ? WHERE id = ?');
    this.ack = db.prepare(
      'UPDATE incidents SET acknowledged_at = ?, acknowledged_by = ?, updated_at = ? WHERE id = ? AND acknowledged_at IS NULL',
    );
    this.setLevelStmt = db.prepare('UPDATE incidents SET level = ?, updated_at = ? WHERE id = ?');
    this.setCategoryStmt = db.prepare(
      'UPDATE incidents SET category = ?, incident_class = ?, updated_at = ? WHERE id = ?',
    );
    this.assignStmt = db.prepare('UPDATE incidents SET assigned_to = ?, updated_at = ? WHERE id = ?');
    this.touch = db.prepare('UPDATE incidents SET updated_at = ? WHERE id = ?');
    this.closeStmt = db.prepare(
      "UPDATE incidents SET status = 'closed', closed_at = ?, outcome = ?, lessons = ?, updated_at = ? WHERE id = ?",
    );
    this.assignedOf = db.prepare('SELECT assigned_to AS a FROM incidents WHERE id = ?');
  }

  private tx<T>(fn: () => T): T {
    return this.ctx.db.transaction(fn)();
  }

  private changed(id: string): Incident {
    this.ctx.changes.record('incident', id, 'update');
    return this.incidents.get(id);
  }

  acknowledge(id: string): Incident {
    return this.tx(() => {
      const inc = this.incidents.get(id);
      if (inc.acknowledgedAt !== null) return inc; // acknowledging twice is harmless
      if (inc.status === 'merged')
        throw new CoreError('conflict', `${inc.ref} was merged into another incident; work on that one.`);
      const at = this.ctx.now();
      this.ack.run(at, actorName(this.ctx.actor), at, id);
      this.incidents.appendTimeline(id, 'acknowledged', this.ctx.actor, 'acknowledged', { ageMs: at - inc.reportedAt });
      return this.changed(id);
    });
  }

  transition(id: string, to: IncidentStatus, note?: string): Incident {
    return this.tx(() => {
      const inc = this.incidents.get(id);
      if (to === 'closed') {
        throw new CoreError(
          'invalid_request',
          `Close ${inc.ref} with "close incident", giving the outcome and lessons learned.`,
        );
      }
      if (to === 'merged') {
        throw new CoreError('invalid_request', `An incident becomes "merged" only by accepting a merge proposal.`);
      }
      const check = checkTransition(inc.status, to, roleOf(this.ctx.actor));
      if (!check.ok) {
        if (check.reason === 'role')
          throw refusal(roleOf(this.ctx.actor), `${inc.status} → ${to}`, check.allowedRoles ?? []);
        throw new CoreError(
          'conflict',
          `${inc.ref} is ${inc.status}; it cannot go to ${to} from there. Refresh and check its current status.`,
        );
      }
      const at = this.ctx.now();
      this.setStatus.run(to, at, id);
      // Reaching "verified" or beyond implies someone has looked at it.
      if (inc.acknowledgedAt === null) this.ack.run(at, actorName(this.ctx.actor), at, id);
      this.incidents.appendTimeline(id, 'status', this.ctx.actor, note ?? `${inc.status} → ${to}`, {
        from: inc.status,
        to,
        note: note ?? null,
      });
      const after = this.changed(id);
      if (inc.status === 'closed') this.hooks.reopened?.(after);
      return after;
    });
  }

  setLevel(id: string, level: Level, reason: string): Incident {
    return this.tx(() => {
      const inc = this.incidents.get(id);
      this.requireOpen(inc);
      if (inc.level === level) return inc;
      if (isMajorLevel(level) || isMajorLevel(inc.level)) requireRole(this.ctx.actor, 'incident.setLevel.major');
      this.setLevelStmt.run(level, this.ctx.now(), id);
      this.incidents.appendTimeline(
        id,
        'level',
        this.ctx.actor,
        `${LEVEL_ROMAN[inc.level]} → ${LEVEL_ROMAN[level]}: ${reason}`,
        {
          from: inc.level,
          to: level,
          reason,
        },
      );
      const after = this.changed(id);
      this.hooks.levelChanged?.(after, inc.level);
      return after;
    });
  }

  setCategory(id: string, category: Category, reason: string): Incident {
    return this.tx(() => {
      const inc = this.incidents.get(id);
      this.requireOpen(inc);
      if (inc.category === category) return inc;
      const cls = classOf(category);
      this.setCategoryStmt.run(category, cls, this.ctx.now(), id);
      this.incidents.appendTimeline(id, 'category', this.ctx.actor, `${inc.category} → ${category}: ${reason}`, {
        from: inc.category,
        to: category,
        fromClass: inc.incidentClass,
        toClass: cls,
        reason,
      });
      return this.changed(id);
    });
  }

  assign(id: string, to: string | null): Incident {
    return this.tx(() => {
      const inc = this.incidents.get(id);
      this.requireOpen(inc);
      const before = (this.assignedOf.get(id) as { a: string | null }).a;
      if (before === to) return inc;
      this.assignStmt.run(to, this.ctx.now(), id);
      this.incidents.appendTimeline(id, 'assigned', this.ctx.actor, to ?? '—', { from: before, to });
      return this.changed(id);
    });
  }

  note(id: string, text: string): Incident {
    return this.tx(() => {
      this.incidents.get(id);
      this.touch.run(this.ctx.now(), id);
      this.incidents.appendTimeline(id, 'note', this.ctx.actor, text);
      return this.changed(id);
    });
  }

  close(id: string, outcome: string, lessons: string): Incident {
    return this.tx(() => {
      const inc = this.incidents.get(id);
      const check = checkTransition(inc.status, 'closed', roleOf(this.ctx.actor));
      if (!check.ok) {
        if (check.reason === 'role') throw refusal(roleOf(this.ctx.actor), 'incident.close', check.allowedRoles ?? []);
        throw new CoreError(
          'conflict',
          `${inc.ref} is ${inc.status}; only a contained incident can be closed. Mark it contained first.`,
        );
      }
      const at = this.ctx.now();
      this.closeStmt.run(at, outcome, lessons, at, id);
      this.incidents.appendTimeline(id, 'closed', this.ctx.actor, outcome, { outcome, lessons });
      const after = this.changed(id);
      this.hooks.closed?.(after, outcome, lessons);
      return after;
    });
  }

  assignedTo(id: string): string | null {
    const r = this.assignedOf.get(id) as { a: string | null } | undefined;
    return r?.a ?? null;
  }

  private requireOpen(inc: Incident): void {
    if (inc.status === 'closed' || inc.status === 'false_alarm' || inc.status === 'merged') {
      throw new CoreError('conflict', `${inc.ref} is ${inc.status}; reopen it before changing it.`);
    }
  }
}
