import type { Incident, TimelineEntry } from '../domain';
import {
  changesSinceSchema,
  emptySchema,
  incidentIdSchema,
  incidentIdsSchema,
  incidentListSchema,
  newReportSchema,
  trendSchema,
} from '../schemas';
import type { AppInfo, ChangeBatch, Kpis, TrendPoint } from '../ipc-types';

/** Channels of the foundation slice: app info, phone intake, incident reads, board aggregates, change resync. */
export const foundationChannels = {
  'app.info': emptySchema,
  'incident.create': newReportSchema,
  'incident.list': incidentListSchema,
  'incident.byIds': incidentIdsSchema,
  'incident.get': incidentIdSchema,
  'board.kpis': emptySchema,
  'board.trend': trendSchema,
  'changes.since': changesSinceSchema,
} as const;

export interface FoundationResponses {
  'app.info': AppInfo;
  'incident.create': Incident;
  'incident.list': Incident[];
  'incident.byIds': Incident[];
  'incident.get': { incident: Incident; timeline: TimelineEntry[] };
  'board.kpis': Kpis;
  'board.trend': TrendPoint[];
  'changes.since': ChangeBatch;
}
