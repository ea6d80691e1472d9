import type { ControllerView, ExercisePrompt, exerciseChannels } from '../../../shared/contracts/exercise';
import { CoreError } from '../../../shared/result';
import type { CoreContext, HandlersFor } from '../context';
import { buildAar } from './aar';
import { renderAarPdf } from './aar-pdf';
import { ScenarioLibrary } from './library';
import { scenarioFromIncident } from './replay';
import { RunStore } from './run-store';
import type { ExerciseSession } from './session';

/**
 * The exercise domain inside a core. In an exercise store the session that
 * owns the store attaches itself, and the controller channels act on it; in
 * the live store those channels answer that no exercise is running. Starting,
 * leaving and the emergency stop change which store the seat uses, so the
 * seat runtime (runtime.ts) answers them; a bare core refuses them clearly.
 */
export class ExerciseService {
  readonly runs: RunStore;
  readonly library: ScenarioLibrary;
  private session: ExerciseSession | null = null;

  constructor(
    private readonly ctx: CoreContext,
    dataDir: string,
  ) {
    this.runs = new RunStore(ctx.db, ctx.changes, ctx.now);
    this.library = ScenarioLibrary.forDataDir(dataDir);
  }

  attach(session: ExerciseSession): void {
    this.session = session;
  }

  current(): ExerciseSession | null {
    return this.session;
  }

  view(): ControllerView {
    if (this.session) return this.session.view();
    return { mode: this.ctx.mode, run: null, injects: [], expected: [] };
  }

  private need(): ExerciseSession {
    if (!this.session)
      throw new CoreError('refused', 'No exercise is running on this seat. Start one from the exercise screen.');
    return this.session;
  }

  /** The run whose report is asked for: the attached one, or the one this exercise store holds. */
  runId(): string {
    const id = this.session?.runId ?? this.runs.currentRunId();
    if (!id) throw new CoreError('not_found', 'This store holds no exercise run, so there is no after-action report.');
    return id;
  }
}

function text(v: unknown): { zh: string; en: string } {
  const o = (typeof v === 'object' && v !== null ? v : {}) as { zh?: unknown; en?: unknown };
  const zh = typeof o.zh === 'string' ? o.zh : typeof v === 'string' ? v : '';
  return { zh, en: typeof o.en === 'string' ? o.en : zh };
}

/** Calls and messages this seat received on the exercise feed, newest first. */
function prompts(ctx: CoreContext, limit: number): ExercisePrompt[] {
  const rows = ctx.db
    .prepare(
      `SELECT event_id AS id, type, payload, at FROM exercise_control
       WHERE type IN ('exercise.call', 'exercise.message') ORDER BY at DESC, received_at DESC LIMIT ?`,
    )
    .all(limit) as { id: string; type: string; payload: string; at: number }[];
  return rows.map((r) => {
    const p = JSON.parse(r.payload) as Record<string, unknown>;
    return {
      id: r.id,
      kind: r.type === 'exercise.call' ? 'call' : 'message',
      from: typeof p.from === 'string' ? p.from : '',
      title: text(p.title),
      text: text(r.type === 'exercise.call' ? p.script : p.text),
      channel: typeof p.channel === 'string' ? p.channel : null,
      address: typeof p.address === 'string' ? p.address : null,
      at: r.at,
    };
  });
}

const hostOnly = (what: string) => (): never => {
  throw new CoreError('refused', `${what} switches the seat's store; ask the seat runtime, not a bare core.`);
};

export function exerciseModule(
  ctx: CoreContext,
  dataDir: string,
): { exercise: ExerciseService; handlers: HandlersFor<keyof typeof exerciseChannels> } {
  const ex = new ExerciseService(ctx, dataDir);
  const aar = (): ReturnType<typeof buildAar> => buildAar(ctx.db, ex.runs, ex.runId(), ctx.now());
  return {
    exercise: ex,
    handlers: {
      'exercise.scenarios': () => ex.library.list(),
      'exercise.scenario': (r) => ex.library.get(r.id),
      'exercise.state': () => ex.view(),
      'exercise.control': (r) => {
        const s = ex.current();
        if (!s) throw new CoreError('refused', 'No exercise is running on this seat.');
        try {
          if (r.action === 'pause') s.pause();
          else if (r.action === 'resume') s.resume();
          else if (r.action === 'speed') s.setSpeed(r.speed ?? 1);
          else s.jumpTo(r.injectNo ?? 1);
        } catch (e) {
          if (e instanceof RangeError) throw new CoreError('invalid_request', e.message);
          throw e;
        }
        return s.view();
      },
      'exercise.inject': (r) => {
        const s = ex.current();
        if (!s) throw new CoreError('refused', 'No exercise is running on this seat.');
        if (r.delivery === 'feed' && (!r.stream || !r.type)) {
          throw new CoreError('invalid_request', 'A feed inject needs a stream and an event type.');
        }
        s.inject({
          delivery: r.delivery,
          stream: r.stream,
          type: r.type ?? r.delivery,
          payload: r.delivery === 'feed' ? r.payload : { ...r.payload, title: r.title, from: r.from ?? 'Controller' },
        });
        return s.view();
      },
      'exercise.start': hostOnly('Starting an exercise'),
      // Nothing to leave on a live store; leaving an exercise store needs the runtime.
      'exercise.leave': () => {
        if (ctx.mode === 'live') return { mode: 'live' as const };
        return hostOnly('Leaving an exercise')();
      },
      'exercise.emergencyStop': hostOnly('The real-world emergency stop'),
      'exercise.aar': () => (ex.current() || ex.runs.currentRunId() ? aar() : null),
      'exercise.aar.update': (r) => {
        ex.runs.updateAarText(ex.runId(), r);
        return aar();
      },
      'exercise.corrective.add': (r) => {
        ex.runs.addCorrective(ex.runId(), r);
        return aar();
      },
      'exercise.corrective.update': (r) => {
        const { id, ...patch } = r;
        ex.runs.updateCorrective(id, patch);
        return aar();
      },
      'exercise.aar.pdf': (r) => {
        const report = aar();
        const pdf = renderAarPdf(report, r.lang);
        return {
          fileName: `AAR-EXERCISE-${report.scenarioId}-${report.runId.slice(0, 8)}.pdf`,
          dataBase64: pdf.toString('base64'),
        };
      },
      'exercise.msel.import': hostOnly('Importing an MSEL'),
      'exercise.msel.export': hostOnly('Exporting an MSEL'),
      'exercise.prompts': (r) => prompts(ctx, r.limit),
      'exercise.replayIncident': (r) => {
        if (ctx.mode !== 'live')
          throw new CoreError(
            'refused',
            'Replay an incident from the live seat (the seat runtime reads live.db read-only).',
          );
        return ex.library.save(scenarioFromIncident(ctx.db, r.incidentId));
      },
    },
  };
}
