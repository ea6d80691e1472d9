import type { Database as Db } from 'better-sqlite3';
import type { Channel, ParsedRequestOf, ResponseOf } from '../../shared/ipc';
import type { Role } from '../../shared/console/roles';
import type { ChangeLog } from './store/changes';

export interface Actor {
  seat: string;
  operator: string;
  /**
   * Set at sign-in; permissions are checked against it on every request.
   * Absent (an actor built by a feed or an exercise inject) counts as a duty officer.
   */
  role?: Role;
  /**
   * True after a sign-out until the next sign-in: reads still work, every
   * action is refused (`roles/guard.ts`) and audit entries name nobody.
   */
  signedOut?: boolean;
}

/** What every domain service gets: the store, the clock, the change log and who is acting. */
export interface CoreContext {
  readonly db: Db;
  readonly now: () => number;
  readonly changes: ChangeLog;
  readonly actor: Actor;
  readonly mode: 'live' | 'exercise';
}

/** Handlers for a subset of channels; each domain module returns one of these. */
export type HandlersFor<C extends Channel> = { [K in C]: (req: ParsedRequestOf<K>) => ResponseOf<K> };

/** Handlers that must await (rendering a file); they read the store synchronously before their first await. */
export type AsyncHandlersFor<C extends Channel> = { [K in C]: (req: ParsedRequestOf<K>) => Promise<ResponseOf<K>> };
