import { Worker } from 'node:worker_threads';
import type { ChangeBatch } from '../../shared/ipc';
import { fail, type Result } from '../../shared/result';
import type { CoreClient } from './client';
import type { CoreOptions } from './core';
import { StoreOpenError, type StoreOpenErrorKind } from './store/db';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface WorkerHostOptions {
  /** The built worker script (out/main/core-worker.js), or worker.ts with tsx in tests. */
  workerFile: string;
  execArgv?: string[];
}

/**
 * Run the core in a worker thread so SQL, lock waits and feed bursts never
 * stall the Electron main thread (window management, other screens).
 * Resolves once the store is open, or rejects with the store's own error.
 */
export function startWorkerCore(
  opts: CoreOptions & { firstRun?: boolean },
  host: WorkerHostOptions,
): Promise<CoreClient> {
  const worker = new Worker(host.workerFile, { workerData: opts, execArgv: host.execArgv });
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Set<(b: ChangeBatch) => void>();
  const modeListeners = new Set<(mode: 'live' | 'exercise') => void>();
  let nextId = 1;
  let closed = false;
  let onClosed: (() => void) | undefined;

  const failAll = (message: string): void => {
    for (const resolve of pending.values()) resolve(fail('store_unavailable', message));
    pending.clear();
  };

  return new Promise((resolveStart, rejectStart) => {
    const client: CoreClient = {
      call: (channel, request) => {
        if (closed) return Promise.resolve(fail('store_unavailable', 'the core has stopped'));
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, resolve as (r: Result<unknown>) => void);
          worker.postMessage({ kind: 'call', id, channel, request } satisfies ToWorker);
        });
      },
      onChanges: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      onModeChange: (l) => {
        modeListeners.add(l);
        return () => modeListeners.delete(l);
      },
      close: () =>
        new Promise<void>((resolve) => {
          if (closed) return resolve();
          closed = true;
          onClosed = resolve;
          worker.postMessage({ kind: 'close' } satisfies ToWorker);
        }),
    };

    worker.on('message', (m: FromWorker) => {
      switch (m.kind) {
        case 'ready':
          resolveStart(client);
          break;
        case 'open_failed':
          closed = true;
          void worker.terminate();
          rejectStart(
            m.error.kind
              ? new StoreOpenError(m.error.kind as StoreOpenErrorKind, opts.dbFile, m.error.message)
              : new Error(m.error.message),
          );
          break;
        case 'result':
          pending.get(m.id)?.(m.result);
          pending.delete(m.id);
          break;
        case 'changes':
          for (const l of listeners) l(m.batch);
          break;
        case 'mode':
          for (const l of modeListeners) l(m.mode);
          break;
        case 'closed':
          failAll('the core has stopped');
          onClosed?.();
          break;
      }
    });
    worker.on('error', (err) => {
      closed = true;
      failAll(`the core failed: ${err.message}`);
      rejectStart(err);
    });
    worker.on('exit', () => {
      closed = true;
      failAll('the core has stopped');
      onClosed?.();
    });
  });
}
