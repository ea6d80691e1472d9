import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AfterActionReport } from '../../../shared/contracts/exercise';
import { callOrToast } from '../api';
import { currentLanguage } from '../i18n';
import { scenarioClock } from './useExercise';
import './exercise.css';

function pick(t: { zh: string; en: string }): string {
  return currentLanguage() === 'zh-CN' ? t.zh : t.en;
}

function Minutes({ ms }: { ms: number | null }): ReactElement {
  const { t } = useTranslation('exercise');
  return <>{ms === null ? t('aar.na') : t('aar.minutes', { value: (ms / 60_000).toFixed(1) })}</>;
}

/** Save the PDF the core rendered (the shell replaces this with a save dialog). */
function download(fileName: string, base64: string): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

function Corrective({
  aar,
  onChange,
}: {
  aar: AfterActionReport;
  onChange: (a: AfterActionReport) => void;
}): ReactElement {
  const { t } = useTranslation('exercise');
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  return (
    <section className="panel">
      <div className="panel-head">
        <h2>{t('aar.corrective')}</h2>
      </div>
      <table className="ex-table">
        <thead>
          <tr>
            <th>{t('aar.text')}</th>
            <th>{t('aar.owner')}</th>
            <th>{t('aar.dueDate')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {aar.corrective.map((c) => (
            <tr key={c.id}>
              <td>{c.text}</td>
              <td>{c.owner}</td>
              <td className="mono">{c.dueDate}</td>
              <td>
                <label>
                  <input
                    type="checkbox"
                    checked={c.status === 'done'}
                    onChange={(e) =>
                      void callOrToast('exercise.corrective.update', {
                        id: c.id,
                        status: e.target.checked ? 'done' : 'open',
                      }).then((a) => a && onChange(a))
                    }
                  />{' '}
                  {t(c.status === 'done' ? 'aar.done' : 'aar.open')}
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="manual-inject"
        onSubmit={(e) => {
          e.preventDefault();
          void callOrToast('exercise.corrective.add', { text, owner, dueDate: due }).then((a) => {
            if (!a) return;
            onChange(a);
            setText('');
            setOwner('');
            setDue('');
          });
        }}
      >
        <input
          className="grow"
          aria-label={t('aar.text')}
          placeholder={t('aar.text')}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <input
          aria-label={t('aar.owner')}
          placeholder={t('aar.owner')}
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
        />
        <input aria-label={t('aar.dueDate')} type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        <button type="submit" disabled={!text.trim() || !owner.trim() || !due}>
          {t('aar.add')}
        </button>
      </form>
    </section>
  );
}

/** The after-action report: objectives scored, key times, editable findings, corrective actions, timeline, PDF. */
export function AarScreen(): ReactElement {
  const { t } = useTranslation('exercise');
  const [aar, setAar] = useState<AfterActionReport | null | undefined>(undefined);
  const [strengths, setStrengths] = useState('');
  const [improvements, setImprovements] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void callOrToast('exercise.aar', {}).then((a) => {
      setAar(a);
      setStrengths(a?.strengths ?? '');
      setImprovements(a?.improvements ?? '');
    });
  }, []);
  if (aar === undefined) return <div className="panel">…</div>;
  if (aar === null) return <div className="panel">{t('aar.none')}</div>;
  const m = aar.measures;
  return (
    <div className="aar-screen" data-testid="aar">
      <header className="panel aar-head">
        <div>
          <h2>
            {t('aar.title')} · {pick(aar.title)}
          </h2>
          <span className="controller-sub">seed {aar.seed}</span>
        </div>
        <button
          type="button"
          onClick={() =>
            void callOrToast('exercise.aar.pdf', { lang: currentLanguage() }).then(
              (r) => r && download(r.fileName, r.dataBase64),
            )
          }
        >
          {t('aar.pdf')}
        </button>
      </header>
      <div className="aar-grid">
        <section className="panel">
          <div className="panel-head">
            <h2>{t('aar.objectives')}</h2>
          </div>
          {aar.objectives.map((o) => (
            <div key={o.id} className="aar-objective">
              <h3>
                {o.id} {pick(o.text)} <small>{t('aar.summary', { met: o.met, late: o.late, missed: o.missed })}</small>
              </h3>
              <ul className="expected-list">
                {o.actions.map((a) => (
                  <li key={a.id} className={`expected expected-${a.status}`}>
                    <span className="expected-status">{t(`expected.${a.status}`)}</span>
                    <span className="expected-text">{pick(a.description)}</span>
                    <span className="expected-meta">
                      ≤ {a.withinMinutes}′ · <Minutes ms={a.tookMs} />
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
        <section className="panel">
          <div className="panel-head">
            <h2>{t('aar.measures')}</h2>
          </div>
          <dl className="aar-measures">
            <dt>{t('aar.ack')}</dt>
            <dd>
              <Minutes ms={m.toAcknowledgeMs.mean} /> <small>n={m.toAcknowledgeMs.count}</small>
            </dd>
            <dt>{t('aar.dispatch')}</dt>
            <dd>
              <Minutes ms={m.toDispatchMs.mean} /> <small>n={m.toDispatchMs.count}</small>
            </dd>
            <dt>{t('aar.plan')}</dt>
            <dd>
              <Minutes ms={m.toPlanMs.mean} /> <small>n={m.toPlanMs.count}</small>
            </dd>
            <dt>{t('aar.steps')}</dt>
            <dd>{m.planSteps ? `${m.planSteps.onTime}/${m.planSteps.total}` : t('aar.na')}</dd>
          </dl>
          <label className="aar-text">
            {t('aar.strengths')}
            <textarea rows={3} value={strengths} onChange={(e) => setStrengths(e.target.value)} />
          </label>
          <label className="aar-text">
            {t('aar.improvements')}
            <textarea rows={3} value={improvements} onChange={(e) => setImprovements(e.target.value)} />
          </label>
          <button
            type="button"
            onClick={() =>
              void callOrToast('exercise.aar.update', { strengths, improvements }).then((a) => {
                if (a) setAar(a);
                setSaved(a !== null);
              })
            }
          >
            {saved ? t('aar.saved') : t('aar.save')}
          </button>
        </section>
      </div>
      <Corrective aar={aar} onChange={setAar} />
      <section className="panel">
        <div className="panel-head">
          <h2>{t('aar.timeline')}</h2>
        </div>
        <ol className="aar-timeline">
          {aar.timeline.map((e, i) => (
            <li key={i} className={`tl-${e.kind}`}>
              <span className="mono">{scenarioClock(e.scenarioMs)}</span> {pick(e.text)}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
