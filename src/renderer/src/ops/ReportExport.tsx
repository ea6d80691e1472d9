import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { mayPerform } from '../../../shared/console/roles';
import { callOrToast } from '../api';
import { currentLanguage } from '../i18n';
import { useJob } from './useJob';
import { useSession } from './useSession';
import { ChooseFolder } from '../components/ChooseFolder';

type Format = 'pdf' | 'csv' | 'xlsx';

/** The reports folder beside the store's backups folder (the renderer knows no paths of its own). */
let defaultDir: Promise<string> | null = null;
function reportsDir(): Promise<string> {
  defaultDir ??= callOrToast('backup.schedule.get', {}).then((s) =>
    s ? s.defaultDir.replace(/backups$/, 'reports') : '',
  );
  return defaultDir;
}

/**
 * Export a daily duty report or one incident's report as PDF, CSV or XLSX to a
 * typed folder (no native folder picker in the renderer), following the
 * core's job to the files it wrote.
 */
export function ReportExport({
  kind,
  incidentId,
  day,
}: {
  kind: 'daily' | 'incident';
  incidentId?: string;
  day?: number;
}): ReactElement {
  const { t } = useTranslation('ops');
  const session = useSession();
  const [dir, setDir] = useState('');
  const [format, setFormat] = useState<Format>('pdf');
  const { job, follow } = useJob();
  useEffect(() => {
    void reportsDir().then((d) => setDir((cur) => cur || d));
  }, []);
  const allowed = mayPerform(session?.role ?? 'wall_readonly', 'report.export');
  const busy = job !== null && !job.done;
  const start = (): void => {
    const lang = currentLanguage();
    const req =
      kind === 'incident'
        ? { kind, format, dir, incidentId, lang }
        : { kind, format, dir, day: day ?? Date.now(), lang };
    void callOrToast('report.export', req).then(follow);
  };
  return (
    <div className="report-export" data-testid={`report-export-${kind}`}>
      <label>
        {t('reports.folder')}
        <input value={dir} onChange={(e) => setDir(e.target.value)} size={40} data-testid="report-dir" />
      </label>
      <ChooseFolder purpose="exports" onChosen={setDir} testId="report-choose" />
      <label>
        {t('reports.format')}
        <select value={format} onChange={(e) => setFormat(e.target.value as Format)} data-testid="report-format">
          <option value="pdf">PDF</option>
          <option value="csv">CSV</option>
          <option value="xlsx">XLSX</option>
        </select>
      </label>
      <button
        type="button"
        className="btn"
        disabled={!allowed || busy || !dir}
        title={allowed ? undefined : t(session ? 'detail.roleCannot' : 'detail.signedOut')}
        onClick={start}
        data-testid="report-export"
      >
        {t(kind === 'daily' ? 'reports.exportDaily' : 'reports.exportIncident')}
      </button>
      {busy && (
        <span className="job-progress" data-testid="report-progress">
          <progress max={1} value={job.progress} aria-label={t('reports.progress')} /> {Math.round(job.progress * 100)}%
        </span>
      )}
      {job?.done &&
        (job.error ? (
          <span className="warn">{job.error}</span>
        ) : (
          <ul className="report-files" data-testid="report-files">
            {job.files.map((f) => (
              <li key={f} className="mono small">
                {f}
              </li>
            ))}
          </ul>
        ))}
    </div>
  );
}
