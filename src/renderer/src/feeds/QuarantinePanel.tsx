import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { callOrToast } from '../api';
import { useLiveQuery } from '../panels/useLiveQuery';
import { beijingDateTime } from '../time';

const REASONS = [
  'not_object',
  'oversize',
  'forbidden_key',
  'envelope_invalid',
  'unknown_type',
  'bad_time',
  'bad_coordinates',
  'payload_invalid',
  'apply_failed',
] as const;

/** Everything a feed sent that failed validation, raw, with the reason; filter by stream and reason, export. */
export function QuarantinePanel(): ReactElement {
  const { t } = useTranslation('feeds');
  const [stream, setStream] = useState('');
  const [reason, setReason] = useState('');
  const filter = { ...(stream ? { stream } : {}), ...(reason ? { reason } : {}) };
  const { data } = useLiveQuery('quarantine.list', { ...filter, limit: 200 }, ['quarantine']);
  const exportNow = async (): Promise<void> => {
    const r = await callOrToast('quarantine.export', filter);
    if (!r) return;
    const url = URL.createObjectURL(new Blob([r.content], { type: 'application/x-ndjson' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.filename;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="panel feeds-quarantine" aria-labelledby="quarantine-title">
      <div className="panel-head">
        <h2 id="quarantine-title">{t('quarantine.title')}</h2>
        <div className="quarantine-filters">
          <label>
            {t('quarantine.stream')}
            <input value={stream} onChange={(e) => setStream(e.target.value.trim())} maxLength={64} />
          </label>
          <label>
            {t('quarantine.reason')}
            <select value={reason} onChange={(e) => setReason(e.target.value)}>
              <option value="">{t('quarantine.any')}</option>
              {REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`reason.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn" onClick={() => void exportNow()}>
            {t('quarantine.export')}
          </button>
        </div>
      </div>
      <table className="feeds-table" data-testid="quarantine">
        <thead>
          <tr>
            <th>{t('quarantine.at')}</th>
            <th>{t('quarantine.stream')}</th>
            <th>{t('quarantine.seq')}</th>
            <th>{t('quarantine.reason')}</th>
            <th>{t('quarantine.detail')}</th>
            <th>{t('quarantine.raw')}</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((q) => (
            <tr key={q.id}>
              <td>{beijingDateTime(q.receivedAt)}</td>
              <td>{q.stream ?? '–'}</td>
              <td>{q.seq ?? '–'}</td>
              <td>
                <span className="quarantine-reason">{t(`reason.${q.reason}`, { defaultValue: q.reason })}</span>
              </td>
              <td className="quarantine-detail">{q.detail}</td>
              <td>
                <code className="quarantine-raw">{q.raw.slice(0, 160)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && data.length === 0 ? <p className="feeds-empty">{t('quarantine.none')}</p> : null}
    </section>
  );
}
