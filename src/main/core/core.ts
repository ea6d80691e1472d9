import type { Channel, ChangeBatch, ParsedRequestOf, ResponseOf } from '../../shared/ipc';
import { CoreError, fail, ok, type Result } from '../../shared/result';
import { BoardQueries } from './board/queries';
import { IncidentService, type Actor } from './incidents/service';
import { ChangeLog } from './store/changes';
import { openStore, type Store } from './store/db';

export interface CoreOptions {
  dbFile: string;
  nativeBinding?: string;
  seat: string;
  operator: string;
  mode: 'live' | 'exercise';
  version: string;
  /** Injected clock: exercises and tests run on their own time. */
  now?: () => number;
}

type Handlers = { [C in Channel]: (req: ParsedRequestOf<C>) => ResponseOf<C> };
export type ChangeListener = (batch: ChangeBatch) => void;

/**
 * The command centre itself, synchronous and single-threaded over one store.
 * It never imports Electron: in the app it runs inside a worker thread (see
 * `host.ts`), in tests and the CLI in-process.
 */
export class Core {
  readonly store: Store;
  readonly now: () => number;
  readonly changes: ChangeLog;
  readonly incidents: IncidentService;
  readonly board: BoardQueries;
  private readonly listeners = new Set<ChangeListener>();
  private notified: number;
  private readonly actor: Actor;
  private readonly handlers: Handlers;

  constructor(private readonly opts: CoreOptions) {
    this.now = opts.now ?? Date.now;
    this.store = openStore({ file: opts.dbFile, nativeBinding: opts.nativeBinding });
    const db = this.store.db;
    this.changes = new ChangeLog(db, this.now);
    this.incidents = new IncidentService(db, this.changes, this.now);
    this.board = new BoardQueries(db, this.now);
    this.notified = this.changes.cursor();
    this.actor = { seat: opts.seat, operator: opts.operator };
    this.handlers = {
      'app.info': () => ({
        version: opts.version,
        mode: opts.mode,
        seat: opts.seat,
        dbFile: opts.dbFile,
        schemaVersion: this.store.schemaVersion,
      }),
      'incident.create': (r) => this.incidents.createFromReport(r, this.actor),
      'incident.list': (r) => this.incidents.list(r.scope, r.limit),
      'incident.byIds': (r) => this.incidents.byIds(r.ids),
      'incident.get': (r) => ({ incident: this.incidents.get(r.id), timeline: this.incidents.timeline(r.id) }),
      'board.kpis': () => this.board.kpis(),
      'board.trend': (r) => this.board.trendByCategory(r.hours),
      'changes.since': (r) => this.changes.read(r.cursor),
    };
  }

  /** Run one already-validated request. Errors come back as typed results, never as throws. */
  handle<C extends Channel>(channel: C, request: ParsedRequestOf<C>): Result<ResponseOf<C>> {
    try {
      const handler = this.handlers[channel] as (req: ParsedRequestOf<C>) => ResponseOf<C>;
      return ok(handler(request));
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
      this.notified = this.changes.cursor();
      return;
    }
    for (;;) {
      const batch = this.changes.read(this.notified);
      if (batch.changes.length === 0) return;
      this.notified = batch.cursor;
      for (const l of this.listeners) l(batch);
    }
  }

  close(): void {
    this.listeners.clear();
    this.store.close();
  }
}
