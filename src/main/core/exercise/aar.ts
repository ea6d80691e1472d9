import type { Database as Db } from 'better-sqlite3';
import type { AfterActionReport, ObjectiveResult, TimelineItem } from '../../../shared/contracts/exercise';
import type { CommandRecord, RunStore } from './run-store';
import { scoreExpected } from './scoring';
import { tableProbe } from './matchers';

type Measure = AfterActionReport['measures']['toAcknowledgeMs'];

function measure(values: number[]): Measure {
  const v = values.filter((x) => Number.isFinite(x) && x >= 0);
  if (v.length === 0) return { mean: null, max: null, count: 0 };
  return { mean: Math.round(v.reduce((a, b) => a + b, 0) / v.length), max: Math.max(...v), count: v.length };
}

/** Per incident: first evidence time minus reported time, from the timeline and from seats' commands. */
function firstAfterReport(db: Db, kindLike: string, commandType: string, commands: readonly CommandRecord[]): number[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.reported_at AS reported, (SELECT min(t.at) FROM timeline t WHERE t.incident_id = i.id AND t.kind LIKE ?) AS first
       FROM incidents i`,
    )
    .all(kindLike) as { id: string; reported: number; first: number | null }[];
  const refs = db.prepare('SELECT external_ref AS ref FROM reports WHERE incident_id = ? AND external_ref IS NOT NULL');
  const out: number[] = [];
  for (const r of rows) {
    const mine = new Set((refs.all(r.id) as { ref: string }[]).map((x) => x.ref));
    let first = r.first;
    for (const c of commands) {
      if (c.type !== commandType) continue;
      const ref = c.payload.incidentRef ?? c.payload.externalRef;
      if (typeof ref === 'string' && mine.has(ref) && (first === null || c.at < first)) first = c.at;
    }
    if (first !== null) out.push(first - r.reported);
  }
  return out;
}

/**
 * Plan steps done on time, where the plans domain's table is present (its
 * shape is probed, not assumed): a step with a deadline and a done time.
 */
function planSteps(db: Db): AfterActionReport['measures']['planSteps'] {
  const has = tableProbe(db);
  for (const table of ['plan_steps', 'plan_activation_steps', 'activation_steps']) {
    if (!has(table)) continue;
    const cols = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    const due = ['due_at', 'deadline_at', 'deadline'].find((c) => cols.has(c));
    const done = ['done_at', 'completed_at'].find((c) => cols.has(c));
    if (!due || !done) continue;
    const r = db
      .prepare(
        `SELECT count(*) AS total,
                coalesce(sum(CASE WHEN ${done} IS NOT NULL AND ${done} <= ${due} THEN 1 ELSE 0 END), 0) AS onTime,
                coalesce(sum(CASE WHEN ${done} IS NOT NULL AND ${done} > ${due} THEN 1 ELSE 0 END), 0) AS late
         FROM ${table} WHERE ${due} IS NOT NULL`,
      )
      .get() as { total: number; onTime: number; late: number };
    return r;
  }
  return null;
}

export function buildAar(db: Db, runs: RunStore, runId: string, now: number): AfterActionReport {
  const run = runs.run(runId);
  const deliveries = runs.deliveries(runId);
  const commands = runs.commands(runId);
  const scored = scoreExpected(db, run.scenario, run.epoch, deliveries, commands, run.endedAt ?? now);
  const objectives: ObjectiveResult[] = run.scenario.objectives.map((o) => {
    const actions = scored.filter((a) => a.objective === o.id);
    return {
      id: o.id,
      text: o.text,
      actions,
      met: actions.filter((a) => a.status === 'met').length,
      late: actions.filter((a) => a.status === 'late').length,
      missed: actions.filter((a) => a.status === 'missed').length,
    };
  });

  const acks = (
    db.prepare('SELECT acknowledged_at - reported_at AS d FROM incidents WHERE acknowledged_at IS NOT NULL').all() as {
      d: number;
    }[]
  ).map((r) => r.d);

  const timeline: TimelineItem[] = [];
  for (const d of deliveries) {
    const title = d.payload.title as { zh?: string; en?: string } | string | undefined;
    const inj = run.scenario.injects.find((i) => i.no === d.no);
    const zh = inj?.title.zh ?? (typeof title === 'string' ? title : (title?.zh ?? d.type));
    const en = inj?.title.en ?? (typeof title === 'string' ? title : (title?.en ?? d.type));
    const tag = d.manual ? 'M' : `#${d.no}`;
    timeline.push({
      at: run.epoch + d.deliveredMs,
      scenarioMs: d.deliveredMs,
      kind: 'inject',
      text: { zh: `${tag} ${zh}`, en: `${tag} ${en}` },
    });
  }
  for (const c of commands) {
    const t = `${c.seat}: ${c.type}`;
    timeline.push({ at: c.at, scenarioMs: c.at - run.epoch, kind: 'command', text: { zh: t, en: t } });
  }
  const entries = db
    .prepare(
      `SELECT t.at, t.kind, t.text, i.ref FROM timeline t JOIN incidents i ON i.id = t.incident_id ORDER BY t.at, t.id`,
    )
    .all() as { at: number; kind: string; text: string; ref: string }[];
  for (const e of entries) {
    const t = `${e.ref} ${e.kind}: ${e.text}`;
    timeline.push({ at: e.at, scenarioMs: e.at - run.epoch, kind: 'action', text: { zh: t, en: t } });
  }
  timeline.sort((a, b) => a.at - b.at);

  const text = runs.aarText(runId);
  return {
    runId,
    label: run.label,
    title: run.scenario.title,
    scenarioId: run.scenario.id,
    seed: run.seed,
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    endReason: run.endReason,
    objectives,
    measures: {
      toAcknowledgeMs: measure(acks),
      toDispatchMs: measure(firstAfterReport(db, '%dispatch%', 'unit.dispatch', commands)),
      toPlanMs: measure(firstAfterReport(db, 'plan%activ%', 'plan.activate', commands)),
      planSteps: planSteps(db),
    },
    timeline,
    strengths: text.strengths,
    improvements: text.improvements,
    corrective: runs.correctives(runId).map((c) => ({
      id: c.id,
      text: c.text,
      owner: c.owner,
      dueDate: c.dueDate,
      status: c.status,
    })),
  };
}
