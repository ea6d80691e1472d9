import type { PlanDef } from '../../../../shared/contracts/console';
import { ALL, MAJOR, MINOR, POS, step } from './step';

/** 危险化学品事故应急预案 — hazardous chemical leak. */
export const hazmatLeak: PlanDef = {
  id: 'hazmat-leak',
  title: { zh: '危险化学品事故应急预案', en: 'Hazardous chemical accident plan' },
  categories: ['hazmat'],
  levels: [1, 2, 3, 4],
  basis: {
    zh: '适用于危化品生产、储存、运输环节泄漏、火灾、爆炸事故。',
    en: 'For leaks, fires and explosions in hazardous chemical production, storage and transport.',
  },
  steps: [
    step('notify-chain', 5, ALL, POS.officer, '报告值班长，通知消防、生态环境、应急管理执法和属地区', 'Report to the duty chief; notify fire, environment, safety enforcement and the district'),
    step('identify', 15, ALL, POS.fire, '查明泄漏物质名称、数量、危险特性（查MSDS/危化品目录）', 'Identify the substance, quantity and hazards (MSDS / hazardous chemicals catalogue)'),
    step('cordon', 15, ALL, POS.police, '按物质特性划定警戒区（初始隔离不少于100米），下风向优先', 'Set the cordon by substance (initial isolation at least 100 m), downwind first'),
    step('rescue', 20, ALL, POS.fire, '危化品救援专业队伍堵漏、稀释、围堵，防止流入雨水管网', 'Specialist hazmat team plugs, dilutes and contains; keep it out of storm drains'),
    step('monitor-air', 30, ALL, POS.env, '在下风向和周边敏感点布设大气、水体监测', 'Set up air and water monitoring downwind and at sensitive sites'),
    step('medical', 30, ALL, POS.medical, '设置洗消点，120就近医院做好中毒救治准备', 'Set up decontamination; nearby hospitals prepare for poisoning cases'),
    step('traffic', 30, ALL, POS.traffic, '周边道路交通管制，开辟救援专用通道', 'Traffic control around the site; open a rescue-only lane'),
    step('evacuate', 45, MAJOR, POS.district, '根据监测结果疏散下风向居民、学校、医院', 'Evacuate residents, schools and hospitals downwind as monitoring indicates'),
    step('leader-report', 15, MAJOR, POS.leader, '带班领导报告市政府总值班室和应急管理部', 'Leader on duty reports to the municipal duty office and the Ministry of Emergency Management'),
    step('expert', 60, MAJOR, POS.chief, '召集危化品专家组到现场指挥部会商', 'Convene the hazardous chemicals expert group at the field HQ'),
    step('district-lead', 60, MINOR, POS.district, '区应急局牵头现场处置，企业落实主体责任', 'District bureau leads on site; the company carries out its duties'),
    step('press', 60, ALL, POS.press, '发布事故情况、监测数据和防护提示（关窗、避免外出）', 'Publish the situation, monitoring results and protective advice (close windows, stay inside)'),
    step('stand-down', 360, ALL, POS.chief, '监测达标后解除警戒，组织洗消和事故调查', 'Lift the cordon when readings are safe; decontaminate and start the investigation'),
  ],
};

/** 燃气事故应急预案 — gas explosion / leak. */
export const gasExplosion: PlanDef = {
  id: 'gas-explosion',
  title: { zh: '燃气事故应急预案（泄漏、爆炸）', en: 'Gas accident plan (leak, explosion)' },
  categories: ['gas'],
  levels: [1, 2, 3, 4],
  basis: {
    zh: '适用于城镇燃气管网、场站和用户端泄漏、火灾、爆炸事故。',
    en: 'For leaks, fires and explosions in city gas mains, stations and customer premises.',
  },
  steps: [
    step('notify-chain', 5, ALL, POS.officer, '报告值班长，通知燃气企业抢修、消防、公安和属地区', 'Report to the duty chief; notify the gas utility crew, fire, police and the district'),
    step('shut-off', 15, ALL, POS.gas, '关闭上游阀门切断气源，检测周边燃气浓度', 'Close upstream valves to cut the supply; measure gas concentration around'),
    step('cordon', 15, ALL, POS.police, '设立警戒区，严禁明火和电器开关操作', 'Set a cordon; ban naked flames and switching of electrics'),
    step('search-rescue', 20, ALL, POS.fire, '搜救被困人员，扑灭明火，排查次生爆炸风险', 'Search for trapped people, put out fires, check for secondary explosion risk'),
    step('medical', 20, ALL, POS.medical, '现场设置伤员检伤分类点，联系烧伤专科医院', 'Set up triage on site; alert burns units'),
    step('evacuate', 30, ALL, POS.district, '疏散同楼栋及相邻楼栋居民，安排临时安置', 'Evacuate the building and neighbours; arrange temporary housing'),
    step('structure', 60, ALL, POS.district, '组织房屋安全鉴定，防止建筑坍塌', 'Have the building structurally assessed to prevent collapse'),
    step('leader-report', 15, MAJOR, POS.leader, '带班领导报告市政府总值班室，赶赴现场', 'Leader on duty reports to the municipal duty office and goes to the scene'),
    step('field-hq', 45, MAJOR, POS.chief, '成立现场指挥部，协调住建、燃气、卫健、公安', 'Set up a field HQ coordinating housing, gas, health and police'),
    step('press', 60, ALL, POS.press, '发布事故情况、伤亡和安置信息', 'Publish the situation, casualties and housing arrangements'),
    step('stand-down', 240, ALL, POS.chief, '恢复供气前完成管线检测，开展事故调查', 'Test the pipework before restoring supply; start the investigation'),
  ],
};

/** 城市轨道交通运营突发事件应急预案 — metro disruption. */
export const metroDisruption: PlanDef = {
  id: 'metro-disruption',
  title: { zh: '城市轨道交通运营突发事件应急预案', en: 'Urban rail transit disruption plan' },
  categories: ['metro'],
  levels: [1, 2, 3],
  basis: {
    zh: '适用于列车脱轨、火灾、大面积停运、大客流滞留等运营突发事件。',
    en: 'For derailments, fires, line-wide suspensions and stranded crowds on the metro.',
  },
  steps: [
    step('notify-chain', 5, ALL, POS.officer, '报告值班长，通知申通地铁、交通委、公安轨交分局', 'Report to the duty chief; notify Shentong Metro, the transport commission and metro police'),
    step('scope', 10, ALL, POS.metro, '确认故障区段、停运线路、滞留列车和车站客流', 'Establish the affected section, suspended lines, stranded trains and station crowds'),
    step('passenger-evac', 20, ALL, POS.metro, '组织列车乘客疏散至站台，安全离站', 'Evacuate passengers from trains to platforms and out of stations'),
    step('station-control', 20, ALL, POS.police, '车站实施限流、封站，防止踩踏', 'Restrict entry or close stations to prevent crushes'),
    step('bus-bridge', 30, ALL, POS.transport, '开通公交接驳（短驳）线路，增派出租车', 'Run bus bridges along the suspended section; call in taxis'),
    step('medical', 30, ALL, POS.medical, '在主要车站预置120救护力量', 'Station ambulances at the main stations'),
    step('leader-report', 15, MAJOR, POS.leader, '带班领导报告市政府总值班室', 'Leader on duty reports to the municipal duty office'),
    step('road-traffic', 45, MAJOR, POS.traffic, '地面道路交通疏导，保障接驳公交通行', 'Manage road traffic so bridge buses can run'),
    step('press', 30, ALL, POS.press, '通过车站广播、App、媒体发布停运和绕行信息，每30分钟更新', 'Announce suspensions and alternatives via stations, apps and media every 30 minutes'),
    step('stand-down', 180, ALL, POS.chief, '恢复运营后观察客流，形成处置报告', 'After service resumes, watch passenger flow and write the report'),
  ],
};

/** 大型群众性活动安全事故应急预案 — large-event crowd safety. */
export const crowdSafety: PlanDef = {
  id: 'crowd-safety',
  title: { zh: '大型群众性活动及人员密集场所安全应急预案', en: 'Large events and crowded places safety plan' },
  categories: ['crowd', 'public_order'],
  levels: [1, 2, 3],
  basis: {
    zh: '适用于外滩等人员密集区域超限客流、拥挤踩踏风险和活动现场突发事件。',
    en: 'For over-capacity crowds, crush risk and incidents at events and crowded places such as the Bund.',
  },
  steps: [
    step('notify-chain', 5, ALL, POS.officer, '报告值班长，通知公安、属地区、文旅和活动主办方', 'Report to the duty chief; notify police, district, culture and tourism, and the organiser'),
    step('density', 10, ALL, POS.police, '通过视频和手机信令核实区域人数和密度（人/平方米）', 'Check numbers and density (people/m²) from video and mobile signalling'),
    step('inflow-limit', 15, ALL, POS.police, '实施外围限流、单向通行和分区管控', 'Limit inflow at the perimeter, make routes one-way, control by zone'),
    step('metro-skip', 20, ALL, POS.metro, '邻近地铁站封站或列车不停站通过', 'Close nearby metro stations or run trains through without stopping'),
    step('traffic', 20, ALL, POS.traffic, '周边道路交通管制，保留应急通道畅通', 'Close surrounding roads to traffic; keep emergency lanes clear'),
    step('medical', 20, ALL, POS.medical, '在疏散通道出口预置医疗救护点', 'Place medical posts at the exits of evacuation routes'),
    step('broadcast', 15, ALL, POS.press, '现场广播和大屏引导人流，手机短信提醒', 'Guide the crowd by PA and screens; send SMS alerts'),
    step('leader-report', 10, MAJOR, POS.leader, '带班领导报告市政府总值班室并赶赴现场', 'Leader on duty reports to the municipal duty office and goes to the scene'),
    step('disperse', 30, MAJOR, POS.police, '分批疏散人群，必要时中止活动', 'Disperse the crowd in batches; stop the event if needed'),
    step('press', 60, ALL, POS.press, '发布限流、交通管制和出行提示', 'Publish crowd limits, traffic controls and travel advice'),
    step('stand-down', 180, ALL, POS.chief, '人流恢复正常后解除管控，形成总结', 'Lift controls when the crowd is back to normal; write the summary'),
  ],
};
