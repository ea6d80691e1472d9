import type { Migration } from './types';

/**
 * Alert ids are now UUIDv7 of the alarm's own time (`feeds/apply.ts`), so
 * the handover's "alerts of the last 24 h" is a range of the table's key and
 * `alerts_at` — one more B-tree write for every alarm, the feeds' most
 * numerous rows — goes. Rows written before this kept ids of their ingest
 * time, which is at or after their alarm time unless the sensor's clock ran
 * ahead; the handover keeps its `at` condition as well, so a range by key can
 * only leave out such a row, never add one.
 */
export const m010AlertsTimeKey: Migration = {
  version: 10,
  name: 'alerts-time-key',
  up(db) {
    db.exec('DROP INDEX IF EXISTS alerts_at');
  },
};
