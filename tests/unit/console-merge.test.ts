import { afterEach, describe, expect, it } from 'vitest';
import { MERGE_RULE, proposeMerge, type MergeCandidate } from '../../src/shared/console/lifecycle';
import { harness, type Harness } from '../helpers/console';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

const base: MergeCandidate = {
  id: 'a',
  category: 'fire',
  status: 'reported',
  lat: 31.2285,
  lon: 121.5254,
  reportedAt: 0,
};

describe('proposeMerge rule (pure)', () => {
  it('proposes same-category open incidents within 500 m and 30 minutes, with the reason', () => {
    const near = { ...base, id: 'b', lat: 31.2305, reportedAt: 12 * 60_000 }; // ~222 m north
    const r = proposeMerge(base, near);
    expect(r).toMatchObject({ sameCategory: true, minutesApart: 12 });
    expect(r?.distanceM).toBeGreaterThan(200);
    expect(r?.distanceM).toBeLessThan(240);
    expect(r?.text).toBe(`same category (fire), ${r?.distanceM} m apart, 12 min apart`);
  });

  it('does not propose across categories, beyond the limits, for closed ones, or without coordinates', () => {
    expect(proposeMerge(base, { ...base, id: 'b', category: 'gas' })).toBeNull();
    expect(proposeMerge(base, { ...base, id: 'b', lat: 31.2335 })).toBeNull(); // ~555 m
    expect(proposeMerge(base, { ...base, id: 'b', reportedAt: (MERGE_RULE.maxMinutesApart + 1) * 60_000 })).toBeNull();
    expect(proposeMerge(base, { ...base, id: 'b', status: 'closed' })).toBeNull();
    expect(proposeMerge(base, { ...base, id: 'b', lat: null })).toBeNull();
    expect(proposeMerge(base, base)).toBeNull();
  });
});

describe('merge, undo and split', () => {
  function twoFires(x: Harness): { a: ReturnType<Harness['report']>; b: ReturnType<Harness['report']> } {
    const a = x.report({
      title: '杨浦区控江路居民楼起火',
      category: 'fire',
      district: 'yangpu',
      channel: '119',
      lat: 31.2726,
      lon: 121.5311,
      reporterName: '陈先生',
    });
    x.call('incident.acknowledge', { id: a.id });
    x.call('incident.transition', { id: a.id, to: 'verified' });
    x.clock.advance(6);
    const b = x.report({
      title: '控江路冒黑烟',
      category: 'fire',
      district: 'yangpu',
      channel: '12345',
      lat: 31.2731,
      lon: 121.5318,
      level: 4,
    });
    x.call('incident.note', { id: b.id, text: '来电称看到浓烟' });
    return { a, b };
  }

  it('merges keeping every report and both timelines, and undoing restores exactly', () => {
    h = harness();
    const { a, b } = twoFires(h);
    const before = { a: h.call('incident.get', { id: a.id }), b: h.call('incident.get', { id: b.id }) };
    const bReports = h.call('incident.reports', { id: b.id }).map((r) => r.id);

    const p = h.core.console.merges.propose(b.id, a.id, false);
    expect(p).not.toBeNull();
    expect(p?.reason).toMatch(/^same category \(fire\), \d+ m apart, 6 min apart$/);
    expect(h.call('merge.proposals', {}).map((x) => x.id)).toEqual([p?.id]);

    h.clock.advance(1);
    const m = h.call('merge.accept', { proposalId: p!.id });
    expect(m.survivor.id).toBe(a.id); // the more severe one stays
    expect(m.absorbed).toMatchObject({ id: b.id, status: 'merged' });
    expect(m.movedReports).toBe(1);
    expect(m.survivor.reportCount).toBe(2);
    const survivorReports = h.call('incident.reports', { id: a.id }).map((r) => r.id);
    expect(survivorReports).toEqual(expect.arrayContaining(bReports));
    expect(h.call('incident.reports', { id: b.id })).toEqual([]);
    // Both timelines intact: the old entries unchanged, one new entry on each.
    const afterA = h.call('incident.get', { id: a.id }).timeline;
    const afterB = h.call('incident.get', { id: b.id }).timeline;
    expect(afterA.slice(0, before.a.timeline.length)).toEqual(before.a.timeline);
    expect(afterB.slice(0, before.b.timeline.length)).toEqual(before.b.timeline);
    expect(afterA.at(-1)?.kind).toBe('absorbed');
    expect(afterB.at(-1)).toMatchObject({ kind: 'merged', text: `merged into ${a.ref}` });
    expect(h.call('queue.query', {}).map((i) => i.id)).toEqual([a.id]);
    expect(h.call('merge.proposals', {})).toEqual([]);
    expect(h.call('merge.proposals', { status: 'accepted' })[0].id).toBe(p?.id);

    const officerUndo = h.raw('merge.undo', { mergeId: m.mergeId });
    expect(officerUndo.ok ? '' : officerUndo.error.code).toBe('refused');
    h.core.ctx.actor.role = 'duty_chief';
    h.clock.advance(3);
    const u = h.call('merge.undo', { mergeId: m.mergeId });
    const strip = (i: typeof u.restored): object => ({ ...i, updatedAt: 0 });
    expect(strip(u.restored)).toEqual(strip(before.b.incident));
    expect(strip(u.survivor)).toEqual(strip(before.a.incident));
    expect(h.call('incident.reports', { id: b.id }).map((r) => r.id)).toEqual(bReports);
    expect(h.call('incident.reports', { id: a.id })).toHaveLength(1);
    const finalB = h.call('incident.get', { id: b.id }).timeline;
    expect(finalB.slice(0, afterB.length)).toEqual(afterB);
    expect(finalB.at(-1)?.kind).toBe('unmerged');
    const moves = h.core.store.db.prepare('SELECT kind FROM report_moves ORDER BY id').all();
    expect(moves).toEqual([{ kind: 'merge' }, { kind: 'unmerge' }]);
    expect(h.raw('merge.undo', { mergeId: m.mergeId }).ok).toBe(false);
  });

  it('keeps the chosen survivor, refuses stale proposals, and records rejections', () => {
    h = harness();
    const { a, b } = twoFires(h);
    const p = h.call('merge.propose', { a: a.id, b: b.id });
    const again = h.call('merge.propose', { a: b.id, b: a.id });
    expect(again.id).toBe(p.id);
    const rejected = h.call('merge.reject', { proposalId: p.id, reason: '两处不同楼栋' });
    expect(rejected.status).toBe('rejected');
    expect(h.raw('merge.accept', { proposalId: p.id }).ok).toBe(false);
    const p2 = h.call('merge.propose', { a: a.id, b: b.id });
    const m = h.call('merge.accept', { proposalId: p2.id, survivorId: b.id });
    expect(m.survivor.id).toBe(b.id);
    expect(h.call('incident.get', { id: a.id }).incident.status).toBe('merged');
  });

  it('splits a report out into a new incident and refuses to split the only report', () => {
    h = harness();
    const { a, b } = twoFires(h);
    const p = h.call('merge.propose', { a: a.id, b: b.id });
    h.call('merge.accept', { proposalId: p.id });
    const reports = h.call('incident.reports', { id: a.id });
    const fromB = reports.find((r) => r.channel === '12345')!;
    const split = h.call('incident.split', { reportId: fromB.id, title: '控江路另一处冒烟' });
    expect(split).toMatchObject({
      title: '控江路另一处冒烟',
      status: 'reported',
      reportCount: 1,
      category: 'fire',
      channel: '12345',
    });
    expect(h.call('incident.reports', { id: split.id }).map((r) => r.id)).toEqual([fromB.id]);
    expect(h.call('incident.get', { id: a.id }).incident.reportCount).toBe(1);
    expect(h.call('incident.get', { id: split.id }).timeline[0]).toMatchObject({
      kind: 'split',
      text: `split from ${a.ref}`,
    });
    const only = h.raw('incident.split', { reportId: reports.find((r) => r.channel === '119')!.id });
    expect(only.ok ? '' : only.error.message).toMatch(/has only this report/);
  });
});
