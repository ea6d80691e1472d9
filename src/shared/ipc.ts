import type { z } from 'zod';
import { consoleChannels, type ConsoleResponses } from './contracts/console';
import { boardsChannels, type BoardsResponses } from './contracts/boards';
import { exerciseChannels, type ExerciseResponses } from './contracts/exercise';
import { foundationChannels, type FoundationResponses } from './contracts/foundation';
import { resourcesChannels, type ResourcesResponses } from './contracts/resources';
import { feedsChannels, type FeedsResponses } from './contracts/feeds';
import { rosterChannels, type rosterAsyncChannels, type RosterResponses } from './contracts/rosters';
import { shellChannels, type ShellChannel, type ShellResponses } from './contracts/shell';
import type { ChannelName } from './channel-names';

export type { AppInfo, Change, ChangeBatch, Kpis, TrendPoint } from './ipc-types';

/**
 * The one IPC contract: channel name → request schema (validated in main) and
 * response type (checked at compile time on both sides). Each domain keeps its
 * part in `contracts/`; this is where they are joined. The preload builds
 * `window.api` from these names; anything else is refused on both sides.
 */
export const channels = {
  ...foundationChannels,
  ...consoleChannels,
  ...resourcesChannels,
  ...feedsChannels,
  ...exerciseChannels,
  ...boardsChannels,
  ...rosterChannels,
  ...shellChannels,
} as const;

export type Responses = FoundationResponses &
  ConsoleResponses &
  ResourcesResponses &
  FeedsResponses &
  ExerciseResponses &
  BoardsResponses &
  RosterResponses &
  ShellResponses;

export type Channel = keyof typeof channels;
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** Channels whose handlers are asynchronous (file rendering); the core awaits them. */
export type AsyncChannel = (typeof rosterAsyncChannels)[number];
/** Channels the core answers synchronously; shell channels are answered by the Electron shell (router.ts). */
export type SyncChannel = Exclude<Channel, AsyncChannel | ShellChannel>;

export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]>;
export type ResponseOf<C extends Channel> = Responses[C];

// Push events and wire names live in the zod-free module the preload imports.
export { EVENT_NAMES, IPC_PREFIX, eventChannel, invokeChannel } from './channel-names';
export type { EventName, Events } from './channel-names';

/** Fails to compile when `channel-names.ts` and the joined contract drift apart. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelNamesInSync: SameKeys<Channel, ChannelName> = true;
void channelNamesInSync;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
