/**
 * The EXERCISE mark for every PDF a seat exports while in exercise mode (the
 * after-action report, and any other domain's export: call this on each page
 * when `ctx.mode === 'exercise'`), so a printed page can never be taken for
 * a real-incident record. Diagonal and pale, plus a solid banner at the top;
 * expects a CJK font already registered as the current font.
 */
export function drawExerciseWatermark(doc: PDFKit.PDFDocument, text = 'EXERCISE 演练'): void {
  const { width, height } = doc.page;
  // Drawing text moves the cursor; the page's own content must start where it would have.
  const { x, y } = doc;
  // pdfkit keeps the font size outside the graphics state that save/restore covers.
  const sized = doc as unknown as { _fontSize: number };
  const fontSize = sized._fontSize;
  doc.save();
  doc.fillColor('#d32f2f').fillOpacity(0.12).fontSize(64);
  doc.rotate(-35, { origin: [width / 2, height / 2] });
  doc.text(text, 0, height / 2 - 40, { width, align: 'center', lineBreak: false });
  doc.restore();
  // A solid banner at the top as well: a watermark alone can be lost in a poor copy.
  doc.save();
  doc.rect(0, 0, width, 18).fill('#d32f2f');
  doc.fillColor('#ffffff').fillOpacity(1).fontSize(9).text(text, 0, 4, { width, align: 'center', lineBreak: false });
  doc.restore();
  doc.x = x;
  doc.y = y;
  doc.fontSize(fontSize);
}

/** Title prefix for anything exported in exercise mode (CSV and XLSX carry it in their title row). */
export const EXERCISE_TITLE_PREFIX = '【演练 EXERCISE】';

/**
 * Watermark the current page and every page added after it. Call right after
 * registering and selecting the CJK font.
 */
export function markEveryPage(doc: PDFKit.PDFDocument): void {
  drawExerciseWatermark(doc);
  doc.on('pageAdded', () => drawExerciseWatermark(doc));
}
