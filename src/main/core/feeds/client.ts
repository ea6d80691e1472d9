import { io, type Socket } from 'socket.io-client';
import { FEED_NAMESPACE, type Command, type CommandReply, type FeedMode, type Hello } from './protocol';
import type { FeedErrorKind } from '../../../shared/contracts/feeds';

export type FeedState = 'connecting' | 'connected' | 'disconnected' | 'unauthorized' | 'refused' | 'stopped';

export interface FeedSourceConfig {
  name: string;
  url: string;
  token: string;
}

export interface FeedClientHooks {
  /** Cursors from the store, read at every (re)connect. */
  cursors(): Record<string, number>;
  /** Events of an accepted feed; `ack` goes out on this connection. */
  onEvents(msgs: readonly unknown[], ack: (stream: string, seq: number) => void): void;
  onState(state: FeedState, detail: string | null): void;
  /** A feed was refused: wrong mode or bad token. */
  onFault(kind: 'mode_mismatch' | 'unauthorized', detail: string): void;
  onReady(): void;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Retry after `unauthorized` this slowly: an operator has to fix the token. */
  unauthorizedMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 15_000, unauthorizedMs: 60_000 };

/** Exponential backoff with full jitter, so a restarted server is not hit by every seat at once. */
export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const cap = Math.min(o.maxMs, o.initialMs * 2 ** Math.min(attempt, 20));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * One socket.io-client connection to one feed source, in the core. It does
 * the handshake with the store's cursors, checks the `hello` mode (a live seat
 * refuses an exercise feed and the reverse, storing nothing from it), hands
 * events to the pipeline only once the feed is accepted, and reconnects with
 * backoff and jitter — slowly after `unauthorized`, not in a tight loop.
 */
export class FeedClient {
  private socket: Socket | null = null;
  private accepted = false;
  private attempt = 0;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;
  state: FeedState = 'disconnected';
  hello: Hello | null = null;
  lastError: string | null = null;
  lastErrorKind: FeedErrorKind | null = null;
  /** For `mode_mismatch` the feed's mode; otherwise socket.io's reason. */
  lastErrorReason: string | null = null;

  constructor(
    readonly config: FeedSourceConfig,
    private readonly seat: string,
    private readonly mode: FeedMode,
    private readonly hooks: FeedClientHooks,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
    private readonly transports: ('websocket' | 'polling')[] = ['websocket'],
  ) {}

  get connected(): boolean {
    return this.accepted && this.socket?.connected === true;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  private setState(state: FeedState, detail: string | null, error?: { kind: FeedErrorKind; reason: string }): void {
    this.state = state;
    if (detail !== null) this.lastError = detail;
    if (error) {
      this.lastErrorKind = error.kind;
      this.lastErrorReason = error.reason;
    }
    this.hooks.onState(state, detail);
  }

  private open(): void {
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.accepted = false;
    this.setState('connecting', null);
    const socket = io(`${this.config.url.replace(/\/+$/, '')}${FEED_NAMESPACE}`, {
      // A function, so every reconnect sends the cursors as they are now.
      auth: (cb) => cb({ token: this.config.token, seat: this.seat, cursors: this.hooks.cursors() }),
      transports: this.transports,
      reconnection: true,
      reconnectionDelay: this.backoff.initialMs,
      reconnectionDelayMax: this.backoff.maxMs,
      randomizationFactor: 0.5,
      timeout: 10_000,
      forceNew: true,
    });
    this.socket = socket;

    socket.on('hello', (h: Hello) => {
      this.hello = h;
      if (h?.mode !== this.mode) {
        const detail = `feed ${this.config.name} is in ${String(h?.mode)} mode; this seat is ${this.mode}: refused`;
        this.hooks.onFault('mode_mismatch', detail);
        this.stopSocket();
        this.setState('refused', detail, { kind: 'mode_mismatch', reason: String(h?.mode) });
        return;
      }
      this.accepted = true;
      this.attempt = 0;
      this.setState('connected', null);
      this.hooks.onReady();
    });
    const take = (msgs: readonly unknown[]): void => {
      // Nothing is stored from a feed before its hello is accepted.
      if (!this.accepted) return;
      this.hooks.onEvents(msgs, (stream, seq) => socket.emit('ack', { stream, seq }));
    };
    socket.on('event', (e: unknown) => take([e]));
    socket.on('events', (b: unknown) => take(Array.isArray(b) ? b : [b]));
    socket.on('connect_error', (err: Error) => {
      if (err.message === 'unauthorized') {
        const detail = `feed ${this.config.name} refused the token (unauthorized)`;
        this.hooks.onFault('unauthorized', detail);
        this.stopSocket();
        this.setState('unauthorized', detail, { kind: 'unauthorized', reason: err.message });
        this.schedule(this.backoff.unauthorizedMs);
        return;
      }
      this.setState('disconnected', err.message, { kind: 'connect_error', reason: err.message });
    });
    socket.on('disconnect', (reason: string) => {
      this.accepted = false;
      if (this.stopped || this.state === 'refused') return;
      this.setState('disconnected', `disconnected: ${reason}`, { kind: 'disconnected', reason });
      // socket.io does not reconnect by itself when the server closed the connection.
      if (reason === 'io server disconnect') this.schedule(backoffDelay(this.attempt++, this.backoff));
    });
  }

  private schedule(ms: number): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) this.open();
    }, ms);
  }

  private stopSocket(): void {
    const s = this.socket;
    this.socket = null;
    this.accepted = false;
    if (s) {
      s.removeAllListeners();
      s.close();
    }
  }

  /** Send a command; resolves with the server's answer, or null if not connected or no answer in time. */
  async command(cmd: Command, timeoutMs = 10_000): Promise<CommandReply | null> {
    const s = this.socket;
    if (!s || !this.connected) return null;
    try {
      const r = (await s.timeout(timeoutMs).emitWithAck('command', cmd)) as unknown;
      if (typeof r !== 'object' || r === null || typeof (r as CommandReply).ok !== 'boolean') {
        return { ok: false, error: 'malformed answer from the feed server' };
      }
      const reply = r as CommandReply;
      return { ok: reply.ok, ...(typeof reply.error === 'string' ? { error: reply.error.slice(0, 1000) } : {}) };
    } catch {
      return null;
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.stopSocket();
    this.setState('stopped', null);
  }
}
