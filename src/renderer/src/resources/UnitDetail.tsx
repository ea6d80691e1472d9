import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/ipc';
import { COMMITTED, needsReason, STATUS_TRANSITIONS, type UnitStatus } from '../../../shared/resources';
import { call, callOrToast, toastError } from '../api';
import { useNow } from '../hooks';
import { useEntityChanges } from '../live';
import { beijingDateTime, beijingShort } from '../time';
import { pushToast } from '../toasts';
import { StatusChip } from './StatusChip';
import { TrackSketch } from './TrackSketch';
import { CommandNotice } from './UnitCommand';
import { ageText, staleAt } from './unitsView';

type Detail = ResponseOf<'unit.get'>;

/** One unit: what it is, where it is, what it has done (status history) and where it has been (track). */
export function UnitDetail({ unitId }: { unitId: string | null }): ReactElement {
  const { t, i18n } = useTranslation(['resources', 'domain']);
  const [d, setD] = useState<Detail | null>(null);
  const [incidentRef, setIncidentRef] = useState<string | null>(null);
  const [target, setTarget] = useState<UnitStatus | ''>('');
  const [reason, setReason] = useState('');
  const now = useNow(5000);

  const load = useCallback(async () => {
    if (!unitId) return setD(null);
    const r = await callOrToast('unit.get', { id: unitId, trackHours: 1 });
    setD(r);
    if (r?.unit.incidentId) {
      const inc = await callOrToast('incident.byIds', { ids: [r.unit.incidentId] });
      setIncidentRef(inc?.[0] ? `${inc[0].ref} ${inc[0].title}` : null);
    } else setIncidentRef(r?.unit.incidentRef ?? null);
  }, [unitId]);

  useEffect(() => {
    setTarget('');
    setReason('');
    void load();
  }, [load]);

  useEntityChanges('unit', (c) => {
    if (unitId && c.upserted.includes(unitId)) void load();
  });

  if (!unitId || !d) {
    return (
      <section className="panel unit-detail empty" data-testid="unit-detail">
        <p>{t('detail.empty')}</p>
      </section>
    );
  }
  const u = d.unit;
  const sep = i18n.language === 'en' ? ', ' : '、';
  const next = STATUS_TRANSITIONS[u.status].filter((s) => s !== 'dispatched');
  const reasonNeeded = target !== '' && needsReason(u.status, target);

  const apply = async (): Promise<void> => {
    if (!target) return;
    const r = await call('unit.setStatus', { id: u.id, status: target, ...(reason.trim() ? { reason } : {}) });
    if (!r.ok) return toastError(r.error);
    pushToast({ kind: 'success', text: t('detail.changed', { callSign: u.callSign, status: t(`status.${target}`) }) });
    setTarget('');
    setReason('');
    void load();
  };
  const recall = async (): Promise<void> => {
    const r = await call('unit.recall', { id: u.id });
    if (!r.ok) return toastError(r.error);
    void load();
  };

  return (
    <section className="panel unit-detail" data-testid="unit-detail" aria-labelledby="unit-detail-title">
      <div className="panel-head">
        <h2 id="unit-detail-title">
          {u.callSign} <StatusChip status={u.status} />
        </h2>
        <span className="panel-meta">
          {u.agency ? t(`agency.${u.agency}`) : '—'} · {u.unitType ?? '—'}
          {!u.registered && <span className="tag tag-warn">{t('units.unregistered')}</span>}
        </span>
      </div>
      <CommandNotice unit={u} now={now} onDismissed={() => void load()} />
      <dl className="unit-facts">
        <dt>{t('detail.incident')}</dt>
        <dd className={incidentRef ? 'mono' : 'dim'}>{incidentRef ?? t('detail.none')}</dd>
        <dt>{t('detail.position')}</dt>
        <dd className={staleAt(u, now) ? 'stale' : ''}>
          {u.fixAt === null
            ? t('units.noFix')
            : `${u.lat?.toFixed(5)}, ${u.lon?.toFixed(5)} · ${ageText(t, u.fixAt, now)}${staleAt(u, now) ? ` · ${t('units.stale')}` : ''}`}
        </dd>
        <dt>{t('detail.homeStation')}</dt>
        <dd>
          {u.homeStation ?? '—'}
          {u.district ? ` · ${t(`domain:district.${u.district}`)}` : ''}
        </dd>
        <dt>{t('detail.crew')}</dt>
        <dd>{u.crewSize ?? '—'}</dd>
        <dt>{t('detail.capabilities')}</dt>
        <dd>{u.capabilities.map((c) => t(`capability.${c}`)).join(sep) || '—'}</dd>
      </dl>
      <div className="status-actions" data-testid="status-actions">
        <label className="label" htmlFor="unit-target">
          {t('detail.setStatus')}
        </label>
        <select id="unit-target" value={target} onChange={(e) => setTarget(e.target.value as UnitStatus | '')}>
          <option value="">—</option>
          {next.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <input
          aria-label={t('detail.reason')}
          placeholder={reasonNeeded ? t('detail.reasonRequired') : t('detail.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        <button
          type="button"
          className="btn"
          disabled={!target || (reasonNeeded && !reason.trim())}
          onClick={() => void apply()}
        >
          {t('detail.apply')}
        </button>
        {COMMITTED.includes(u.status) && (
          <button type="button" className="btn" onClick={() => void recall()}>
            {t('detail.recall')}
          </button>
        )}
      </div>
      <h3 className="sub-head">
        {t('detail.track')} <span className="panel-meta">{t('detail.trackPoints', { count: d.track.length })}</span>
      </h3>
      {d.track.length > 0 ? (
        <TrackSketch fixes={d.track} label={t('detail.track')} />
      ) : (
        <p className="dim">{t('detail.noTrack')}</p>
      )}
      <h3 className="sub-head">{t('detail.history')}</h3>
      <div className="table-scroll">
        <table className="plain-table" data-testid="status-history">
          <thead>
            <tr>
              <th>{t('detail.col.at')}</th>
              <th>{t('detail.col.change')}</th>
              <th>{t('detail.col.actor')}</th>
              <th>{t('detail.col.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {[...d.history].reverse().map((h) => (
              <tr key={h.id} className={h.irregular ? 'irregular' : ''}>
                <td className="mono" title={beijingDateTime(h.at)}>
                  {beijingShort(h.at)}
                </td>
                <td>
                  {h.fromStatus ? `${t(`status.${h.fromStatus}`)} → ` : ''}
                  {t(`status.${h.toStatus}`)}
                  {h.irregular && <span className="tag tag-warn">{t('detail.irregular')}</span>}
                </td>
                <td className="dim">
                  {h.actor} · {t(`detail.source.${h.source}`)}
                </td>
                <td>
                  {h.reason === 'late'
                    ? t('detail.late')
                    : h.reason === 'registered'
                      ? t('detail.registered')
                      : (h.reason ?? '')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
