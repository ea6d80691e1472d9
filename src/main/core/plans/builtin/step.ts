import type { Level } from '../../../../shared/domain';
import type { PlanStepDef } from '../../../../shared/contracts/console';

/** Positions that own plan steps (the responsible post, not a person). */
export const POS = {
  officer: { zh: '值班员', en: 'Duty officer' },
  chief: { zh: '值班长', en: 'Duty chief' },
  leader: { zh: '带班领导', en: 'Leader on duty' },
  district: { zh: '属地区应急管理局', en: 'District emergency management bureau' },
  press: { zh: '新闻发布岗', en: 'Press officer' },
  resources: { zh: '物资保障岗', en: 'Resources officer' },
  traffic: { zh: '公安交警', en: 'Traffic police' },
  fire: { zh: '消防救援', en: 'Fire and rescue' },
  medical: { zh: '医疗救护（120）', en: 'Medical (120)' },
  water: { zh: '水务排水', en: 'Water and drainage authority' },
  gas: { zh: '燃气企业抢修', en: 'Gas utility emergency crew' },
  env: { zh: '生态环境监测', en: 'Environmental monitoring' },
  metro: { zh: '申通地铁运营调度', en: 'Metro operations control' },
  transport: { zh: '交通委/公交调度', en: 'Transport commission / bus control' },
  police: { zh: '公安现场指挥', en: 'Police incident command' },
  cyber: { zh: '网信/通信管理局', en: 'Cyberspace and telecom administration' },
  weather: { zh: '气象台联络', en: 'Meteorological liaison' },
} as const;

export const ALL: readonly Level[] = [1, 2, 3, 4];
export const MAJOR: readonly Level[] = [1, 2];
export const MINOR: readonly Level[] = [3, 4];

export function step(
  code: string,
  minutes: number,
  levels: readonly Level[],
  position: { zh: string; en: string },
  zh: string,
  en: string,
): PlanStepDef {
  return { code, minutes, levels, position, zh, en };
}
