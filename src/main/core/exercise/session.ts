import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import type { ControllerView } from '../../../shared/contracts/exercise';
import type { Scenario } from '../../../shared/exercise-scenario';
import { Core } from '../core';
import { startFeedServer, type FeedServer } from '../feeds/server/feed-server';
import { realClock, type EngineClock } from './clock';
import { controllerView } from './controller';
import { CONTROL_STREAM, CONTROL_TYPES, ExerciseEngine, type InjectSink, type ManualInject } from './engine';
import { isoShanghaiMs } from './iso';
import type { RunRow } from './run-store';

/** An exercise store is named for its run and lives beside live.db: exercise-<runId>.db. */
export function exerciseDbFile(dataDir: string, runId: string): string {
  return path.join(dataDir, `exercise-${runId}.db`);
}

export interface SessionOptions {
  dataDir: string;
  scenario: Scenario;
  seed?: string;
  speed?: number;
  label?: RunRow['label'];
  /** Real-time clock for the engine; tests pass a FakeClock. */
  clock?: EngineClock;
  /** Epoch ms that T+0 stands for (default: now). */
  epoch?: number;
  runId?: string;
  seat: string;
  operator: string;
  version: string;
  nativeBinding?: string;
  /**
   * Where injects go. Default: this run's own feed server (protocol v1, mode
   * "exercise") on 127.0.0.1, which every seat joining the exercise connects
   * to — including this one, through the ordinary live ingestion code.
   */
  sink?: InjectSink;
  /** Feed server address and tokens when no sink is given. */
  host?: string;
  port?: number;
  tokens?: string[];
  /** Start playing at once (default true). */
  autoStart?: boolean;
}

/**
 * One exercise run: its own store (never live.db), its own feed server in
 * exercise mode, the engine, and the core the players' seat uses while the
 * exercise lasts — stamped with exercise time, mode "exercise".
 */
export class ExerciseSession {
  readonly runId: string;
  readonly dbFile: string;
  readonly core: Core;
  readonly engine: ExerciseEngine;
  readonly scenario: Scenario;
  readonly seed: string;
  readonly label: RunRow['label'];
  private closed = false;

  private stateCount = 0;

  private constructor(
    opts: SessionOptions & { runId: string },
    readonly server: FeedServer | null,
    private readonly sink: InjectSink,
  ) {
    this.runId = opts.runId;
    this.dbFile = exerciseDbFile(opts.dataDir, this.runId);
    this.scenario = opts.scenario;
    this.seed = opts.seed ?? '1';
    this.label = opts.label ?? 'exercise';
    const epoch = opts.epoch ?? Date.now();
    let core: Core | null = null;
    this.engine = new ExerciseEngine({
      scenario: opts.scenario,
      seed: this.seed,
      clock: opts.clock ?? realClock(),
      sink,
      epoch,
      speed: opts.speed,
      onDelivered: (d) => {
        core?.exercise.runs.recordDelivery(this.runId, d);
        core?.flushChanges();
      },
      onStateChange: (s) => {
        if (s === 'ready') return;
        core?.exercise.runs.setState(this.runId, s);
        core?.flushChanges();
        this.broadcastState();
      },
    });
    core = new Core({
      dbFile: this.dbFile,
      nativeBinding: opts.nativeBinding,
      seat: opts.seat,
      operator: opts.operator,
      mode: 'exercise',
      version: opts.version,
      now: () => this.engine.epochNow(),
    });
    this.core = core;
    core.exercise.runs.createRun({
      id: this.runId,
      scenario: opts.scenario,
      seed: this.seed,
      epoch,
      label: this.label,
    });
    core.exercise.attach(this);
  }

  static async start(options: SessionOptions): Promise<ExerciseSession> {
    const opts = { ...options, runId: options.runId ?? uuidv7() };
    let server: FeedServer | null = null;
    let sink = opts.sink;
    let session: ExerciseSession | null = null;
    if (!sink) {
      server = await startFeedServer({
        host: opts.host ?? '127.0.0.1',
        port: opts.port ?? 0,
        mode: 'exercise',
        tokens: opts.tokens ?? ['exercise'],
        name: `watchfloor-exercise:${opts.runId}`,
        kinds: streamKinds(opts.scenario),
        // Seats' commands (acknowledge, dispatch…) are evidence for the after-action report.
        onCommand: (cmd, seat) => {
          session?.core.exercise.runs.recordCommand(session.runId, {
            id: cmd.id,
            seat,
            type: cmd.type,
            payload: cmd.payload,
            at: session.engine.epochNow(),
          });
          session?.core.flushChanges();
          return { ok: true };
        },
      });
      const s = server;
      sink = { publish: (stream, type, payload, o) => s.publish(stream, type, payload, o) };
    }
    session = new ExerciseSession(opts, server, sink);
    if (opts.autoStart !== false) session.engine.start();
    return session;
  }

  get feedUrl(): string | null {
    return this.server?.url ?? null;
  }

  view(): ControllerView {
    return controllerView(this);
  }

  pause(): void {
    this.engine.pause();
  }

  resume(): void {
    this.engine.resume();
  }

  setSpeed(speed: number): void {
    this.engine.setSpeed(speed);
    this.broadcastState();
  }

  jumpTo(no: number): void {
    this.engine.jumpTo(no);
    this.broadcastState();
  }

  /**
   * Tell every seat where exercise time stands (state, speed, exercise clock),
   * so a joined seat stamps its own records with the same exercise time.
   */
  private broadcastState(): void {
    if (!this.engine) return;
    this.stateCount += 1;
    const epochNow = this.engine.epochNow();
    this.sink.publish(
      CONTROL_STREAM,
      CONTROL_TYPES.state,
      {
        runId: this.runId,
        state: this.engine.getState(),
        speed: this.engine.getSpeed(),
        scenarioMs: Math.floor(this.engine.scenarioMs()),
        epochNow,
      },
      { id: `${this.runId}-state-${this.stateCount}`, ts: isoShanghaiMs(epochNow) },
    );
  }

  inject(m: ManualInject): void {
    this.engine.injectNow(m);
  }

  /**
   * The real-world emergency stop: tell every seat on the exercise feed to end
   * play and return to live (a control event they act on at once), stop the
   * engine and record why. Returns how many seats were connected to hear it.
   */
  emergencyStop(reason: string): number {
    const notified = this.server ? this.server.seats().filter((s) => s.connected > 0).length : 0;
    const now = this.engine.epochNow();
    this.engine.stop('stopped');
    this.sink.publish(
      CONTROL_STREAM,
      CONTROL_TYPES.stop,
      { reason, runId: this.runId, returnTo: 'live' },
      {
        id: `${this.runId}-stop`,
        ts: isoShanghaiMs(now),
      },
    );
    this.core.exercise.runs.setState(this.runId, 'stopped', `real-world emergency: ${reason}`);
    this.core.flushChanges();
    return notified;
  }

  /** End the exercise and release its store and server. The store file stays for the after-action report. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.engine.getState() !== 'stopped') this.engine.stop('ended');
    this.core.close();
    await this.server?.close();
  }
}

function streamKinds(s: Scenario): Record<string, string> {
  const kinds: Record<string, string> = { [CONTROL_STREAM]: 'exercise-control' };
  for (const i of s.injects) {
    if (i.delivery !== 'feed') continue;
    kinds[i.stream] = i.stream.split('-')[0];
  }
  return kinds;
}
