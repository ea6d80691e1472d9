import type { Database as Db } from 'better-sqlite3';

/**
 * Boards read tables that other domains (resources, feeds, rosters) add in
 * their own migrations. Rather than import their services, the board queries
 * look at the store's schema once (migrations only run at open, so it cannot
 * change under a running core) and build a query only for what is there. A
 * missing table gives null, never a fabricated zero.
 */
export class SchemaProbe {
  private readonly tables: Map<string, Set<string>>;

  constructor(db: Db) {
    this.tables = new Map();
    const names = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    for (const { name } of names) {
      const cols = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[];
      this.tables.set(name, new Set(cols.map((c) => c.name)));
    }
  }

  has(table: string, ...columns: string[]): boolean {
    const cols = this.tables.get(table);
    return cols !== undefined && columns.every((c) => cols.has(c));
  }

  /** The first of `candidates` present in `table`, or null. */
  column(table: string, ...candidates: string[]): string | null {
    const cols = this.tables.get(table);
    if (!cols) return null;
    return candidates.find((c) => cols.has(c)) ?? null;
  }

  /** The first table among `candidates` that has every one of `columns`. */
  firstTable(candidates: readonly string[], ...columns: string[]): string | null {
    return candidates.find((t) => this.has(t, ...columns)) ?? null;
  }

  /** Every table that has all of `columns`, in name order. */
  tablesWith(...columns: string[]): string[] {
    return [...this.tables.keys()].filter((t) => this.has(t, ...columns)).sort();
  }
}

/** Identifiers come from sqlite_schema, not from users; quoting still keeps an odd name from breaking the SQL. */
export const q = (ident: string): string => `"${ident.replace(/"/g, '""')}"`;
