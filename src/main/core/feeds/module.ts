import fs from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { feedsChannels, FeedHealth, FeedSourceView, QuarantineItem } from '../../../shared/contracts/feeds';
import { CoreError } from '../../../shared/result';
import type { CoreContext, HandlersFor } from '../context';
import type { IncidentService } from '../incidents/service';
import { DomainMapper } from './apply';
import type { UnitService } from '../resources/units';
import { FeedClient, type BackoffOptions, type FeedState } from './client';
import { Ingestor, type IngestOptions } from './ingest';
import { Outbox } from './outbox';
import type { TokenCipher } from './tokens';

export interface FeedsOptions {
  cipher: TokenCipher;
  ingest?: IngestOptions;
  backoff?: BackoffOptions;
  transports?: ('websocket' | 'polling')[];
  /** Called after each ingestion commit and outbox settlement (the core pushes change notices). */
  onCommitted?: () => void;
}

/**
 * A `feeds.upsert` as the core receives it: the renderer sends `token`; in the
 * app the shell replaces it with `tokenCipher` (its safeStorage ciphertext)
 * before the request crosses into the worker.
 */
export interface SealedUpsert {
  name: string;
  url: string;
  token?: string;
  tokenCipher?: string;
  enabled: boolean;
}

interface SourceRow {
  id: string;
  name: string;
  url: string;
  token_cipher: string | null;
  enabled: number;
}

interface Runtime {
  client: FeedClient;
  /** Arrival times of recent events, for events/s over the last 10 s. */
  arrivals: number[];
}

const RATE_WINDOW_MS = 10_000;

const feedConfigSchema = z
  .array(
    z
      .object({
        name: z.string().trim().min(1).max(64),
        url: z
          .string()
          .regex(/^(https?|wss?):\/\/\S+$/, 'url must be http(s) or ws(s)')
          .max(500),
        enabled: z.boolean().default(true),
      })
      .strict(),
  )
  .max(100);

/**
 * The feeds domain: sources, one connection per source, the ingestion
 * pipeline, the outbox, health, quarantine. Sockets live here in the core;
 * acks leave only after the commit that makes the events durable.
 */
export class FeedsService {
  readonly ingestor: Ingestor;
  readonly outbox: Outbox;
  private readonly runtimes = new Map<string, Runtime>();
  /** Tokens that must not touch the disk (no secure storage, or given on a command line). */
  private readonly memoryTokens = new Map<string, string>();
  private readonly ephemeral = new Map<string, { url: string }>();
  /** Tokens the shell decrypted for this session, keyed by source, with the ciphertext they came from. */
  private readonly decrypted = new Map<string, { cipherText: string; plain: string }>();
  private running = false;

  constructor(
    private readonly ctx: CoreContext,
    incidents: IncidentService,
    private readonly opts: FeedsOptions,
    units: UnitService,
  ) {
    const mapper = new DomainMapper(ctx.db, incidents, ctx.changes, ctx.now, ctx.actor, ctx.mode, units);
    this.ingestor = new Ingestor(ctx.db, mapper, ctx.now, {
      changes: ctx.changes,
      ...opts.ingest,
      onCommitted: (b) => {
        opts.ingest?.onCommitted?.(b);
        opts.onCommitted?.();
      },
    });
    this.outbox = new Outbox(ctx.db, ctx.changes, ctx.now);
  }

  private rows(): SourceRow[] {
    return this.ctx.db
      .prepare('SELECT id, name, url, token_cipher, enabled FROM feed_sources ORDER BY name')
      .all() as SourceRow[];
  }

  private view(r: SourceRow): FeedSourceView {
    return {
      id: r.id,
      name: r.name,
      url: r.url,
      enabled: r.enabled === 1,
      token: r.token_cipher ? 'encrypted' : this.memoryTokens.has(r.name) ? 'memory' : 'none',
    };
  }

  list(): FeedSourceView[] {
    const stored = this.rows().map((r) => this.view(r));
    const extra = [...this.ephemeral].map(([name, e]) => ({
      id: `session:${name}`,
      name,
      url: e.url,
      enabled: true,
      token: 'memory' as const,
    }));
    return [...stored, ...extra];
  }

  /** Save a source. The token is stored only as the shell's ciphertext; without secure storage it stays in memory. */
  upsert(req: SealedUpsert): FeedSourceView {
    let cipherText: string | null = null;
    if (req.tokenCipher !== undefined) {
      // Already encrypted by the shell's binding (host.ts): the plaintext never reached this thread.
      cipherText = req.tokenCipher;
      this.memoryTokens.delete(req.name);
    } else if (req.token !== undefined) {
      if (this.opts.cipher.persistent) cipherText = this.opts.cipher.encrypt(req.token);
      else this.memoryTokens.set(req.name, req.token);
    }
    const at = this.ctx.now();
    this.ctx.db.transaction(() => {
      const existing = this.ctx.db.prepare('SELECT id FROM feed_sources WHERE name = ?').get(req.name) as
        { id: string } | undefined;
      const id = existing?.id ?? uuidv7();
      this.ctx.db
        .prepare(
          `INSERT INTO feed_sources (id, name, url, token_cipher, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET url = excluded.url, enabled = excluded.enabled, updated_at = excluded.updated_at,
             token_cipher = CASE WHEN ? THEN excluded.token_cipher ELSE token_cipher END`,
        )
        .run(
          id,
          req.name,
          req.url,
          cipherText,
          req.enabled ? 1 : 0,
          at,
          at,
          cipherText !== null || req.token !== undefined ? 1 : 0,
        );
      this.ctx.changes.record('feed_source', id, existing ? 'update' : 'insert');
    })();
    // A disabled source disconnects now; a new token reconnects with it; a new source connects.
    const rt = this.runtimes.get(req.name);
    if (rt && (!req.enabled || cipherText !== null || req.token !== undefined)) {
      rt.client.stop();
      this.runtimes.delete(req.name);
    }
    if (this.running) this.start();
    return this.view(this.rows().find((r) => r.name === req.name) as SourceRow);
  }

  /**
   * Sources from a config file (JSON: [{ name, url, enabled? }]). Tokens are
   * never read from a file: an entry carrying one is refused, and tokens are
   * given through settings, where the shell encrypts them.
   */
  loadConfig(file: string): FeedSourceView[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    } catch (err) {
      // JSON.parse quotes the text around the error; that text is not repeated (it could be a misplaced token).
      const at = /position (\d+)/.exec((err as Error).message)?.[1];
      const where = (err as NodeJS.ErrnoException).code ?? (at ? `at character ${at}` : 'not valid JSON');
      throw new CoreError(
        'invalid_request',
        `The feed config ${file} cannot be read as JSON (${where}); fix or remove the file and restart.`,
      );
    }
    const r = feedConfigSchema.safeParse(parsed);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new CoreError(
        'invalid_request',
        `The feed config ${file} is not valid at ${issue.path.join('.') || '(top)'}: ${issue.message}. Tokens belong in settings, never in this file.`,
      );
    }
    return r.data.map((s) => this.upsert({ name: s.name, url: s.url, enabled: s.enabled }));
  }

  /** A source for this session only (CLI, tests): nothing about it, least of all its token, is written to disk. */
  addSessionSource(name: string, url: string, token: string): void {
    this.ephemeral.set(name, { url });
    this.memoryTokens.set(name, token);
  }

  private tokenOf(r: { name: string; token_cipher: string | null }): string | null {
    const inMemory = this.memoryTokens.get(r.name);
    if (inMemory !== undefined || !r.token_cipher) return inMemory ?? null;
    const cached = this.decrypted.get(r.name);
    if (cached?.cipherText === r.token_cipher) return cached.plain;
    if (this.opts.cipher.decryptAsync) {
      this.decryptLater(r.name, r.token_cipher);
      return null;
    }
    try {
      return this.opts.cipher.decrypt(r.token_cipher);
    } catch (err) {
      // A token this process cannot decrypt: the source stays off, and says why.
      this.ctx.db.transaction(() => this.ingestor.recordFault(r.name, null, 'token', (err as Error).message))();
      return null;
    }
  }

  /** Ask the shell for a token without blocking; the source connects once it arrives. */
  private decryptLater(name: string, cipherText: string): void {
    const decrypt = this.opts.cipher.decryptAsync;
    if (!decrypt) return;
    decrypt.call(this.opts.cipher, cipherText).then(
      (plain) => {
        this.decrypted.set(name, { cipherText, plain });
        if (this.running && this.ctx.db.open) this.start();
      },
      (err: unknown) => {
        if (!this.ctx.db.open) return;
        // A token the shell cannot decrypt (another user's keychain, a reset one): the source stays off and says why.
        this.ctx.db.transaction(() =>
          this.ingestor.recordFault(name, null, 'token', err instanceof Error ? err.message : String(err)),
        )();
      },
    );
  }

  /** Open a connection for every enabled source that has a token. */
  start(): void {
    this.running = true;
    const sources = [
      ...this.rows()
        .filter((r) => r.enabled === 1)
        .map((r) => ({ name: r.name, url: r.url, token: this.tokenOf(r) })),
      ...[...this.ephemeral].map(([name, e]) => ({ name, url: e.url, token: this.memoryTokens.get(name) ?? null })),
    ];
    for (const s of sources) {
      if (this.runtimes.has(s.name) || s.token === null) continue;
      const rt: Runtime = { arrivals: [], client: null as unknown as FeedClient };
      const name = s.name;
      rt.client = new FeedClient(
        { name, url: s.url, token: s.token },
        this.ctx.actor.seat,
        this.ctx.mode,
        {
          cursors: () => this.ingestor.cursors(),
          onEvents: (msgs, ack) => {
            const t = Date.now();
            for (let i = 0; i < msgs.length; i++) rt.arrivals.push(t);
            if (rt.arrivals.length > 200_000) rt.arrivals.splice(0, rt.arrivals.length - 100_000);
            this.ingestor.receive(name, msgs, ack);
          },
          onState: () => {
            // Connection states are not domain data, but health views follow them through the change log.
            this.ctx.db.transaction(() => this.ctx.changes.record('feed', name, 'update'))();
            this.opts.onCommitted?.();
          },
          onFault: (kind, detail) => {
            this.ctx.db.transaction(() => this.ingestor.recordFault(name, null, kind, detail))();
          },
          onReady: () => void this.drainOutbox(name),
        },
        this.opts.backoff,
        this.opts.transports,
      );
      this.runtimes.set(name, rt);
      rt.client.start();
    }
  }

  async drainOutbox(source: string): Promise<void> {
    const rt = this.runtimes.get(source);
    if (!rt) return;
    await this.outbox.drain(
      source,
      (cmd) => rt.client.command(cmd),
      () => this.opts.onCommitted?.(),
    );
  }

  stop(): void {
    this.running = false;
    for (const rt of this.runtimes.values()) rt.client.stop();
    this.runtimes.clear();
    this.ingestor.flush();
  }

  health(): FeedHealth[] {
    const now = this.ctx.now();
    const db = this.ctx.db;
    const names = new Set([...this.rows().map((r) => r.name), ...this.ephemeral.keys()]);
    return [...names].map((name) => {
      const rt = this.runtimes.get(name);
      const streams = db
        .prepare(
          `SELECT c.stream, c.cursor, c.last_ts AS lastEventAt,
             (SELECT count(*) FROM feed_faults f WHERE f.stream = c.stream AND f.kind = 'gap') AS gaps
           FROM feed_cursors c WHERE c.source = ? ORDER BY c.stream`,
        )
        .all(name) as FeedHealth['streams'];
      const last = streams.reduce<number | null>(
        (m, s) => (s.lastEventAt !== null && (m === null || s.lastEventAt > m) ? s.lastEventAt : m),
        null,
      );
      const since = Date.now() - RATE_WINDOW_MS;
      const recent = rt ? rt.arrivals.filter((t) => t >= since).length : 0;
      const count = (sql: string): number => (db.prepare(sql).get(name) as { n: number }).n;
      const state: FeedState = rt?.client.state ?? 'stopped';
      return {
        name,
        url: this.ephemeral.get(name)?.url ?? this.rows().find((r) => r.name === name)?.url ?? '',
        state,
        mode: rt?.client.hello?.mode ?? null,
        lagMs: last === null ? null : Math.max(0, now - last),
        eventsPerSec: recent / (RATE_WINDOW_MS / 1000),
        lastError: rt?.client.lastError ?? null,
        lastErrorKind: rt?.client.lastErrorKind ?? null,
        lastErrorReason: rt?.client.lastErrorReason ?? null,
        gaps: count(`SELECT count(*) AS n FROM feed_faults WHERE source = ? AND kind = 'gap'`),
        quarantined: count('SELECT count(*) AS n FROM quarantine WHERE source = ?'),
        pendingCommands: count(`SELECT count(*) AS n FROM outbox WHERE source = ? AND state = 'pending'`),
        streams,
      };
    });
  }

  quarantine(f: { stream?: string; reason?: string; beforeId?: number; limit: number }): QuarantineItem[] {
    return this.ctx.db
      .prepare(
        `SELECT id, source, stream, seq, reason, detail, raw, received_at AS receivedAt FROM quarantine
         WHERE (@stream IS NULL OR stream = @stream) AND (@reason IS NULL OR reason = @reason)
           AND (@before IS NULL OR id < @before)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({
        stream: f.stream ?? null,
        reason: f.reason ?? null,
        before: f.beforeId ?? null,
        limit: f.limit,
      }) as QuarantineItem[];
  }

  exportQuarantine(f: { stream?: string; reason?: string }): { filename: string; count: number; content: string } {
    const lines: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = this.quarantine({ ...f, beforeId: before, limit: 1000 });
      for (const q of page) lines.push(JSON.stringify(q));
      if (page.length < 1000) break;
      before = page[page.length - 1].id;
    }
    const tag = [f.stream, f.reason].filter(Boolean).join('-') || 'all';
    return {
      filename: `quarantine-${tag.replace(/[^A-Za-z0-9._-]/g, '_')}.jsonl`,
      count: lines.length,
      content: lines.join('\n'),
    };
  }

  /** Acknowledge an incident locally and tell its source system, in one transaction. */
  acknowledge(incidentId: string): { incidentId: string; commandId: string | null } {
    const db = this.ctx.db;
    const result = db.transaction(() => {
      const inc = db.prepare('SELECT acknowledged_at AS ackAt FROM incidents WHERE id = ?').get(incidentId) as
        { ackAt: number | null } | undefined;
      if (!inc)
        throw new CoreError('not_found', `Incident ${incidentId} does not exist; refresh the list and try again.`);
      db.prepare(
        'UPDATE incidents SET acknowledged_at = coalesce(acknowledged_at, ?), updated_at = ? WHERE id = ?',
      ).run(this.ctx.now(), this.ctx.now(), incidentId);
      db.prepare('INSERT INTO timeline (incident_id, at, kind, actor, text, data) VALUES (?, ?, ?, ?, ?, NULL)').run(
        incidentId,
        this.ctx.now(),
        'acknowledged',
        `${this.ctx.actor.operator}@${this.ctx.actor.seat}`,
        'acknowledged',
      );
      this.ctx.changes.record('incident', incidentId, 'update');
      const src = db
        .prepare(
          `SELECT source, external_ref AS ref FROM reports WHERE incident_id = ? AND source LIKE 'feed:%' AND external_ref IS NOT NULL ORDER BY received_at LIMIT 1`,
        )
        .get(incidentId) as { source: string; ref: string } | undefined;
      if (!src) return null;
      const stream = src.source.slice('feed:'.length);
      const cursor = db.prepare('SELECT source FROM feed_cursors WHERE stream = ?').get(stream) as
        { source: string } | undefined;
      if (!cursor) return null;
      return this.outbox.enqueue(cursor.source, 'incident.acknowledge', {
        externalRef: src.ref,
        stream,
        by: this.ctx.actor.seat,
      });
    })();
    if (result)
      void this.drainOutbox(
        (db.prepare('SELECT source FROM outbox WHERE id = ?').get(result) as { source: string }).source,
      );
    return { incidentId, commandId: result };
  }

  handlers(): HandlersFor<keyof typeof feedsChannels> {
    return {
      'feeds.list': () => this.list(),
      // The shell's binding may have swapped the token for its ciphertext (SealedUpsert).
      'feeds.upsert': (r) => this.upsert(r as SealedUpsert),
      'feeds.health': () => this.health(),
      'quarantine.list': (r) => this.quarantine(r),
      'quarantine.export': (r) => this.exportQuarantine(r),
      'outbox.list': (r) => this.outbox.list(r.state, r.limit),
      'feeds.acknowledge': (r) => this.acknowledge(r.incidentId),
    };
  }
}
