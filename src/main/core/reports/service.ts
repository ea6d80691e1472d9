import fs from 'node:fs';
import path from 'node:path';
import { CoreError } from '../../../shared/result';
import type { CoreContext } from '../context';
import type { IncidentService } from '../incidents/service';
import type { MergeService } from '../merge/service';
import type { PlanService } from '../plans/service';
import { formatShanghai } from '../time';
import { activityDoc, dailyDoc, incidentDoc, type Lang } from './builders';
import { activityData, dailyData, shanghaiDay, unitsFor } from './data';
import { EXERCISE_TITLE_PREFIX } from '../exercise/watermark';
import { renderCsv, renderPdf, renderXlsx, type Progress, type ReportDoc } from './render';

export interface ExportRequest {
  kind: 'daily' | 'incident' | 'activity';
  format: 'pdf' | 'csv' | 'xlsx';
  dir: string;
  day?: number;
  incidentId?: string;
  seat?: string;
  lang: Lang;
}

/** Builds report documents from the store (synchronously) and renders them (asynchronously, with progress). */
export class ReportService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly incidents: IncidentService,
    private readonly plans: PlanService,
    private readonly merges: MergeService,
  ) {}

  /** Gather the data now, inside the request, so the document reflects one moment of the store. */
  prepare(req: ExportRequest): { doc: ReportDoc; base: string } {
    const now = this.ctx.now();
    if (req.kind === 'incident') {
      if (!req.incidentId) throw new CoreError('invalid_request', 'Choose the incident to report on.');
      const incident = this.incidents.get(req.incidentId);
      const doc = incidentDoc(
        {
          incident,
          timeline: this.incidents.timeline(incident.id),
          plans: this.plans.checklist(incident.id),
          sources: this.merges.reports(incident.id),
          units: unitsFor(this.ctx.db, incident.id),
        },
        req.lang,
        now,
      );
      return { doc, base: path.join(req.dir, `incident-${incident.ref}`) };
    }
    const day = req.day ?? now;
    const ymd = formatShanghai(day, 'yyyymmdd');
    if (req.kind === 'daily') {
      return { doc: dailyDoc(dailyData(this.ctx.db, day, now), req.lang, now), base: path.join(req.dir, `daily-${ymd}`) };
    }
    const { from, to } = shanghaiDay(day);
    const rows = activityData(this.ctx.db, from, to, req.seat);
    return {
      doc: activityDoc(rows, from, to, req.seat, req.lang, now),
      base: path.join(req.dir, `activity-${req.seat ?? 'all'}-${ymd}`),
    };
  }

  async render(doc: ReportDoc, base: string, format: ExportRequest['format'], progress?: Progress): Promise<string[]> {
    fs.mkdirSync(path.dirname(base), { recursive: true });
    if (this.ctx.mode === 'exercise') {
      // Never mistakable for a real-incident record: the title and every PDF page say so.
      doc = { ...doc, exercise: true, title: `${EXERCISE_TITLE_PREFIX}${doc.title}` };
    }
    if (format === 'pdf') {
      await renderPdf(doc, `${base}.pdf`, progress);
      return [`${base}.pdf`];
    }
    if (format === 'xlsx') {
      await renderXlsx(doc, `${base}.xlsx`, progress);
      return [`${base}.xlsx`];
    }
    return renderCsv(doc, base, progress);
  }
}
