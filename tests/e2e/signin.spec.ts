import type { Page } from '@playwright/test';
import { expect, switchLanguage, test, type Watchfloor } from './fixtures';
import { report } from './seed';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/${name}.png`, animations: 'disabled' });
}

async function openSignIn(page: Page): Promise<void> {
  await page.getByTestId('session-switch').click();
  await expect(page.getByTestId('signin-dialog')).toBeVisible();
}

async function signInAs(page: Page, name: string, role: string): Promise<void> {
  await openSignIn(page);
  await page.getByTestId('signin-name').fill(name);
  await page.getByTestId(`signin-role-${role}`).check();
  await page.getByTestId('signin-submit').click();
}

async function create(wf: Watchfloor, title: string): Promise<string> {
  const r = await wf.client.call('incident.create', report({ title, category: 'fire', level: 3, district: 'jingan' }));
  if (!r.ok) throw new Error(r.error.message);
  return r.value.id;
}

test.describe('sign-in at the seat', () => {
  test('operators sign in with a role; the top bar shows them; the wall may not act', async ({ page, wf }) => {
    await create(wf, '静安区居民楼厨房起火');
    await page.goto('/#/console');
    // Before anyone signs in the seat acts as its configured operator, as a duty officer.
    await expect(page.getByTestId('session-name')).toHaveText('e2e');
    await expect(page.getByTestId('session-role')).toHaveText('值班员');

    // The first sign-in on a fresh store registers that operator.
    await openSignIn(page);
    await page.getByTestId('signin-name').fill('张伟');
    await page.getByTestId('signin-role-duty_chief').check();
    await shot(page, 'sign-in.zh-CN');
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('signin-dialog')).toBeHidden();
    await expect(page.getByTestId('session-name')).toHaveText('张伟');
    await expect(page.getByTestId('session-role')).toHaveText('值班长');
    const cur = await wf.client.call('session.current', {});
    expect(cur.ok && cur.value?.operator).toBe('张伟');

    // Someone not registered is refused with the core's message, and nothing changes.
    await signInAs(page, '李娜', 'duty_officer');
    await expect(page.getByTestId('signin-error')).toContainText('李娜 is not registered at this seat');
    await page.getByRole('button', { name: '取消' }).click();
    await expect(page.getByTestId('session-name')).toHaveText('张伟');

    // The duty chief registers a wall seat; signing in as it greys out the incident's actions.
    const saved = await wf.client.call('operator.save', {
      name: 'wall',
      displayName: '大屏',
      roles: ['wall_readonly'],
    });
    expect(saved.ok).toBe(true);
    await signInAs(page, 'wall', 'wall_readonly');
    await expect(page.getByTestId('session-role')).toHaveText('大屏（只读）');
    await page.getByRole('row', { name: /静安区居民楼厨房起火/ }).click();
    const ack = page.getByTestId('incident-detail').getByRole('button', { name: /确认/ });
    await expect(ack).toBeDisabled();
    await expect(ack).toHaveAttribute('title', /当前登录角色无权执行此操作/);
    const refused = await wf.client.call(
      'incident.create',
      report({ title: 'x 测试', category: 'fire', level: 4, district: 'jingan' }),
    );
    expect(refused.ok).toBe(false);

    // Asking for a role the operator does not hold is refused too.
    await signInAs(page, '张伟', 'leader_on_duty');
    await expect(page.getByTestId('signin-error')).toContainText('does not hold the leader_on_duty role');

    // The dialog is modal: close it to reach the language switch, then sign in again in English.
    await page.getByRole('button', { name: '取消' }).click();
    await switchLanguage(page, 'en');
    await openSignIn(page);
    await expect(page.getByTestId('signin-dialog')).toContainText('Sign in at this seat');
    await expect(page.getByTestId('signin-name')).toHaveValue('wall');
    await page.getByTestId('signin-name').fill('张伟');
    await page.getByTestId('signin-role-duty_chief').check();
    await shot(page, 'sign-in.en');
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('session-role')).toHaveText('Duty chief');
    await switchLanguage(page, 'zh-CN');
  });

  test('signing out returns to the sign-in screen; actions are refused until someone signs in', async ({
    page,
    wf,
  }) => {
    const id = await create(wf, '静安区居民楼厨房起火');
    await page.goto('/#/console');
    await signInAs(page, '张伟', 'duty_chief');
    await expect(page.getByTestId('session-role')).toHaveText('值班长');

    await page.getByTestId('session-signout').click();
    // Back to the sign-in screen, saying the seat is signed out; looking on is still possible.
    await expect(page.getByTestId('signin-dialog')).toBeVisible();
    await expect(page.getByTestId('signin-signed-out')).toContainText('本席位已登出');
    await shot(page, 'sign-out.zh-CN');
    await page.getByTestId('signin-cancel').click();
    await expect(page.getByTestId('session-none')).toHaveText('未登录');
    await expect(page.getByTestId('session-signout')).toHaveCount(0);
    await expect(page.getByTestId('session-switch')).toHaveText('登录');
    await page.getByRole('row', { name: /静安区居民楼厨房起火/ }).click();
    const ack = page.getByTestId('incident-detail').getByRole('button', { name: /确认/ });
    await expect(ack).toBeDisabled();
    await expect(ack).toHaveAttribute('title', /本席位无人登录/);
    // The core refuses too, whatever the window shows, with a message that says what to do.
    const refused = await wf.client.call('incident.acknowledge', { id });
    expect(refused.ok ? '' : refused.error.code).toBe('signed_out');
    expect(refused.ok ? '' : refused.error.message).toMatch(/^Nobody is signed in at this seat/);
    const cur = await wf.client.call('session.current', {});
    expect(cur.ok && cur.value).toBeNull();

    // A reload (another window, a restart of the page) still shows the sign-in screen.
    await page.reload();
    await expect(page.getByTestId('signin-signed-out')).toBeVisible();
    await page.getByTestId('signin-cancel').click();
    await switchLanguage(page, 'en');
    await openSignIn(page);
    await expect(page.getByTestId('signin-signed-out')).toContainText('This seat is signed out');
    await shot(page, 'sign-out.en');
    await page.getByTestId('signin-name').fill('张伟');
    await page.getByTestId('signin-role-duty_chief').check();
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('session-role')).toHaveText('Duty chief');
    const acked = await wf.client.call('incident.acknowledge', { id });
    expect(acked.ok).toBe(true);

    // Who signed out is on record.
    const audit = await wf.client.call('audit.list', { limit: 20 });
    const out = audit.ok ? audit.value.find((e) => e.action === 'session.signOut') : undefined;
    expect(out).toMatchObject({ operator: '张伟', role: 'duty_chief', outcome: 'ok' });
    await switchLanguage(page, 'zh-CN');
  });

  test('the new-incident tone is off by default and chimes once a new incident arrives when on', async ({
    page,
    wf,
  }) => {
    await page.goto('/#/console');
    const toggle = page.getByTestId('sound-toggle');
    await expect(toggle.locator('input')).not.toBeChecked();
    await create(wf, '徐汇区漕溪北路燃气泄漏');
    await expect(page.getByRole('row', { name: /徐汇区漕溪北路燃气泄漏/ })).toBeVisible();
    await expect(toggle).toHaveAttribute('data-tones', '0');

    await toggle.locator('input').check();
    await create(wf, '长宁区延安西路两车追尾');
    await expect(toggle).toHaveAttribute('data-tones', '1');
    // An update to an existing incident is not a new incident.
    const rows = await wf.client.call('queue.query', {});
    if (!rows.ok) throw new Error(rows.error.message);
    await wf.client.call('incident.acknowledge', { id: rows.value[0].id });
    await create(wf, '普陀区真如地铁站设备故障');
    // Batches arrive in order: once the new row shows, the acknowledgement's batch was seen too.
    await expect(page.getByRole('row', { name: /普陀区真如地铁站设备故障/ })).toBeVisible();
    await expect(toggle).toHaveAttribute('data-tones', '2');
    // The choice is kept for this seat.
    await page.reload();
    await expect(page.getByTestId('sound-toggle').locator('input')).toBeChecked();
  });
});
