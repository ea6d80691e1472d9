import { FeedLog } from '../../src/main/core/feeds/server/feed-log';
import { startFeedServer, type FeedServer, type FeedServerOptions } from '../../src/main/core/feeds/server/feed-server';
import type { Envelope } from '../../src/main/core/feeds/protocol';

/**
 * The reference feed server: the protocol server plus the faults a real city
 * system produces — dropped connections, restarts (history and acks kept),
 * duplicates, gaps and hostile messages. Used by tests, the benchmark and
 * `npm run feeds:dev`.
 */
export interface ReferenceServer {
  readonly url: string;
  readonly port: number;
  readonly log: FeedLog;
  /** The server currently listening (it changes on restart). */
  current(): FeedServer;
  publish(
    stream: string,
    type: string,
    payload: Record<string, unknown>,
    opts?: { id?: string; ts?: string },
  ): Envelope;
  publishRaw(stream: string, raw: unknown | ((seq: number) => unknown)): number;
  ackedSeq(stream: string, seat?: string): number;
  drop(): void;
  /** Stop listening and start again on the same port with the same history. */
  restart(downMs?: number): Promise<void>;
  duplicate(stream: string, n: number): number;
  gap(stream: string, n: number): void;
  /** Send `n` hostile messages, each at the stream's next seq. */
  hostile(stream: string, n: number): void;
  close(): Promise<void>;
}

/** A few kinds of hostile message a broken or malicious source sends. */
export const HOSTILE_SAMPLES: ((stream: string, seq: number) => unknown)[] = [
  () => 'not an object',
  (stream, seq) => ({
    v: 1,
    stream,
    seq,
    id: `h${seq}`,
    type: 'unit.position',
    ts: '2026-11-29T09:00:00+08:00',
    payload: JSON.parse(
      '{"__proto__":{"polluted":true},"unitId":"X","lat":31,"lon":121,"at":"2026-11-29T09:00:00+08:00"}',
    ) as unknown,
  }),
  (stream, seq) => ({
    v: 1,
    stream,
    seq,
    id: `h${seq}`,
    type: 'unit.position',
    ts: '2026-11-29T09:00:00+08:00',
    payload: { unitId: 'X', lat: 1e308 * 10, lon: 121, at: '2026-11-29T09:00:00+08:00' },
  }),
  (stream, seq) => ({
    v: 1,
    stream,
    seq,
    id: `h${seq}`,
    type: 'incident.deleted',
    ts: '2026-11-29T09:00:00+08:00',
    payload: {},
  }),
  (stream, seq) => ({ v: 1, stream, seq, id: `h${seq}`, type: 'sensor.alarm', ts: 'tomorrow', payload: {} }),
  (stream, seq) => ({
    v: 1,
    stream,
    seq,
    id: `h${seq}`,
    type: 'incident.reported',
    ts: '2026-11-29T09:00:00+08:00',
    payload: { externalRef: 'x', title: 'y'.repeat(50_000) },
  }),
];

export async function startReferenceServer(opts: FeedServerOptions): Promise<ReferenceServer> {
  const log = opts.log ?? new FeedLog();
  let server = await startFeedServer({ ...opts, log });
  const port = server.port;
  let hostileCount = 0;
  return {
    url: server.url,
    port,
    log,
    current: () => server,
    publish: (stream, type, payload, o) => server.publish(stream, type, payload, o),
    publishRaw: (stream, raw) => server.publishRaw(stream, raw),
    ackedSeq: (stream, seat) => server.ackedSeq(stream, seat),
    drop: () => server.dropConnections(),
    async restart(downMs = 50) {
      await server.close();
      await new Promise((r) => setTimeout(r, downMs));
      server = await startFeedServer({ ...opts, log, port });
    },
    duplicate: (stream, n) => server.duplicate(stream, n),
    gap: (stream, n) => server.skip(stream, n),
    hostile(stream, n) {
      for (let i = 0; i < n; i++) {
        const make = HOSTILE_SAMPLES[hostileCount++ % HOSTILE_SAMPLES.length];
        server.publishRaw(stream, (seq: number) => make(stream, seq));
      }
    },
    close: () => server.close(),
  };
}
