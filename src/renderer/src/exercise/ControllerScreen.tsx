import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControllerView, ScenarioSummary } from '../../../shared/contracts/exercise';
import { callOrToast } from '../api';
import { currentLanguage } from '../i18n';
import { scenarioClock, useExercise } from './useExercise';
import './exercise.css';

const SPEEDS = [1, 5, 10, 30, 60] as const;

function pick(t: { zh: string; en: string }): string {
  return currentLanguage() === 'zh-CN' ? t.zh : t.en;
}

function ScenarioPicker({ onStarted }: { onStarted: () => void }): ReactElement {
  const { t } = useTranslation('exercise');
  const [list, setList] = useState<ScenarioSummary[]>([]);
  useEffect(() => {
    void callOrToast('exercise.scenarios', {}).then((l) => setList(l ?? []));
  }, []);
  return (
    <section className="panel">
      <p>{t('controller.noRun')}</p>
      <ul className="scenario-list">
        {list.map((s) => (
          <li key={s.id}>
            <span className="scenario-title">{pick(s.title)}</span>
            <span className="scenario-meta">
              {s.injectCount} · {s.durationMinutes}′
            </span>
            <button
              type="button"
              onClick={() =>
                void callOrToast('exercise.start', { scenarioId: s.id, speed: 10 }).then(() => onStarted())
              }
            >
              {t('controller.start')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Controls({ view, refresh }: { view: ControllerView; refresh: () => Promise<void> }): ReactElement | null {
  const { t } = useTranslation('exercise');
  const [jump, setJump] = useState('');
  const run = view.run;
  if (!run) return null;
  const act = (req: Parameters<typeof callOrToast<'exercise.control'>>[1]): void =>
    void callOrToast('exercise.control', req).then(() => refresh());
  return (
    <div className="controller-controls">
      {run.state === 'paused' ? (
        <button type="button" onClick={() => act({ action: 'resume' })}>
          {t('controller.resume')}
        </button>
      ) : (
        <button type="button" disabled={run.state !== 'running'} onClick={() => act({ action: 'pause' })}>
          {t('controller.pause')}
        </button>
      )}
      <span className="controller-label">{t('controller.speed')}</span>
      <div className="speed-group" role="group" aria-label={t('controller.speed')}>
        {SPEEDS.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={run.speed === s}
            className={run.speed === s ? 'active' : ''}
            onClick={() => act({ action: 'speed', speed: s })}
          >
            ×{s}
          </button>
        ))}
      </div>
      <label className="controller-label">
        {t('controller.jump')}
        <input value={jump} inputMode="numeric" size={4} onChange={(e) => setJump(e.target.value)} />
      </label>
      <button
        type="button"
        disabled={!/^\d+$/.test(jump)}
        onClick={() => act({ action: 'jump', injectNo: Number(jump) })}
      >
        {t('controller.jumpTo')}
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => {
          if (window.confirm(t('controller.stopConfirm'))) {
            void callOrToast('exercise.emergencyStop', { reason: t('controller.stopReason') }).then(() => refresh());
          }
        }}
      >
        {t('controller.stop')}
      </button>
    </div>
  );
}

function ManualInject({ refresh }: { refresh: () => Promise<void> }): ReactElement {
  const { t } = useTranslation('exercise');
  const [from, setFrom] = useState('');
  const [text, setText] = useState('');
  return (
    <form
      className="manual-inject"
      onSubmit={(e) => {
        e.preventDefault();
        const msg = { zh: text.trim(), en: text.trim() };
        void callOrToast('exercise.inject', {
          delivery: 'message',
          from: from.trim() || undefined,
          title: msg,
          payload: { text: msg },
        }).then(() => {
          setText('');
          void refresh();
        });
      }}
    >
      <strong>{t('controller.manual')}</strong>
      <input
        aria-label={t('controller.manualFrom')}
        placeholder={t('controller.manualFrom')}
        value={from}
        onChange={(e) => setFrom(e.target.value)}
      />
      <input
        aria-label={t('controller.manualText')}
        placeholder={t('controller.manualText')}
        value={text}
        className="grow"
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" disabled={text.trim().length === 0}>
        {t('controller.manualSend')}
      </button>
    </form>
  );
}

/** The controller's screen: clock and controls, the inject list (delivered / due), expected actions and their scores. */
export function ControllerScreen(): ReactElement {
  const { t } = useTranslation('exercise');
  const { view, refresh } = useExercise();
  const nextRow = useRef<HTMLTableRowElement | null>(null);
  const nextDue = view?.injects.find((i) => i.status === 'due')?.no ?? null;
  // Keep the next inject in view as the exercise moves on (only when it changes, so the controller can scroll back).
  useEffect(() => {
    nextRow.current?.scrollIntoView({ block: 'center' });
  }, [nextDue]);
  if (!view) return <div className="panel">…</div>;
  if (!view.run) return <ScenarioPicker onStarted={() => void refresh()} />;
  const run = view.run;
  const delivered = view.injects.filter((i) => i.status === 'delivered').length;
  return (
    <div className="controller-screen" data-testid="controller">
      <header className="controller-head panel">
        <div>
          <h2>{pick(run.title)}</h2>
          <span className="controller-sub">
            {t('controller.seats', { count: run.seats.filter((s) => s.connected > 0).length })} · seed {run.seed}
          </span>
        </div>
        <div className="controller-clock" data-testid="controller-clock">
          {scenarioClock(run.scenarioMs)}
          <small>
            / {scenarioClock(run.durationMs)} · ×{run.speed} · {t(`state.${run.state}`)}
          </small>
        </div>
        <a className="controller-aar" href="#/aar">
          {t('controller.aar')}
        </a>
      </header>
      <Controls view={view} refresh={refresh} />
      <div className="controller-body">
        <section className="panel controller-injects">
          <div className="panel-head">
            <h2>{t('controller.injects')}</h2>
            <span className="panel-meta">
              {delivered} / {view.injects.length}
            </span>
          </div>
          <div className="table-scroll">
            <table className="ex-table">
              <thead>
                <tr>
                  <th>{t('controller.col.no')}</th>
                  <th>{t('controller.col.at')}</th>
                  <th>{t('controller.col.title')}</th>
                  <th>{t('controller.col.delivery')}</th>
                  <th>{t('controller.col.stream')}</th>
                  <th>{t('controller.col.status')}</th>
                  <th>{t('controller.col.notes')}</th>
                </tr>
              </thead>
              <tbody>
                {view.injects.map((i) => (
                  <tr
                    key={`${i.manual ? 'm' : 'i'}${i.no}`}
                    className={`inject-${i.status}`}
                    ref={i.no === nextDue ? nextRow : undefined}
                  >
                    <td>{i.manual ? 'M' : i.no}</td>
                    <td className="mono">{i.at}</td>
                    <td>{pick(i.title)}</td>
                    <td className="nowrap">{t(`delivery.${i.delivery}`)}</td>
                    <td className="mono">{i.stream}</td>
                    <td className="nowrap">
                      {i.status === 'delivered' ? t('controller.delivered') : t('controller.due')}
                    </td>
                    <td className="notes">{i.notes ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="panel controller-expected">
          <div className="panel-head">
            <h2>{t('controller.expected')}</h2>
          </div>
          <ul className="expected-list">
            {view.expected.map((a) => (
              <li key={a.id} className={`expected expected-${a.status}`} data-testid={`expected-${a.id}`}>
                <span className="expected-status">{t(`expected.${a.status}`)}</span>
                <span className="expected-text">
                  {a.objective} · {pick(a.description)}
                </span>
                <span className="expected-meta">
                  #{a.afterInject} + {a.withinMinutes}′
                  {a.tookMs !== null ? ` · ${(a.tookMs / 60_000).toFixed(1)}′` : ''}
                </span>
              </li>
            ))}
          </ul>
          <ManualInject refresh={refresh} />
        </section>
      </div>
    </div>
  );
}
