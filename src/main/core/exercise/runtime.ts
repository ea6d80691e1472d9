import path from 'node:path';
import type { RestoreResult, Session } from '../../../shared/contracts/console';
import type { ControllerView } from '../../../shared/contracts/exercise';
import type { ChangeBatch, Channel, ParsedRequestOf, ResponseOf } from '../../../shared/ipc';
import { CoreError, fail, ok, type Result } from '../../../shared/result';
import { restoreLiveStore } from '../backup/restore-live';
import { Core } from '../core';
import { requireRole } from '../roles/guard';
import type { FeedsOptions } from '../feeds/module';
import { openStore } from '../store/db';
import type { EngineClock } from './clock';
import { CONTROL_STREAM, CONTROL_TYPES } from './engine';
import { ScenarioLibrary } from './library';
import { RemoteExerciseClock } from './remote-clock';
import { exportMselCsv, exportMselXlsx } from './msel-export';
import { importMselCsv, importMselXlsx } from './msel-io';
import { scenarioFromIncident } from './replay';
import { DEMO_SCENARIO_ID } from './scenarios/index';
import { ExerciseSession, exerciseDbFile, type SessionOptions } from './session';

export interface RuntimeOptions {
  /** The user-data folder: live.db, exercise-<runId>.db files and scenarios/ live here. */
  dataDir: string;
  seat: string;
  operator: string;
  version: string;
  nativeBinding?: string;
  /** Engine clock for exercises (tests pass a FakeClock). */
  clock?: EngineClock;
  /** Feed options of the live store (the worker's token cipher). */
  feeds?: Partial<FeedsOptions>;
  /** Wall clock of the live store. */
  now?: () => number;
  /** Where this seat's exercise feed server listens. */
  exerciseFeed?: Pick<SessionOptions, 'host' | 'port' | 'tokens'>;
  /**
   * Connect this seat's own feed ingestion to the exercise server, so the
   * players' seat ingests injects through the live code. Default: the feeds
   * module's client, as a session-only source. Returns a disconnect function.
   */
  joinFeed?: (core: Core, url: string, token: string) => Promise<() => Promise<void>>;
}

/** The feeds module's own client, pointed at the exercise server for this session only. */
export async function joinWithFeedClient(core: Core, url: string, token: string): Promise<() => Promise<void>> {
  core.feeds.addSessionSource(EXERCISE_SOURCE, url, token);
  core.startFeeds();
  return () => {
    core.stopFeeds();
    return Promise.resolve();
  };
}

export const EXERCISE_SOURCE = 'exercise';

export type ModeListener = (mode: 'live' | 'exercise', view: ControllerView) => void;

/** Channels the runtime answers itself: they change the store or need async work. */
const RUNTIME_CHANNELS = new Set<Channel>([
  'exercise.start',
  'exercise.leave',
  'exercise.emergencyStop',
  'exercise.msel.import',
  'exercise.msel.export',
  'backup.restore',
]);

/**
 * A seat's runtime: the live core, or — while an exercise runs — the
 * exercise session's core on its own store. Starting an exercise closes the
 * live store first, so live.db is never open for writing during play; it is
 * only ever opened read-only (to replay an incident) until the seat returns.
 */
export class SeatRuntime {
  private live: Core | null = null;
  private session: ExerciseSession | null = null;
  /** A seat that joined another seat's exercise: its own exercise store, fed by that seat's server. */
  private joined: Core | null = null;
  private leaveFeed: (() => Promise<void>) | null = null;
  /**
   * Who was signed in on live when the seat went into an exercise. The same
   * person stays signed in through the exercise; on the way back, live
   * resumes this session only if the exercise ends with that same person
   * signed in. A sign-in made inside an exercise store (where the first
   * sign-in registers anyone, with any role) never carries into live.
   */
  private liveSession: Session | null = null;
  private leaving: Promise<void> | null = null;
  private readonly listeners = new Set<ModeListener>();
  private readonly changeListeners = new Set<(batch: ChangeBatch) => void>();
  /** Unsubscribes from the current core's change notices. */
  private unfollow: (() => void) | null = null;
  readonly liveFile: string;
  readonly library: ScenarioLibrary;

  private constructor(private readonly opts: RuntimeOptions) {
    this.liveFile = path.join(opts.dataDir, 'live.db');
    this.library = ScenarioLibrary.forDataDir(opts.dataDir);
  }

  static open(opts: RuntimeOptions): SeatRuntime {
    const rt = new SeatRuntime(opts);
    rt.openLive();
    rt.follow();
    return rt;
  }

  /**
   * First run: a fresh seat with no feed configured opens in the built-in
   * demonstration scenario, in exercise mode with its own store, labelled
   * "demo". One call to `leaveExercise` returns it to live. Returns whether
   * the demo was started.
   */
  async firstRun(feedsConfigured: boolean, speed = 10): Promise<boolean> {
    if (feedsConfigured || this.session) return false;
    await this.startExercise({ scenarioId: DEMO_SCENARIO_ID, seed: 'demo', speed, label: 'demo' });
    return true;
  }

  get mode(): 'live' | 'exercise' {
    return this.session || this.joined ? 'exercise' : 'live';
  }

  /** The core the seat's windows talk to right now. */
  core(): Core {
    const c = this.session?.core ?? this.joined ?? this.live;
    if (!c) throw new CoreError('store_unavailable', 'The seat is switching stores; try again in a moment.');
    return c;
  }

  currentSession(): ExerciseSession | null {
    return this.session;
  }

  /**
   * Change notices of whichever store is current. On a switch of store the
   * cursors of the old one mean nothing: windows reload on the mode change.
   */
  onChanges(l: (batch: ChangeBatch) => void): () => void {
    this.changeListeners.add(l);
    return () => this.changeListeners.delete(l);
  }

  onModeChange(l: ModeListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async startExercise(r: {
    scenarioId: string;
    seed?: string;
    speed?: number;
    label?: 'exercise' | 'demo' | 'replay';
  }): Promise<ControllerView> {
    if (this.session)
      throw new CoreError('conflict', 'An exercise is already running; leave it before starting another.');
    const scenario = this.library.get(r.scenarioId);
    // Close the live store before the exercise store opens: nothing in play can write to live.db.
    this.closeLive();
    try {
      this.session = await ExerciseSession.start({
        dataDir: this.opts.dataDir,
        scenario,
        seed: r.seed,
        speed: r.speed,
        label: r.label,
        clock: this.opts.clock,
        epoch: this.opts.now?.(),
        seat: this.opts.seat,
        operator: this.opts.operator,
        version: this.opts.version,
        nativeBinding: this.opts.nativeBinding,
        ...this.opts.exerciseFeed,
      });
      this.session.core.console.sessions.resume(this.liveSession);
      if (this.session.feedUrl) {
        const token = this.opts.exerciseFeed?.tokens?.[0] ?? 'exercise';
        const join = this.opts.joinFeed ?? joinWithFeedClient;
        this.leaveFeed = await join(this.session.core, this.session.feedUrl, token);
      }
      this.watchForStop(this.session.core);
    } catch (e) {
      await this.session?.close();
      this.session = null;
      this.openLive().console.sessions.resume(this.liveSession);
      this.follow();
      throw e;
    }
    const view = this.session.view();
    this.emit(view);
    return view;
  }

  /**
   * Join an exercise another seat controls: this seat gets its own store for
   * the run (exercise-<runId>.db), ingests the controller's feed through the
   * ordinary feed client, and keeps exercise time from the controller's
   * state broadcasts.
   */
  async joinExercise(r: { url: string; token: string; runId: string }): Promise<void> {
    if (this.mode === 'exercise')
      throw new CoreError('conflict', 'This seat is already in an exercise; leave it first.');
    this.closeLive();
    const clock = new RemoteExerciseClock();
    const core = new Core({
      dbFile: exerciseDbFile(this.opts.dataDir, r.runId),
      nativeBinding: this.opts.nativeBinding,
      seat: this.opts.seat,
      operator: this.opts.operator,
      mode: 'exercise',
      version: this.opts.version,
      now: clock.now,
    });
    core.console.sessions.resume(this.liveSession);
    clock.refresh(core.ctx.db);
    // Follow the controller's clock: every stored state broadcast re-anchors it.
    core.onChanges((batch) => {
      if (batch.changes.some((c) => c.entity === 'exercise_control')) clock.refresh(core.ctx.db);
    });
    this.joined = core;
    this.leaveFeed = await (this.opts.joinFeed ?? joinWithFeedClient)(core, r.url, r.token);
    this.watchForStop(core);
    this.emit(core.exercise.view());
  }

  /** End play and return to live. The exercise store stays on disk for the after-action report. */
  leaveExercise(): Promise<void> {
    // The stop can arrive twice (own action and over the feed): one leave, both callers wait for it.
    this.leaving ??= this.doLeave().finally(() => {
      this.leaving = null;
    });
    return this.leaving;
  }

  private async doLeave(): Promise<void> {
    const s = this.session;
    const j = this.joined;
    if (!s && !j) return;
    const atLeave = (s?.core ?? j)?.console.sessions.session() ?? null;
    this.session = null;
    this.joined = null;
    await this.leaveFeed?.();
    this.leaveFeed = null;
    await s?.close();
    j?.close();
    const back = this.liveSession;
    this.openLive().console.sessions.resume(back !== null && atLeave?.operator === back.operator ? back : null);
    this.emit(this.core().exercise.view());
  }

  /**
   * The stop arrives as a control event the feed pipeline commits to the
   * exercise store; act on it after that commit (leaving closes the store).
   */
  private watchForStop(core: Core): void {
    const off = core.onChanges((batch) => {
      if (!batch.changes.some((c) => c.entity === 'exercise_control')) return;
      const stop = core.ctx.db.prepare('SELECT 1 FROM exercise_control WHERE type = ? LIMIT 1').get(CONTROL_TYPES.stop);
      if (!stop) return;
      off();
      setImmediate(() => void this.leaveExercise());
    });
  }

  /** The real-world emergency stop: every seat on the exercise feed is told to stop, and this one returns to live. */
  async emergencyStop(reason: string): Promise<number> {
    const s = this.session;
    if (!s) throw new CoreError('refused', 'No exercise is running on this seat.');
    const notified = s.emergencyStop(reason);
    // Give connected seats a moment to receive the stop before the server goes away.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await this.leaveExercise();
    return notified;
  }

  /**
   * A seat that joined someone else's exercise gets control events on the
   * exercise-control stream; the feed ingestion hands them here. A stop
   * returns the seat to live at once.
   */
  async handleControlEvent(stream: string, type: string): Promise<'left' | 'ignored'> {
    if (stream !== CONTROL_STREAM || type !== CONTROL_TYPES.stop || this.mode !== 'exercise') return 'ignored';
    await this.leaveExercise();
    return 'left';
  }

  async handle<C extends Channel>(channel: C, req: ParsedRequestOf<C>): Promise<Result<ResponseOf<C>>> {
    if (!RUNTIME_CHANNELS.has(channel)) {
      if (channel === 'exercise.replayIncident' && this.mode === 'exercise') {
        return this.guard(() =>
          this.replayFromLiveReadOnly((req as ParsedRequestOf<'exercise.replayIncident'>).incidentId),
        ) as Promise<Result<ResponseOf<C>>>;
      }
      // Between stores (a restore waits for the old one to let go) this is a typed error, not a throw.
      const core = this.live || this.session || this.joined ? this.core() : null;
      if (!core) return fail('store_unavailable', 'The seat is switching stores; try again in a moment.');
      return core.handleAsync(channel, req);
    }
    return this.guard(async (): Promise<unknown> => {
      // Starting or importing needs someone signed in with an acting role; leaving and the
      // emergency stop never do, so no seat can be trapped in an exercise.
      if (channel === 'exercise.start' || channel === 'exercise.msel.import')
        requireRole(this.core().ctx.actor, channel);
      switch (channel) {
        case 'exercise.start': {
          const r = req as ParsedRequestOf<'exercise.start'>;
          return this.startExercise(r);
        }
        case 'exercise.leave':
          await this.leaveExercise();
          return { mode: 'live' };
        case 'exercise.emergencyStop': {
          const seatsNotified = await this.emergencyStop((req as ParsedRequestOf<'exercise.emergencyStop'>).reason);
          return { mode: 'live', seatsNotified };
        }
        case 'exercise.msel.import': {
          const r = req as ParsedRequestOf<'exercise.msel.import'>;
          const data = Buffer.from(r.dataBase64, 'base64');
          const res = r.format === 'csv' ? importMselCsv(data.toString('utf8'), r) : await importMselXlsx(data, r);
          if (!res.ok) return { scenario: null, errors: res.errors };
          return { scenario: this.library.save(res.scenario), errors: [] };
        }
        case 'exercise.msel.export': {
          const r = req as ParsedRequestOf<'exercise.msel.export'>;
          const s = this.library.get(r.scenarioId);
          const data = r.format === 'csv' ? Buffer.from(exportMselCsv(s), 'utf8') : await exportMselXlsx(s);
          return { fileName: `MSEL-${s.id}-v${s.version}.${r.format}`, dataBase64: data.toString('base64') };
        }
        case 'backup.restore':
          return this.restoreBackup((req as ParsedRequestOf<'backup.restore'>).file);
        default:
          throw new CoreError('unknown_channel', `unknown channel ${channel}`);
      }
    }) as Promise<Result<ResponseOf<C>>>;
  }

  /**
   * Put a backup in place of the live store (backup/restore-live.ts), then
   * tell every window to reload: their cursors belong to the replaced store.
   */
  async restoreBackup(file: string): Promise<RestoreResult> {
    if (this.mode === 'exercise') {
      throw new CoreError(
        'refused',
        'A backup cannot be restored during an exercise: restoring replaces the live store, which is closed while the exercise runs. Leave the exercise first, then restore.',
      );
    }
    if (!this.live) throw new CoreError('store_unavailable', 'The seat is switching stores; try again in a moment.');
    const result = await restoreLiveStore(
      {
        liveFile: this.liveFile,
        live: this.live,
        detach: () => {
          this.live = null;
        },
        reopen: () => {
          this.openLive();
          this.follow();
          return this.core();
        },
        now: this.opts.now ?? Date.now,
      },
      file,
    );
    this.emit(this.core().exercise.view());
    return result;
  }

  async close(): Promise<void> {
    await this.leaveFeed?.();
    this.leaveFeed = null;
    await this.session?.close();
    this.session = null;
    this.joined?.close();
    this.joined = null;
    this.live?.close();
    this.live = null;
  }

  private replayFromLiveReadOnly(incidentId: string): ReturnType<ScenarioLibrary['save']> {
    const store = openStore({ file: this.liveFile, nativeBinding: this.opts.nativeBinding, readonly: true });
    try {
      return this.library.save(scenarioFromIncident(store.db, incidentId));
    } finally {
      store.close();
    }
  }

  /** Going into an exercise: remember who is signed in on live (see `liveSession`), then close the live store. */
  private closeLive(): void {
    this.liveSession = this.live?.console.sessions.session() ?? null;
    this.live?.close();
    this.live = null;
  }

  private openLive(): Core {
    const live = new Core({
      dbFile: this.liveFile,
      nativeBinding: this.opts.nativeBinding,
      seat: this.opts.seat,
      operator: this.opts.operator,
      mode: 'live',
      version: this.opts.version,
      now: this.opts.now,
      feeds: this.opts.feeds,
    });
    this.live = live;
    // Live feed sockets run beside the live store; an exercise store gets only the exercise feed.
    live.startFeeds();
    return live;
  }

  private emit(view: ControllerView): void {
    this.follow();
    for (const l of this.listeners) l(this.mode, view);
  }

  private follow(): void {
    this.unfollow?.();
    this.unfollow = this.core().onChanges((batch) => {
      for (const l of this.changeListeners) l(batch);
    });
  }

  private async guard(fn: () => unknown): Promise<Result<unknown>> {
    try {
      return ok(await fn());
    } catch (e) {
      if (e instanceof CoreError) return fail(e.code, e.message);
      return fail('internal', e instanceof Error ? e.message : String(e));
    }
  }
}
