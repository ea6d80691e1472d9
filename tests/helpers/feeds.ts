import path from 'node:path';
import { Core } from '../../src/main/core/core';
import { startFeedServer, type FeedServer, type FeedServerOptions } from '../../src/main/core/feeds/server/feed-server';
import { tempDir } from './tmp';

export const TOKEN = 'test-token';

/** Poll until `cond` holds; fails after `ms` (a guard against hanging, not a timing assertion). */
export async function waitFor(cond: () => boolean, ms = 30_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Rig {
  server: FeedServer;
  core: Core;
  dir: string;
  db: string;
  count(sql: string, ...args: unknown[]): number;
  /** Wait until the server has seen every published event of the stream acked. */
  settled(stream: string): Promise<void>;
  close(): Promise<void>;
}

export async function rig(
  o: Partial<FeedServerOptions> = {},
  coreMode: 'live' | 'exercise' = 'live',
  token = TOKEN,
): Promise<Rig> {
  const { dir, cleanup } = tempDir('wf-feeds-');
  const db = path.join(dir, 'live.db');
  const server = await startFeedServer({ mode: 'live', tokens: [TOKEN], name: 'test-feed', ...o });
  const core = new Core({
    dbFile: db,
    seat: 'seat-1',
    operator: 'tester',
    mode: coreMode,
    version: 'test',
    feeds: { backoff: { initialMs: 20, maxMs: 200, unauthorizedMs: 60_000 } },
  });
  core.feeds.addSessionSource('test-feed', server.url, token);
  return {
    server,
    core,
    dir,
    db,
    count: (sql, ...args) => (core.store.db.prepare(sql).get(...args) as { n: number }).n,
    settled: (stream) =>
      waitFor(() => server.ackedSeq(stream, 'seat-1') >= server.log.head(stream), 30_000, `acks on ${stream}`),
    async close() {
      core.close();
      await server.close();
      cleanup();
    },
  };
}

/** A well-formed incident.reported payload in Huangpu. */
export function reportPayload(ref: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalRef: ref,
    title: `Fire at ${ref}`,
    category: 'fire',
    level: 'III',
    location: { district: '黄浦区', address: '南京东路 100 号', lat: 31.2357, lon: 121.4846 },
    reporter: { channel: '119', name: '王先生', phone: '13800000000' },
    ...extra,
  };
}
