import type { Database as Db } from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { ChangeLog } from '../store/changes';
import type { TypedEvent } from './validate';

type WarningEvent = Extract<TypedEvent, { type: 'warning.issued' }>;
type Cap = WarningEvent['payload'];
type Info = Cap['info'][number];

const SEVERITY_LEVEL: Record<Info['severity'], 'red' | 'orange' | 'yellow' | 'blue' | null> = {
  Extreme: 'red',
  Severe: 'orange',
  Moderate: 'yellow',
  Minor: 'blue',
  Unknown: null,
};

/** CAP `references`: whitespace-separated "sender,identifier,sent" triples. */
export function parseReferences(refs: string | undefined): { sender: string; identifier: string }[] {
  if (!refs) return [];
  return refs
    .trim()
    .split(/\s+/)
    .map((t) => t.split(','))
    .filter((p) => p.length >= 2 && p[0] && p[1])
    .map((p) => ({ sender: p[0], identifier: p[1] }));
}

/** The info block officers read first: Chinese, then English, then whatever comes first. */
function mainInfo(cap: Cap): Info | undefined {
  const lang = (i: Info): string => (i.language ?? '').toLowerCase();
  return (
    cap.info.find((i) => lang(i).startsWith('zh')) ?? cap.info.find((i) => lang(i).startsWith('en')) ?? cap.info[0]
  );
}

/**
 * A CAP message becomes a warning row. Alert/Update of an actual message (or
 * an exercise message in an exercise seat) is active until it expires; an
 * Update supersedes what it references, a Cancel cancels it. Test, draft,
 * system, ack and error messages are kept as notices, never shown as active.
 * A message seen before (same sender, identifier, sent) is not stored twice.
 */
export function applyWarning(
  db: Db,
  changes: ChangeLog,
  now: () => number,
  mode: 'live' | 'exercise',
  ev: WarningEvent,
): void {
  const cap = ev.payload;
  const info = mainInfo(cap);
  const countsAsReal = cap.status === (mode === 'live' ? 'Actual' : 'Exercise');
  const isNew = cap.msgType === 'Alert' || cap.msgType === 'Update';
  const state = countsAsReal && isNew && info ? 'active' : 'notice';
  const at = now();
  const id = uuidv7();
  const areas = cap.info.flatMap((i) => i.area);
  const category = info ? (Array.isArray(info.category) ? info.category.join(',') : info.category) : '';
  const expires = cap.info.map((i) => i.expires).find((e) => e !== undefined) ?? null;
  const inserted = db
    .prepare(
      `INSERT INTO warnings (id, identifier, sender, sent, cap_status, msg_type, refs, state, event, category,
         urgency, severity, certainty, headline, description, instruction, level, effective, expires,
         area_desc, area, body, stream, received_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sender, identifier, sent) DO NOTHING`,
    )
    .run(
      id,
      cap.identifier,
      cap.sender,
      cap.sent,
      cap.status,
      cap.msgType,
      cap.references ?? null,
      state,
      info?.event ?? cap.msgType,
      category,
      info?.urgency ?? 'Unknown',
      info?.severity ?? 'Unknown',
      info?.certainty ?? 'Unknown',
      info?.headline ?? null,
      info?.description ?? null,
      info?.instruction ?? null,
      cap.level ?? (info ? SEVERITY_LEVEL[info.severity] : null),
      info?.effective ?? null,
      expires,
      areas.map((a) => a.areaDesc).join('; '),
      JSON.stringify(areas),
      JSON.stringify(cap),
      ev.envelope.stream,
      at,
      at,
    );
  if (inserted.changes === 0) return;
  changes.record('warning', id, 'insert');
  if (!countsAsReal || (cap.msgType !== 'Update' && cap.msgType !== 'Cancel')) return;
  const next = cap.msgType === 'Update' ? 'superseded' : 'cancelled';
  const touch = db.prepare(
    `UPDATE warnings SET state = ?, superseded_by = ?, updated_at = ?
     WHERE sender = ? AND identifier = ? AND state IN ('active', 'superseded') AND id != ? RETURNING id`,
  );
  for (const ref of parseReferences(cap.references)) {
    const rows = touch.all(next, id, at, ref.sender, ref.identifier, id) as { id: string }[];
    for (const r of rows) changes.record('warning', r.id, 'update');
  }
}
