import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { CoreError } from './result';
import type { Table } from './resources';

export type TableFormat = 'csv' | 'xlsx';

/** exceljs is large (~1 MB): load it only when a workbook is read or written, so screens open fast. */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const mod = await import('exceljs');
  const Excel = (mod as unknown as { default?: typeof ExcelJS }).default ?? (mod as unknown as typeof ExcelJS);
  return new Excel.Workbook();
}

/** Cell text as an officer typed it; dates become YYYY-MM-DD (Excel stores them as UTC midnight). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v).trim();
}

/**
 * Read a CSV or XLSX file into a table of strings: the first row is the
 * header, the first sheet is used. Files that cannot be parsed at all are
 * refused with a message that says which kind of file was expected.
 */
export async function readTable(format: TableFormat, bytes: Uint8Array): Promise<Table> {
  if (format === 'csv') {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    // Blank rows in the middle keep their place so row numbers match the file; trailing ones go.
    const data = parsed.data;
    while (data.length > 1 && data[data.length - 1].every((c) => c.trim() === '')) data.pop();
    if (data.length === 0) throw new CoreError('invalid_request', 'the CSV file is empty');
    const [header, ...rows] = data;
    return { columns: header.map((h) => h.trim()), rows: rows.map((r) => r.map((c) => c.trim())) };
  }
  const wb = await newWorkbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new CoreError('invalid_request', `the file is not a readable XLSX workbook: ${(err as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet) throw new CoreError('invalid_request', 'the workbook has no sheets');
  const width = sheet.columnCount;
  const out: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    out.push(cells);
  }
  while (out.length > 1 && out[out.length - 1].every((c) => c === '')) out.pop();
  if (out.length === 0) throw new CoreError('invalid_request', 'the first sheet is empty');
  const [header, ...rows] = out;
  return { columns: header, rows };
}

/** Write a table as CSV (UTF-8 with BOM, so Excel opens Chinese text correctly) or XLSX. */
export async function writeTable(format: TableFormat, table: Table, sheetName = 'Sheet1'): Promise<Uint8Array> {
  if (format === 'csv') {
    const text = Papa.unparse({ fields: table.columns, data: table.rows });
    return new TextEncoder().encode(`\uFEFF${text}\r\n`);
  }
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(table.columns).font = { bold: true };
  for (const r of table.rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = 16;
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
