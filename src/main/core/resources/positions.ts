import type { Database as Db, Statement } from 'better-sqlite3';
import type { PositionFix } from '../../../shared/resources';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Retention of the position history (5,000 units × one fix every 10 s is
 * 43 million rows a day, so it must be bounded):
 *
 * - younger than 1 hour: every fix is kept;
 * - 1 hour to 24 hours old: the first fix of each clock minute is kept;
 * - 24 hours to 30 days old: the first fix of each 10-minute slot is kept;
 * - older than 30 days: dropped.
 *
 * Buckets are aligned to absolute time (epoch milliseconds), so thinning is
 * idempotent and each bucket is thinned exactly once: a bookmark in `meta`
 * records how far each tier has been thinned and the next run only visits
 * the slice that aged past the boundary since. Steady state per unit is
 * 360 + 1,380 + 4,176 ≈ 5,900 rows, about 30 million rows for 5,000 units.
 * The live position on `units` is never thinned.
 */
export const RETENTION = {
  fullFor: HOUR,
  minuteFor: DAY,
  tenMinutesFor: 30 * DAY,
  maintainEvery: MINUTE,
} as const;

const TIERS = [
  { key: 'resources.positions.thinned_1m', bucket: MINUTE, olderThan: RETENTION.fullFor },
  { key: 'resources.positions.thinned_10m', bucket: 10 * MINUTE, olderThan: RETENTION.minuteFor },
] as const;

/** Delete every fix in [a, b) that is not the first of its bucket for its unit. */
function thinSql(bucket: number): string {
  return `DELETE FROM unit_positions
    WHERE at >= ? AND at < ?
      AND at <> (SELECT min(q.at) FROM unit_positions AS q
                 WHERE q.unit_id = unit_positions.unit_id
                   AND q.at >= unit_positions.at - (unit_positions.at % ${bucket})
                   AND q.at < unit_positions.at - (unit_positions.at % ${bucket}) + ${bucket})`;
}

export interface MaintainReport {
  thinned: number;
  dropped: number;
}

export class PositionHistory {
  private readonly insert: Statement;
  private readonly track: Statement<[string, number, number, number]>;
  private readonly thin: Statement<[number, number]>[];
  private readonly drop: Statement<[number]>;
  private readonly getMeta: Statement<[string]>;
  private readonly setMeta: Statement<[string, string]>;
  private readonly oldest: Statement<[]>;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO unit_positions (unit_id, at, lat, lon, speed_kmh, heading) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.track = db.prepare(
      `SELECT at, lat, lon, speed_kmh AS speedKmh, heading FROM unit_positions
       WHERE unit_id = ? AND at >= ? AND at <= ? ORDER BY at LIMIT ?`,
    );
    this.thin = TIERS.map((t) => db.prepare(thinSql(t.bucket)));
    this.drop = db.prepare('DELETE FROM unit_positions WHERE at < ?');
    this.getMeta = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.setMeta = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.oldest = db.prepare('SELECT min(at) AS at FROM unit_positions');
  }

  /** Record one fix; a repeated (unit, time) pair — a feed resend — is ignored. */
  add(unitId: string, fix: PositionFix): void {
    this.insert.run(unitId, fix.at, fix.lat, fix.lon, fix.speedKmh, fix.heading);
  }

  trackOf(unitId: string, from: number, to: number, limit = 20_000): PositionFix[] {
    return this.track.all(unitId, from, to, limit) as PositionFix[];
  }

  /** Apply the retention rule as of `now`. Call between feed batches; it runs in its own transaction. */
  maintain(now: number): MaintainReport {
    return this.db.transaction((): MaintainReport => {
      // Drop first: there is no point thinning what is about to go.
      const dropped = this.drop.run(now - RETENTION.tenMinutesFor).changes;
      let thinned = 0;
      TIERS.forEach((tier, i) => {
        const upTo = now - tier.olderThan - ((now - tier.olderThan) % tier.bucket);
        const saved = this.getMeta.get(tier.key) as { value: string } | undefined;
        let from = saved ? Number(saved.value) : null;
        if (from === null) {
          const o = (this.oldest.get() as { at: number | null }).at;
          from = o === null ? upTo : o - (o % tier.bucket);
        }
        if (upTo > from) {
          thinned += this.thin[i].run(from, upTo).changes;
          this.setMeta.run(tier.key, String(upTo));
        }
      });
      return { thinned, dropped };
    })();
  }
}
