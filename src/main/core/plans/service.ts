import type { Database as Db, Statement } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { overdueStep } from '../../../shared/console/lifecycle';
import type { OverdueStep, PlanActivation, PlanDef, PlanStep } from '../../../shared/contracts/console';
import { LEVEL_ROMAN, OPEN_STATUSES, type Incident, type Level } from '../../../shared/domain';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { actorName } from '../roles/guard';
import { BUILTIN_PLANS } from './builtin/index';

interface StepRow {
  id: string;
  activation_id: string;
  code: string;
  seq: number;
  position: string;
  title_zh: string;
  title_en: string;
  deadline_at: number;
  state: PlanStep['state'];
  reason: string | null;
  done_at: number | null;
  done_by: string | null;
}

interface ActivationRow {
  id: string;
  incident_id: string;
  plan_id: string;
  level: number;
  activated_at: number;
  activated_by: string;
}

/** The steps of a plan that apply at a level, in plan order. */
export function stepsForLevel(plan: PlanDef, level: Level): PlanDef['steps'] {
  return plan.steps.filter((s) => s.levels.includes(level));
}

/**
 * Emergency plans (应急预案): the library, suggestions, activation with a
 * checklist whose deadlines count from activation, done/skipped marking,
 * overdue escalation, and the switch to the higher-level step set when an
 * incident's level is raised (what was done stays done).
 */
export class PlanService {
  private readonly plans = new Map<string, PlanDef>();
  private readonly insertStep: Statement;
  private readonly stepsOf: Statement<[string]>;
  private readonly activeOf: Statement<[string]>;
  private readonly stepById: Statement<[string]>;
  private readonly overdueStmt: Statement<[number]>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly incidents: IncidentService,
    library: readonly PlanDef[] = BUILTIN_PLANS,
  ) {
    for (const p of library) this.plans.set(p.id, p);
    const db: Db = ctx.db;
    this.insertStep = db.prepare(`INSERT INTO plan_steps
      (id, activation_id, code, seq, position, title_zh, title_en, deadline_at, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')`);
    this.stepsOf = db.prepare('SELECT * FROM plan_steps WHERE activation_id = ? ORDER BY seq, deadline_at');
    this.activeOf = db.prepare(
      "SELECT * FROM plan_activations WHERE incident_id = ? AND status = 'active' ORDER BY activated_at",
    );
    this.stepById = db.prepare('SELECT * FROM plan_steps WHERE id = ?');
    this.overdueStmt = db.prepare(`SELECT s.id AS stepId, a.incident_id AS incidentId, i.ref AS incidentRef,
        i.title AS incidentTitle, i.level, i.district, a.plan_id AS planId, s.title_zh AS titleZh,
        s.title_en AS titleEn, s.position, s.deadline_at AS deadlineAt
      FROM plan_steps s JOIN plan_activations a ON a.id = s.activation_id JOIN incidents i ON i.id = a.incident_id
      WHERE s.state = 'pending' AND s.deadline_at < ? AND a.status = 'active'
      ORDER BY s.deadline_at LIMIT 500`);
  }

  library(): PlanDef[] {
    return [...this.plans.values()];
  }

  private plan(id: string): PlanDef {
    const p = this.plans.get(id);
    if (!p) throw new CoreError('not_found', `There is no plan "${id}" in the library.`);
    return p;
  }

  /** Plans that match the incident's category and level and are not already active on it. */
  suggest(incidentId: string): PlanDef[] {
    const inc = this.incidents.get(incidentId);
    if (!OPEN_STATUSES.includes(inc.status)) return [];
    const active = new Set((this.activeOf.all(incidentId) as ActivationRow[]).map((a) => a.plan_id));
    return this.library().filter(
      (p) => p.categories.includes(inc.category) && p.levels.includes(inc.level) && !active.has(p.id),
    );
  }

  activate(incidentId: string, planId: string): PlanActivation {
    return this.ctx.db.transaction((): PlanActivation => {
      const inc = this.incidents.get(incidentId);
      const plan = this.plan(planId);
      if (!OPEN_STATUSES.includes(inc.status)) {
        throw new CoreError('conflict', `${inc.ref} is ${inc.status}; plans are activated only on open incidents.`);
      }
      if ((this.activeOf.all(incidentId) as ActivationRow[]).some((a) => a.plan_id === planId)) {
        throw new CoreError('conflict', `${plan.title.en} is already active on ${inc.ref}.`);
      }
      const at = this.ctx.now();
      const id = uuidv7();
      this.ctx.db
        .prepare(
          `INSERT INTO plan_activations (id, incident_id, plan_id, level, activated_at, activated_by, status)
          VALUES (?, ?, ?, ?, ?, ?, 'active')`,
        )
        .run(id, incidentId, planId, inc.level, at, actorName(this.ctx.actor));
      this.insertSteps(id, plan, inc.level, at, new Set());
      this.incidents.appendTimeline(incidentId, 'plan_activated', this.ctx.actor, plan.title.zh, {
        planId,
        activationId: id,
        level: inc.level,
      });
      this.ctx.changes.record('plan_activation', id, 'insert');
      this.ctx.changes.record('incident', incidentId, 'update');
      return this.activation(
        this.ctx.db.prepare('SELECT * FROM plan_activations WHERE id = ?').get(id) as ActivationRow,
      );
    })();
  }

  private insertSteps(activationId: string, plan: PlanDef, level: Level, from: number, have: Set<string>): number {
    let n = 0;
    plan.steps.forEach((s, seq) => {
      if (!s.levels.includes(level) || have.has(s.code)) return;
      this.insertStep.run(
        uuidv7(),
        activationId,
        s.code,
        seq,
        `${s.position.zh} / ${s.position.en}`,
        s.zh,
        s.en,
        from + s.minutes * 60_000,
      );
      n++;
    });
    return n;
  }

  private toStep(r: StepRow, now: number): PlanStep {
    const overdue = r.state === 'pending' && r.deadline_at < now;
    return {
      id: r.id,
      code: r.code,
      seq: r.seq,
      position: r.position,
      titleZh: r.title_zh,
      titleEn: r.title_en,
      deadlineAt: r.deadline_at,
      state: r.state,
      reason: r.reason,
      doneAt: r.done_at,
      doneBy: r.done_by,
      overdue,
      escalation: overdue ? overdueStep((now - r.deadline_at) / 60_000) : 0,
    };
  }

  private activation(a: ActivationRow): PlanActivation {
    const now = this.ctx.now();
    return {
      id: a.id,
      incidentId: a.incident_id,
      planId: a.plan_id,
      level: a.level as Level,
      activatedAt: a.activated_at,
      activatedBy: a.activated_by,
      steps: (this.stepsOf.all(a.id) as StepRow[]).map((r) => this.toStep(r, now)),
    };
  }

  checklist(incidentId: string): PlanActivation[] {
    this.incidents.get(incidentId);
    return (this.activeOf.all(incidentId) as ActivationRow[]).map((a) => this.activation(a));
  }

  markStep(stepId: string, state: 'done' | 'skipped', reason?: string): PlanStep {
    return this.ctx.db.transaction((): PlanStep => {
      const r = this.stepById.get(stepId) as StepRow | undefined;
      if (!r) throw new CoreError('not_found', `plan step ${stepId} not found`);
      if (r.state !== 'pending') throw new CoreError('conflict', `This step is already ${r.state}.`);
      if (state === 'skipped' && (!reason || reason.trim().length < 2)) {
        throw new CoreError('invalid_request', 'Say why the step is skipped.');
      }
      const a = this.ctx.db
        .prepare('SELECT * FROM plan_activations WHERE id = ?')
        .get(r.activation_id) as ActivationRow;
      const at = this.ctx.now();
      this.ctx.db
        .prepare('UPDATE plan_steps SET state = ?, reason = ?, done_at = ?, done_by = ? WHERE id = ?')
        .run(state, reason ?? null, at, actorName(this.ctx.actor), stepId);
      this.incidents.appendTimeline(
        a.incident_id,
        `plan_step_${state}`,
        this.ctx.actor,
        reason ? `${r.title_zh} — ${reason}` : r.title_zh,
        {
          stepId,
          code: r.code,
          planId: a.plan_id,
          lateByMs: Math.max(0, at - r.deadline_at),
        },
      );
      this.ctx.changes.record('plan_step', stepId, 'update');
      return this.toStep(this.stepById.get(stepId) as StepRow, at);
    })();
  }

  /** Pending steps past their deadline on open incidents, most overdue first: for the console and the boards. */
  overdue(): OverdueStep[] {
    const now = this.ctx.now();
    return (this.overdueStmt.all(now) as Omit<OverdueStep, 'minutesOverdue' | 'escalation'>[]).map((r) => {
      const minutesOverdue = Math.floor((now - r.deadlineAt) / 60_000);
      return { ...r, minutesOverdue, escalation: overdueStep(minutesOverdue) };
    });
  }

  /**
   * Called inside the level change's transaction. The new level's step set
   * replaces the old: steps already done or skipped stay as they are, pending
   * steps that the new level does not have are superseded, and steps new to
   * this level get deadlines counted from now (the moment of escalation).
   */
  levelChanged(inc: Incident, from: Level): void {
    const at = this.ctx.now();
    for (const a of this.activeOf.all(inc.id) as ActivationRow[]) {
      const plan = this.plan(a.plan_id);
      const wanted = new Set(stepsForLevel(plan, inc.level).map((s) => s.code));
      const rows = this.stepsOf.all(a.id) as StepRow[];
      const have = new Set<string>();
      for (const r of rows) {
        if (r.state === 'superseded') continue;
        if (r.state === 'pending' && !wanted.has(r.code)) {
          this.ctx.db.prepare("UPDATE plan_steps SET state = 'superseded', done_at = ? WHERE id = ?").run(at, r.id);
          continue;
        }
        have.add(r.code);
      }
      const added = this.insertSteps(a.id, plan, inc.level, at, have);
      this.ctx.db.prepare('UPDATE plan_activations SET level = ? WHERE id = ?').run(inc.level, a.id);
      this.incidents.appendTimeline(
        inc.id,
        'plan_level',
        this.ctx.actor,
        `${plan.title.zh}: ${LEVEL_ROMAN[from]} → ${LEVEL_ROMAN[inc.level]}`,
        { planId: plan.id, from, to: inc.level, added },
      );
      this.ctx.changes.record('plan_activation', a.id, 'update');
    }
  }
}
