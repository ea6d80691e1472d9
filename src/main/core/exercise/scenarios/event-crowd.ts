import type { Scenario } from '../../../../shared/exercise-scenario';
import { L, min, ScenarioBuilder, STREAMS, type LonLat } from './build';

/**
 * Crowd safety at a major international event: the China International Import
 * Expo (进博会) at the National Exhibition and Convention Center (国家会展中心,
 * Xujing, Qingpu) on a public day, with the Bund's evening light show drawing
 * a second crowd downtown (remembering 31 December 2014 at 陈毅广场).
 */
const NECC: LonLat = [121.2986, 31.1911];
const XUJING_EAST: LonLat = [121.3004, 31.1928]; // 2号线 徐泾东站
const HONGQIAO_HUB: LonLat = [121.3205, 31.1943];
const NECC_NORTH_PLAZA: LonLat = [121.2978, 31.1952];
const CHENYI_SQ: LonLat = [121.4907, 31.2401];
const BUND_SLOPE: LonLat = [121.4911, 31.2395]; // 外滩观景平台大阶梯
const QINGPU_POLICE: LonLat = [121.2988, 31.1779];

export function eventCrowd(): Scenario {
  const b = new ScenarioBuilder({
    id: 'event-crowd-ciie-bund',
    version: 1,
    title: L('进博会与外滩灯光秀大客流安全演练', 'CIIE and Bund light show crowd safety exercise'),
    summary: L(
      '进博会公众开放日国家会展中心北广场入场口拥堵，徐泾东站客流超限；晚间外滩灯光秀陈毅广场大阶梯人员密集。',
      'CIIE public day: the NECC north plaza entrances jam and Xujing East station overflows; in the evening the Bund light show packs the Chen Yi Square steps.',
    ),
    objectives: [
      { id: 'O1', text: L('实时掌握重点区域人员密度', 'Track crowd density at the key places in real time') },
      {
        id: 'O2',
        text: L(
          '密度超限时及时启动大客流预案并限流',
          'Activate the large-crowd plan and control inflow when density is exceeded',
        ),
      },
      { id: 'O3', text: L('突发伤病快速处置', 'Handle casualties fast') },
    ],
    participants: [
      '市应急联动中心值班员',
      '值班长',
      '进博会城市服务保障指挥部',
      '青浦公安分局',
      '黄浦公安分局',
      '申通地铁',
      '120急救中心',
    ],
    durationMinutes: 100,
  });

  const density = { kind: 'crowd', unit: 'p/m²' };
  b.ramp(
    'iot-crowd',
    {
      sensorId: 'NECC-N-GATE',
      ...density,
      name: L('国家会展中心北广场入口', 'NECC north plaza entrance'),
      start: 1.8,
      peak: 4.6,
      threshold: 2.0,
      district: 'qingpu',
      address: '国家会展中心北广场',
      at: NECC_NORTH_PLAZA,
    },
    min(0),
    180,
    8,
  );
  b.ramp(
    'iot-crowd',
    {
      sensorId: 'L2-XJD-CONC',
      ...density,
      name: L('徐泾东站站厅', 'Xujing East concourse'),
      start: 2.0,
      peak: 4.1,
      threshold: 2.5,
      district: 'qingpu',
      address: '地铁2号线徐泾东站',
      at: XUJING_EAST,
    },
    min(6),
    180,
    6,
  );
  const jam = b.report(min(10), STREAMS.police, {
    ref: 'P110-1106-0088',
    title: L('国家会展中心北广场入口拥堵，有人推挤', 'NECC north plaza entrance jammed, pushing reported'),
    category: 'crowd',
    level: 3,
    district: 'qingpu',
    street: '徐泾镇',
    address: '青浦区崧泽大道333号国家会展中心北广场',
    at: NECC_NORTH_PLAZA,
    channel: '110',
  });
  b.message(
    min(12),
    '进博会城市服务保障指挥部',
    L('保障指挥部：北广场安检口增开', 'Expo HQ: more security lanes at the north plaza'),
    L(
      '已增开6条安检通道，请公安加强北广场引导。',
      'Six more screening lanes are open; police please step up guidance at the north plaza.',
    ),
  );
  b.track(STREAMS.avlPolice, 'QP-POL-05', '青浦巡特警5组', QINGPU_POLICE, NECC_NORTH_PLAZA, min(13), 45, 5);
  const injured = b.report(min(20), STREAMS.ems, {
    ref: 'E120-1106-1402',
    title: L('北广场一名外籍观众晕倒', 'Foreign visitor collapses at the north plaza'),
    category: 'crowd',
    level: 4,
    district: 'qingpu',
    address: '国家会展中心北广场2号门',
    at: NECC,
    channel: '120',
  });
  b.track(STREAMS.avlEms, 'QP-120-03', '青浦120-03救护车', [121.312, 31.181], NECC, min(21), 60, 4);
  b.report(min(26), STREAMS.hotline, {
    ref: 'H12345-1106-0771',
    title: L('虹桥枢纽往会展中心人行通道拥挤', 'Walkway from Hongqiao hub to NECC crowded'),
    category: 'crowd',
    district: 'minhang',
    address: '虹桥综合交通枢纽至国家会展中心连廊',
    at: HONGQIAO_HUB,
    channel: '12345',
  });
  const overflow = b.update(
    min(32),
    STREAMS.police,
    'P110-1106-0088',
    L('北广场密度超4人/平方米', 'North plaza over 4 persons/m²'),
    { level: 2, description: '北广场密度持续超过4人/平方米，建议地铁徐泾东站限流。' },
  );
  b.message(
    min(40),
    '申通地铁',
    L('地铁：徐泾东站启动三级限流', 'Metro: level 3 inflow control at Xujing East'),
    L(
      '徐泾东站已启动三级限流，2号线列车在徐泾东站跳停的方案待指挥部决定。',
      'Xujing East is on level 3 inflow control; skipping the station on Line 2 awaits HQ’s decision.',
    ),
  );
  b.warning(min(45), {
    id: 'SH-WIND-2026-11-BLUE',
    event: L('大风蓝色预警', 'Strong wind blue warning'),
    level: 'blue',
    severity: 'Moderate',
    areaDesc: '青浦区、黄浦区、浦东新区',
    headline: L('大风蓝色预警：阵风7-8级', 'Strong wind blue warning: gusts force 7–8'),
    instruction: '加固临时搭建物，注意高空坠物。',
  });
  // Evening: the Bund.
  b.ramp(
    'iot-crowd',
    {
      sensorId: 'HP-BUND-STEP',
      ...density,
      name: L('陈毅广场大阶梯', 'Chen Yi Square steps'),
      start: 2.2,
      peak: 5.2,
      threshold: 3.0,
      district: 'huangpu',
      address: '黄浦区中山东一路陈毅广场',
      at: BUND_SLOPE,
    },
    min(60),
    150,
    8,
  );
  const bund = b.report(min(66), STREAMS.police, {
    ref: 'P110-1106-0931',
    title: L('外滩陈毅广场大阶梯上下人流对冲', 'Counter-flows on the Chen Yi Square steps'),
    category: 'crowd',
    level: 3,
    district: 'huangpu',
    street: '外滩街道',
    address: '黄浦区中山东一路陈毅广场',
    at: CHENYI_SQ,
    channel: '110',
  });
  const callBund = b.call(
    min(70),
    '外滩街道网格员',
    L('网格员：观景平台已封闭，人员仍在涌入', 'Grid inspector: viewing deck closed, people still pouring in'),
    {
      channel: 'grid',
      script: L(
        '观景平台入口已封闭，但南京东路方向人还在往外滩涌，护栏处有人被挤到。',
        'The viewing deck is closed but crowds keep coming from East Nanjing Rd; someone got crushed at the railings.',
      ),
      district: 'huangpu',
      address: '黄浦区中山东一路南京东路口',
      at: [121.4897, 31.2389],
    },
  );
  b.track(STREAMS.avlPolice, 'HP-POL-12', '黄浦巡警12组', [121.483, 31.233], CHENYI_SQ, min(67), 40, 5);
  b.message(
    min(80),
    '值班领导',
    L('领导：南京东路地铁站跳站', 'Leader: trains to skip East Nanjing Rd'),
    L(
      '请协调地铁2号、10号线南京东路站临时封站跳停。',
      'Ask the metro to close East Nanjing Rd on Lines 2 and 10 and run through.',
    ),
  );

  b.expect('A1', 'O1', L('确认北广场拥堵事件', 'Acknowledge the north plaza jam'), jam, 3, {
    kind: 'incident_acknowledged',
    ref: 'P110-1106-0088',
  });
  b.expect(
    'A2',
    'O2',
    L('密度超限后启动大客流预案', 'Activate the large-crowd plan when density is exceeded'),
    overflow,
    10,
    { kind: 'plan_activated', plan: 'crowd-safety' },
  );
  b.expect('A3', 'O2', L('北广场事件升为II级', 'Raise the north plaza incident to level II'), overflow, 10, {
    kind: 'level_set',
    ref: 'P110-1106-0088',
    level: 2,
  });
  b.expect('A4', 'O3', L('调派救护车到北广场', 'Dispatch an ambulance to the north plaza'), injured, 5, {
    kind: 'unit_dispatched',
    ref: 'E120-1106-1402',
    capability: 'ambulance',
  });
  b.expect('A5', 'O1', L('确认外滩人流对冲事件', 'Acknowledge the Bund counter-flow'), bund, 2, {
    kind: 'incident_acknowledged',
    ref: 'P110-1106-0931',
  });
  b.expect('A6', 'O3', L('登记网格员报告', 'Log the grid inspector’s report'), callBund, 5, {
    kind: 'incident_created',
    category: 'crowd',
    district: 'huangpu',
    channel: 'grid',
  });
  return b.build();
}
