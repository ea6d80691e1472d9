import path from 'node:path';
import { Core } from '../../src/main/core/core';
import type { Pattern, Person, Position, ShiftDef } from '../../src/shared/roster-types';
import { tempDir } from './tmp';

/**
 * A realistic centre for roster tests: five duty positions, day/night shifts
 * plus 24-hour duty for the leader, four rotating teams (四班两运转), four
 * leaders on a one-in-four 24-hour duty, two liaisons on alternate days, and
 * the National Day holiday in October 2026.
 */
export interface SeededRoster {
  pos: Record<'leader' | 'chief' | 'officer' | 'tech' | 'liaison', Position>;
  shift: Record<'day' | 'night' | 'duty24', ShiftDef>;
  people: Record<string, Person>;
  patterns: { teams: Pattern; leaders: Pattern; liaison: Pattern };
}

export interface Seeded extends SeededRoster {
  core: Core;
  dir: string;
  cleanup: () => void;
  clock: { now: number };
}

export const TEAM_NAMES = ['甲班', '乙班', '丙班', '丁班'];
const TEAMS: [string, string, string, string][] = [
  ['王建国', '李秀英', '张伟', '刘洋'],
  ['陈静', '杨帆', '赵磊', '黄敏'],
  ['周杰', '吴芳', '徐强', '孙丽'],
  ['马超', '朱琳', '胡斌', '郭婷'],
];
const LEADERS = ['何志明', '高翔', '林慧', '罗军'];
const LIAISONS = ['郑浩', '梁雪'];

export function seedCentre(opts: { operator?: string; now?: number } = {}): Seeded {
  const t = tempDir('wf-roster-');
  const clock = { now: opts.now ?? Date.UTC(2026, 9, 1, 1, 0) };
  const core = new Core({
    dbFile: path.join(t.dir, 'live.db'),
    seat: 'seat-1',
    operator: opts.operator ?? 'wangjg',
    mode: 'live',
    version: 'test',
    now: () => clock.now,
  });
  const roster = seedRoster(core);
  return {
    ...roster,
    core,
    dir: t.dir,
    cleanup: () => {
      core.close();
      t.cleanup();
    },
    clock,
  };
}

/** Seed positions, shifts, people, patterns and holidays into an existing core (also used by e2e tests). */
export function seedRoster(core: Core): SeededRoster {
  const { setup } = core.rosters;
  const position = (code: string, name: string, quals: string[], headcount: number, sort: number): Position =>
    setup.upsertPosition({ code, name, requiredQualifications: quals, headcount, allowOverlap: false, sort });
  const pos = {
    leader: position('leader', '带班领导', ['leader'], 1, 1),
    chief: position('chief', '值班长', ['duty_chief'], 1, 2),
    officer: position('officer', '值班员', ['duty_officer'], 2, 3),
    tech: position('tech', '技术保障', ['tech'], 1, 4),
    liaison: position('liaison', '联络员', ['liaison'], 1, 5),
  };
  const shift = {
    day: setup.upsertShift({
      code: 'day',
      name: '白班',
      start: '08:00',
      end: '20:00',
      endsNextDay: false,
      positionIds: [pos.chief.id, pos.officer.id, pos.tech.id, pos.liaison.id],
    }),
    night: setup.upsertShift({
      code: 'night',
      name: '夜班',
      start: '20:00',
      end: '08:00',
      endsNextDay: true,
      positionIds: [pos.chief.id, pos.officer.id, pos.tech.id],
    }),
    duty24: setup.upsertShift({
      code: 'duty24',
      name: '24小时',
      start: '08:00',
      end: '08:00',
      endsNextDay: true,
      positionIds: [pos.leader.id],
    }),
  };
  const people: Record<string, Person> = {};
  let phone = 13901610000;
  const person = (name: string, role: string, quals: string[], login: string, dept = '市应急联动中心'): Person => {
    phone += 17;
    const p = setup.upsertPerson({
      name,
      role,
      phones: [String(phone), `021-6321${String(phone).slice(-4)}`],
      qualifications: quals,
      department: dept,
      agency: '市应急管理局',
      login,
      active: true,
    });
    people[name] = p;
    return p;
  };
  const logins = [
    'wangjg',
    'lixy',
    'zhangw',
    'liuy',
    'chenj',
    'yangf',
    'zhaol',
    'huangm',
    'zhouj',
    'wuf',
    'xuq',
    'sunl',
    'mac',
    'zhul',
    'hub',
    'guot',
  ];
  TEAMS.forEach((team, i) => {
    person(team[0], '值班长', ['duty_chief', 'duty_officer'], logins[i * 4]);
    person(team[1], '值班员', ['duty_officer'], logins[i * 4 + 1]);
    person(team[2], '值班员', ['duty_officer'], logins[i * 4 + 2]);
    person(team[3], '工程师', ['tech'], logins[i * 4 + 3], '信息技术保障科');
  });
  LEADERS.forEach((n, i) => person(n, '副局长', ['leader'], `leader${i + 1}`, '局领导'));
  LIAISONS.forEach((n, i) => person(n, '联络员', ['liaison'], `liaison${i + 1}`, '综合协调处'));
  const teams = setup.upsertPattern({
    name: '四班两运转',
    cycle: [shift.day.id, shift.night.id, null, null],
    teams: TEAMS.map((team, i) => ({
      name: TEAM_NAMES[i],
      members: [
        { personId: people[team[0]].id, positionId: pos.chief.id },
        { personId: people[team[1]].id, positionId: pos.officer.id },
        { personId: people[team[2]].id, positionId: pos.officer.id },
        { personId: people[team[3]].id, positionId: pos.tech.id },
      ],
    })),
    anchorDate: '2026-09-01',
    teamOffsetDays: 1,
    holidayPolicy: 'normal',
  });
  const leaders = setup.upsertPattern({
    name: '带班领导轮值',
    cycle: [shift.duty24.id, null, null, null],
    teams: LEADERS.map((n) => ({ name: n, members: [{ personId: people[n].id, positionId: pos.leader.id }] })),
    anchorDate: '2026-09-01',
    teamOffsetDays: 1,
    holidayPolicy: 'normal',
  });
  const liaison = setup.upsertPattern({
    name: '联络员隔日',
    cycle: [shift.day.id, null],
    teams: LIAISONS.map((n) => ({ name: n, members: [{ personId: people[n].id, positionId: pos.liaison.id }] })),
    anchorDate: '2026-09-01',
    teamOffsetDays: 1,
    holidayPolicy: 'normal',
  });
  setup.setHolidays([
    ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({
      date: `2026-10-${d}`,
      name: '国庆节',
      kind: 'holiday' as const,
    })),
    { date: '2026-10-10', name: '国庆调休', kind: 'workday' },
  ]);
  return { pos, shift, people, patterns: { teams, leaders, liaison } };
}

/** Generate a month (October 2026 by default) from all three patterns. */
export function generateOctober(s: SeededRoster & { core: Core }, month = '2026-10'): void {
  const actor = { seat: 'seat-1', operator: 'wangjg' };
  for (const p of [s.patterns.teams, s.patterns.leaders, s.patterns.liaison]) {
    s.core.rosters.roster.generate(p.id, month, actor, { commit: true, replace: false });
  }
}
