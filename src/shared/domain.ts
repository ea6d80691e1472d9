/**
 * Domain vocabulary shared by core, shell and renderer. Labels are not here:
 * every user-visible word goes through i18n keys derived from these codes.
 */

/** China's four incident classes (突发事件分类). */
export const INCIDENT_CLASSES = ['natural', 'accident', 'public_health', 'social_security'] as const;
export type IncidentClass = (typeof INCIDENT_CLASSES)[number];

/**
 * Categories: the centre's risk domains, each belonging to one class.
 * Order is the order officers see in pickers.
 */
export const CATEGORIES = {
  waterlogging: 'natural',
  typhoon: 'natural',
  rainstorm: 'natural',
  extreme_weather: 'natural',
  geological: 'natural',
  fire: 'accident',
  traffic: 'accident',
  construction: 'accident',
  hazmat: 'accident',
  gas: 'accident',
  water_supply: 'accident',
  power: 'accident',
  metro: 'accident',
  building: 'accident',
  special_equipment: 'accident',
  info_network: 'accident',
  epidemic: 'public_health',
  food_safety: 'public_health',
  poisoning: 'public_health',
  crowd: 'social_security',
  public_order: 'social_security',
  other: 'accident',
} as const satisfies Record<string, IncidentClass>;
export type Category = keyof typeof CATEGORIES;
export const CATEGORY_CODES = Object.keys(CATEGORIES) as [Category, ...Category[]];

export function classOf(category: Category): IncidentClass {
  return CATEGORIES[category];
}

/** Levels I–IV; 1 is the most severe (特别重大). */
export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_COLOURS: Record<Level, 'red' | 'orange' | 'yellow' | 'blue'> = {
  1: 'red',
  2: 'orange',
  3: 'yellow',
  4: 'blue',
};
export const LEVEL_ROMAN: Record<Level, string> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };

export const INCIDENT_STATUSES = [
  'reported',
  'verified',
  'responding',
  'contained',
  'closed',
  'false_alarm',
  'merged',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** Statuses that count as "open" on boards and in the queue. */
export const OPEN_STATUSES: readonly IncidentStatus[] = ['reported', 'verified', 'responding', 'contained'];

export const REPORT_CHANNELS = ['12345', '110', '119', '120', 'grid', 'iot', 'media', 'other'] as const;
export type ReportChannel = (typeof REPORT_CHANNELS)[number];

/** Shanghai's 16 districts, with approximate centres (WGS-84) for distance rules. */
export const DISTRICTS = {
  huangpu: { zh: '黄浦区', center: [121.4846, 31.2317] },
  xuhui: { zh: '徐汇区', center: [121.4365, 31.1885] },
  changning: { zh: '长宁区', center: [121.4244, 31.2205] },
  jingan: { zh: '静安区', center: [121.4479, 31.2289] },
  putuo: { zh: '普陀区', center: [121.3953, 31.2496] },
  hongkou: { zh: '虹口区', center: [121.5052, 31.2646] },
  yangpu: { zh: '杨浦区', center: [121.526, 31.2595] },
  minhang: { zh: '闵行区', center: [121.3817, 31.1128] },
  baoshan: { zh: '宝山区', center: [121.489, 31.4045] },
  jiading: { zh: '嘉定区', center: [121.2655, 31.3748] },
  pudong: { zh: '浦东新区', center: [121.5447, 31.222] },
  jinshan: { zh: '金山区', center: [121.3419, 30.7417] },
  songjiang: { zh: '松江区', center: [121.2277, 31.032] },
  qingpu: { zh: '青浦区', center: [121.124, 31.1504] },
  fengxian: { zh: '奉贤区', center: [121.4741, 30.9179] },
  chongming: { zh: '崇明区', center: [121.3975, 31.623] },
} as const satisfies Record<string, { zh: string; center: readonly [number, number] }>;
export type District = keyof typeof DISTRICTS;
export const DISTRICT_CODES = Object.keys(DISTRICTS) as [District, ...District[]];

/** Map a district name as it arrives from a feed (code, 黄浦区, 黄浦, Huangpu) to our code. */
export function districtFromName(name: string | undefined | null): District | null {
  if (!name) return null;
  const n = name.trim().toLowerCase();
  for (const code of DISTRICT_CODES) {
    const zh = DISTRICTS[code].zh;
    if (n === code || n === zh || n === zh.replace(/(新区|区)$/, '') || n === `${code} district`) return code;
  }
  return null;
}

/** Bounding box that any coordinate in the Shanghai region must fall in. */
export const SHANGHAI_BBOX = { minLon: 120.8, maxLon: 122.2, minLat: 30.6, maxLat: 31.9 } as const;

export interface Incident {
  id: string;
  ref: string;
  title: string;
  category: Category;
  incidentClass: IncidentClass;
  level: Level;
  status: IncidentStatus;
  district: District | null;
  address: string | null;
  lat: number | null;
  lon: number | null;
  description: string | null;
  channel: ReportChannel;
  reportedAt: number;
  updatedAt: number;
  acknowledgedAt: number | null;
  reportCount: number;
}

export interface TimelineEntry {
  id: number;
  incidentId: string;
  at: number;
  kind: string;
  actor: string;
  text: string;
}

/** Great-circle distance in metres. */
export function haversineMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = 6_371_000;
  const toRad = (d: number): number => (d * Math.PI) / 180;
  const dLat = toRad(lat2 - lat1);
  const dLon = toRad(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(lat1)) * Math.cos(toRad(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.min(1, Math.sqrt(a)));
}
