import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedTargets } from '../../../shared/console/lifecycle';
import { mayPerform } from '../../../shared/console/roles';
import type { CaseHit, PlanActivation, PlanDef, Session } from '../../../shared/contracts/console';
import {
  CATEGORY_CODES,
  LEVELS,
  type Category,
  type Incident,
  type Level,
  type TimelineEntry,
} from '../../../shared/domain';
import { callOrToast } from '../api';
import { LevelBadge } from '../components/LevelBadge';
import { useEntityChanges } from '../live';
import { beijingShort } from '../time';
import { PlanChecklist } from './PlanChecklist';
import { ReportExport } from './ReportExport';

interface Loaded {
  incident: Incident;
  timeline: TimelineEntry[];
  plans: PlanActivation[];
  suggested: PlanDef[];
  similar: CaseHit[];
}

type Editing =
  | null
  | { kind: 'level'; level: Level; reason: string }
  | { kind: 'category'; category: Category; reason: string }
  | { kind: 'close'; outcome: string; lessons: string };

/** One incident: facts, lifecycle actions, plan checklist, timeline and similar past cases. */
export function IncidentDetail({
  id,
  session,
  library,
  onClose,
}: {
  id: string;
  session: Session | null;
  library: PlanDef[];
  onClose: () => void;
}): ReactElement {
  const { t } = useTranslation(['ops', 'domain']);
  const [data, setData] = useState<Loaded | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [note, setNote] = useState('');

  const load = useCallback(async () => {
    const [got, plans, suggested, similar] = await Promise.all([
      callOrToast('incident.get', { id }),
      callOrToast('plan.checklist', { incidentId: id }),
      callOrToast('plan.suggest', { incidentId: id }),
      callOrToast('case.similar', { incidentId: id, limit: 3 }),
    ]);
    if (got) setData({ ...got, plans: plans ?? [], suggested: suggested ?? [], similar: similar ?? [] });
  }, [id]);
  useEffect(() => {
    setEditing(null);
    void load();
  }, [load]);
  useEntityChanges('incident', (c) => {
    if (c.upserted.includes(id)) void load();
  });
  useEntityChanges('plan_step', () => void load());

  /** Status entries are written as codes ("reported → verified"); show them in the officer's language. */
  const entryText = (e: TimelineEntry): string => {
    const m = e.kind === 'status' ? /^(\w+) → (\w+)$/.exec(e.text) : null;
    return m ? `${t(`domain:status.${m[1]}`)} → ${t(`domain:status.${m[2]}`)}` : e.text;
  };
  if (!data) return <section className="panel detail-panel" aria-busy="true" />;
  const inc = data.incident;
  const role = session?.role ?? 'wall_readonly';
  const targets = allowedTargets(inc.status, role).filter((s) => s !== 'closed');
  // Greyed out rather than hidden, so a wall or read-only seat sees what exists and why it cannot act.
  const may = (action: string): { disabled: boolean; title?: string } =>
    mayPerform(role, action)
      ? { disabled: false }
      : { disabled: true, title: t(session ? 'detail.roleCannot' : 'detail.signedOut') };
  const act = async (p: Promise<unknown>): Promise<void> => {
    if (await p) {
      setEditing(null);
      void load();
    }
  };

  return (
    <section className="panel detail-panel" data-testid="incident-detail" aria-labelledby="detail-title">
      <div className="detail-head">
        <LevelBadge level={inc.level} long />
        <div className="detail-title">
          <span className="mono ref">{inc.ref}</span>
          <h2 id="detail-title">{inc.title}</h2>
        </div>
        <button type="button" className="btn small" aria-label={t('detail.close')} onClick={onClose}>
          ✕
        </button>
      </div>
      <dl className="facts">
        <dt>{t('filters.status')}</dt>
        <dd>
          <span className={`status-chip status-${inc.status}`}>{t(`domain:status.${inc.status}`)}</span>
        </dd>
        <dt>{t('filters.category')}</dt>
        <dd>
          {t(`domain:category.${inc.category}`)} · {t(`domain:class.${inc.incidentClass}`)}
        </dd>
        <dt>{t('filters.district')}</dt>
        <dd>
          {inc.district ? t(`domain:district.${inc.district}`) : '—'}
          {inc.address ? ` · ${inc.address}` : ''}
        </dd>
        <dt>{t('detail.reported')}</dt>
        <dd>
          {beijingShort(inc.reportedAt)} · {t(`domain:channel.${inc.channel}`)} ·{' '}
          {t('queue.reports', { count: inc.reportCount })}
        </dd>
        <dt>{t('detail.acknowledged')}</dt>
        <dd>
          {inc.acknowledgedAt ? (
            beijingShort(inc.acknowledgedAt)
          ) : (
            <strong className="warn">{t('detail.notAcknowledged')}</strong>
          )}
        </dd>
      </dl>

      <div className="detail-actions" role="toolbar" aria-label={t('detail.actions')}>
        {inc.acknowledgedAt === null && inc.status !== 'merged' && (
          <button
            type="button"
            className="btn primary"
            {...may('incident.acknowledge')}
            onClick={() => void act(callOrToast('incident.acknowledge', { id }))}
          >
            {t('detail.acknowledge')} <kbd>A</kbd>
          </button>
        )}
        {targets.map((to) => (
          <button
            key={to}
            type="button"
            className={to === 'false_alarm' ? 'btn' : 'btn primary'}
            onClick={() => void act(callOrToast('incident.transition', { id, to }))}
          >
            {t(inc.status === 'closed' ? 'detail.to.responding_reopen' : `detail.to.${to}`)}
          </button>
        ))}
        {inc.status === 'contained' && (
          <button
            type="button"
            className="btn primary"
            {...may('incident.close')}
            onClick={() => setEditing({ kind: 'close', outcome: '', lessons: '' })}
          >
            {t('detail.closeIncident')}
          </button>
        )}
        {!['closed', 'false_alarm', 'merged'].includes(inc.status) && (
          <>
            <button
              type="button"
              className="btn"
              {...may('incident.setLevel')}
              onClick={() => setEditing({ kind: 'level', level: inc.level, reason: '' })}
            >
              {t('detail.changeLevel')}
            </button>
            <button
              type="button"
              className="btn"
              {...may('incident.setCategory')}
              onClick={() => setEditing({ kind: 'category', category: inc.category, reason: '' })}
            >
              {t('detail.changeCategory')}
            </button>
          </>
        )}
      </div>

      {editing && (
        <form
          className="edit-form"
          data-testid="edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (editing.kind === 'level')
              void act(callOrToast('incident.setLevel', { id, level: editing.level, reason: editing.reason }));
            else if (editing.kind === 'category')
              void act(callOrToast('incident.setCategory', { id, category: editing.category, reason: editing.reason }));
            else void act(callOrToast('incident.close', { id, outcome: editing.outcome, lessons: editing.lessons }));
          }}
        >
          {editing.kind === 'level' && (
            <select
              aria-label={t('detail.changeLevel')}
              value={editing.level}
              onChange={(e) => setEditing({ ...editing, level: Number(e.target.value) as Level })}
            >
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`domain:level.${l}`)}
                </option>
              ))}
            </select>
          )}
          {editing.kind === 'category' && (
            <select
              aria-label={t('detail.changeCategory')}
              value={editing.category}
              onChange={(e) => setEditing({ ...editing, category: e.target.value as Category })}
            >
              {CATEGORY_CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`domain:category.${c}`)}
                </option>
              ))}
            </select>
          )}
          {editing.kind === 'close' ? (
            <>
              <textarea
                aria-label={t('detail.outcome')}
                placeholder={t('detail.outcome')}
                value={editing.outcome}
                onChange={(e) => setEditing({ ...editing, outcome: e.target.value })}
              />
              <textarea
                aria-label={t('detail.lessons')}
                placeholder={t('detail.lessons')}
                value={editing.lessons}
                onChange={(e) => setEditing({ ...editing, lessons: e.target.value })}
              />
            </>
          ) : (
            <input
              aria-label={t('detail.reason')}
              placeholder={t('detail.reasonPlaceholder')}
              value={editing.reason}
              onChange={(e) => setEditing({ ...editing, reason: e.target.value })}
            />
          )}
          <div className="form-actions">
            <button type="button" className="btn" onClick={() => setEditing(null)}>
              {t('detail.cancel')}
            </button>
            <button
              type="submit"
              className="btn primary"
              disabled={editing.kind === 'close' ? editing.outcome.trim().length < 2 : editing.reason.trim().length < 2}
            >
              {editing.kind === 'close' ? t('detail.confirmClose') : t('detail.apply')}
            </button>
          </div>
        </form>
      )}

      <div className="detail-body">
        <PlanChecklist
          incidentId={id}
          activations={data.plans}
          suggested={data.suggested}
          library={library}
          onChanged={() => void load()}
        />

        <section className="detail-section" aria-labelledby="tl-h">
          <h3 id="tl-h">{t('detail.timeline')}</h3>
          <form
            className="inline-form note-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!note.trim()) return;
              void callOrToast('incident.note', { id, text: note.trim() }).then((r) => {
                if (r) {
                  setNote('');
                  void load();
                }
              });
            }}
          >
            <input
              aria-label={t('detail.note')}
              placeholder={t('detail.notePlaceholder')}
              value={note}
              onChange={(e) => setNote(e.target.value)}
            />
            <button type="submit" className="btn small" disabled={!note.trim()}>
              {t('detail.addNote')}
            </button>
          </form>
          <ol className="timeline" data-testid="timeline">
            {[...data.timeline].reverse().map((e) => (
              <li key={e.id} className={`tl-${e.kind}`}>
                <time className="mono">{beijingShort(e.at)}</time>
                <span className="tl-kind">{t(`kind.${e.kind}`, { defaultValue: e.kind })}</span>
                <span className="tl-text">{entryText(e)}</span>
                <span className="tl-actor muted">{e.actor}</span>
              </li>
            ))}
          </ol>
        </section>

        <section className="detail-section" aria-labelledby="sim-h">
          <h3 id="sim-h">{t('detail.similar')}</h3>
          {data.similar.length === 0 ? (
            <p className="muted">{t('detail.noSimilar')}</p>
          ) : (
            <ul className="similar">
              {data.similar.map((c) => (
                <li key={c.incidentId}>
                  <strong>{c.title}</strong> <span className="muted mono">{c.ref}</span>
                  <div className="muted">{c.lessons || c.outcome}</div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="detail-section" aria-labelledby="rep-h">
          <h3 id="rep-h">{t('reports.incidentTitle')}</h3>
          <ReportExport kind="incident" incidentId={inc.id} />
        </section>
      </div>
    </section>
  );
}
