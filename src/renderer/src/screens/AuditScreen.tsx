import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../router';
import type { AuditEntry, AuditVerdict, IntegrityState } from '../../../shared/contracts/console';
import { callOrToast } from '../api';
import { beijingDateTime } from '../time';
import '../ops/ops.css';

/** The audit log, read-only: verify the hash chain and page through entries. There is no edit or delete. */
export function AuditScreen(): ReactElement {
  const { t } = useTranslation('ops');
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [integrity, setIntegrity] = useState<IntegrityState | null>(null);
  const verify = useCallback(async () => {
    setVerdict(await callOrToast('audit.verify', {}));
    setEntries((await callOrToast('audit.list', { limit: 200 })) ?? []);
    setIntegrity(await callOrToast('store.integrity', {}));
  }, []);
  // The start-up check runs in its own thread; look again until it has finished.
  useEffect(() => {
    if (integrity?.status !== 'running') return;
    const id = setTimeout(() => void callOrToast('store.integrity', {}).then(setIntegrity), 2000);
    return () => clearTimeout(id);
  }, [integrity]);
  useEffect(() => void verify(), [verify]);
  return (
    <div className="audit-screen ops-screen">
      <section className="panel" aria-labelledby="audit-h">
        <div className="panel-head">
          <h2 id="audit-h">{t('audit.title')}</h2>
          <button type="button" className="btn primary" onClick={() => void verify()}>
            {t('audit.verify')}
          </button>
        </div>
        {verdict && (
          <p className={verdict.intact ? 'verdict ok' : 'verdict broken'} role="status" data-testid="audit-verdict">
            {verdict.intact
              ? t('audit.intact', { count: verdict.count })
              : t('audit.broken', {
                  seq: verdict.firstBroken.seq,
                  count: verdict.count,
                  problem: t(`audit.problem.${verdict.firstBroken.problem}`),
                })}
          </p>
        )}
        <p className="muted">
          {t('audit.readOnly')}{' '}
          <Link to="/backups" data-testid="to-backups">
            {t('backups.title')}
          </Link>{' '}
          <Link to="/reports" data-testid="to-reports">
            {t('reports.title')}
          </Link>
        </p>
        {integrity && (
          <p className={`integrity integrity-${integrity.status}`} data-testid="integrity">
            {t(`audit.integrity.${integrity.status}`, {
              time: integrity.checkedAt ? beijingDateTime(integrity.checkedAt) : '',
              detail: integrity.result.slice(0, 3).join('; '),
            })}
          </p>
        )}
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                {(['seq', 'at', 'seat', 'operator', 'role', 'action', 'target', 'outcome'] as const).map((c) => (
                  <th key={c}>{t(`audit.col.${c}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.seq} className={e.outcome === 'ok' ? '' : 'refused'}>
                  <td className="mono">{e.seq}</td>
                  <td className="mono">{beijingDateTime(e.at)}</td>
                  <td>{e.seat}</td>
                  <td>{e.operator}</td>
                  <td>{e.role}</td>
                  <td className="mono">{e.action}</td>
                  <td className="mono small">{e.target?.slice(0, 13) ?? ''}</td>
                  <td>{e.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
