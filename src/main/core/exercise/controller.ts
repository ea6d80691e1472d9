import type { ControllerView, InjectRow } from '../../../shared/contracts/exercise';
import { formatScenarioTime } from '../../../shared/exercise-scenario';
import { scoreExpected } from './scoring';
import type { ExerciseSession } from './session';

/**
 * The controller's picture of a run: every inject with what went out and
 * what is still due (manual injects included), and the expected actions
 * scored at the current exercise time.
 */
export function controllerView(s: ExerciseSession): ControllerView {
  const runs = s.core.exercise.runs;
  const run = runs.run(s.runId);
  const deliveries = runs.deliveries(s.runId);
  const byNo = new Map(deliveries.filter((d) => !d.manual).map((d) => [d.no, d]));
  const schedule = new Map(s.engine.rows().map((r) => [r.no, r]));
  const injects: InjectRow[] = s.scenario.injects.map((i) => {
    const d = byNo.get(i.no);
    const dueMs = schedule.get(i.no)?.dueMs ?? 0;
    return {
      no: i.no,
      at: formatScenarioTime(dueMs),
      dueMs,
      title: i.title,
      delivery: i.delivery,
      stream: d?.stream ?? (i.delivery === 'feed' ? i.stream : 'exercise-control'),
      type: d?.type ?? i.type,
      status: d ? 'delivered' : 'due',
      deliveredMs: d?.deliveredMs ?? null,
      notes: i.notes ?? null,
      manual: false,
    };
  });
  for (const d of deliveries) {
    if (!d.manual) continue;
    const title = d.payload.title as { zh?: unknown; en?: unknown } | undefined;
    injects.push({
      no: d.no,
      at: formatScenarioTime(d.dueMs),
      dueMs: d.dueMs,
      title: {
        zh: typeof title?.zh === 'string' ? title.zh : d.type,
        en: typeof title?.en === 'string' ? title.en : d.type,
      },
      delivery: d.delivery,
      stream: d.stream,
      type: d.type,
      status: 'delivered',
      deliveredMs: d.deliveredMs,
      notes: null,
      manual: true,
    });
  }
  injects.sort((a, b) => a.dueMs - b.dueMs || a.no - b.no);
  const now = s.engine.epochNow();
  const state = s.engine.getState();
  return {
    mode: 'exercise',
    run: {
      id: s.runId,
      label: run.label,
      scenarioId: s.scenario.id,
      title: s.scenario.title,
      seed: s.seed,
      state,
      speed: s.engine.getSpeed(),
      scenarioMs: Math.floor(s.engine.scenarioMs()),
      durationMs: s.engine.getDurationMs(),
      epochNow: now,
      feedUrl: s.feedUrl,
      seats: s.server ? s.server.seats().map((x) => ({ seat: x.seat, connected: x.connected })) : [],
    },
    injects,
    expected: scoreExpected(s.core.ctx.db, s.scenario, run.epoch, deliveries, runs.commands(s.runId), now),
  };
}
