import type { Core } from '../../src/main/core/core';
import { DISTRICTS, type District, type Incident } from '../../src/shared/domain';
import type { Agency, Capability, Depot, SupplyItem, UnitInput } from '../../src/shared/resources';

const MIN = 60_000;
const DAY = 86_400_000;

/** A deterministic pseudo-random sequence so screenshots are stable run to run. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

interface Kind {
  agency: Agency;
  prefix: string;
  type: string;
  caps: Capability[];
  crew: number;
  station: string;
}

const KINDS: Kind[] = [
  {
    agency: 'fire',
    prefix: '消防',
    type: '水罐消防车',
    caps: ['firefighting', 'extrication'],
    crew: 6,
    station: '消防救援站',
  },
  {
    agency: 'fire',
    prefix: '云梯',
    type: '登高平台车',
    caps: ['firefighting', 'high_rise'],
    crew: 4,
    station: '消防救援站',
  },
  { agency: 'medical', prefix: '急救', type: '救护车', caps: ['medical'], crew: 3, station: '急救分站' },
  {
    agency: 'police',
    prefix: '巡警',
    type: '巡逻车',
    caps: ['traffic_control', 'crowd_control'],
    crew: 2,
    station: '派出所',
  },
  {
    agency: 'water',
    prefix: '水务',
    type: '排涝泵车',
    caps: ['pumping', 'water_repair'],
    crew: 4,
    station: '水务抢修站',
  },
  {
    agency: 'power',
    prefix: '电力',
    type: '应急电源车',
    caps: ['power_repair', 'lighting'],
    crew: 3,
    station: '供电抢修站',
  },
  { agency: 'gas', prefix: '燃气', type: '抢修车', caps: ['gas_repair', 'hazmat'], crew: 3, station: '燃气抢修站' },
  {
    agency: 'hazmat',
    prefix: '特勤',
    type: '危化处置车',
    caps: ['hazmat', 'decontamination', 'firefighting'],
    crew: 5,
    station: '特勤站',
  },
  {
    agency: 'rescue',
    prefix: '蓝天',
    type: '救援队',
    caps: ['collapse_rescue', 'water_rescue', 'technical_rescue'],
    crew: 8,
    station: '救援队基地',
  },
  {
    agency: 'volunteer',
    prefix: '志愿',
    type: '志愿者小队',
    caps: ['logistics', 'shelter'],
    crew: 10,
    station: '志愿服务站',
  },
];

const DISTRICT_LIST = Object.keys(DISTRICTS) as District[];

export interface SeededResources {
  units: string[];
  trackedUnit: string;
  depots: Depot[];
  items: SupplyItem[];
}

/**
 * A realistic morning: 60 units across agencies and districts with live
 * positions (a few stale, a few unregistered from the feed), some committed
 * to incidents with status history, one with an hour's track; six depots
 * with stock, lots, expiries, allocations and transfers.
 */
export function seedResources(
  core: Core,
  incidents: Incident[],
  setClock: (at: number | null) => void,
): SeededResources {
  const now = Date.now();
  const r = rng(42);
  const { registry, units, depots: ds, ledger } = core.resources;
  const actor = core.ctx.actor;
  const ids: string[] = [];
  setClock(now - 3 * 3600_000);
  for (let i = 0; i < 60; i++) {
    const k = KINDS[i % KINDS.length];
    const district = DISTRICT_LIST[(i * 7) % DISTRICT_LIST.length];
    const [lon, lat] = DISTRICTS[district].center;
    const n = String(101 + i).padStart(3, '0');
    const unit: UnitInput = {
      id: `SH-${k.agency.toUpperCase()}-${n}`,
      callSign: `${DISTRICTS[district].zh.replace(/(新区|区)$/, '')}${k.prefix} ${n}`,
      agency: k.agency,
      unitType: k.type,
      capabilities: k.caps,
      crewSize: k.crew,
      homeStation: `${DISTRICTS[district].zh.replace(/(新区|区)$/, '')}${k.station}`,
      homeLat: lat,
      homeLon: lon,
      district,
    };
    registry.save(unit, actor);
    ids.push(unit.id);
    // Live fix: most within the last 30 s; every ninth unit's tracker has gone quiet.
    const age = i % 9 === 4 ? (4 + Math.floor(r() * 20)) * MIN : Math.floor(r() * 30_000);
    units.applyPosition(
      unit.id,
      lat + (r() - 0.5) * 0.04,
      lon + (r() - 0.5) * 0.04,
      now - age,
      Math.round(r() * 50),
      Math.round(r() * 359),
    );
  }
  // Trackers the feed has seen but no officer has registered yet.
  units.applyStatus('BD-7731', 'available', {
    actor: 'feed:avl-rescue',
    agency: 'rescue',
    unitType: '冲锋舟',
    at: now - 90_000,
  });
  units.applyPosition('BD-7731', 31.02, 121.23, now - 20_000);
  units.applyStatus('BD-8820', 'en_route', { actor: 'feed:avl-medical', agency: 'medical', at: now - 60_000 });
  units.applyPosition('BD-8820', 31.25, 121.45, now - 15_000);

  // The morning's work: dispatches, arrivals, a recall, a unit out of service.
  const step = (id: string, fn: () => void, at: number): void => {
    setClock(at);
    fn();
    void id;
  };
  const t0 = now - 95 * MIN;
  incidents.slice(0, 8).forEach((inc, j) => {
    const a = ids[j * 3];
    const b = ids[j * 3 + 2];
    step(a, () => units.dispatch([a, b], inc.id, actor, '就近调派'), t0 + j * 6 * MIN);
    step(a, () => units.setStatus(a, 'en_route', actor), t0 + j * 6 * MIN + 2 * MIN);
    if (j % 2 === 0) step(a, () => units.setStatus(a, 'on_scene', actor), t0 + j * 6 * MIN + 11 * MIN);
    if (j === 3) step(b, () => units.recall(b, actor, '现场力量充足'), t0 + j * 6 * MIN + 20 * MIN);
  });
  step(ids[10], () => units.setStatus(ids[10], 'out_of_service', actor, '车辆年检'), now - 50 * MIN);
  step(ids[25], () => units.setStatus(ids[25], 'out_of_service', actor, '水泵故障待修'), now - 30 * MIN);

  // One unit's hour: a fire engine driving from its station to the scene along Yan'an Road.
  const tracked = ids[0];
  const fixes = [];
  for (let s = 0; s < 360; s++) {
    const p = s / 359;
    const bend = Math.sin(p * Math.PI * 2) * 0.004;
    fixes.push({
      unitId: tracked,
      at: now - 3600_000 + s * 10_000,
      lat: 31.2205 + p * 0.011 + bend,
      lon: 121.4244 + p * 0.055,
      speedKmh: 25 + Math.round(20 * Math.sin(p * 9) ** 2),
      heading: 80,
    });
  }
  setClock(null);
  units.applyPositions(fixes);

  // Depots and supplies.
  const depotDefs: [string, string, District, string, string][] = [
    ['HP-01', '黄浦区应急物资储备库', 'huangpu', '中山南路 1000 号', '李建国 021-63210000'],
    ['PD-02', '浦东新区防汛物资仓库', 'pudong', '川沙路 3000 号', '王海 021-58380000'],
    ['MH-03', '闵行区救灾物资储备点', 'minhang', '莘庄镇莘松路 500 号', '陈敏 021-64920000'],
    ['BS-04', '宝山区危化应急物资库', 'baoshan', '月浦镇盛桥路 88 号', '周强 021-56690000'],
    ['SJ-05', '松江区综合应急仓库', 'songjiang', '九亭镇沪亭北路 200 号', '吴莉 021-57630000'],
    ['CM-06', '崇明区防台物资仓库', 'chongming', '城桥镇八一路 66 号', '顾斌 021-59610000'],
  ];
  const depots = depotDefs.map(([code, name, district, address, contact]) => {
    const [lon, lat] = DISTRICTS[district].center;
    const [contactName, contactPhone] = contact.split(' ');
    return ds.saveDepot({ code, name, district, address, lat, lon, contactName, contactPhone });
  });
  const itemDefs: [string, string, string, number, boolean][] = [
    ['SANDBAG', '防汛沙袋', '只', 2000, false],
    ['PUMP', '移动排涝泵', '台', 4, false],
    ['GENSET', '应急发电机', '台', 3, false],
    ['LIGHT', '移动照明灯塔', '座', 4, false],
    ['TENT', '救灾帐篷', '顶', 50, false],
    ['BLANKET', '棉被', '床', 300, false],
    ['WATER', '瓶装饮用水', '箱', 200, true],
    ['MEDKIT', '急救包', '套', 40, true],
    ['SUIT', '防化服', '套', 20, true],
  ];
  const items = itemDefs.map(([code, name, uom, minLevel, tracksExpiry]) =>
    ds.saveItem({ code, name, uom, minLevel, tracksExpiry }),
  );
  const [bags, pumps, gens, lights, tents, blankets, water, kits, suits] = items;
  const recv = (d: Depot, it: SupplyItem, qty: number, lot = '', expiresInDays?: number): void => {
    ledger.move(
      {
        kind: 'receive',
        depotId: d.id,
        itemId: it.id,
        qty,
        ...(lot ? { lot } : {}),
        ...(expiresInDays !== undefined ? { expiresAt: now + expiresInDays * DAY } : {}),
        note: '年度储备',
      },
      actor,
    );
  };
  setClock(now - 5 * DAY);
  depots.forEach((d, i) => {
    recv(d, bags, 3000 + i * 700);
    recv(d, pumps, 6 + (i % 3));
    recv(d, gens, 4 + (i % 2));
    recv(d, lights, 5);
    recv(d, tents, 80 + i * 10);
    recv(d, blankets, 400 + i * 50);
    recv(d, water, 260 + i * 20, `W2026-${String(3 + i).padStart(2, '0')}`, 12 + i * 40);
    recv(d, kits, 60, `K2025-${11 + (i % 2)}`, i === 2 ? -3 : 200 + i * 30);
    if (d.code === 'BS-04' || d.code === 'PD-02') recv(d, suits, 30, 'S2024-07', d.code === 'BS-04' ? 20 : 400);
  });
  setClock(now - 2 * 3600_000);
  const take = (
    kind: 'allocate' | 'consume' | 'write_off',
    d: Depot,
    it: SupplyItem,
    qty: number,
    inc?: Incident,
    note?: string,
  ): void => {
    ledger.move(
      { kind, depotId: d.id, itemId: it.id, qty, ...(inc ? { incidentId: inc.id } : {}), ...(note ? { note } : {}) },
      actor,
    );
  };
  const flood = incidents.find((i) => i.category === 'waterlogging') ?? incidents[0];
  const rain = incidents.find((i) => i.category === 'rainstorm') ?? incidents[1];
  const chem = incidents.find((i) => i.category === 'hazmat') ?? incidents[2];
  take('allocate', depots[1], bags, 3300, flood, '军工路隧道口封堵');
  take('allocate', depots[1], pumps, 6, flood);
  take('allocate', depots[4], bags, 4400, rain, '文汇路沿线');
  take('allocate', depots[4], pumps, 4, rain);
  take('allocate', depots[3], suits, 18, chem, '月浦工业园区处置');
  take('consume', depots[0], blankets, 120, undefined, '临时安置点');
  take('write_off', depots[2], kits, 5, undefined, '包装破损');
  setClock(now - 40 * MIN);
  ledger.move(
    { kind: 'transfer', depotId: depots[0].id, itemId: gens.id, qty: 2, toDepotId: depots[1].id, note: '支援浦东' },
    actor,
  );
  ledger.move(
    { kind: 'return', depotId: depots[1].id, itemId: bags.id, qty: 300, incidentId: flood.id, note: '未使用归还' },
    actor,
  );
  setClock(null);
  return { units: ids, trackedUnit: tracked, depots, items };
}
