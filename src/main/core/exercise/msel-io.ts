import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { z } from 'zod';
import type { MselRowError } from '../../../shared/contracts/exercise';
import {
  expectedActionSchema,
  formatScenarioTime,
  injectSchema,
  parseScenarioTime,
  SCENARIO_FORMAT,
  scenarioSchema,
  type ExpectedAction,
  type Inject,
  type Scenario,
} from '../../../shared/exercise-scenario';

/**
 * MSEL as a spreadsheet, in the HSEEP column layout (Event Number,
 * Designated Scenario Time, Event Type, Inject Mode, From, To, Message,
 * Expected Participant Response, Exercise Objective, Notes — as in the CMU
 * SEI Blueprint HSEEP template) plus Watchfloor columns for what HSEEP leaves
 * to prose: the feed stream, event type and payload, English text, and how an
 * expected action is recognised. Import checks every row and returns every
 * problem with its row and column; a file with any problem yields no scenario.
 */
export const HSEEP_COLUMNS = [
  'Event Number',
  'Designated Scenario Time',
  'Event Type',
  'Inject Mode',
  'From',
  'To',
  'Message',
  'Expected Participant Response',
  'Exercise Objective',
  'Notes',
] as const;
export const WATCHFLOOR_COLUMNS = [
  'Title (zh)',
  'Title (en)',
  'Message (en)',
  'Stream',
  'Feed Type',
  'Payload (JSON)',
  'After Event',
  'Within (min)',
  'Matcher (JSON)',
  'Jitter (s)',
] as const;
export const MSEL_COLUMNS = [...HSEEP_COLUMNS, ...WATCHFLOOR_COLUMNS];
export const META_TAG = 'watchfloor-msel';

/** Other spellings seen in real MSELs (e.g. tabletop kits) for the same columns. */
const ALIASES: Record<string, string> = {
  'inject#': 'Event Number',
  '#': 'Event Number',
  'event #': 'Event Number',
  't+min': 'Designated Scenario Time',
  'scenario time': 'Designated Scenario Time',
  delivery: 'Inject Mode',
  description: 'Message',
  'expected actions': 'Expected Participant Response',
  'evaluation notes/hints': 'Notes',
  objective: 'Exercise Objective',
};

type Row = Record<string, string>;

export type MselImport = { ok: true; scenario: Scenario } | { ok: false; errors: MselRowError[] };

// ---------- import ----------

function canonical(header: string): string {
  const h = header.trim();
  const exact = MSEL_COLUMNS.find((c) => c.toLowerCase() === h.toLowerCase());
  return exact ?? ALIASES[h.toLowerCase()] ?? h;
}

/** Scenario time as written in the wild: T+hh:mm:ss, T+mm (minutes), hh:mm:ss or hh:mm. */
function scenarioTime(raw: string): string | null {
  const t = raw.trim();
  if (parseScenarioTime(t) !== null) return t;
  let m = /^T\+(\d{1,4})$/i.exec(t);
  if (m) return formatScenarioTime(Number(m[1]) * 60_000);
  m = /^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$/.exec(t);
  if (m) return formatScenarioTime(((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3] ?? 0)) * 1000);
  return null;
}

function injectMode(raw: string): 'feed' | 'call' | 'message' {
  const m = raw.trim().toLowerCase();
  if (m === 'feed' || m.startsWith('feed')) return 'feed';
  if (m === 'call' || m.includes('phone') || m.includes('call') || m.includes('电话')) return 'call';
  return 'message';
}

const COLUMN_OF_PATH: Record<string, string> = {
  no: 'Event Number',
  at: 'Designated Scenario Time',
  title: 'Title (zh)',
  from: 'From',
  to: 'To',
  stream: 'Stream',
  type: 'Feed Type',
  payload: 'Payload (JSON)',
  notes: 'Notes',
  objective: 'Exercise Objective',
  jitterSec: 'Jitter (s)',
  id: 'Event Number',
  description: 'Expected Participant Response',
  afterInject: 'After Event',
  withinMinutes: 'Within (min)',
  matcher: 'Matcher (JSON)',
};

function issuesToErrors(row: number, issues: readonly z.core.$ZodIssue[]): MselRowError[] {
  return issues.map((i) => {
    const head = String(i.path[0] ?? '');
    const rest = i.path.slice(1).map(String).join('.');
    return { row, column: COLUMN_OF_PATH[head] ?? head, message: rest ? `${rest}: ${i.message}` : i.message };
  });
}

function json(row: number, column: string, raw: string, errors: MselRowError[]): Record<string, unknown> | undefined {
  if (!raw.trim()) return undefined;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    errors.push({ row, column, message: 'must be a JSON object' });
  } catch (e) {
    errors.push({ row, column, message: `is not valid JSON (${(e as Error).message})` });
  }
  return undefined;
}

export interface ImportMeta {
  fileName: string;
}

/** Turn header-keyed rows (row numbers as a spreadsheet shows them) into a scenario, or every problem found. */
export function rowsToScenario(
  rows: { row: number; cells: Row }[],
  metaRaw: string | null,
  info: ImportMeta,
): MselImport {
  const errors: MselRowError[] = [];
  const injects: Inject[] = [];
  const actions: ExpectedAction[] = [];
  const injectRowOf = new Map<number, number>();
  const actionRowOf = new Map<number, number>();
  for (const { row, cells } of rows) {
    const get = (c: string): string => (cells[c] ?? '').trim();
    if (Object.values(cells).every((v) => !v.trim())) continue;
    const type = get('Event Type').toLowerCase() || 'inject';
    if (type === 'expected action') {
      const matcher = json(row, 'Matcher (JSON)', get('Matcher (JSON)'), errors);
      const candidate = {
        id: get('Event Number'),
        objective: get('Exercise Objective'),
        description: {
          zh: get('Expected Participant Response'),
          en: get('Message (en)') || get('Expected Participant Response'),
        },
        afterInject: Number(get('After Event')),
        withinMinutes: Number(get('Within (min)')),
        matcher: matcher ?? { kind: 'manual' },
      };
      const r = expectedActionSchema.safeParse(candidate);
      if (r.success) {
        actionRowOf.set(actions.length, row);
        actions.push(r.data);
      } else errors.push(...issuesToErrors(row, r.error.issues));
      continue;
    }
    if (type !== 'inject' && type !== 'contingency inject') {
      errors.push({
        row,
        column: 'Event Type',
        message: `"${get('Event Type')}" is not Inject, Contingency Inject or Expected Action`,
      });
      continue;
    }
    const at = scenarioTime(get('Designated Scenario Time'));
    if (at === null) {
      errors.push({
        row,
        column: 'Designated Scenario Time',
        message: `"${get('Designated Scenario Time')}" is not a scenario time (T+hh:mm:ss)`,
      });
      continue;
    }
    const mode = get('Stream') || get('Feed Type') ? 'feed' : injectMode(get('Inject Mode'));
    const zh = get('Title (zh)') || get('Message').split('\n')[0].slice(0, 200);
    const title = { zh, en: get('Title (en)') || zh };
    const payload = json(row, 'Payload (JSON)', get('Payload (JSON)'), errors);
    const text = { zh: get('Message'), en: get('Message (en)') || get('Message') };
    const common = {
      no: Number(get('Event Number')),
      at,
      title,
      ...(get('Exercise Objective') ? { objective: get('Exercise Objective') } : {}),
      ...(get('Notes') || get('Expected Participant Response')
        ? { notes: [get('Notes'), get('Expected Participant Response')].filter(Boolean).join('\n') }
        : {}),
      ...(get('Jitter (s)') ? { jitterSec: Number(get('Jitter (s)')) } : {}),
    };
    const candidate =
      mode === 'feed'
        ? {
            ...common,
            delivery: 'feed',
            stream: get('Stream') || get('From'),
            type: get('Feed Type'),
            payload: payload ?? {},
          }
        : mode === 'call'
          ? {
              ...common,
              delivery: 'call',
              type: 'call',
              from: get('From') || 'Controller',
              payload: { channel: 'other', ...(payload ?? {}), script: text },
            }
          : {
              ...common,
              delivery: 'message',
              type: 'message',
              from: get('From') || 'Controller',
              ...(get('To') ? { to: get('To') } : {}),
              payload: { text },
            };
    const r = injectSchema.safeParse(candidate);
    if (r.success) {
      injectRowOf.set(injects.length, row);
      injects.push(r.data);
    } else errors.push(...issuesToErrors(row, r.error.issues));
  }

  let meta: Record<string, unknown> | null = null;
  if (metaRaw) {
    try {
      meta = JSON.parse(metaRaw) as Record<string, unknown>;
    } catch {
      errors.push({ row: 0, column: 'Scenario', message: 'the scenario metadata line is not valid JSON' });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  meta ??= deriveMeta(injects, actions, info);
  const whole = scenarioSchema.safeParse({ format: SCENARIO_FORMAT, ...meta, injects, expectedActions: actions });
  if (whole.success) return { ok: true, scenario: whole.data };
  // Cross-row problems (duplicate numbers, unknown references) point back at their rows.
  for (const i of whole.error.issues) {
    const [list, index, ...rest] = i.path;
    const row =
      list === 'injects'
        ? injectRowOf.get(Number(index))
        : list === 'expectedActions'
          ? actionRowOf.get(Number(index))
          : undefined;
    errors.push(
      row !== undefined
        ? issuesToErrors(row, [{ ...i, path: rest }])[0]
        : { row: 0, column: 'Scenario', message: `${i.path.join('.')}: ${i.message}` },
    );
  }
  return { ok: false, errors };
}

/** A third-party MSEL has no Watchfloor metadata: derive it from the file name and the rows. */
function deriveMeta(injects: Inject[], actions: ExpectedAction[], info: ImportMeta): Record<string, unknown> {
  const base = info.fileName.replace(/\.[^.]+$/, '');
  const id =
    `msel-${base
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')}`
      .slice(0, 60)
      .replace(/-+$/, '') || 'msel-import';
  const objectives = new Set<string>();
  for (const i of injects) if (i.objective) objectives.add(i.objective);
  for (const a of actions) objectives.add(a.objective);
  if (objectives.size === 0) objectives.add('O1');
  const last = Math.max(0, ...injects.map((i) => parseScenarioTime(i.at) ?? 0));
  return {
    id,
    version: 1,
    title: { zh: base, en: base },
    objectives: [...objectives].map((o) => ({ id: o, text: { zh: o, en: o } })),
    participants: ['players'],
    durationMinutes: Math.ceil(last / 60_000) + 10,
  };
}

export function importMselCsv(text: string, info: ImportMeta): MselImport {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const metaRaw = firstLine.startsWith(`# ${META_TAG} `) ? firstLine.slice(META_TAG.length + 3) : null;
  const body = metaRaw !== null ? clean.slice(firstLine.length).replace(/^\r?\n/, '') : clean;
  const lineOffset = metaRaw !== null ? 1 : 0;
  const parsed = Papa.parse<Row>(body, { header: true, skipEmptyLines: 'greedy', transformHeader: canonical });
  const errors: MselRowError[] = parsed.errors.map((e) => ({
    row: (e.row ?? 0) + 2 + lineOffset,
    column: '',
    message: e.message,
  }));
  const missing = ['Designated Scenario Time', 'Event Number'].filter((c) => !(parsed.meta.fields ?? []).includes(c));
  for (const c of missing) errors.push({ row: 1 + lineOffset, column: c, message: `the column "${c}" is missing` });
  if (errors.length > 0) return { ok: false, errors };
  return rowsToScenario(
    parsed.data.map((cells, i) => ({ row: i + 2 + lineOffset, cells })),
    metaRaw,
    info,
  );
}

export async function importMselXlsx(data: Buffer, info: ImportMeta): Promise<MselImport> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch (e) {
    return {
      ok: false,
      errors: [{ row: 0, column: '', message: `the file is not a readable XLSX workbook (${(e as Error).message})` }],
    };
  }
  const ws = wb.getWorksheet('MSEL') ?? wb.worksheets[0];
  if (!ws) return { ok: false, errors: [{ row: 0, column: '', message: 'the workbook has no sheets' }] };
  const cellText = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('');
    if (typeof v === 'object' && 'text' in v) return String(v.text);
    if (v instanceof Date) return v.toISOString().slice(11, 19);
    return String(v);
  };
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => (headers[col] = canonical(cellText(cell.value))));
  const missing = ['Designated Scenario Time', 'Event Number'].filter((c) => !headers.includes(c));
  if (missing.length > 0)
    return { ok: false, errors: missing.map((c) => ({ row: 1, column: c, message: `the column "${c}" is missing` })) };
  const rows: { row: number; cells: Row }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells: Row = {};
    ws.getRow(r).eachCell({ includeEmpty: true }, (cell, col) => {
      if (headers[col]) cells[headers[col]] = cellText(cell.value);
    });
    rows.push({ row: r, cells });
  }
  const metaSheet = wb.getWorksheet('Scenario');
  const tag = metaSheet ? cellText(metaSheet.getCell('A1').value) : '';
  const metaRaw = tag === META_TAG && metaSheet ? cellText(metaSheet.getCell('B1').value) : null;
  return rowsToScenario(rows, metaRaw, info);
}
