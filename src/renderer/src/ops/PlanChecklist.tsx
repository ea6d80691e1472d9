import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanActivation, PlanDef, PlanStep } from '../../../shared/contracts/console';
import { LEVEL_ROMAN } from '../../../shared/domain';
import { callOrToast } from '../api';
import { useNow } from '../hooks';
import { beijingShort } from '../time';

function StepRow({ step, now, onChanged }: { step: PlanStep; now: number; onChanged: () => void }): ReactElement {
  const { t, i18n } = useTranslation('ops');
  const [skipping, setSkipping] = useState<string | null>(null);
  const mark = async (state: 'done' | 'skipped', reason?: string): Promise<void> => {
    const r = await callOrToast('plan.step', { stepId: step.id, state, reason });
    if (r) {
      setSkipping(null);
      onChanged();
    }
  };
  const minutes = Math.round((step.deadlineAt - now) / 60_000);
  const overdue = step.state === 'pending' && minutes < 0;
  return (
    <li
      className={`plan-step state-${step.state}${overdue ? ` overdue esc-${step.escalation}` : ''}`}
      data-code={step.code}
    >
      <div className="step-main">
        <span className="step-title">{i18n.language === 'en' ? step.titleEn : step.titleZh}</span>
        <span className="step-meta">
          {step.position} · {beijingShort(step.deadlineAt)}
          {step.state === 'pending' && (
            <strong className={overdue ? 'due overdue' : 'due'}>
              {overdue ? t('plan.overdueBy', { minutes: -minutes }) : t('plan.dueIn', { minutes })}
            </strong>
          )}
          {step.reason && <em> — {step.reason}</em>}
        </span>
      </div>
      <div className="step-actions">
        {step.state === 'pending' ? (
          skipping === null ? (
            <>
              <button type="button" className="btn small primary" onClick={() => void mark('done')}>
                {t('plan.done')}
              </button>
              <button type="button" className="btn small" onClick={() => setSkipping('')}>
                {t('plan.skip')}
              </button>
            </>
          ) : (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (skipping.trim().length >= 2) void mark('skipped', skipping.trim());
              }}
            >
              <input
                autoFocus
                aria-label={t('plan.skipReason')}
                placeholder={t('plan.skipReason')}
                value={skipping}
                onChange={(e) => setSkipping(e.target.value)}
              />
              <button type="submit" className="btn small" disabled={skipping.trim().length < 2}>
                {t('plan.skip')}
              </button>
            </form>
          )
        ) : (
          <span className={`step-state state-${step.state}`}>{t(`plan.state.${step.state}`)}</span>
        )}
      </div>
    </li>
  );
}

/** Active plans on an incident with their checklists; suggested plans offered for activation. */
export function PlanChecklist({
  incidentId,
  activations,
  suggested,
  library,
  onChanged,
}: {
  incidentId: string;
  activations: PlanActivation[];
  suggested: PlanDef[];
  library: PlanDef[];
  onChanged: () => void;
}): ReactElement {
  const { t, i18n } = useTranslation('ops');
  const now = useNow(15_000);
  const title = (id: string): string => {
    const p = library.find((x) => x.id === id);
    return p ? (i18n.language === 'en' ? p.title.en : p.title.zh) : id;
  };
  const activate = async (planId: string): Promise<void> => {
    if (await callOrToast('plan.activate', { incidentId, planId })) onChanged();
  };
  return (
    <section className="detail-section plans" data-testid="plan-checklist" aria-labelledby="plans-h">
      <h3 id="plans-h">{t('plan.title')}</h3>
      {suggested.length > 0 && (
        <div className="plan-suggest">
          <span className="label">{t('plan.suggested')}</span>
          {suggested.map((p) => (
            <button key={p.id} type="button" className="btn small primary" onClick={() => void activate(p.id)}>
              {t('plan.activateNamed', { name: i18n.language === 'en' ? p.title.en : p.title.zh })}
            </button>
          ))}
        </div>
      )}
      {activations.length === 0 && suggested.length === 0 && <p className="muted">{t('plan.none')}</p>}
      {activations.map((a) => {
        const live = a.steps.filter((s) => s.state !== 'superseded');
        const done = live.filter((s) => s.state !== 'pending').length;
        return (
          <div key={a.id} className="activation">
            <div className="activation-head">
              <strong>{title(a.planId)}</strong>
              <span className="muted">
                {t('plan.level', { level: LEVEL_ROMAN[a.level] })} · {t('plan.progress', { done, total: live.length })}
              </span>
            </div>
            <ol className="plan-steps">
              {live.map((s) => (
                <StepRow key={s.id} step={s} now={now} onChanged={onChanged} />
              ))}
            </ol>
          </div>
        );
      })}
    </section>
  );
}
