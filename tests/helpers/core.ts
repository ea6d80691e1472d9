import path from 'node:path';
import { inProcessCore } from '../../src/main/core/client';
import type { CoreOptions } from '../../src/main/core/core';
import { createRouter, type Router } from '../../src/main/ipc/router';
import { tempDir } from './tmp';

export const TEST_ORIGIN = { protocol: 'app:', host: 'watchfloor' } as const;
export const OUR_WINDOW = { fromOurWindow: true, url: 'app://watchfloor/index.html#/console' } as const;

/** A real core over a real SQLite file in a fresh temp folder, behind the real router. */
export function testCore(overrides: Partial<CoreOptions> = {}): {
  client: ReturnType<typeof inProcessCore>;
  router: Router;
  dbFile: string;
  dir: string;
  cleanup: () => Promise<void>;
} {
  const t = tempDir();
  const dbFile = path.join(t.dir, 'live.db');
  const client = inProcessCore({
    dbFile,
    seat: 'seat-01',
    operator: 'officer-wang',
    mode: 'live',
    version: 'test',
    ...overrides,
  });
  return {
    client,
    router: createRouter(client, [TEST_ORIGIN]),
    dbFile,
    dir: t.dir,
    cleanup: async () => {
      await client.close();
      t.cleanup();
    },
  };
}
