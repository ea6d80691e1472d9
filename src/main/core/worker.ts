import { parentPort, workerData } from 'node:worker_threads';
import type { Channel, ParsedRequestOf } from '../../shared/ipc';
import { Core, type CoreOptions } from './core';
import { StoreOpenError } from './store/db';
import type { FromWorker, ToWorker } from './worker-protocol';

/** Entry point of the core worker thread: owns the store, answers calls, streams changes. */
const port = parentPort;
if (!port) throw new Error('core worker must run in a worker thread');
const send = (m: FromWorker): void => port.postMessage(m);

let core: Core | undefined;
try {
  core = new Core(workerData as CoreOptions);
  core.onChanges((batch) => send({ kind: 'changes', batch }));
  send({ kind: 'ready' });
  // Feed sockets live here, beside the store: acks leave only after their commit.
  core.startFeeds();
} catch (err) {
  const e = err as Error;
  send({
    kind: 'open_failed',
    error: { name: e.name, kind: err instanceof StoreOpenError ? err.kind : undefined, message: e.message },
  });
}

port.on('message', (m: ToWorker) => {
  if (m.kind === 'close') {
    core?.close();
    send({ kind: 'closed' });
    port.close();
    return;
  }
  if (!core) return;
  const id = m.id;
  void core.handleAsync(m.channel, m.request as ParsedRequestOf<Channel>).then((result) => {
    send({ kind: 'result', id, result });
  });
});
