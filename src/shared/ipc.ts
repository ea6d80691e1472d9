import type { z } from 'zod';
import type { Category, Incident, Level, TimelineEntry } from './domain';
import {
  changesSinceSchema,
  emptySchema,
  incidentIdSchema,
  incidentIdsSchema,
  incidentListSchema,
  newReportSchema,
  trendSchema,
} from './schemas';

/**
 * The one IPC contract. Channel name → request schema (validated in main) and
 * response type (checked at compile time on both sides). The preload builds
 * `window.api` from these names; anything else is refused on both sides.
 */
export const channels = {
  'app.info': emptySchema,
  'incident.create': newReportSchema,
  'incident.list': incidentListSchema,
  'incident.byIds': incidentIdsSchema,
  'incident.get': incidentIdSchema,
  'board.kpis': emptySchema,
  'board.trend': trendSchema,
  'changes.since': changesSinceSchema,
} as const;

export type Channel = keyof typeof channels;
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

export interface AppInfo {
  version: string;
  mode: 'live' | 'exercise';
  seat: string;
  dbFile: string;
  schemaVersion: number;
}

export interface Kpis {
  openByLevel: Record<Level, number>;
  openTotal: number;
  newLastHour: number;
  at: number;
}

export interface TrendPoint {
  hour: number;
  category: Category;
  count: number;
}

export interface Change {
  id: number;
  entity: string;
  entityId: string;
  op: 'insert' | 'update' | 'delete';
}

export interface ChangeBatch {
  /** Highest change id included; a window that missed a batch resyncs with `changes.since`. */
  cursor: number;
  changes: Change[];
}

export interface Responses {
  'app.info': AppInfo;
  'incident.create': Incident;
  'incident.list': Incident[];
  'incident.byIds': Incident[];
  'incident.get': { incident: Incident; timeline: TimelineEntry[] };
  'board.kpis': Kpis;
  'board.trend': TrendPoint[];
  'changes.since': ChangeBatch;
}

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
export const INVOKE_CHANNEL = `${IPC_PREFIX}invoke`;
export const eventChannel = (name: EventName): string => `${IPC_PREFIX}event:${name}`;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}
