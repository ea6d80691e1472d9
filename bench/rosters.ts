/**
 * Roster benchmarks: contact type-ahead and the live rule check, each printed
 * as a ratio against a baseline measured in the same run on the same data
 * (no absolute thresholds: machines differ, ratios travel).
 *
 *   node --import tsx bench/rosters.ts
 *
 * - search: DutyService.search (in-memory index) per keystroke vs the naive
 *   SQL `LIKE '%q%'` scan over people + contacts it replaces.
 * - check: checkRoster over a fully staffed month vs reading that month's
 *   assignments from the store (what every grid load pays anyway).
 */
import { checkRoster } from '../src/shared/roster-rules';
import { generateOctober, seedCentre } from '../tests/helpers/roster-seed';

function time(label: string, n: number, fn: (i: number) => void): number {
  for (let i = 0; i < Math.min(50, n); i++) fn(i); // warm up
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn(i);
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  console.log(`${label.padEnd(44)} ${us.toFixed(1).padStart(9)} µs/op`);
  return us;
}

const s = seedCentre();
const { setup, duty, roster } = s.core.rosters;
generateOctober(s);
// A city-sized phone book: 2,000 people across agencies, 400 agency contacts.
const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉梅';
s.core.store.db.transaction(() => {
  for (let i = 0; i < 2000; i++) {
    setup.upsertPerson({
      name: `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}${given[(i * 13) % given.length]}`,
      role: '队员',
      phones: [`139${String(10_000_000 + i * 37).padStart(8, '0')}`],
      qualifications: [],
      department: `第${(i % 40) + 1}支队`,
      agency: ['市消防救援总队', '市急救中心', '市公安局', '市城投水务', '市燃气集团'][i % 5],
      active: true,
    });
  }
  for (let g = 0; g < 80; g++) {
    duty.setGroup(
      'agency',
      `协作单位${g + 1}`,
      Array.from({ length: 5 }, (_, k) => ({
        personId: null,
        name: `值班室${g}-${k}`,
        phone: `021-6${String(1000000 + g * 100 + k).padStart(7, '0')}`,
        note: '',
      })),
    );
  }
})();

const queries = ['王', '王建', '消防', '139100', '021-61', '第3支队', '值班室4', '急救'];
const like = s.core.store.db.prepare(
  `SELECT id, name FROM roster_people WHERE active = 1 AND (name LIKE @q OR phones LIKE @q OR agency LIKE @q OR department LIKE @q)
   UNION ALL SELECT id, name FROM roster_contacts WHERE person_id IS NULL AND (name LIKE @q OR phone LIKE @q OR group_name LIKE @q) LIMIT 20`,
);
console.log(`people ${setup.people().length}, queries ${queries.join(' / ')}`);
const base = time('baseline: SQL LIKE scan', 2000, (i) => like.all({ q: `%${queries[i % queries.length]}%` }));
duty.search('预热', 20);
const idx = time('search: in-memory index (per keystroke)', 2000, (i) => duty.search(queries[i % queries.length], 20));
console.log(`ratio search / baseline: ${(idx / base).toFixed(2)}`);

const view = roster.view('2026-10-01', '2026-10-31');
const input = { ...view, assignments: [...view.assignments, ...view.around] };
const read = time('baseline: read the month from the store', 200, () =>
  roster.assignmentsBetween('2026-09-24', '2026-11-07'),
);
const check = time('check: all rules over the month (live check)', 200, () => checkRoster(input));
console.log(`ratio check / baseline: ${(check / read).toFixed(2)}  (${input.assignments.length} assignments)`);

s.cleanup();
