import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { formatScenarioTime, parseScenarioTime, type Scenario } from '../../../shared/exercise-scenario';
import { META_TAG, MSEL_COLUMNS } from './msel-io';

/**
 * Write a scenario as an MSEL spreadsheet in the HSEEP layout (see msel-io.ts
 * for the columns): injects first, then expected actions; the scenario's
 * metadata rides in a comment line (CSV) or a second sheet (XLSX).
 */

function metaOf(s: Scenario): Record<string, unknown> {
  const { injects: _i, expectedActions: _a, ...meta } = s;
  return meta;
}

function rowsOf(s: Scenario): string[][] {
  const rows: string[][] = [];
  const blank = (): Record<string, string> => Object.fromEntries(MSEL_COLUMNS.map((c) => [c, '']));
  for (const i of s.injects) {
    const r = blank();
    r['Event Number'] = String(i.no);
    r['Designated Scenario Time'] = i.at;
    r['Event Type'] = 'Inject';
    r['Inject Mode'] = i.delivery;
    r['Title (zh)'] = i.title.zh;
    r['Title (en)'] = i.title.en;
    r['Exercise Objective'] = i.objective ?? '';
    r.Notes = i.notes ?? '';
    r['Jitter (s)'] = i.jitterSec ? String(i.jitterSec) : '';
    if (i.delivery === 'feed') {
      r.From = i.stream;
      r.Message = i.title.zh;
      r.Stream = i.stream;
      r['Feed Type'] = i.type;
      r['Payload (JSON)'] = JSON.stringify(i.payload);
    } else if (i.delivery === 'call') {
      r.From = i.from;
      r.Message = i.payload.script.zh;
      r['Message (en)'] = i.payload.script.en;
      const { script: _s, ...rest } = i.payload;
      r['Payload (JSON)'] = JSON.stringify(rest);
    } else {
      r.From = i.from;
      r.To = i.to ?? '';
      r.Message = i.payload.text.zh;
      r['Message (en)'] = i.payload.text.en;
    }
    rows.push(MSEL_COLUMNS.map((c) => r[c]));
  }
  for (const a of s.expectedActions) {
    const r = blank();
    r['Event Number'] = a.id;
    const inj = s.injects.find((i) => i.no === a.afterInject);
    r['Designated Scenario Time'] = formatScenarioTime(
      (parseScenarioTime(inj?.at ?? 'T+00:00:00') ?? 0) + a.withinMinutes * 60_000,
    );
    r['Event Type'] = 'Expected Action';
    r['Expected Participant Response'] = a.description.zh;
    r['Message (en)'] = a.description.en;
    r['Exercise Objective'] = a.objective;
    r['After Event'] = String(a.afterInject);
    r['Within (min)'] = String(a.withinMinutes);
    r['Matcher (JSON)'] = JSON.stringify(a.matcher);
    rows.push(MSEL_COLUMNS.map((c) => r[c]));
  }
  return rows;
}

export function exportMselCsv(s: Scenario): string {
  // The scenario's metadata rides in a leading comment line that HSEEP tools skip.
  const body = Papa.unparse({ fields: [...MSEL_COLUMNS], data: rowsOf(s) }, { newline: '\r\n' });
  return `# ${META_TAG} ${JSON.stringify(metaOf(s))}\r\n${body}\r\n`;
}

export async function exportMselXlsx(s: Scenario): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchfloor';
  const ws = wb.addWorksheet('MSEL');
  ws.addRow([...MSEL_COLUMNS]);
  ws.getRow(1).font = { bold: true };
  for (const r of rowsOf(s)) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 22));
  const meta = wb.addWorksheet('Scenario');
  meta.addRow([META_TAG, JSON.stringify(metaOf(s))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
