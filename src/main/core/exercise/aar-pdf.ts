import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { AfterActionReport, ExpectedStatus } from '../../../shared/contracts/exercise';
import { formatScenarioTime } from '../../../shared/exercise-scenario';
import { formatShanghai } from '../time';
import { drawExerciseWatermark } from './watermark';

/**
 * The after-action report as a PDF: per objective expected vs actual with
 * times, the measures, strengths and areas for improvement, corrective
 * actions and the timeline. Every page carries the EXERCISE watermark, so a
 * printed page can never be taken for a real-incident record. Labels live
 * here (the core has no renderer i18n), in both languages.
 */
export type PdfLang = 'zh-CN' | 'en';

const LABELS = {
  'zh-CN': {
    watermark: '演练 EXERCISE',
    title: '演练总结评估报告',
    seed: '随机种子',
    started: '开始',
    ended: '结束',
    endReason: '结束原因',
    objectives: '演练目标：预期与实际',
    action: '预期行动',
    due: '时限',
    actual: '实际',
    measures: '关键时效',
    ack: '平均确认用时',
    dispatch: '平均调派用时',
    plan: '平均预案启动用时',
    steps: '预案步骤按时完成',
    none: '无',
    strengths: '优点',
    improvements: '待改进事项',
    corrective: '整改措施',
    owner: '责任人',
    dueDate: '完成期限',
    timeline: '演练时间线',
    status: {
      met: '按时',
      late: '超时',
      missed: '未完成',
      pending: '进行中',
      not_due: '未触发',
      unsupported: '人工评估',
    },
    minutes: '分钟',
  },
  en: {
    watermark: 'EXERCISE 演练',
    title: 'After-action report',
    seed: 'Seed',
    started: 'Started',
    ended: 'Ended',
    endReason: 'End reason',
    objectives: 'Objectives: expected vs actual',
    action: 'Expected action',
    due: 'Within',
    actual: 'Actual',
    measures: 'Key times',
    ack: 'Mean time to acknowledge',
    dispatch: 'Mean time to dispatch',
    plan: 'Mean time to activate the plan',
    steps: 'Plan steps done on time',
    none: 'none',
    strengths: 'Strengths',
    improvements: 'Areas for improvement',
    corrective: 'Corrective actions',
    owner: 'Owner',
    dueDate: 'Due',
    timeline: 'Timeline',
    status: {
      met: 'met',
      late: 'late',
      missed: 'missed',
      pending: 'pending',
      not_due: 'not triggered',
      unsupported: 'assess by hand',
    },
    minutes: 'min',
  },
} as const satisfies Record<PdfLang, unknown>;

const require = createRequire(import.meta.url);

export function defaultCjkFont(): string {
  return require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
}

function mins(ms: number | null, l: (typeof LABELS)[PdfLang]): string {
  return ms === null ? l.none : `${(ms / 60_000).toFixed(1)} ${l.minutes}`;
}

/**
 * Render synchronously: pdfkit writes every chunk during `end()`, and reading
 * the paused stream's buffer right after keeps the core's handlers synchronous.
 */
export function renderAarPdf(aar: AfterActionReport, lang: PdfLang, fontFile = defaultCjkFont()): Buffer {
  const l = LABELS[lang];
  const pick = (t: { zh: string; en: string }): string => (lang === 'zh-CN' ? t.zh : t.en);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${l.title} — ${pick(aar.title)}`, Keywords: 'EXERCISE' },
  });
  doc.registerFont('cjk', fontFile);
  doc.font('cjk');
  drawExerciseWatermark(doc, l.watermark);
  doc.on('pageAdded', () => {
    drawExerciseWatermark(doc, l.watermark);
    doc.font('cjk').fillColor('#000000').fillOpacity(1).fontSize(10);
  });

  doc.moveDown(0.5).fillColor('#000000').fontSize(18).text(l.title);
  doc.fontSize(14).text(pick(aar.title));
  doc.fontSize(9).fillColor('#444444');
  doc.text(
    `${l.seed}: ${aar.seed}   ${l.started}: ${formatShanghai(aar.startedAt, 'iso')}   ${l.ended}: ${aar.endedAt === null ? '—' : formatShanghai(aar.endedAt, 'iso')}`,
  );
  if (aar.endReason) doc.text(`${l.endReason}: ${aar.endReason}`);

  doc.moveDown().fillColor('#000000').fontSize(13).text(l.objectives);
  for (const o of aar.objectives) {
    doc
      .moveDown(0.4)
      .fontSize(11)
      .text(
        `${o.id} ${pick(o.text)}  (${l.status.met} ${o.met} · ${l.status.late} ${o.late} · ${l.status.missed} ${o.missed})`,
      );
    doc.fontSize(9);
    for (const a of o.actions) {
      const status = l.status[a.status as ExpectedStatus];
      doc.text(
        `  ${a.id} ${pick(a.description)} — ${l.due} ${a.withinMinutes} ${l.minutes}; ${l.actual} ${mins(a.tookMs, l)} [${status}]`,
      );
    }
  }

  doc.moveDown().fontSize(13).text(l.measures);
  doc.fontSize(10);
  doc.text(`${l.ack}: ${mins(aar.measures.toAcknowledgeMs.mean, l)} (n=${aar.measures.toAcknowledgeMs.count})`);
  doc.text(`${l.dispatch}: ${mins(aar.measures.toDispatchMs.mean, l)} (n=${aar.measures.toDispatchMs.count})`);
  doc.text(`${l.plan}: ${mins(aar.measures.toPlanMs.mean, l)} (n=${aar.measures.toPlanMs.count})`);
  const steps = aar.measures.planSteps;
  doc.text(`${l.steps}: ${steps ? `${steps.onTime}/${steps.total}` : l.none}`);

  doc.moveDown().fontSize(13).text(l.strengths);
  doc.fontSize(10).text(aar.strengths || l.none);
  doc.moveDown().fontSize(13).text(l.improvements);
  doc.fontSize(10).text(aar.improvements || l.none);

  doc.moveDown().fontSize(13).text(l.corrective);
  doc.fontSize(10);
  if (aar.corrective.length === 0) doc.text(l.none);
  for (const c of aar.corrective) doc.text(`• ${c.text} — ${l.owner}: ${c.owner}; ${l.dueDate}: ${c.dueDate}`);

  doc.moveDown().fontSize(13).text(l.timeline);
  doc.fontSize(8);
  for (const t of aar.timeline) doc.text(`${formatScenarioTime(t.scenarioMs)}  ${pick(t.text)}`);

  doc.end();
  const chunks: Buffer[] = [];
  for (let c = doc.read() as Buffer | null; c !== null; c = doc.read() as Buffer | null) chunks.push(c);
  return Buffer.concat(chunks);
}
