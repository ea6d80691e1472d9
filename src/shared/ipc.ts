import type { z } from 'zod';
import { foundationChannels, type FoundationResponses } from './contracts/foundation';
import { rosterChannels, type rosterAsyncChannels, type RosterResponses } from './contracts/rosters';
import type { ChangeBatch } from './ipc-types';

export type { AppInfo, Change, ChangeBatch, Kpis, TrendPoint } from './ipc-types';

/**
 * The one IPC contract: channel name → request schema (validated in main) and
 * response type (checked at compile time on both sides). Each domain keeps its
 * part in `contracts/`; this is where they are joined. The preload builds
 * `window.api` from these names; anything else is refused on both sides.
 */
export const channels = {
  ...foundationChannels,
  ...rosterChannels,
} as const;

export type Responses = FoundationResponses & RosterResponses;

export type Channel = keyof typeof channels;
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** Channels whose handlers are asynchronous (file rendering); the core awaits them. */
export type AsyncChannel = (typeof rosterAsyncChannels)[number];
export type SyncChannel = Exclude<Channel, AsyncChannel>;

export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

/** Push events, main → renderer. */
export interface Events {
  changes: ChangeBatch;
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['changes'];

/** Prefix of every IPC channel on the wire, so foreign channels are easy to reject. */
export const IPC_PREFIX = 'wf:';
export const invokeChannel = (name: Channel): string => `${IPC_PREFIX}${name}`;
export const eventChannel = (name: EventName): string => `${IPC_PREFIX}event:${name}`;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
