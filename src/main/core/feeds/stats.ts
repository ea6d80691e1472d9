import type { Database as Db } from 'better-sqlite3';

/** The exact shape `core stats --json` prints; other tools rely on it. */
export interface StoreStats {
  incidents: number;
  reports: number;
  units: number;
  warnings: { active: number; total: number };
  alerts: number;
  quarantined: number;
  commandsPending: number;
  mergeProposals: number;
  faults: number;
  streams: Record<string, { cursor: number; gaps: number }>;
}

export function storeStats(db: Db, now: number = Date.now()): StoreStats {
  const n = (sql: string, ...args: unknown[]): number => (db.prepare(sql).get(...args) as { n: number }).n;
  const streams: StoreStats['streams'] = {};
  const rows = db
    .prepare(
      `SELECT c.stream, c.cursor, (SELECT count(*) FROM feed_faults f WHERE f.stream = c.stream AND f.kind = 'gap') AS gaps
       FROM feed_cursors c ORDER BY c.stream`,
    )
    .all() as { stream: string; cursor: number; gaps: number }[];
  for (const r of rows) streams[r.stream] = { cursor: r.cursor, gaps: r.gaps };
  return {
    incidents: n('SELECT count(*) AS n FROM incidents'),
    reports: n('SELECT count(*) AS n FROM reports'),
    units: n('SELECT count(*) AS n FROM units'),
    warnings: {
      active: n(`SELECT count(*) AS n FROM warnings WHERE state = 'active' AND (expires IS NULL OR expires > ?)`, now),
      total: n('SELECT count(*) AS n FROM warnings'),
    },
    alerts: n('SELECT count(*) AS n FROM alerts'),
    quarantined: n('SELECT count(*) AS n FROM quarantine'),
    commandsPending: n(`SELECT count(*) AS n FROM outbox WHERE state = 'pending'`),
    mergeProposals: n('SELECT count(*) AS n FROM merge_proposals'),
    faults: n('SELECT count(*) AS n FROM feed_faults'),
    streams,
  };
}
