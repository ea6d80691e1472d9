import type { Database as Db, Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { proposeMerge } from '../../../shared/console/lifecycle';
import type { MergeProposal, MergeResult, SourceReport } from '../../../shared/contracts/console';
import { haversineMetres, OPEN_STATUSES, type Incident } from '../../../shared/domain';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { actorName } from '../roles/guard';

/** A row of merge_proposals as the feeds migration defines it (state 'open' is our 'proposed'). */
interface ProposalRow {
  id: string;
  incident_id: string;
  target_id: string;
  reason: string;
  distance_m: number;
  minutes: number;
  state: 'open' | 'accepted' | 'rejected';
  created_at: number;
}

const STATE_OF: Record<MergeProposal['status'], ProposalRow['state']> = {
  proposed: 'open',
  accepted: 'accepted',
  rejected: 'rejected',
};

interface MergeRow {
  id: string;
  proposal_id: string | null;
  survivor_id: string;
  absorbed_id: string;
  absorbed_status: string;
  absorbed_report_count: number;
  undone_at: number | null;
}

/**
 * Merge proposals, merges and splits. Nothing is deleted: a merged incident
 * keeps its row and its whole timeline (status `merged`, `merged_into` set),
 * and every report that changes incident is written to report_moves, which
 * is what makes a merge undoable exactly.
 */
export class MergeService {
  private readonly insertProposal: Statement;
  private readonly proposalById: Statement<[string]>;
  private readonly proposalsBy: Statement<[string]>;
  private readonly decide: Statement<[string, number, string, string | null, string]>;
  private readonly reportsOf: Statement<[string]>;
  private readonly moveReport: Statement<[string, string]>;
  private readonly recordMove: Statement;
  private readonly reportById: Statement<[string]>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly incidents: IncidentService,
  ) {
    const db: Db = ctx.db;
    this.insertProposal = db.prepare(`INSERT INTO merge_proposals
      (id, incident_id, target_id, reason, distance_m, minutes, state, created_at)
      VALUES (?, ?, ?, ?, ?, ?, 'open', ?)`);
    this.proposalById = db.prepare('SELECT * FROM merge_proposals WHERE id = ?');
    this.proposalsBy = db.prepare('SELECT * FROM merge_proposals WHERE state = ? ORDER BY created_at DESC LIMIT 500');
    this.decide = db.prepare(
      'UPDATE merge_proposals SET state = ?, decided_at = ?, decided_by = ?, decision_note = ? WHERE id = ?',
    );
    this.reportsOf = db.prepare(`SELECT id, incident_id AS incidentId, source, channel, received_at AS receivedAt,
      reporter_name AS reporterName, body FROM reports WHERE incident_id = ? ORDER BY received_at, id`);
    this.moveReport = db.prepare('UPDATE reports SET incident_id = ? WHERE id = ?');
    this.recordMove =
      db.prepare(`INSERT INTO report_moves (report_id, from_incident, to_incident, merge_id, kind, at, actor)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.reportById = db.prepare(`SELECT id, incident_id AS incidentId, source, channel, received_at AS receivedAt,
      reporter_name AS reporterName, body FROM reports WHERE id = ?`);
  }

  private tx<T>(fn: () => T): T {
    return this.ctx.db.transaction(fn)();
  }

  private toProposal(r: ProposalRow): MergeProposal {
    const [a, b] = this.incidents
      .byIds([r.incident_id, r.target_id])
      .reduce<[Incident | null, Incident | null]>(
        (acc, inc) => (inc.id === r.incident_id ? [inc, acc[1]] : [acc[0], inc]),
        [null, null],
      );
    return {
      id: r.id,
      incidentA: r.incident_id,
      incidentB: r.target_id,
      reason: r.reason,
      distanceM: r.distance_m,
      minutesApart: r.minutes,
      status: r.state === 'open' ? 'proposed' : r.state,
      createdAt: r.created_at,
      a,
      b,
    };
  }

  private proposal(id: string): ProposalRow {
    const r = this.proposalById.get(id) as ProposalRow | undefined;
    if (!r) throw new CoreError('not_found', `merge proposal ${id} not found`);
    return r;
  }

  reports(incidentId: string): SourceReport[] {
    this.incidents.get(incidentId);
    return this.reportsOf.all(incidentId) as SourceReport[];
  }

  /**
   * Record a proposal. Feeds call this with the dedup rule's reason; an operator
   * may propose any two open incidents, and the rule's numbers are kept when they apply.
   * Pairs are stored in id order so the same pair is proposed once.
   */
  propose(aId: string, bId: string, manual: boolean): MergeProposal | null {
    return this.tx(() => {
      if (aId === bId) throw new CoreError('invalid_request', 'An incident cannot be merged with itself.');
      const [first, second] = aId < bId ? [aId, bId] : [bId, aId];
      const a = this.incidents.get(first);
      const b = this.incidents.get(second);
      for (const inc of [a, b]) {
        if (!OPEN_STATUSES.includes(inc.status)) {
          throw new CoreError('conflict', `${inc.ref} is ${inc.status}; only open incidents can be merged.`);
        }
      }
      const rule = proposeMerge(a, b);
      if (!rule && !manual) return null;
      // The same pair, either way round, is proposed once while it is open (feeds may have proposed it already).
      const existing = this.ctx.db
        .prepare(
          `SELECT * FROM merge_proposals WHERE state = 'open'
           AND ((incident_id = ? AND target_id = ?) OR (incident_id = ? AND target_id = ?)) LIMIT 1`,
        )
        .get(first, second, second, first) as ProposalRow | undefined;
      if (existing) return this.toProposal(existing);
      const id = uuidv7();
      const reason = rule ? rule.text : `proposed by ${actorName(this.ctx.actor)}`;
      const distance =
        rule?.distanceM ??
        (a.lat !== null && a.lon !== null && b.lat !== null && b.lon !== null
          ? Math.round(haversineMetres(a.lat, a.lon, b.lat, b.lon))
          : 0);
      const minutes = rule?.minutesApart ?? Math.round(Math.abs(a.reportedAt - b.reportedAt) / 60_000);
      this.insertProposal.run(id, first, second, reason, distance, minutes, this.ctx.now());
      this.ctx.changes.record('merge_proposal', id, 'insert');
      return this.toProposal(this.proposal(id));
    });
  }

  list(status: MergeProposal['status']): MergeProposal[] {
    return (this.proposalsBy.all(STATE_OF[status]) as ProposalRow[])
      .map((r) => this.toProposal(r))
      .filter((p) => status !== 'proposed' || (p.a?.status !== 'merged' && p.b?.status !== 'merged'));
  }

  reject(proposalId: string, reason: string): MergeProposal {
    return this.tx(() => {
      const p = this.proposal(proposalId);
      if (p.state !== 'open') throw new CoreError('conflict', `This proposal was already ${p.state}.`);
      this.decide.run('rejected', this.ctx.now(), actorName(this.ctx.actor), reason, proposalId);
      this.ctx.changes.record('merge_proposal', proposalId, 'update');
      return this.toProposal(this.proposal(proposalId));
    });
  }

  /** Merge the pair: the absorbed incident's reports move to the survivor; both keep their timelines. */
  accept(proposalId: string, survivorId?: string): MergeResult {
    return this.tx(() => {
      const p = this.proposal(proposalId);
      if (p.state !== 'open') throw new CoreError('conflict', `This proposal was already ${p.state}.`);
      const a = this.incidents.get(p.incident_id);
      const b = this.incidents.get(p.target_id);
      if (survivorId !== undefined && survivorId !== a.id && survivorId !== b.id) {
        throw new CoreError('invalid_request', 'The incident to keep must be one of the two in the proposal.');
      }
      for (const inc of [a, b]) {
        if (!OPEN_STATUSES.includes(inc.status)) {
          throw new CoreError(
            'conflict',
            `${inc.ref} is ${inc.status} now; the proposal no longer applies. Reject it.`,
          );
        }
      }
      // By default keep the more severe incident, then the earlier one: its ref is the one already in use.
      const defaultSurvivor = a.level !== b.level ? (a.level < b.level ? a : b) : a.reportedAt <= b.reportedAt ? a : b;
      const survivor = survivorId ? (survivorId === a.id ? a : b) : defaultSurvivor;
      const absorbed = survivor.id === a.id ? b : a;
      const at = this.ctx.now();
      const who = actorName(this.ctx.actor);
      const mergeId = uuidv7();
      this.ctx.db
        .prepare(
          `INSERT INTO merges (id, proposal_id, survivor_id, absorbed_id, absorbed_status, survivor_report_count,
          absorbed_report_count, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          mergeId,
          p.id,
          survivor.id,
          absorbed.id,
          absorbed.status,
          survivor.reportCount,
          absorbed.reportCount,
          at,
          who,
        );
      const moved = this.reportsOf.all(absorbed.id) as SourceReport[];
      for (const r of moved) {
        this.moveReport.run(survivor.id, r.id);
        this.recordMove.run(r.id, absorbed.id, survivor.id, mergeId, 'merge', at, who);
      }
      this.ctx.db
        .prepare("UPDATE incidents SET status = 'merged', merged_into = ?, updated_at = ? WHERE id = ?")
        .run(survivor.id, at, absorbed.id);
      this.ctx.db
        .prepare('UPDATE incidents SET report_count = report_count + ?, updated_at = ? WHERE id = ?')
        .run(moved.length, at, survivor.id);
      this.decide.run('accepted', at, who, survivor.id, p.id);
      this.incidents.appendTimeline(absorbed.id, 'merged', this.ctx.actor, `merged into ${survivor.ref}`, {
        mergeId,
        into: survivor.id,
        reason: p.reason,
        previousStatus: absorbed.status,
      });
      this.incidents.appendTimeline(survivor.id, 'absorbed', this.ctx.actor, `absorbed ${absorbed.ref} (${p.reason})`, {
        mergeId,
        absorbed: absorbed.id,
        reports: moved.map((r) => r.id),
      });
      this.ctx.changes.record('incident', survivor.id, 'update');
      this.ctx.changes.record('incident', absorbed.id, 'update');
      this.ctx.changes.record('merge_proposal', p.id, 'update');
      return {
        mergeId,
        survivor: this.incidents.get(survivor.id),
        absorbed: this.incidents.get(absorbed.id),
        movedReports: moved.length,
      };
    });
  }

  /** Undo a merge exactly: the reports it moved go back, the absorbed incident gets its status back. */
  undo(mergeId: string): {
    survivor: ReturnType<IncidentService['get']>;
    restored: ReturnType<IncidentService['get']>;
  } {
    return this.tx(() => {
      const m = this.ctx.db.prepare('SELECT * FROM merges WHERE id = ?').get(mergeId) as MergeRow | undefined;
      if (!m) throw new CoreError('not_found', `merge ${mergeId} not found`);
      if (m.undone_at !== null) throw new CoreError('conflict', 'This merge has already been undone.');
      const absorbed = this.incidents.get(m.absorbed_id);
      if (absorbed.status !== 'merged') {
        throw new CoreError('conflict', `${absorbed.ref} is no longer merged; nothing to undo.`);
      }
      const at = this.ctx.now();
      const who = actorName(this.ctx.actor);
      const moves = this.ctx.db
        .prepare("SELECT report_id AS id FROM report_moves WHERE merge_id = ? AND kind = 'merge' ORDER BY id")
        .all(mergeId) as { id: string }[];
      let back = 0;
      for (const { id } of moves) {
        const r = this.reportById.get(id) as SourceReport;
        // A report split out since the merge stays where the operator put it.
        if (r.incidentId !== m.survivor_id) continue;
        this.moveReport.run(m.absorbed_id, id);
        this.recordMove.run(id, m.survivor_id, m.absorbed_id, mergeId, 'unmerge', at, who);
        back++;
      }
      this.ctx.db
        .prepare('UPDATE incidents SET status = ?, merged_into = NULL, report_count = ?, updated_at = ? WHERE id = ?')
        .run(m.absorbed_status, m.absorbed_report_count, at, m.absorbed_id);
      this.ctx.db
        .prepare('UPDATE incidents SET report_count = report_count - ?, updated_at = ? WHERE id = ?')
        .run(back, at, m.survivor_id);
      this.ctx.db.prepare('UPDATE merges SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, who, mergeId);
      if (m.proposal_id) this.decide.run('rejected', at, who, 'merge undone', m.proposal_id);
      const survivor = this.incidents.get(m.survivor_id);
      this.incidents.appendTimeline(m.absorbed_id, 'unmerged', this.ctx.actor, `merge into ${survivor.ref} undone`, {
        mergeId,
        restoredStatus: m.absorbed_status,
      });
      this.incidents.appendTimeline(m.survivor_id, 'unmerged', this.ctx.actor, `${absorbed.ref} split back out`, {
        mergeId,
        reports: back,
      });
      this.ctx.changes.record('incident', m.survivor_id, 'update');
      this.ctx.changes.record('incident', m.absorbed_id, 'update');
      return { survivor: this.incidents.get(m.survivor_id), restored: this.incidents.get(m.absorbed_id) };
    });
  }

  /** Move one report out of its incident into a new incident of its own. */
  split(reportId: string, title?: string): Incident {
    return this.tx(() => {
      const r = this.reportById.get(reportId) as SourceReport | undefined;
      if (!r || r.incidentId === null) throw new CoreError('not_found', `report ${reportId} not found`);
      const parent = this.incidents.get(r.incidentId);
      if (parent.reportCount <= 1) {
        throw new CoreError('conflict', `${parent.ref} has only this report; there is nothing to split it from.`);
      }
      const at = this.ctx.now();
      const id = uuidv7();
      this.ctx.db
        .prepare(
          `INSERT INTO incidents (id, ref, title, category, incident_class, level, status, district, address,
          lat, lon, description, channel, reported_at, updated_at, report_count)
          VALUES (?, ?, ?, ?, ?, ?, 'reported', ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(
          id,
          this.incidents.nextRef(at),
          title ?? parent.title,
          parent.category,
          parent.incidentClass,
          parent.level,
          parent.district,
          parent.address,
          parent.lat,
          parent.lon,
          parent.description,
          r.channel,
          r.receivedAt,
          at,
        );
      this.moveReport.run(id, reportId);
      this.recordMove.run(reportId, parent.id, id, null, 'split', at, actorName(this.ctx.actor));
      this.ctx.db
        .prepare('UPDATE incidents SET report_count = report_count - 1, updated_at = ? WHERE id = ?')
        .run(at, parent.id);
      const created = this.incidents.get(id);
      this.incidents.appendTimeline(id, 'split', this.ctx.actor, `split from ${parent.ref}`, {
        from: parent.id,
        reportId,
      });
      this.incidents.appendTimeline(parent.id, 'split', this.ctx.actor, `report split out to ${created.ref}`, {
        to: id,
        reportId,
      });
      this.ctx.changes.record('incident', id, 'insert');
      this.ctx.changes.record('incident', parent.id, 'update');
      return created;
    });
  }
}
