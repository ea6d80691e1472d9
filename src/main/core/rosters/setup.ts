import type { Database as Db } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { validatePattern } from '../../../shared/roster-pattern';
import { DEFAULT_RULES, shiftSpan, validateShift, type RuleConfig } from '../../../shared/roster-rules';
import { isDutyDate } from '../../../shared/roster-time';
import type { Holiday, Pattern, Person, Position, ShiftDef } from '../../../shared/roster-types';
import type {
  HolidayInput,
  PatternInput,
  PersonInput,
  PositionInput,
  ShiftInput,
} from '../../../shared/contracts/rosters';
import { CoreError } from '../../../shared/result';
import type { ChangeLog } from '../store/changes';
import { toPerson, toPosition, toShift, type PersonRow, type PositionRow, type ShiftRow } from './rows';

/**
 * The roster's reference data: people, positions, shift definitions,
 * holidays, rotation patterns and the rule settings. Impossible shifts are
 * refused here with the reason, using the same pure check the renderer runs.
 */
export class RosterSetup {
  constructor(
    private readonly db: Db,
    private readonly changes: ChangeLog,
  ) {}

  people(includeInactive = true): Person[] {
    const rows = this.db
      .prepare(`SELECT * FROM roster_people ${includeInactive ? '' : 'WHERE active = 1'} ORDER BY name`)
      .all() as PersonRow[];
    return rows.map(toPerson);
  }

  person(id: string): Person {
    const row = this.db.prepare('SELECT * FROM roster_people WHERE id = ?').get(id) as PersonRow | undefined;
    if (!row) throw new CoreError('not_found', `No person with id ${id}; reload the people list.`);
    return toPerson(row);
  }

  personByLogin(login: string): Person | null {
    const row = this.db.prepare('SELECT * FROM roster_people WHERE login = ?').get(login) as PersonRow | undefined;
    return row ? toPerson(row) : null;
  }

  upsertPerson(p: PersonInput): Person {
    return this.db.transaction((): Person => {
      const id = p.id ?? uuidv7();
      if (p.login) {
        const other = this.db.prepare('SELECT id FROM roster_people WHERE login = ? AND id != ?').get(p.login, id);
        if (other) throw new CoreError('conflict', `Login "${p.login}" already belongs to another person.`);
      }
      const exists = this.db.prepare('SELECT 1 FROM roster_people WHERE id = ?').get(id) !== undefined;
      this.db
        .prepare(
          `INSERT INTO roster_people (id, name, role, phones, qualifications, department, agency, login, active)
           VALUES (@id, @name, @role, @phones, @quals, @department, @agency, @login, @active)
           ON CONFLICT (id) DO UPDATE SET name = @name, role = @role, phones = @phones, qualifications = @quals,
             department = @department, agency = @agency, login = @login, active = @active`,
        )
        .run({
          id,
          name: p.name,
          role: p.role,
          phones: JSON.stringify(p.phones),
          quals: JSON.stringify(p.qualifications),
          department: p.department,
          agency: p.agency,
          login: p.login ?? null,
          active: p.active ? 1 : 0,
        });
      this.changes.record('roster_person', id, exists ? 'update' : 'insert');
      return this.person(id);
    })();
  }

  positions(): Position[] {
    return (this.db.prepare('SELECT * FROM roster_positions ORDER BY sort, code').all() as PositionRow[]).map(
      toPosition,
    );
  }

  upsertPosition(p: PositionInput): Position {
    return this.db.transaction((): Position => {
      const id = p.id ?? uuidv7();
      const clash = this.db.prepare('SELECT id FROM roster_positions WHERE code = ? AND id != ?').get(p.code, id);
      if (clash) throw new CoreError('conflict', `Position code "${p.code}" is already used; choose another code.`);
      const exists = this.db.prepare('SELECT 1 FROM roster_positions WHERE id = ?').get(id) !== undefined;
      this.db
        .prepare(
          `INSERT INTO roster_positions (id, code, name, required_qualifications, headcount, allow_overlap, sort)
           VALUES (@id, @code, @name, @quals, @headcount, @overlap, @sort)
           ON CONFLICT (id) DO UPDATE SET code = @code, name = @name, required_qualifications = @quals,
             headcount = @headcount, allow_overlap = @overlap, sort = @sort`,
        )
        .run({
          id,
          code: p.code,
          name: p.name,
          quals: JSON.stringify(p.requiredQualifications),
          headcount: p.headcount,
          overlap: p.allowOverlap ? 1 : 0,
          sort: p.sort,
        });
      this.changes.record('roster_position', id, exists ? 'update' : 'insert');
      return toPosition(this.db.prepare('SELECT * FROM roster_positions WHERE id = ?').get(id) as PositionRow);
    })();
  }

  shifts(): ShiftDef[] {
    return (this.db.prepare('SELECT * FROM roster_shifts ORDER BY start_minute, code').all() as ShiftRow[]).map(
      toShift,
    );
  }

  shift(id: string): ShiftDef {
    const row = this.db.prepare('SELECT * FROM roster_shifts WHERE id = ?').get(id) as ShiftRow | undefined;
    if (!row) throw new CoreError('not_found', `No shift definition with id ${id}.`);
    return toShift(row);
  }

  /** Add or change a shift definition; impossible or overlapping ones are refused with the reason. */
  upsertShift(s: ShiftInput): ShiftDef {
    return this.db.transaction((): ShiftDef => {
      const id = s.id ?? uuidv7();
      const positions = this.positions();
      const known = new Set(positions.map((p) => p.id));
      const unknown = s.positionIds.filter((p) => !known.has(p));
      if (unknown.length > 0) throw new CoreError('invalid_request', `Unknown position id(s): ${unknown.join(', ')}.`);
      const problems = validateShift({ ...s, id }, this.shifts(), {
        allowOverlap: new Set(positions.filter((p) => p.allowOverlap).map((p) => p.id)),
        positionNames: new Map(positions.map((p) => [p.id, p.name])),
      });
      if (problems.length > 0) throw new CoreError('refused', problems.map((p) => p.message).join(' '));
      const span = shiftSpan(s);
      if ('code' in span) throw new CoreError('refused', span.message);
      const clash = this.db.prepare('SELECT id FROM roster_shifts WHERE code = ? AND id != ?').get(s.code, id);
      if (clash) throw new CoreError('conflict', `Shift code "${s.code}" is already used; choose another code.`);
      const old = this.db.prepare('SELECT * FROM roster_shifts WHERE id = ?').get(id) as ShiftRow | undefined;
      if (old && (old.start_minute !== span.startMinute || old.duration_minutes !== span.durationMinutes)) {
        const used = this.db.prepare('SELECT count(*) AS n FROM roster_assignments WHERE shift_id = ?').get(id) as {
          n: number;
        };
        if (used.n > 0) {
          throw new CoreError(
            'refused',
            `Shift "${old.name}" is used by ${used.n} assignment(s); changing its times would silently move them. Define a new shift instead.`,
          );
        }
      }
      this.db
        .prepare(
          `INSERT INTO roster_shifts (id, code, name, start_minute, duration_minutes, position_ids)
           VALUES (@id, @code, @name, @start, @duration, @positions)
           ON CONFLICT (id) DO UPDATE SET code = @code, name = @name, start_minute = @start,
             duration_minutes = @duration, position_ids = @positions`,
        )
        .run({
          id,
          code: s.code,
          name: s.name,
          start: span.startMinute,
          duration: span.durationMinutes,
          positions: JSON.stringify(s.positionIds),
        });
      this.changes.record('roster_shift', id, old ? 'update' : 'insert');
      return this.shift(id);
    })();
  }

  holidays(from = '0000-01-01', to = '9999-12-31'): Holiday[] {
    return this.db
      .prepare('SELECT date, name, kind FROM roster_holidays WHERE date BETWEEN ? AND ? ORDER BY date')
      .all(from, to) as Holiday[];
  }

  setHolidays(list: readonly HolidayInput[]): Holiday[] {
    for (const h of list) {
      if (!isDutyDate(h.date)) throw new CoreError('invalid_request', `"${h.date}" is not a calendar date.`);
    }
    this.db.transaction(() => {
      const put = this.db.prepare(
        'INSERT INTO roster_holidays (date, name, kind) VALUES (?, ?, ?) ON CONFLICT (date) DO UPDATE SET name = excluded.name, kind = excluded.kind',
      );
      for (const h of list) {
        put.run(h.date, h.name, h.kind);
        this.changes.record('roster_holiday', h.date, 'update');
      }
    })();
    return this.holidays();
  }

  removeHoliday(date: string): void {
    this.db.transaction(() => {
      const r = this.db.prepare('DELETE FROM roster_holidays WHERE date = ?').run(date);
      if (r.changes === 0) throw new CoreError('not_found', `${date} is not in the holiday table.`);
      this.changes.record('roster_holiday', date, 'delete');
    })();
  }

  patterns(): Pattern[] {
    const rows = this.db.prepare('SELECT id, name, body FROM roster_patterns ORDER BY name').all() as {
      id: string;
      name: string;
      body: string;
    }[];
    return rows.map((r) => ({ ...(JSON.parse(r.body) as Omit<Pattern, 'id' | 'name'>), id: r.id, name: r.name }));
  }

  pattern(id: string): Pattern {
    const p = this.patterns().find((x) => x.id === id);
    if (!p) throw new CoreError('not_found', `No rotation pattern with id ${id}.`);
    return p;
  }

  upsertPattern(p: PatternInput): Pattern {
    return this.db.transaction((): Pattern => {
      const id = p.id ?? uuidv7();
      if (!isDutyDate(p.anchorDate)) throw new CoreError('invalid_request', `Anchor "${p.anchorDate}" is not a date.`);
      const problems = validatePattern(p, this.shifts());
      if (problems.length > 0) throw new CoreError('refused', problems.map((x) => x.message).join(' '));
      const { name, ...rest } = p;
      const body = { ...rest, id: undefined };
      this.db
        .prepare(
          'INSERT INTO roster_patterns (id, name, body) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body',
        )
        .run(id, name, JSON.stringify(body));
      this.changes.record('roster_pattern', id, 'update');
      return this.pattern(id);
    })();
  }

  rules(): RuleConfig {
    const row = this.db.prepare("SELECT value FROM roster_settings WHERE key = 'rules'").get() as
      { value: string } | undefined;
    return row ? { ...DEFAULT_RULES, ...(JSON.parse(row.value) as Partial<RuleConfig>) } : DEFAULT_RULES;
  }

  setRules(r: RuleConfig): RuleConfig {
    this.db.transaction(() => {
      this.db
        .prepare(
          "INSERT INTO roster_settings (key, value) VALUES ('rules', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run(JSON.stringify(r));
      this.changes.record('roster_settings', 'rules', 'update');
    })();
    return this.rules();
  }
}
