import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { AuditEntry, AuditVerdict } from '../../../shared/contracts/console';
import type { Actor } from '../context';
import { NO_ROLE, roleOf } from '../roles/guard';

/** Hash of the (non-existent) entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every depth, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** A stored row: the entry as the contract shows it, plus the link to its predecessor. */
type AuditRow = AuditEntry & { prev_hash: string };

function entryHash(prev: string, r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  const body = canonicalJson({
    seq: r.seq,
    at: r.at,
    seat: r.seat,
    operator: r.operator,
    role: r.role,
    action: r.action,
    target: r.target,
    request: r.request,
    before: r.before,
    after: r.after,
    outcome: r.outcome,
  });
  return createHash('sha256').update(prev).update(body).digest('hex');
}

function toEntry(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    seat: r.seat,
    operator: r.operator,
    role: r.role,
    action: r.action,
    target: r.target,
    request: r.request,
    before: r.before,
    after: r.after,
    outcome: r.outcome,
    hash: r.hash,
  };
}

export interface AuditRecord {
  action: string;
  target?: string | null;
  request?: unknown;
  before?: unknown;
  after?: unknown;
  /** 'ok' or the error code the action was refused with. */
  outcome: string;
}

/**
 * The audit log: every operator action, hash-chained (each entry's hash covers
 * the previous hash and the entry's canonical JSON), in a table whose triggers
 * refuse UPDATE and DELETE. Editing a row through the file itself is caught by
 * `verify`, which recomputes the chain.
 */
export class AuditLog {
  private readonly last: Statement<[]>;
  private readonly insert: Statement;
  private readonly page: Statement<[number, number]>;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {
    this.last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(`INSERT INTO audit_log
      (seq, at, seat, operator, role, action, target, request, before, after, outcome, prev_hash, hash)
      VALUES (@seq, @at, @seat, @operator, @role, @action, @target, @request, @before, @after, @outcome, @prev_hash, @hash)`);
    this.page = db.prepare('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?');
  }

  append(actor: Actor, rec: AuditRecord): AuditEntry {
    const prev = this.last.get() as { seq: number; hash: string } | undefined;
    const json = (v: unknown): string | null => (v === undefined ? null : canonicalJson(v));
    const row = {
      seq: (prev?.seq ?? 0) + 1,
      at: this.now(),
      seat: actor.seat,
      operator: actor.operator,
      role: actor.signedOut ? NO_ROLE : roleOf(actor),
      action: rec.action,
      target: rec.target ?? null,
      request: json(rec.request),
      before: json(rec.before),
      after: json(rec.after),
      outcome: rec.outcome,
    };
    const prevHash = prev?.hash ?? GENESIS_HASH;
    const full: AuditRow = { ...row, prev_hash: prevHash, hash: entryHash(prevHash, row) };
    this.insert.run(full);
    return toEntry(full);
  }

  list(limit: number, beforeSeq?: number): AuditEntry[] {
    return (this.page.all(beforeSeq ?? Number.MAX_SAFE_INTEGER, limit) as AuditRow[]).map(toEntry);
  }

  /** Walk the whole chain; report the first entry whose link or hash does not hold. */
  verify(): AuditVerdict {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for (const r of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
      const problem =
        r.seq !== expectedSeq
          ? 'missing_entry'
          : r.prev_hash !== prev
            ? 'broken_link'
            : entryHash(prev, r) !== r.hash
              ? 'altered_entry'
              : null;
      if (problem) return { intact: false, count, firstBroken: { seq: r.seq, problem, at: r.at } };
      prev = r.hash;
      expectedSeq++;
      count++;
    }
    return { intact: true, count, headHash: prev };
  }

  /** Write the whole log as CSV and JSON for an inquiry, with the verdict alongside. */
  exportTo(dir: string, stamp: string): { csv: string; json: string; count: number; verdict: AuditVerdict } {
    fs.mkdirSync(dir, { recursive: true });
    const verdict = this.verify();
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
    const cols: (keyof AuditRow)[] = [
      'seq',
      'at',
      'seat',
      'operator',
      'role',
      'action',
      'target',
      'request',
      'before',
      'after',
      'outcome',
      'prev_hash',
      'hash',
    ];
    const cell = (v: unknown): string => {
      const s = v === null || v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    };
    const csv = path.join(dir, `audit-${stamp}.csv`);
    const json = path.join(dir, `audit-${stamp}.json`);
    // UTF-8 BOM so Excel opens the Chinese text correctly.
    const lines = [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))];
    fs.writeFileSync(csv, `\ufeff${lines.join('\r\n')}\r\n`);
    fs.writeFileSync(json, JSON.stringify({ exportedAt: this.now(), verdict, entries: rows }, null, 2));
    return { csv, json, count: rows.length, verdict };
  }
}
