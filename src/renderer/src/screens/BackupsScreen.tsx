import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { mayPerform } from '../../../shared/console/roles';
import type { BackupInfo, BackupScheduleState, IntegrityState } from '../../../shared/contracts/console';
import { callOrToast } from '../api';
import { ChooseFolder } from '../components/ChooseFolder';
import { BackupDetail, LastRestore, useCountsText } from '../ops/BackupRestore';
import { beijingDateTime } from '../time';
import { useJob } from '../ops/useJob';
import { useSession } from '../ops/useSession';
import '../ops/ops.css';

const FOLDER_KEY = 'wf.backups.folder';

function Progress({ value, label }: { value: number; label: string }): ReactElement {
  return (
    <span className="job-progress" data-testid="job-progress">
      <progress max={1} value={value} aria-label={label} /> {Math.round(value * 100)}%
    </span>
  );
}

/**
 * Data safety at this seat: the start-up integrity check, backups now and on
 * a schedule the core runs, what each backup holds, and restoring one. The
 * folder is typed or chosen with the shell's native picker (`shell.pickFolder`);
 * the default is the `backups` folder beside the store (in the app's userData).
 */
export function BackupsScreen(): ReactElement {
  const { t } = useTranslation('ops');
  const session = useSession();
  const countsText = useCountsText();
  const role = session?.role ?? 'wall_readonly';
  const [integrity, setIntegrity] = useState<IntegrityState | null>(null);
  const [schedule, setSchedule] = useState<BackupScheduleState | null>(null);
  const [dir, setDirState] = useState('');
  const setDir = useCallback((folder: string) => {
    setDirState(folder);
    sessionStorage.setItem(FOLDER_KEY, folder);
  }, []);
  const [every, setEvery] = useState(0);
  const [keep, setKeep] = useState(14);
  const [list, setList] = useState<BackupInfo[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [schemaVersion, setSchemaVersion] = useState<number | null>(null);
  const { job, follow } = useJob();

  const chosen = (folder: string): void => {
    setDir(folder);
    setSelected(null);
    void refresh(folder);
  };

  const refresh = useCallback(async (folder: string) => {
    if (!folder) return;
    const l = await callOrToast('backup.list', { dir: folder });
    if (l) setList(l);
  }, []);

  useEffect(() => {
    void callOrToast('app.info', {}).then((i) => i && setSchemaVersion(i.schemaVersion));
    void callOrToast('store.integrity', {}).then(setIntegrity);
    void callOrToast('backup.schedule.get', {}).then((s) => {
      if (!s) return;
      setSchedule(s);
      // The folder this window last looked at survives a reload (a restore reloads every window).
      const folder = sessionStorage.getItem(FOLDER_KEY) || s.dir;
      setDir(folder);
      setEvery(s.everyHours);
      setKeep(s.keep);
      void refresh(folder);
    });
  }, [refresh]);
  useEffect(() => {
    if (integrity?.status !== 'running') return;
    const id = setTimeout(() => void callOrToast('store.integrity', {}).then(setIntegrity), 2000);
    return () => clearTimeout(id);
  }, [integrity]);
  useEffect(() => {
    if (job?.done) void refresh(dir);
    // Only when a job finishes; typing a folder does not re-list on every key.
  }, [job?.done]);

  const may = (action: string): { disabled: boolean; title?: string } =>
    mayPerform(role, action)
      ? { disabled: false }
      : { disabled: true, title: t(session ? 'detail.roleCannot' : 'detail.signedOut') };

  return (
    <div className="screen backups-screen">
      <section className="panel" aria-labelledby="backups-h">
        <div className="panel-head">
          <h2 id="backups-h">{t('backups.title')}</h2>
        </div>
        {integrity && (
          <p className={`integrity integrity-${integrity.status}`} data-testid="integrity">
            {t(`audit.integrity.${integrity.status}`, {
              time: integrity.checkedAt ? beijingDateTime(integrity.checkedAt) : '',
              detail: integrity.result.slice(0, 3).join('; '),
            })}
          </p>
        )}
        <div className="backup-now">
          <label>
            {t('backups.folder')}
            <input value={dir} onChange={(e) => setDir(e.target.value)} size={60} data-testid="backup-dir" />
          </label>
          <ChooseFolder purpose="backups" onChosen={chosen} testId="backup-choose" />
          <button
            type="button"
            className="btn primary"
            {...may('backup.create')}
            disabled={may('backup.create').disabled || !dir || (job !== null && !job.done)}
            onClick={() => void callOrToast('backup.create', { dir }).then(follow)}
            data-testid="backup-now"
          >
            {t('backups.now')}
          </button>
          <button type="button" className="btn" onClick={() => void refresh(dir)} data-testid="backup-refresh">
            {t('backups.refresh')}
          </button>
          {job && !job.done && <Progress value={job.progress} label={t('backups.progress')} />}
          {job?.done && (
            <span className={job.error ? 'warn' : 'muted'} data-testid="backup-result">
              {job.error ?? t('backups.written', { file: job.files[0] ?? '' })}
            </span>
          )}
        </div>
        <p className="muted">{t('backups.folderHint', { dir: schedule?.defaultDir ?? '' })}</p>

        <h3>{t('backups.scheduleTitle')}</h3>
        <div className="backup-schedule">
          <label>
            {t('backups.every')}
            <input
              type="number"
              min={0}
              max={168}
              value={every}
              onChange={(e) => setEvery(Number(e.target.value))}
              data-testid="schedule-every"
            />
          </label>
          <label>
            {t('backups.keep')}
            <input
              type="number"
              min={1}
              max={1000}
              value={keep}
              onChange={(e) => setKeep(Number(e.target.value))}
              data-testid="schedule-keep"
            />
          </label>
          <button
            type="button"
            className="btn"
            {...may('backup.schedule.set')}
            onClick={() =>
              void callOrToast('backup.schedule.set', { dir, everyHours: every, keep }).then((s) => s && setSchedule(s))
            }
            data-testid="schedule-save"
          >
            {t('backups.saveSchedule')}
          </button>
          <button
            type="button"
            className="btn"
            {...may('backup.prune')}
            onClick={() => void callOrToast('backup.prune', { dir, keep }).then(() => refresh(dir))}
          >
            {t('backups.prune', { keep })}
          </button>
        </div>
        {schedule && (
          <p className="muted" data-testid="schedule-state">
            {schedule.everyHours > 0
              ? t('backups.scheduleOn', {
                  every: schedule.everyHours,
                  keep: schedule.keep,
                  dir: schedule.dir,
                  next: schedule.nextAt ? beijingDateTime(schedule.nextAt) : '—',
                })
              : t('backups.scheduleOff')}
            {schedule.lastError && (
              <span className="warn"> {t('backups.lastError', { error: schedule.lastError })}</span>
            )}
          </p>
        )}

        <h3>{t('backups.listTitle')}</h3>
        <LastRestore />
        <p className="muted">{t('backups.restoreHint')}</p>
        <div className="table-scroll">
          <table className="audit-table" data-testid="backup-list">
            <thead>
              <tr>
                <th>{t('backups.col.time')}</th>
                <th>{t('backups.col.schema')}</th>
                <th>{t('backups.col.counts')}</th>
                <th>{t('backups.col.size')}</th>
                <th>{t('backups.col.integrity')}</th>
                <th>{t('backups.col.file')}</th>
              </tr>
            </thead>
            <tbody>
              {list.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    {t('backups.none')}
                  </td>
                </tr>
              )}
              {list.map((b) => (
                <tr
                  key={b.file}
                  className={b.file === selected ? 'backup-list-row selected' : 'backup-list-row'}
                  onClick={() => setSelected(b.file)}
                  aria-selected={b.file === selected}
                >
                  <td className="mono">{beijingDateTime(b.createdAt)}</td>
                  <td className="mono">v{b.schemaVersion}</td>
                  <td>{countsText(b)}</td>
                  <td className="mono">{(b.bytes / 1024).toFixed(0)} KB</td>
                  <td className={b.integrity === 'ok' ? '' : 'warn'}>
                    {b.integrity === 'ok' ? t('backups.detail.intact') : t('backups.detail.damagedShort')}
                  </td>
                  <td className="mono small">{b.file}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {selected && <BackupDetail file={selected} role={role} schemaVersion={schemaVersion} />}
      </section>
    </div>
  );
}
