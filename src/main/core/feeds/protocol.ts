/**
 * Feed protocol v1 wire shapes (see ../shared/feed-protocol.md). These are the
 * fixed parts both the seat's client and the reference server speak; the
 * payload schemas that guard the domain live in `validate.ts`.
 */
export const FEED_NAMESPACE = '/feed';
/** Largest `events` batch the protocol allows. */
export const MAX_BATCH = 1000;

export type FeedMode = 'live' | 'exercise';

export interface Envelope {
  v: 1;
  stream: string;
  seq: number;
  id: string;
  type: string;
  ts: string;
  payload: Record<string, unknown>;
}

export interface FeedAuth {
  token: string;
  seat: string;
  cursors: Record<string, number>;
}

export interface HelloStream {
  stream: string;
  kind: string;
  headSeq: number;
}

export interface Hello {
  server: string;
  mode: FeedMode;
  streams: HelloStream[];
}

export interface Ack {
  stream: string;
  seq: number;
}

export interface Command {
  id: string;
  type: string;
  payload: Record<string, unknown>;
}

export interface CommandReply {
  ok: boolean;
  error?: string;
}
