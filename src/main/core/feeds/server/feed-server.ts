import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import { uuidv7 } from 'uuidv7';
import {
  FEED_NAMESPACE,
  MAX_BATCH,
  type Command,
  type CommandReply,
  type Envelope,
  type FeedMode,
  type Hello,
} from '../protocol';
import { FeedLog } from './feed-log';

/** Decides a command; may be async. Default: accept everything. */
export type CommandHandler = (cmd: Command, seat: string) => CommandReply | Promise<CommandReply>;

export interface FeedServerOptions {
  host?: string;
  port?: number;
  mode: FeedMode;
  tokens: string[];
  name: string;
  /**
   * Where a reconnecting seat's replay starts. `cursor` (the protocol): after
   * the cursors the seat sends. `acked`: after what this server has seen acked
   * by that seat — used by durability tests, so an ack sent before its commit
   * (then lost in a crash) shows up as a missing event instead of being hidden
   * by the replay.
   */
  replayFrom?: 'cursor' | 'acked';
  /** Most unacked events in flight per seat and stream (back-pressure). */
  window?: number;
  onCommand?: CommandHandler;
  /** Stream kinds for `hello` (e.g. hotline, iot, avl); default 'feed'. */
  kinds?: Record<string, string>;
  /** Shared log, so a restarted server keeps its history. */
  log?: FeedLog;
}

export interface SeatInfo {
  seat: string;
  connected: number;
  acked: Record<string, number>;
}

export interface ReceivedCommand extends Command {
  seat: string;
  times: number;
  reply: CommandReply;
}

export interface FeedServer {
  readonly url: string;
  readonly port: number;
  readonly log: FeedLog;
  publish(
    stream: string,
    type: string,
    payload: Record<string, unknown>,
    opts?: { id?: string; ts?: string },
  ): Envelope;
  /** Put anything on the wire at the stream's next seq (hostile tests). `make` gets that seq. */
  publishRaw(stream: string, raw: unknown | ((seq: number) => unknown)): number;
  /** Highest seq any seat has acked on the stream (or the given seat). */
  ackedSeq(stream: string, seat?: string): number;
  seats(): SeatInfo[];
  commands(): ReceivedCommand[];
  /** How many handshakes were refused as unauthorized. */
  refusedHandshakes(): number;
  setCommandHandler(handler: CommandHandler): void;
  /** Fault injection: close every seat's connection (they reconnect). */
  dropConnections(): void;
  /**
   * Fault injection: resend to each connected seat the last `n` events it was
   * sent. Returns the highest seq resent: once a seat acks it, it has seen them.
   */
  duplicate(stream: string, n: number): number;
  /** Fault injection: lose `n` seqs upstream so seats see a gap. */
  skip(stream: string, n: number): void;
  close(): Promise<void>;
}

interface SeatState {
  acked: Map<string, number>;
  sockets: Set<Socket>;
}

interface Conn {
  seat: string;
  /** Highest seq sent on this connection, per stream. */
  sent: Map<string, number>;
  ready: boolean;
}

function isoNow(): string {
  return new Date().toISOString();
}

/**
 * A socket.io v4 server speaking feed protocol v1: per-stream logs with seq,
 * replay after the seat's cursors, `event`/`events` batches of at most 1000,
 * cumulative acks per seat, token check, and commands with an ack callback.
 * Used by the reference dev server, the tests, the benchmark and the exercise
 * engine (which runs it inside the app).
 */
export async function startFeedServer(opts: FeedServerOptions): Promise<FeedServer> {
  const log = opts.log ?? new FeedLog();
  const window = opts.window ?? 5000;
  const replayFrom = opts.replayFrom ?? 'cursor';
  const tokens = new Set(opts.tokens);
  const seats = new Map<string, SeatState>();
  const conns = new Map<Socket, Conn>();
  const received = new Map<string, ReceivedCommand>();
  let onCommand: CommandHandler = opts.onCommand ?? ((): CommandReply => ({ ok: true }));
  let pumpQueued = false;
  let refused = 0;

  const httpServer = http.createServer();
  const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 4_000_000, cors: { origin: false } });
  const nsp = io.of(FEED_NAMESPACE);

  const seatOf = (name: string): SeatState => {
    let s = seats.get(name);
    if (!s) {
      s = { acked: log.ackedBy(name), sockets: new Set() };
      seats.set(name, s);
    }
    return s;
  };

  const hello = (): Hello => ({
    server: opts.name,
    mode: opts.mode,
    streams: log.streams().map((stream) => ({
      stream,
      kind: opts.kinds?.[stream] ?? 'feed',
      headSeq: log.head(stream),
    })),
  });

  /** Send each ready connection what it has not had yet, within its window. */
  const pump = (): void => {
    pumpQueued = false;
    for (const [socket, conn] of conns) {
      if (!conn.ready) continue;
      const seat = seatOf(conn.seat);
      for (const stream of log.streams()) {
        const head = log.head(stream);
        let sent = conn.sent.get(stream) ?? 0;
        const limit = Math.min(head, (seat.acked.get(stream) ?? 0) + window, sent + window);
        while (sent < limit) {
          const upto = Math.min(limit, sent + MAX_BATCH);
          const batch = log.range(stream, sent + 1, upto);
          sent = upto;
          if (batch.length === 1) socket.emit('event', batch[0]);
          else if (batch.length > 1) socket.emit('events', batch);
        }
        conn.sent.set(stream, sent);
      }
    }
  };
  const schedulePump = (): void => {
    if (pumpQueued) return;
    pumpQueued = true;
    setImmediate(pump);
  };

  nsp.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown };
    if (typeof auth.token !== 'string' || !tokens.has(auth.token)) {
      refused++;
      next(new Error('unauthorized'));
      return;
    }
    next();
  });

  nsp.on('connection', (socket) => {
    const auth = socket.handshake.auth as { seat?: unknown; cursors?: unknown };
    const seatName = typeof auth.seat === 'string' && auth.seat.length > 0 ? auth.seat.slice(0, 200) : 'anonymous';
    const cursors =
      typeof auth.cursors === 'object' && auth.cursors !== null ? (auth.cursors as Record<string, unknown>) : {};
    const seat = seatOf(seatName);
    seat.sockets.add(socket);
    const conn: Conn = { seat: seatName, sent: new Map(), ready: false };
    for (const stream of log.streams()) {
      const fromCursor = cursors[stream];
      const c =
        replayFrom === 'acked'
          ? (seat.acked.get(stream) ?? 0)
          : typeof fromCursor === 'number' && Number.isInteger(fromCursor) && fromCursor >= 0
            ? fromCursor
            : 0;
      conn.sent.set(stream, c);
      // A seat's cursor is what it has durably committed: count it as acked for the window.
      if (c > (seat.acked.get(stream) ?? 0) && replayFrom === 'cursor') seat.acked.set(stream, c);
    }
    conns.set(socket, conn);

    socket.on('ack', (msg: unknown) => {
      if (typeof msg !== 'object' || msg === null) return;
      const { stream, seq } = msg as { stream?: unknown; seq?: unknown };
      if (typeof stream !== 'string' || typeof seq !== 'number' || !Number.isInteger(seq)) return;
      if (seq > (seat.acked.get(stream) ?? 0)) seat.acked.set(stream, seq);
      schedulePump();
    });

    socket.on('command', (msg: unknown, reply?: unknown) => {
      const answer = (r: CommandReply): void => {
        if (typeof reply === 'function') (reply as (r: CommandReply) => void)(r);
      };
      if (typeof msg !== 'object' || msg === null) return answer({ ok: false, error: 'malformed command' });
      const { id, type, payload } = msg as Partial<Command>;
      if (typeof id !== 'string' || typeof type !== 'string' || typeof payload !== 'object' || payload === null) {
        answer({ ok: false, error: 'malformed command' });
        return;
      }
      const seen = received.get(id);
      if (seen) {
        // Same id again (a resend after reconnect): same answer, applied once.
        seen.times += 1;
        answer(seen.reply);
        return;
      }
      void Promise.resolve(onCommand({ id, type, payload }, seatName)).then(
        (r) => {
          received.set(id, { id, type, payload, seat: seatName, times: 1, reply: r });
          answer(r);
        },
        (err: unknown) => answer({ ok: false, error: err instanceof Error ? err.message : String(err) }),
      );
    });

    socket.on('disconnect', () => {
      conns.delete(socket);
      seat.sockets.delete(socket);
    });

    socket.emit('hello', hello());
    conn.ready = true;
    schedulePump();
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;

  return {
    url,
    port,
    log,
    publish(stream, type, payload, o) {
      const env: Envelope = {
        v: 1,
        stream,
        seq: log.head(stream) + 1,
        id: o?.id ?? uuidv7(),
        type,
        ts: o?.ts ?? isoNow(),
        payload,
      };
      log.append(stream, env);
      schedulePump();
      return env;
    },
    publishRaw(stream, raw) {
      const seq = log.head(stream) + 1;
      log.append(stream, typeof raw === 'function' ? (raw as (s: number) => unknown)(seq) : raw);
      schedulePump();
      return seq;
    },
    ackedSeq(stream, seatName) {
      if (seatName !== undefined) return log.acks.get(seatName)?.get(stream) ?? 0;
      let max = 0;
      for (const s of log.acks.values()) max = Math.max(max, s.get(stream) ?? 0);
      return max;
    },
    seats() {
      return [...seats].map(([seat, s]) => ({
        seat,
        connected: s.sockets.size,
        acked: Object.fromEntries(s.acked),
      }));
    },
    commands() {
      return [...received.values()];
    },
    refusedHandshakes() {
      return refused;
    },
    setCommandHandler(handler) {
      onCommand = handler;
    },
    dropConnections() {
      for (const socket of conns.keys()) socket.disconnect(true);
    },
    duplicate(stream, n) {
      // Resend the last n events each connection already had: the seat must apply them once.
      let upto = 0;
      for (const [socket, conn] of conns) {
        const sent = conn.sent.get(stream) ?? 0;
        const again = log.range(stream, Math.max(1, sent - Math.min(n, MAX_BATCH) + 1), sent);
        if (again.length > 0) socket.emit('events', again);
        upto = Math.max(upto, sent);
      }
      return upto;
    },
    skip(stream, n) {
      log.skip(stream, n);
    },
    async close() {
      for (const socket of conns.keys()) socket.disconnect(true);
      conns.clear();
      await new Promise<void>((resolve) => {
        void io.close(() => resolve());
      });
    },
  };
}

export { uuidv7 as newEventId };
