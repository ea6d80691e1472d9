import type { ChangeBatch } from './ipc-types';
import type { ConnectedDisplays } from './displays';

/**
 * The IPC names without their schemas. The sandboxed preload is bundled into
 * one CommonJS file and must not pull zod in, so it imports only this module.
 * `ipc.ts` checks at compile time (and tests/unit/channel-names.test.ts at run
 * time) that this list matches the contract's channels exactly: a domain that
 * adds a channel adds its name here too.
 */
export const CHANNEL_NAME_LIST = [
  'app.info',
  'incident.create',
  'incident.list',
  'incident.byIds',
  'incident.get',
  'board.kpis',
  'board.trend',
  'changes.since',
  // Operator console (contracts/console.ts)
  'incident.acknowledge',
  'incident.transition',
  'incident.setLevel',
  'incident.setCategory',
  'incident.assign',
  'incident.note',
  'incident.close',
  'incident.split',
  'incident.reports',
  'queue.query',
  'queue.views.list',
  'queue.views.save',
  'queue.views.delete',
  'merge.proposals',
  'merge.propose',
  'merge.accept',
  'merge.reject',
  'merge.undo',
  'plan.library',
  'plan.suggest',
  'plan.activate',
  'plan.checklist',
  'plan.step',
  'plan.overdue',
  'audit.verify',
  'audit.list',
  'audit.export',
  'case.search',
  'case.similar',
  'report.export',
  'report.activityLog',
  'job.get',
  'backup.create',
  'backup.list',
  'backup.inspect',
  'backup.prune',
  'backup.schedule.get',
  'backup.schedule.set',
  'backup.restore',
  'store.integrity',
  'session.signIn',
  'session.current',
  'session.signOut',
  'operator.save',
  // resources
  'unit.list',
  'unit.byIds',
  'unit.get',
  'unit.save',
  'unit.setStatus',
  'unit.dismissCommand',
  'unit.dispatch',
  'unit.recall',
  'unit.recommend',
  'depot.list',
  'depot.save',
  'supply.items',
  'supply.saveItem',
  'stock.summary',
  'stock.lines',
  'stock.ledger',
  'stock.move',
  'stock.alerts',
  'resources.import.validate',
  'resources.import.commit',
  'resources.export',
  'resources.kpis',
  // feeds
  'feeds.list',
  'feeds.upsert',
  'feeds.health',
  'quarantine.list',
  'quarantine.export',
  'outbox.list',
  'feeds.acknowledge',
  // exercise
  'exercise.scenarios',
  'exercise.scenario',
  'exercise.state',
  'exercise.control',
  'exercise.inject',
  'exercise.start',
  'exercise.leave',
  'exercise.emergencyStop',
  'exercise.aar',
  'exercise.aar.update',
  'exercise.corrective.add',
  'exercise.corrective.update',
  'exercise.aar.pdf',
  'exercise.msel.import',
  'exercise.msel.export',
  'exercise.replayIncident',
  'exercise.prompts',
  // boards
  'board.list',
  'board.get',
  'board.save',
  'board.duplicate',
  'board.rename',
  'board.delete',
  'board.map',
  'board.kpiExtras',
  'board.sources',
  'board.warnings',
  'displays.layout.get',
  'displays.layout.save',
  // rosters and handover
  'roster.people.list',
  'roster.people.upsert',
  'roster.positions.list',
  'roster.positions.upsert',
  'roster.shifts.list',
  'roster.shifts.upsert',
  'roster.holidays.list',
  'roster.holidays.set',
  'roster.holidays.remove',
  'roster.patterns.list',
  'roster.patterns.upsert',
  'roster.rules.get',
  'roster.rules.set',
  'roster.window',
  'roster.check',
  'roster.save',
  'roster.generate',
  'roster.history',
  'roster.swap.request',
  'roster.swap.decide',
  'roster.swap.list',
  'roster.onDuty',
  'roster.contacts.tree',
  'roster.contacts.search',
  'roster.contacts.set',
  'roster.import.validate',
  'roster.import.commit',
  'roster.export',
  'handover.current',
  'handover.start',
  'handover.refresh',
  'handover.notes',
  'handover.addItem',
  'handover.closeItem',
  'handover.sign',
  'handover.get',
  'handover.search',
  'handover.export',
  // answered by the Electron shell (contracts/shell.ts)
  'shell.pickFolder',
  'displays.connected',
] as const;

export type ChannelName = (typeof CHANNEL_NAME_LIST)[number];

/** Push events, main → renderer. */
export interface Events {
  changes: ChangeBatch;
  /** Displays were plugged, unplugged or rearranged, or the layout was re-planned: the new picture. */
  'displays.changed': ConnectedDisplays;
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = ['changes', 'displays.changed'];

/** Prefix of every IPC channel on the wire, so foreign channels are easy to reject. */
export const IPC_PREFIX = 'wf:';
export const invokeChannel = (name: ChannelName): string => `${IPC_PREFIX}${name}`;
export const eventChannel = (name: EventName): string => `${IPC_PREFIX}event:${name}`;

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && (CHANNEL_NAME_LIST as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}
