import type { Database as Db, Statement } from 'better-sqlite3';
import type { CaseHit } from '../../../shared/contracts/console';
import { DISTRICTS, type Category, type District, type Incident } from '../../../shared/domain';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import type { IncidentService } from '../incidents/service';
import { toIndexText, toMatchQuery } from './fts';

interface CaseRow {
  rowid: number;
  incident_id: string;
  ref: string;
  title: string;
  category: string;
  level: number;
  district: string | null;
  reported_at: number;
  closed_at: number;
  outcome: string;
  lessons: string;
  timeline: string;
}

export interface CaseQuery {
  q: string;
  category?: Category;
  district?: District;
  from?: number;
  to?: number;
  limit: number;
}

function toHit(r: CaseRow): CaseHit {
  return {
    incidentId: r.incident_id,
    ref: r.ref,
    title: r.title,
    category: r.category as Category,
    level: r.level as CaseHit['level'],
    district: r.district as District | null,
    reportedAt: r.reported_at,
    closedAt: r.closed_at,
    outcome: r.outcome,
    lessons: r.lessons,
  };
}

/** What the index holds for a case: the searchable fields with CJK split into bigrams. */
function indexBody(r: Pick<CaseRow, 'outcome' | 'lessons' | 'timeline' | 'ref'>): string {
  const timelineText = (JSON.parse(r.timeline) as { text: string }[]).map((t) => t.text).join(' ');
  return toIndexText(`${r.ref} ${r.outcome} ${r.lessons} ${timelineText}`);
}

/**
 * The case library: every closed incident, with its outcome, lessons and
 * timeline, indexed for full-text search (see fts.ts for how Chinese is handled).
 */
export class CaseLibrary {
  private readonly insertCase: Statement;
  private readonly insertFts: Statement<[number, string, string]>;
  private readonly deleteFts: Statement<[number, string, string]>;
  private readonly byIncident: Statement<[string]>;

  constructor(
    private readonly ctx: CoreContext,
    private readonly incidents: IncidentService,
  ) {
    const db: Db = ctx.db;
    this.insertCase = db.prepare(`INSERT INTO cases (incident_id, ref, title, category, incident_class, level, district,
      reported_at, closed_at, outcome, lessons, timeline)
      VALUES (@incident_id, @ref, @title, @category, @incident_class, @level, @district, @reported_at, @closed_at, @outcome,
      @lessons, @timeline) RETURNING rowid`);
    this.insertFts = db.prepare('INSERT INTO cases_fts (rowid, title, body) VALUES (?, ?, ?)');
    this.deleteFts = db.prepare("INSERT INTO cases_fts (cases_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)");
    this.byIncident = db.prepare('SELECT * FROM cases WHERE incident_id = ?');
  }

  /** File a closed incident (inside the close transaction). A re-closed incident replaces its earlier entry. */
  file(inc: Incident, outcome: string, lessons: string): void {
    this.withdraw(inc.id);
    const timeline = JSON.stringify(
      this.incidents.timeline(inc.id).map((t) => ({ at: t.at, kind: t.kind, text: t.text })),
    );
    this.add({
      incident_id: inc.id,
      ref: inc.ref,
      title: inc.title,
      category: inc.category,
      incident_class: inc.incidentClass,
      level: inc.level,
      district: inc.district,
      reported_at: inc.reportedAt,
      closed_at: this.ctx.now(),
      outcome,
      lessons,
      timeline,
    });
  }

  /** Insert one case row and its index entry. Also used by imports and the benchmark. */
  add(row: Omit<CaseRow, 'rowid'> & { incident_class: string }): number {
    const { rowid } = this.insertCase.get(row) as { rowid: number };
    this.insertFts.run(rowid, toIndexText(row.title), indexBody(row));
    this.ctx.changes.record('case', row.incident_id, 'insert');
    return rowid;
  }

  /** Take a reopened incident out of the library. */
  withdraw(incidentId: string): void {
    const old = this.byIncident.get(incidentId) as CaseRow | undefined;
    if (!old) return;
    this.deleteFts.run(old.rowid, toIndexText(old.title), indexBody(old));
    this.ctx.db.prepare('DELETE FROM cases WHERE rowid = ?').run(old.rowid);
    this.ctx.changes.record('case', incidentId, 'delete');
  }

  search(q: CaseQuery): CaseHit[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (q.category) {
      where.push('c.category = ?');
      params.push(q.category);
    }
    if (q.district) {
      where.push('c.district = ?');
      params.push(q.district);
    }
    if (q.from !== undefined) {
      where.push('c.closed_at >= ?');
      params.push(q.from);
    }
    if (q.to !== undefined) {
      where.push('c.closed_at < ?');
      params.push(q.to);
    }
    const match = toMatchQuery(q.q);
    if (match === null) {
      const sql = `SELECT c.* FROM cases c ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY c.closed_at DESC LIMIT ?`;
      return (this.ctx.db.prepare(sql).all(...params, q.limit) as CaseRow[]).map(toHit);
    }
    return this.matching(match, where, params, q.limit);
  }

  /**
   * Matches newest first (by rowid, which is filing order). Ordering by bm25
   * rank would score every match before returning the first: measured at
   * 50,000 cases a two-character query like 积水 already took ~35 ms that way,
   * and it grows linearly. Every hit matches all the terms anyway (AND), and
   * officers look for recent precedents, so recency is the order; FTS5 walks
   * its doclist backwards and stops at the limit.
   */
  private matching(match: string, where: string[], params: (string | number)[], limit: number): CaseHit[] {
    return this.matchingRows(match, where, params, limit).map(toHit);
  }

  private matchingRows(match: string, where: string[], params: (string | number)[], limit: number): CaseRow[] {
    const sql = `SELECT c.* FROM cases_fts f JOIN cases c ON c.rowid = f.rowid
      WHERE cases_fts MATCH ? ${where.length ? `AND ${where.join(' AND ')}` : ''}
      ORDER BY f.rowid DESC LIMIT ?`;
    try {
      return this.ctx.db.prepare(sql).all(match, ...params, limit) as CaseRow[];
    } catch (err) {
      throw new CoreError(
        'invalid_request',
        `The search could not be run: ${(err as Error).message}. Try simpler words.`,
      );
    }
  }

  /**
   * Past cases like a live incident: same category, sharing title bigrams. The
   * index finds the newest few hundred candidates sharing any of them; they are
   * ranked here by how many they share, which is cheap and does not depend on
   * how large the library is.
   */
  similar(incidentId: string, limit: number): CaseHit[] {
    const inc = this.incidents.get(incidentId);
    const grams = (text: string): Set<string> =>
      new Set(
        toIndexText(text)
          .split(/\s+/)
          .filter((t) => t.length > 0 && t.length <= 40),
      );
    const mine = grams(inc.title);
    // Single characters and district names say little about what happened.
    const district = inc.district ? grams(DISTRICTS[inc.district].zh) : new Set<string>();
    const terms = [...mine].filter((t) => Array.from(t).length > 1 && !district.has(t)).slice(0, 16);
    if (terms.length === 0) return this.search({ q: '', category: inc.category, limit });
    const match = `title : (${terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ')})`;
    const rows = this.matchingRows(match, ['c.category = ?', 'c.incident_id <> ?'], [inc.category, inc.id], 300);
    if (rows.length === 0) return this.search({ q: '', category: inc.category, limit });
    const score = (r: CaseRow): number => {
      let n = 0;
      for (const g of grams(r.title)) if (mine.has(g)) n++;
      return n + (r.district === inc.district ? 0.5 : 0);
    };
    return rows
      .map((r) => ({ r, s: score(r) }))
      .sort((a, b) => b.s - a.s || b.r.closed_at - a.r.closed_at)
      .slice(0, limit)
      .map((x) => toHit(x.r));
  }
}
