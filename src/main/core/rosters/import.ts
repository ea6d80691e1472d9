import Papa from 'papaparse';
import type { Database as Db } from 'better-sqlite3';
import type { ImportCheck, ImportRowError, RosterEdit } from '../../../shared/roster-types';
import { isDutyDate } from '../../../shared/roster-time';
import { personInputSchema, type PersonInput } from '../../../shared/contracts/rosters';
import { CoreError } from '../../../shared/result';
import type { Actor } from '../context';
import type { RosterService } from './roster';
import type { RosterSetup } from './setup';

/**
 * Two-step CSV import of people and roster assignments: `validate` reports
 * every row-level error; `commit` validates again and writes all rows in one
 * transaction, or nothing at all if any row is wrong.
 *
 * people: name, role, phones, qualifications, department, agency, login
 *   (phones and qualifications separated by ";" or "；")
 * roster: date, shift, position, person  (shift and position by code;
 *   person by login or by unique name)
 */
/** Header rows of the import templates. */
export const PEOPLE_COLUMNS = ['name', 'role', 'phones', 'qualifications', 'department', 'agency', 'login'] as const;
export const ROSTER_COLUMNS = ['date', 'shift', 'position', 'person'] as const;

type Row = Record<string, string>;

function parse(csv: string, required: readonly string[]): { rows: Row[]; errors: ImportRowError[] } {
  const res = Papa.parse<Row>(csv.replace(/^\uFEFF/, ''), {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  const errors: ImportRowError[] = res.errors.map((e) => ({
    row: (e.row ?? 0) + 2,
    column: '',
    message: `CSV: ${e.message}`,
  }));
  const fields = res.meta.fields ?? [];
  for (const c of required) {
    if (!fields.includes(c)) errors.push({ row: 1, column: c, message: `Missing column "${c}".` });
  }
  return { rows: res.data, errors };
}

const list = (s: string | undefined): string[] =>
  (s ?? '')
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

export class RosterImport {
  constructor(
    private readonly db: Db,
    private readonly setup: RosterSetup,
    private readonly roster: RosterService,
  ) {}

  private people(csv: string): { check: ImportCheck; inputs: PersonInput[] } {
    const { rows, errors } = parse(csv, ['name']);
    const existing = this.setup.people();
    const inputs: PersonInput[] = [];
    const logins = new Set<string>();
    rows.forEach((r, i) => {
      const rowNo = i + 2;
      const raw = {
        name: r.name ?? '',
        role: r.role ?? '',
        phones: list(r.phones),
        qualifications: list(r.qualifications),
        department: r.department ?? '',
        agency: r.agency ?? '',
        login: r.login?.trim() ? r.login.trim() : null,
      };
      const parsed = personInputSchema.safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          errors.push({ row: rowNo, column: String(issue.path[0] ?? ''), message: issue.message });
        }
        return;
      }
      const p = parsed.data;
      if (p.login) {
        if (logins.has(p.login))
          errors.push({ row: rowNo, column: 'login', message: `Login "${p.login}" appears twice.` });
        logins.add(p.login);
      }
      // Update an existing person matched by login, else by unique name.
      const match =
        (p.login ? existing.find((e) => e.login === p.login) : undefined) ??
        (existing.filter((e) => e.name === p.name).length === 1 ? existing.find((e) => e.name === p.name) : undefined);
      inputs.push({ ...p, id: match?.id });
    });
    return { check: { kind: 'people', rows: rows.length, errors }, inputs };
  }

  private rosterRows(csv: string): { check: ImportCheck; edits: RosterEdit[] } {
    const { rows, errors } = parse(csv, ROSTER_COLUMNS);
    const shifts = new Map(this.setup.shifts().map((s) => [s.code, s]));
    const positions = new Map(this.setup.positions().map((p) => [p.code, p]));
    const people = this.setup.people();
    const edits: RosterEdit[] = [];
    rows.forEach((r, i) => {
      const rowNo = i + 2;
      const before = errors.length;
      const date = (r.date ?? '').trim();
      if (!isDutyDate(date))
        errors.push({ row: rowNo, column: 'date', message: `"${date}" is not a date (YYYY-MM-DD).` });
      const shift = shifts.get((r.shift ?? '').trim());
      if (!shift) errors.push({ row: rowNo, column: 'shift', message: `Unknown shift code "${r.shift ?? ''}".` });
      const pos = positions.get((r.position ?? '').trim());
      if (!pos)
        errors.push({ row: rowNo, column: 'position', message: `Unknown position code "${r.position ?? ''}".` });
      if (shift && pos && !shift.positionIds.includes(pos.id)) {
        errors.push({ row: rowNo, column: 'position', message: `Shift "${shift.name}" does not staff "${pos.name}".` });
      }
      const who = (r.person ?? '').trim();
      const byLogin = people.filter((p) => p.login === who);
      const byName = people.filter((p) => p.name === who);
      const person = byLogin.length === 1 ? byLogin[0] : byName.length === 1 ? byName[0] : undefined;
      if (!person) {
        errors.push({
          row: rowNo,
          column: 'person',
          message:
            byName.length > 1 ? `"${who}" names ${byName.length} people; use their login.` : `No person "${who}".`,
        });
      } else if (!person.active) {
        errors.push({ row: rowNo, column: 'person', message: `${person.name} is inactive.` });
      }
      if (errors.length === before && shift && pos && person) {
        edits.push({ op: 'assign', date, shiftId: shift.id, positionId: pos.id, personId: person.id });
      }
    });
    return { check: { kind: 'roster', rows: rows.length, errors }, edits };
  }

  validate(kind: 'people' | 'roster', csv: string): ImportCheck {
    return kind === 'people' ? this.people(csv).check : this.rosterRows(csv).check;
  }

  commit(
    kind: 'people' | 'roster',
    csv: string,
    reason: string,
    actor: Actor,
    override?: { reason: string },
  ): ImportCheck {
    return this.db.transaction((): ImportCheck => {
      if (kind === 'people') {
        const { check, inputs } = this.people(csv);
        if (check.errors.length > 0) throw refuse(check);
        for (const p of inputs) this.setup.upsertPerson(p);
        return check;
      }
      const { check, edits } = this.rosterRows(csv);
      if (check.errors.length > 0) throw refuse(check);
      if (edits.length > 0) this.roster.save(edits, actor, { reason, override });
      return check;
    })();
  }
}

function refuse(check: ImportCheck): CoreError {
  const first = check.errors
    .slice(0, 3)
    .map((e) => `row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.message}`)
    .join('; ');
  return new CoreError(
    'invalid_request',
    `The ${check.kind} file has ${check.errors.length} error(s), so nothing was imported: ${first}. Fix the file and import again.`,
  );
}
