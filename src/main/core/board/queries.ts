import type { Database as Db, Statement } from 'better-sqlite3';
import { CATEGORIES, OPEN_STATUSES, type Category, type Level } from '../../../shared/domain';
import type { Kpis, TrendPoint } from '../../../shared/ipc';
import { hourStart } from '../time';

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(',');

/** Aggregates behind the situation boards; each is one indexed query. */
export class BoardQueries {
  private readonly openByLevel: Statement<[]>;
  private readonly newSince: Statement<[number]>;
  private readonly trend: Statement<[number]>;

  constructor(
    db: Db,
    private readonly now: () => number,
  ) {
    this.openByLevel = db.prepare(
      `SELECT level, count(*) AS n FROM incidents WHERE status IN (${OPEN_SQL}) GROUP BY level`,
    );
    this.newSince = db.prepare('SELECT count(*) AS n FROM incidents WHERE reported_at >= ?');
    this.trend = db.prepare(
      `SELECT (reported_at / 3600000) * 3600000 AS hour, category, count(*) AS count
       FROM incidents WHERE reported_at >= ? GROUP BY hour, category ORDER BY hour`,
    );
  }

  kpis(): Kpis {
    const at = this.now();
    const openByLevel: Record<Level, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
    for (const r of this.openByLevel.all() as { level: Level; n: number }[]) openByLevel[r.level] = r.n;
    const openTotal = openByLevel[1] + openByLevel[2] + openByLevel[3] + openByLevel[4];
    const newLastHour = (this.newSince.get(at - 3600_000) as { n: number }).n;
    return { openByLevel, openTotal, newLastHour, at };
  }

  /** Incidents per hour by category over the last `hours` hours, the current hour included. */
  trendByCategory(hours: number): TrendPoint[] {
    const from = hourStart(this.now()) - (hours - 1) * 3600_000;
    return (this.trend.all(from) as TrendPoint[]).filter((p) => p.category in CATEGORIES) as (TrendPoint & {
      category: Category;
    })[];
  }
}
