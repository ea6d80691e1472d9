import type { Category, IncidentStatus } from '../../../shared/domain';
import { BUILTIN_PLANS } from '../plans/builtin/index';

/** Chinese names for codes that appear in reports (English reports show the codes' English forms). */
export const CATEGORY_ZH: Record<Category, string> = {
  waterlogging: '积水内涝',
  typhoon: '台风',
  rainstorm: '暴雨',
  extreme_weather: '极端天气',
  geological: '地质灾害',
  fire: '火灾',
  traffic: '交通事故',
  construction: '建设施工',
  hazmat: '危险化学品',
  gas: '燃气',
  water_supply: '供水',
  power: '供电',
  metro: '轨道交通',
  building: '房屋安全',
  special_equipment: '特种设备',
  info_network: '信息网络',
  epidemic: '传染病疫情',
  food_safety: '食品安全',
  poisoning: '中毒',
  crowd: '人员密集',
  public_order: '社会治安',
  other: '其他',
};

export const STATUS_ZH: Record<IncidentStatus, string> = {
  reported: '已接报',
  verified: '已核实',
  responding: '处置中',
  contained: '已控制',
  closed: '已办结',
  false_alarm: '误报',
  merged: '已合并',
};

export const STEP_STATE_ZH: Record<string, string> = {
  pending: '待办',
  done: '已完成',
  skipped: '已跳过',
  superseded: '已调整',
};

export function planTitle(id: string, lang: 'zh-CN' | 'en'): string {
  const p = BUILTIN_PLANS.find((x) => x.id === id);
  if (!p) return id;
  return lang === 'zh-CN' ? p.title.zh : p.title.en;
}

export function categoryName(c: string, lang: 'zh-CN' | 'en'): string {
  return lang === 'zh-CN' && c in CATEGORY_ZH ? CATEGORY_ZH[c as Category] : c.replace(/_/g, ' ');
}

export function statusName(s: string, lang: 'zh-CN' | 'en'): string {
  return lang === 'zh-CN' && s in STATUS_ZH ? STATUS_ZH[s as IncidentStatus] : s.replace(/_/g, ' ');
}

export function stepStateName(s: string, lang: 'zh-CN' | 'en'): string {
  return lang === 'zh-CN' ? (STEP_STATE_ZH[s] ?? s) : s;
}
