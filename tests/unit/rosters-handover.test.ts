import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import type { Category, District } from '../../src/shared/domain';
import type { HandoverSection } from '../../src/shared/handover-types';
import { dateStart } from '../../src/shared/roster-time';
import { generateOctober, seedCentre, type Seeded } from '../helpers/roster-seed';
import { uuidv7At } from '../../src/main/core/ids';

const open: Seeded[] = [];
afterEach(() => open.splice(0).forEach((s) => s.cleanup()));

const out = { seat: 'seat-1', operator: 'wangjg' };
const inc = { seat: 'seat-2', operator: 'chenj' };
const third = { seat: 'seat-3', operator: 'zhouj' };

function seeded(): Seeded {
  const s = seedCentre({ now: dateStart('2026-10-15')! + 19.5 * 3600_000 });
  open.push(s);
  generateOctober(s);
  return s;
}

/** Open incidents with timelines: the foundation's tables. */
function seedIncidents(s: Seeded): { flood: string; gas: string; closed: string } {
  const make = (title: string, level: 1 | 2 | 3 | 4, category: Category, district: District) =>
    s.core.incidents.createFromReport({ title, level, category, district, channel: '12345' }, out).id;
  const flood = make('浦东新区川沙路积水严重', 3, 'waterlogging', 'pudong');
  const gas = make('徐汇区漕溪北路燃气泄漏', 2, 'gas', 'xuhui');
  const closed = make('黄浦区南京东路广告牌松动', 4, 'waterlogging', 'huangpu');
  s.core.incidents.appendTimeline(flood, 'note', out, '排水二队已到场，泵车抽排中，预计22:00前退水');
  s.core.incidents.appendTimeline(gas, 'note', out, '燃气集团抢修车途中；待确认周边疏散范围');
  s.core.store.db.prepare("UPDATE incidents SET status = 'closed' WHERE id = ?").run(closed);
  return { flood, gas, closed };
}

/**
 * Rows in the live tables of other domains: the feeds' real tables (alerts, warnings, outbox, units,
 * from their migration) and, for plans and stock which have not landed yet, tables of a plausible shape.
 */
let alertIds: Record<'al1' | 'al2' | 'al3' | 'al4', string>;

function seedOtherDomains(s: Seeded, closedIncident: string): void {
  const db = s.core.store.db;
  const now = s.clock.now;
  alertIds = {
    al1: uuidv7At(now - 600_000),
    al2: uuidv7At(now - 900_000),
    al3: uuidv7At(now - 2 * 86_400_000),
    al4: uuidv7At(now - 86_400_000 + 1000),
  };
  const put = (sql: string, rows: unknown[][]) => rows.forEach((r) => db.prepare(sql).run(...r));
  db.prepare('UPDATE incidents SET acknowledged_at = ? WHERE id = ?').run(now - 60_000, closedIncident);
  put(
    `INSERT INTO alerts (id, sensor_id, kind, value, threshold, unit, ratio, district, incident_id, stream, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'iot-gas', ?)`,
    [
      // Keyed as the feeds key them: a UUIDv7 of the alert's time (the handover reads a range of it).
      [alertIds.al1, 'GAS-XH-0231', '燃气浓度超限', 3.2, 1.0, '%LEL', 3.2, 'xuhui', null, now - 600_000],
      [alertIds.al2, 'WL-HP-0007', '水位超警', 4.1, 4.0, 'm', 1.02, 'huangpu', closedIncident, now - 900_000],
      [alertIds.al3, 'GAS-PT-0102', '燃气浓度超限', 1.4, 1.0, '%LEL', 1.4, 'putuo', null, now - 2 * 86_400_000],
      [alertIds.al4, 'GAS-PT-0103', '燃气浓度超限', 1.6, 1.0, '%LEL', 1.6, 'putuo', null, now - 86_400_000 + 1000],
    ],
  );
  put(
    `INSERT INTO warnings (id, identifier, sender, sent, cap_status, msg_type, state, event, category, urgency, severity,
       certainty, headline, level, expires, area_desc, area, body, stream, received_at, updated_at)
     VALUES (?, ?, 'sh-weather', ?, 'Actual', 'Alert', ?, ?, 'Met', 'Expected', 'Severe', 'Likely', ?, ?, ?, ?, '[]', '{}', 'cap', ?, ?)`,
    [
      [
        'w1',
        'SH-RS-1',
        now - 3600_000,
        'active',
        '暴雨',
        '上海中心气象台发布暴雨橙色预警',
        'orange',
        now + 6 * 3600_000,
        '全市',
        now,
        now,
      ],
      [
        'w2',
        'SH-WD-1',
        now - 86_400_000,
        'cancelled',
        '大风',
        '大风蓝色预警',
        'blue',
        now + 3600_000,
        '沿江沿海',
        now,
        now,
      ],
      ['w3', 'SH-HT-1', now - 7200_000, 'active', '高温', '高温黄色预警', 'yellow', now - 3600_000, '全市', now, now],
    ],
  );
  put(
    `INSERT INTO outbox (id, source, type, payload, state, error, attempts, created_at) VALUES (?, 'city', ?, '{}', ?, ?, 1, ?)`,
    [
      ['c1', 'unit.dispatch', 'pending', null, now - 120_000],
      ['c2', 'incident.acknowledge', 'acked', null, now - 400_000],
      ['c3', 'unit.recall', 'rejected', 'unit not found', now - 300_000],
    ],
  );
  put(`INSERT INTO units (id, call_sign, agency, unit_type, status, updated_at) VALUES (?, ?, ?, 'engine', ?, ?)`, [
    ['u1', '沪消-徐汇-03', '消防', 'out_of_service', now - 7200_000],
    ['u2', '沪急-浦东-12', '医疗', 'available', now - 7200_000],
  ]);
  db.prepare(
    `INSERT INTO plan_activations (id, incident_id, plan_id, level, activated_at, activated_by, status)
     VALUES ('pa1', ?, 'rainstorm', 3, ?, 'wangjg@seat-1', 'active')`,
  ).run(closedIncident, now - 3600_000);
  put(
    `INSERT INTO plan_steps (id, activation_id, code, seq, position, title_zh, title_en, deadline_at, state, done_at)
     VALUES (?, 'pa1', ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      [
        's1',
        'notify',
        1,
        '值班长',
        '通知区防汛办启动应急响应',
        'Notify the district flood office',
        now - 1800_000,
        'pending',
        null,
      ],
      [
        's2',
        'traffic',
        2,
        '联络员',
        '发布交通管制信息',
        'Publish traffic control',
        now - 1800_000,
        'done',
        now - 2000_000,
      ],
      ['s3', 'pumps', 3, '值班员', '调集备用泵车', 'Call up reserve pumps', now + 1800_000, 'pending', null],
    ],
  );
  // Stock as resource tracking keeps it: balances derived from its ledger, per depot and item.
  put('INSERT INTO depots (id, code, name, updated_at) VALUES (?, ?, ?, 0)', [
    ['d1', 'PD-01', '浦东新区物资库'],
    ['d2', 'SH-00', '市级物资储备库'],
  ]);
  put('INSERT INTO supply_items (id, code, name, uom, min_level, updated_at) VALUES (?, ?, ?, ?, ?, 0)', [
    ['k1', 'SANDBAG', '防汛沙袋', '袋', 500],
    ['k2', 'PUMP', '移动泵车', '台', 4],
  ]);
  put('INSERT INTO stock_balances (depot_id, item_id, qty) VALUES (?, ?, ?)', [
    ['d1', 'k1', 120],
    ['d2', 'k2', 8],
  ]);
}

const section = (sections: HandoverSection[], key: string) => sections.find((x) => x.key === key)!;

describe('shift handover', () => {
  it('reports a section as not recorded when its table is not in the store (before that part lands)', () => {
    const s = seeded();
    seedIncidents(s);
    // The store as it was before the feeds landed: none of their tables.
    s.core.store.db.exec(
      'DROP TABLE alerts; DROP TABLE warnings; DROP TABLE outbox; DROP TABLE plan_steps; DROP TABLE stock_balances; DROP TABLE stock_ledger; DROP TABLE unit_status_history; DROP TABLE unit_positions; DROP TABLE units; DROP TABLE supply_items;',
    );
    const h = s.core.rosters.handovers.start('', out);
    const incidents = section(h.snapshot.sections, 'incidents');
    expect(incidents.available).toBe(true);
    for (const key of ['alerts', 'warnings', 'planSteps', 'outbox', 'units', 'stock']) {
      const sec = section(h.snapshot.sections, key);
      expect(sec.available).toBe(false);
      if (!sec.available) expect(sec.reason).toMatch(/no .* table/);
    }
    // The shift label comes from the duty chief's shift on duty now (19:30 → the day shift).
    expect(h.shiftLabel).toBe('2026-10-15 白班 08:00–20:00');
    expect(h.ref).toBe('JJB-20261015-01');
  });

  it('reads every live source as it is in this store: all present and empty on a fresh seat', () => {
    const s = seeded();
    seedIncidents(s);
    const h = s.core.rosters.handovers.start('', out);
    for (const key of ['alerts', 'warnings', 'planSteps', 'outbox', 'units', 'stock']) {
      expect(section(h.snapshot.sections, key)).toEqual({ key, available: true, rows: [] });
    }
  });

  it('lists open incidents with level and next step, and each live source when its table exists', () => {
    const s = seeded();
    const ids = seedIncidents(s);
    seedOtherDomains(s, ids.closed);
    const h = s.core.rosters.handovers.start('注意凌晨降雨加强', out);
    const incidents = section(h.snapshot.sections, 'incidents');
    if (!incidents.available) throw new Error('incidents unavailable');
    expect(incidents.rows.map((r) => [r.id, r.level, r.detail])).toEqual([
      [ids.gas, '2', '燃气集团抢修车途中；待确认周边疏散范围'],
      [ids.flood, '3', '排水二队已到场，泵车抽排中，预计22:00前退水'],
    ]);
    const rowsOf = (key: string) => {
      const sec = section(h.snapshot.sections, key);
      if (!sec.available) throw new Error(`${key}: ${sec.reason}`);
      return sec.rows;
    };
    // Alerts: acknowledged through their incident (al2) or older than a day (al3) are not handed over;
    // al4, a second inside the day, is (oldest first).
    expect(rowsOf('alerts').map((r) => [r.id, r.title, r.detail])).toEqual([
      [alertIds.al4, '燃气浓度超限', 'putuo'],
      [alertIds.al1, '燃气浓度超限', 'xuhui'],
    ]);
    // Warnings: active and not expired (w2 was cancelled, w3 has expired).
    expect(rowsOf('warnings').map((r) => [r.title, r.level, r.detail])).toEqual([
      ['上海中心气象台发布暴雨橙色预警', 'orange', '全市'],
    ]);
    expect(rowsOf('planSteps').map((r) => r.title)).toEqual(['通知区防汛办启动应急响应']);
    // Outbox: pending, and rejected with the server's reason; acked ones are done.
    expect(rowsOf('outbox').map((r) => [r.title, r.status, r.detail])).toEqual([
      ['unit.recall', 'rejected', 'unit not found'],
      ['unit.dispatch', 'pending', null],
    ]);
    expect(rowsOf('units').map((r) => r.title)).toEqual(['沪消-徐汇-03']);
    expect(rowsOf('stock').map((r) => [r.title, r.detail, r.level])).toEqual([
      ['防汛沙袋', '浦东新区物资库', '120 / 500 袋'],
    ]);
    expect(h.notes).toBe('注意凌晨降雨加强');
  });

  it('needs two different signatures, refuses signing twice, and then locks the record', () => {
    const s = seeded();
    const { handovers } = s.core.rosters;
    const h = handovers.start('', out);
    handovers.sign(h.id, 'outgoing', out);
    expect(() => handovers.sign(h.id, 'outgoing', inc)).toThrow(/already signed/);
    expect(() => handovers.sign(h.id, 'incoming', out)).toThrow(/must be different people/);
    expect(() => handovers.refresh(h.id)).toThrow(/frozen/);
    const done = handovers.sign(h.id, 'incoming', inc);
    expect(done).toMatchObject({ status: 'complete', outgoingOperator: 'wangjg', incomingOperator: 'chenj' });
    expect(() => handovers.sign(h.id, 'incoming', third)).toThrow(/signed and closed/);
    expect(() => handovers.addItem(h.id, 'x', '', out)).toThrow(/signed and closed/);
    expect(() => handovers.setNotes(h.id, 'x')).toThrow(/signed and closed/);
    expect(handovers.current()).toBeNull();
  });

  it('carries open items over three shifts until one is closed with a note', () => {
    const s = seeded();
    const { handovers } = s.core.rosters;
    // Shift 1 (day of the 15th) hands over to shift 2.
    const h1 = handovers.start('', out);
    const pump = handovers.addItem(h1.id, '川沙路泵车夜间需续油', '联系浦东排水所', out);
    const media = handovers.addItem(h1.id, '回复新华社关于积水的问询', '', out);
    expect(() => handovers.start('', inc)).toThrow(/still in progress/);
    handovers.sign(h1.id, 'outgoing', out);
    handovers.sign(h1.id, 'incoming', inc);

    // Shift 2 (night) sees both, closes one, raises another.
    s.clock.now += 12 * 3600_000;
    const h2 = handovers.start('', inc);
    expect(h2.items.map((i) => i.title)).toEqual([pump.title, media.title]);
    expect(() => handovers.closeItem(media.id, '   ', inc)).toThrow(/needs a note/);
    handovers.closeItem(media.id, '已由新闻办统一答复', inc);
    const gas = handovers.addItem(h2.id, '漕溪北路燃气管线复查', '', inc);
    handovers.sign(h2.id, 'outgoing', inc);
    handovers.sign(h2.id, 'incoming', third);

    // Shift 3: the closed item is gone, the others carried on.
    s.clock.now += 12 * 3600_000;
    const h3 = handovers.start('', third);
    expect(h3.items.map((i) => i.title)).toEqual([pump.title, gas.title]);
    expect(h3.items[0].originRef).toBe(h1.ref);
    // History keeps what each handover carried: h2 shows the media item closed.
    const past = handovers.get(h2.id);
    expect(past.items.find((i) => i.id === media.id)).toMatchObject({
      closedBy: 'chenj',
      closeNote: '已由新闻办统一答复',
    });
    expect(() => handovers.closeItem(media.id, 'again', third)).toThrow(/already closed/);
    // Search finds past handovers by item text and by signer.
    expect(
      handovers
        .search('燃气管线', undefined, undefined, 10)
        .map((x) => x.ref)
        .sort(),
    ).toEqual([h2.ref, h3.ref].sort());
    expect(
      handovers
        .search('zhouj', undefined, undefined, 10)
        .map((x) => x.ref)
        .sort(),
    ).toEqual([h2.ref, h3.ref].sort());
    const summary = handovers.search('', undefined, undefined, 10).find((x) => x.id === h1.id)!;
    expect(summary.openItems).toBe(2);
    // Counted as at completion, even when an item is closed in the same millisecond (fixed test clocks).
    const h3done = handovers.addItem(h3.id, '同刻关闭', '', third);
    handovers.sign(h3.id, 'outgoing', third);
    handovers.sign(h3.id, 'incoming', out);
    handovers.closeItem(h3done.id, '已处理', third);
    expect(handovers.search('', undefined, undefined, 10).find((x) => x.id === h3.id)!.openItems).toBe(3);
  });

  it('exports a handover as PDF with Chinese text, and as CSV', async () => {
    const s = seeded();
    seedOtherDomains(s, seedIncidents(s).closed);
    const { handovers } = s.core.rosters;
    const h = handovers.start('夜间关注暴雨橙色预警', out);
    handovers.addItem(h.id, '川沙路泵车夜间需续油', '', out);
    handovers.sign(h.id, 'outgoing', out);
    handovers.sign(h.id, 'incoming', inc);
    const pdf = await s.core.handleAsync('handover.export', { id: h.id, format: 'pdf', lang: 'zh-CN' });
    if (!pdf.ok) throw new Error(pdf.error.message);
    expect(pdf.value.mime).toBe('application/pdf');
    const parser = new PDFParse({ data: Buffer.from(pdf.value.base64, 'base64') });
    const text = (await parser.getText()).text;
    await parser.destroy();
    for (const want of [
      '交接班记录',
      '徐汇区漕溪北路燃气泄漏',
      '燃气集团抢修车途中',
      '沪消-徐汇-03',
      '防汛沙袋',
      '川沙路泵车夜间需续油',
      '交班人',
      'wangjg',
      'chenj',
    ]) {
      expect(text.replace(/\s+/g, '')).toContain(want.replace(/\s+/g, ''));
    }
    const csv = await s.core.handleAsync('handover.export', { id: h.id, format: 'csv', lang: 'en' });
    if (!csv.ok) throw new Error(csv.error.message);
    const body = Buffer.from(csv.value.base64, 'base64').toString('utf8');
    expect(body.startsWith('\uFEFF')).toBe(true);
    expect(body).toContain('Open incidents (level, next step)');
    expect(body).toContain('Level II');
    expect(body).toContain('上海中心气象台发布暴雨橙色预警');
    const xlsx = await s.core.handleAsync('handover.export', { id: h.id, format: 'xlsx', lang: 'zh-CN' });
    if (!xlsx.ok) throw new Error(xlsx.error.message);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.value.base64, 'base64') as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
    expect(cells[0]).toBe(`交接班记录 ${h.ref}`);
    expect(cells).toContain('川沙路泵车夜间需续油');
    expect(cells).toContain('II级');
  });
});
