import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerCore } from '../../src/main/core/host';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { dateStart } from '../../src/shared/roster-time';
import { generateOctober, seedCentre, type Seeded } from '../helpers/roster-seed';
import { tempDir } from '../helpers/tmp';

const open: Seeded[] = [];
afterEach(() => open.splice(0).forEach((s) => s.cleanup()));
function seeded(): Seeded {
  const s = seedCentre();
  open.push(s);
  return s;
}
const actor = { seat: 'seat-1', operator: 'wangjg' };
const count = (s: Seeded, table: string): number =>
  (s.core.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('CSV import (validate, then commit all or nothing)', () => {
  const goodPeople = [
    'name,role,phones,qualifications,department,agency,login',
    '沈佳怡,值班员,13816620001;021-63210001,duty_officer,市应急联动中心,市应急管理局,shenjy',
    '韩冬,工程师,13816620002,tech,信息技术保障科,市应急管理局,handong',
  ].join('\n');

  it('imports people after a clean validation', () => {
    const s = seeded();
    const { imports } = s.core.rosters;
    expect(imports.validate('people', goodPeople)).toEqual({ kind: 'people', rows: 2, errors: [] });
    const before = count(s, 'roster_people');
    imports.commit('people', goodPeople, '新进人员', actor);
    expect(count(s, 'roster_people')).toBe(before + 2);
    expect(s.core.rosters.setup.personByLogin('shenjy')).toMatchObject({
      name: '沈佳怡',
      phones: ['13816620001', '021-63210001'],
    });
    // Importing the same file again updates in place (matched by login).
    imports.commit('people', goodPeople, '再次导入', actor);
    expect(count(s, 'roster_people')).toBe(before + 2);
  });

  it('reports every bad row and writes nothing', () => {
    const s = seeded();
    const { imports } = s.core.rosters;
    const bad = [
      'name,role,phones,qualifications,department,agency,login',
      '沈佳怡,值班员,13816620001,duty_officer,中心,局,shenjy',
      ',值班员,13816620002,duty_officer,中心,局,nobody',
      '韩冬,工程师,not-a-phone,tech,科,局,handong',
      '许晴,值班员,13816620004,duty_officer,中心,局,shenjy',
    ].join('\n');
    const check = imports.validate('people', bad);
    expect(check.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'name'],
      [4, 'phones'],
      [5, 'login'],
    ]);
    const before = count(s, 'roster_people');
    expect(() => imports.commit('people', bad, 'x', actor)).toThrow(
      /3 error\(s\), so nothing was imported: row 3 \(name\)/,
    );
    expect(count(s, 'roster_people')).toBe(before);
  });

  it('imports roster rows by codes and login/name, and refuses a file with any bad row', () => {
    const s = seeded();
    const { imports, roster } = s.core.rosters;
    const good = ['date,shift,position,person', '2026-11-02,day,chief,王建国', '2026-11-02,day,officer,lixy'].join(
      '\n',
    );
    const bad = [
      'date,shift,position,person',
      '2026-11-03,day,chief,王建国',
      '2026-11-31,day,officer,lixy',
      '2026-11-03,night,liaison,郑浩',
      '2026-11-03,day,officer,查无此人',
      '2026-11-03,swing,officer,lixy',
    ].join('\n');
    const check = imports.validate('roster', bad);
    expect(check.errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'date'],
      [4, 'position'],
      [5, 'person'],
      [6, 'shift'],
    ]);
    const hist = roster.history().length;
    expect(() => imports.commit('roster', bad, '导入11月', actor)).toThrow(/nothing was imported/);
    expect(roster.view('2026-11-01', '2026-11-30').assignments).toHaveLength(0);
    expect(roster.history()).toHaveLength(hist);
    expect(imports.validate('roster', good).errors).toEqual([]);
    imports.commit('roster', good, '导入11月', actor);
    expect(roster.view('2026-11-02', '2026-11-02').assignments).toHaveLength(2);
    expect(roster.history()[0].reason).toBe('导入11月');
  });

  it('refuses a file missing a required column', () => {
    const s = seeded();
    const check = s.core.rosters.imports.validate('roster', 'date,shift,person\n2026-11-02,day,王建国');
    expect(check.errors[0]).toMatchObject({ row: 1, column: 'position' });
  });
});

describe('contacts', () => {
  it('puts whoever is on duty first in each position tree, then the stored fallbacks', () => {
    const s = seeded();
    generateOctober(s);
    s.clock.now = dateStart('2026-10-15')! + 10 * 3600_000;
    const { duty } = s.core.rosters;
    duty.setGroup('position', '值班长', [
      { personId: s.people['陈静'].id, name: '陈静', phone: '13901610099', note: '备班' },
      { personId: null, name: '中心值班室', phone: '021-12345678', note: '' },
    ]);
    duty.setGroup('agency', '市消防救援总队', [
      { personId: null, name: '总队指挥中心', phone: '021-64811119', note: '24小时' },
      { personId: null, name: '值班参谋 钱立', phone: '13701770119', note: '' },
    ]);
    const tree = duty.tree(s.clock.now);
    const chief = tree.find((g) => g.kind === 'position' && g.name === '值班长')!;
    expect(chief.entries[0].onDuty).toBe(true);
    expect(chief.entries.slice(1).map((e) => e.name)).toEqual(['陈静', '中心值班室']);
    const fire = tree.find((g) => g.kind === 'agency')!;
    expect(fire.entries.map((e) => e.priority)).toEqual([1, 2]);
  });

  it('finds people and contacts by Chinese substring, position, agency and phone prefix', () => {
    const s = seeded();
    const { duty } = s.core.rosters;
    duty.setGroup('agency', '市消防救援总队', [
      { personId: null, name: '总队指挥中心', phone: '021-64811119', note: '' },
    ]);
    expect(duty.search('建国', 10).map((h) => h.name)).toEqual(['王建国']);
    expect(duty.search('王', 10).map((h) => h.name)).toContain('王建国');
    expect(duty.search('消防', 10)[0]).toMatchObject({ name: '总队指挥中心', matched: 'agency' });
    expect(duty.search('021-648', 10)[0]).toMatchObject({ name: '总队指挥中心', matched: 'phone' });
    const phone = s.people['李秀英'].phones[0];
    expect(duty.search(phone.slice(0, 9), 10).map((h) => h.name)).toContain('李秀英');
    expect(
      duty
        .search('信息技术', 50)
        .map((h) => h.name)
        .sort(),
    ).toEqual(['刘洋', '孙丽', '郭婷', '黄敏'].sort());
    expect(duty.search('   ', 10)).toEqual([]);
    // Ranking: a name that starts with the query beats one that contains it; the limit keeps the best.
    s.core.rosters.setup.upsertPerson({
      name: '李王芳',
      role: '',
      phones: [],
      qualifications: [],
      department: '',
      agency: '',
      active: true,
    });
    expect(duty.search('王', 10).map((h) => h.name)).toEqual(['王建国', '李王芳']);
    expect(duty.search('王', 1).map((h) => h.name)).toEqual(['王建国']);
    expect(duty.search('信息技术', 2)).toHaveLength(2);
    // A new person is searchable at once.
    s.core.rosters.setup.upsertPerson({
      name: '欧阳娜娜',
      role: '',
      phones: [],
      qualifications: [],
      department: '',
      agency: '',
      active: true,
    });
    expect(duty.search('欧阳', 10).map((h) => h.name)).toEqual(['欧阳娜娜']);
  });
});

describe('roster export (the wall chart)', () => {
  it('renders October as a landscape PDF with Chinese names, holidays and shifts', async () => {
    const s = seeded();
    generateOctober(s);
    const res = await s.core.handleAsync('roster.export', {
      month: '2026-10',
      format: 'pdf',
      paper: 'A3',
      lang: 'zh-CN',
    });
    if (!res.ok) throw new Error(res.error.message);
    const bytes = Buffer.from(res.value.base64, 'base64');
    const parser = new PDFParse({ data: bytes });
    const info = await parser.getInfo();
    const text = (await parser.getText()).text.replace(/\s+/g, '');
    await parser.destroy();
    expect(info.total).toBeGreaterThanOrEqual(1);
    for (const want of [
      '2026年10月值班表',
      '带班领导',
      '值班长白班',
      '值班员夜班',
      '国庆节',
      '王建国',
      '李秀英',
      '何志明',
      '郑浩',
      '白班08:00–20:00',
    ]) {
      expect(text).toContain(want);
    }
    // Landscape A3: wider than tall.
    const head = bytes.subarray(0, 4000).toString('latin1');
    expect(head).toMatch(/MediaBox \[0 0 1190\.55 841\.89\]/);
  });

  it('writes the same grid to CSV and XLSX', async () => {
    const s = seeded();
    generateOctober(s);
    const csv = await s.core.handleAsync('roster.export', {
      month: '2026-10',
      format: 'csv',
      paper: 'A4',
      lang: 'zh-CN',
    });
    if (!csv.ok) throw new Error(csv.error.message);
    const lines = Buffer.from(csv.value.base64, 'base64').toString('utf8').split('\r\n');
    const header = lines.find((l) => l.startsWith('日期'))!;
    expect(header.split(',')).toEqual([
      '日期',
      '带班领导（24小时）',
      '值班长 白班',
      '值班长 夜班',
      '值班员 白班',
      '值班员 夜班',
      '技术保障 白班',
      '技术保障 夜班',
      '联络员（白班）',
    ]);
    const oct1 = lines.find((l) => l.startsWith('10-01'))!;
    expect(oct1).toContain('国庆节');
    expect(oct1.split(',')[4]).toMatch(/^"?[\u4e00-\u9fa5]{2,3}、[\u4e00-\u9fa5]{2,3}"?$/);
    const xlsx = await s.core.handleAsync('roster.export', {
      month: '2026-10',
      format: 'xlsx',
      paper: 'A4',
      lang: 'en',
    });
    if (!xlsx.ok) throw new Error(xlsx.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.value.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const values: string[] = [];
    ws.eachRow((r) => values.push(String(r.getCell(1).value ?? '')));
    expect(values[0]).toBe('Duty roster 2026-10');
    expect(values.filter((v) => /^10-\d\d /.test(v))).toHaveLength(31);
    expect(values.find((v) => v.startsWith('10-01'))).toBe('10-01 Thu 国庆节');
  });

  it('refuses to render through the synchronous path, and rejects a bad month', async () => {
    const s = seeded();
    const sync = s.core.handle('roster.export', { month: '2026-10', format: 'csv', paper: 'A4', lang: 'zh-CN' });
    expect(sync.ok).toBe(false);
    const bad = await s.core.handleAsync('roster.export', {
      month: '2026-13',
      format: 'csv',
      paper: 'A4',
      lang: 'zh-CN',
    });
    expect(bad.ok).toBe(false);
  });
});

describe('through the worker thread (as in the app)', () => {
  it('renders an export asynchronously in the worker and keeps answering other calls', async () => {
    const t = tempDir();
    const client = await startWorkerCore(
      { dbFile: path.join(t.dir, 'live.db'), seat: 'seat-02', operator: 'officer-li', mode: 'live', version: 'test' },
      { workerFile: path.resolve(import.meta.dirname, '../helpers/core-worker.mjs') },
    );
    try {
      const pos = await client.call('roster.positions.upsert', {
        code: 'chief',
        name: '值班长',
        requiredQualifications: ['duty_chief'],
        headcount: 1,
        allowOverlap: false,
        sort: 1,
      });
      expect(pos.ok).toBe(true);
      const [pdf, list] = await Promise.all([
        client.call('roster.export', { month: '2026-10', format: 'pdf', paper: 'A4', lang: 'zh-CN' }),
        client.call('roster.positions.list', {}),
      ]);
      expect(list.ok && list.value.map((p) => p.name)).toEqual(['值班长']);
      if (!pdf.ok) throw new Error(pdf.error.message);
      const parser = new PDFParse({ data: Buffer.from(pdf.value.base64, 'base64') });
      const text = (await parser.getText()).text.replace(/\s+/g, '');
      await parser.destroy();
      expect(text).toContain('2026年10月值班表');
    } finally {
      await client.close();
      t.cleanup();
    }
  });
});
