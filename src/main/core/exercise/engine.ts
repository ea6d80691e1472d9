import { parseScenarioTime, type Inject, type Scenario } from '../../../shared/exercise-scenario';
import type { EngineClock, TimerHandle } from './clock';
import { hashSeed, prng } from './prng';
import { isoShanghaiMs } from './iso';

/**
 * Where delivered injects go. In the app this is the exercise's own feed
 * server (protocol v1, mode "exercise"), so every seat ingests them through
 * exactly the live code; tests may use a recording sink.
 */
export interface InjectSink {
  publish(stream: string, type: string, payload: Record<string, unknown>, opts: { id: string; ts: string }): unknown;
}

/** Calls, messages and the stop signal travel on their own stream, as event types the seat's exercise module handles. */
export const CONTROL_STREAM = 'exercise-control';
export const CONTROL_TYPES = {
  call: 'exercise.call',
  message: 'exercise.message',
  stop: 'exercise.stop',
  state: 'exercise.state',
} as const;

const DUE_EPSILON_MS = 0.001;
const MIN_SLEEP_MS = 0.05;
export const MIN_SPEED = 1;
export const MAX_SPEED = 60;

export interface Delivery {
  no: number;
  eventId: string;
  /** Scenario ms at which it was due (after seeded jitter). */
  dueMs: number;
  /** Scenario ms at which it actually went out. */
  deliveredMs: number;
  delivery: Inject['delivery'];
  stream: string;
  type: string;
  payload: Record<string, unknown>;
  manual: boolean;
}

export type EngineState = 'ready' | 'running' | 'paused' | 'ended' | 'stopped';

export interface EngineOptions {
  scenario: Scenario;
  seed: string | number;
  clock: EngineClock;
  sink: InjectSink;
  /** Epoch ms that T+0 stands for: event times are this plus scenario time. */
  epoch: number;
  speed?: number;
  onDelivered?: (d: Delivery) => void;
  onStateChange?: (state: EngineState) => void;
  /** Real ms to wake before a due time and spin the rest (default 2; only with a clock that can spin). */
  wakeLeadMs?: number;
}

interface Scheduled {
  inject: Inject;
  dueMs: number;
  eventId: string;
  delivered: boolean;
}

export interface ScheduleRow {
  no: number;
  dueMs: number;
  delivered: boolean;
}

export interface ManualInject {
  delivery: Inject['delivery'];
  stream?: string;
  type: string;
  payload: Record<string, unknown>;
}

/**
 * Plays a scenario on an injected clock. Scenario time advances at `speed`
 * times real time while running; each inject is delivered when scenario time
 * reaches its due time. The schedule (including seeded jitter and event ids)
 * is fixed at construction, so the same scenario and seed always produce the
 * same events with the same timestamps, whatever the speed or pauses.
 */
export class ExerciseEngine {
  private readonly schedule: Scheduled[];
  private readonly durationMs: number;
  private state: EngineState = 'ready';
  private speed: number;
  /** Scenario ms and clock reading at the last change of speed or state. */
  private anchorScenario = 0;
  private anchorReal = 0;
  private timer: TimerHandle | null = null;
  private manualCount = 0;
  private readonly seedTag: string;

  constructor(private readonly opts: EngineOptions) {
    this.speed = checkSpeed(opts.speed ?? 1);
    this.durationMs = opts.scenario.durationMinutes * 60_000;
    this.seedTag = hashSeed(opts.seed).toString(36);
    const rng = prng(`${opts.scenario.id}@${opts.scenario.version}#${String(opts.seed)}`);
    this.schedule = opts.scenario.injects
      .map((inject) => {
        const base = parseScenarioTime(inject.at) ?? 0;
        // Draw for every inject, jittered or not, so adding jitter to one inject does not shift the others.
        const draw = rng.next();
        const jitter = inject.jitterSec ? Math.round(draw * inject.jitterSec * 1000) : 0;
        return {
          inject,
          dueMs: Math.min(base + jitter, this.durationMs),
          eventId: `${opts.scenario.id}-v${opts.scenario.version}-${this.seedTag}-${inject.no}`,
          delivered: false,
        };
      })
      .sort((a, b) => a.dueMs - b.dueMs || a.inject.no - b.inject.no);
  }

  getState(): EngineState {
    return this.state;
  }

  getSpeed(): number {
    return this.speed;
  }

  getDurationMs(): number {
    return this.durationMs;
  }

  /** Current scenario time in ms since T+0. */
  scenarioMs(): number {
    if (this.state !== 'running') return this.anchorScenario;
    return Math.min(this.durationMs, this.anchorScenario + (this.opts.clock.now() - this.anchorReal) * this.speed);
  }

  /** The exercise's wall time: what the exercise store and its events are stamped with. */
  epochNow(): number {
    return this.opts.epoch + Math.floor(this.scenarioMs());
  }

  rows(): ScheduleRow[] {
    return this.schedule.map((s) => ({ no: s.inject.no, dueMs: s.dueMs, delivered: s.delivered }));
  }

  start(): void {
    if (this.state !== 'ready') return;
    this.anchorReal = this.opts.clock.now();
    this.setState('running');
    this.tick();
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.reanchor();
    this.setState('paused');
    this.cancelTimer();
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.anchorReal = this.opts.clock.now();
    this.setState('running');
    this.tick();
  }

  setSpeed(speed: number): void {
    const s = checkSpeed(speed);
    this.reanchor();
    this.speed = s;
    if (this.state === 'running') this.tick();
  }

  /**
   * Move scenario time to inject `no`'s due time. Injects due before it that
   * have not gone out are delivered now, in order, so the seats' picture stays
   * whole (an update never arrives before its report).
   */
  jumpTo(no: number): void {
    const target = this.schedule.find((s) => s.inject.no === no);
    if (!target) throw new RangeError(`inject ${no} is not in this scenario`);
    if (this.state === 'ended' || this.state === 'stopped') return;
    if (target.dueMs > this.scenarioMs()) {
      this.anchorScenario = target.dueMs;
      this.anchorReal = this.opts.clock.now();
    }
    if (this.state === 'running') this.tick();
    else this.deliverDue(target.dueMs);
  }

  /** A manual inject from the controller, delivered at once. */
  injectNow(m: ManualInject): Delivery {
    if (this.state === 'ended' || this.state === 'stopped') throw new Error('the exercise has ended');
    this.manualCount += 1;
    const now = Math.floor(this.scenarioMs());
    const no = 100_000 + this.manualCount;
    const stream = m.delivery === 'feed' ? (m.stream ?? 'exercise-manual') : CONTROL_STREAM;
    const type = m.delivery === 'feed' ? m.type : m.delivery === 'call' ? CONTROL_TYPES.call : CONTROL_TYPES.message;
    const eventId = `${this.opts.scenario.id}-v${this.opts.scenario.version}-${this.seedTag}-m${this.manualCount}`;
    return this.send({
      no,
      eventId,
      dueMs: now,
      deliveredMs: now,
      delivery: m.delivery,
      stream,
      type,
      payload: m.payload,
      manual: true,
    });
  }

  /** End play for good (end of exercise or a real-world emergency). */
  stop(state: 'ended' | 'stopped' = 'stopped'): void {
    if (this.state === 'ended' || this.state === 'stopped') return;
    this.reanchor();
    this.cancelTimer();
    this.setState(state);
  }

  private reanchor(): void {
    this.anchorScenario = this.scenarioMs();
    this.anchorReal = this.opts.clock.now();
  }

  private setState(s: EngineState): void {
    this.state = s;
    this.opts.onStateChange?.(s);
  }

  private cancelTimer(): void {
    if (this.timer) this.opts.clock.clearTimer(this.timer);
    this.timer = null;
  }

  /** Deliver what is due, then sleep until just before the next due time (or the end). */
  private tick(): void {
    this.cancelTimer();
    const clock = this.opts.clock;
    const lead = clock.spinUntil ? (this.opts.wakeLeadMs ?? 2) : 0;
    for (;;) {
      if (this.state !== 'running') return;
      const now = this.scenarioMs();
      // Floating-point anchors can land a hair before the due time; a microsecond is no lateness worth a second wake-up.
      this.deliverDue(now + DUE_EPSILON_MS);
      if (now + DUE_EPSILON_MS >= this.durationMs) {
        this.stop('ended');
        return;
      }
      const next = this.schedule.find((s) => !s.delivered);
      const realDelay = ((next ? next.dueMs : this.durationMs) - now) / this.speed;
      // Sleep only when there is something to sleep for: a near-zero timer can re-fire at the same instant forever.
      if (realDelay > lead + MIN_SLEEP_MS || !clock.spinUntil) {
        // A timer may still wake early or late; the next tick() re-measures and sleeps or spins again.
        this.timer = clock.setTimer(() => this.tick(), Math.max(MIN_SLEEP_MS, realDelay - lead));
        return;
      }
      clock.spinUntil(clock.now() + realDelay);
    }
  }

  private deliverDue(upTo: number): void {
    for (const s of this.schedule) {
      if (s.delivered || s.dueMs > upTo) continue;
      s.delivered = true;
      const { stream, type, payload } = materialize(s.inject, this.opts.epoch + s.dueMs);
      this.send({
        no: s.inject.no,
        eventId: s.eventId,
        dueMs: s.dueMs,
        deliveredMs: Math.max(s.dueMs, Math.floor(this.scenarioMs())),
        delivery: s.inject.delivery,
        stream,
        type,
        payload,
        manual: false,
      });
    }
  }

  private send(d: Delivery): Delivery {
    this.opts.sink.publish(d.stream, d.type, d.payload, {
      id: d.eventId,
      ts: isoShanghaiMs(this.opts.epoch + d.dueMs),
    });
    this.opts.onDelivered?.(d);
    return d;
  }
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    throw new RangeError(`speed must be between ×${MIN_SPEED} and ×${MAX_SPEED}`);
  }
  return speed;
}

/**
 * Turn an inject into what goes on the wire. Time fields the scenario leaves
 * out are stamped with the due time, so a scenario never hard-codes a date.
 */
export function materialize(
  inject: Inject,
  dueEpoch: number,
): { stream: string; type: string; payload: Record<string, unknown> } {
  const iso = isoShanghaiMs(dueEpoch);
  if (inject.delivery === 'feed') {
    const payload: Record<string, unknown> = structuredClone(inject.payload);
    if ((inject.type === 'unit.position' || inject.type === 'unit.status') && payload.at === undefined)
      payload.at = iso;
    if (inject.type === 'incident.reported' && payload.occurredAt === undefined) payload.occurredAt = iso;
    if (inject.type === 'warning.issued' && payload.sent === undefined) payload.sent = iso;
    return { stream: inject.stream, type: inject.type, payload };
  }
  const common = { injectNo: inject.no, title: inject.title, from: inject.from };
  if (inject.delivery === 'call') {
    return {
      stream: CONTROL_STREAM,
      type: CONTROL_TYPES.call,
      payload: { ...common, ...structuredClone(inject.payload) },
    };
  }
  return {
    stream: CONTROL_STREAM,
    type: CONTROL_TYPES.message,
    payload: { ...common, to: inject.to ?? null, ...structuredClone(inject.payload) },
  };
}
