import { afterEach, describe, expect, it } from 'vitest';
import { haversineMetres } from '../../src/shared/domain';
import { PENALTY } from '../../src/main/core/resources/recommend';
import { incident, openTestCore, unit, type TestCore } from '../helpers/resources';

let t: TestCore;
afterEach(() => t?.close());

// A fire at People's Square (人民广场).
const FIRE = { lat: 31.2304, lon: 121.4737 };

describe('unit recommendation', () => {
  it('ranks by travel estimate plus capability and staleness penalties, and says why', () => {
    t = openTestCore();
    const { registry, units } = t.core.resources;
    const a = t.core.ctx.actor;
    const now = t.clock.t;
    // Near, fully capable engine with a fresh fix (≈1.1 km).
    registry.save(unit('E-NEAR', { capabilities: ['firefighting', 'high_rise', 'medical'] }), a);
    units.applyPosition('E-NEAR', 31.2404, 121.4737, now - 5_000);
    // Closer still, but a police car: no fire capabilities (≈0.3 km).
    registry.save(unit('P-CLOSE', { agency: 'police', capabilities: ['traffic_control'] }), a);
    units.applyPosition('P-CLOSE', 31.2334, 121.4737, now - 5_000);
    // Capable ladder, far away in Minhang (≈14 km).
    registry.save(unit('L-FAR', { capabilities: ['firefighting', 'high_rise'] }), a);
    units.applyPosition('L-FAR', 31.1128, 121.3817, now - 5_000);
    // Capable, as near as E-NEAR, but its last fix is 10 minutes old.
    registry.save(unit('E-STALE', { capabilities: ['firefighting', 'high_rise', 'medical'] }), a);
    units.applyPosition('E-STALE', 31.2404, 121.4737, now - 10 * 60_000);
    // Never sent a fix: placed at its home station.
    registry.save(
      unit('E-HOME', { capabilities: ['firefighting', 'high_rise', 'medical'], homeLat: 31.2204, homeLon: 121.4737 }),
      a,
    );
    // Not eligible: busy, unregistered, or nowhere to place.
    registry.save(unit('E-BUSY', { capabilities: ['firefighting'] }), a);
    units.applyPosition('E-BUSY', 31.2305, 121.4737, now);
    units.applyPosition('GPS-UNKNOWN', 31.2305, 121.4738, now);
    registry.save(unit('E-NOWHERE'), a);
    const inc = incident(t.core, { ...FIRE });
    units.dispatch(['E-BUSY'], incident(t.core, { title: '别处' }).id, a);

    const r = t.core.handle('unit.recommend', { incidentId: inc.id, limit: 10 });
    if (!r.ok) throw new Error(r.error.message);
    const ranked = r.value;
    expect(ranked.map((x) => x.unit.id)).toEqual(['E-NEAR', 'E-HOME', 'E-STALE', 'L-FAR', 'P-CLOSE']);
    expect(ranked.map((x) => x.rank)).toEqual([1, 2, 3, 4, 5]);

    const near = ranked[0];
    const d = haversineMetres(31.2404, 121.4737, FIRE.lat, FIRE.lon) / 1000;
    expect(near.distanceKm).toBeCloseTo(d, 2);
    expect(near.etaMin).toBeCloseTo((d / 30) * 60, 1);
    expect(near).toMatchObject({ positionSource: 'live', stalePenaltyMin: 0, missing: [], speedKmh: 30 });
    expect(near.matched).toEqual(['firefighting', 'high_rise', 'medical']);

    const stale = ranked.find((x) => x.unit.id === 'E-STALE');
    expect(stale).toMatchObject({ positionSource: 'stale', fixAgeMin: 10 });
    expect(stale?.stalePenaltyMin).toBeCloseTo(PENALTY.staleBaseMin + 10, 5);
    expect(stale?.unit.stale).toBe(true);

    const home = ranked.find((x) => x.unit.id === 'E-HOME');
    expect(home).toMatchObject({ positionSource: 'home', stalePenaltyMin: PENALTY.homeMin, fixAgeMin: null });

    const police = ranked[ranked.length - 1];
    expect(police.missing).toEqual(['firefighting', 'high_rise', 'medical']);
    expect(police.capabilityPenaltyMin).toBe(
      PENALTY.missingPrimaryMin + 2 * PENALTY.missingCapabilityMin + PENALTY.noneMatchedMin,
    );
    expect(police.distanceKm).toBeLessThan(near.distanceKm);

    const far = ranked.find((x) => x.unit.id === 'L-FAR');
    expect(far?.missing).toEqual(['medical']);
    expect(far?.capabilityPenaltyMin).toBe(PENALTY.missingCapabilityMin);
    // Every score is the sum of the parts the officer sees.
    for (const x of ranked) expect(x.score).toBeCloseTo(x.etaMin + x.stalePenaltyMin + x.capabilityPenaltyMin, 0);
  });

  it('puts a capable engine before a nearer ambulance at a fire, and the ambulance before a police car', () => {
    t = openTestCore();
    const { registry, units } = t.core.resources;
    const a = t.core.ctx.actor;
    registry.save(unit('AMB', { agency: 'medical', capabilities: ['medical'] }), a);
    units.applyPosition('AMB', 31.2334, 121.4737, t.clock.t); // 0.3 km
    registry.save(unit('ENG', { capabilities: ['firefighting'] }), a);
    units.applyPosition('ENG', 31.2704, 121.4737, t.clock.t); // 4.4 km
    registry.save(unit('POL', { agency: 'police', capabilities: ['traffic_control'] }), a);
    units.applyPosition('POL', 31.2314, 121.4737, t.clock.t); // 0.1 km
    const inc = incident(t.core, { ...FIRE });
    const r = t.core.handle('unit.recommend', { incidentId: inc.id, limit: 5 });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.map((x) => [x.unit.id, x.capabilityPenaltyMin])).toEqual([
      ['ENG', 2 * PENALTY.missingCapabilityMin],
      ['AMB', PENALTY.missingPrimaryMin + PENALTY.missingCapabilityMin],
      ['POL', PENALTY.missingPrimaryMin + 2 * PENALTY.missingCapabilityMin + PENALTY.noneMatchedMin],
    ]);
  });

  it('uses the category: for waterlogging a pumping unit beats a nearer fire engine', () => {
    t = openTestCore();
    const { registry, units } = t.core.resources;
    const a = t.core.ctx.actor;
    registry.save(unit('E1', { capabilities: ['firefighting'] }), a);
    units.applyPosition('E1', 31.2334, 121.4737, t.clock.t);
    registry.save(
      unit('W1', { agency: 'water', unitType: 'pump truck', capabilities: ['pumping', 'water_rescue'] }),
      a,
    );
    units.applyPosition('W1', 31.2604, 121.4737, t.clock.t);
    const inc = incident(t.core, { ...FIRE, category: 'waterlogging', title: '地道积水' });
    const ranked =
      t.core.resources.units.list().length && t.core.handle('unit.recommend', { incidentId: inc.id, limit: 5 });
    if (!ranked || !ranked.ok) throw new Error('recommend failed');
    expect(ranked.value.map((x) => x.unit.id)).toEqual(['W1', 'E1']);
    expect(ranked.value[1].missing).toEqual(['pumping', 'water_rescue']);
  });

  it('returns nothing for an incident without a location, and limits the list', () => {
    t = openTestCore();
    const { registry, units } = t.core.resources;
    for (let i = 0; i < 30; i++) {
      registry.save(unit(`E${String(i).padStart(2, '0')}`), t.core.ctx.actor);
      units.applyPosition(`E${String(i).padStart(2, '0')}`, 31.2 + i * 0.001, 121.47, t.clock.t);
    }
    const inc = incident(t.core);
    const r = t.core.handle('unit.recommend', { incidentId: inc.id, limit: 7 });
    expect(r.ok && r.value.length).toBe(7);
    t.core.ctx.db.prepare('UPDATE incidents SET lat = NULL, lon = NULL WHERE id = ?').run(inc.id);
    const none = t.core.handle('unit.recommend', { incidentId: inc.id, limit: 7 });
    expect(none.ok && none.value).toEqual([]);
  });
});
