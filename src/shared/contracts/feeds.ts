import { z } from 'zod';

/**
 * Channels of the feeds domain: feed sources (tokens go in, never come out),
 * feed health, the quarantine of rejected messages, the command outbox, and
 * the operator's acknowledge command that travels through it.
 */
const sourceName = z.string().trim().min(1).max(64);

export const feedsChannels = {
  'feeds.list': z.object({}).strict(),
  'feeds.upsert': z
    .object({
      name: sourceName,
      url: z
        .string()
        .trim()
        .max(500)
        .refine((u) => /^(https?|wss?):\/\/[^\s]+$/.test(u), 'url must be http(s) or ws(s)'),
      token: z.string().min(1).max(1000).optional(),
      enabled: z.boolean().default(true),
    })
    .strict(),
  'feeds.health': z.object({}).strict(),
  'quarantine.list': z
    .object({
      stream: z.string().max(64).optional(),
      reason: z.string().max(64).optional(),
      beforeId: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'quarantine.export': z
    .object({ stream: z.string().max(64).optional(), reason: z.string().max(64).optional() })
    .strict(),
  'outbox.list': z
    .object({
      state: z.enum(['pending', 'acked', 'rejected']).optional(),
      limit: z.number().int().min(1).max(1000).default(200),
    })
    .strict(),
  'feeds.acknowledge': z.object({ incidentId: z.string().min(1).max(64) }).strict(),
} as const;

export interface FeedSourceView {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  /** Where the token lives: encrypted by the shell, in this session's memory only, or nowhere. */
  token: 'encrypted' | 'memory' | 'none';
}

export interface StreamHealth {
  stream: string;
  cursor: number;
  lastEventAt: number | null;
  gaps: number;
}

/** What went wrong last on a feed, so the screen can say it in the operator's language. */
export type FeedErrorKind = 'mode_mismatch' | 'unauthorized' | 'connect_error' | 'disconnected';

export interface FeedHealth {
  name: string;
  url: string;
  state: 'connecting' | 'connected' | 'disconnected' | 'unauthorized' | 'refused' | 'stopped';
  mode: 'live' | 'exercise' | null;
  /** now − ts of the last event, ms; null before the first event. */
  lagMs: number | null;
  eventsPerSec: number;
  /** The core's own words for the last error (kept after a reconnect). */
  lastError: string | null;
  /** Its kind, for a message in the operator's language. */
  lastErrorKind: FeedErrorKind | null;
  /** For `mode_mismatch` the feed's mode; otherwise socket.io's reason (e.g. `transport close`). */
  lastErrorReason: string | null;
  gaps: number;
  quarantined: number;
  pendingCommands: number;
  streams: StreamHealth[];
}

export interface QuarantineItem {
  id: number;
  source: string;
  stream: string | null;
  seq: number | null;
  reason: string;
  detail: string;
  raw: string;
  receivedAt: number;
}

export interface OutboxItem {
  id: string;
  source: string;
  type: string;
  payload: string;
  state: 'pending' | 'acked' | 'rejected';
  error: string | null;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  settledAt: number | null;
}

export interface FeedsResponses {
  'feeds.list': FeedSourceView[];
  'feeds.upsert': FeedSourceView;
  'feeds.health': FeedHealth[];
  'quarantine.list': QuarantineItem[];
  /** JSON Lines, one quarantined message per line; the shell saves it where the operator says. */
  'quarantine.export': { filename: string; count: number; content: string };
  'outbox.list': OutboxItem[];
  'feeds.acknowledge': { incidentId: string; commandId: string | null };
}
