import { afterEach, describe, expect, it } from 'vitest';
import { generateMonth } from '../../src/shared/roster-pattern';
import { checkRoster } from '../../src/shared/roster-rules';
import { dateStart } from '../../src/shared/roster-time';
import { generateOctober, seedCentre, TEAM_NAMES, type Seeded } from '../helpers/roster-seed';

const open: Seeded[] = [];
afterEach(() => open.splice(0).forEach((s) => s.cleanup()));
function seeded(operator?: string): Seeded {
  const s = seedCentre({ operator });
  open.push(s);
  return s;
}
const actor = { seat: 'seat-1', operator: 'wangjg' };

describe('rotation patterns', () => {
  it('generates October 2026 for four teams: one team on days and one on nights every date, holidays marked', () => {
    const s = seeded();
    const holidays = new Set(
      s.core.rosters.setup
        .holidays()
        .filter((h) => h.kind === 'holiday')
        .map((h) => h.date),
    );
    const gen = generateMonth(s.patterns.teams, '2026-10', holidays);
    // 31 days × 2 working teams × 4 members.
    expect(gen).toHaveLength(31 * 2 * 4);
    for (const date of ['2026-10-01', '2026-10-15', '2026-10-31']) {
      const teams = gen.filter((g) => g.date === date);
      const day = new Set(teams.filter((g) => g.shiftId === s.shift.day.id).map((g) => g.team));
      const night = new Set(teams.filter((g) => g.shiftId === s.shift.night.id).map((g) => g.team));
      expect(day.size).toBe(1);
      expect(night.size).toBe(1);
    }
    // Anchor 2026-09-01: 30 days later (10-01) team 甲 is at cycle index 30 mod 4 = 2 (off); 乙 at 1 (night); 丙 at 0 (day).
    const oct1 = gen.filter((g) => g.date === '2026-10-01');
    expect(oct1.find((g) => g.shiftId === s.shift.day.id)?.team).toBe(TEAM_NAMES[2]);
    expect(oct1.find((g) => g.shiftId === s.shift.night.id)?.team).toBe(TEAM_NAMES[1]);
    expect(
      gen
        .filter((g) => g.holiday)
        .map((g) => g.date)
        .filter((d, i, a) => a.indexOf(d) === i),
    ).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    // The adjusted working day (调休) is not a holiday.
    expect(gen.some((g) => g.date === '2026-10-10' && g.holiday)).toBe(false);
  });

  it('leaves holidays for manual staffing when the pattern says skip', () => {
    const s = seeded();
    const gen = generateMonth(
      { ...s.patterns.teams, holidayPolicy: 'skip' },
      '2026-10',
      new Set(['2026-10-01', '2026-10-02']),
    );
    expect(gen.some((g) => g.date === '2026-10-01' || g.date === '2026-10-02')).toBe(false);
    expect(gen).toHaveLength(29 * 8);
  });

  it('saves a generated month with no violations, one history row per assignment', () => {
    const s = seeded();
    generateOctober(s);
    const view = s.core.rosters.roster.view('2026-10-01', '2026-10-31');
    // Per day: leader 1 + day (chief, 2 officers, tech, liaison) + night (chief, 2 officers, tech) = 10.
    expect(view.assignments).toHaveLength(31 * 10);
    expect(view.violations).toEqual([]);
    expect(view.holidays.filter((h) => h.kind === 'holiday')).toHaveLength(7);
    expect(s.core.rosters.roster.history('2026-10-01', '2026-10-31', 5000)).toHaveLength(310);
  });

  it('refuses a pattern whose team member sits on a position its shifts do not staff', () => {
    const s = seeded();
    expect(() =>
      s.core.rosters.setup.upsertPattern({
        ...s.patterns.liaison,
        teams: s.patterns.liaison.teams.map((t) => ({ name: t.name, members: [...t.members] })),
        id: undefined,
        name: '错误',
        cycle: [s.shift.night.id],
      }),
    ).toThrow(/does not staff/);
  });
});

describe('saving edits', () => {
  it('refuses an edit that introduces a violation, writing nothing, and saves it with an audited override', () => {
    const s = seeded();
    generateOctober(s);
    const { roster } = s.core.rosters;
    const nightOfficer = roster
      .view('2026-10-05', '2026-10-05')
      .assignments.find((a) => a.shiftId === s.shift.night.id && a.positionId === s.pos.officer.id)!;
    const tired = nightOfficer.personId;
    // Put the same officer on the next day shift: 0 h rest.
    const edit = [
      {
        op: 'assign' as const,
        date: '2026-10-06',
        shiftId: s.shift.day.id,
        positionId: s.pos.officer.id,
        personId: tired,
      },
    ];
    const preview = roster.check(edit);
    expect(preview.introduced.map((v) => v.rule)).toEqual(['min_rest']);
    const historyBefore = roster.history().length;
    expect(() => roster.save(edit, actor, { reason: '临时加班' })).toThrow(/breaks 1 roster rule.*min_rest.*override/);
    expect(roster.history()).toHaveLength(historyBefore);
    expect(roster.view('2026-10-06', '2026-10-06').assignments.filter((a) => a.personId === tired)).toHaveLength(0);

    s.clock.now += 60_000;
    const saved = roster.save(edit, actor, { reason: '临时加班', override: { reason: '台风预警，加强白班力量' } });
    expect(saved.introduced.map((v) => v.rule)).toEqual(['min_rest']);
    const h = roster.history()[0];
    expect(h).toMatchObject({
      actor: 'wangjg',
      reason: '临时加班',
      op: 'assign',
      overrideReason: '台风预警，加强白班力量',
    });
    expect(h.after?.personId).toBe(tired);
    const audit = s.core.store.db.prepare('SELECT actor, at, reason, violations FROM roster_overrides').all() as {
      actor: string;
      at: number;
      reason: string;
      violations: string;
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'wangjg', at: s.clock.now, reason: '台风预警，加强白班力量' });
    expect(JSON.parse(audit[0].violations)[0].rule).toBe('min_rest');
    // The audit cannot be edited.
    expect(() => s.core.store.db.prepare("UPDATE roster_overrides SET reason = 'x'").run()).toThrow(/append-only/);
    // The violation is now on the roster, in its cells, for everyone to see.
    const v = roster.view('2026-10-06', '2026-10-06').violations.find((x) => x.rule === 'min_rest')!;
    expect(v.cells.map((c) => c.personId)).toEqual([tired, tired]);
  });

  it('records before and after for a replacement, and removal leaves the position understaffed', () => {
    const s = seeded();
    generateOctober(s);
    const { roster } = s.core.rosters;
    const leaderDuty = roster
      .view('2026-10-12', '2026-10-12')
      .assignments.find((a) => a.positionId === s.pos.leader.id)!;
    // The leader on duty two days later has rested enough either side.
    const other = s.core.rosters.setup.person(
      roster.view('2026-10-14', '2026-10-14').assignments.find((a) => a.positionId === s.pos.leader.id)!.personId,
    );
    const r = roster.save([{ op: 'replace', assignmentId: leaderDuty.id, personId: other.id }], actor, {
      reason: '出差',
    });
    expect(r.assigned[0].personId).toBe(other.id);
    const h = roster.history()[0];
    expect(h.before?.personId).toBe(leaderDuty.personId);
    expect(h.after?.personId).toBe(other.id);
    expect(() => roster.save([{ op: 'remove', assignmentId: leaderDuty.id }], actor, { reason: '取消' })).toThrow(
      /understaffed/,
    );
  });

  it('refuses unknown people, a shift that does not staff the position, and a duplicate assignment', () => {
    const s = seeded();
    generateOctober(s);
    const { roster } = s.core.rosters;
    const a = roster.view('2026-10-03', '2026-10-03').assignments[0];
    expect(() =>
      roster.save([{ op: 'replace', assignmentId: a.id, personId: 'nobody' }], actor, { reason: 'x' }),
    ).toThrow(/No person/);
    expect(() =>
      roster.save(
        [
          {
            op: 'assign',
            date: '2026-10-03',
            shiftId: s.shift.night.id,
            positionId: s.pos.liaison.id,
            personId: s.people['郑浩'].id,
          },
        ],
        actor,
        { reason: 'x' },
      ),
    ).toThrow(/does not staff/);
    expect(() =>
      roster.save(
        [{ op: 'assign', date: a.date, shiftId: a.shiftId, positionId: a.positionId, personId: a.personId }],
        actor,
        { reason: 'x' },
      ),
    ).toThrow(/already on/);
  });

  it('goes through the IPC handlers with typed errors', () => {
    const s = seeded();
    const res = s.core.handle('roster.shifts.upsert', {
      code: 'bad',
      name: '错误班',
      start: '20:00',
      end: '08:00',
      endsNextDay: false,
      positionIds: [s.pos.chief.id],
    });
    expect(res.ok).toBe(false);
    if (!res.ok) {
      expect(res.error.code).toBe('refused');
      expect(res.error.message).toContain('crosses midnight');
    }
    const overlap = s.core.handle('roster.shifts.upsert', {
      code: 'eve',
      name: '晚班',
      start: '16:00',
      end: '00:00',
      endsNextDay: true,
      positionIds: [s.pos.officer.id],
    });
    expect(overlap.ok).toBe(false);
    if (!overlap.ok) expect(overlap.error.message).toMatch(/overlaps shift "白班".*值班员/);
    expect(s.core.rosters.setup.shifts()).toHaveLength(3);
  });
});

describe('on duty now and next', () => {
  it('answers for an instant, across the 08:00 and 20:00 changeovers in Beijing time', () => {
    const s = seeded();
    generateOctober(s);
    const { duty } = s.core.rosters;
    const at = (date: string, hh: number, mm = 0) => dateStart(date)! + (hh * 60 + mm) * 60_000;
    const t = at('2026-10-15', 19, 59);
    const d = duty.onDuty(t);
    const nowBy = (code: string) => d.now.filter((x) => x.position.code === code);
    expect(nowBy('chief')).toHaveLength(1);
    expect(nowBy('chief')[0].shift.code).toBe('day');
    expect(nowBy('officer')).toHaveLength(2);
    expect(nowBy('leader')).toHaveLength(1);
    expect(d.gaps).toEqual([]);
    const next = d.next.filter((x) => x.position.code === 'chief');
    expect(next[0].shift.code).toBe('night');
    expect(next[0].start).toBe(at('2026-10-15', 20));
    // At 20:00 sharp the night team is on, the day team is off.
    const later = duty.onDuty(at('2026-10-15', 20));
    expect(later.now.find((x) => x.position.code === 'chief')?.person.id).toBe(next[0].person.id);
    // 02:00 on the 16th belongs to the night shift of the 15th (crosses midnight).
    const small = duty.onDuty(at('2026-10-16', 2));
    expect(small.now.find((x) => x.position.code === 'chief')?.shift.code).toBe('night');
    expect(small.now.find((x) => x.position.code === 'leader')?.start).toBe(at('2026-10-15', 8));
    // The liaison works days only: at night that position is not a gap (no night shift staffs it).
    expect(small.gaps.map((g) => g.position.code)).toEqual(['liaison']);
  });
});

describe('swaps', () => {
  function twoAssignments(s: Seeded) {
    generateOctober(s);
    const day = s.core.rosters.roster.view('2026-10-20', '2026-10-20').assignments;
    const a = day.find((x) => x.positionId === s.pos.officer.id && x.shiftId === s.shift.day.id)!;
    // A day shift on the 20th for a night shift on the 22nd: both sides keep their rest.
    const b = s.core.rosters.roster
      .view('2026-10-22', '2026-10-22')
      .assignments.find((x) => x.positionId === s.pos.officer.id && x.shiftId === s.shift.night.id)!;
    return { a, b };
  }

  it('applies an approved swap atomically and shows it in the history', () => {
    const s = seeded('wangjg'); // 王建国 holds the duty-chief qualification
    const { a, b } = twoAssignments(s);
    const officer = { seat: 'seat-2', operator: 'lixy' };
    const req = s.core.rosters.swaps.request(a.id, b.id, '家中有事', officer);
    expect(req.status).toBe('pending');
    const done = s.core.rosters.swaps.decide(req.id, true, '同意', actor);
    expect(done).toMatchObject({ status: 'approved', decidedBy: 'wangjg' });
    const { roster } = s.core.rosters;
    expect(roster.assignment(a.id).personId).toBe(b.personId);
    expect(roster.assignment(b.id).personId).toBe(a.personId);
    const hist = roster.history().filter((h) => h.swapId === req.id);
    expect(hist).toHaveLength(2);
    expect(hist.every((h) => h.op === 'swap' && h.actor === 'wangjg' && h.reason.includes('家中有事'))).toBe(true);
    expect(new Set(hist.map((h) => h.batchId)).size).toBe(1);
  });

  it('leaves the roster untouched when rejected', () => {
    const s = seeded();
    const { a, b } = twoAssignments(s);
    const req = s.core.rosters.swaps.request(a.id, b.id, '调休', actor);
    const r = s.core.rosters.swaps.decide(req.id, false, '当日人手不足', actor);
    expect(r.status).toBe('rejected');
    expect(s.core.rosters.roster.assignment(a.id).personId).toBe(a.personId);
    expect(s.core.rosters.roster.history().some((h) => h.swapId === req.id)).toBe(false);
    expect(() => s.core.rosters.swaps.decide(req.id, true, '', actor)).toThrow(/already rejected/);
  });

  it('refuses a decision from someone who is not the duty chief, and via IPC', () => {
    const s = seeded('lixy'); // 李秀英: duty officer only
    const { a, b } = twoAssignments(s);
    const req = s.core.rosters.swaps.request(a.id, b.id, '调休', actor);
    expect(() => s.core.rosters.swaps.decide(req.id, true, '', { seat: 'seat-2', operator: 'lixy' })).toThrow(
      /Only the duty chief/,
    );
    expect(() => s.core.rosters.swaps.decide(req.id, true, '', { seat: 'seat-9', operator: 'stranger' })).toThrow(
      /Only the duty chief/,
    );
    const viaIpc = s.core.handle('roster.swap.decide', { swapId: req.id, approve: true, note: '' });
    expect(viaIpc.ok).toBe(false);
    if (!viaIpc.ok) expect(viaIpc.error.code).toBe('refused');
    expect(s.core.rosters.swaps.get(req.id).status).toBe('pending');
    expect(s.core.rosters.roster.assignment(a.id).personId).toBe(a.personId);
  });

  it('accepts the decision of an operator signed in at the seat as duty chief, and refuses a duty officer role', () => {
    const s = seeded('lixy');
    const { a, b } = twoAssignments(s);
    const req = s.core.rosters.swaps.request(a.id, b.id, '调休', actor);
    expect(() =>
      s.core.rosters.swaps.decide(req.id, true, '', { seat: 'seat-2', operator: 'lixy', role: 'duty_officer' }),
    ).toThrow(/Only the duty chief/);
    const r = s.core.rosters.swaps.decide(req.id, true, '同意', {
      seat: 'seat-2',
      operator: 'lixy',
      role: 'duty_chief',
    });
    expect(r.status).toBe('approved');
  });

  it('refuses a swap with oneself', () => {
    const s = seeded();
    generateOctober(s);
    const mine = s.core.rosters.roster
      .view('2026-10-20', '2026-10-31')
      .assignments.filter((x) => x.personId === s.people['李秀英'].id);
    expect(() => s.core.rosters.swaps.request(mine[0].id, mine[1].id, 'x', actor)).toThrow(/same person/);
  });
});

describe('hot queries', () => {
  it('answers on-duty and the month window from their indexes', () => {
    const s = seeded();
    const db = s.core.store.db;
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(
      plan('SELECT * FROM roster_assignments WHERE start_at > ? AND start_at < ? AND end_at > ?', 0, 1, 0),
    ).toMatch(/USING INDEX roster_assignments_start/);
    expect(plan('SELECT * FROM roster_assignments WHERE date BETWEEN ? AND ?', 'a', 'b')).toMatch(
      /USING INDEX roster_assignments_date/,
    );
  });

  it('gives the renderer the assignments around a window so its live check matches the core', () => {
    const s = seeded();
    generateOctober(s);
    const v = s.core.rosters.roster.view('2026-10-10', '2026-10-12');
    expect(v.assignments.every((a) => a.date >= '2026-10-10' && a.date <= '2026-10-12')).toBe(true);
    expect(v.around.some((a) => a.date === '2026-10-09')).toBe(true);
    expect(
      checkRoster({ ...v, assignments: [...v.assignments, ...v.around], config: v.config }).map((x) => x.key),
    ).toEqual(v.violations.map((x) => x.key));
  });
});
