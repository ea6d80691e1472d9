import type { Scenario } from '../../../../shared/exercise-scenario';
import { L, min, ScenarioBuilder, STREAMS, type LonLat } from './build';

/**
 * Information-network outage hitting the 12345 hotline: a fibre cut and a
 * UPS failure at the hotline platform's primary data centre take the
 * call-taking system down; calls spill over to 110, the backup site in
 * Songjiang must be brought up, and citizens' reports meanwhile arrive by
 * other channels.
 */
const DC_PRIMARY: LonLat = [121.4471, 31.2702]; // 静安 市北高新 数据中心
const DC_BACKUP: LonLat = [121.2288, 31.0593]; // 松江 G60 数据中心
const FIBRE_CUT: LonLat = [121.4398, 31.2836]; // 共和新路 施工 挖断光缆
const TELECOM_BASE: LonLat = [121.4633, 31.2587];

export function hotlineOutage(): Scenario {
  const b = new ScenarioBuilder({
    id: 'hotline-12345-outage',
    version: 1,
    title: L('12345热线信息网络中断演练', '12345 hotline network outage exercise'),
    summary: L(
      '市北数据中心光缆被施工挖断，同时UPS故障，12345热线受理系统中断；来电溢出至110，需切换松江灾备中心并保障市民诉求不丢失。',
      'A construction crew cuts the fibre to the Shibei data centre as its UPS fails; the 12345 call system goes down, calls spill to 110, the Songjiang backup must take over and no citizen request may be lost.',
    ),
    objectives: [
      { id: 'O1', text: L('及时发现并确认信息网络故障', 'Detect and acknowledge the network outage in time') },
      {
        id: 'O2',
        text: L('启动信息网络安全事件预案并切换灾备', 'Activate the network incident plan and fail over to the backup'),
      },
      { id: 'O3', text: L('中断期间市民诉求不丢失', 'Lose no citizen request during the outage') },
    ],
    participants: ['市应急联动中心值班员', '值班长', '12345热线管理办公室', '市大数据中心', '上海电信', '市通信管理局'],
    durationMinutes: 90,
  });

  const net = { kind: 'packet_loss', unit: '%' };
  b.ramp(
    'iot-net',
    {
      sensorId: 'DC-SB-CORE-1',
      ...net,
      name: L('市北数据中心核心链路丢包', 'Shibei DC core link packet loss'),
      start: 8,
      peak: 100,
      threshold: 5,
      district: 'jingan',
      address: '静安区市北高新园区数据中心',
      at: DC_PRIMARY,
    },
    min(0),
    60,
    6,
  );
  b.ramp(
    'iot-net',
    {
      sensorId: 'DC-SB-UPS-2',
      kind: 'ups_load',
      unit: '%',
      name: L('市北数据中心UPS负载', 'Shibei DC UPS load'),
      start: 92,
      peak: 118,
      threshold: 95,
      district: 'jingan',
      address: '静安区市北高新园区数据中心',
      at: DC_PRIMARY,
    },
    min(2),
    60,
    5,
  );
  const outage = b.report(min(5), 'noc-bigdata', {
    ref: 'NOC-0817-0001',
    title: L('12345热线受理系统中断', '12345 call-taking system down'),
    category: 'info_network',
    level: 3,
    district: 'jingan',
    address: '静安区市北高新园区数据中心',
    at: DC_PRIMARY,
    channel: 'other',
    description: '坐席无法登录，IVR无响应，来电全部失败。',
  });
  b.report(min(7), 'noc-telecom', {
    ref: 'TEL-0817-0042',
    title: L('共和新路施工挖断光缆', 'Fibre cut by roadworks on Gonghexin Rd'),
    category: 'info_network',
    level: 4,
    district: 'jingan',
    address: '静安区共和新路近汶水路施工工地',
    at: FIBRE_CUT,
    channel: 'other',
  });
  b.track('avl-utility', 'TEL-QX-06', '电信抢修6号车', TELECOM_BASE, FIBRE_CUT, min(10), 60, 6);
  const spill = b.message(
    min(9),
    '110指挥中心',
    L('110：话务量激增，大量非警务来电', '110: call volume surging with non-police calls'),
    L(
      '过去10分钟110话务量上升240%，多为本应拨打12345的诉求，请协调。',
      '110 calls are up 240% in 10 minutes, mostly requests meant for 12345; please coordinate.',
    ),
  );
  // Citizens who cannot reach 12345 call 110 instead: ordinary requests arrive on the police stream.
  const spills = [
    {
      ref: 'P110-0817-5501',
      title: L('小区停水无人回应', 'No water in the compound, nobody answers'),
      category: 'water_supply',
      district: 'putuo',
      address: '普陀区真如镇某小区',
      at: [121.4108, 31.2502],
    },
    {
      ref: 'P110-0817-5502',
      title: L('路灯倒伏横在路中', 'Street lamp down across the road'),
      category: 'traffic',
      district: 'hongkou',
      address: '虹口区四平路近大连路',
      at: [121.503, 31.268],
    },
    {
      ref: 'P110-0817-5503',
      title: L('电梯困人', 'People stuck in a lift'),
      category: 'special_equipment',
      district: 'changning',
      address: '长宁区天山路某大楼',
      at: [121.4061, 31.2156],
    },
    {
      ref: 'P110-0817-5504',
      title: L('施工噪声扰民', 'Night construction noise'),
      category: 'construction',
      district: 'xuhui',
      address: '徐汇区龙华中路',
      at: [121.4543, 31.1836],
    },
  ] as const;
  spills.forEach((r, i) => b.report(min(12 + i * 3), STREAMS.police, { ...r, channel: '110' }));
  const callCitizen = b.call(
    min(18),
    '市民刘女士',
    L('市民改拨值班电话：家中老人走失', 'Citizen calls the duty line: elderly father missing'),
    {
      channel: 'other',
      script: L(
        '12345一直打不通，我父亲有阿尔茨海默症，下午在长风公园附近走失了。',
        'I cannot get through to 12345; my father has Alzheimer’s and went missing near Changfeng Park this afternoon.',
      ),
      district: 'putuo',
      address: '普陀区长风公园',
      at: [121.3962, 31.2283],
    },
    { notes: '考察非常规渠道诉求的登记。' },
  );
  b.message(
    min(20),
    '市大数据中心',
    L('大数据中心：建议切换松江灾备', 'Big data centre: recommend failover to Songjiang'),
    L(
      '主中心恢复时间预计超过2小时，建议立即切换至松江灾备中心，预计切换用时30分钟。',
      'Primary restoration will take over 2 hours; recommend failing over to the Songjiang backup now, about 30 minutes.',
    ),
  );
  b.ramp(
    'iot-net',
    {
      sensorId: 'DC-SJ-SYNC',
      kind: 'replication_lag',
      unit: 's',
      name: L('松江灾备数据同步延迟', 'Songjiang backup replication lag'),
      start: 600,
      peak: 5,
      threshold: 60,
      district: 'songjiang',
      address: '松江区G60科创走廊数据中心',
      at: DC_BACKUP,
    },
    min(25),
    120,
    6,
  );
  b.message(
    min(30),
    '市通信管理局',
    L('通管局：启动通信保障', 'Telecom regulator: comms assurance activated'),
    L('已协调三家运营商将12345号码临时呼转至灾备坐席。', 'The three carriers will forward 12345 to the backup seats.'),
  );
  const restored = b.update(
    min(45),
    'noc-bigdata',
    'NOC-0817-0001',
    L('灾备中心接管，热线部分恢复', 'Backup site takes over, hotline partly restored'),
    { description: '松江灾备中心已接管，80个坐席上线。' },
  );
  b.message(
    min(55),
    '值班领导',
    L('领导：统计中断期间未接来电', 'Leader: count the calls missed during the outage'),
    L(
      '请统计中断期间的未接来电并组织回拨，确保诉求不遗漏。',
      'Count the calls missed during the outage and call them back; no request may be lost.',
    ),
  );
  b.update(min(80), 'noc-telecom', 'TEL-0817-0042', L('光缆熔接完成', 'Fibre spliced'), {
    description: '光缆熔接完成，主中心链路恢复。',
  });

  b.expect('A1', 'O1', L('确认热线中断事件', 'Acknowledge the hotline outage'), outage, 3, {
    kind: 'incident_acknowledged',
    ref: 'NOC-0817-0001',
  });
  b.expect('A2', 'O1', L('热线中断定为II级', 'Set the outage to level II'), outage, 10, {
    kind: 'level_set',
    ref: 'NOC-0817-0001',
    level: 2,
  });
  b.expect('A3', 'O2', L('启动信息网络安全事件预案', 'Activate the network security incident plan'), spill, 15, {
    kind: 'plan_activated',
    plan: 'network-outage',
  });
  b.expect('A4', 'O2', L('调派通信抢修', 'Dispatch telecom repair'), outage, 15, {
    kind: 'unit_dispatched',
    capability: 'telecom_repair',
  });
  b.expect('A5', 'O3', L('登记走失老人来电', 'Log the missing elderly man call'), callCitizen, 5, {
    kind: 'incident_created',
    district: 'putuo',
  });
  b.expect('A6', 'O3', L('灾备接管后记录回拨安排', 'Record the call-back arrangement after failover'), restored, 20, {
    kind: 'timeline_entry',
    ref: 'NOC-0817-0001',
    text: 'note%',
  });
  return b.build();
}
