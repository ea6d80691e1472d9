import type { Migration } from './types';
import { m001Foundation } from './001-foundation';
import { m002Feeds } from './002-feeds';
import { m003Exercise } from './003-exercise';
import { m004Boards } from './004-boards';
import { m005Console } from './005-console';
import { m006Resources } from './006-resources';
import { m007Rosters } from './007-rosters';
import { m008UnitFeedSource } from './008-unit-feed-source';
import { m009AlertsLean } from './009-alerts-lean';
import { m010AlertsTimeKey } from './010-alerts-time-key';

/**
 * Every migration, in order. Each is one small file; version N is the
 * array position + 1 and is checked at start-up so a gap or reordering fails
 * loudly in tests rather than silently on a user's store.
 */
export const MIGRATIONS: readonly Migration[] = [
  m001Foundation,
  m002Feeds,
  m003Exercise,
  m004Boards,
  m005Console,
  m006Resources,
  m007Rosters,
  m008UnitFeedSource,
  m009AlertsLean,
  m010AlertsTimeKey,
];
