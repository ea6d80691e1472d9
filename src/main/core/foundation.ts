import type { foundationChannels } from '../../shared/contracts/foundation';
import { BoardQueries } from './board/queries';
import type { CoreContext, HandlersFor } from './context';
import { IncidentService } from './incidents/service';

export interface FoundationInfo {
  version: string;
  dbFile: string;
  schemaVersion: number;
}

/** The foundation slice's services and its IPC handlers. */
export function foundationModule(
  ctx: CoreContext,
  info: FoundationInfo,
): { incidents: IncidentService; board: BoardQueries; handlers: HandlersFor<keyof typeof foundationChannels> } {
  const incidents = new IncidentService(ctx.db, ctx.changes, ctx.now);
  const board = new BoardQueries(ctx.db, ctx.now);
  return {
    incidents,
    board,
    handlers: {
      'app.info': () => ({ ...info, mode: ctx.mode, seat: ctx.actor.seat }),
      'incident.create': (r) => incidents.createFromReport(r, ctx.actor),
      'incident.list': (r) => incidents.list(r.scope, r.limit),
      'incident.byIds': (r) => incidents.byIds(r.ids),
      'incident.get': (r) => ({ incident: incidents.get(r.id), timeline: incidents.timeline(r.id) }),
      'board.kpis': () => board.kpis(),
      'board.trend': (r) => board.trendByCategory(r.hours),
      'changes.since': (r) => ctx.changes.read(r.cursor),
    },
  };
}
