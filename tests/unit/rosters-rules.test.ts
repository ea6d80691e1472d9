import { describe, expect, it } from 'vitest';
import {
  checkRoster,
  newViolations,
  shiftSpan,
  validateShift,
  type RuleAssignment,
  type RuleShift,
} from '../../src/shared/roster-rules';
import { clockOf, dateStart, dutyDateOf, monthDates, shiftInterval } from '../../src/shared/roster-time';

const day: RuleShift = {
  id: 'D',
  name: '白班',
  startMinute: 480,
  durationMinutes: 720,
  positionIds: ['chief', 'officer'],
};
const night: RuleShift = {
  id: 'N',
  name: '夜班',
  startMinute: 1200,
  durationMinutes: 720,
  positionIds: ['chief', 'officer'],
};
const people = [
  { id: 'p1', name: '王建国', qualifications: ['duty_chief', 'duty_officer'] },
  { id: 'p2', name: '李秀英', qualifications: ['duty_officer'] },
  { id: 'p3', name: '张伟', qualifications: ['duty_officer'] },
  { id: 'p4', name: '陈静', qualifications: ['duty_chief'] },
];
const positions = [
  { id: 'chief', name: '值班长', headcount: 1, requiredQualifications: ['duty_chief'] },
  { id: 'officer', name: '值班员', headcount: 1, requiredQualifications: ['duty_officer'] },
];
let n = 0;
function a(personId: string, positionId: string, shift: RuleShift, date: string): RuleAssignment {
  return {
    id: `a${++n}`,
    personId,
    positionId,
    shiftId: shift.id,
    date,
    ...shiftInterval(date, shift.startMinute, shift.durationMinutes),
  };
}
const config = { minRestHours: 12, maxConsecutiveShifts: 3 };
const check = (assignments: RuleAssignment[], from = '2026-10-05', to = '2026-10-05') =>
  checkRoster({ assignments, people, positions, shifts: [day, night], from, to, config });
/** A fully staffed clean day: chief and officer on both shifts, no one twice. */
function cleanDay(date: string): RuleAssignment[] {
  return [
    a('p1', 'chief', day, date),
    a('p2', 'officer', day, date),
    a('p4', 'chief', night, date),
    a('p3', 'officer', night, date),
  ];
}

describe('Beijing time (fixed UTC+8, no DST)', () => {
  it('puts 00:00 Beijing at 16:00 UTC the day before, in winter and summer alike', () => {
    expect(new Date(dateStart('2026-01-15')!).toISOString()).toBe('2026-01-14T16:00:00.000Z');
    expect(new Date(dateStart('2026-07-15')!).toISOString()).toBe('2026-07-14T16:00:00.000Z');
    expect(dateStart('2026-02-30')).toBeNull();
    expect(dateStart('2026-13-01')).toBeNull();
  });

  it('gives a night shift a 12-hour interval that ends on the next Beijing date', () => {
    const iv = shiftInterval('2026-12-31', 1200, 720);
    expect(new Date(iv.start).toISOString()).toBe('2026-12-31T12:00:00.000Z');
    expect(new Date(iv.end).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(iv.end - iv.start).toBe(12 * 3600_000);
    expect(dutyDateOf(iv.end)).toBe('2027-01-01');
    expect(clockOf(iv.end)).toBe('08:00');
  });

  it('treats 23:59:59.999 and 00:00 Beijing as different dates, whatever UTC says', () => {
    const midnight = dateStart('2026-10-02')!;
    expect(dutyDateOf(midnight - 1)).toBe('2026-10-01');
    expect(dutyDateOf(midnight)).toBe('2026-10-02');
    // 2026-10-01T20:00Z is already 04:00 on the 2nd in Beijing.
    expect(dutyDateOf(Date.UTC(2026, 9, 1, 20))).toBe('2026-10-02');
  });

  it('knows month lengths including leap February', () => {
    expect(monthDates('2028-02')!.length).toBe(29);
    expect(monthDates('2026-02')!.length).toBe(28);
    expect(monthDates('2026-13')).toBeNull();
  });
});

describe('shift definitions', () => {
  const policy = { allowOverlap: new Set<string>(), positionNames: new Map([['chief', '值班长']]) };
  const draft = (start: string, end: string, endsNextDay: boolean, positionIds = ['chief']) => ({
    code: 'x',
    name: '测试班',
    start,
    end,
    endsNextDay,
    positionIds,
  });

  it('accepts day, night across midnight and 24-hour duty', () => {
    expect(shiftSpan(draft('08:00', '20:00', false))).toEqual({ startMinute: 480, durationMinutes: 720 });
    expect(shiftSpan(draft('20:00', '08:00', true))).toEqual({ startMinute: 1200, durationMinutes: 720 });
    expect(shiftSpan(draft('08:00', '08:00', true))).toEqual({ startMinute: 480, durationMinutes: 1440 });
  });

  it('refuses zero, negative, over-24-hour and malformed shifts with the reason', () => {
    expect(validateShift(draft('08:00', '08:00', false), [], policy)[0].code).toBe('zero_length');
    const neg = validateShift(draft('20:00', '08:00', false), [], policy)[0];
    expect(neg.code).toBe('ends_before_start');
    expect(neg.message).toContain('crosses midnight');
    expect(validateShift(draft('08:00', '09:00', true), [], policy)[0].code).toBe('too_long');
    expect(validateShift(draft('8:00', '24:00', false), [], policy)[0].code).toBe('bad_time');
    expect(validateShift(draft('08:00', '20:00', false, []), [], policy)[0].code).toBe('no_positions');
  });

  it('refuses overlapping definitions for the same position, including across midnight', () => {
    const evening = validateShift(draft('18:00', '02:00', true), [day, night], policy);
    expect(evening.map((p) => p.code)).toEqual(['overlap', 'overlap']);
    expect(evening[0].message).toContain('值班长');
    // 06:00–08:00 overlaps yesterday's night shift (20:00–08:00).
    expect(validateShift(draft('06:00', '08:00', false), [night], policy)[0].code).toBe('overlap');
    // Back-to-back is fine, and another position is fine.
    expect(validateShift(draft('08:00', '20:00', false), [night], policy)).toEqual([]);
    expect(validateShift(draft('08:00', '08:00', true, ['leader']), [day, night], policy)).toEqual([]);
    // A position that allows overlap (stand-by) is fine too.
    expect(
      validateShift(draft('18:00', '02:00', true), [day], { ...policy, allowOverlap: new Set(['chief']) }),
    ).toEqual([]);
  });
});

describe('roster rules', () => {
  it('finds nothing in a clean, fully staffed roster', () => {
    expect(check(cleanDay('2026-10-05'))).toEqual([]);
  });

  it('finds a double booking at both cells', () => {
    const rows = cleanDay('2026-10-05');
    const clash = a('p2', 'officer', night, '2026-10-04'); // 20:00 on the 4th to 08:00 on the 5th
    const extra = { ...a('p2', 'chief', day, '2026-10-05'), start: dateStart('2026-10-05')! + 7 * 3600_000 };
    const v = check([...rows, clash, extra]).filter((x) => x.rule === 'double_booking');
    expect(v).toHaveLength(2);
    expect(v.flatMap((x) => x.cells.map((c) => `${c.personId}|${c.date}|${c.positionId}|${c.shiftId}`)).sort()).toEqual(
      ['p2|2026-10-04|officer|N', 'p2|2026-10-05|chief|D', 'p2|2026-10-05|chief|D', 'p2|2026-10-05|officer|D'],
    );
  });

  it('finds too little rest between a night and the next day shift', () => {
    const rows = [...cleanDay('2026-10-05'), a('p3', 'officer', day, '2026-10-06')];
    const v = check(rows, '2026-10-05', '2026-10-06').filter((x) => x.rule === 'min_rest');
    expect(v).toHaveLength(1);
    expect(v[0].params).toMatchObject({ person: '张伟', restHours: 0, minRestHours: 12 });
    expect(v[0].cells.map((c) => c.date)).toEqual(['2026-10-05', '2026-10-06']);
  });

  it('finds an empty position below headcount, naming the date, shift and position', () => {
    const rows = cleanDay('2026-10-05').filter((x) => !(x.positionId === 'officer' && x.shiftId === 'D'));
    const v = check(rows);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({
      rule: 'understaffed',
      cells: [{ personId: null, date: '2026-10-05', positionId: 'officer', shiftId: 'D', assignmentId: null }],
      params: { have: 0, need: 1 },
    });
  });

  it('finds a person without the position qualification', () => {
    const rows = cleanDay('2026-10-05').map((x) =>
      x.positionId === 'chief' && x.shiftId === 'D' ? { ...x, personId: 'p2' } : x,
    );
    // p2 now also works the officer day shift: a double booking too, but the qualification cell is the chief's.
    const v = check(rows).filter((x) => x.rule === 'qualification');
    expect(v).toHaveLength(1);
    expect(v[0].cells[0]).toMatchObject({ personId: 'p2', positionId: 'chief', date: '2026-10-05' });
    expect(v[0].params.missing).toBe('duty_chief');
  });

  it('finds too many consecutive shifts and lists the whole run', () => {
    const run = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'].map((d) => a('p3', 'officer', night, d));
    const v = check(run, '2026-10-01', '2026-10-04').filter((x) => x.rule === 'consecutive');
    expect(v).toHaveLength(1);
    expect(v[0].params).toMatchObject({ count: 4, max: 3 });
    expect(v[0].cells.map((c) => c.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04']);
    // A free day breaks the run.
    const broken = [...run.slice(0, 2), a('p3', 'officer', night, '2026-10-05')];
    expect(check(broken, '2026-10-01', '2026-10-05').filter((x) => x.rule === 'consecutive')).toEqual([]);
  });

  it('tells new violations from ones already there by key', () => {
    const before = check(cleanDay('2026-10-05').slice(1));
    const after = check(cleanDay('2026-10-05').slice(2));
    expect(before).toHaveLength(1);
    expect(newViolations(before, after).map((v) => v.rule)).toEqual(['understaffed']);
    expect(newViolations(after, after)).toEqual([]);
  });
});
