import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { PDFParse } from 'pdf-parse';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../helpers/console';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

async function pdfText(file: string): Promise<string> {
  const parser = new PDFParse({ data: fs.readFileSync(file) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

function shift(x: Harness): string {
  const inc = x.report({
    title: '金山区化工园区储罐泄漏',
    category: 'hazmat',
    district: 'jinshan',
    channel: '119',
    level: 3,
    lat: undefined,
    lon: undefined,
    reporterName: '园区值班室',
  });
  x.call('incident.acknowledge', { id: inc.id });
  x.call('plan.activate', { incidentId: inc.id, planId: 'hazmat-leak' });
  const [act] = x.call('plan.checklist', { incidentId: inc.id });
  x.clock.advance(4);
  x.call('plan.step', { stepId: act.steps[0].id, state: 'done' });
  x.call('incident.note', { id: inc.id, text: '下风向500米处检测苯浓度0.8 mg/m³' });
  x.report({ title: 'Yan’an Road elevated crash', category: 'traffic', district: 'jingan', channel: '110', level: 4 });
  return inc.id;
}

async function runJob(x: Harness, req: object): Promise<string[]> {
  const job = x.call('report.export', req);
  expect(job.done).toBe(false);
  const done = await x.core.console.jobs.wait(job.id);
  expect(done.error).toBeNull();
  expect(done.progress).toBe(1);
  return done.files;
}

describe('reports', () => {
  it('in exercise mode marks every exported page and title as an exercise; live exports carry no mark', async () => {
    h = harness({ mode: 'exercise' });
    shift(h);
    const dir = path.join(h.dir, 'ex');
    const [pdf] = await runJob(h, { kind: 'daily', format: 'pdf', dir });
    const text = await pdfText(pdf);
    expect(text).toContain('EXERCISE 演练');
    expect(text).toContain('【演练 EXERCISE】值班日报');
    const [csv] = await runJob(h, { kind: 'daily', format: 'csv', dir });
    expect(fs.readFileSync(csv, 'utf8')).toContain('【演练 EXERCISE】');
    h.close();
    h = harness();
    shift(h);
    const [live] = await runJob(h, { kind: 'daily', format: 'pdf', dir: path.join(h.dir, 'live') });
    expect(await pdfText(live)).not.toContain('EXERCISE');
  });

  it('writes the incident report as a PDF whose text holds the timeline, plan steps and sources in Chinese', async () => {
    h = harness();
    const id = shift(h);
    const dir = path.join(h.dir, 'out');
    const [file] = await runJob(h, { kind: 'incident', format: 'pdf', dir, incidentId: id });
    expect(file).toMatch(/incident-WF-20260715-0001\.pdf$/);
    const text = await pdfText(file);
    expect(text).toContain('突发事件处置报告');
    expect(text).toContain('金山区化工园区储罐泄漏');
    expect(text).toContain('处置时间线');
    expect(text).toContain('下风向500米处检测苯浓度');
    expect(text).toContain('预案步骤');
    expect(text).toContain('报告值班长');
    expect(text).toContain('信息来源');
    expect(text).toContain('园区值班室');
    expect(text).toContain('金山区');
  });

  it('writes the daily duty report (值班日报) as PDF in Chinese and English, and as XLSX and CSV', async () => {
    h = harness();
    shift(h);
    const dir = path.join(h.dir, 'out');
    const [zh] = await runJob(h, { kind: 'daily', format: 'pdf', dir });
    const zhText = await pdfText(zh);
    expect(zhText).toContain('值班日报 2026-07-15');
    expect(zhText).toMatch(/新接报事件: 2/);
    expect(zhText).toContain('Yan’an Road elevated crash');
    const [en] = await runJob(h, { kind: 'daily', format: 'pdf', dir: path.join(dir, 'en'), lang: 'en' });
    expect(await pdfText(en)).toContain('Daily duty report 2026-07-15');

    const [xlsx] = await runJob(h, { kind: 'daily', format: 'xlsx', dir });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.getWorksheet('incidents')!;
    expect(sheet.getRow(1).values).toContain('编号');
    expect(sheet.rowCount).toBe(3);
    expect(String(sheet.getRow(2).getCell(3).value)).toBe('金山区化工园区储罐泄漏');

    const [csv] = await runJob(h, { kind: 'daily', format: 'csv', dir });
    const lines = fs
      .readFileSync(csv, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('时间,编号,事件,类别,级别,区,状态');
  });

  it('keeps an ICS-214-style activity log per seat from the audit trail', async () => {
    h = harness();
    shift(h);
    h.core.ctx.actor.seat = 'seat-2';
    h.report({ title: '另一席位接报', category: 'fire', district: 'putuo', channel: '119', level: 4 });
    const day = h.clock.t;
    const seat1 = h.call('report.activityLog', { seat: 'seat-1', from: day - 86_400_000, to: day + 1 });
    expect(seat1.map((a) => a.action)).toEqual([
      'incident.create',
      'incident.acknowledge',
      'plan.activate',
      'plan.step',
      'incident.note',
      'incident.create',
    ]);
    const [file] = await runJob(h, {
      kind: 'activity',
      format: 'csv',
      dir: path.join(h.dir, 'out'),
      seat: 'seat-2',
      lang: 'en',
    });
    const rows = fs
      .readFileSync(file, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('Time,Seat,Operator,Role,Action,Target,Outcome');
    expect(rows.slice(1).every((r) => r.includes(',seat-2,'))).toBe(true);
  });

  it('fails an export for an unknown incident at once, with nothing written', () => {
    h = harness();
    const r = h.raw('report.export', {
      kind: 'incident',
      format: 'pdf',
      dir: path.join(h.dir, 'x'),
      incidentId: 'nope',
    });
    expect(r.ok ? '' : r.error.code).toBe('not_found');
    expect(fs.existsSync(path.join(h.dir, 'x'))).toBe(false);
  });
});
