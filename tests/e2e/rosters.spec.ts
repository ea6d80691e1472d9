import type { Locator, Page } from '@playwright/test';
import { addDays, dateStart, dutyDateOf } from '../../src/shared/roster-time';
import { generateOctober, seedRoster, type SeededRoster } from '../helpers/roster-seed';
import { expect, switchLanguage, test, type Watchfloor } from './fixtures';
import { seed } from './seed';

const chief = { seat: 'A-02', operator: 'wangjg' };
const incoming = { seat: 'A-03', operator: 'chenj' };

interface Centre extends SeededRoster {
  month: string;
  today: string;
  /** The date whose night officer was also put on the next day shift (saved with an override). */
  violationDate: string;
  tiredName: string;
}

/** A centre with this month and next rostered from the patterns, the clock at 10:30 Beijing today. */
function seedCentre(wf: Watchfloor): Centre {
  const today = dutyDateOf(Date.now());
  const month = today.slice(0, 7);
  wf.setClock(dateStart(today)! + 10.5 * 3600_000);
  const s = seedRoster(wf.core);
  const withCore = { ...s, core: wf.core };
  generateOctober(withCore, month);
  generateOctober(withCore, dutyDateOf(dateStart(`${month}-01`)! + 40 * 86_400_000).slice(0, 7));
  const { roster } = wf.core.rosters;
  const violationDate = `${month}-06`;
  const night = roster
    .view(violationDate, violationDate)
    .assignments.find((a) => a.shiftId === s.shift.night.id && a.positionId === s.pos.officer.id)!;
  roster.save(
    [
      {
        op: 'assign',
        date: addDays(violationDate, 1),
        shiftId: s.shift.day.id,
        positionId: s.pos.officer.id,
        personId: night.personId,
      },
    ],
    chief,
    { reason: '防汛加强白班', override: { reason: '暴雨橙色预警期间临时加强' } },
  );
  const tiredName = Object.values(s.people).find((p) => p.id === night.personId)!.name;
  const { duty } = wf.core.rosters;
  duty.setGroup('position', '值班长', [
    { personId: s.people['陈静'].id, name: '陈静', phone: s.people['陈静'].phones[0], note: '' },
    { personId: null, name: '中心总值班室', phone: '021-63211234', note: '' },
  ]);
  duty.setGroup('position', '带班领导', [
    { personId: s.people['林慧'].id, name: '林慧', phone: s.people['林慧'].phones[0], note: '' },
    { personId: null, name: '局办公室', phone: '021-63219876', note: '' },
  ]);
  duty.setGroup('agency', '市消防救援总队', [
    { personId: null, name: '总队指挥中心', phone: '021-64811119', note: '' },
    { personId: null, name: '值班参谋 钱立', phone: '13701770119', note: '' },
  ]);
  duty.setGroup('agency', '市气象局', [
    { personId: null, name: '中心气象台值班室', phone: '021-54896000', note: '' },
    { personId: null, name: '预报员 孔雯', phone: '13611881234', note: '' },
  ]);
  duty.setGroup('agency', '市城投水务', [{ personId: null, name: '排水调度中心', phone: '021-64033355', note: '' }]);
  return { ...s, month, today, violationDate, tiredName };
}

async function gridRow(page: Page, date: string) {
  return page.locator(`.roster-grid .ag-row[row-id="${date}"]`);
}

/** Edit a grid cell as an officer does: double-click, open the list, choose a person. */
async function pick(page: Page, cell: Locator, label: string): Promise<void> {
  await cell.dblclick();
  await cell.getByRole('combobox').click();
  await page.getByRole('option', { name: label, exact: true }).click();
}

test.describe('rosters', () => {
  test('the month grid highlights violations, edits in place with a live check, undoes and saves with an override', async ({
    page,
    wf,
  }) => {
    const c = seedCentre(wf);
    await page.goto('/#/roster');
    await expect(page.getByTestId('roster-month')).toContainText(`${Number(c.month.slice(5))}月`);
    // The saved violation: the tired officer's cells are highlighted and listed with the rule.
    const list = page.getByTestId('roster-violations');
    await expect(list).toContainText('休息不足');
    await expect(list).toContainText(c.tiredName);
    const row = await gridRow(page, c.violationDate);
    await expect(row.locator('.roster-violation')).toHaveCount(1);
    await expect(row.locator('.roster-violation')).toContainText(c.tiredName);
    await expect(row.locator('.roster-violation .roster-cell')).toHaveAttribute('title', /休息不足/);
    await page.screenshot({ path: 'test-results/roster-month.zh-CN.png', animations: 'disabled' });

    // Edit in place: put the tech of that day on the liaison slot → not qualified, checked live.
    const editDate = `${c.month}-12`;
    const editRow = await gridRow(page, editDate);
    const liaisonCell = editRow.locator(`[col-id="${c.pos.liaison.id}|${c.shift.day.id}|0"]`);
    const before = (await liaisonCell.innerText()).trim();
    await pick(page, liaisonCell, '王建国（资质不符）');
    await expect(liaisonCell).toHaveText(/王建国/);
    await expect(liaisonCell).toHaveClass(/roster-violation/);
    await expect(list).toContainText('资质不符');
    await expect(page.getByTestId('roster-edit')).toContainText('1 处未保存修改');

    await switchLanguage(page, 'en');
    await expect(list).toContainText('Not qualified');
    await expect(list).toContainText('Too little rest');
    await page.screenshot({ path: 'test-results/roster-month.en.png', animations: 'disabled' });
    await switchLanguage(page, 'zh-CN');

    // Undo restores the cell and clears the new violation.
    await page.getByRole('button', { name: '撤销' }).click();
    await expect(liaisonCell).toHaveText(before);
    await expect(liaisonCell).not.toHaveClass(/roster-violation/);

    // Redo the edit and save it: the override reason is required, then stored.
    await pick(page, liaisonCell, '王建国（资质不符）');
    await page.getByPlaceholder('例如：人员调整、病假顶班').fill('联络员病假');
    const saveBtn = page.getByRole('button', { name: '保存修改' });
    await expect(saveBtn).toBeDisabled();
    await page.getByPlaceholder('说明为何在违反排班规则的情况下仍需保存').fill('临时顶岗，已报带班领导同意');
    await saveBtn.click();
    await expect(page.getByTestId('roster-edit')).toContainText('无未保存修改');
    const h = wf.core.rosters.roster.history(editDate, editDate)[0];
    expect(h).toMatchObject({ reason: '联络员病假', overrideReason: '临时顶岗，已报带班领导同意', actor: 'e2e' });
  });

  test('swap requests are decided by the duty chief only, the history shows every change, and a month fills from a pattern', async ({
    page,
    wf,
  }) => {
    const c = seedCentre(wf);
    const { roster, swaps } = wf.core.rosters;
    // Next month: swaps are for shifts still to come.
    const next = dutyDateOf(dateStart(`${c.month}-01`)! + 40 * 86_400_000).slice(0, 7);
    const a = roster
      .view(`${next}-20`, `${next}-20`)
      .assignments.find((x) => x.positionId === c.pos.officer.id && x.shiftId === c.shift.day.id)!;
    const b = roster
      .view(`${next}-22`, `${next}-22`)
      .assignments.find((x) => x.positionId === c.pos.officer.id && x.shiftId === c.shift.night.id)!;
    const req = swaps.request(a.id, b.id, '家中老人住院', { seat: 'A-05', operator: 'lixy' });
    const [nameA, nameB] = [a, b].map((x) => Object.values(c.people).find((p) => p.id === x.personId)!.name);

    await page.goto('/#/roster');
    const side = page.getByTestId('roster-side');
    await side.getByRole('tab', { name: /调班申请/ }).click();
    const list = page.getByTestId('roster-swaps');
    await expect(list).toContainText(`${nameA} ⇄ ${nameB}`);
    await expect(list).toContainText('家中老人住院');
    // This seat's operator is not the duty chief: refused, nothing changes.
    await list.getByRole('button', { name: '批准' }).click();
    await expect(page.locator('.toast').first()).toContainText('Only the duty chief');
    expect(swaps.get(req.id).status).toBe('pending');

    // Once the operator is registered as a duty chief, the approval applies the swap.
    wf.core.rosters.setup.upsertPerson({
      name: '钱卫东',
      role: '值班长',
      phones: ['13901619999'],
      qualifications: ['duty_chief'],
      department: '市应急联动中心',
      agency: '市应急管理局',
      login: 'e2e',
      active: true,
    });
    await list.getByRole('button', { name: '批准' }).click();
    await expect(list).toContainText('没有待审批的调班申请');
    expect(roster.assignment(a.id).personId).toBe(b.personId);
    await page.getByRole('button', { name: '下月' }).click();
    await expect(page.getByTestId('roster-month')).toContainText(`${Number(next.slice(5))}月`);
    await side.getByRole('tab', { name: '修改记录' }).click();
    const history = page.getByTestId('roster-history');
    await expect(history.locator('li').first()).toContainText('调班');
    await expect(history).toContainText(`${nameA} → ${nameB}`);
    await expect(history).toContainText('家中老人住院');

    // The month after is empty: fill it from the four-team pattern, with no rule broken.
    await page.getByRole('button', { name: '下月' }).click();
    await page.getByLabel('轮班模式').selectOption({ label: '四班两运转' });
    await page.getByRole('button', { name: '按模式排本月' }).click();
    await expect(page.locator('.toast-success').first()).toContainText(/已按模式生成 \d+ 个班次/);
    const after = dutyDateOf(dateStart(`${next}-01`)! + 40 * 86_400_000).slice(0, 7);
    expect(roster.view(`${after}-01`, `${after}-01`).assignments).toHaveLength(8);
  });

  test('on duty now and next, with the phone tree, and Ctrl+K contact search', async ({ page, wf }) => {
    seedCentre(wf);
    const duty = wf.core.rosters.duty.onDuty(wf.core.now());
    const chiefNow = duty.now.find((s) => s.position.code === 'chief')!;
    const chiefNext = duty.next.find((s) => s.position.code === 'chief')!;
    await page.goto('/#/duty');
    const panel = page.getByTestId('on-duty');
    await expect(panel.getByTestId('on-duty-chief')).toContainText(chiefNow.person.name);
    await expect(panel.getByTestId('on-duty-chief')).toContainText(chiefNext.person.name);
    await expect(panel.getByTestId('on-duty-chief')).toContainText('至 20:00');
    await expect(panel.getByTestId('on-duty-officer').locator('.duty-now .duty-name')).toHaveCount(2);
    await expect(page.getByTestId('phone-tree')).toContainText('总队指挥中心');
    await page.screenshot({ path: 'test-results/on-duty.zh-CN.png', animations: 'disabled' });

    await page.keyboard.press('Control+K');
    const box = page.getByTestId('contact-search');
    await expect(box).toBeVisible();
    await page.keyboard.type('气象');
    await expect(box.locator('.contact-hit').first()).toContainText('中心气象台值班室');
    await box.locator('input').fill('021-648');
    await expect(box.locator('.contact-hit').first()).toContainText('021-64811119');
    await box.locator('input').fill('建国');
    await expect(box.locator('.contact-hit')).toHaveCount(1);
    await expect(box.locator('.contact-hit')).toContainText('王建国');
    await page.screenshot({ path: 'test-results/contacts.zh-CN.png', animations: 'disabled' });
    await page.keyboard.press('Escape');
    await expect(box).toBeHidden();
  });

  test('the handover: live state, carried items, close with a note, and signatures', async ({ page, wf }) => {
    seedCentre(wf);
    await seed(wf.client, { count: 8 });
    const open = wf.core.incidents.list('open', 20);
    const gas = open.find((i) => i.title.includes('燃气'))!;
    const fire = open.find((i) => i.title.includes('起火'))!;
    wf.core.incidents.appendTimeline(gas.id, 'note', chief, '燃气集团抢修车已到场，正在关阀；待确认周边疏散范围');
    wf.core.incidents.appendTimeline(fire.id, 'note', chief, '明火已扑灭，消防留守观察；街道安置 3 户居民');
    // What the feeds have recorded (their real tables; rows written directly as a feed would leave them).
    const db = wf.core.store.db;
    const now = wf.core.now();
    db.prepare(
      `INSERT INTO warnings (id, identifier, sender, sent, cap_status, msg_type, state, event, category, urgency, severity,
         certainty, headline, level, expires, area_desc, area, body, stream, received_at, updated_at)
       VALUES ('w1', 'SH-RS-1', 'sh-weather', ?, 'Actual', 'Alert', 'active', '暴雨', 'Met', 'Expected', 'Severe', 'Likely',
         '上海中心气象台发布暴雨橙色预警', 'orange', ?, '全市', '[]', '{}', 'cap', ?, ?)`,
    ).run(now - 3600_000, now + 6 * 3600_000, now, now);
    db.prepare(
      `INSERT INTO alerts (id, sensor_id, kind, value, threshold, unit, ratio, district, incident_id, stream, at)
       VALUES ('al1', 'GAS-XH-0231', '燃气浓度超限', 3.2, 1.0, '%LEL', 3.2, 'xuhui', NULL, 'iot-gas', ?)`,
    ).run(now - 600_000);
    db.prepare(
      `INSERT INTO units (id, call_sign, agency, unit_type, status, updated_at) VALUES ('u1', '沪消-徐汇-03', '消防', 'engine', 'out_of_service', ?)`,
    ).run(now - 7200_000);
    db.prepare(
      `INSERT INTO outbox (id, source, type, payload, state, error, attempts, created_at) VALUES ('c1', 'city', 'unit.recall', '{}', 'rejected', 'unit not found', 2, ?)`,
    ).run(now - 300_000);
    // Stock as resource tracking keeps it (balances derived from its ledger): sandbags below their minimum.
    db.prepare(`INSERT INTO depots (id, code, name, updated_at) VALUES ('d1', 'PD-01', '浦东新区物资库', 0)`).run();
    db.prepare(
      `INSERT INTO supply_items (id, code, name, uom, min_level, updated_at) VALUES ('k1', 'SANDBAG', '防汛沙袋', '袋', 500, 0)`,
    ).run();
    db.prepare(`INSERT INTO stock_balances (depot_id, item_id, qty) VALUES ('d1', 'k1', 120)`).run();
    // The previous shift handed over two open items.
    const { handovers } = wf.core.rosters;
    const prev = handovers.start('夜间无重大情况', incoming);
    handovers.addItem(prev.id, '川沙路泵车夜间需续油', '联系浦东排水所调度', incoming);
    handovers.addItem(prev.id, '回复新华社关于积水的问询', '口径已报新闻办', incoming);
    handovers.sign(prev.id, 'outgoing', incoming);
    handovers.sign(prev.id, 'incoming', chief);

    await page.goto('/#/handover');
    await page.getByRole('button', { name: '开始交接班' }).click();
    const main = page.getByTestId('handover');
    await expect(main.getByTestId('handover-incidents')).toContainText('燃气集团抢修车已到场');
    await expect(main.getByTestId('handover-items')).toContainText('川沙路泵车夜间需续油');
    await expect(main.getByTestId('handover-stock')).toContainText('防汛沙袋');
    await expect(main.getByTestId('handover-warnings')).toContainText('暴雨橙色预警');
    await expect(main.getByTestId('handover-units')).toContainText('沪消-徐汇-03');
    await expect(main.getByTestId('handover-outbox')).toContainText('召回力量');
    await expect(main.getByTestId('handover-outbox')).toContainText('被拒绝');
    await expect(main.getByTestId('handover-outbox')).toContainText('unit not found');
    await expect(main.getByTestId('handover-alerts')).toContainText('徐汇区');
    await expect(main.getByTestId('handover-incidents')).toContainText('下一步：尚未记录处置');

    // Close one carried item with a note; add a new one.
    const item = main.locator('.handover-item', { hasText: '回复新华社' });
    await item.getByPlaceholder('处理结果（必填）').fill('已由新闻办统一答复');
    await item.getByRole('button', { name: '关闭事项' }).click();
    await expect(item).toContainText('已关闭：已由新闻办统一答复（e2e）');
    await main.getByPlaceholder('事项', { exact: true }).fill('漕溪北路燃气管线复查');
    await main.getByPlaceholder('说明').fill('燃气集团明早 9 点前反馈');
    await main.getByRole('button', { name: '添加事项' }).click();
    await expect(main.getByTestId('handover-items')).toContainText('漕溪北路燃气管线复查');
    await main.getByRole('button', { name: '交班签字' }).click();
    await expect(main.getByTestId('sig-outgoing')).toContainText('e2e');
    await page.screenshot({ path: 'test-results/handover.zh-CN.png', animations: 'disabled' });

    await switchLanguage(page, 'en');
    await expect(main.getByTestId('handover-incidents')).toContainText('Open incidents');
    await page.screenshot({ path: 'test-results/handover.en.png', animations: 'disabled' });

    // The same operator cannot sign as incoming too.
    await main.getByRole('button', { name: 'Sign as incoming' }).click();
    await expect(page.locator('.toast').first()).toContainText(/different people/);
    await expect(main.getByTestId('sig-incoming')).toContainText('Not signed');
  });
});
