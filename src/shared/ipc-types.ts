import type { Category, Level } from './domain';

export interface AppInfo {
  version: string;
  mode: 'live' | 'exercise';
  seat: string;
  dbFile: string;
  schemaVersion: number;
}

export interface Kpis {
  openByLevel: Record<Level, number>;
  openTotal: number;
  newLastHour: number;
  at: number;
}

export interface TrendPoint {
  hour: number;
  category: Category;
  count: number;
}

export interface Change {
  id: number;
  entity: string;
  entityId: string;
  op: 'insert' | 'update' | 'delete';
}

export interface ChangeBatch {
  /** Highest change id included; a window that missed a batch resyncs with `changes.since`. */
  cursor: number;
  changes: Change[];
  /**
   * The log no longer holds what follows the reader's cursor (pruned, see
   * store/changes.ts) or the cursor is not from this store: `changes` is
   * empty, `cursor` is the head, and the reader must reload in full.
   */
  reset?: boolean;
}
