import type { Scenario } from '../../../../shared/exercise-scenario';
import { L, min, ScenarioBuilder, STREAMS, type LonLat } from './build';

/**
 * Gas explosion in an old residential block (老旧小区): a six-storey 1950s
 * workers' village in Putuo's 曹杨新村, riser pipes corroded, an explosion on
 * the third floor, a partial collapse, people trapped, gas still escaping.
 */
const BLOCK: LonLat = [121.4121, 31.2428]; // 曹杨新村 枫桥路
const CAOYANG_FIRE: LonLat = [121.4186, 31.2395];
const CHANGFENG_FIRE: LonLat = [121.3974, 31.2268];
const TONGJI_HOSP: LonLat = [121.4296, 31.2598]; // 同济医院
const GAS_DEPOT: LonLat = [121.3933, 31.2521]; // 燃气抢修站

export function gasExplosion(): Scenario {
  const b = new ScenarioBuilder({
    id: 'gas-explosion-old-block',
    version: 1,
    title: L('曹杨新村老旧小区燃气爆炸演练', 'Gas explosion in an old residential block, Caoyang'),
    summary: L(
      '普陀区曹杨新村一幢老式公房三楼发生燃气爆炸，局部坍塌，多人被困，周边仍有燃气泄漏。',
      'A gas explosion on the third floor of an old public-housing block in Caoyang, Putuo: partial collapse, people trapped, gas still leaking nearby.',
    ),
    objectives: [
      { id: 'O1', text: L('迅速确认并定级爆炸事件', 'Acknowledge and grade the explosion at once') },
      { id: 'O2', text: L('调派消防、燃气抢修、医疗力量', 'Dispatch fire, gas repair and medical units') },
      { id: 'O3', text: L('启动燃气事故预案，组织周边疏散', 'Activate the gas accident plan and evacuate the block') },
    ],
    participants: [
      '市应急联动中心值班员',
      '值班长',
      '普陀区应急局',
      '消防救援总队',
      '上海燃气',
      '120急救中心',
      '曹杨新村街道',
    ],
    durationMinutes: 75,
  });

  const boom = b.report(min(0, 20), STREAMS.fire, {
    ref: 'F119-0305-0091',
    title: L('曹杨新村居民楼爆炸起火', 'Explosion and fire in a Caoyang residential block'),
    category: 'gas',
    level: 3,
    district: 'putuo',
    street: '曹杨新村街道',
    address: '普陀区枫桥路曹杨一村12号',
    at: BLOCK,
    channel: '119',
    description: '巨响后三楼窗户炸飞，楼道冒烟，有人呼救。',
  });
  b.report(min(0, 50), STREAMS.police, {
    ref: 'P110-0305-1120',
    title: L('枫桥路居民楼爆炸，路面有碎玻璃', 'Explosion on Fengqiao Rd, glass on the road'),
    category: 'gas',
    district: 'putuo',
    address: '普陀区枫桥路近兰溪路',
    at: [121.4125, 31.2431],
    channel: '110',
  });
  b.report(min(1, 30), STREAMS.hotline, {
    ref: 'H12345-0305-0311',
    title: L('曹杨一村闻到煤气味，爆炸声后停气', 'Gas smell in Caoyang No.1 Village after a bang'),
    category: 'gas',
    district: 'putuo',
    address: '普陀区曹杨一村10号',
    at: [121.4117, 31.2425],
    channel: '12345',
  });
  b.ramp(
    'iot-gas',
    {
      sensorId: 'PT-GAS-2207',
      kind: 'gas',
      unit: '%LEL',
      name: L('曹杨一村燃气井可燃气体探测', 'Caoyang gas manhole LEL sensor'),
      start: 12,
      peak: 46,
      threshold: 10,
      district: 'putuo',
      address: '曹杨一村12号楼北侧燃气井',
      at: [121.4123, 31.243],
    },
    min(1),
    90,
    7,
  );
  b.unitStatus(
    min(2),
    STREAMS.avlFire,
    {
      unitId: 'PT-FIRE-03',
      status: 'dispatched',
      incidentRef: 'F119-0305-0091',
      agency: '普陀消防救援支队曹杨站',
      unitType: 'rescue',
    },
    L('曹杨站抢险救援车出动', 'Caoyang station rescue truck dispatched'),
  );
  b.track(STREAMS.avlFire, 'PT-FIRE-03', '曹杨站抢险救援车', CAOYANG_FIRE, BLOCK, min(2, 30), 40, 5);
  b.track(STREAMS.avlFire, 'PT-FIRE-08', '长风站水罐车', CHANGFENG_FIRE, BLOCK, min(4), 60, 6);
  const trapped = b.update(
    min(7),
    STREAMS.fire,
    'F119-0305-0091',
    L('确认局部坍塌，至少4人被困', 'Partial collapse confirmed, at least 4 trapped'),
    { level: 2, description: '三至四层楼板局部坍塌，至少4人被困，2人重伤已救出。' },
  );
  b.report(min(8), STREAMS.ems, {
    ref: 'E120-0305-2310',
    title: L('爆炸现场2名重度烧伤', 'Two severe burns at the explosion'),
    category: 'gas',
    level: 3,
    district: 'putuo',
    address: '普陀区曹杨一村12号',
    at: BLOCK,
    channel: '120',
  });
  b.track(STREAMS.avlEms, 'PT-120-02', '普陀120-02救护车', TONGJI_HOSP, BLOCK, min(9), 60, 5);
  b.track('avl-utility', 'SHGAS-QX-14', '燃气抢修14号车', GAS_DEPOT, BLOCK, min(10), 60, 5);
  const callNeighbour = b.call(
    min(12),
    '曹杨一村居民王阿姨',
    L('邻居来电：隔壁楼也有煤气味', 'Neighbour: the next block smells of gas too'),
    {
      channel: '12345',
      script: L(
        '我住曹杨一村14号，楼道里也有很重的煤气味，我们要不要下楼？家里还有瘫痪的老伴。',
        'I live at No.14, the stairwell smells strongly of gas too. Should we go down? My husband is bedridden.',
      ),
      district: 'putuo',
      address: '普陀区曹杨一村14号',
      at: [121.4128, 31.2434],
    },
    { notes: '观察是否登记为新事件并安排行动不便人员转移。' },
  );
  b.message(
    min(15),
    '上海燃气',
    L('燃气公司：已关闭区域阀门', 'Gas company: area valve closed'),
    L(
      '枫桥路中压阀门已关闭，影响约800户，正在排查泄漏点。',
      'The medium-pressure valve on Fengqiao Rd is closed, about 800 households affected; finding the leak.',
    ),
  );
  b.message(
    min(20),
    '普陀区应急局',
    L('区应急局：需要临时安置点', 'District: need a temporary shelter'),
    L(
      '预计需安置约200名居民，建议启用曹杨第二中学体育馆。',
      'About 200 residents need shelter; suggest opening the Caoyang No.2 High School gym.',
    ),
  );
  b.update(min(35), STREAMS.fire, 'F119-0305-0091', L('被困人员全部救出', 'All trapped people rescued'), {
    description: '4名被困人员全部救出，1人死亡，5人送医；现场已控制。',
  });
  b.message(
    min(50),
    '市委办公厅',
    L('上级要求报送续报', 'City office asks for a follow-up report'),
    L(
      '请于15分钟内报送事件续报，包括伤亡和安置情况。',
      'Send a follow-up report within 15 minutes with casualties and sheltering.',
    ),
  );

  b.expect('A1', 'O1', L('确认爆炸事件', 'Acknowledge the explosion'), boom, 2, {
    kind: 'incident_acknowledged',
    ref: 'F119-0305-0091',
  });
  b.expect('A2', 'O1', L('确认坍塌后定为II级', 'Set level II once the collapse is confirmed'), trapped, 5, {
    kind: 'level_set',
    ref: 'F119-0305-0091',
    level: 2,
  });
  b.expect('A3', 'O2', L('调派燃气抢修', 'Dispatch gas repair'), boom, 10, {
    kind: 'unit_dispatched',
    ref: 'F119-0305-0091',
    capability: 'gas_repair',
  });
  b.expect('A4', 'O2', L('调派救援力量', 'Dispatch rescue'), boom, 5, {
    kind: 'unit_dispatched',
    ref: 'F119-0305-0091',
    capability: 'rescue',
  });
  b.expect('A5', 'O3', L('启动燃气事故应急预案', 'Activate the gas accident plan'), trapped, 10, {
    kind: 'plan_activated',
    plan: 'gas-explosion',
  });
  b.expect('A6', 'O3', L('登记邻楼燃气味来电', 'Log the neighbour’s gas-smell call'), callNeighbour, 5, {
    kind: 'incident_created',
    category: 'gas',
    district: 'putuo',
    channel: '12345',
  });
  return b.build();
}
