import { rosterAsyncChannels, type rosterChannels } from '../../../shared/contracts/rosters';
import type { CoreContext, AsyncHandlersFor, HandlersFor } from '../context';
import { DutyService } from './duty';
import { exportHandover, exportRosterMonth } from './exports';
import { HandoverService } from './handover';
import { RosterImport } from './import';
import { RosterService } from './roster';
import { RosterSetup } from './setup';
import { SwapService } from './swaps';
import { monthDates } from '../../../shared/roster-time';
import { CoreError } from '../../../shared/result';

type AsyncChannel = (typeof rosterAsyncChannels)[number];
type SyncChannel = Exclude<keyof typeof rosterChannels, AsyncChannel>;

export interface RostersModule {
  setup: RosterSetup;
  roster: RosterService;
  swaps: SwapService;
  duty: DutyService;
  handovers: HandoverService;
  imports: RosterImport;
  handlers: HandlersFor<SyncChannel>;
  asyncHandlers: AsyncHandlersFor<AsyncChannel>;
}

/** Duty rosters, swaps, contacts and the shift handover: services and IPC handlers. */
export function rostersModule(ctx: CoreContext): RostersModule {
  const { db, changes, now, actor } = ctx;
  const setup = new RosterSetup(db, changes);
  const roster = new RosterService(db, changes, now, setup);
  const swaps = new SwapService(db, changes, now, roster, setup);
  const duty = new DutyService(db, changes, roster, setup);
  const handovers = new HandoverService(db, changes, now, duty);
  const imports = new RosterImport(db, setup, roster);
  return {
    setup,
    roster,
    swaps,
    duty,
    handovers,
    imports,
    handlers: {
      'roster.people.list': (r) => setup.people(r.includeInactive),
      'roster.people.upsert': (r) => setup.upsertPerson(r),
      'roster.positions.list': () => setup.positions(),
      'roster.positions.upsert': (r) => setup.upsertPosition(r),
      'roster.shifts.list': () => setup.shifts(),
      'roster.shifts.upsert': (r) => setup.upsertShift(r),
      'roster.holidays.list': (r) => setup.holidays(r.from, r.to),
      'roster.holidays.set': (r) => setup.setHolidays(r.holidays),
      'roster.holidays.remove': (r) => {
        setup.removeHoliday(r.date);
        return { removed: r.date };
      },
      'roster.patterns.list': () => setup.patterns(),
      'roster.patterns.upsert': (r) => setup.upsertPattern(r),
      'roster.rules.get': () => setup.rules(),
      'roster.rules.set': (r) => setup.setRules(r),
      'roster.window': (r) => roster.view(r.from, r.to),
      'roster.check': (r) => roster.check(r.edits),
      'roster.save': (r) => roster.save(r.edits, actor, { reason: r.reason, override: r.override }),
      'roster.generate': (r) => roster.generate(r.patternId, r.month, actor, r),
      'roster.history': (r) => roster.history(r.from, r.to, r.limit),
      'roster.swap.request': (r) => swaps.request(r.aAssignmentId, r.bAssignmentId, r.reason, actor),
      'roster.swap.decide': (r) => swaps.decide(r.swapId, r.approve, r.note, actor, r.override),
      'roster.swap.list': (r) => swaps.list(r.status),
      'roster.onDuty': (r) => duty.onDuty(r.at ?? now()),
      'roster.contacts.tree': () => duty.tree(now()),
      'roster.contacts.search': (r) => duty.search(r.q, r.limit),
      'roster.contacts.set': (r) => duty.setGroup(r.groupKind, r.groupName, r.entries),
      'roster.import.validate': (r) => imports.validate(r.kind, r.csv),
      'roster.import.commit': (r) => imports.commit(r.kind, r.csv, r.reason, actor, r.override),
      'handover.current': () => handovers.current(),
      'handover.start': (r) => handovers.start(r.notes, actor),
      'handover.refresh': (r) => handovers.refresh(r.id),
      'handover.notes': (r) => handovers.setNotes(r.id, r.notes),
      'handover.addItem': (r) => handovers.addItem(r.id, r.title, r.detail, actor),
      'handover.closeItem': (r) => handovers.closeItem(r.itemId, r.note, actor),
      'handover.sign': (r) => handovers.sign(r.id, r.role, actor),
      'handover.get': (r) => handovers.get(r.id),
      'handover.search': (r) => handovers.search(r.q, r.from, r.to, r.limit),
    },
    asyncHandlers: {
      // Data is read synchronously (one consistent view); only the file rendering is awaited.
      'roster.export': (r) => {
        const dates = monthDates(r.month);
        if (!dates) throw new CoreError('invalid_request', `"${r.month}" is not a month.`);
        const view = roster.view(dates[0], dates[dates.length - 1]);
        return exportRosterMonth(r.month, view, r.format, r.paper, r.lang, now(), ctx.mode === 'exercise');
      },
      'handover.export': (r) => exportHandover(handovers.get(r.id), r.format, r.lang, ctx.mode === 'exercise'),
    },
  };
}
