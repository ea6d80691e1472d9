import { afterEach, describe, expect, it } from 'vitest';
import type { CommandSink, UnitCommand } from '../../src/main/core/resources/commands';
import { STATUS_TRANSITIONS, UNIT_STATUSES, type UnitStatus } from '../../src/shared/resources';
import { incident, openTestCore, unit, type TestCore } from '../helpers/resources';

let t: TestCore;
afterEach(() => t?.close());

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('expected a refusal');
}

describe('unit status rules', () => {
  it('registers a unit with an initial history row saying who and when', () => {
    t = openTestCore();
    const u = t.core.resources.registry.save(unit('SH-F-101', { callSign: '黄浦中队 101' }), t.core.ctx.actor);
    expect(u).toMatchObject({ status: 'available', registered: true, stale: true, incidentId: null });
    const h = t.core.resources.units.history('SH-F-101');
    expect(h).toHaveLength(1);
    expect(h[0]).toMatchObject({
      fromStatus: null,
      toStatus: 'available',
      actor: 'officer-wang@seat-1',
      source: 'local',
    });
  });

  it('allows exactly the transitions in the table and refuses the rest with a clear error', () => {
    t = openTestCore();
    const units = t.core.resources.units;
    const inc = incident(t.core);
    // Drive a fresh unit into each status, then try every target from there.
    const into = (id: string, s: UnitStatus): void => {
      t.core.resources.registry.save(unit(id), t.core.ctx.actor);
      if (s === 'available') return;
      if (s === 'out_of_service') return void units.setStatus(id, 'out_of_service', t.core.ctx.actor, 'pump failure');
      units.dispatch([id], inc.id, t.core.ctx.actor);
      if (s === 'dispatched') return;
      if (s === 'returning') return void units.recall(id, t.core.ctx.actor);
      if (s === 'on_scene') units.setStatus(id, 'en_route', t.core.ctx.actor);
      units.setStatus(id, s, t.core.ctx.actor);
    };
    let n = 0;
    for (const from of UNIT_STATUSES) {
      for (const to of UNIT_STATUSES) {
        if (to === 'dispatched' || to === from) continue;
        const id = `U${n++}`;
        into(id, from);
        expect(units.get(id).status).toBe(from);
        const allowed = STATUS_TRANSITIONS[from].includes(to);
        if (allowed) {
          expect(units.setStatus(id, to, t.core.ctx.actor, 'because').status).toBe(to);
        } else {
          const e = refusal(() => units.setStatus(id, to, t.core.ctx.actor, 'because'));
          expect(e.code).toBe('refused');
          expect(e.message).toContain(`cannot go from ${from} to ${to}`);
          expect(units.get(id).status).toBe(from);
        }
      }
    }
  });

  it('needs a reason to take a unit out of service and to bring it back', () => {
    t = openTestCore();
    const { units, registry } = t.core.resources;
    registry.save(unit('E1'), t.core.ctx.actor);
    expect(refusal(() => units.setStatus('E1', 'out_of_service', t.core.ctx.actor)).message).toMatch(
      /reason is required/,
    );
    units.setStatus('E1', 'out_of_service', t.core.ctx.actor, '水泵故障 pump failure');
    t.clock.advance(3_600_000);
    const e = refusal(() => units.setStatus('E1', 'available', t.core.ctx.actor, '   '));
    expect(e.code).toBe('refused');
    expect(units.get('E1').status).toBe('out_of_service');
    units.setStatus('E1', 'available', t.core.ctx.actor, 'repaired');
    const h = units.history('E1');
    expect(h.map((x) => [x.fromStatus, x.toStatus, x.reason])).toEqual([
      [null, 'available', 'registered'],
      ['available', 'out_of_service', '水泵故障 pump failure'],
      ['out_of_service', 'available', 'repaired'],
    ]);
    expect(h[2].at - h[1].at).toBe(3_600_000);
  });

  it('dispatches only from available or returning, all or nothing, with a timeline entry on the incident', () => {
    t = openTestCore();
    const { units, registry } = t.core.resources;
    const a = t.core.ctx.actor;
    for (const id of ['E1', 'E2', 'E3']) registry.save(unit(id), a);
    const inc = incident(t.core);
    const other = incident(t.core, { title: '另一起火情' });
    units.dispatch(['E1'], other.id, a);
    const e = refusal(() => units.dispatch(['E2', 'E1', 'E3'], inc.id, a));
    expect(e.code).toBe('refused');
    expect(e.message).toMatch(/E1 is dispatched on another incident/);
    expect(units.get('E2').status).toBe('available'); // nothing half-done
    expect(units.dispatch(['E2', 'E3'], inc.id, a).map((u) => [u.status, u.incidentId])).toEqual([
      ['dispatched', inc.id],
      ['dispatched', inc.id],
    ]);
    const tl = t.core.incidents.timeline(inc.id).filter((x) => x.kind === 'unit.dispatched');
    expect(tl.map((x) => x.text)).toEqual(['E2', 'E3']);
    // Recall: returning, then the same unit can be sent again.
    units.recall('E2', a, 'enough units on scene');
    expect(units.get('E2').status).toBe('returning');
    expect(t.core.incidents.timeline(inc.id).some((x) => x.kind === 'unit.recalled')).toBe(true);
    expect(units.dispatch(['E2'], other.id, a)[0].incidentId).toBe(other.id);
  });

  it('refuses to recall a unit that is not committed and to dispatch an unregistered one', () => {
    t = openTestCore();
    const { units, registry } = t.core.resources;
    registry.save(unit('E1'), t.core.ctx.actor);
    expect(refusal(() => units.recall('E1', t.core.ctx.actor)).message).toMatch(/not committed/);
    units.applyPosition('GPS-77', 31.23, 121.47, t.clock.t);
    const inc = incident(t.core);
    const e = refusal(() => units.dispatch(['GPS-77'], inc.id, t.core.ctx.actor));
    expect(e.message).toMatch(/not registered yet/);
    expect(refusal(() => units.get('nope')).code).toBe('not_found');
  });

  it('records feed statuses always, flags moves the rules would refuse, and keeps late reports out of the live state', () => {
    t = openTestCore();
    const { units } = t.core.resources;
    const at = t.clock.t;
    const r1 = units.applyStatus('AVL-9', 'on_scene', {
      actor: 'feed:avl-fire',
      agency: 'fire',
      unitType: 'engine',
      at,
    });
    expect(r1.irregular).toBe(true); // available → on_scene skips dispatch
    expect(r1.unit).toMatchObject({ registered: false, agency: 'fire', status: 'on_scene' });
    const late = units.applyStatus('AVL-9', 'en_route', { actor: 'feed:avl-fire', at: at - 60_000 });
    expect(late.applied).toBe(false);
    expect(units.get('AVL-9').status).toBe('on_scene');
    const h = units.history('AVL-9');
    expect(h.map((x) => [x.toStatus, x.source, x.irregular, x.reason])).toEqual([
      ['en_route', 'feed', false, 'late'], // ordered by the time it happened
      ['on_scene', 'feed', true, null],
    ]);
  });

  it('links a feed status to the incident named by its external reference', () => {
    t = openTestCore();
    const inc = incident(t.core);
    t.core.ctx.db
      .prepare(
        "INSERT INTO reports (id, incident_id, source, external_ref, channel, received_at, body) VALUES ('r', ?, 'feed:119', 'F-2026-1', '119', 0, '{}')",
      )
      .run(inc.id);
    const r = t.core.resources.units.applyStatus('AVL-1', 'dispatched', { actor: 'feed:avl', incidentRef: 'F-2026-1' });
    expect(r.unit.incidentId).toBe(inc.id);
    const unknown = t.core.resources.units.applyStatus('AVL-2', 'dispatched', {
      actor: 'feed:avl',
      incidentRef: 'X-404',
    });
    expect(unknown.unit).toMatchObject({ incidentId: null, incidentRef: 'X-404' });
    expect(t.core.resources.units.applyStatus('AVL-1', 'available', { actor: 'feed:avl' }).unit.incidentId).toBeNull();
  });

  it('enqueues dispatch and recall commands through a sink in the same transaction, pending until the feed confirms', () => {
    t = openTestCore();
    const { units, registry } = t.core.resources;
    const sent: UnitCommand[] = [];
    const sink: CommandSink = {
      routes: (u) => u.agency === 'fire',
      enqueue: (c) => {
        sent.push(c);
        return `cmd-${sent.length}`;
      },
    };
    units.useCommandSink(sink);
    registry.save(unit('E1'), t.core.ctx.actor);
    registry.save(unit('P1', { agency: 'police', capabilities: [] }), t.core.ctx.actor);
    const inc = incident(t.core);
    units.dispatch(['E1', 'P1'], inc.id, t.core.ctx.actor);
    expect(sent.map((c) => [c.type, c.payload.unitId, c.payload.incidentRef])).toEqual([
      ['unit.dispatch', 'E1', inc.ref],
    ]);
    expect(units.get('E1').pendingCommand).toBe('cmd-1');
    expect(units.get('P1').pendingCommand).toBeNull();
    // A field report is not the upstream's answer to the command: it stays pending until the ack.
    units.applyStatus('E1', 'en_route', { actor: 'feed:avl-fire' });
    expect(units.get('E1')).toMatchObject({ status: 'en_route', pendingCommand: 'cmd-1' });
    units.recall('E1', t.core.ctx.actor, 'stand down');
    expect(sent[1]).toMatchObject({ type: 'unit.recall', payload: { unitId: 'E1', reason: 'stand down' } });
    // A sink that throws rolls the local change back too: the two never disagree.
    units.useCommandSink({
      routes: () => true,
      enqueue: () => {
        throw new Error('outbox full');
      },
    });
    registry.save(unit('E9'), t.core.ctx.actor);
    expect(() => units.dispatch(['E9'], inc.id, t.core.ctx.actor)).toThrow(/outbox full/);
    expect(units.get('E9').status).toBe('available');
  });

  it('goes through the IPC handlers with typed errors', () => {
    t = openTestCore();
    const r = t.core.handle('unit.save', { ...unit('E1') });
    expect(r.ok).toBe(true);
    const bad = t.core.handle('unit.setStatus', { id: 'E1', status: 'on_scene' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'refused' } });
    const list = t.core.handle('unit.list', {});
    expect(list.ok && list.value.map((u) => u.id)).toEqual(['E1']);
    expect(t.core.ctx.db.prepare("SELECT count(*) AS n FROM changes WHERE entity = 'unit'").get()).toEqual({ n: 1 });
  });

  it('keeps the status history append-only', () => {
    t = openTestCore();
    t.core.resources.registry.save(unit('E1'), t.core.ctx.actor);
    expect(() => t.core.ctx.db.exec("UPDATE unit_status_history SET actor = 'x'")).toThrow(/append-only/);
    expect(() => t.core.ctx.db.exec('DELETE FROM unit_status_history')).toThrow(/append-only/);
  });
});
