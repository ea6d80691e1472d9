import type { Statement } from 'better-sqlite3';
import { STALE_AFTER_MS, UNIT_STATUSES, type ResourceKpis, type UnitStatus } from '../../../shared/resources';
import type { CoreContext } from '../context';

export interface DispatchTimes {
  /** Incidents reported in the window that have had at least one unit dispatched. */
  count: number;
  medianSec: number | null;
  meanSec: number | null;
  p90Sec: number | null;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Median as officers expect it: the middle value, or the mean of the two middle values. */
export function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const m = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** Unit figures for the KPI tiles: units by status and time to dispatch. */
export class ResourceKpiQueries {
  private readonly byStatus: Statement<[]>;
  private readonly stale: Statement<[number]>;
  private readonly unregistered: Statement<[]>;
  private readonly firstDispatch: Statement<[number, number]>;

  constructor(private readonly ctx: CoreContext) {
    const db = ctx.db;
    this.byStatus = db.prepare('SELECT status, count(*) AS n FROM units WHERE registered = 1 GROUP BY status');
    this.stale = db.prepare('SELECT count(*) AS n FROM units WHERE registered = 1 AND (fix_at IS NULL OR fix_at < ?)');
    this.unregistered = db.prepare('SELECT count(*) AS n FROM units WHERE registered = 0');
    // Time to dispatch: from the incident being reported to the first unit dispatched to it.
    this.firstDispatch = db.prepare(`
      SELECT (min(h.at) - i.reported_at) / 1000.0 AS sec
      FROM incidents i JOIN unit_status_history h ON h.incident_id = i.id AND h.to_status = 'dispatched'
      WHERE i.reported_at >= ? AND i.reported_at < ?
      GROUP BY i.id`);
  }

  dispatchTimes(from: number, to: number): DispatchTimes & { seconds: number[] } {
    const seconds = (this.firstDispatch.all(from, to) as { sec: number }[]).map((r) => r.sec).sort((a, b) => a - b);
    const mean = seconds.length ? seconds.reduce((s, x) => s + x, 0) / seconds.length : null;
    return {
      count: seconds.length,
      medianSec: median(seconds),
      meanSec: mean,
      p90Sec: percentile(seconds, 90),
      seconds,
    };
  }

  kpis(windowHours: number): ResourceKpis {
    const now = this.ctx.now();
    const unitsByStatus = Object.fromEntries(UNIT_STATUSES.map((s) => [s, 0])) as Record<UnitStatus, number>;
    for (const r of this.byStatus.all() as { status: UnitStatus; n: number }[]) unitsByStatus[r.status] = r.n;
    const d = this.dispatchTimes(now - windowHours * 3600_000, now + 1);
    return {
      unitsByStatus,
      staleUnits: (this.stale.get(now - STALE_AFTER_MS) as { n: number }).n,
      unregisteredUnits: (this.unregistered.get() as { n: number }).n,
      dispatch: { count: d.count, medianSec: d.medianSec, meanSec: d.meanSec, p90Sec: d.p90Sec },
    };
  }
}
