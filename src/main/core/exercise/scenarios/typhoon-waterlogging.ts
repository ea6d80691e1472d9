import type { Scenario } from '../../../../shared/exercise-scenario';
import { L, min, ScenarioBuilder, STREAMS, type LonLat } from './build';

/**
 * Typhoon with rainstorm waterlogging across several districts — Shanghai's
 * most frequent large-scale emergency (cf. 烟花 2021, 贝碧嘉 2024). Warnings
 * escalate blue → orange, then rainstorm red; underpasses flood in Xuhui and
 * Pudong, a basement in Minhang, trees fall in Huangpu, the sea wall at
 * Jinshan is watched. This is also the first-run demonstration scenario.
 */
const CAOXI_UNDERPASS: LonLat = [121.4372, 31.1781]; // 漕溪路—中山南二路 下立交
const LONGYANG: LonLat = [121.5574, 31.2036]; // 龙阳路—罗山路
const XINZHUANG: LonLat = [121.3853, 31.1112]; // 莘庄 北广场
const BUND: LonLat = [121.4901, 31.2382]; // 中山东一路
const WUJIAOCHANG: LonLat = [121.5142, 31.3012];
const JINSHANZUI: LonLat = [121.3551, 30.7032];
const XUHUI_FIRE: LonLat = [121.4425, 31.1958]; // 徐汇 消防救援站
const PUDONG_PUMP: LonLat = [121.5411, 31.2215];

export function typhoonWaterlogging(): Scenario {
  const b = new ScenarioBuilder({
    id: 'typhoon-waterlogging',
    version: 1,
    title: L('台风“梅花”暴雨内涝综合演练', 'Typhoon "Muifa" rainstorm waterlogging exercise'),
    summary: L(
      '台风外围环流叠加天文大潮，全市出现短时强降水，徐汇、浦东、闵行、黄浦、杨浦多处积水，金山沿海海塘告警。',
      'Typhoon outer bands with an astronomical high tide bring torrential rain: waterlogging in Xuhui, Pudong, Minhang, Huangpu and Yangpu; the Jinshan sea wall is on alert.',
    ),
    objectives: [
      {
        id: 'O1',
        text: L('及时掌握并确认各区内涝险情', 'Know and acknowledge waterlogging in every district promptly'),
      },
      {
        id: 'O2',
        text: L('按预警等级启动防汛防台应急预案', 'Activate the flood and typhoon plan at the warning level'),
      },
      {
        id: 'O3',
        text: L('调派排水、消防救援力量处置积水点', 'Dispatch drainage and fire rescue units to flooded points'),
      },
    ],
    participants: ['市应急联动中心值班员', '值班长', '市防汛办', '市水务局', '消防救援总队', '120急救中心'],
    durationMinutes: 120,
  });

  b.warning(min(0), {
    id: 'SH-TY-2026-09-BLUE',
    event: L('台风蓝色预警', 'Typhoon blue warning'),
    level: 'blue',
    severity: 'Moderate',
    areaDesc: '上海市',
    headline: L(
      '上海中心气象台发布台风蓝色预警信号',
      'Shanghai Central Meteorological Observatory issues typhoon blue warning',
    ),
    instruction: '做好防台准备，注意收听有关媒体报道。',
  });
  b.message(
    min(2),
    '市防汛办',
    L('防汛办通知：进入防汛防台IV级响应', 'Flood office: level IV flood and typhoon response'),
    L(
      '市防汛指挥部决定，全市进入防汛防台IV级响应状态，请各单位加强值守。',
      'The municipal flood HQ declares a level IV flood and typhoon response; all units to reinforce duty.',
    ),
  );
  b.warning(min(12), {
    id: 'SH-TY-2026-09-ORANGE',
    event: L('台风橙色预警', 'Typhoon orange warning'),
    level: 'orange',
    severity: 'Severe',
    areaDesc: '上海市',
    headline: L('台风蓝色预警升级为橙色预警', 'Typhoon warning raised from blue to orange'),
    instruction: '停止室外集体活动，加固港口设施，人员尽量减少外出。',
    msgType: 'Update',
    references: 'sh-meteo@weather.sh.cn,SH-TY-2026-09-BLUE',
  });
  const rainRed = b.warning(min(25), {
    id: 'SH-RS-2026-09-RED',
    event: L('暴雨红色预警', 'Rainstorm red warning'),
    level: 'red',
    severity: 'Extreme',
    areaDesc: '徐汇区、闵行区、浦东新区、黄浦区',
    headline: L('暴雨红色预警：1小时雨量将超过100毫米', 'Rainstorm red warning: over 100 mm in one hour'),
    instruction: '停止集会、停课停业（除特殊行业外），做好防御山洪、内涝等工作。',
    polygon: '31.10,121.35 31.10,121.60 31.26,121.60 31.26,121.35 31.10,121.35',
  });

  const caoxi = b.report(min(28), STREAMS.hotline, {
    ref: 'H12345-0914-0087',
    title: L('漕溪路下立交积水，车辆熄火被困', 'Caoxi Road underpass flooded, cars stalled'),
    category: 'waterlogging',
    level: 3,
    district: 'xuhui',
    street: '漕河泾街道',
    address: '徐汇区漕溪路中山南二路下立交',
    at: CAOXI_UNDERPASS,
    channel: '12345',
    description: '积水约60厘米，有两辆小车熄火，司机站在车顶。',
    caller: '陈先生',
  });
  const trapped = b.report(
    min(31),
    STREAMS.police,
    {
      ref: 'P110-0914-3321',
      title: L('漕溪路下立交有人被困车内', 'Person trapped in car at Caoxi Road underpass'),
      category: 'waterlogging',
      level: 3,
      district: 'xuhui',
      address: '徐汇区漕溪路下立交南侧',
      at: [121.4369, 31.1776],
      channel: '110',
    },
    { notes: '与12345报告为同一事件：观察值班员是否发现并提出合并。' },
  );
  b.ramp(
    'iot-water',
    {
      sensorId: 'XH-UP-0031',
      kind: 'water_level',
      unit: 'cm',
      name: L('漕溪路下立交水位计', 'Caoxi underpass water gauge'),
      start: 22,
      peak: 78,
      threshold: 25,
      district: 'xuhui',
      address: '漕溪路下立交',
      at: CAOXI_UNDERPASS,
    },
    min(26),
    120,
    6,
  );
  b.unitStatus(
    min(33),
    STREAMS.avlFire,
    {
      unitId: 'XH-FIRE-07',
      status: 'dispatched',
      incidentRef: 'H12345-0914-0087',
      agency: '徐汇消防救援支队',
      unitType: 'water_rescue',
    },
    L('徐汇消防7号车出动', 'Xuhui fire engine 07 dispatched'),
  );
  b.track(STREAMS.avlFire, 'XH-FIRE-07', '徐汇消防7号车', XUHUI_FIRE, CAOXI_UNDERPASS, min(34), 60, 6);
  b.unitStatus(
    min(40),
    STREAMS.avlFire,
    {
      unitId: 'XH-FIRE-07',
      status: 'on_scene',
      incidentRef: 'H12345-0914-0087',
      agency: '徐汇消防救援支队',
      unitType: 'water_rescue',
    },
    L('徐汇消防7号车到场', 'Xuhui fire engine 07 on scene'),
  );

  const longyang = b.report(min(36), STREAMS.hotline, {
    ref: 'H12345-0914-0102',
    title: L('龙阳路罗山路口严重积水', 'Severe waterlogging at Longyang Rd / Luoshan Rd'),
    category: 'waterlogging',
    level: 4,
    district: 'pudong',
    street: '花木街道',
    address: '浦东新区龙阳路罗山路路口',
    at: LONGYANG,
    channel: '12345',
  });
  b.ramp(
    'iot-water',
    {
      sensorId: 'PD-RD-0412',
      kind: 'water_level',
      unit: 'cm',
      name: L('龙阳路积水监测点', 'Longyang Rd ponding gauge'),
      start: 18,
      peak: 45,
      threshold: 20,
      district: 'pudong',
      address: '龙阳路罗山路',
      at: LONGYANG,
    },
    min(35),
    180,
    5,
  );
  b.track('avl-water', 'PD-PUMP-03', '浦东排水泵车3号', PUDONG_PUMP, LONGYANG, min(44), 90, 5);

  const basement = b.call(
    min(45),
    '莘庄某小区物业',
    L('闵行莘庄地下车库进水', 'Basement car park flooding in Xinzhuang, Minhang'),
    {
      channel: '12345',
      script: L(
        '我们小区地下车库正在进水，已经淹到轮胎一半，还有居民在下面挪车。',
        'Water is pouring into our underground car park, half-way up the tyres, and residents are still down there moving cars.',
      ),
      district: 'minhang',
      address: '闵行区莘庄镇莘松路某小区',
      at: XINZHUANG,
      callerPhone: '021-5488xxxx',
    },
    { notes: '值班员应将来电登记为新事件（内涝，闵行）。' },
  );

  b.report(min(52), STREAMS.police, {
    ref: 'P110-0914-3390',
    title: L('中山东一路行道树倒伏压住车辆', 'Fallen tree on a car on Zhongshan East 1st Rd'),
    category: 'typhoon',
    level: 4,
    district: 'huangpu',
    street: '外滩街道',
    address: '黄浦区中山东一路近南京东路',
    at: BUND,
    channel: '110',
  });
  b.report(min(58), STREAMS.ems, {
    ref: 'E120-0914-7781',
    title: L('五角场下沉广场积水，一名老人滑倒受伤', 'Elderly person injured slipping at flooded Wujiaochang plaza'),
    category: 'waterlogging',
    level: 4,
    district: 'yangpu',
    address: '杨浦区五角场下沉广场',
    at: WUJIAOCHANG,
    channel: '120',
  });
  b.update(
    min(62),
    STREAMS.hotline,
    'H12345-0914-0087',
    L('漕溪路下立交：被困人员已转移', 'Caoxi underpass: trapped people brought out'),
    { description: '消防已将2名司机转移至安全地带，积水仍在上涨。' },
  );
  b.ramp(
    'iot-tide',
    {
      sensorId: 'JS-SW-0007',
      kind: 'water_level',
      unit: 'm',
      name: L('金山嘴海塘潮位站', 'Jinshanzui sea wall tide gauge'),
      start: 4.6,
      peak: 5.4,
      threshold: 4.8,
      district: 'jinshan',
      address: '金山区金山嘴海塘',
      at: JINSHANZUI,
    },
    min(60),
    240,
    5,
  );
  b.message(
    min(70),
    '值班领导',
    L('领导指示：加强金山海塘巡查', 'Leader: step up Jinshan sea wall patrols'),
    L(
      '请通知金山区加密海塘巡查，必要时组织沿海人员转移。',
      'Tell Jinshan to patrol the sea wall more often and move coastal residents if needed.',
    ),
  );
  b.message(
    min(85),
    '上海电视台新闻中心',
    L('媒体询问：内涝情况与交通管制', 'Media asks about waterlogging and road closures'),
    L(
      '请问目前全市有多少处积水点？哪些下立交封闭？',
      'How many waterlogged points are there now, and which underpasses are closed?',
    ),
    { notes: '考察信息发布口径。' },
  );
  b.warning(min(100), {
    id: 'SH-RS-2026-09-RED-U1',
    event: L('暴雨红色预警', 'Rainstorm red warning'),
    level: 'orange',
    severity: 'Severe',
    areaDesc: '徐汇区、闵行区、浦东新区、黄浦区',
    headline: L('暴雨红色预警降级为橙色', 'Rainstorm warning lowered from red to orange'),
    instruction: '继续做好防御工作。',
    msgType: 'Update',
    references: 'sh-meteo@weather.sh.cn,SH-RS-2026-09-RED',
  });

  b.expect('A1', 'O1', L('确认漕溪路下立交积水事件', 'Acknowledge the Caoxi underpass flooding'), caoxi, 5, {
    kind: 'incident_acknowledged',
    ref: 'H12345-0914-0087',
  });
  b.expect(
    'A2',
    'O2',
    L('暴雨红色预警后启动防汛防台预案', 'Activate the flood and typhoon plan after the red rainstorm warning'),
    rainRed,
    15,
    { kind: 'plan_activated', plan: 'flood-typhoon' },
  );
  b.expect('A3', 'O3', L('调派水域救援力量到漕溪路下立交', 'Dispatch water rescue to the Caoxi underpass'), caoxi, 10, {
    kind: 'unit_dispatched',
    ref: 'H12345-0914-0087',
    capability: 'water_rescue',
  });
  b.expect('A4', 'O1', L('确认龙阳路积水事件', 'Acknowledge the Longyang Rd waterlogging'), longyang, 8, {
    kind: 'incident_acknowledged',
    ref: 'H12345-0914-0102',
  });
  b.expect('A5', 'O1', L('登记莘庄地下车库来电', 'Log the Xinzhuang basement call'), basement, 5, {
    kind: 'incident_created',
    category: 'waterlogging',
    district: 'minhang',
  });
  b.expect(
    'A6',
    'O2',
    L('有人被困后将漕溪路事件升为II级', 'Raise the Caoxi incident to level II once people are trapped'),
    trapped,
    10,
    { kind: 'level_set', ref: 'H12345-0914-0087', level: 2 },
  );
  return b.build();
}
