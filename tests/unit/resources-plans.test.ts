import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../helpers/resources';

let t: TestCore;
afterEach(() => t?.close());

function plan(sql: string, ...args: unknown[]): string {
  const rows = t.core.ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
  return rows.map((r) => r.detail).join(' | ');
}

/** The hot paths (500 fixes a second, stock checks inside the write lock) must never scan a table. */
describe('resource query plans', () => {
  it('uses indexes for the feed, track, history, stock and reference lookups', () => {
    t = openTestCore();
    const cases: [string, unknown[], RegExp][] = [
      [
        'UPDATE units SET lat = ? WHERE id = ? AND (fix_at IS NULL OR fix_at < ?)',
        [1, 'u', 1],
        /USING (INDEX|PRIMARY KEY)|sqlite_autoindex_units/,
      ],
      [
        'SELECT at FROM unit_positions WHERE unit_id = ? AND at >= ? AND at <= ? ORDER BY at',
        ['u', 1, 2],
        /PRIMARY KEY \(unit_id=\? AND at>\? AND at<\?\)/,
      ],
      ['SELECT * FROM unit_status_history WHERE unit_id = ? ORDER BY at, id', ['u'], /INDEX unit_status_history_unit/],
      [
        'SELECT qty FROM stock_balances WHERE depot_id = ? AND item_id = ? AND qty > 0',
        ['d', 'i'],
        /PRIMARY KEY \(depot_id=\? AND item_id=\?\)/,
      ],
      [
        'SELECT incident_id FROM reports WHERE external_ref = ? AND incident_id IS NOT NULL',
        ['x'],
        /INDEX reports_external_ref/,
      ],
      ['DELETE FROM unit_positions WHERE at < ?', [1], /INDEX unit_positions_at/],
      [
        "SELECT sum(qty_delta) FROM stock_ledger WHERE incident_id = ? AND item_id = ? AND kind IN ('allocate', 'return')",
        ['i', 'x'],
        /INDEX stock_ledger_incident/,
      ],
    ];
    for (const [sql, args, expected] of cases) {
      const p = plan(sql, ...args);
      expect(p, sql).toMatch(expected);
      expect(p, sql).not.toMatch(/^SCAN \w+$|\| SCAN \w+( |$)/);
    }
  });
});
