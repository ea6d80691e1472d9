import type { Handover } from '../../../shared/handover-types';
import { clockOf, dutyDateOf, monthDates, weekdayOf } from '../../../shared/roster-time';
import type { ExportFile, Person, RosterView } from '../../../shared/roster-types';
import { render, type TableBlock, type TabularDoc } from './tabular';

/**
 * The exports: the month roster as a centre pins it on the wall (dates down,
 * position × shift across, names in the cells, holidays and weekends shaded),
 * and a handover record. Labels come in zh-CN (default) and English; names
 * and data are printed as stored.
 */
export type ExportLang = 'zh-CN' | 'en';

const L = {
  'zh-CN': {
    rosterTitle: (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5))}月 值班表`,
    date: '日期',
    weekdays: ['日', '一', '二', '三', '四', '五', '六'],
    weekday: (d: string) => `周${'日一二三四五六'[weekdayOf(d)]}`,
    holidayLegend: '注：底色标出节假日和周末；节假日名称写在日期后。',
    printed: (t: number) => `打印时间 ${dutyDateOf(t)} ${clockOf(t)}（北京时间）`,
    handoverTitle: (ref: string) => `交接班记录 ${ref}`,
    shift: '班次',
    sections: {
      incidents: '在办事件（等级·下一步）',
      alerts: '未确认告警',
      warnings: '生效预警',
      planSteps: '超时预案步骤',
      outbox: '待发送指令',
      units: '停用力量',
      stock: '低库存物资',
    },
    unavailable: '（本机尚无此数据）',
    sep: '、',
    none: '无',
    cols: ['事项', '等级', '状态', '详情 / 下一步', '时间'],
    items: '遗留事项（未关闭的继续交接）',
    itemCols: ['事项', '说明', '提出', '状态'],
    open: '未关闭',
    closed: (by: string, note: string) => `已关闭（${by}）：${note}`,
    notes: '备注',
    outgoing: '交班人',
    incoming: '接班人',
    unsigned: '（未签）',
    level: (l: string) =>
      ['I', 'II', 'III', 'IV'][Number(l) - 1] ? `${['I', 'II', 'III', 'IV'][Number(l) - 1]}级` : l,
  },
  en: {
    rosterTitle: (m: string) => `Duty roster ${m}`,
    date: 'Date',
    weekdays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    weekday: (d: string) => ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][weekdayOf(d)],
    holidayLegend: 'Shaded rows are holidays and weekends; holiday names follow the date.',
    printed: (t: number) => `Printed ${dutyDateOf(t)} ${clockOf(t)} (Beijing time)`,
    handoverTitle: (ref: string) => `Shift handover ${ref}`,
    shift: 'Shift',
    sections: {
      incidents: 'Open incidents (level, next step)',
      alerts: 'Unacknowledged alerts',
      warnings: 'Active warnings',
      planSteps: 'Overdue plan steps',
      outbox: 'Pending commands',
      units: 'Units out of service',
      stock: 'Low stock',
    },
    unavailable: '(not recorded on this seat yet)',
    sep: ', ',
    none: 'None',
    cols: ['Item', 'Level', 'Status', 'Detail / next step', 'Time'],
    items: 'Open items (carried over until closed)',
    itemCols: ['Item', 'Detail', 'Raised', 'State'],
    open: 'Open',
    closed: (by: string, note: string) => `Closed (${by}): ${note}`,
    notes: 'Notes',
    outgoing: 'Outgoing officer',
    incoming: 'Incoming officer',
    unsigned: '(not signed)',
    level: (l: string) =>
      ['I', 'II', 'III', 'IV'][Number(l) - 1] ? `Level ${['I', 'II', 'III', 'IV'][Number(l) - 1]}` : l,
  },
} as const;

const HOLIDAY_SHADE = '#fbe3e3';
const WEEKEND_SHADE = '#eef1f5';

/** The wall grid for a month: one row per date, one column per (position, shift it staffs). */
export function rosterMonthDoc(month: string, view: RosterView, lang: ExportLang, printedAt: number): TabularDoc {
  const l = L[lang];
  const dates = monthDates(month) ?? [];
  const people = new Map<string, Person>(view.people.map((p) => [p.id, p]));
  const holidays = new Map(view.holidays.map((h) => [h.date, h]));
  const columns: { positionId: string; shiftId: string; label: string }[] = [];
  for (const pos of view.positions) {
    const shifts = view.shifts.filter((s) => s.positionIds.includes(pos.id));
    for (const s of shifts) {
      columns.push({
        positionId: pos.id,
        shiftId: s.id,
        label: shifts.length > 1 ? `${pos.name} ${s.name}` : `${pos.name}（${s.name}）`,
      });
    }
  }
  const cell = new Map<string, string[]>();
  for (const a of view.assignments) {
    const k = `${a.date}|${a.positionId}|${a.shiftId}`;
    cell.set(k, [...(cell.get(k) ?? []), people.get(a.personId)?.name ?? a.personId]);
  }
  const rows: string[][] = [];
  const shade: (string | null)[] = [];
  for (const d of dates) {
    const h = holidays.get(d);
    const label = `${d.slice(5)} ${l.weekday(d)}${h ? ` ${h.name}` : ''}`;
    rows.push([label, ...columns.map((c) => (cell.get(`${d}|${c.positionId}|${c.shiftId}`) ?? []).join('、'))]);
    const wd = weekdayOf(d);
    shade.push(
      h?.kind === 'holiday' ? HOLIDAY_SHADE : (wd === 0 || wd === 6) && h?.kind !== 'workday' ? WEEKEND_SHADE : null,
    );
  }
  const shiftLine = view.shifts.map((s) => `${s.name} ${s.start}–${s.end}`).join('   ');
  return {
    title: l.rosterTitle(month),
    subtitle: [shiftLine, l.printed(printedAt)],
    blocks: [
      {
        columns: [l.date, ...columns.map((c) => c.label)],
        rows,
        shade,
        widths: [1.1, ...columns.map(() => 1)],
        fillPage: true,
      },
    ],
    footer: [l.holidayLegend],
  };
}

export function exportRosterMonth(
  month: string,
  view: RosterView,
  format: 'csv' | 'xlsx' | 'pdf',
  paper: 'A4' | 'A3',
  lang: ExportLang,
  printedAt: number,
  exercise = false,
): Promise<ExportFile> {
  return render({ ...rosterMonthDoc(month, view, lang, printedAt), exercise }, format, `roster-${month}`, paper);
}

const at = (t: number | null): string => (t === null ? '' : `${dutyDateOf(t).slice(5)} ${clockOf(t)}`);

export function handoverDoc(h: Handover, lang: ExportLang): TabularDoc {
  const l = L[lang];
  // Sections whose source is not in this store yet are named once, not drawn as empty tables.
  const missing = h.snapshot.sections.filter((s) => !s.available).map((s) => l.sections[s.key]);
  const blocks: TableBlock[] = h.snapshot.sections.flatMap((s): TableBlock[] => {
    const heading = l.sections[s.key];
    if (!s.available) return [];
    const rows = s.rows.map((r) => [
      r.title,
      r.level === null ? '' : s.key === 'incidents' ? l.level(r.level) : r.level,
      r.status ?? '',
      r.detail ?? '',
      at(r.at),
    ]);
    return [
      {
        heading,
        columns: l.cols.slice(),
        rows: rows.length > 0 ? rows : [[l.none, '', '', '', '']],
        widths: [3, 1, 1.2, 4, 1.3],
      },
    ];
  });
  blocks.push({
    heading: l.items,
    columns: l.itemCols.slice(),
    rows: h.items.map((i) => [
      i.title,
      i.detail,
      `${i.createdBy} ${at(i.createdAt)} (${i.originRef})`,
      i.closedAt === null ? l.open : l.closed(i.closedBy ?? '', i.closeNote ?? ''),
    ]),
    widths: [3, 4, 2, 3],
  });
  const sig = (who: string | null, when: number | null): string => (who ? `${who} ${at(when)}` : l.unsigned);
  return {
    title: l.handoverTitle(h.ref),
    subtitle: [`${l.shift}: ${h.shiftLabel}`],
    blocks,
    footer: [
      ...(missing.length > 0 ? [`${missing.join(l.sep)} ${l.unavailable}`] : []),
      `${l.notes}: ${h.notes || l.none}`,
      `${l.outgoing}: ${sig(h.outgoingOperator, h.outgoingSignedAt)}    ${l.incoming}: ${sig(h.incomingOperator, h.incomingSignedAt)}`,
    ],
  };
}

export function exportHandover(
  h: Handover,
  format: 'csv' | 'xlsx' | 'pdf',
  lang: ExportLang,
  exercise = false,
): Promise<ExportFile> {
  return render({ ...handoverDoc(h, lang), exercise }, format, `handover-${h.ref}`, 'A4');
}
