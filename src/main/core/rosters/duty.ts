import type { Database as Db } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { ContactEntry, ContactGroup, ContactHit, DutySlot, OnDuty } from '../../../shared/roster-types';
import type { ChangeLog } from '../store/changes';
import type { RosterService } from './roster';
import type { RosterSetup } from './setup';

interface ContactRow {
  id: string;
  group_kind: 'position' | 'agency';
  group_name: string;
  priority: number;
  person_id: string | null;
  name: string;
  phone: string;
  note: string;
}

const toContact = (r: ContactRow): ContactEntry => ({
  id: r.id,
  groupKind: r.group_kind,
  groupName: r.group_name,
  priority: r.priority,
  personId: r.person_id,
  name: r.name,
  phone: r.phone,
  note: r.note,
});

interface SearchEntry {
  hit: ContactHit;
  /** Name, positions, agency, department, lower-cased, joined by \u0001 so a match never spans two fields. */
  text: string;
  /** Where each field starts in `text`, and which field it is. */
  starts: number[];
  fields: ContactHit['matched'][];
  /** Phone numbers as digits, for prefix matches. */
  phones: string[];
}

const SEP = '\u0001';

function entry(hit: ContactHit, parts: [ContactHit['matched'], string][], phones: string[]): SearchEntry {
  const starts: number[] = [];
  let text = '';
  for (const [, value] of parts) {
    starts.push(text.length);
    text += `${value.toLowerCase()}${SEP}`;
  }
  return { hit, text, starts, fields: parts.map(([f]) => f), phones: phones.map(digits) };
}

/**
 * Who is on duty now and next, and the duty phone tree. Search runs over an
 * in-memory index rebuilt only when the change log has moved on, so type-ahead
 * stays a plain substring scan over a few hundred short strings. Chinese
 * names match by substring as typed (no pinyin); phones match by digits,
 * ignoring spaces and dashes.
 */
export class DutyService {
  private index: SearchEntry[] | null = null;
  private indexCursor = -1;

  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
    private readonly roster: RosterService,
    private readonly setup: RosterSetup,
  ) {}

  onDuty(at: number): OnDuty {
    const positions = this.setup.positions();
    const shifts = new Map(this.setup.shifts().map((s) => [s.id, s]));
    const people = new Map(this.setup.people().map((p) => [p.id, p]));
    const posById = new Map(positions.map((p) => [p.id, p]));
    const slot = (a: {
      id: string;
      positionId: string;
      shiftId: string;
      personId: string;
      start: number;
      end: number;
    }): DutySlot => ({
      position: posById.get(a.positionId)!,
      shift: shifts.get(a.shiftId)!,
      assignmentId: a.id,
      person: people.get(a.personId)!,
      start: a.start,
      end: a.end,
    });
    const current = this.roster.assignmentsAround(at, at + 1).filter((a) => a.start <= at && a.end > at);
    // Next: per position, the assignments with the earliest start after now (within two days).
    const upcoming = this.roster.assignmentsAround(at + 1, at + 2 * 86_400_000).filter((a) => a.start > at);
    const firstStart = new Map<string, number>();
    for (const a of upcoming) {
      const s = firstStart.get(a.positionId);
      if (s === undefined || a.start < s) firstStart.set(a.positionId, a.start);
    }
    const next = upcoming.filter((a) => firstStart.get(a.positionId) === a.start);
    const order = (x: DutySlot, y: DutySlot): number =>
      x.position.sort - y.position.sort || x.start - y.start || ZH.compare(x.person.name, y.person.name);
    const gaps = positions
      .filter((p) => p.headcount > 0)
      .map((p) => ({ position: p, have: current.filter((a) => a.positionId === p.id).length, need: p.headcount }))
      .filter((g) => g.have < g.need);
    return { at, now: current.map(slot).sort(order), next: next.map(slot).sort(order), gaps };
  }

  /** The phone tree: per position, whoever is on duty now first, then the stored fallbacks; then agencies. */
  tree(at: number): ContactGroup[] {
    const rows = this.db
      .prepare('SELECT * FROM roster_contacts ORDER BY group_kind DESC, group_name, priority')
      .all() as ContactRow[];
    const duty = this.onDuty(at);
    const groups = new Map<string, ContactGroup>();
    for (const p of this.setup.positions()) {
      const entries: ContactEntry[] = duty.now
        .filter((s) => s.position.id === p.id)
        .map((s, i) => ({
          id: `duty:${s.assignmentId}`,
          groupKind: 'position',
          groupName: p.name,
          priority: -100 + i,
          personId: s.person.id,
          name: s.person.name,
          phone: s.person.phones[0] ?? '',
          note: s.shift.name,
          onDuty: true,
        }));
      groups.set(`position|${p.name}`, { kind: 'position', name: p.name, entries });
    }
    const onDutyIds = new Set(duty.now.map((s) => s.person.id));
    for (const r of rows) {
      const key = `${r.group_kind}|${r.group_name}`;
      // Whoever is on duty already heads their position's tree; do not list them twice.
      if (r.group_kind === 'position' && r.person_id !== null && onDutyIds.has(r.person_id)) continue;
      const g = groups.get(key) ?? { kind: r.group_kind, name: r.group_name, entries: [] };
      g.entries.push(toContact(r));
      groups.set(key, g);
    }
    return [...groups.values()];
  }

  setGroup(
    groupKind: 'position' | 'agency',
    groupName: string,
    entries: readonly { personId: string | null; name: string; phone: string; note: string }[],
  ): ContactEntry[] {
    const out = this.db.transaction((): ContactEntry[] => {
      const old = this.db
        .prepare('SELECT id FROM roster_contacts WHERE group_kind = ? AND group_name = ?')
        .all(groupKind, groupName) as { id: string }[];
      this.db.prepare('DELETE FROM roster_contacts WHERE group_kind = ? AND group_name = ?').run(groupKind, groupName);
      for (const o of old) this.changes.record('roster_contact', o.id, 'delete');
      const put = this.db.prepare(
        'INSERT INTO roster_contacts (id, group_kind, group_name, priority, person_id, name, phone, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      entries.forEach((e, i) => {
        if (e.personId) this.setup.person(e.personId);
        const id = uuidv7();
        put.run(id, groupKind, groupName, i + 1, e.personId, e.name, e.phone, e.note);
        this.changes.record('roster_contact', id, 'insert');
      });
      return (
        this.db
          .prepare('SELECT * FROM roster_contacts WHERE group_kind = ? AND group_name = ? ORDER BY priority')
          .all(groupKind, groupName) as ContactRow[]
      ).map(toContact);
    })();
    return out;
  }

  private build(): SearchEntry[] {
    const positionsOf = new Map<string, string[]>();
    const contacts = this.db.prepare('SELECT * FROM roster_contacts ORDER BY priority').all() as ContactRow[];
    for (const c of contacts) {
      if (c.person_id && c.group_kind === 'position') {
        positionsOf.set(c.person_id, [...(positionsOf.get(c.person_id) ?? []), c.group_name]);
      }
    }
    const people = this.setup.people(false).map((p) =>
      entry(
        {
          kind: 'person',
          id: p.id,
          name: p.name,
          phones: p.phones,
          context: [p.role, p.department || p.agency].filter((x) => x.length > 0).join(' · '),
          matched: 'name',
        },
        [
          ['name', p.name],
          ['position', (positionsOf.get(p.id) ?? []).join(' ')],
          ['agency', p.agency],
          ['department', p.department],
        ],
        p.phones,
      ),
    );
    const others = contacts
      .filter((c) => c.person_id === null)
      .map((c) =>
        entry(
          { kind: 'contact', id: c.id, name: c.name, phones: [c.phone], context: c.group_name, matched: 'name' },
          [
            ['name', c.name],
            [c.group_kind === 'agency' ? 'agency' : 'position', c.group_name],
          ],
          [c.phone],
        ),
      );
    // Sorted by name once here, so equal scores at query time keep this order without collating again.
    return [...people, ...others].sort((a, b) => ZH.compare(a.hit.name, b.hit.name));
  }

  /**
   * Type-ahead search. A query of digits matches phone numbers by prefix;
   * anything else matches names, positions, agencies and departments by
   * substring. Name matches rank first, then earlier match position.
   */
  search(q: string, limit: number): ContactHit[] {
    const query = q.trim().toLowerCase();
    if (query.length === 0) return [];
    const cursor = this.changes.cursor();
    if (!this.index || cursor !== this.indexCursor) {
      this.index = this.build();
      this.indexCursor = cursor;
    }
    const phoneQuery = /^[+\d][\d -]*$/.test(query) ? digits(query) : null;
    // Keep only the best `limit` (score, then name order): no allocation for the many weaker matches.
    const top: { i: number; score: number; field: ContactHit['matched'] }[] = [];
    const index = this.index;
    for (let i = 0; i < index.length; i++) {
      const e = index[i];
      let score = -1;
      let field: ContactHit['matched'] = 'name';
      const at = e.text.indexOf(query);
      if (at >= 0) {
        let f = 0;
        while (f + 1 < e.starts.length && e.starts[f + 1] <= at) f++;
        field = e.fields[f];
        score = (field === 'name' ? 0 : 100) + at - e.starts[f];
      }
      if (phoneQuery && (score < 0 || score > 0) && e.phones.some((ph) => ph.startsWith(phoneQuery))) {
        score = 0;
        field = 'phone';
      }
      if (score < 0) continue;
      if (top.length === limit && score >= top[top.length - 1].score) continue;
      let k = top.length;
      while (k > 0 && top[k - 1].score > score) k--;
      top.splice(k, 0, { i, score, field });
      if (top.length > limit) top.pop();
    }
    return top.map((t) => ({ ...index[t.i].hit, matched: t.field }));
  }
}

/** One collator for all sorting: `localeCompare(…, 'zh-CN')` builds one per call and dominated type-ahead time. */
const ZH = new Intl.Collator('zh-CN');

function digits(s: string): string {
  return s.replace(/[^\d+]/g, '');
}
