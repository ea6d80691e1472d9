import type { Scenario } from '../../../../shared/exercise-scenario';
import { L, min, ScenarioBuilder, STREAMS, type LonLat } from './build';

/**
 * Hazardous-chemical leak at the Shanghai Chemical Industry Park (上海化学工业区,
 * straddling Jinshan's 漕泾 and Fengxian's 柘林): a chlorine-bearing tank line
 * leaks, the plume drifts north-east on a sea breeze, and villages downwind
 * must be warned and moved.
 */
const TANK_FARM: LonLat = [121.4285, 30.8172]; // 化工区 南银河路 储罐区
const CAOJING: LonLat = [121.4049, 30.7896]; // 漕泾镇
const ZHELIN: LonLat = [121.5006, 30.8489]; // 柘林镇
const GATE3: LonLat = [121.4338, 30.8125]; // 化工区 3号门
const HAZMAT_BASE: LonLat = [121.4182, 30.8098]; // 化工区 特勤消防站
const FENGXIAN_HOSP: LonLat = [121.4743, 30.9178]; // 奉贤区中心医院
const JINSHAN_HOSP: LonLat = [121.3431, 30.7376];

export function hazmatLeak(): Scenario {
  const b = new ScenarioBuilder({
    id: 'hazmat-leak-chemical-park',
    version: 1,
    title: L('上海化学工业区危化品泄漏疏散演练', 'Chemical park hazmat leak and evacuation exercise'),
    summary: L(
      '化工区储罐区管线法兰泄漏，含氯气体随东南风向柘林方向扩散，需警戒、监测、疏散周边村居并救治中毒人员。',
      'A flange on a tank-farm line leaks a chlorine-bearing gas that drifts towards Zhelin; cordon, monitoring, evacuation of nearby villages and care of the poisoned.',
    ),
    objectives: [
      { id: 'O1', text: L('快速研判泄漏事件等级', 'Assess the leak and set its level quickly') },
      {
        id: 'O2',
        text: L('启动危化品事故应急预案并调派危化处置力量', 'Activate the hazmat plan and dispatch hazmat units'),
      },
      { id: 'O3', text: L('组织下风向人员疏散和伤员救治', 'Evacuate people downwind and treat the casualties') },
    ],
    participants: [
      '市应急联动中心值班员',
      '值班长',
      '化工区管委会',
      '金山区应急局',
      '奉贤区应急局',
      '消防救援总队',
      '市生态环境局',
      '120急救中心',
    ],
    durationMinutes: 90,
  });

  const leak = b.report(min(0, 30), STREAMS.fire, {
    ref: 'F119-1021-0012',
    title: L('化工区储罐区管线泄漏，现场有刺激性气味', 'Tank-farm line leaking in the chemical park, pungent smell'),
    category: 'hazmat',
    level: 3,
    district: 'jinshan',
    street: '漕泾镇',
    address: '金山区上海化学工业区南银河路储罐区',
    at: TANK_FARM,
    channel: '119',
    description: '企业报告DN150管线法兰泄漏，疑似含氯介质，企业专职消防队已到场。',
  });
  b.ramp(
    'iot-chem',
    {
      sensorId: 'SCIP-CL2-014',
      kind: 'chlorine',
      unit: 'ppm',
      name: L('储罐区氯气探测器', 'Tank farm chlorine detector'),
      start: 1.2,
      peak: 18,
      threshold: 1,
      district: 'jinshan',
      address: '化工区储罐区',
      at: TANK_FARM,
    },
    min(0),
    60,
    8,
  );
  b.ramp(
    'iot-chem',
    {
      sensorId: 'SCIP-CL2-031',
      kind: 'chlorine',
      unit: 'ppm',
      name: L('3号门边界监测站', 'Gate 3 fence-line monitor'),
      start: 0.6,
      peak: 4.2,
      threshold: 0.5,
      district: 'jinshan',
      address: '化工区3号门',
      at: GATE3,
    },
    min(9),
    120,
    6,
  );
  b.unitStatus(
    min(3),
    STREAMS.avlFire,
    {
      unitId: 'SCIP-HZ-01',
      status: 'dispatched',
      incidentRef: 'F119-1021-0012',
      agency: '化工区特勤消防站',
      unitType: 'hazmat',
    },
    L('化工区特勤站危化处置车出动', 'Chemical park hazmat tender dispatched'),
  );
  b.track(STREAMS.avlFire, 'SCIP-HZ-01', '化工区危化处置车', HAZMAT_BASE, TANK_FARM, min(4), 45, 5);
  b.unitStatus(
    min(8),
    STREAMS.avlFire,
    {
      unitId: 'SCIP-HZ-01',
      status: 'on_scene',
      incidentRef: 'F119-1021-0012',
      agency: '化工区特勤消防站',
      unitType: 'hazmat',
    },
    L('危化处置车到场', 'Hazmat tender on scene'),
  );
  b.message(
    min(6),
    '化工区管委会',
    L('管委会：企业已启动厂级预案', 'Park authority: plant-level plan activated'),
    L(
      '企业已启动厂级应急预案，紧急切断阀已关闭，但管线残余介质仍在泄漏。',
      'The plant has activated its own plan and shut the emergency valve, but residual product is still leaking.',
    ),
  );
  const spread = b.update(
    min(12),
    STREAMS.fire,
    'F119-1021-0012',
    L('泄漏扩大：边界监测超标', 'Leak worsening: fence-line readings over the limit'),
    { level: 2, description: '3号门边界监测站氯气超标，风向东南偏南2级，向柘林方向扩散。' },
  );
  const villager = b.call(
    min(16),
    '柘林镇胡桥村村民',
    L('柘林村民报告闻到刺鼻气味', 'Zhelin villager reports a pungent smell'),
    {
      channel: '12345',
      script: L(
        '我们村里突然一股漂白水的味道，眼睛都睁不开，老人咳嗽得厉害，要不要跑？',
        'Suddenly the whole village smells of bleach, our eyes sting, the old people are coughing badly — should we leave?',
      ),
      district: 'fengxian',
      address: '奉贤区柘林镇胡桥村',
      at: ZHELIN,
    },
    { notes: '值班员应登记来电并关联疏散。' },
  );
  b.report(min(20), STREAMS.ems, {
    ref: 'E120-1021-0456',
    title: L('漕泾镇三名工人出现呼吸道刺激症状', 'Three workers in Caojing with respiratory irritation'),
    category: 'poisoning',
    level: 3,
    district: 'jinshan',
    address: '金山区漕泾镇化工区配套企业',
    at: CAOJING,
    channel: '120',
  });
  b.unitStatus(
    min(22),
    STREAMS.avlEms,
    {
      unitId: 'JS-120-05',
      status: 'en_route',
      incidentRef: 'E120-1021-0456',
      agency: '金山区急救中心',
      unitType: 'ambulance',
    },
    L('金山120-05救护车前往漕泾', 'Jinshan ambulance 05 en route to Caojing'),
  );
  b.track(STREAMS.avlEms, 'JS-120-05', '金山120-05救护车', JINSHAN_HOSP, CAOJING, min(22), 90, 5);
  b.track(STREAMS.avlEms, 'FX-120-11', '奉贤120-11救护车', FENGXIAN_HOSP, ZHELIN, min(30), 120, 4);
  b.message(
    min(25),
    '市生态环境局',
    L('环境监测：下风向2公里超标', 'Environment bureau: over the limit 2 km downwind'),
    L(
      '应急监测车在柘林镇南侧测得氯气1.8ppm，建议扩大警戒范围至3公里。',
      'Our mobile monitor reads 1.8 ppm chlorine south of Zhelin; recommend widening the cordon to 3 km.',
    ),
  );
  b.report(min(30), STREAMS.police, {
    ref: 'P110-1021-2208',
    title: L('G1501金山段车辆缓行，驾驶人反映有异味', 'Slow traffic on G1501 near Jinshan, drivers report a smell'),
    category: 'traffic',
    level: 4,
    district: 'jinshan',
    address: 'G1501郊环高速漕泾出口',
    at: [121.3985, 30.8271],
    channel: '110',
  });
  b.message(
    min(40),
    '奉贤区应急局',
    L('奉贤区：请求转运车辆支援疏散', 'Fengxian: request buses for the evacuation'),
    L(
      '柘林镇胡桥村、迎龙村约1200人需转移，现有车辆不足，请市里协调公交车辆。',
      'About 1,200 people in Huqiao and Yinglong villages must move; we lack vehicles — please arrange buses.',
    ),
  );
  b.update(min(55), STREAMS.fire, 'F119-1021-0012', L('泄漏点已堵漏', 'Leak plugged'), {
    description: '堵漏成功，开始洗消，边界监测读数下降；泄漏已控制。',
  });
  b.message(
    min(70),
    '值班领导',
    L('领导要求：准备新闻通稿', 'Leader: prepare a press release'),
    L(
      '请30分钟内汇总伤亡、疏散人数和监测数据，准备新闻通稿。',
      'Within 30 minutes, compile casualties, evacuees and monitoring data for a press release.',
    ),
  );

  b.expect('A1', 'O1', L('确认化工区泄漏事件', 'Acknowledge the chemical park leak'), leak, 3, {
    kind: 'incident_acknowledged',
    ref: 'F119-1021-0012',
  });
  b.expect('A2', 'O1', L('泄漏扩大后将事件定为II级', 'Set the leak to level II once it spreads'), spread, 10, {
    kind: 'level_set',
    ref: 'F119-1021-0012',
    level: 2,
  });
  b.expect('A3', 'O2', L('启动危险化学品事故应急预案', 'Activate the hazardous chemicals plan'), spread, 15, {
    kind: 'plan_activated',
    plan: 'hazmat-leak',
  });
  b.expect('A4', 'O2', L('调派危化处置力量', 'Dispatch a hazmat unit'), leak, 10, {
    kind: 'unit_dispatched',
    ref: 'F119-1021-0012',
    capability: 'hazmat',
  });
  b.expect('A5', 'O3', L('登记柘林村民来电', 'Log the Zhelin villager call'), villager, 5, {
    kind: 'incident_created',
    district: 'fengxian',
  });
  b.expect('A6', 'O3', L('调派救护车到漕泾', 'Dispatch an ambulance to Caojing'), villager, 15, {
    kind: 'unit_dispatched',
    category: 'poisoning',
    capability: 'ambulance',
  });
  return b.build();
}
