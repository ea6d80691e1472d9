import type { boardsChannels } from '../../../shared/contracts/boards';
import type { CoreContext, HandlersFor } from '../context';
import { BoardAggregates } from './aggregates';
import { BoardStore } from './store';

/** The boards domain: saved boards, display layout, and the aggregates behind the panels. */
export function boardsModule(ctx: CoreContext): {
  boards: BoardStore;
  aggregates: BoardAggregates;
  handlers: HandlersFor<keyof typeof boardsChannels>;
} {
  const boards = new BoardStore(ctx.db, ctx.changes, ctx.now, ctx.actor.seat);
  boards.seedPresets();
  const aggregates = new BoardAggregates(ctx.db, ctx.now);
  return {
    boards,
    aggregates,
    handlers: {
      'board.list': () => boards.list(),
      'board.get': (r) => boards.get(r.id),
      'board.save': (r) => boards.save(r.board, r.expectedRevision),
      'board.duplicate': (r) => boards.duplicate(r.id, r.name),
      'board.rename': (r) => boards.rename(r.id, r.name, r.lang),
      'board.delete': (r) => boards.delete(r.id),
      'board.map': (r) => aggregates.map(r.maxIncidents),
      'board.kpiExtras': () => aggregates.kpiExtras(),
      'board.sources': () => aggregates.sources(),
      'board.warnings': () => aggregates.warnings(),
      'displays.layout.get': () => boards.layout(),
      'displays.layout.save': (r) => boards.saveLayout(r.layout),
    },
  };
}
