import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PLANS } from '../../src/main/core/plans/builtin/index';
import { stepsForLevel } from '../../src/main/core/plans/service';
import { CATEGORY_CODES, LEVELS } from '../../src/shared/domain';
import { harness, type Harness } from '../helpers/console';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('built-in plan library', () => {
  it('ships the six plans, each with 8–15 steps at every level it applies to, in Chinese and English', () => {
    expect(BUILTIN_PLANS.map((p) => p.id)).toEqual([
      'flood-typhoon',
      'hazmat-leak',
      'gas-explosion',
      'metro-disruption',
      'crowd-safety',
      'network-outage',
    ]);
    for (const plan of BUILTIN_PLANS) {
      expect(plan.title.zh).toMatch(/预案/);
      for (const c of plan.categories) expect(CATEGORY_CODES).toContain(c);
      const codes = plan.steps.map((s) => s.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const level of LEVELS) {
        const n = stepsForLevel(plan, level).length;
        expect(n, `${plan.id} level ${level}`).toBeGreaterThanOrEqual(8);
        expect(n, `${plan.id} level ${level}`).toBeLessThanOrEqual(15);
      }
      // The higher-level set is the larger one, and every plan starts with the notification chain.
      expect(stepsForLevel(plan, 1).length).toBeGreaterThan(stepsForLevel(plan, 4).length - 2);
      expect(plan.steps[0].code).toBe('notify-chain');
      expect(plan.steps[0].minutes).toBeLessThanOrEqual(5);
      for (const s of plan.steps) {
        expect(s.zh).toMatch(/[\u4e00-\u9fff]/);
        expect(s.en).toMatch(/^[A-Z]/);
        expect(s.minutes).toBeGreaterThan(0);
        expect(s.position.zh.length).toBeGreaterThan(1);
      }
      // What such plans contain: notification, information release, a stand-down.
      expect(codes).toContain('press');
      expect(codes).toContain('stand-down');
    }
  });
});

describe('plan activation, checklist and escalation on a fake clock', () => {
  it('suggests matching plans, runs the checklist, escalates overdue steps and switches steps when the level is raised', () => {
    h = harness({ role: 'duty_chief' });
    const inc = h.report({
      title: '金山区化工园区储罐泄漏',
      category: 'hazmat',
      district: 'jinshan',
      channel: '119',
      level: 3,
      lat: undefined,
      lon: undefined,
    });
    const other = h.report({
      title: '宝山区道路积水',
      category: 'waterlogging',
      district: 'baoshan',
      level: 4,
      lat: undefined,
      lon: undefined,
    });
    expect(h.call('plan.suggest', { incidentId: inc.id }).map((p) => p.id)).toEqual(['hazmat-leak']);
    expect(h.call('plan.suggest', { incidentId: other.id })).toEqual([]); // flood plan starts at level III

    const act = h.call('plan.activate', { incidentId: inc.id, planId: 'hazmat-leak' });
    expect(act.level).toBe(3);
    expect(act.steps).toHaveLength(10);
    expect(act.steps.map((s) => s.code)).toContain('district-lead');
    expect(act.steps.map((s) => s.code)).not.toContain('evacuate');
    const notify = act.steps.find((s) => s.code === 'notify-chain')!;
    expect(notify.deadlineAt).toBe(h.clock.t + 5 * 60_000);
    expect(h.call('plan.suggest', { incidentId: inc.id })).toEqual([]);
    expect(h.raw('plan.activate', { incidentId: inc.id, planId: 'hazmat-leak' }).ok).toBe(false);

    h.clock.advance(3);
    h.call('plan.step', { stepId: notify.id, state: 'done' });
    expect(() => h!.call('plan.step', { stepId: act.steps[1].id, state: 'skipped' })).toThrow(/reason_required/);
    const skipped = h.call('plan.step', {
      stepId: act.steps.find((s) => s.code === 'identify')!.id,
      state: 'skipped',
      reason: '企业已提供MSDS',
    });
    expect(skipped).toMatchObject({ state: 'skipped', reason: '企业已提供MSDS' });
    expect(h.call('plan.overdue', {})).toEqual([]);

    // 20 minutes in: the 15-minute cordon is 5 minutes late, the 20-minute rescue just due.
    h.clock.advance(17);
    const overdue = h.call('plan.overdue', {});
    expect(overdue.map((o) => o.titleEn)).toEqual([expect.stringMatching(/^Set the cordon/)]);
    expect(overdue[0]).toMatchObject({ minutesOverdue: 5, escalation: 1, incidentRef: inc.ref });
    h.clock.advance(40);
    const later = h.call('plan.overdue', {});
    expect(later[0]).toMatchObject({ minutesOverdue: 45, escalation: 3 });
    expect(h.call('queue.query', {}).find((q) => q.id === inc.id)?.overdueSteps).toBe(later.length);

    // Raised to level II: the higher-level steps come in with deadlines from now; what was done stays done.
    const raisedAt = h.clock.t;
    h.call('incident.setLevel', { id: inc.id, level: 2, reason: '下风向检测到苯超标' });
    const [after] = h.call('plan.checklist', { incidentId: inc.id });
    expect(after.level).toBe(2);
    const live = after.steps.filter((s) => s.state !== 'superseded');
    expect(live).toHaveLength(12);
    expect(live.find((s) => s.code === 'notify-chain')).toMatchObject({ state: 'done', id: notify.id });
    expect(live.find((s) => s.code === 'identify')?.state).toBe('skipped');
    expect(live.find((s) => s.code === 'evacuate')).toMatchObject({
      state: 'pending',
      deadlineAt: raisedAt + 45 * 60_000,
    });
    expect(live.find((s) => s.code === 'leader-report')?.deadlineAt).toBe(raisedAt + 15 * 60_000);
    expect(after.steps.find((s) => s.code === 'district-lead')?.state).toBe('superseded');
    const kinds = h.call('incident.get', { id: inc.id }).timeline.map((t) => t.kind);
    expect(kinds).toEqual(['reported', 'plan_activated', 'plan_step_done', 'plan_step_skipped', 'level', 'plan_level']);
  });
});
