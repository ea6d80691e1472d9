import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../src/shared/ipc';
import { isReadChannel, mayPerform, PERMISSIONS, ROLES } from '../../src/shared/console/roles';
import { harness, type Harness } from '../helpers/console';

let h: Harness | undefined;
afterEach(() => {
  h?.close();
  h = undefined;
});

describe('roles and sign-in', () => {
  it('has a permission table where the wall may do nothing that writes', () => {
    for (const [action, roles] of Object.entries(PERMISSIONS)) {
      if (action === 'session.signIn' || action === 'session.signOut') expect(roles).toEqual(ROLES);
      else expect(roles).not.toContain('wall_readonly');
    }
    const writes = CHANNEL_NAMES.filter((c) => !isReadChannel(c));
    expect(writes).toContain('incident.create');
    expect(writes).toContain('merge.accept');
    expect(writes).not.toContain('queue.query');
    for (const c of writes)
      if (c !== 'session.signIn' && c !== 'session.signOut') expect(mayPerform('wall_readonly', c, true)).toBe(false);
  });

  it('refuses every write from the wall display with a clear message, and still serves it reads', () => {
    h = harness({ role: 'wall_readonly' });
    const r = h.raw('incident.create', {
      title: '测试',
      category: 'fire',
      level: 4,
      district: 'huangpu',
      channel: '119',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('refused');
      expect(r.error.message).toBe(
        'incident.create is not allowed for the wall display (read-only) role. Ask a duty officer (值班员), duty chief (值班长), leader on duty (带班领导) to do it, or sign in with that role.',
      );
    }
    expect(h.call('queue.query', {})).toEqual([]);
    expect(h.call('board.kpis', {}).openTotal).toBe(0);
  });

  it('registers the first operator, then admits only registered operators with a role they hold and their PIN', () => {
    h = harness({ role: 'duty_officer', operator: 'setup' });
    const first = h.call('session.signIn', { operator: 'li.na', role: 'duty_chief', pin: '2468' });
    expect(first).toMatchObject({ operator: 'li.na', role: 'duty_chief', seat: 'seat-1' });
    h.call('operator.save', { name: 'zhang.wei', displayName: '张伟', roles: ['duty_officer'] });
    h.call('operator.save', {
      name: 'wang.lead',
      displayName: '王领导',
      roles: ['leader_on_duty', 'duty_chief'],
      pin: '1357',
    });

    const stranger = h.raw('session.signIn', { operator: 'nobody', role: 'duty_officer' });
    expect(stranger.ok ? '' : stranger.error.message).toMatch(/not registered at this seat/);
    const upgrade = h.raw('session.signIn', { operator: 'zhang.wei', role: 'duty_chief' });
    expect(upgrade.ok ? '' : upgrade.error.message).toMatch(/does not hold the duty_chief role/);
    const noPin = h.raw('session.signIn', { operator: 'wang.lead', role: 'leader_on_duty' });
    expect(noPin.ok ? '' : noPin.error.message).toMatch(/PIN is not correct/);
    const badPin = h.raw('session.signIn', { operator: 'wang.lead', role: 'leader_on_duty', pin: '0000' });
    expect(badPin.ok).toBe(false);

    h.call('session.signIn', { operator: 'zhang.wei', role: 'duty_officer' });
    expect(h.call('session.current', {})).toMatchObject({
      operator: 'zhang.wei',
      displayName: '张伟',
      role: 'duty_officer',
    });
    const inc = h.report();
    expect(h.core.ctx.actor.operator).toBe('zhang.wei');
    // An officer may not add operators or reopen.
    expect(h.raw('operator.save', { name: 'x', displayName: 'x', roles: ['leader_on_duty'] }).ok).toBe(false);
    for (const to of ['verified', 'responding', 'contained'] as const)
      h.call('incident.transition', { id: inc.id, to });
    h.call('incident.close', { id: inc.id, outcome: '已处置', lessons: '' });
    const reopen = h.raw('incident.transition', { id: inc.id, to: 'responding' });
    expect(reopen.ok ? '' : reopen.error.code).toBe('refused');
    expect(reopen.ok ? '' : reopen.error.message).toMatch(/closed → responding is not allowed for the duty officer/);

    h.call('session.signIn', { operator: 'wang.lead', role: 'leader_on_duty', pin: '1357' });
    expect(h.call('incident.transition', { id: inc.id, to: 'responding' }).status).toBe('responding');
    // The audit log names who did what under which role; the PIN never appears in it.
    const entries = h.call('audit.list', { limit: 100 });
    const signIns = entries.filter((e) => e.action === 'session.signIn');
    expect(signIns.every((e) => !e.request?.includes('1357') && !e.request?.includes('2468'))).toBe(true);
    expect(entries[0]).toMatchObject({ operator: 'wang.lead', role: 'leader_on_duty', action: 'incident.transition' });
    expect(entries.find((e) => e.outcome === 'refused' && e.operator === 'zhang.wei')?.action).toBe(
      'incident.transition',
    );
  });
});
