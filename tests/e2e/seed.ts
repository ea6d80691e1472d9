import type { Category, District, Level, ReportChannel } from '../../src/shared/domain';
import type { CoreClient } from '../../src/main/core/client';
import type { Incident } from '../../src/shared/domain';
import { newReportSchema, type NewReport } from '../../src/shared/schemas';

/** Realistic Shanghai reports of the kind the 12345/110/119 lines take. */
export const SAMPLE_REPORTS: readonly Omit<NewReport, 'channel'>[] = [
  {
    title: '黄浦区南京东路步行街人流密集',
    category: 'crowd',
    level: 2,
    district: 'huangpu',
    address: '南京东路世纪广场',
  },
  { title: '徐汇区漕溪北路燃气泄漏', category: 'gas', level: 2, district: 'xuhui', address: '漕溪北路 88 号' },
  {
    title: '长宁区延安西路两车追尾',
    category: 'traffic',
    level: 4,
    district: 'changning',
    address: '延安西路凯旋路口',
  },
  { title: '静安区居民楼厨房起火', category: 'fire', level: 3, district: 'jingan', address: '万航渡路 1200 弄' },
  {
    title: '普陀区真如地铁站设备故障',
    category: 'metro',
    level: 3,
    district: 'putuo',
    address: '轨道交通 11 号线真如站',
  },
  {
    title: '虹口区四川北路路面塌陷',
    category: 'geological',
    level: 3,
    district: 'hongkou',
    address: '四川北路 1700 号附近',
  },
  { title: '杨浦区大桥下积水', category: 'waterlogging', level: 4, district: 'yangpu', address: '军工路隧道入口' },
  { title: '闵行区工地塔吊倾斜', category: 'construction', level: 2, district: 'minhang', address: '七莘路施工现场' },
  { title: '宝山区化工园区异味', category: 'hazmat', level: 1, district: 'baoshan', address: '月浦工业园区' },
  { title: '嘉定区小区停水', category: 'water_supply', level: 4, district: 'jiading', address: '安亭镇墨玉路' },
  { title: '浦东新区陆家嘴变电站跳闸', category: 'power', level: 2, district: 'pudong', address: '陆家嘴环路' },
  { title: '金山区学校食堂疑似食物中毒', category: 'food_safety', level: 2, district: 'jinshan', address: '石化街道' },
  { title: '松江区大学城暴雨积水', category: 'rainstorm', level: 3, district: 'songjiang', address: '文汇路' },
  { title: '青浦区老旧房屋墙体开裂', category: 'building', level: 4, district: 'qingpu', address: '朱家角镇' },
  {
    title: '奉贤区商场电梯困人',
    category: 'special_equipment',
    level: 4,
    district: 'fengxian',
    address: '南桥镇百联购物中心',
  },
  { title: '崇明区沿海大风预警', category: 'extreme_weather', level: 3, district: 'chongming', address: '陈家镇' },
];

const CHANNELS: readonly ReportChannel[] = ['12345', '110', '119', '120', 'grid', 'iot'];

export interface SeedOptions {
  count: number;
  /** Spread report times over this many hours before now (the clock is moved back for each). */
  spreadHours?: number;
  /** Moves the core clock; the fixture's clock setter. */
  setClock?: (at: number | null) => void;
}

/** Insert realistic incidents through the core (the same path as the console), so changes are pushed. */
export async function seed(client: CoreClient, opts: SeedOptions): Promise<Incident[]> {
  const out: Incident[] = [];
  const now = Date.now();
  for (let i = 0; i < opts.count; i++) {
    const sample = SAMPLE_REPORTS[i % SAMPLE_REPORTS.length];
    const report = newReportSchema.parse({
      ...sample,
      channel: CHANNELS[i % CHANNELS.length],
      reporterName: `市民${i + 1}`,
      reporterPhone: `1380013${String(8000 + i).padStart(4, '0')}`,
    });
    if (opts.spreadHours && opts.setClock) {
      const back = Math.floor(((i * 7919) % (opts.spreadHours * 60)) * 60_000);
      opts.setClock(now - back);
    }
    const r = await client.call('incident.create', report);
    if (!r.ok) throw new Error(`seed failed: ${r.error.code} ${r.error.message}`);
    out.push(r.value);
  }
  opts.setClock?.(null);
  return out;
}

/** One report built from parts, validated with the schema the core uses. */
export function report(parts: {
  title: string;
  category: Category;
  level: Level;
  district: District;
  channel?: ReportChannel;
}): NewReport {
  return newReportSchema.parse({ channel: '12345', ...parts });
}
