import type { consoleChannels } from '../../../shared/contracts/console';
import { CoreError } from '../../../shared/result';
import { AuditLog } from '../audit/service';
import { StartupIntegrity } from '../backup/integrity';
import { BackupScheduler, defaultBackupDir } from '../backup/scheduler';
import { backupTo, inspectBackup, listBackups, pruneBackups } from '../backup/service';
import { CaseLibrary } from '../cases/service';
import type { CoreContext, HandlersFor } from '../context';
import type { IncidentService } from '../incidents/service';
import { LifecycleService } from '../lifecycle/service';
import { QueueService } from '../lifecycle/queue';
import { MergeService } from '../merge/service';
import { PlanService } from '../plans/service';
import { activityData } from '../reports/data';
import { ReportService } from '../reports/service';
import { Sessions } from '../roles/session';
import { formatShanghai } from '../time';
import { Jobs } from './jobs';

export interface ConsoleServices {
  lifecycle: LifecycleService;
  queue: QueueService;
  merges: MergeService;
  plans: PlanService;
  audit: AuditLog;
  cases: CaseLibrary;
  reports: ReportService;
  sessions: Sessions;
  jobs: Jobs;
  /** The quick_check started with the core, running in its own thread. */
  integrity: StartupIntegrity;
  /** Scheduled backups (every N hours, keep N), run by the core itself. */
  schedule: BackupScheduler;
  /**
   * What an action changes when that is not an incident row, read before it
   * runs so the audit entry has a before/after (`guard.ts`).
   */
  snapshots: Partial<Record<string, () => unknown>>;
  /** Stop background work (the store is closing). */
  dispose(): void;
}

/** The operator console's services and its IPC handlers. */
export function consoleModule(
  ctx: CoreContext,
  incidents: IncidentService,
  store: { file: string; nativeBinding?: string },
): ConsoleServices & { handlers: HandlersFor<keyof typeof consoleChannels> } {
  // The result is read with store.integrity; it writes nothing, so a fresh store's change log stays empty.
  const integrity = new StartupIntegrity(store.file, ctx.now, () => undefined, store.nativeBinding);
  // A 64 MB page cache for this connection (SQLite's default is 2 MB): with a
  // million closed cases the open queue's few hundred rows lie scattered over a
  // gigabyte, and case searches would otherwise evict them between queue reloads.
  ctx.db.pragma('cache_size = -65536');
  const lifecycle = new LifecycleService(ctx, incidents);
  const queue = new QueueService(ctx);
  const merges = new MergeService(ctx, incidents);
  const plans = new PlanService(ctx, incidents);
  const audit = new AuditLog(ctx.db, ctx.now);
  const cases = new CaseLibrary(ctx, incidents);
  const reports = new ReportService(ctx, incidents, plans, merges);
  const sessions = new Sessions(ctx);
  // Job completion is announced through the change log so windows redraw without polling.
  const jobs = new Jobs((id) => ctx.changes.record('job', id, 'update'));
  // Scheduled backups run here in the core, whichever window is open; settings beside the store.
  const schedule = new BackupScheduler(
    (dir) => backupTo(ctx.db, dir, ctx.now(), ctx.mode, () => undefined),
    ctx.now,
    defaultBackupDir(store.file),
    store.file === ':memory:' ? null : `${store.file}.backup-schedule.json`,
  );
  lifecycle.hooks = {
    levelChanged: (inc, from) => plans.levelChanged(inc, from),
    closed: (inc, outcome, lessons) => cases.file(inc, outcome, lessons),
    reopened: (inc) => cases.withdraw(inc.id),
  };
  const services: ConsoleServices = {
    lifecycle,
    queue,
    merges,
    plans,
    audit,
    cases,
    reports,
    sessions,
    jobs,
    integrity,
    schedule,
    snapshots: {
      'backup.schedule.set': () => {
        const { dir, everyHours, keep } = schedule.state();
        return { dir, everyHours, keep };
      },
    },
    dispose: () => {
      void integrity.stop();
      schedule.stop();
    },
  };
  return {
    ...services,
    handlers: {
      'incident.acknowledge': (r) => lifecycle.acknowledge(r.id),
      'incident.transition': (r) => lifecycle.transition(r.id, r.to, r.note),
      'incident.setLevel': (r) => lifecycle.setLevel(r.id, r.level, r.reason),
      'incident.setCategory': (r) => lifecycle.setCategory(r.id, r.category, r.reason),
      'incident.assign': (r) => lifecycle.assign(r.id, r.to),
      'incident.note': (r) => lifecycle.note(r.id, r.text),
      'incident.close': (r) => lifecycle.close(r.id, r.outcome, r.lessons),
      'incident.split': (r) => merges.split(r.reportId, r.title),
      'incident.reports': (r) => merges.reports(r.id),
      'queue.query': (r) => queue.query(r),
      'queue.views.list': () => queue.views(),
      'queue.views.save': (r) => queue.saveView(r.name, r.filters),
      'queue.views.delete': (r) => queue.deleteSavedView(r.id),
      'merge.proposals': (r) => merges.list(r.status),
      'merge.propose': (r) => {
        const p = merges.propose(r.a, r.b, true);
        if (!p) throw new CoreError('internal', 'proposal not recorded');
        return p;
      },
      'merge.accept': (r) => merges.accept(r.proposalId, r.survivorId),
      'merge.reject': (r) => merges.reject(r.proposalId, r.reason),
      'merge.undo': (r) => merges.undo(r.mergeId),
      'plan.library': () => plans.library(),
      'plan.suggest': (r) => plans.suggest(r.incidentId),
      'plan.activate': (r) => plans.activate(r.incidentId, r.planId),
      'plan.checklist': (r) => plans.checklist(r.incidentId),
      'plan.step': (r) => plans.markStep(r.stepId, r.state, r.reason),
      'plan.overdue': () => plans.overdue(),
      'audit.verify': () => audit.verify(),
      'audit.list': (r) => audit.list(r.limit, r.beforeSeq),
      'audit.export': (r) => audit.exportTo(r.dir, formatShanghai(ctx.now(), 'yyyymmdd') + `-${ctx.now()}`),
      'case.search': (r) => cases.search(r),
      'case.similar': (r) => cases.similar(r.incidentId, r.limit),
      'report.export': (r) => {
        const { doc, base } = reports.prepare(r);
        return jobs.start(`report.${r.kind}.${r.format}`, (progress) => reports.render(doc, base, r.format, progress));
      },
      'report.activityLog': (r) => activityData(ctx.db, r.from, r.to, r.seat),
      'job.get': (r) => jobs.get(r.jobId),
      'backup.create': (r) =>
        jobs.start('backup', async (progress) => [await backupTo(ctx.db, r.dir, ctx.now(), ctx.mode, progress)]),
      'backup.list': (r) => listBackups(r.dir),
      'backup.inspect': (r) => inspectBackup(r.file),
      'backup.prune': (r) => ({ removed: pruneBackups(r.dir, r.keep) }),
      'backup.schedule.get': () => schedule.state(),
      'backup.schedule.set': (r) => schedule.configure(r),
      'backup.restore': () => {
        throw new CoreError(
          'refused',
          'Restoring a backup replaces the store this core has open; ask the seat runtime, not a bare core.',
        );
      },
      'store.integrity': () => integrity.state(),
      'session.signIn': (r) => sessions.signIn(r.operator, r.role, r.pin),
      'session.current': () => sessions.session(),
      'session.signOut': () => sessions.signOut(),
      'operator.save': (r) => sessions.save(r.name, r.displayName, r.roles, r.pin),
    },
  };
}
