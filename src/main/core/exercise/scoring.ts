import type { Database as Db } from 'better-sqlite3';
import type { Scenario } from '../../../shared/exercise-scenario';
import type { ExpectedOutcome, ExpectedStatus } from '../../../shared/contracts/exercise';
import type { Delivery } from './engine';
import { matcherFor, tableProbe } from './matchers';
import type { CommandRecord } from './run-store';

/**
 * Score every expected action at exercise time `now` (epoch ms):
 * - not_due: its inject has not gone out yet;
 * - pending: out, no evidence yet, deadline not passed;
 * - met / late: evidence found before / after the deadline;
 * - missed: no evidence and the deadline has passed;
 * - unsupported: no matcher is registered for its kind (scored by hand).
 */
export function scoreExpected(
  db: Db,
  scenario: Scenario,
  epoch: number,
  deliveries: readonly Delivery[],
  commands: readonly CommandRecord[],
  now: number,
): ExpectedOutcome[] {
  const hasTable = tableProbe(db);
  const deliveredAt = new Map<number, number>();
  for (const d of deliveries) if (!d.manual && !deliveredAt.has(d.no)) deliveredAt.set(d.no, epoch + d.deliveredMs);
  return scenario.expectedActions.map((a): ExpectedOutcome => {
    const from = deliveredAt.get(a.afterInject);
    const base = {
      id: a.id,
      objective: a.objective,
      description: a.description,
      afterInject: a.afterInject,
      matcherKind: a.matcher.kind,
      withinMinutes: a.withinMinutes,
    };
    if (from === undefined)
      return { ...base, status: 'not_due', startedAt: null, deadline: null, metAt: null, tookMs: null };
    const deadline = from + a.withinMinutes * 60_000;
    const fn = matcherFor(a.matcher.kind);
    if (!fn) return { ...base, status: 'unsupported', startedAt: from, deadline, metAt: null, tookMs: null };
    const metAt = fn(a.matcher, { db, from, commands, hasTable });
    let status: ExpectedStatus;
    if (metAt !== null) status = metAt <= deadline ? 'met' : 'late';
    else status = now > deadline ? 'missed' : 'pending';
    return { ...base, status, startedAt: from, deadline, metAt, tookMs: metAt === null ? null : metAt - from };
  });
}
