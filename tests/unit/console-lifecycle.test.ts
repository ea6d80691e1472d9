import { afterEach, describe, expect, it } from 'vitest';
import {
  allowedTargets,
  checkTransition,
  escalationStep,
  ESCALATION_MINUTES,
  TRANSITIONS,
} from '../../src/shared/console/lifecycle';
import { ROLES, type Role } from '../../src/shared/console/roles';
import { INCIDENT_STATUSES, LEVELS, type IncidentStatus } from '../../src/shared/domain';
import { buildQueueSql } from '../../src/main/core/lifecycle/queue';
import { harness, type Harness } from '../helpers/console';

const OPS: Role[] = ['duty_officer', 'duty_chief', 'leader_on_duty'];
/** The whole table written out by hand, so a change to TRANSITIONS has to be made twice on purpose. */
const EXPECTED: Record<IncidentStatus, Partial<Record<IncidentStatus, Role[]>>> = {
  reported: { verified: OPS, responding: OPS, false_alarm: OPS },
  verified: { responding: OPS, contained: OPS, false_alarm: OPS },
  responding: { contained: OPS },
  contained: { closed: OPS, responding: OPS },
  closed: { responding: ['duty_chief', 'leader_on_duty'] },
  false_alarm: { reported: ['duty_chief', 'leader_on_duty'] },
  merged: {},
};

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('incident state machine (pure)', () => {
  it('allows exactly the listed transitions to exactly the listed roles, for every pair and role', () => {
    let checked = 0;
    for (const from of INCIDENT_STATUSES) {
      for (const to of INCIDENT_STATUSES) {
        for (const role of ROLES) {
          const c = checkTransition(from, to, role);
          const roles = EXPECTED[from][to];
          if (from === to) expect(c).toEqual({ ok: false, reason: 'same_status' });
          else if (!roles) expect(c.ok ? 'ok' : c.reason).toBe('not_allowed');
          else if (roles.includes(role)) expect(c.ok).toBe(true);
          else expect(c.ok ? 'ok' : c.reason).toBe('role');
          checked++;
        }
      }
    }
    expect(checked).toBe(7 * 7 * 4);
    // Nothing ever moves an incident to "merged" by a plain transition, and the wall can do nothing.
    for (const from of INCIDENT_STATUSES) {
      expect(TRANSITIONS[from].some((r) => r.to === 'merged')).toBe(false);
      expect(allowedTargets(from, 'wall_readonly')).toEqual([]);
    }
  });

  it('escalates unacknowledged items by age, sooner for severe levels', () => {
    for (const level of LEVELS) {
      const [a, b, c] = ESCALATION_MINUTES[level].map((m) => m * 60_000);
      expect(escalationStep(0, level)).toEqual({ step: 0, nextAtMs: a });
      expect(escalationStep(a - 1, level).step).toBe(0);
      expect(escalationStep(a, level)).toEqual({ step: 1, nextAtMs: b });
      expect(escalationStep(b, level).step).toBe(2);
      expect(escalationStep(c, level)).toEqual({ step: 3, nextAtMs: null });
    }
    expect(escalationStep(3 * 60_000, 1).step).toBeGreaterThan(escalationStep(3 * 60_000, 4).step);
  });
});

describe('incident lifecycle service', () => {
  it('walks reported → verified → responding → contained → closed with a timeline entry for each change', () => {
    h = harness();
    const inc = h.report();
    h.clock.advance(2);
    const acked = h.call('incident.acknowledge', { id: inc.id });
    expect(acked.acknowledgedAt).toBe(h.clock.t);
    for (const to of ['verified', 'responding', 'contained'] as const) {
      h.clock.advance(5);
      expect(h.call('incident.transition', { id: inc.id, to }).status).toBe(to);
    }
    const closed = h.call('incident.close', {
      id: inc.id,
      outcome: '积水排除，道路恢复通行',
      lessons: '下立交泵站需提前预排',
    });
    expect(closed.status).toBe('closed');
    const { timeline } = h.call('incident.get', { id: inc.id });
    expect(timeline.map((t) => t.kind)).toEqual(['reported', 'acknowledged', 'status', 'status', 'status', 'closed']);
    expect(timeline[2].text).toBe('reported → verified');
    // The timeline table refuses edits even from the core's own connection.
    expect(() => h!.core.store.db.prepare('UPDATE timeline SET text = ?').run('x')).toThrow(/append-only/);
  });

  it('refuses a transition the machine does not allow, saying where the incident is, and changes nothing', () => {
    h = harness();
    const inc = h.report();
    const r = h.raw('incident.transition', { id: inc.id, to: 'contained' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('conflict');
      expect(r.error.message).toMatch(/is reported; it cannot go to contained/);
    }
    expect(h.call('incident.get', { id: inc.id }).incident.status).toBe('reported');
    const closeEarly = h.raw('incident.close', { id: inc.id, outcome: 'done', lessons: '' });
    expect(closeEarly.ok ? '' : closeEarly.error.message).toMatch(/only a contained incident can be closed/);
  });

  it('needs a reason for level and category changes and records both ends in the timeline', () => {
    h = harness();
    const inc = h.report({ category: 'fire', title: '徐汇区居民楼火警', district: 'xuhui' });
    expect(() => h!.call('incident.setLevel', { id: inc.id, level: 4, reason: '' })).toThrow(/invalid request/);
    const lowered = h.call('incident.setLevel', { id: inc.id, level: 4, reason: '现场核实无人员被困' });
    expect(lowered.level).toBe(4);
    const moved = h.call('incident.setCategory', { id: inc.id, category: 'gas', reason: '消防确认为燃气泄漏引发' });
    expect(moved.category).toBe('gas');
    expect(moved.incidentClass).toBe('accident');
    const health = h.call('incident.setCategory', { id: inc.id, category: 'poisoning', reason: '多人一氧化碳中毒' });
    expect(health.incidentClass).toBe('public_health');
    const tl = h.call('incident.get', { id: inc.id }).timeline;
    expect(tl.find((t) => t.kind === 'level')?.text).toBe('III → IV: 现场核实无人员被困');
    expect(tl.filter((t) => t.kind === 'category').map((t) => t.text)).toEqual([
      'fire → gas: 消防确认为燃气泄漏引发',
      'gas → poisoning: 多人一氧化碳中毒',
    ]);
  });

  it('lets only the duty chief or leader set level I/II', () => {
    h = harness();
    const inc = h.report();
    const r = h.raw('incident.setLevel', { id: inc.id, level: 2, reason: '积水深度超过50厘米，车辆被困' });
    expect(r.ok ? '' : r.error.code).toBe('refused');
    expect(r.ok ? '' : r.error.message).toMatch(/duty chief/);
    expect(h.call('incident.get', { id: inc.id }).incident.level).toBe(3);
    h.core.ctx.actor.role = 'duty_chief';
    expect(h.call('incident.setLevel', { id: inc.id, level: 2, reason: '积水深度超过50厘米，车辆被困' }).level).toBe(2);
  });
});

describe('incident queue', () => {
  it('filters by status, level, class, category, district, channel, assignment and acknowledgement', () => {
    h = harness({ role: 'duty_chief' });
    const a = h.report();
    const b = h.report({
      title: '闵行区化工厂异味',
      category: 'hazmat',
      district: 'minhang',
      channel: '110',
      level: 2,
      lat: undefined,
      lon: undefined,
    });
    const c = h.report({
      title: '黄浦区外滩人员密集',
      category: 'crowd',
      district: 'huangpu',
      channel: 'grid',
      level: 3,
      lat: undefined,
      lon: undefined,
    });
    h.call('incident.acknowledge', { id: c.id });
    h.call('incident.assign', { id: b.id, to: 'zhang.wei' });
    const ids = (f: object): string[] =>
      h!
        .call('queue.query', f)
        .map((i) => i.id)
        .sort();
    expect(ids({})).toEqual([a.id, b.id, c.id].sort());
    expect(ids({ level: [2] })).toEqual([b.id]);
    expect(ids({ incidentClass: ['social_security'] })).toEqual([c.id]);
    expect(ids({ category: ['waterlogging', 'hazmat'] })).toEqual([a.id, b.id].sort());
    expect(ids({ district: ['huangpu'] })).toEqual([c.id]);
    expect(ids({ channel: ['110'] })).toEqual([b.id]);
    expect(ids({ assignedToMe: true })).toEqual([b.id]);
    expect(ids({ unacknowledgedOnly: true })).toEqual([a.id, b.id].sort());
    expect(ids({ status: ['verified'] })).toEqual([]);
    // Unacknowledged first, then by level.
    expect(h.call('queue.query', {}).map((i) => i.id)).toEqual([b.id, a.id, c.id]);
  });

  it('reports escalation of unacknowledged items on the fake clock', () => {
    h = harness();
    const inc = h.report({ level: 4 });
    expect(h.call('queue.query', {})[0].escalation).toBe(0);
    h.clock.advance(25);
    expect(h.call('queue.query', {})[0].escalation).toBe(2);
    h.call('incident.acknowledge', { id: inc.id });
    expect(h.call('queue.query', {})[0].escalation).toBe(0);
  });

  it('keeps saved views per seat', () => {
    h = harness();
    const v = h.call('queue.views.save', {
      name: '浦东积水',
      filters: { district: ['pudong'], category: ['waterlogging'] },
    });
    h.call('queue.views.save', { name: '浦东积水', filters: { district: ['pudong'] } });
    const views = h.call('queue.views.list', {});
    expect(views).toHaveLength(1);
    expect(views[0]).toMatchObject({ id: v.id, name: '浦东积水', filters: { district: ['pudong'] } });
    h.core.ctx.actor.seat = 'seat-2';
    expect(h.call('queue.views.list', {})).toEqual([]);
    h.core.ctx.actor.seat = 'seat-1';
    expect(h.call('queue.views.delete', { id: v.id })).toEqual({ deleted: true });
  });

  it('uses indexes for the hot queue queries (EXPLAIN QUERY PLAN)', () => {
    h = harness();
    const db = h.core.store.db;
    const plan = (f: object): string => {
      const { sql, params } = buildQueueSql(f, 'zhang.wei');
      return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    };
    expect(plan({})).toMatch(/SEARCH incidents USING INDEX incidents_open \(status=\?\)/);
    expect(plan({ level: [1, 2] })).toMatch(/USING INDEX incidents_open \(status=\? AND level=\?\)/);
    expect(plan({ district: ['pudong'] })).toMatch(/USING INDEX (incidents_district|incidents_open)/);
    expect(plan({ assignedToMe: true })).toMatch(/USING INDEX (incidents_assigned|incidents_open)/);
    for (const f of [{}, { level: [1] }, { district: ['pudong'] }, { category: ['fire'] }]) {
      expect(plan(f)).not.toMatch(/SCAN incidents(?! USING)/);
    }
  });
});
