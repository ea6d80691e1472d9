import { afterEach, describe, expect, it } from 'vitest';
import { matcherFor } from '../../src/main/core/exercise/matchers';
import type { Matcher } from '../../src/shared/exercise-scenario';
import { OUR_WINDOW, testCore } from '../helpers/core';

/**
 * Expected actions are recognised from what the console and resource tracking
 * really record — not from conventions only a test would follow.
 */
let t: ReturnType<typeof testCore>;
afterEach(async () => t && (await t.cleanup()));

async function call<T>(channel: string, req: unknown): Promise<T> {
  const r = await t.router.handle(channel, req, OUR_WINDOW);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}

describe('exercise matchers over the real services', () => {
  it('recognise a plan activated and a unit dispatched at the console, by plan id and by capability', async () => {
    let clock = Date.UTC(2026, 10, 29, 2, 0, 0);
    t = testCore({ now: () => clock });
    const from = clock;
    const inc = await call<{ id: string }>('incident.create', {
      title: '金山区化工区储罐泄漏',
      category: 'hazmat',
      level: 3,
      district: 'jinshan',
      channel: '119',
    });
    await call('unit.save', {
      id: 'HZ-01',
      callSign: '沪消-化工-01',
      agency: 'fire',
      unitType: 'hazmat_engine',
      capabilities: ['hazmat', 'decontamination'],
    });
    clock += 60_000;
    await call('plan.activate', { incidentId: inc.id, planId: 'hazmat-leak' });
    clock += 60_000;
    await call('unit.dispatch', { unitIds: ['HZ-01'], incidentId: inc.id });

    const db = t.client.core.store.db;
    const ctx = {
      db,
      from,
      commands: [],
      hasTable: (name: string) =>
        db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name) !== undefined,
    };
    const at = (m: Matcher): number | null => matcherFor(m.kind)!(m, ctx);
    expect(at({ kind: 'plan_activated', plan: 'hazmat-leak' })).toBe(from + 60_000);
    expect(at({ kind: 'plan_activated', plan: 'flood-typhoon' })).toBeNull();
    expect(at({ kind: 'unit_dispatched', capability: 'hazmat' })).toBe(from + 120_000);
    expect(at({ kind: 'unit_dispatched', capability: 'fire' })).toBe(from + 120_000);
    expect(at({ kind: 'unit_dispatched', capability: 'water_rescue' })).toBeNull();
  });
});
