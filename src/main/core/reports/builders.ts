import { DISTRICTS, LEVEL_ROMAN, type District, type Level } from '../../../shared/domain';
import type { ActivityEntry } from '../../../shared/contracts/console';
import { formatShanghai } from '../time';
import type { DailyData, IncidentData } from './data';
import { categoryName, planTitle, statusName, stepStateName } from './labels';
import type { ReportDoc } from './render';

export type Lang = 'zh-CN' | 'en';

/**
 * Report wording. Reports are documents the seat writes (PDF/XLSX), not
 * screens, so their words live here with the core, zh-CN first.
 */
const L = {
  'zh-CN': {
    daily: '值班日报',
    incidentReport: '突发事件处置报告',
    activity: '值班活动记录（ICS-214）',
    summary: '概况',
    opened: '新接报事件',
    closed: '当日办结',
    openAtEnd: '日终在办',
    byLevel: '按级别',
    byCategory: '按类别',
    byDistrict: '按区',
    plans: '预案启动',
    overdue: '超时未完成预案步骤',
    actions: '操作记录条数',
    incidents: '事件清单',
    time: '时间',
    ref: '编号',
    title: '事件',
    level: '级别',
    status: '状态',
    district: '区',
    category: '类别',
    details: '基本情况',
    timeline: '处置时间线',
    actor: '操作人',
    kind: '类型',
    text: '内容',
    units: '出动力量',
    unit: '力量',
    none: '无记录',
    steps: '预案步骤',
    plan: '预案',
    step: '步骤',
    position: '责任岗位',
    deadline: '时限',
    state: '完成情况',
    sources: '信息来源',
    channel: '渠道',
    source: '来源',
    reporter: '报告人',
    seat: '席位',
    operator: '值班人员',
    role: '角色',
    action: '操作',
    target: '对象',
    outcome: '结果',
    period: '时段',
    generated: '生成时间',
    address: '地点',
    reported: '接报时间',
    lessons: '经验教训',
  },
  en: {
    daily: 'Daily duty report',
    incidentReport: 'Incident report',
    activity: 'Activity log (ICS-214)',
    summary: 'Summary',
    opened: 'New incidents',
    closed: 'Closed today',
    openAtEnd: 'Open at end of day',
    byLevel: 'By level',
    byCategory: 'By category',
    byDistrict: 'By district',
    plans: 'Plans activated',
    overdue: 'Overdue plan steps',
    actions: 'Operator actions logged',
    incidents: 'Incidents',
    time: 'Time',
    ref: 'Ref',
    title: 'Incident',
    level: 'Level',
    status: 'Status',
    district: 'District',
    category: 'Category',
    details: 'Details',
    timeline: 'Timeline',
    actor: 'By',
    kind: 'Kind',
    text: 'Entry',
    units: 'Units',
    unit: 'Unit',
    none: 'none recorded',
    steps: 'Plan steps',
    plan: 'Plan',
    step: 'Step',
    position: 'Responsible',
    deadline: 'Deadline',
    state: 'State',
    sources: 'Sources',
    channel: 'Channel',
    source: 'Source',
    reporter: 'Reporter',
    seat: 'Seat',
    operator: 'Operator',
    role: 'Role',
    action: 'Action',
    target: 'Target',
    outcome: 'Outcome',
    period: 'Period',
    generated: 'Generated',
    address: 'Location',
    reported: 'Reported',
    lessons: 'Lessons',
  },
} as const;

const t = (s: number): string => formatShanghai(s, 'iso').slice(0, 16).replace('T', ' ');
const districtName = (d: string | null, lang: Lang): string =>
  d && d in DISTRICTS ? (lang === 'zh-CN' ? DISTRICTS[d as District].zh : d) : '-';
const lvl = (n: number): string => LEVEL_ROMAN[n as Level] ?? String(n);

export function dailyDoc(d: DailyData, lang: Lang, now: number): ReportDoc {
  const w = L[lang];
  return {
    title: `${w.daily} ${formatShanghai(d.from, 'iso').slice(0, 10)}`,
    subtitle: `${w.period}: ${t(d.from)} – ${t(d.to)} (UTC+8)`,
    sections: [
      {
        heading: w.summary,
        lines: [
          `${w.opened}: ${d.opened.length}  ·  ${w.closed}: ${d.closedCount}  ·  ${w.openAtEnd}: ${d.openAtEnd}`,
          `${w.byLevel}: ${[1, 2, 3, 4].map((l) => `${lvl(l)} ${d.byLevel[l]}`).join('  ')}`,
          `${w.byCategory}: ${d.byCategory.map((c) => `${categoryName(c.category, lang)} ${c.n}`).join('，') || w.none}`,
          `${w.byDistrict}: ${d.byDistrict.map((c) => `${districtName(c.district, lang)} ${c.n}`).join('，') || w.none}`,
          `${w.plans}: ${d.activations.map((a) => `${a.ref} ${planTitle(a.planId, lang)}`).join('，') || w.none}`,
          `${w.overdue}: ${d.overdueOpen}  ·  ${w.actions}: ${d.actions}`,
        ],
      },
      {
        heading: w.incidents,
        table: {
          name: 'incidents',
          headers: [w.time, w.ref, w.title, w.category, w.level, w.district, w.status],
          widths: [12, 14, 34, 10, 6, 10, 10],
          rows: d.opened.map((i) => [
            t(i.reportedAt),
            i.ref,
            i.title,
            categoryName(i.category, lang),
            lvl(i.level),
            districtName(i.district, lang),
            statusName(i.status, lang),
          ]),
        },
      },
    ],
    footer: `${w.generated}: ${t(now)} · Watchfloor`,
  };
}

export function incidentDoc(d: IncidentData, lang: Lang, now: number): ReportDoc {
  const w = L[lang];
  const i = d.incident;
  const steps = d.plans.flatMap((p) =>
    p.steps.map((s) => [
      planTitle(p.planId, lang),
      lang === 'zh-CN' ? s.titleZh : s.titleEn,
      s.position,
      t(s.deadlineAt),
      stepStateName(s.state, lang) + (s.reason ? ` (${s.reason})` : '') + (s.doneAt ? ` ${t(s.doneAt)}` : ''),
    ]),
  );
  return {
    title: `${w.incidentReport} ${i.ref}`,
    subtitle: i.title,
    sections: [
      {
        heading: w.details,
        lines: [
          `${w.category}: ${categoryName(i.category, lang)} (${i.incidentClass})  ·  ${w.level}: ${lvl(i.level)}  ·  ${w.status}: ${statusName(i.status, lang)}`,
          `${w.district}: ${districtName(i.district, lang)}  ·  ${w.address}: ${i.address ?? '-'}`,
          `${w.reported}: ${t(i.reportedAt)}  ·  ${w.channel}: ${i.channel}`,
          ...(i.description ? [i.description] : []),
        ],
      },
      {
        heading: w.timeline,
        table: {
          name: 'timeline',
          headers: [w.time, w.kind, w.actor, w.text],
          widths: [12, 12, 16, 60],
          rows: d.timeline.map((e) => [t(e.at), e.kind, e.actor, e.text]),
        },
      },
      d.units.length
        ? {
            heading: w.units,
            table: {
              name: 'units',
              headers: [w.unit, w.status, w.time],
              widths: [30, 20, 20],
              rows: d.units.map((u) => [u.unit, u.status, u.at ? t(u.at) : '-']),
            },
          }
        : { heading: w.units, lines: [w.none] },
      steps.length
        ? {
            heading: w.steps,
            table: { name: 'plan-steps', headers: [w.plan, w.step, w.position, w.deadline, w.state], widths: [16, 40, 20, 12, 16], rows: steps },
          }
        : { heading: w.steps, lines: [w.none] },
      {
        heading: w.sources,
        table: {
          name: 'sources',
          headers: [w.time, w.channel, w.source, w.reporter],
          widths: [14, 8, 30, 20],
          rows: d.sources.map((s) => [t(s.receivedAt), s.channel, s.source, s.reporterName ?? '-']),
        },
      },
    ],
    footer: `${w.generated}: ${t(now)} · Watchfloor`,
  };
}

export function activityDoc(rows: ActivityEntry[], from: number, to: number, seat: string | undefined, lang: Lang, now: number): ReportDoc {
  const w = L[lang];
  return {
    title: w.activity,
    subtitle: `${w.seat}: ${seat ?? '*'} · ${w.period}: ${t(from)} – ${t(to)}`,
    sections: [
      {
        heading: w.activity,
        table: {
          name: 'activity',
          headers: [w.time, w.seat, w.operator, w.role, w.action, w.target, w.outcome],
          widths: [12, 8, 12, 12, 18, 26, 8],
          rows: rows.map((r) => [t(r.at), r.seat, r.operator, r.role, r.action, r.target ?? '', r.outcome]),
        },
      },
    ],
    footer: `${w.generated}: ${t(now)} · Watchfloor`,
  };
}
