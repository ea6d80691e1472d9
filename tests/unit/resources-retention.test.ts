import { afterEach, describe, expect, it } from 'vitest';
import { RETENTION } from '../../src/main/core/resources/positions';
import { openTestCore, type TestCore } from '../helpers/resources';

let t: TestCore;
afterEach(() => t?.close());

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Every fix of one unit at 10 s intervals over `span` ms ending at `end` (exclusive). */
function feed(unitId: string, start: number, end: number): number {
  const fixes = [];
  for (let at = start; at < end; at += 10_000) fixes.push({ unitId, lat: 31.2, lon: 121.4 + (at % 1000) / 1e6, at });
  t.core.resources.units.applyPositions(fixes);
  return fixes.length;
}

function ats(unitId: string): number[] {
  return (
    t.core.ctx.db.prepare('SELECT at FROM unit_positions WHERE unit_id = ? ORDER BY at').all(unitId) as { at: number }[]
  ).map((r) => r.at);
}

describe('position retention', () => {
  it('keeps every fix for an hour, one a minute to a day, one per 10 minutes to 30 days, nothing older', () => {
    const now = Date.UTC(2026, 10, 29, 2, 0, 0);
    t = openTestCore(now - 31 * DAY);
    // 31 days of a unit sending every 10 s would be 267,840 fixes; feed a sample of every band instead.
    const bands: [number, number][] = [
      [now - 31 * DAY, now - 31 * DAY + 30 * MIN], // will be dropped
      [now - 3 * DAY, now - 3 * DAY + 60 * MIN], // 10-minute tier
      [now - 5 * HOUR, now - 5 * HOUR + 30 * MIN], // minute tier
      [now - 50 * MIN, now], // full tier
    ];
    let fed = 0;
    for (const [a, b] of bands) fed += feed('E1', a, b);
    expect(ats('E1')).toHaveLength(fed);
    t.clock.t = now;
    const report = t.core.resources.units.maintain();
    const kept = ats('E1');
    expect(report.dropped).toBe(180);
    expect(kept.every((at) => at >= now - RETENTION.tenMinutesFor)).toBe(true);
    const inBand = (i: number): number[] => kept.filter((at) => at >= bands[i][0] && at < bands[i][1]);
    // 10-minute tier: one per 10-minute slot (the first fix of the slot).
    expect(inBand(1)).toHaveLength(6);
    expect(inBand(1).every((at) => at % (10 * MIN) === 0)).toBe(true);
    // Minute tier: one per minute.
    expect(inBand(2)).toHaveLength(30);
    expect(inBand(2).every((at) => at % MIN === 0)).toBe(true);
    // Last hour: untouched.
    expect(inBand(3)).toHaveLength(300);
    expect(report.thinned).toBe(fed - 180 - 6 - 30 - 300);
    // The live position is never thinned.
    expect(t.core.resources.units.get('E1').fixAt).toBe(now - 10_000);
    // Running again changes nothing.
    expect(t.core.resources.units.maintain()).toEqual({ thinned: 0, dropped: 0 });
  });

  it('thins only what aged past a boundary since the last run, and runs itself from the feed path', () => {
    const start = Date.UTC(2026, 10, 29, 0, 0, 0);
    t = openTestCore(start);
    // Two hours of fixes arriving live, 10 s apart, in one-minute batches as the feed would deliver them.
    for (let m = 0; m < 120; m++) {
      t.clock.t = start + (m + 1) * MIN;
      feed('E1', start + m * MIN, start + (m + 1) * MIN);
      feed('E2', start + m * MIN, start + (m + 1) * MIN);
    }
    // The feed path ran the rule as it went: the first hour is down to one fix a minute.
    const e1 = ats('E1');
    const old = e1.filter((at) => at < t.clock.t - HOUR);
    const recent = e1.filter((at) => at >= t.clock.t - HOUR);
    expect(old).toHaveLength(60);
    expect(recent).toHaveLength(360);
    expect(ats('E2')).toEqual(e1);
    const saved = t.core.ctx.db
      .prepare("SELECT value FROM meta WHERE key = 'resources.positions.thinned_1m'")
      .get() as { value: string };
    expect(Number(saved.value)).toBe(t.clock.t - HOUR);
  });

  it('ignores a resent fix and never moves a unit backwards with a late one', () => {
    const now = Date.UTC(2026, 10, 29, 2, 0, 0);
    t = openTestCore(now);
    const u = t.core.resources.units;
    u.applyPosition('E1', 31.2, 121.4, now, 40, 90);
    u.applyPosition('E1', 31.2, 121.4, now, 40, 90);
    u.applyPosition('E1', 31.1, 121.3, now - 30_000);
    expect(u.get('E1')).toMatchObject({ lat: 31.2, lon: 121.4, fixAt: now, speedKmh: 40, heading: 90, stale: false });
    expect(u.track('E1', now - HOUR, now).map((f) => f.at)).toEqual([now - 30_000, now]);
    expect(() => u.applyPosition('E1', Number.NaN, 121.3, now)).toThrow(/not a valid coordinate/);
  });
});
