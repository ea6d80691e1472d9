import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { markEveryPage } from '../exercise/watermark';
import PDFDocument from 'pdfkit';

/**
 * A report as data: a title, some lines, and tables. Each kind of report
 * (daily, incident, activity log) builds one; this file renders it as PDF,
 * CSV or XLSX, reporting progress as it goes.
 */
export interface ReportTable {
  name: string;
  headers: string[];
  /** Relative column widths for the PDF. */
  widths: number[];
  rows: string[][];
}

export interface ReportSection {
  heading: string;
  lines?: string[];
  table?: ReportTable;
}

export interface ReportDoc {
  title: string;
  subtitle: string;
  sections: ReportSection[];
  footer: string;
  /** Exported in exercise mode: every PDF page carries the EXERCISE mark. */
  exercise?: boolean;
}

export type Progress = (fraction: number) => void;

/** NotoSansSC (OFL) covers Chinese and Latin; pdfkit embeds only the glyphs used. */
export function cjkFontPath(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@expo-google-fonts/noto-sans-sc/package.json');
  return path.join(path.dirname(pkg), '400Regular', 'NotoSansSC_400Regular.ttf');
}

export async function renderPdf(doc: ReportDoc, file: string, progress?: Progress): Promise<void> {
  const pdf = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 40, info: { Title: doc.title } });
  const out = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    pdf.on('error', reject);
  });
  pdf.pipe(out);
  pdf.registerFont('cjk', cjkFontPath());
  pdf.font('cjk');
  if (doc.exercise) markEveryPage(pdf);
  const left = pdf.page.margins.left;
  const usable = pdf.page.width - left - pdf.page.margins.right;
  const bottom = (): number => pdf.page.height - pdf.page.margins.bottom;
  pdf.fontSize(18).text(doc.title, { align: 'center' });
  pdf.fontSize(10).fillColor('#444').text(doc.subtitle, { align: 'center' }).fillColor('#000');
  pdf.moveDown();
  const totalRows = doc.sections.reduce((n, s) => n + (s.table?.rows.length ?? 0), 0) || 1;
  let rowsDone = 0;
  for (const section of doc.sections) {
    if (pdf.y > bottom() - 60) pdf.addPage();
    pdf.fontSize(13).text(section.heading, left, pdf.y);
    pdf.moveDown(0.3);
    pdf.fontSize(9.5);
    for (const line of section.lines ?? []) pdf.text(line, left, pdf.y, { width: usable });
    const t = section.table;
    if (t) {
      const sum = t.widths.reduce((a, b) => a + b, 0);
      const widths = t.widths.map((w) => (w / sum) * usable);
      const drawRow = (cells: string[], header: boolean): void => {
        pdf.fontSize(header ? 9 : 8.5);
        const heights = cells.map((c, i) => pdf.heightOfString(c || ' ', { width: widths[i] - 6 }));
        const h = Math.max(...heights) + 6;
        if (pdf.y + h > bottom()) pdf.addPage();
        const y = pdf.y;
        if (header) pdf.rect(left, y, usable, h).fill('#e8ecf2').fillColor('#000');
        let x = left;
        cells.forEach((c, i) => {
          pdf.text(c || '', x + 3, y + 3, { width: widths[i] - 6 });
          x += widths[i];
        });
        pdf.moveTo(left, y + h).lineTo(left + usable, y + h).strokeColor('#c8ced8').lineWidth(0.5).stroke();
        pdf.x = left;
        pdf.y = y + h;
      };
      drawRow(t.headers, true);
      for (const r of t.rows) {
        drawRow(r, false);
        rowsDone++;
        if (rowsDone % 50 === 0) progress?.(Math.min(0.95, rowsDone / totalRows));
      }
    }
    pdf.moveDown();
  }
  pdf.fontSize(8).fillColor('#666').text(doc.footer, left, pdf.y, { width: usable });
  pdf.end();
  await done;
  progress?.(1);
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One CSV per table (a CSV holds one table); UTF-8 with BOM so Excel reads Chinese. */
export function renderCsv(doc: ReportDoc, base: string, progress?: Progress): string[] {
  const tables = doc.sections.flatMap((s) => (s.table ? [s.table] : []));
  const files: string[] = [];
  tables.forEach((t, i) => {
    const file = tables.length === 1 ? `${base}.csv` : `${base}-${t.name}.csv`;
    const lines = [t.headers, ...t.rows].map((r) => r.map(csvCell).join(','));
    // An exercise export says so in its first line, so a copied file is never taken for a real record.
    if (doc.exercise) lines.unshift(csvCell(doc.title));
    fs.writeFileSync(file, `\ufeff${lines.join('\r\n')}\r\n`);
    files.push(file);
    progress?.((i + 1) / tables.length);
  });
  return files;
}

export async function renderXlsx(doc: ReportDoc, file: string, progress?: Progress): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Watchfloor';
  const summary = wb.addWorksheet('summary');
  summary.addRow([doc.title]);
  summary.addRow([doc.subtitle]);
  for (const s of doc.sections) {
    if (!s.lines?.length) continue;
    summary.addRow([]);
    summary.addRow([s.heading]);
    for (const l of s.lines) summary.addRow([l]);
  }
  summary.getColumn(1).width = 100;
  const tables = doc.sections.flatMap((s) => (s.table ? [s.table] : []));
  tables.forEach((t, i) => {
    const ws = wb.addWorksheet(t.name.slice(0, 31));
    ws.addRow(t.headers).font = { bold: true };
    for (const r of t.rows) ws.addRow(r);
    t.widths.forEach((w, c) => (ws.getColumn(c + 1).width = Math.max(8, Math.min(80, w * 4))));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    progress?.(((i + 1) / (tables.length + 1)) * 0.9);
  });
  await wb.xlsx.writeFile(file);
  progress?.(1);
}
