import { parentPort, workerData } from 'node:worker_threads';
import { Core } from '../src/main/core/core';

/** The core in its own thread, as in the app: store, feed socket, pipeline. Reports commit latencies. */
const { db, url, token } = workerData as { db: string; url: string; token: string };
const port = parentPort!;
let latencies: number[] = [];
let events = 0;
const core = new Core({
  dbFile: db,
  seat: 'bench',
  operator: 'bench',
  mode: 'live',
  version: 'bench',
  feeds: {
    ingest: {
      onCommitted: (b) => {
        events += b.count;
        for (const l of b.latencies) latencies.push(l);
      },
    },
  },
});
core.feeds.addSessionSource('bench', url, token);
port.on('message', (m: { cmd: string }) => {
  if (m.cmd === 'start') core.startFeeds();
  else if (m.cmd === 'stop') {
    core.stopFeeds();
    port.postMessage({ stopped: true });
  } else if (m.cmd === 'take') {
    port.postMessage({ latencies, events });
    latencies = [];
  } else if (m.cmd === 'close') {
    core.close();
    port.postMessage({ closed: true });
  }
});
port.postMessage({ ready: true });
