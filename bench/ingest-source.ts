import { startFeedServer, type FeedServer } from '../src/main/core/feeds/server/feed-server';

/** The benchmark's feed source, in its own process so it does not load the measured threads. */
let server: FeedServer | undefined;
let n = 0;
const payload = (i: number): Record<string, unknown> => ({
  sensorId: `GS-${i % 2000}`,
  kind: 'gas',
  value: (i % 97) / 10,
  threshold: 10,
  unit: '%LEL',
  location: { district: '徐汇区', lat: 31.19, lon: 121.43 },
});
const reply = (m: object): void => void process.send?.(m);

process.on('message', (m: { cmd: string; n?: number; perSec?: number; seconds?: number }) => {
  void (async () => {
    if (m.cmd === 'start') {
      server = await startFeedServer({ mode: 'live', tokens: ['bench'], name: 'bench', window: 20_000 });
      reply({ url: server.url });
    } else if (m.cmd === 'preload') {
      for (let i = 0; i < (m.n ?? 0); i++) server!.publish('iot-gas', 'sensor.alarm', payload(++n));
      reply({ preloaded: true });
    } else if (m.cmd === 'rate') {
      // Publish in 10 ms ticks so the rate is steady rather than one burst.
      const perTick = (m.perSec ?? 0) / 100;
      const ticks = (m.seconds ?? 0) * 100;
      const start = performance.now();
      for (let t = 0; t < ticks; t++) {
        for (let i = 0; i < perTick; i++) server!.publish('iot-gas', 'sensor.alarm', payload(++n));
        const wait = start + (t + 1) * 10 - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
      reply({ done: true });
    } else if (m.cmd === 'acked') {
      reply({ acked: server!.ackedSeq('iot-gas') });
    }
  })();
});
process.on('SIGTERM', () => void server?.close().then(() => process.exit(0)));
