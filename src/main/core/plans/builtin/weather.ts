import type { PlanDef } from '../../../../shared/contracts/console';
import { ALL, MAJOR, MINOR, POS, step } from './step';

/** 防汛防台（台风、暴雨内涝）专项应急预案 — typhoon and rainstorm waterlogging. */
export const typhoonWaterlogging: PlanDef = {
  id: 'flood-typhoon',
  title: { zh: '防汛防台专项应急预案（台风、暴雨内涝）', en: 'Flood and typhoon plan (typhoon, rainstorm waterlogging)' },
  categories: ['typhoon', 'rainstorm', 'waterlogging', 'extreme_weather'],
  levels: [1, 2, 3],
  basis: {
    zh: '依据气象预警信号与积水深度启动；Ⅰ、Ⅱ级由市防汛指挥部统一指挥。',
    en: 'Activated on weather warnings and water depth; at levels I–II the municipal flood headquarters commands.',
  },
  steps: [
    step('notify-chain', 5, ALL, POS.officer, '向值班长报告并通知属地区防汛办、水务、气象联络', 'Report to the duty chief; notify district flood office, water authority and weather liaison'),
    step('weather-brief', 15, ALL, POS.weather, '获取最新雷达、降雨量及潮位预报，每30分钟滚动更新', 'Get latest radar, rainfall and tide forecast; update every 30 minutes'),
    step('verify-depth', 20, ALL, POS.district, '核实积水点位置、深度和影响范围（下立交、地下空间、老旧小区）', 'Verify waterlogging points, depth and extent (underpasses, basements, old housing)'),
    step('pumps', 30, ALL, POS.water, '调派移动泵车、排水抢险队赴积水点强排', 'Dispatch mobile pump trucks and drainage crews to the flooded points'),
    step('traffic-close', 30, ALL, POS.traffic, '对积水超过25厘米的道路和下立交实施封闭、绕行引导', 'Close roads and underpasses with water above 25 cm; set up diversions'),
    step('sandbags', 45, ALL, POS.resources, '从就近物资库调拨沙袋、挡水板、发电机', 'Send sandbags, flood barriers and generators from the nearest depot'),
    step('district-lead', 60, MINOR, POS.district, '区级应急指挥部牵头处置，每小时报送进展', 'District headquarters leads; report progress every hour'),
    step('leader-report', 15, MAJOR, POS.leader, '带班领导15分钟内口头报告市政府总值班室，30分钟内书面报告', 'Leader on duty reports to the municipal duty office by phone within 15 min, in writing within 30 min'),
    step('hq-open', 30, MAJOR, POS.chief, '启动市防汛指挥部联合值守，通知成员单位到岗', 'Open the municipal flood HQ joint watch; call member agencies in'),
    step('evacuate', 60, MAJOR, POS.district, '转移危棚简屋、低洼地区和工地人员至避难场所', 'Move residents of unsafe shacks, low-lying areas and building sites to shelters'),
    step('metro-protect', 60, MAJOR, POS.metro, '地铁出入口加装挡水板，必要时封站', 'Fit flood boards at metro entrances; close stations if needed'),
    step('press', 60, ALL, POS.press, '通过“上海发布”、广播电视发布积水绕行和安全提示', 'Publish detours and safety advice via Shanghai Release, radio and TV'),
    step('shelter-supply', 120, MAJOR, POS.resources, '为避难场所配送饮用水、食品、帐篷和医疗包', 'Supply shelters with water, food, tents and medical kits'),
    step('stand-down', 240, ALL, POS.chief, '积水退去后组织复查、恢复交通，形成处置总结', 'After the water recedes: re-inspect, reopen roads, write the summary'),
  ],
};

/** 通信网络与信息系统突发事件应急预案 — information network outage. */
export const networkOutage: PlanDef = {
  id: 'network-outage',
  title: { zh: '通信网络与重要信息系统突发事件应急预案', en: 'Communications network and critical information system outage plan' },
  categories: ['info_network'],
  levels: [1, 2, 3],
  basis: {
    zh: '适用于大面积通信中断、政务云或12345等关键系统故障、网络攻击事件。',
    en: 'For wide-area telecom outages, failures of the government cloud or critical systems such as 12345, and cyber attacks.',
  },
  steps: [
    step('notify-chain', 5, ALL, POS.officer, '报告值班长，通知市通信管理局和网信办值班室', 'Report to the duty chief; notify the telecom administration and cyberspace office duty rooms'),
    step('scope', 15, ALL, POS.cyber, '确认中断范围、受影响运营商/系统、用户数和起始时间', 'Establish outage scope, affected carriers/systems, users and start time'),
    step('fallback-comms', 15, ALL, POS.chief, '启用备用通信：卫星电话、短波、政务专网', 'Switch to backup comms: satellite phones, HF radio, government private network'),
    step('hotline-divert', 20, ALL, POS.officer, '12345/110/119/120接警如受影响，启用备用接警点并公告替代号码', 'If 12345/110/119/120 are affected, open backup call centres and announce alternative numbers'),
    step('attack-check', 30, ALL, POS.cyber, '研判是否为网络攻击，保全日志和现场', 'Assess whether it is an attack; preserve logs and evidence'),
    step('repair', 60, ALL, POS.cyber, '运营商抢修队伍到位，派应急通信车保障重点区域', 'Carrier repair crews on site; deploy emergency comms vehicles to key areas'),
    step('leader-report', 15, MAJOR, POS.leader, '带班领导报告市政府总值班室及国家相关部门', 'Leader on duty reports to the municipal duty office and national authorities'),
    step('critical-users', 30, MAJOR, POS.chief, '优先保障医院、供水供电、交通指挥等关键用户通信', 'Restore service first for hospitals, water, power and traffic control'),
    step('press', 60, ALL, POS.press, '发布故障情况、影响范围和预计恢复时间', 'Publish what failed, who is affected and the expected restoration time'),
    step('stand-down', 240, ALL, POS.chief, '恢复后核查系统完整性，形成事件报告', 'After recovery: check system integrity and write the incident report'),
  ],
};
