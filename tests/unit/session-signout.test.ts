import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { harness, type Harness } from '../helpers/console';
import { tempDir } from '../helpers/tmp';

let h: Harness | undefined;
const cleanups: (() => void)[] = [];
afterEach(() => {
  h?.close();
  h = undefined;
  while (cleanups.length) cleanups.pop()?.();
});

describe('signing out at the seat', () => {
  it('ends the session (audited under who left), refuses actions until someone signs in, keeps reads open', () => {
    h = harness({ operator: 'setup' });
    h.call('session.signIn', { operator: '张伟', role: 'duty_chief' });
    const inc = h.report();
    const out = h.call('session.signOut', {});
    expect(out).toEqual({ operator: '张伟', signedOutAt: h.clock.t });
    expect(h.call('session.current', {})).toBeNull();

    // Every action is refused with one clear message; reads still answer (a wall keeps showing).
    for (const [channel, req] of [
      ['incident.acknowledge', { id: inc.id }],
      ['incident.note', { id: inc.id, text: '现场已封控' }],
      ['backup.schedule.set', { dir: h.dir, everyHours: 6, keep: 3 }],
      ['session.signOut', {}],
    ] as const) {
      const r = h.raw(channel, req);
      expect(r.ok ? '' : r.error.code).toBe('signed_out');
      expect(r.ok ? '' : r.error.message).toBe(
        `Nobody is signed in at this seat, so ${channel} was not done. Sign in with your name and role (top bar), then try again.`,
      );
    }
    expect(h.call('queue.query', {})).toHaveLength(1);
    expect(h.call('incident.get', { id: inc.id }).incident.acknowledgedAt).toBeNull();
    // A refused write that a module did not declare is rolled back too.
    const views = h.raw('queue.views.save', { name: '我的视图', filters: {} });
    expect(views.ok ? '' : views.error.code).toBe('signed_out');
    expect(h.call('queue.views.list', {})).toEqual([]);

    // The log says who signed out, and that the refused attempts came from nobody.
    const entries = h.call('audit.list', { limit: 20 });
    const signOut = entries.find((e) => e.action === 'session.signOut' && e.outcome === 'ok');
    expect(signOut).toMatchObject({ operator: '张伟', role: 'duty_chief' });
    const attempts = entries.filter((e) => e.outcome === 'signed_out');
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    expect(attempts.every((e) => e.operator === '(nobody signed in)' && e.role === 'signed_out')).toBe(true);
    expect(h.call('audit.verify', {})).toMatchObject({ intact: true });

    // The placeholder is not a name, and signing in again restores the role.
    expect(h.raw('session.signIn', { operator: '(nobody signed in)', role: 'duty_officer' }).ok).toBe(false);
    expect(h.call('session.signIn', { operator: '张伟', role: 'duty_chief' })).toMatchObject({ role: 'duty_chief' });
    expect(h.call('incident.acknowledge', { id: inc.id }).acknowledgedAt).toBe(h.clock.t);
  });
});

describe('backup schedule changes are audited', () => {
  it('records folder, interval and retention before and after, and the refused attempt', () => {
    h = harness({ role: 'duty_chief' });
    const tmp = tempDir('wf-sched-audit-');
    cleanups.push(tmp.cleanup);
    const defaultDir = path.join(path.dirname(h.core.store.file), 'backups');
    h.call('backup.schedule.set', { dir: tmp.dir, everyHours: 12, keep: 3 });
    h.call('backup.schedule.set', { dir: tmp.dir, everyHours: 0, keep: 5 });
    const [second, first] = h.call('audit.list', { limit: 2 });
    expect(first.action).toBe('backup.schedule.set');
    expect(JSON.parse(first.before ?? '')).toEqual({ dir: defaultDir, everyHours: 0, keep: 14 });
    expect(JSON.parse(first.after ?? '')).toMatchObject({ dir: tmp.dir, everyHours: 12, keep: 3 });
    expect(JSON.parse(second.before ?? '')).toEqual({ dir: tmp.dir, everyHours: 12, keep: 3 });
    expect(JSON.parse(second.after ?? '')).toMatchObject({ dir: tmp.dir, everyHours: 0, keep: 5, nextAt: null });

    h.call('session.signIn', { operator: '王敏', role: 'duty_officer' });
    expect(h.raw('backup.schedule.set', { dir: tmp.dir, everyHours: 1, keep: 1 }).ok).toBe(false);
    const [refused] = h.call('audit.list', { limit: 1 });
    expect(refused).toMatchObject({ action: 'backup.schedule.set', operator: '王敏', outcome: 'refused' });
    expect(h.call('backup.schedule.get', {})).toMatchObject({ everyHours: 0, keep: 5 });
    expect(h.call('audit.verify', {})).toMatchObject({ intact: true });
  });
});
