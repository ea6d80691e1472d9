import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a thread of their own.
 *
 * Automatic checkpoints are off (store/db.ts) so no commit pays for one, but
 * a checkpoint run by the core between transactions still holds the core's
 * thread while it copies the WAL into the database file and syncs it: 33–53 ms
 * for the ~4,200 pages a catch-up writes in two seconds (measured here with
 * the ingest bench) — every feed event and board request waits behind it. A
 * passive checkpoint needs no lock the writer holds, so a second connection
 * in its own thread does the same work beside the core, on the other core.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const done = new Int32Array(workerData.done);
let db;
try {
  db = new Database(workerData.file, {
    fileMustExist: true,
    ...(workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {}),
  });
  // Every connection to the store syncs fully; this one never commits, but its checkpoints sync the file.
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 0');
} catch (err) {
  parentPort.postMessage({ error: String((err && err.message) || err) });
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
  process.exit(0);
}
const checkpoint = () => {
  try {
    const [r] = db.pragma('wal_checkpoint(PASSIVE)');
    return { pages: r.checkpointed, log: r.log, busy: r.busy };
  } catch (err) {
    return { error: String((err && err.message) || err) };
  }
};
const timer = setInterval(() => {
  const r = checkpoint();
  if (r.error) parentPort.postMessage(r);
}, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m.cmd === 'checkpoint') parentPort.postMessage({ id: m.id, ...checkpoint() });
  else if (m.cmd === 'stop') {
    clearInterval(timer);
    db.close();
    Atomics.store(done, 0, 1);
    Atomics.notify(done, 0);
    parentPort.close();
  }
});
`;

export interface CheckpointResult {
  /** Frames copied into the database file, frames in the WAL; -1 when the WAL is not in use. */
  pages: number;
  log: number;
  busy: number;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  /** Set to 1 by the thread once its connection is closed (read across threads, so `stop` can wait synchronously). */
  private readonly done = new SharedArrayBuffer(4);
  private stopped = false;
  /** The thread has ended (an error, or after `stop`): nothing left to wait for. */
  private exited = false;
  private nextId = 0;
  private readonly waiting = new Map<number, (r: CheckpointResult) => void>();
  lastError: string | null = null;

  constructor(file: string, intervalMs: number, nativeBinding?: string) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_CODE, {
      eval: true,
      workerData: { file, driver, nativeBinding, intervalMs, done: this.done },
    });
    this.worker.unref();
    this.worker.on('message', (m: { id?: number; error?: string } & Partial<CheckpointResult>) => {
      if (m.error !== undefined) this.lastError = m.error;
      if (m.id === undefined) return;
      const resolve = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      resolve?.({ pages: m.pages ?? -1, log: m.log ?? -1, busy: m.busy ?? 0 });
    });
    this.worker.on('error', (err) => (this.lastError = err.message));
    this.worker.on('exit', () => (this.exited = true));
  }

  /** True once the thread has closed its connection. */
  get closed(): boolean {
    return Atomics.load(new Int32Array(this.done), 0) === 1;
  }

  /** One checkpoint now, on the thread (tests; the timer runs them every interval). */
  checkpoint(): Promise<CheckpointResult> {
    const id = ++this.nextId;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ cmd: 'checkpoint', id });
    });
  }

  /**
   * Close the thread's connection before the store closes: the last
   * connection to close removes the WAL, and a restore must not replace the
   * file under an open one. Waits (synchronously, as the store's close is) at
   * most `timeoutMs` for a checkpoint in progress to finish.
   */
  stop(timeoutMs = 5000): void {
    if (this.stopped) return;
    this.stopped = true;
    if (!this.exited) {
      this.worker.postMessage({ cmd: 'stop' });
      Atomics.wait(new Int32Array(this.done), 0, 0, timeoutMs);
    }
    for (const resolve of this.waiting.values()) resolve({ pages: -1, log: -1, busy: 0 });
    this.waiting.clear();
    void this.worker.terminate();
  }
}
