import type { Database as Db } from 'better-sqlite3';
import { REPORT_CHANNELS, type ReportChannel } from '../../../shared/domain';
import {
  formatScenarioTime,
  SCENARIO_FORMAT,
  scenarioSchema,
  type ExpectedAction,
  type Inject,
  type Matcher,
  type Scenario,
} from '../../../shared/exercise-scenario';
import { CoreError } from '../../../shared/result';
import { INCIDENT_COLUMNS, rowToIncident, type IncidentRow } from '../incidents/rows';

/**
 * Replay a real incident as an exercise: its recorded reports become feed
 * injects at their original offsets, and what the officers did (acknowledge,
 * set the level, activate a plan, dispatch) becomes expected actions due no
 * later than the original team managed — so the exercise asks "can we do at
 * least as well as we did that day?".
 */
const ACTION_KINDS: { like: RegExp; kind: Matcher['kind'] }[] = [
  { like: /ack/, kind: 'incident_acknowledged' },
  { like: /level/, kind: 'level_set' },
  { like: /plan.*activ/, kind: 'plan_activated' },
  { like: /dispatch/, kind: 'unit_dispatched' },
];

const STREAM = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function scenarioFromIncident(db: Db, incidentId: string): Scenario {
  const row = db.prepare(`SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = ?`).get(incidentId) as
    IncidentRow | undefined;
  if (!row) throw new CoreError('not_found', `incident ${incidentId} not found`);
  const inc = rowToIncident(row);
  if (inc.status !== 'closed') {
    throw new CoreError(
      'refused',
      `Incident ${inc.ref} is still ${inc.status}; only a closed incident can be replayed as an exercise.`,
    );
  }
  const reports = db
    .prepare(
      'SELECT source, external_ref AS ref, channel, reporter_name AS name, received_at AS at, body FROM reports WHERE incident_id = ? ORDER BY received_at, id',
    )
    .all(incidentId) as {
    source: string;
    ref: string | null;
    channel: string;
    name: string | null;
    at: number;
    body: string;
  }[];
  const timeline = db
    .prepare('SELECT at, kind, actor, text, data FROM timeline WHERE incident_id = ? ORDER BY at, id')
    .all(incidentId) as { at: number; kind: string; actor: string; text: string; data: string | null }[];
  const t0 = Math.min(inc.reportedAt, ...reports.map((r) => r.at));
  const replayRef = `replay-${inc.ref}`;
  const location = {
    ...(inc.district ? { district: inc.district } : {}),
    ...(inc.address ? { address: inc.address } : {}),
    ...(inc.lat !== null && inc.lon !== null ? { lat: inc.lat, lon: inc.lon } : {}),
  };

  const injects: Inject[] = [];
  const source =
    reports.length > 0
      ? reports
      : [{ source: 'replay', ref: null, channel: inc.channel, name: null, at: inc.reportedAt, body: '{}' }];
  source.forEach((r, i) => {
    const channel: ReportChannel = (REPORT_CHANNELS as readonly string[]).includes(r.channel)
      ? (r.channel as ReportChannel)
      : 'other';
    // Feed reports are stored with source "feed:<stream>"; replay them on the same stream name.
    const name = r.source.replace(/^feed:/, '');
    const stream = STREAM.test(name) ? name : `replay-${channel}`;
    injects.push({
      no: i + 1,
      at: formatScenarioTime(r.at - t0),
      delivery: 'feed',
      stream,
      type: 'incident.reported',
      title: { zh: inc.title, en: inc.title },
      notes: `原始报告 ${new Date(r.at).toISOString()} (${r.source})`,
      payload: {
        // One externalRef for every report: the seat sees later reports as more reports of the same incident.
        externalRef: replayRef,
        title: inc.title,
        category: inc.category,
        level: inc.level,
        ...(inc.description ? { description: inc.description } : {}),
        location,
        reporter: { channel, ...(r.name ? { name: r.name } : {}) },
      },
    });
  });

  const actions: ExpectedAction[] = [];
  for (const e of timeline) {
    const found = ACTION_KINDS.find((k) => k.like.test(e.kind.toLowerCase()));
    if (!found || actions.some((a) => a.matcher.kind === found.kind)) continue;
    const data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
    const matcher: Matcher = { kind: found.kind, ref: replayRef };
    if (found.kind === 'level_set') {
      const lvl = Number(data.level ?? data.to);
      if (lvl !== 1 && lvl !== 2 && lvl !== 3 && lvl !== 4) continue;
      matcher.level = lvl;
    }
    const minutes = Math.max(1, Math.ceil((e.at - t0) / 60_000));
    actions.push({
      id: `R${actions.length + 1}`,
      objective: 'O1',
      description: {
        zh: `不晚于原处置（T+${minutes}分钟）：${e.text}`,
        en: `No later than the original response (T+${minutes} min): ${e.text}`,
      },
      afterInject: 1,
      withinMinutes: minutes,
      matcher,
    });
  }
  const last = Math.max(0, ...source.map((r) => r.at - t0), ...timeline.map((e) => e.at - t0));
  const id = `replay-${inc.ref.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`.slice(0, 64).replace(/-+$/, '');
  return scenarioSchema.parse({
    format: SCENARIO_FORMAT,
    id,
    version: 1,
    title: { zh: `复盘：${inc.title}`, en: `Replay: ${inc.title}` },
    summary: { zh: `按原始时间重放事件 ${inc.ref}`, en: `Incident ${inc.ref} replayed with its original timing` },
    objectives: [
      { id: 'O1', text: { zh: '处置速度不低于原处置', en: 'Respond at least as fast as the original team' } },
    ],
    participants: ['值班员'],
    durationMinutes: Math.max(30, Math.ceil(last / 60_000) + 15),
    injects,
    expectedActions: actions,
  });
}
