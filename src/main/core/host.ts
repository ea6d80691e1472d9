import { Worker } from 'node:worker_threads';
import type { ChangeBatch } from '../../shared/ipc';
import { fail, type Result } from '../../shared/result';
import type { CoreClient } from './client';
import type { CoreOptions } from './core';
import { StoreOpenError, type StoreOpenErrorKind } from './store/db';
import type { TokenCipher } from './feeds/tokens';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol';

export interface WorkerHostOptions {
  /** The built worker script (out/main/core-worker.js), or worker.ts with tsx in tests. */
  workerFile: string;
  execArgv?: string[];
  /**
   * The shell's token cipher (Electron safeStorage in the app). When it is
   * persistent, tokens are encrypted here, on the shell's thread, before a
   * `feeds.upsert` reaches the core, and the core asks this thread to decrypt.
   */
  cipher?: TokenCipher;
}

/** Swap a plain token for the shell's ciphertext so the core never holds it in a form it could write. */
function sealRequest(channel: string, request: unknown, cipher: TokenCipher | undefined): unknown {
  if (channel !== 'feeds.upsert' || !cipher?.persistent) return request;
  const { token, ...rest } = request as { token?: string };
  return token === undefined ? rest : { ...rest, tokenCipher: cipher.encrypt(token) };
}

/**
 * Run the core in a worker thread so SQL, lock waits and feed bursts never
 * stall the Electron main thread (window management, other screens).
 * Resolves once the store is open, or rejects with the store's own error.
 */
export function startWorkerCore(opts: CoreOptions & WorkerStart, host: WorkerHostOptions): Promise<CoreClient> {
  const cipher = host.cipher;
  const workerData: CoreOptions & WorkerStart = { ...opts, tokens: cipher?.persistent ? 'shell' : 'memory' };
  const worker = new Worker(host.workerFile, { workerData, execArgv: host.execArgv });
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
        let sealed: unknown;
        try {
          sealed = sealRequest(channel, request, cipher);
        } catch (err) {
          return Promise.resolve(
            fail('refused', `The token could not be encrypted, so it was not saved: ${(err as Error).message}`),
          );
        }
        const id = nextId++;
        return new Promise((resolve) => {
          pending.set(id, resolve as (r: Result<unknown>) => void);
          worker.postMessage({ kind: 'call', id, channel, request: sealed } satisfies ToWorker);
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
        case 'decrypt': {
          let reply: ToWorker;
          try {
            if (!cipher?.persistent) throw new Error('no secure storage on this seat');
            reply = { kind: 'decrypted', id: m.id, plain: cipher.decrypt(m.cipherText) };
          } catch (err) {
            reply = {
              kind: 'decrypted',
              id: m.id,
              error: `The stored token cannot be decrypted on this seat (${(err as Error).message}); give it again in settings.`,
            };
          }
          worker.postMessage(reply);
          break;
        }
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
