import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Channel, ParsedRequestOf } from '../../shared/ipc';
import type { CoreOptions } from './core';
import { SeatRuntime } from './exercise/runtime';
import { StoreOpenError } from './store/db';
import type { FromWorker, ToWorker } from './worker-protocol';

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
const opts = workerData as CoreOptions & { firstRun?: boolean };

let runtime: SeatRuntime | undefined;
try {
  runtime = SeatRuntime.open({
    dataDir: path.dirname(opts.dbFile),
    seat: opts.seat,
    operator: opts.operator,
    version: opts.version,
    nativeBinding: opts.nativeBinding,
  });
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
  if (!runtime) return;
  void runtime
    .handle(m.channel, m.request as ParsedRequestOf<Channel>)
    .then((result) => send({ kind: 'result', id: m.id, result }));
});
