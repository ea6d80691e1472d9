import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { IntegrityState } from '../../../shared/contracts/console';

/**
 * The integrity check at start, run off the core's thread.
 *
 * `PRAGMA quick_check` reads every page: measured on a store with a million
 * closed cases (about 1 GB) it took 13 s on this shared machine, which would
 * hold the core (and every feed and board behind it) for that long if run
 * inline, and break the "open and serve the first board query in under a
 * second" budget. So a worker thread opens its own read-only connection (WAL
 * lets it read while the core writes) and reports back; the console shows
 * "checking…" until then and the result after.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, {
    readonly: true,
    fileMustExist: true,
    ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
  });
  const rows = db.pragma('quick_check');
  parentPort.postMessage({ result: rows.map((r) => r.quick_check) });
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
} finally {
  if (db) db.close();
}
`;

export class StartupIntegrity {
  private current: IntegrityState;
  private worker: Worker | null = null;
  private readonly finished: Promise<IntegrityState>;
  /** Resolves once the checking thread has exited and its read-only connection is closed. */
  private readonly exited: Promise<void>;

  constructor(
    file: string,
    private readonly now: () => number,
    onDone: (state: IntegrityState) => void,
    nativeBinding?: string,
  ) {
    this.current = { status: 'running', ok: false, result: [], startedAt: now(), checkedAt: null };
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    let markExited: () => void = () => undefined;
    this.exited = new Promise((resolve) => (markExited = resolve));
    this.finished = new Promise((resolve) => {
      const settle = (patch: Partial<IntegrityState>): void => {
        if (this.current.status !== 'running') return;
        this.current = { ...this.current, ...patch, checkedAt: this.now() };
        this.worker = null;
        onDone(this.current);
        resolve(this.current);
      };
      const w = new Worker(WORKER_CODE, { eval: true, workerData: { file, driver, nativeBinding } });
      this.worker = w;
      w.once('exit', markExited);
      w.once('message', (m: { result?: string[]; error?: string }) => {
        if (m.error !== undefined) settle({ status: 'error', ok: false, result: [m.error] });
        else {
          const result = m.result ?? [];
          const ok = result.length === 1 && result[0] === 'ok';
          settle({ status: ok ? 'ok' : 'failed', ok, result: result.slice(0, 50) });
        }
      });
      w.once('error', (err) => settle({ status: 'error', ok: false, result: [err.message] }));
      w.once('exit', () => settle({ status: 'error', ok: false, result: ['the check stopped before it finished'] }));
    });
  }

  state(): IntegrityState {
    return { ...this.current, result: [...this.current.result] };
  }

  /** Resolves when the check has finished (tests, CLI). */
  done(): Promise<IntegrityState> {
    return this.finished;
  }

  /**
   * Stop a check still running (the store is closing). Resolves when the
   * thread is gone: a restore must not replace the file while it still reads it.
   */
  stop(): Promise<void> {
    void this.worker?.terminate();
    this.worker = null;
    return this.exited;
  }
}
