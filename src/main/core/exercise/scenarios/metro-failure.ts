import type { Scenario } from '../../../../shared/exercise-scenario';
import { L, min, ScenarioBuilder, STREAMS, type LonLat } from './build';

/**
 * Metro line failure in the evening peak: a signalling fault stops Line 2
 * between 南京西路 and 世纪大道; passengers pile up at the 人民广场 and 世纪大道
 * interchanges, a train is held in the tunnel under the Huangpu, bus
 * shuttles must be organised.
 */
const PEOPLES_SQ: LonLat = [121.4752, 31.2331];
const CENTURY_AVE: LonLat = [121.5271, 31.2289];
const LUJIAZUI: LonLat = [121.5022, 31.2381];
const NANJING_W: LonLat = [121.4593, 31.2291];
const EAST_NANJING: LonLat = [121.4843, 31.2381];
const BUS_DEPOT: LonLat = [121.4601, 31.2118]; // 巴士 鲁班路停车场
const POLICE_HUANGPU: LonLat = [121.4786, 31.2268];

export function metroFailure(): Scenario {
  const b = new ScenarioBuilder({
    id: 'metro-line2-failure',
    version: 1,
    title: L('地铁2号线故障换乘站大客流演练', 'Metro Line 2 failure with interchange crowding'),
    summary: L(
      '晚高峰2号线信号故障，南京西路至世纪大道区间停运，一列车滞留越江隧道，人民广场、世纪大道换乘站客流积压。',
      'Evening peak: a Line 2 signalling fault halts service between West Nanjing Rd and Century Ave, a train is held in the river tunnel, and crowds build at People’s Square and Century Avenue.',
    ),
    objectives: [
      { id: 'O1', text: L('及时掌握故障与客流态势', 'Know the fault and the crowd picture in time') },
      {
        id: 'O2',
        text: L('启动轨道交通运营突发事件预案，组织公交驳运', 'Activate the metro incident plan and run bus shuttles'),
      },
      {
        id: 'O3',
        text: L('防止换乘站踩踏，疏导滞留乘客', 'Prevent crushes at interchanges and move stranded passengers'),
      },
    ],
    participants: [
      '市应急联动中心值班员',
      '值班长',
      '申通地铁运营控制中心',
      '轨交公安分局',
      '久事公交',
      '黄浦区应急局',
      '浦东新区应急局',
    ],
    durationMinutes: 90,
  });

  const fault = b.report(min(0), 'metro-occ', {
    ref: 'OCC-L2-0611-001',
    title: L(
      '2号线南京西路—世纪大道区间信号故障停运',
      'Line 2 signalling fault, no service West Nanjing Rd – Century Ave',
    ),
    category: 'metro',
    level: 3,
    district: 'huangpu',
    address: '地铁2号线人民广场站',
    at: PEOPLES_SQ,
    channel: 'other',
    description: '17:42 计轴故障，区间列车限速后停运，预计恢复时间未知。',
  });
  const density = { kind: 'crowd', unit: 'p/m²' };
  b.ramp(
    'iot-crowd',
    {
      sensorId: 'L2-RMGC-PLAT',
      ...density,
      name: L('人民广场2号线站台客流', 'People’s Sq Line 2 platform density'),
      start: 2.1,
      peak: 5.6,
      threshold: 2.5,
      district: 'huangpu',
      address: '人民广场站2号线站台',
      at: PEOPLES_SQ,
    },
    min(2),
    150,
    8,
  );
  b.ramp(
    'iot-crowd',
    {
      sensorId: 'L2-SJDD-TRF',
      ...density,
      name: L('世纪大道换乘通道客流', 'Century Ave transfer passage density'),
      start: 2.0,
      peak: 4.9,
      threshold: 2.5,
      district: 'pudong',
      address: '世纪大道站换乘通道',
      at: CENTURY_AVE,
    },
    min(4),
    150,
    7,
  );
  const tunnel = b.update(
    min(8),
    'metro-occ',
    'OCC-L2-0611-001',
    L('一列车滞留越江隧道，车内约1100人', 'Train held in the river tunnel, about 1,100 on board'),
    { level: 2, description: '0213次列车滞留陆家嘴—南京东路越江隧道，车内空调正常，有乘客不适。' },
  );
  b.report(min(11), STREAMS.hotline, {
    ref: 'H12345-0611-1203',
    title: L('乘客投诉：被困列车内40分钟无广播', 'Passenger complaint: 40 minutes stuck with no announcement'),
    category: 'metro',
    district: 'huangpu',
    address: '地铁2号线南京东路站',
    at: EAST_NANJING,
    channel: '12345',
  });
  const faint = b.report(min(14), STREAMS.ems, {
    ref: 'E120-0611-3342',
    title: L('滞留列车内一名孕妇晕厥', 'Pregnant woman faints on the stranded train'),
    category: 'metro',
    level: 3,
    district: 'pudong',
    address: '地铁2号线陆家嘴站',
    at: LUJIAZUI,
    channel: '120',
  });
  b.track(STREAMS.avlEms, 'HP-120-09', '黄浦120-09救护车', [121.4782, 31.2198], LUJIAZUI, min(15), 60, 5);
  const crush = b.call(
    min(18),
    '人民广场站值班站长',
    L('站长来电：站厅拥挤，请求警力', 'Station master: concourse packed, requesting police'),
    {
      channel: '110',
      script: L(
        '人民广场站厅已经挤满了，1号线换2号线通道人员对冲，请求增派警力和限流。',
        'The concourse at People’s Square is packed and the Line 1–Line 2 passage has flows colliding; we need more police and inflow control.',
      ),
      district: 'huangpu',
      address: '地铁人民广场站站厅',
      at: PEOPLES_SQ,
    },
    { notes: '期望：登记来电、调派警力、启动限流。' },
  );
  b.track(STREAMS.avlPolice, 'HP-POL-21', '黄浦巡警21组', POLICE_HUANGPU, PEOPLES_SQ, min(19), 45, 5);
  const shuttle = b.message(
    min(22),
    '申通地铁运营控制中心',
    L('OCC：请求公交驳运', 'OCC requests bus shuttles'),
    L(
      '请协调久事公交在南京西路、人民广场、陆家嘴、世纪大道之间开通应急驳运线，需约30辆。',
      'Please have Jiushi Bus run emergency shuttles between West Nanjing Rd, People’s Sq, Lujiazui and Century Ave — about 30 buses.',
    ),
  );
  for (let i = 0; i < 3; i++) {
    b.track(
      'avl-bus',
      `JS-BUS-7${i}`,
      `驳运公交7${i}路`,
      BUS_DEPOT,
      i === 2 ? CENTURY_AVE : i === 1 ? LUJIAZUI : NANJING_W,
      min(26 + i * 2),
      90,
      3,
    );
  }
  b.report(min(30), STREAMS.police, {
    ref: 'P110-0611-5521',
    title: L('世纪大道站出入口排队超过200米', 'Queue over 200 m at Century Ave entrance'),
    category: 'crowd',
    level: 3,
    district: 'pudong',
    address: '浦东新区世纪大道站4号口',
    at: CENTURY_AVE,
    channel: '110',
  });
  b.message(
    min(36),
    '新闻媒体',
    L('网络舆情：乘客视频广泛传播', 'Social media: passenger videos going viral'),
    L(
      '微博热搜“2号线停运”，视频显示隧道内乘客情绪激动。',
      '“Line 2 down” is trending on Weibo; videos show agitated passengers in the tunnel.',
    ),
  );
  b.update(
    min(48),
    'metro-occ',
    'OCC-L2-0611-001',
    L('滞留列车退回南京东路站，乘客疏散', 'Held train pulled back to East Nanjing Rd, passengers out'),
    { description: '列车已退行至南京东路站清客。' },
  );
  b.update(
    min(70),
    'metro-occ',
    'OCC-L2-0611-001',
    L('2号线恢复运营，限速运行', 'Line 2 back in service at reduced speed'),
    { description: '信号故障已排除，2号线全线恢复运营，限速运行。' },
  );

  b.expect('A1', 'O1', L('确认2号线故障事件', 'Acknowledge the Line 2 failure'), fault, 3, {
    kind: 'incident_acknowledged',
    ref: 'OCC-L2-0611-001',
  });
  b.expect('A2', 'O1', L('列车滞留隧道后定为II级', 'Set level II once a train is held in the tunnel'), tunnel, 10, {
    kind: 'level_set',
    ref: 'OCC-L2-0611-001',
    level: 2,
  });
  b.expect(
    'A3',
    'O2',
    L('启动轨道交通运营突发事件应急预案', 'Activate the metro operations incident plan'),
    tunnel,
    15,
    { kind: 'plan_activated', plan: 'metro-disruption' },
  );
  b.expect('A4', 'O3', L('登记站长来电并调派警力', 'Log the station master’s call and send police'), crush, 5, {
    kind: 'incident_created',
    category: 'crowd',
    district: 'huangpu',
  });
  b.expect('A5', 'O3', L('调派警力到人民广场站', 'Dispatch police to People’s Square'), crush, 10, {
    kind: 'unit_dispatched',
    capability: 'police',
  });
  b.expect('A6', 'O1', L('确认孕妇晕厥事件', 'Acknowledge the fainting passenger'), faint, 3, {
    kind: 'incident_acknowledged',
    ref: 'E120-0611-3342',
  });
  b.expect('A7', 'O2', L('调派公交驳运', 'Dispatch bus shuttles'), shuttle, 15, {
    kind: 'unit_dispatched',
    capability: 'bus',
  });
  return b.build();
}
