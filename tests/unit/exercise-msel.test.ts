import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { exportMselCsv, exportMselXlsx } from '../../src/main/core/exercise/msel-export';
import { importMselCsv, importMselXlsx, MSEL_COLUMNS } from '../../src/main/core/exercise/msel-io';
import { SeatRuntime } from '../../src/main/core/exercise/runtime';
import { builtInScenario } from '../../src/main/core/exercise/scenarios/index';
import type { Scenario } from '../../src/shared/exercise-scenario';
import { realdataDir } from '../helpers/realdata';
import { tempDir } from '../helpers/tmp';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

const typhoon = (): Scenario => builtInScenario('typhoon-waterlogging') as Scenario;
const MSEL_DIR = path.join(realdataDir(), 'msel');

describe('MSEL import and export', () => {
  it('exports the HSEEP columns (as in the CMU SEI Blueprint template) and round-trips through CSV and XLSX', async () => {
    const seed = JSON.parse(fs.readFileSync(path.join(MSEL_DIR, 'cmu-sei-blueprint/seed-data.json'), 'utf8')) as {
      Msels: { Id: string; Name: string }[];
      DataFields: { MselId: string; Name: string; DisplayOrder: number }[];
    };
    const hseep = seed.Msels.find((m) => m.Name === 'HSEEP');
    const template = seed.DataFields.filter((f) => f.MselId === hseep?.Id)
      .sort((a, b) => a.DisplayOrder - b.DisplayOrder)
      .map((f) => f.Name);
    expect(template.length).toBe(10);
    expect(MSEL_COLUMNS.slice(0, template.length)).toEqual(template);

    const s = typhoon();
    const csv = exportMselCsv(s);
    expect(csv.split('\r\n')[1].startsWith(template.join(','))).toBe(true);
    const fromCsv = importMselCsv(csv, { fileName: 'typhoon.csv' });
    expect(fromCsv).toEqual({ ok: true, scenario: s });

    const xlsx = await exportMselXlsx(s);
    const fromXlsx = await importMselXlsx(xlsx, { fileName: 'typhoon.xlsx' });
    expect(fromXlsx).toEqual({ ok: true, scenario: s });
  });

  it('imports a real third-party tabletop MSEL (asapcyber, T+min columns) as message injects', () => {
    const text = fs.readFileSync(path.join(MSEL_DIR, 'asapcyber/msel.csv'), 'utf8');
    const r = importMselCsv(text, { fileName: 'msel.csv' });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.injects.map((i) => [i.no, i.at, i.delivery])).toEqual([
      [1, 'T+00:05:00', 'message'],
      [2, 'T+00:12:00', 'message'],
      [3, 'T+00:25:00', 'message'],
      [4, 'T+00:45:00', 'message'],
      [5, 'T+01:10:00', 'message'],
      [6, 'T+01:35:00', 'message'],
    ]);
    expect(r.scenario.injects[0].notes).toContain('Triage identity');
    expect(r.scenario.durationMinutes).toBe(105);
  });

  it('reports every bad row with its row number and column, and writes nothing', async () => {
    const s = typhoon();
    const lines = exportMselCsv(s).split('\r\n');
    // lines[0] is the metadata comment (row 1 in a spreadsheet), lines[1] the header: lines[i] is row i + 1.
    const cells = (i: number): string[] => lines[i].split(',');
    const bad = [...lines];
    const row3 = cells(3);
    row3[1] = 'T+5min';
    bad[3] = row3.join(',');
    const feedRow = lines.findIndex((l) => l.includes('incident.reported'));
    bad[feedRow] = lines[feedRow].replace('"category"":""waterlogging', '"category"":""flood');
    const actionRow = lines.findIndex((l) => l.includes('Expected Action'));
    bad[actionRow] = lines[actionRow].replace('"kind"":""incident_acknowledged"', '"kind"":""incident acknowledged"');
    const withDup = bad.join('\r\n');

    const r = importMselCsv(withDup, { fileName: 'broken.csv' });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toContainEqual({
      row: 4,
      column: 'Designated Scenario Time',
      message: '"T+5min" is not a scenario time (T+hh:mm:ss)',
    });
    expect(errors).toContainEqual(
      expect.objectContaining({
        row: feedRow + 1,
        column: 'Payload (JSON)',
        message: expect.stringMatching(/^category/),
      }),
    );
    expect(errors).toContainEqual(expect.objectContaining({ row: actionRow + 1, column: 'Matcher (JSON)' }));

    // Cross-row problems point at their rows too.
    const dupNo = [...lines];
    expect(lines[6].startsWith('5,')).toBe(true);
    dupNo[6] = lines[6].replace(/^5,/, '4,');
    const d = importMselCsv(dupNo.join('\r\n'), { fileName: 'dup.csv' });
    expect(d.ok ? [] : d.errors).toEqual([
      { row: 7, column: 'Event Number', message: 'inject number 4 is used twice' },
    ]);

    // Through the seat: the errors come back, and no scenario file is written.
    const { dir, cleanup } = tempDir('wf-ex-msel-');
    cleanups.push(cleanup);
    const rt = SeatRuntime.open({ dataDir: dir, seat: 's', operator: 'o', version: 't' });
    cleanups.push(() => rt.close());
    const res = await rt.handle('exercise.msel.import', {
      format: 'csv',
      fileName: 'broken.csv',
      dataBase64: Buffer.from(withDup).toString('base64'),
    });
    expect(res.ok && res.value.scenario).toBe(null);
    expect(res.ok && res.value.errors.length).toBe(3);
    expect(fs.existsSync(path.join(dir, 'scenarios'))).toBe(false);
    expect((await rt.handle('exercise.scenarios', {})).ok && rt.library.list().length).toBe(6);
  });

  it('reports bad cells in an XLSX by spreadsheet row, and a file that is not a workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportMselXlsx(typhoon())) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('MSEL') as ExcelJS.Worksheet;
    ws.getCell('A2').value = 'one';
    ws.getCell('E3').value = '';
    const broken = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importMselXlsx(broken, { fileName: 'x.xlsx' });
    const errors = r.ok ? [] : r.errors;
    expect(errors).toContainEqual(expect.objectContaining({ row: 2, column: 'Event Number' }));
    expect(errors.every((e) => e.row >= 2)).toBe(true);
    const notXlsx = await importMselXlsx(Buffer.from('hello'), { fileName: 'x.xlsx' });
    expect(notXlsx.ok).toBe(false);
  });

  it('imports a valid MSEL into the seat’s scenario library, and exports it again', async () => {
    const { dir, cleanup } = tempDir('wf-ex-msel-ok-');
    cleanups.push(cleanup);
    const rt = SeatRuntime.open({ dataDir: dir, seat: 's', operator: 'o', version: 't' });
    cleanups.push(() => rt.close());
    const mine: Scenario = {
      ...typhoon(),
      id: 'typhoon-pudong-drill',
      title: { zh: '浦东防台演练', en: 'Pudong typhoon drill' },
    };
    const res = await rt.handle('exercise.msel.import', {
      format: 'xlsx',
      fileName: 'pudong.xlsx',
      dataBase64: (await exportMselXlsx(mine)).toString('base64'),
    });
    expect(res.ok && res.value.errors).toEqual([]);
    expect(res.ok && res.value.scenario?.id).toBe('typhoon-pudong-drill');
    expect(fs.existsSync(path.join(dir, 'scenarios', 'typhoon-pudong-drill.json'))).toBe(true);
    const out = await rt.handle('exercise.msel.export', { scenarioId: 'typhoon-pudong-drill', format: 'csv' });
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.fileName).toBe('MSEL-typhoon-pudong-drill-v1.csv');
    expect(importMselCsv(Buffer.from(out.value.dataBase64, 'base64').toString('utf8'), { fileName: 'a.csv' })).toEqual({
      ok: true,
      scenario: mine,
    });
    // A built-in cannot be overwritten by an import.
    const clash = await rt.handle('exercise.msel.import', {
      format: 'csv',
      fileName: 't.csv',
      dataBase64: Buffer.from(exportMselCsv(typhoon())).toString('base64'),
    });
    expect(clash.ok).toBe(false);
    expect(!clash.ok && clash.error.code).toBe('conflict');
  });
});
