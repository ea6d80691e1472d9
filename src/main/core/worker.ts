import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Channel, ParsedRequestOf } from '../../shared/ipc';
import fs from 'node:fs';
import type { CoreOptions } from './core';
import { RemoteCipher } from './feeds/tokens';
import { SeatRuntime } from './exercise/runtime';
import { StoreOpenError } from './store/db';
import type { FromWorker, ToWorker, WorkerStart } from './worker-protocol';

/**
 * Entry point of the core worker thread. It owns the seat's runtime: the live
 * store, or an exercise's own store while one runs. It answers calls, streams
 * changes, tells the shell when the mode switches (windows then reload: their
 * change cursors belong to the old store), and on a fresh seat with no feed
 * configured starts the demonstration exercise.
 */
const port = parentPort;
if (!port) throw new Error('core worker must run in a worker thread');
const send = (m: FromWorker): void => port.postMessage(m);
const opts = workerData as CoreOptions & WorkerStart;

// Tokens the shell is decrypting for the feeds module, by request id.
const decrypting = new Map<number, { resolve: (plain: string) => void; reject: (err: Error) => void }>();
let nextDecrypt = 1;
const askShell = (cipherText: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const id = nextDecrypt++;
    decrypting.set(id, { resolve, reject });
    send({ kind: 'decrypt', id, cipherText });
  });

/** Sources from the config file; a bad file is reported and changes nothing (the store keeps its sources). */
function loadFeedsConfig(rt: SeatRuntime, file: string | undefined): void {
  if (!file || !fs.existsSync(file)) return;
  try {
    rt.core().feeds.loadConfig(file);
  } catch (err) {
    console.error(`feed sources from ${file} were not loaded:`, (err as Error).message);
  }
}

let runtime: SeatRuntime | undefined;
try {
  runtime = SeatRuntime.open({
    dataDir: path.dirname(opts.dbFile),
    seat: opts.seat,
    operator: opts.operator,
    version: opts.version,
    nativeBinding: opts.nativeBinding,
    // Without the shell's secure storage the core's default cipher keeps tokens in memory only.
    feeds: opts.tokens === 'shell' ? { cipher: new RemoteCipher(askShell) } : undefined,
  });
  loadFeedsConfig(runtime, opts.feedsConfig);
  runtime.onChanges((batch) => send({ kind: 'changes', batch }));
  runtime.onModeChange((mode) => send({ kind: 'mode', mode }));
  send({ kind: 'ready' });
  if (opts.firstRun) {
    const rt = runtime;
    const feedsConfigured = rt
      .core()
      .feeds.list()
      .some((s) => s.enabled);
    rt.firstRun(feedsConfigured).catch((err: unknown) => {
      console.error('the demonstration exercise could not start:', err);
    });
  }
} catch (err) {
  const e = err as Error;
  send({
    kind: 'open_failed',
    error: { name: e.name, kind: err instanceof StoreOpenError ? err.kind : undefined, message: e.message },
  });
}

port.on('message', (m: ToWorker) => {
  if (m.kind === 'close') {
    const closing = runtime ? runtime.close() : Promise.resolve();
    void closing.finally(() => {
      send({ kind: 'closed' });
      port.close();
    });
    return;
  }
  if (m.kind === 'decrypted') {
    const waiting = decrypting.get(m.id);
    decrypting.delete(m.id);
    if (m.plain !== undefined) waiting?.resolve(m.plain);
    else waiting?.reject(new Error(m.error ?? 'the token could not be decrypted'));
    return;
  }
  if (!runtime) return;
  void runtime
    .handle(m.channel, m.request as ParsedRequestOf<Channel>)
    .then((result) => send({ kind: 'result', id: m.id, result }));
});
