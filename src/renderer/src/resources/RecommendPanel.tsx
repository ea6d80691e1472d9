import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident } from '../../../shared/domain';
import type { Recommendation } from '../../../shared/resources';
import { call, callOrToast, toastError } from '../api';
import { useEntityChanges } from '../live';
import { LevelBadge } from '../components/LevelBadge';
import { useLiveQuery } from '../panels/useLiveQuery';
import { pushToast } from '../toasts';

/** Re-rank at most this often while units move. */
const RERANK_MS = 1000;

function Reasons({ r }: { r: Recommendation }): ReactElement {
  const { t, i18n } = useTranslation('resources');
  const sep = i18n.language === 'en' ? ', ' : '、';
  const pos =
    r.positionSource === 'stale'
      ? t('recommend.position.stale', { age: r.fixAgeMin, penalty: r.stalePenaltyMin })
      : r.positionSource === 'home'
        ? t('recommend.position.home', { penalty: r.stalePenaltyMin })
        : t(`recommend.position.${r.positionSource}`);
  return (
    <div className="rec-reasons">
      <span>
        {t('recommend.distance', { km: r.distanceKm.toFixed(1) })} · {t('recommend.eta', { eta: r.etaMin.toFixed(0) })}{' '}
        · <span className={r.positionSource === 'live' ? '' : 'stale'}>{pos}</span>
      </span>
      <span>
        {r.matched.length > 0 && (
          <span className="rec-has">
            {t('recommend.matched')} {r.matched.map((c) => t(`capability.${c}`)).join(sep)}
          </span>
        )}
        {r.missing.length > 0 && (
          <span className="rec-lacks">
            {t('recommend.missing')} {r.missing.map((c) => t(`capability.${c}`)).join(sep)}
            {' · '}
            {t('recommend.capPenalty', { penalty: r.capabilityPenaltyMin })}
          </span>
        )}
      </span>
    </div>
  );
}

/**
 * Which available units to send to an open incident, best first, each with
 * the reasons for its place: distance and ETA, how fresh its position is,
 * and which of the capabilities the incident needs it has or lacks.
 */
export function RecommendPanel(): ReactElement {
  const { t } = useTranslation(['resources', 'domain']);
  const incidents = useLiveQuery('incident.list', { scope: 'open' }, ['incident']);
  const [incidentId, setIncidentId] = useState('');
  const [recs, setRecs] = useState<Recommendation[] | null>(null);
  const incident: Incident | undefined = incidents.data?.find((i) => i.id === incidentId);
  const list = incidentId ? (recs ?? []) : [];

  const load = useCallback(async () => {
    if (!incidentId) return setRecs(null);
    setRecs(await callOrToast('unit.recommend', { incidentId, limit: 12 }));
  }, [incidentId]);
  useEffect(() => {
    void load();
  }, [load]);
  // Units move and change status: the ranking follows them, at most once a second (trailing) —
  // with hundreds of position fixes a second, re-ranking on every frame would be wasted work.
  const again = useRef<ReturnType<typeof setTimeout> | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(
    () => () => {
      if (again.current !== null) clearTimeout(again.current);
    },
    [],
  );
  useEntityChanges('unit', () => {
    if (again.current !== null) return;
    again.current = setTimeout(() => {
      again.current = null;
      void loadRef.current();
    }, RERANK_MS);
  });

  const dispatch = async (r: Recommendation): Promise<void> => {
    if (!incident) return;
    const res = await call('unit.dispatch', { unitIds: [r.unit.id], incidentId: incident.id });
    if (!res.ok) return toastError(res.error);
    pushToast({ kind: 'success', text: t('recommend.dispatched', { callSign: r.unit.callSign, ref: incident.ref }) });
  };

  return (
    <section className="panel recommend-panel" aria-labelledby="rec-title" data-testid="recommend">
      <div className="panel-head">
        <h2 id="rec-title">{t('recommend.title')}</h2>
      </div>
      <label className="filter">
        <span className="label">{t('recommend.incident')}</span>
        <select id="rec-incident" value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
          <option value="">{t('recommend.choose')}</option>
          {(incidents.data ?? []).map((i) => (
            <option key={i.id} value={i.id}>
              {i.ref} {i.title}
            </option>
          ))}
        </select>
      </label>
      {incident && (
        <p className="rec-incident">
          <LevelBadge level={incident.level} /> {t(`domain:category.${incident.category}`)} ·{' '}
          {incident.district ? t(`domain:district.${incident.district}`) : ''}
        </p>
      )}
      {incidentId && list.length === 0 && recs && <p className="dim">{t('recommend.none')}</p>}
      <ol className="rec-list">
        {list.map((r) => (
          <li key={r.unit.id} className="rec-item" data-testid="rec-item">
            <span className="rec-rank">{r.rank}</span>
            <div className="rec-body">
              <div className="rec-head">
                <strong>{r.unit.callSign}</strong>
                <span className="dim">{r.unit.agency ? t(`agency.${r.unit.agency}`) : ''}</span>
                <span className="rec-score">{t('recommend.score', { score: r.score.toFixed(1) })}</span>
              </div>
              <Reasons r={r} />
            </div>
            <button type="button" className="btn" onClick={() => void dispatch(r)}>
              {t('recommend.dispatch')}
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
