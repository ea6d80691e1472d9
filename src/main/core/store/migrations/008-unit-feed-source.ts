import type { Migration } from './types';

/**
 * Which configured feed source drives a unit (the source whose stream last
 * reported it). Dispatch and recall of such a unit are sent to that source's
 * outbox; a unit with no feed source is dispatched locally only.
 */
export const m008UnitFeedSource: Migration = {
  version: 8,
  name: 'unit-feed-source',
  up(db) {
    db.exec(`ALTER TABLE units ADD COLUMN feed_source TEXT`);
  },
};
