import { useEffect, useState, type ReactElement } from 'react';
import type { ExercisePrompt } from '../../../shared/contracts/exercise';
import { useTranslation } from 'react-i18next';
import { call, callOrToast } from '../api';
import { currentLanguage } from '../i18n';
import { scenarioClock, useExercise } from './useExercise';
import './exercise.css';

/**
 * The unmistakable exercise mark on every window: a striped banner naming the
 * scenario and its clock, and a border round the whole frame (set on <html>
 * so no screen can hide it). One click leaves the exercise.
 */
export function ExerciseBanner(): ReactElement | null {
  const { t } = useTranslation('exercise');
  const { view, refresh } = useExercise();
  const run = view?.mode === 'exercise' ? view.run : null;
  const [prompt, setPrompt] = useState<ExercisePrompt | null>(null);
  const inExercise = view?.mode === 'exercise';
  const scenarioMs = run?.scenarioMs ?? 0;
  useEffect(() => {
    document.documentElement.classList.toggle('exercise-mode', inExercise);
  }, [inExercise]);
  // The latest call or message the seat received: players must see (and log) it.
  useEffect(() => {
    if (!inExercise) return;
    void call('exercise.prompts', { limit: 1 }).then((r) => setPrompt(r.ok ? (r.value[0] ?? null) : null));
  }, [inExercise, scenarioMs]);
  if (view?.mode !== 'exercise') return null;
  const title = run ? (currentLanguage() === 'zh-CN' ? run.title.zh : run.title.en) : '';
  return (
    <div className="exercise-banner" role="status" data-testid="exercise-banner">
      <strong className="exercise-banner-mark">{t(run?.label === 'demo' ? 'banner.demo' : 'banner.exercise')}</strong>
      <span className="exercise-banner-title">{title}</span>
      {run ? (
        <span className="exercise-banner-clock" data-testid="exercise-clock">
          {scenarioClock(run.scenarioMs)} · ×{run.speed} · {t(`state.${run.state}`)}
        </span>
      ) : null}
      {prompt ? (
        <span className="exercise-banner-prompt" data-testid="exercise-prompt">
          <b>{t(prompt.kind === 'call' ? 'banner.call' : 'banner.message')}</b> {prompt.from}
          {' · '}
          {currentLanguage() === 'zh-CN' ? prompt.text.zh : prompt.text.en}
        </span>
      ) : null}
      <button
        type="button"
        className="exercise-banner-leave"
        onClick={() => void callOrToast('exercise.leave', {}).then(() => refresh())}
      >
        {t('banner.leave')}
      </button>
    </div>
  );
}
