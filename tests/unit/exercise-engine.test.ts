import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/core/exercise/clock';
import { ExerciseEngine, type Delivery, type InjectSink } from '../../src/main/core/exercise/engine';
import { builtInScenario } from '../../src/main/core/exercise/scenarios/index';
import { parseScenarioTime, type Scenario } from '../../src/shared/exercise-scenario';

const EPOCH = Date.UTC(2026, 8, 14, 0, 0, 0);

interface Sent {
  stream: string;
  type: string;
  payload: Record<string, unknown>;
  id: string;
  ts: string;
  /** Scenario ms at the moment the sink saw it. */
  seenAt: number;
}

function rig(scenario: Scenario, speed: number, seed = 'seed-1', granularityMs = 0) {
  const clock = new FakeClock(1000, granularityMs);
  const sent: Sent[] = [];
  const deliveries: Delivery[] = [];
  let engine: ExerciseEngine | null = null;
  const sink: InjectSink = {
    publish: (stream, type, payload, o) =>
      sent.push({ stream, type, payload, ...o, seenAt: engine?.scenarioMs() ?? -1 }),
  };
  engine = new ExerciseEngine({
    scenario,
    seed,
    clock,
    sink,
    epoch: EPOCH,
    speed,
    onDelivered: (d) => deliveries.push(d),
    // Wake one timer granularity early and spin the rest (the real clock uses 2 ms).
    wakeLeadMs: granularityMs || 2,
  });
  const run = (realMs: number): void => clock.advance(realMs);
  return { clock, sent, deliveries, engine, run };
}

const typhoon = (): Scenario => {
  const s = builtInScenario('typhoon-waterlogging');
  if (!s) throw new Error('typhoon scenario missing');
  return s;
};

describe('exercise engine timing on a fake clock', () => {
  for (const speed of [1, 60]) {
    it(`delivers every inject within 50 ms of its scenario time at ×${speed}`, () => {
      const s = typhoon();
      const { sent, engine, run, deliveries } = rig(s, speed);
      engine.start();
      run((s.durationMinutes * 60_000) / speed + 10);
      expect(engine.getState()).toBe('ended');
      const feedAndControl = sent.filter((x) => x.type !== 'exercise.state');
      expect(feedAndControl).toHaveLength(s.injects.length);
      for (const d of deliveries) {
        const due = parseScenarioTime(s.injects.find((i) => i.no === d.no)?.at ?? '') ?? NaN;
        expect(d.dueMs).toBe(due);
        expect(Math.abs(d.deliveredMs - due)).toBeLessThan(50);
      }
      for (const x of feedAndControl) {
        const d = deliveries.find((y) => y.eventId === x.id);
        expect(d).toBeDefined();
        expect(Math.abs(x.seenAt - (d as Delivery).dueMs)).toBeLessThan(50);
      }
    });
  }

  it('stays on time through pauses, speed changes and timers that only fire every 7 ms', () => {
    const s = typhoon();
    const { engine, run, deliveries } = rig(s, 1, 'seed-2', 7);
    engine.start();
    run(10 * 60_000); // ten scenario minutes at ×1
    engine.pause();
    run(5 * 60_000); // paused: scenario time stands still
    expect(Math.round(engine.scenarioMs())).toBe(10 * 60_000);
    engine.resume();
    engine.setSpeed(60);
    run(30_000); // 30 real s at ×60 = 30 scenario minutes
    expect(Math.round(engine.scenarioMs())).toBe(40 * 60_000);
    engine.setSpeed(7);
    run(((s.durationMinutes - 40) * 60_000) / 7 + 50);
    expect(engine.getState()).toBe('ended');
    expect(deliveries).toHaveLength(s.injects.length);
    // Timers fire only on 7 ms boundaries, which alone would make deliveries up to 420 ms late at ×60;
    // waking early and spinning the rest keeps every one on time and never early.
    for (const d of deliveries) {
      expect(d.deliveredMs - d.dueMs).toBeGreaterThanOrEqual(0);
      expect(d.deliveredMs - d.dueMs).toBeLessThan(50);
    }
  });

  it('jumps to an inject, delivering the skipped ones first and in order', () => {
    const s = typhoon();
    const { engine, deliveries } = rig(s, 1);
    engine.start();
    engine.jumpTo(20);
    const target = parseScenarioTime(s.injects[19].at) ?? 0;
    expect(Math.round(engine.scenarioMs())).toBe(target);
    expect(deliveries.map((d) => d.no)).toEqual(
      s.injects.filter((i) => (parseScenarioTime(i.at) ?? 0) <= target).map((i) => i.no),
    );
    expect(() => engine.jumpTo(9999)).toThrow(RangeError);
  });

  it('refuses speeds outside ×1–×60', () => {
    const { engine } = rig(typhoon(), 1);
    expect(() => engine.setSpeed(0.5)).toThrow(/between/);
    expect(() => engine.setSpeed(61)).toThrow(/between/);
  });

  it('gives the same events with the same timestamps for the same seed, whatever the speed', () => {
    const s = typhoon();
    const withJitter: Scenario = { ...s, injects: s.injects.map((i) => ({ ...i, jitterSec: 30 })) };
    const a = rig(withJitter, 1, 'same');
    const b = rig(withJitter, 60, 'same');
    const c = rig(withJitter, 60, 'other');
    for (const r of [a, b, c]) {
      r.engine.start();
      r.run(s.durationMinutes * 60_000 + 10);
    }
    const strip = (x: Sent[]) => x.map(({ seenAt: _s, ...rest }) => rest);
    expect(strip(b.sent)).toEqual(strip(a.sent));
    expect(strip(c.sent)).not.toEqual(strip(a.sent));
    // Jitter moved some injects, and the seed decided by how much.
    expect(a.deliveries.some((d) => d.dueMs !== parseScenarioTime(s.injects[d.no - 1].at))).toBe(true);
  });
});
