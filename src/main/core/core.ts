import path from 'node:path';
import type { AsyncChannel, Channel, ChangeBatch, ParsedRequestOf, ResponseOf, SyncChannel } from '../../shared/ipc';
import { CoreError, fail, ok, type Result } from '../../shared/result';
import type { Role } from '../../shared/console/roles';
import type { BoardAggregates } from './board/aggregates';
import { boardsModule } from './board/module';
import type { BoardQueries } from './board/queries';
import type { BoardStore } from './board/store';
import { runGuarded } from './console/guard';
import { consoleModule, type ConsoleServices } from './console/module';
import type { AsyncHandlersFor, CoreContext, HandlersFor } from './context';
import { exerciseModule, type ExerciseService } from './exercise/module';
import { foundationModule } from './foundation';
import { FeedsService, type FeedsOptions } from './feeds/module';
import { MemoryOnlyCipher } from './feeds/tokens';
import { outboxCommandSink } from './feeds/unit-commands';
import type { IncidentService } from './incidents/service';
import { rostersModule, type RostersModule } from './rosters/module';
import {
  CHANGE_PRUNE_EVERY_MS,
  CHANGE_RETENTION,
  ChangeLog,
  type ChangeRetention,
  type PruneReport,
} from './store/changes';
import { WalCheckpointer } from './store/checkpointer';
import { openStore, type Store } from './store/db';
import { resourcesModule, type ResourcesModule } from './resources/module';

export interface CoreOptions {
  dbFile: string;
  nativeBinding?: string;
  seat: string;
  operator: string;
  /** Role until someone signs in at the seat; duty officer by default. */
  role?: Role;
  mode: 'live' | 'exercise';
  version: string;
  /** Injected clock: exercises and tests run on their own time. */
  now?: () => number;
  /** Feed options; the shell passes a safeStorage-backed token cipher, elsewhere tokens stay in memory. */
  feeds?: Partial<FeedsOptions>;
  /** How much of the change log to keep (store/changes.ts); tests shrink it. */
  changeRetention?: Partial<ChangeRetention>;
  /** How often the checkpoint thread folds the WAL into the database file; tests stretch it. */
  checkpointEveryMs?: number;
}

export type ChangeListener = (batch: ChangeBatch) => void;

/**
 * The command centre itself, synchronous and single-threaded over one store.
 * It never imports Electron: in the app it runs inside a worker thread (see
 * `host.ts`), in tests and the CLI in-process. Each domain is a module that
 * contributes services and the handlers for its channels.
 */
/** How often committed WAL pages are checkpointed into the database file. */
export const CHECKPOINT_INTERVAL_MS = 2000;

export class Core {
  /** Checkpoints on their own thread (store/checkpointer.ts); null for a store in memory. */
  readonly checkpointer: WalCheckpointer | null;
  private readonly pruneTimer: ReturnType<typeof setInterval>;
  private pruneAgain: ReturnType<typeof setTimeout> | null = null;
  private readonly retention: ChangeRetention;
  readonly store: Store;
  readonly ctx: CoreContext;
  readonly incidents: IncidentService;
  readonly board: BoardQueries;
  readonly console: ConsoleServices;
  readonly resources: Omit<ResourcesModule, 'handlers'>;
  readonly boards: BoardStore;
  readonly boardAggregates: BoardAggregates;
  readonly exercise: ExerciseService;
  readonly feeds: FeedsService;
  readonly rosters: Omit<RostersModule, 'handlers' | 'asyncHandlers'>;
  private readonly listeners = new Set<ChangeListener>();
  private notified: number;
  private readonly handlers: HandlersFor<SyncChannel>;
  private readonly asyncHandlers: AsyncHandlersFor<AsyncChannel>;

  constructor(opts: CoreOptions) {
    const now = opts.now ?? Date.now;
    this.store = openStore({ file: opts.dbFile, nativeBinding: opts.nativeBinding });
    const db = this.store.db;
    this.ctx = {
      db,
      now,
      changes: new ChangeLog(db, now),
      actor: { seat: opts.seat, operator: opts.operator, role: opts.role ?? 'duty_officer' },
      mode: opts.mode,
    };
    const foundation = foundationModule(this.ctx, {
      version: opts.version,
      dbFile: opts.dbFile,
      schemaVersion: this.store.schemaVersion,
    });
    this.incidents = foundation.incidents;
    this.board = foundation.board;
    const consoleParts = consoleModule(this.ctx, foundation.incidents, {
      file: opts.dbFile,
      nativeBinding: opts.nativeBinding,
    });
    this.console = consoleParts;
    const resources = resourcesModule(this.ctx, foundation.incidents);
    this.resources = resources;
    this.feeds = new FeedsService(
      this.ctx,
      this.incidents,
      {
        cipher: new MemoryOnlyCipher(),
        ...opts.feeds,
        // Change notices flow after each ingestion commit, not only after requests.
        onCommitted: () => this.flushChanges(),
      },
      resources.units,
    );
    // Dispatch and recall of units a feed source drives go through that source's outbox.
    resources.units.useCommandSink(
      outboxCommandSink(this.ctx.db, this.feeds.outbox, (source) => void this.feeds.drainOutbox(source)),
    );
    const exercise = exerciseModule(this.ctx, path.dirname(opts.dbFile));
    this.exercise = exercise.exercise;
    const boards = boardsModule(this.ctx);
    this.boards = boards.boards;
    this.boardAggregates = boards.aggregates;
    const rosters = rostersModule(this.ctx);
    this.rosters = rosters;
    this.handlers = {
      ...foundation.handlers,
      ...consoleParts.handlers,
      ...resources.handlers,
      ...this.feeds.handlers(),
      ...exercise.handlers,
      ...boards.handlers,
      ...rosters.handlers,
    };
    this.asyncHandlers = { ...rosters.asyncHandlers };
    this.notified = this.ctx.changes.cursor();
    // Automatic checkpoints are off (store/db.ts) so no commit pays for one;
    // a passive checkpoint on a thread of its own keeps the WAL from growing
    // without bound under a sustained feed, without holding this thread.
    this.checkpointer =
      opts.dbFile === ':memory:'
        ? null
        : new WalCheckpointer(opts.dbFile, opts.checkpointEveryMs ?? CHECKPOINT_INTERVAL_MS, opts.nativeBinding);
    // The change log only bridges short gaps in the pushes to windows; without
    // pruning, 500 position fixes a second would add ~43 M rows a day.
    this.retention = { ...CHANGE_RETENTION, ...opts.changeRetention };
    this.pruneTimer = setInterval(() => this.pruneChanges(), CHANGE_PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /**
   * Apply the change-log retention rule. Listeners are told about everything
   * committed first, and nothing they have not been sent is pruned. A run
   * that hits its chunk budget (an old store's first run) comes back in 1 s.
   */
  pruneChanges(): PruneReport | null {
    if (!this.store.db.open || this.store.db.inTransaction) return null;
    this.flushChanges();
    const report = this.ctx.changes.prune(this.retention, this.notified);
    if (!report.done && this.pruneAgain === null) {
      this.pruneAgain = setTimeout(() => {
        this.pruneAgain = null;
        this.pruneChanges();
      }, 1000);
      this.pruneAgain.unref();
    }
    return report;
  }

  /**
   * Copy committed WAL pages into the database file now, on this thread,
   * without waiting for readers or writers (the checkpoint thread does this
   * every `CHECKPOINT_INTERVAL_MS`).
   */
  checkpoint(): void {
    if (!this.store.db.open || this.store.db.inTransaction) return;
    this.store.db.pragma('wal_checkpoint(PASSIVE)');
  }

  get now(): () => number {
    return this.ctx.now;
  }

  /** Run one already-validated request. Errors come back as typed results, never as throws. */
  handle<C extends Channel>(channel: C, request: ParsedRequestOf<C>): Result<ResponseOf<C>> {
    try {
      if (Object.prototype.hasOwnProperty.call(this.asyncHandlers, channel)) {
        return fail('invalid_request', `${channel} renders a file; call it through handleAsync.`);
      }
      const handler = (this.handlers as Record<string, unknown>)[channel] as (req: ParsedRequestOf<C>) => ResponseOf<C>;
      // Permission check and audit entry for every write (console/guard.ts).
      return ok(
        runGuarded(
          this.ctx,
          this.console.audit,
          channel,
          request,
          () => handler(request),
          this.console.snapshots[channel],
        ),
      );
    } catch (err) {
      if (err instanceof CoreError) return fail(err.code, err.message);
      return fail('internal', err instanceof Error ? err.message : String(err));
    } finally {
      this.flushChanges();
    }
  }

  /** Run any request, awaiting asynchronous handlers; what the client and the worker call. */
  async handleAsync<C extends Channel>(channel: C, request: ParsedRequestOf<C>): Promise<Result<ResponseOf<C>>> {
    if (!Object.prototype.hasOwnProperty.call(this.asyncHandlers, channel)) return this.handle(channel, request);
    try {
      const handler = (this.asyncHandlers as Record<string, unknown>)[channel] as (
        req: ParsedRequestOf<C>,
      ) => Promise<ResponseOf<C>>;
      return ok(await handler(request));
    } catch (err) {
      if (err instanceof CoreError) return fail(err.code, err.message);
      return fail('internal', err instanceof Error ? err.message : String(err));
    } finally {
      this.flushChanges();
    }
  }

  onChanges(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tell listeners about every change committed since the last notice. */
  flushChanges(): void {
    if (this.listeners.size === 0) {
      this.notified = this.ctx.changes.cursor();
      return;
    }
    for (;;) {
      const batch = this.ctx.changes.read(this.notified);
      if (batch.reset) {
        // Only if a transaction we had already announced from rolled back: realign, push nothing.
        this.notified = batch.cursor;
        return;
      }
      if (batch.changes.length === 0) return;
      this.notified = batch.cursor;
      for (const l of this.listeners) l(batch);
    }
  }

  /** Connect to every enabled feed source. Sockets live in the core; acks follow commits. */
  startFeeds(): void {
    this.feeds.start();
  }

  /** Disconnect all feeds and commit whatever was already received. */
  stopFeeds(): void {
    this.feeds.stop();
  }

  close(): void {
    this.checkpointer?.stop();
    clearInterval(this.pruneTimer);
    if (this.pruneAgain !== null) clearTimeout(this.pruneAgain);
    this.console.dispose();
    this.feeds.stop();
    this.listeners.clear();
    this.store.close();
  }
}
