import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { mayPerform, type Role } from '../../../shared/console/roles';
import type { AuditEntry, BackupInfo } from '../../../shared/contracts/console';
import { call, callOrToast, errorText } from '../api';
import { beijingDateTime } from '../time';

/** "事件 2 · 接报 3 …": what a backup holds, with the table names in the operator's language. */
export function useCountsText(): (b: BackupInfo) => string {
  const { t } = useTranslation('ops');
  // Unknown tables (a newer backup) keep their own name.
  return (b) =>
    Object.entries(b.counts)
      .map(([k, v]) => `${t(`backups.count.${k}`, { defaultValue: k })} ${v}`)
      .join(' · ');
}

/** Why a backup may not be restored, or null when it may. */
export function restoreBlocker(b: BackupInfo, schemaVersion: number | null): 'integrity' | 'newer' | null {
  if (b.integrity !== 'ok') return 'integrity';
  if (schemaVersion !== null && b.schemaVersion > schemaVersion) return 'newer';
  return null;
}

/**
 * What the selected backup holds, and restoring it. Restoring replaces the
 * live store for every window of this seat, so it asks once more, naming the
 * backup's time; the seat then reloads every window on the restored store.
 */
export function BackupDetail({
  file,
  role,
  schemaVersion,
}: {
  file: string;
  role: Role;
  schemaVersion: number | null;
}): ReactElement | null {
  const { t } = useTranslation('ops');
  const countsText = useCountsText();
  const [info, setInfo] = useState<BackupInfo | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setInfo(null);
    setError(null);
    setConfirming(false);
    // Inspected afresh: the list may be minutes old and the file may have changed since.
    void callOrToast('backup.inspect', { file }).then(setInfo);
  }, [file]);

  if (!info) return null;
  const blocker = restoreBlocker(info, schemaVersion);
  const allowed = mayPerform(role, 'backup.restore');
  const taken = beijingDateTime(info.createdAt);

  const restore = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await call('backup.restore', { file });
    setBusy(false);
    setConfirming(false);
    // On success the seat reloads every window on the restored store; nothing more to do here.
    if (!r.ok) {
      const e = errorText(r.error);
      setError(`${e.text} ${e.detail}`);
    }
  };

  return (
    <section className="backup-detail" data-testid="backup-detail" aria-labelledby="backup-detail-h">
      <h3 id="backup-detail-h">{t('backups.detail.title', { time: taken })}</h3>
      <dl className="backup-facts">
        <dt>{t('backups.col.time')}</dt>
        <dd className="mono">{taken}</dd>
        <dt>{t('backups.col.schema')}</dt>
        <dd className="mono">
          v{info.schemaVersion}
          {schemaVersion !== null && ` (${t('backups.detail.thisVersion', { v: schemaVersion })})`}
        </dd>
        <dt>{t('backups.col.counts')}</dt>
        <dd data-testid="backup-detail-counts">{countsText(info)}</dd>
        <dt>{t('backups.col.integrity')}</dt>
        <dd className={info.integrity === 'ok' ? 'ok' : 'warn'} data-testid="backup-detail-integrity">
          {info.integrity === 'ok'
            ? t('backups.detail.intact')
            : t('backups.detail.damaged', { detail: info.integrity })}
        </dd>
        <dt>{t('backups.col.file')}</dt>
        <dd className="mono small">{info.file}</dd>
      </dl>
      {blocker && (
        <p className="warn" data-testid="restore-blocked">
          {t(`backups.detail.blocked.${blocker}`, { v: info.schemaVersion })}
        </p>
      )}
      {!allowed && !blocker && <p className="muted">{t('backups.detail.chiefOnly')}</p>}
      <button
        type="button"
        className="btn danger"
        disabled={!allowed || blocker !== null || busy}
        title={!allowed ? t('backups.detail.chiefOnly') : undefined}
        onClick={() => setConfirming(true)}
        data-testid="restore-start"
      >
        {t('backups.detail.restore')}
      </button>
      {error && (
        <p className="warn" role="alert" data-testid="restore-error">
          {error}
        </p>
      )}
      {confirming && (
        <div
          className="signin-backdrop"
          role="presentation"
          onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}
        >
          <div
            className="signin-dialog restore-confirm"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="restore-confirm-h"
            data-testid="restore-confirm"
          >
            <h2 id="restore-confirm-h">{t('backups.confirm.title', { time: taken })}</h2>
            <p>{t('backups.confirm.holds', { counts: countsText(info) })}</p>
            <p className="warn">{t('backups.confirm.lose', { time: taken })}</p>
            <p className="muted">{t('backups.confirm.kept')}</p>
            <div className="signin-actions">
              <button type="button" className="btn" onClick={() => setConfirming(false)} autoFocus>
                {t('backups.confirm.cancel')}
              </button>
              <button
                type="button"
                className="btn danger"
                disabled={busy}
                onClick={() => void restore()}
                data-testid="restore-confirm-button"
              >
                {busy ? t('backups.confirm.working') : t('backups.confirm.go', { time: taken })}
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

/** The last restore on this store, from its audit log: after the reload the operator sees what happened. */
export function LastRestore(): ReactElement | null {
  const { t } = useTranslation('ops');
  const [entry, setEntry] = useState<AuditEntry | null>(null);
  useEffect(() => {
    void call('audit.list', { limit: 200 }).then((r) => {
      if (r.ok) setEntry(r.value.find((e) => e.action === 'backup.restore' && e.outcome === 'ok') ?? null);
    });
  }, []);
  if (!entry) return null;
  let after: { createdAt?: number; keptOld?: string | null } = {};
  try {
    after = JSON.parse(entry.after ?? '{}') as typeof after;
  } catch {
    // An unreadable entry still shows who and when.
  }
  return (
    <p className="last-restore" data-testid="last-restore">
      {t('backups.lastRestore', {
        at: beijingDateTime(entry.at),
        who: entry.operator,
        taken: after.createdAt ? beijingDateTime(after.createdAt) : '—',
        kept: after.keptOld ?? '—',
      })}
    </p>
  );
}
