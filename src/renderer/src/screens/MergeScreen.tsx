import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergeProposal, SourceReport } from '../../../shared/contracts/console';
import type { Incident } from '../../../shared/domain';
import { callOrToast } from '../api';
import { LevelBadge } from '../components/LevelBadge';
import { useEntityChanges } from '../live';
import { beijingShort } from '../time';
import { pushToast } from '../toasts';
import '../ops/ops.css';

function Side({
  incident,
  reports,
  keep,
  onKeep,
}: {
  incident: Incident | null;
  reports: SourceReport[];
  keep: boolean;
  onKeep: () => void;
}): ReactElement {
  const { t } = useTranslation(['ops', 'domain']);
  if (!incident) return <div className="merge-side" />;
  return (
    <div className={keep ? 'merge-side keep' : 'merge-side'} data-testid="merge-side">
      <div className="detail-head">
        <LevelBadge level={incident.level} long />
        <div className="detail-title">
          <span className="mono ref">{incident.ref}</span>
          <h3>{incident.title}</h3>
        </div>
      </div>
      <dl className="facts">
        <dt>{t('filters.category')}</dt>
        <dd>{t(`domain:category.${incident.category}`)}</dd>
        <dt>{t('filters.district')}</dt>
        <dd>
          {incident.district ? t(`domain:district.${incident.district}`) : '—'} {incident.address ?? ''}
        </dd>
        <dt>{t('detail.reported')}</dt>
        <dd>
          {beijingShort(incident.reportedAt)} · {t(`domain:channel.${incident.channel}`)}
        </dd>
        <dt>{t('filters.status')}</dt>
        <dd>{t(`domain:status.${incident.status}`)}</dd>
      </dl>
      <h4>
        {t('merge.reports')} ({reports.length})
      </h4>
      <ul className="report-list">
        {reports.map((r) => (
          <li key={r.id}>
            <span className="mono">{beijingShort(r.receivedAt)}</span> {t(`domain:channel.${r.channel}`)} ·{' '}
            {r.reporterName ?? r.source}
          </li>
        ))}
      </ul>
      <label className="keep-choice">
        <input type="radio" name="keep" checked={keep} onChange={onKeep} /> {t('merge.keep')}
      </label>
    </div>
  );
}

/** Merge proposals from the dedup rule: the two incidents side by side with the reason, merge or reject. */
export function MergeScreen(): ReactElement {
  const { t } = useTranslation(['ops', 'domain']);
  const [proposals, setProposals] = useState<MergeProposal[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [reports, setReports] = useState<Record<string, SourceReport[]>>({});
  const [keep, setKeep] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const load = useCallback(async () => {
    const list = (await callOrToast('merge.proposals', { status: 'proposed' })) ?? [];
    setProposals(list);
    setCurrent((c) => (c && list.some((p) => p.id === c) ? c : (list[0]?.id ?? null)));
  }, []);
  useEffect(() => void load(), [load]);
  useEntityChanges('merge_proposal', () => void load());
  const p = proposals.find((x) => x.id === current) ?? null;
  useEffect(() => {
    if (!p) return;
    setKeep(p.a && p.b ? (p.a.level <= p.b.level ? p.a.id : p.b.id) : null);
    setRejecting(null);
    void Promise.all([
      callOrToast('incident.reports', { id: p.incidentA }),
      callOrToast('incident.reports', { id: p.incidentB }),
    ]).then(([ra, rb]) => setReports({ [p.incidentA]: ra ?? [], [p.incidentB]: rb ?? [] }));
  }, [p?.id]);

  const accept = async (): Promise<void> => {
    if (!p) return;
    const r = await callOrToast('merge.accept', { proposalId: p.id, survivorId: keep ?? undefined });
    if (r) {
      pushToast({ kind: 'success', text: t('merge.merged', { absorbed: r.absorbed.ref, survivor: r.survivor.ref }) });
      void load();
    }
  };
  const reject = async (): Promise<void> => {
    if (!p || !rejecting || rejecting.trim().length < 2) return;
    if (await callOrToast('merge.reject', { proposalId: p.id, reason: rejecting.trim() })) void load();
  };

  return (
    <div className="merge-screen ops-screen">
      <section className="panel proposal-list" aria-labelledby="mp-h">
        <div className="panel-head">
          <h2 id="mp-h">{t('merge.title')}</h2>
          <span className="panel-meta">{t('merge.count', { count: proposals.length })}</span>
        </div>
        {proposals.length === 0 && <p className="muted">{t('merge.none')}</p>}
        <ul>
          {proposals.map((x) => (
            <li key={x.id}>
              <button
                type="button"
                className={x.id === current ? 'proposal active' : 'proposal'}
                aria-pressed={x.id === current}
                onClick={() => setCurrent(x.id)}
              >
                <span>{x.a?.title}</span>
                <span className="muted">↔ {x.b?.title}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      {p && (
        <section className="panel proposal-detail" data-testid="merge-proposal" aria-labelledby="pd-h">
          <div className="panel-head">
            <h2 id="pd-h">{t('merge.reason')}</h2>
          </div>
          <div className="reason-chips">
            {p.a && p.b && p.a.category === p.b.category && (
              <span className="chip">
                {t('merge.sameCategoryNamed', { category: t(`domain:category.${p.a.category}`) })}
              </span>
            )}
            {p.distanceM !== null && (
              <span className="chip">{t('merge.distance', { m: Math.round(p.distanceM) })}</span>
            )}
            {p.minutesApart !== null && (
              <span className="chip">{t('merge.minutes', { min: Math.round(p.minutesApart) })}</span>
            )}
          </div>
          <div className="merge-pair">
            <Side
              incident={p.a}
              reports={reports[p.incidentA] ?? []}
              keep={keep === p.incidentA}
              onKeep={() => setKeep(p.incidentA)}
            />
            <Side
              incident={p.b}
              reports={reports[p.incidentB] ?? []}
              keep={keep === p.incidentB}
              onKeep={() => setKeep(p.incidentB)}
            />
          </div>
          <div className="form-actions">
            {rejecting === null ? (
              <button type="button" className="btn" onClick={() => setRejecting('')}>
                {t('merge.reject')}
              </button>
            ) : (
              <form
                className="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void reject();
                }}
              >
                <input
                  autoFocus
                  aria-label={t('merge.rejectReason')}
                  placeholder={t('merge.rejectReason')}
                  value={rejecting}
                  onChange={(e) => setRejecting(e.target.value)}
                />
                <button type="submit" className="btn" disabled={rejecting.trim().length < 2}>
                  {t('merge.reject')}
                </button>
              </form>
            )}
            <button type="button" className="btn primary" onClick={() => void accept()}>
              {t('merge.accept')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}
