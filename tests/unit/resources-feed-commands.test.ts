import { afterEach, describe, expect, it } from 'vitest';
import type { CommandReply } from '../../src/main/core/feeds/protocol';
import type { Unit } from '../../src/shared/resources';
import { rig, reportPayload, waitFor, type Rig } from '../helpers/feeds';
import { unit } from '../helpers/resources';

let r: Rig | null = null;
afterEach(async () => {
  await r?.close();
  r = null;
});

const unitOf = (id: string): Unit => r!.core.resources.units.get(id);

describe('dispatch and recall through the feeds outbox (real socket.io feed server)', () => {
  it('sends a unit known from a feed as a command with a stable id, pending until acked; rejections keep the reason; local units stay local', async () => {
    r = await rig();
    // The server holds the first command unanswered, then decides by what `decide` says.
    let decide: ((c: { type: string }) => CommandReply | Promise<CommandReply>) | null = null;
    const arrived: { id: string; type: string }[] = [];
    r.server.setCommandHandler((c) => {
      arrived.push({ id: c.id, type: c.type });
      return decide ? decide(c) : new Promise<CommandReply>(() => undefined);
    });
    r.core.startFeeds();
    const actor = r.core.ctx.actor;
    r.core.resources.registry.save(unit('AVL-7', { callSign: '黄浦中队 7' }), actor);
    r.core.resources.registry.save(unit('LOCAL-1'), actor);
    expect(unitOf('AVL-7').feedSource).toBeNull();
    r.server.publish('avl', 'unit.position', {
      unitId: 'AVL-7',
      lat: 31.23,
      lon: 121.48,
      at: new Date().toISOString(),
    });
    r.server.publish('hotline', 'incident.reported', reportPayload('F-100'));
    await r.settled('avl');
    await r.settled('hotline');
    // The stream the fix came on belongs to the configured source 'test-feed': it now drives the unit.
    expect(unitOf('AVL-7').feedSource).toBe('test-feed');
    expect(unitOf('LOCAL-1').feedSource).toBeNull();
    const [inc] = r.core.incidents.list('all', 10);

    const res = r.core.handle('unit.dispatch', { unitIds: ['AVL-7'], incidentId: inc.id });
    expect(res.ok).toBe(true);
    const pending = unitOf('AVL-7');
    expect(pending).toMatchObject({ status: 'dispatched', incidentId: inc.id, commandState: 'pending' });
    expect(pending.pendingCommand).not.toBeNull();
    await waitFor(() => arrived.length === 1, 30_000, 'dispatch command at the server');
    expect(arrived[0]).toEqual({ id: pending.pendingCommand, type: 'unit.dispatch' });
    // Unanswered: still pending on the unit. After a reconnect the same id is sent again, now accepted.
    expect(unitOf('AVL-7').pendingCommand).toBe(pending.pendingCommand);
    decide = () => ({ ok: true });
    r.server.dropConnections();
    await waitFor(() => unitOf('AVL-7').pendingCommand === null, 30_000, 'ack clears the pending command');
    const cmds = r.server.commands();
    expect(cmds).toHaveLength(1);
    expect(cmds[0]).toMatchObject({
      id: pending.pendingCommand,
      type: 'unit.dispatch',
      payload: { unitId: 'AVL-7', incidentRef: 'F-100', incidentId: inc.id },
    });
    // The resend after the reconnect carried the same id: the server can apply it once.
    expect(arrived.map((a) => a.id)).toEqual([pending.pendingCommand, pending.pendingCommand]);
    expect(unitOf('AVL-7')).toMatchObject({ status: 'dispatched', commandState: null, commandError: null });

    // The upstream refuses the recall: the unit shows the rejected command with the server's reason.
    decide = (c) =>
      c.type === 'unit.recall' ? { ok: false, error: 'unit AVL-7 is committed upstream' } : { ok: true };
    const recall = r.core.handle('unit.recall', { id: 'AVL-7', reason: 'stand down' });
    expect(recall.ok).toBe(true);
    await waitFor(() => unitOf('AVL-7').commandState === 'rejected', 30_000, 'recall rejected');
    const rejected = unitOf('AVL-7');
    expect(rejected.commandError).toBe('unit AVL-7 is committed upstream');
    expect(rejected).toMatchObject({ commandType: 'unit.recall', status: 'returning' });
    expect(rejected.commandAt).toBeGreaterThan(0);
    expect(rejected.commandSettledAt).toBeGreaterThanOrEqual(rejected.commandAt!);
    // The board reads the same state through the unit queries the renderer calls.
    const listed = r.core.handle('unit.byIds', { ids: ['AVL-7'] });
    expect(listed.ok && listed.value[0]).toMatchObject({ commandState: 'rejected', commandType: 'unit.recall' });
    // A field report does not hide the rejection: the officer has not seen it yet.
    r.server.publish('avl', 'unit.status', { unitId: 'AVL-7', status: 'on_scene', at: new Date().toISOString() });
    await r.settled('avl');
    expect(unitOf('AVL-7')).toMatchObject({ status: 'on_scene', commandState: 'rejected' });
    expect(r.server.commands().find((c) => c.id === rejected.pendingCommand)).toMatchObject({
      type: 'unit.recall',
      payload: { unitId: 'AVL-7', incidentRef: 'F-100', reason: 'stand down' },
    });

    // The officer dismisses the rejection: the flag clears, the outbox keeps the record, the audit names who.
    const dismissed = r.core.handle('unit.dismissCommand', { id: 'AVL-7' });
    expect(dismissed.ok && dismissed.value).toMatchObject({ commandState: null, pendingCommand: null });
    expect(
      r.count(`SELECT count(*) AS n FROM outbox WHERE id = ? AND state = 'rejected'`, rejected.pendingCommand),
    ).toBe(1);
    expect(r.count(`SELECT count(*) AS n FROM audit_log WHERE action = 'unit.dismissCommand'`)).toBe(1);
    const again = r.core.handle('unit.dismissCommand', { id: 'AVL-7' });
    expect(again.ok ? null : again.error.code).toBe('refused');

    // A pending command cannot be dismissed; a rejection replaced by a later command clears when that one is acked.
    let release: (() => void) | null = null;
    decide = (c) =>
      c.type === 'unit.recall'
        ? { ok: false, error: 'recall refused upstream' }
        : new Promise<CommandReply>((res) => (release = () => res({ ok: true })));
    expect(r.core.handle('unit.recall', { id: 'AVL-7' }).ok).toBe(true);
    await waitFor(() => unitOf('AVL-7').commandState === 'rejected', 30_000, 'second recall rejected');
    expect(r.core.handle('unit.dispatch', { unitIds: ['AVL-7'], incidentId: inc.id }).ok).toBe(true);
    expect(unitOf('AVL-7')).toMatchObject({
      commandState: 'pending',
      commandType: 'unit.dispatch',
      commandError: null,
    });
    const refused = r.core.handle('unit.dismissCommand', { id: 'AVL-7' });
    expect(refused.ok ? null : refused.error.message).toMatch(/still waiting/);
    await waitFor(() => release !== null, 30_000, 'dispatch at the server');
    release!();
    await waitFor(() => unitOf('AVL-7').commandState === null, 30_000, 'later dispatch acked');

    // A unit no feed reports is dispatched locally: no command is written or sent.
    const before = r.count('SELECT count(*) AS n FROM outbox');
    const local = r.core.handle('unit.dispatch', { unitIds: ['LOCAL-1'], incidentId: inc.id });
    expect(local.ok).toBe(true);
    expect(unitOf('LOCAL-1')).toMatchObject({ status: 'dispatched', pendingCommand: null, commandState: null });
    expect(r.count('SELECT count(*) AS n FROM outbox')).toBe(before);
    expect(r.server.commands()).toHaveLength(4);
  });
});
