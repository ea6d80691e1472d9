import { createRequire } from 'node:module';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { EXERCISE_TITLE_PREFIX, markEveryPage } from '../exercise/watermark';
import PDFDocument from 'pdfkit';
import type { ExportFile } from '../../../shared/roster-types';

/**
 * Writers shared by the roster and handover exports: a document is a title,
 * a few subtitle lines and blocks of tables, written as CSV (UTF-8 with BOM so
 * Excel shows Chinese), XLSX, or PDF with Noto Sans SC embedded (subset) so
 * Chinese renders on any machine.
 */
export interface TableBlock {
  heading?: string;
  columns: string[];
  rows: string[][];
  /** Relative column widths for PDF; equal if absent. */
  widths?: number[];
  /** Per-row background for PDF/XLSX (e.g. holidays, weekends), hex like "#fde8e8". */
  shade?: (string | null)[];
  /** PDF: stretch the rows to fill the rest of the page (a wall chart is one full page). */
  fillPage?: boolean;
}

export interface TabularDoc {
  title: string;
  subtitle: string[];
  blocks: TableBlock[];
  /** Lines printed after the tables (signatures, notes). */
  footer?: string[];
  /** Exported in exercise mode: the title says so and every PDF page carries the EXERCISE mark. */
  exercise?: boolean;
}

let fontCache: Buffer | null = null;

/** The Noto Sans SC TTF, from the installed @expo-google-fonts package (OFL). */
export function cjkFont(): Buffer {
  if (!fontCache) {
    const req = createRequire(import.meta.url);
    const file = req.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
    fontCache = fs.readFileSync(file);
  }
  return fontCache;
}

export function toCsv(doc: TabularDoc): string {
  const rows: string[][] = [[doc.title], ...doc.subtitle.map((s) => [s])];
  for (const b of doc.blocks) {
    rows.push([]);
    if (b.heading) rows.push([b.heading]);
    rows.push(b.columns, ...b.rows);
  }
  if (doc.footer) rows.push([], ...doc.footer.map((f) => [f]));
  return `\uFEFF${Papa.unparse(rows, { newline: '\r\n' })}`;
}

export async function toXlsx(doc: TabularDoc, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchfloor';
  const ws = wb.addWorksheet(sheetName.slice(0, 31), { pageSetup: { orientation: 'landscape', fitToPage: true } });
  ws.addRow([doc.title]).font = { bold: true, size: 14 };
  for (const s of doc.subtitle) ws.addRow([s]);
  for (const b of doc.blocks) {
    ws.addRow([]);
    if (b.heading) ws.addRow([b.heading]).font = { bold: true };
    const header = ws.addRow(b.columns);
    header.font = { bold: true };
    header.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE3EA' } };
    });
    b.rows.forEach((r, i) => {
      const row = ws.addRow(r);
      row.alignment = { wrapText: true, vertical: 'top' };
      const shade = b.shade?.[i];
      if (shade) {
        row.eachCell({ includeEmpty: true }, (c) => {
          c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${shade.slice(1).toUpperCase()}` } };
        });
      }
    });
  }
  if (doc.footer) {
    ws.addRow([]);
    for (const f of doc.footer) ws.addRow([f]);
  }
  const maxCols = Math.max(1, ...doc.blocks.map((b) => b.columns.length));
  for (let i = 1; i <= maxCols; i++) ws.getColumn(i).width = i === 1 ? 16 : 22;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function toPdf(doc: TabularDoc, size: 'A4' | 'A3'): Promise<Buffer> {
  const pdf = new PDFDocument({ size, layout: 'landscape', margin: 28, info: { Title: doc.title } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.registerFont('cjk', cjkFont());
  pdf.font('cjk');
  if (doc.exercise) markEveryPage(pdf);
  const left = pdf.page.margins.left;
  const width = pdf.page.width - left - pdf.page.margins.right;
  const bottom = pdf.page.height - pdf.page.margins.bottom;
  const small = size === 'A3' ? 9 : 7.5;

  pdf.fontSize(size === 'A3' ? 20 : 15).text(doc.title, left, pdf.y, { width, align: 'center' });
  pdf.fontSize(small + 1);
  for (const s of doc.subtitle) pdf.text(s, { width, align: 'center' });
  pdf.moveDown(0.5);

  for (const b of doc.blocks) {
    const weights = b.widths ?? b.columns.map(() => 1);
    const total = weights.reduce((a, x) => a + x, 0);
    const colW = weights.map((w) => (w / total) * width);
    // A wall chart fills its page: share the height left (less the footer) among the rows.
    const footerRoom = ((doc.footer?.length ?? 0) + 2) * (small + 2) * 1.6;
    const minRow = b.fillPage ? (bottom - pdf.y - footerRoom) / (b.rows.length + 1) : 0;
    const fontSize = b.fillPage ? Math.max(5, Math.min(small * 1.6, minRow * 0.55)) : small;
    const rowHeight = (cells: string[], size: number): number => {
      pdf.fontSize(size);
      const text =
        Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: colW[i] - 6 }))) + (b.fillPage ? 2 : 5);
      return Math.max(text, minRow);
    };
    const drawRow = (cells: string[], fill: string | null, size: number): void => {
      const h = rowHeight(cells, size);
      const pad = b.fillPage ? (h - pdf.fontSize(size).currentLineHeight()) / 2 : 2.5;
      if (pdf.y + h > bottom) pdf.addPage();
      const y = pdf.y;
      let x = left;
      cells.forEach((c, i) => {
        if (fill) pdf.rect(x, y, colW[i], h).fill(fill);
        pdf.rect(x, y, colW[i], h).lineWidth(0.5).stroke('#7a8696');
        pdf
          .fillColor('#111111')
          .fontSize(size)
          .text(c, x + 3, y + pad, { width: colW[i] - 6 });
        x += colW[i];
      });
      pdf.x = left;
      pdf.y = y + h;
    };
    if (b.heading) {
      if (pdf.y + 40 > bottom) pdf.addPage();
      pdf.moveDown(0.4);
      pdf
        .fontSize(small + 3)
        .fillColor('#111111')
        .text(b.heading, left, pdf.y, { width });
      pdf.moveDown(0.2);
    }
    drawRow(b.columns, '#dde3ea', fontSize);
    b.rows.forEach((r, i) => drawRow(r, b.shade?.[i] ?? null, fontSize));
  }
  if (doc.footer) {
    pdf.moveDown(1);
    pdf.fontSize(small + 2);
    for (const f of doc.footer) pdf.text(f, left, pdf.y, { width });
  }
  pdf.end();
  return done;
}

export async function render(
  doc: TabularDoc,
  format: 'csv' | 'xlsx' | 'pdf',
  basename: string,
  paper: 'A4' | 'A3' = 'A4',
): Promise<ExportFile> {
  if (doc.exercise && !doc.title.startsWith(EXERCISE_TITLE_PREFIX)) {
    doc = { ...doc, title: `${EXERCISE_TITLE_PREFIX}${doc.title}` };
  }
  if (format === 'csv') {
    return {
      filename: `${basename}.csv`,
      mime: 'text/csv',
      base64: Buffer.from(toCsv(doc), 'utf8').toString('base64'),
    };
  }
  if (format === 'xlsx') {
    return {
      filename: `${basename}.xlsx`,
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: (await toXlsx(doc, basename)).toString('base64'),
    };
  }
  return { filename: `${basename}.pdf`, mime: 'application/pdf', base64: (await toPdf(doc, paper)).toString('base64') };
}
