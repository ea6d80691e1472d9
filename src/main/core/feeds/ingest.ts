import type { Database as Db, Statement } from 'better-sqlite3';
import type { ChangeLog } from '../store/changes';
import type { DomainMapper } from './apply';
import { streamAndSeq, validateMessage, type TypedEvent } from './validate';

/** Sends the cumulative ack for a stream on the connection the events came on. */
export type AckFn = (stream: string, seq: number) => void;

/**
 * Planted faults, switched on only by tests (env `WF_FEEDS_FAULT`), so each
 * durability test can prove it would catch the bug it guards against.
 */
export interface PlantedFaults {
  ackBeforeCommit: boolean;
  dedupOff: boolean;
}

export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): PlantedFaults {
  const f = new Set((env.WF_FEEDS_FAULT ?? '').split(',').map((s) => s.trim()));
  return { ackBeforeCommit: f.has('ack-before-commit'), dedupOff: f.has('dedup-off') };
}

/** A stream's cursor while a batch is applied. */
interface StreamCursor {
  cursor: number;
  lastTs: number | null;
  source: string;
  dirty: boolean;
  /** Set once an event of the batch is acknowledged on this stream (applied, a duplicate, or quarantined within the window). */
  ack: AckFn | null;
}

interface Pending {
  source: string;
  msg: unknown;
  ack: AckFn;
  receivedAt: number;
}

export interface IngestStats {
  applied: number;
  duplicates: number;
  quarantined: number;
  gaps: number;
  batches: number;
  /** receive → commit latency of the last batch's oldest event, ms. */
  lastLatencyMs: number;
}

export interface IngestOptions {
  /** Flush when this many events wait… */
  maxBatch?: number;
  /** …or when the oldest has waited this long (group commit). */
  windowMs?: number;
  faults?: PlantedFaults;
  /** Called after each commit (the core flushes change notices here). */
  onCommitted?: (batch: { count: number; latencies: number[] }) => void;
  /** Called with stream faults as they are recorded (health shows them). */
  onFault?: (source: string, kind: string, detail: string) => void;
  /** Change log: feed cursors and quarantine rows are recorded so health and quarantine views follow them. */
  changes?: ChangeLog;
}

/** Group commit: at most this many events per transaction (a burst's transaction stays ~20 ms)… */
export const INGEST_MAX_BATCH = 2000;
/** …and an event waits at most this long for its batch to fill. */
export const INGEST_WINDOW_MS = 10;

const MAX_RAW = 1_000_000;
/** How far past the cursor a quarantined message's seq may move it. */
const QUARANTINE_SEQ_WINDOW = 10_000;

/**
 * The ingestion pipeline: receive → validate → dedup by (stream, id) → apply,
 * with the inbox row, cursor and change log in the same transaction → commit
 * (synchronous=FULL, so the WAL is flushed) → cumulative ack. Events wait at
 * most `windowMs` so one flush is paid per batch, not per event.
 */
export class Ingestor {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly maxBatch: number;
  private readonly windowMs: number;
  readonly faults: PlantedFaults;
  readonly stats: IngestStats = { applied: 0, duplicates: 0, quarantined: 0, gaps: 0, batches: 0, lastLatencyMs: 0 };
  private readonly inboxPut: Statement;
  private readonly cursorGet: Statement<[string]>;
  private readonly cursorPut: Statement;
  private readonly quarantinePut: Statement;
  private readonly faultPut: Statement;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly mapper: DomainMapper,
    private readonly now: () => number,
    private readonly opts: IngestOptions = {},
  ) {
    this.maxBatch = opts.maxBatch ?? INGEST_MAX_BATCH;
    this.windowMs = opts.windowMs ?? INGEST_WINDOW_MS;
    this.faults = opts.faults ?? faultsFromEnv();
    this.inboxPut = db.prepare(
      `INSERT ${this.faults.dedupOff ? 'OR REPLACE' : 'OR IGNORE'} INTO feed_inbox (stream, event_id, seq, type, ts, received_at) VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.cursorGet = db.prepare('SELECT cursor FROM feed_cursors WHERE stream = ?');
    this.cursorPut = db.prepare(
      `INSERT INTO feed_cursors (stream, source, cursor, last_ts, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (stream) DO UPDATE SET source = excluded.source, cursor = excluded.cursor,
         last_ts = coalesce(excluded.last_ts, last_ts), updated_at = excluded.updated_at`,
    );
    this.quarantinePut = db.prepare(
      'INSERT INTO quarantine (source, stream, seq, reason, detail, raw, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.faultPut = db.prepare(
      'INSERT INTO feed_faults (source, stream, kind, from_seq, to_seq, detail, at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
  }

  /** Cursors to send in the handshake: the highest seq durably committed per stream. */
  cursors(): Record<string, number> {
    const rows = this.db.prepare('SELECT stream, cursor FROM feed_cursors').all() as {
      stream: string;
      cursor: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.stream, r.cursor]));
  }

  receive(source: string, msgs: readonly unknown[], ack: AckFn): void {
    if (this.closed) return;
    const at = this.now();
    for (const msg of msgs) this.queue.push({ source, msg, ack, receivedAt: at });
    if (this.faults.ackBeforeCommit) {
      // PLANTED FAULT (tests only): ack on receipt, before the group commit.
      for (const msg of msgs) {
        const ss = streamAndSeq(msg);
        if (ss) ack(ss.stream, ss.seq);
      }
    }
    if (this.queue.length >= this.maxBatch) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.windowMs);
  }

  recordFault(source: string, stream: string | null, kind: string, detail: string, from?: number, to?: number): void {
    this.faultPut.run(source, stream, kind, from ?? null, to ?? null, detail, this.now());
    this.opts.onFault?.(source, kind, detail);
  }

  /** Commit everything waiting in one transaction, then ack. */
  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const acks = new Map<string, { seq: number; ack: AckFn }>();
      const before = { ...this.stats };
      try {
        this.db.transaction(() => this.applyBatch(batch, acks, false)).immediate();
      } catch {
        // Something in the batch was refused by the store: roll back, then apply event by event
        // under savepoints so only the offending events go to quarantine.
        Object.assign(this.stats, before);
        acks.clear();
        this.db.transaction(() => this.applyBatch(batch, acks, true)).immediate();
      }
      const committed = this.now();
      this.stats.batches++;
      this.stats.lastLatencyMs = committed - batch[0].receivedAt;
      if (!this.faults.ackBeforeCommit) for (const [stream, a] of acks) a.ack(stream, a.seq);
      this.opts.onCommitted?.({ count: batch.length, latencies: batch.map((p) => committed - p.receivedAt) });
    }
  }

  private noteGap(source: string, stream: string, cursor: number, seq: number): void {
    if (seq <= cursor + 1) return;
    this.recordFault(source, stream, 'gap', `seq ${cursor + 1}–${seq - 1} never arrived`, cursor + 1, seq - 1);
    this.stats.gaps++;
  }

  private applyBatch(batch: Pending[], acks: Map<string, { seq: number; ack: AckFn }>, careful: boolean): void {
    const at = this.now();
    this.mapper.beginBatch();
    let quarantined = 0;
    const cursors = new Map<string, StreamCursor>();
    const cursorOf = (stream: string, source: string): StreamCursor => {
      let c = cursors.get(stream);
      if (!c) {
        const row = this.cursorGet.get(stream) as { cursor: number } | undefined;
        c = { cursor: row?.cursor ?? 0, lastTs: null, source, dirty: false, ack: null };
        cursors.set(stream, c);
      }
      return c;
    };
    for (const p of batch) {
      const v = validateMessage(p.msg);
      if (!v.ok) {
        const ss = streamAndSeq(p.msg);
        let raw: string;
        try {
          raw = JSON.stringify(p.msg) ?? String(p.msg);
        } catch {
          raw = String(p.msg);
        }
        const detail = raw.length > MAX_RAW ? `${v.detail} (raw truncated to ${MAX_RAW} characters)` : v.detail;
        this.quarantinePut.run(
          p.source,
          ss?.stream ?? null,
          ss?.seq ?? null,
          v.reason,
          detail,
          raw.slice(0, MAX_RAW),
          at,
        );
        this.stats.quarantined++;
        quarantined++;
        // A readable seq moves the cursor only within a plausible window, so a
        // hostile seq cannot make the seat skip real events it has not had.
        if (ss) {
          const c = cursorOf(ss.stream, p.source);
          if (ss.seq > c.cursor && ss.seq <= c.cursor + QUARANTINE_SEQ_WINDOW) {
            this.noteGap(p.source, ss.stream, c.cursor, ss.seq);
            c.cursor = ss.seq;
            c.dirty = true;
            c.ack = p.ack;
          }
        }
        continue;
      }
      const { envelope } = v.value;
      const c = cursorOf(envelope.stream, p.source);
      this.noteGap(p.source, envelope.stream, c.cursor, envelope.seq);
      if (!careful) {
        // Fast path: no savepoint per event. A failure aborts the batch, which is redone carefully.
        if (this.applyOne(v.value, p.source, at)) this.stats.applied++;
        else this.stats.duplicates++;
      } else
        try {
          if (this.db.transaction(() => this.applyOne(v.value, p.source, at))()) this.stats.applied++;
          else this.stats.duplicates++;
        } catch (err) {
          // The domain refused it (a constraint): keep it, raw, rather than lose it or stall the stream.
          this.quarantinePut.run(
            p.source,
            envelope.stream,
            envelope.seq,
            'apply_failed',
            (err as Error).message,
            JSON.stringify(p.msg),
            at,
          );
          this.stats.quarantined++;
        }
      if (envelope.seq > c.cursor) {
        c.cursor = envelope.seq;
        c.lastTs = v.value.ts;
        c.dirty = true;
      }
      c.ack = p.ack;
    }
    for (const [stream, c] of cursors) {
      // The cumulative ack covers the cursor, on the connection of the last event that moved or met it.
      if (c.ack) acks.set(stream, { seq: c.cursor, ack: c.ack });
      if (!c.dirty) continue;
      this.cursorPut.run(stream, c.source, c.cursor, c.lastTs, at);
      this.opts.changes?.record('feed', stream, 'update');
    }
    if (quarantined > 0) this.opts.changes?.record('quarantine', String(quarantined), 'insert');
    this.mapper.endBatch();
  }

  /**
   * Dedup and apply one valid event. The inbox row goes in first: when (stream, id) is already
   * there the insert is ignored and nothing is applied — one index probe instead of a SELECT
   * and an INSERT. A refusal by the domain rolls the inbox row back with the rest.
   */
  private applyOne(ev: TypedEvent, source: string, at: number): boolean {
    const e = ev.envelope;
    if (this.inboxPut.run(e.stream, e.id, e.seq, e.type, ev.ts, at).changes === 0) return false;
    const unmatched = this.mapper.apply(ev, source);
    if (unmatched) this.recordFault(source, e.stream, 'unmatched', unmatched, e.seq, e.seq);
    return true;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
  }
}
