import type { Database as Db, Statement } from 'better-sqlite3';
import type { CaseHit } from '../../../shared/contracts/console';
import type { Category, District, Incident } from '../../../shared/domain';
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

  private matching(match: string, where: string[], params: (string | number)[], limit: number): CaseHit[] {
    const sql = `SELECT c.* FROM cases_fts f JOIN cases c ON c.rowid = f.rowid
      WHERE cases_fts MATCH ? ${where.length ? `AND ${where.join(' AND ')}` : ''}
      ORDER BY f.rank LIMIT ?`;
    try {
      return (this.ctx.db.prepare(sql).all(match, ...params, limit) as CaseRow[]).map(toHit);
    } catch (err) {
      throw new CoreError(
        'invalid_request',
        `The search could not be run: ${(err as Error).message}. Try simpler words.`,
      );
    }
  }

  /** Past cases like a live incident: same category, ranked by how many title words they share. */
  similar(incidentId: string, limit: number): CaseHit[] {
    const inc = this.incidents.get(incidentId);
    const terms = Array.from(
      new Set(
        toIndexText(inc.title)
          .split(/\s+/)
          .filter((t) => t.length > 0 && t.length <= 40),
      ),
    ).slice(0, 16);
    if (terms.length === 0) return this.search({ q: '', category: inc.category, limit });
    const match = `title : (${terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ')})`;
    const hits = this.matching(match, ['c.category = ?', 'c.incident_id <> ?'], [inc.category, inc.id], limit);
    return hits.length > 0 ? hits : this.search({ q: '', category: inc.category, limit });
  }
}
