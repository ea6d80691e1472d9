import { useState, type ChangeEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_KINDS,
  IMPORT_COLUMNS,
  type ImportKind,
  type ImportPreview,
  type Table,
} from '../../../shared/resources';
import { readTable, writeTable, type TableFormat } from '../../../shared/table-io';
import { call, toastError } from '../api';
import { pushToast } from '../toasts';
import '../console/console.css';
import '../resources/resources.css';

function formatOf(name: string): TableFormat | null {
  const n = name.toLowerCase();
  return n.endsWith('.csv') ? 'csv' : n.endsWith('.xlsx') ? 'xlsx' : null;
}

/** Save bytes as a file through the browser's download (in the app, the shell's download handler). */
function download(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Import in two steps: choosing a file checks every row and shows every
 * problem with its row and column — nothing is written; the import button
 * is enabled only when there are none, and commits all rows at once.
 */
export function ResourceImportScreen(): ReactElement {
  const { t } = useTranslation('resources');
  const [kind, setKind] = useState<ImportKind>('units');
  const [table, setTable] = useState<Table | null>(null);
  const [fileName, setFileName] = useState('');
  const [preview, setPreview] = useState<(ImportPreview & { committed?: boolean }) | null>(null);
  const [busy, setBusy] = useState(false);

  const check = async (k: ImportKind, tb: Table): Promise<void> => {
    setBusy(true);
    const r = await call('resources.import.validate', { kind: k, table: tb });
    setBusy(false);
    if (!r.ok) return toastError(r.error);
    setPreview(r.value);
  };

  const onFile = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setPreview(null);
    setTable(null);
    setFileName(file.name);
    const format = formatOf(file.name);
    let tb: Table;
    try {
      if (!format) throw new Error('format');
      tb = await readTable(format, new Uint8Array(await file.arrayBuffer()));
    } catch (err) {
      pushToast({ kind: 'error', text: t('import.unreadable'), detail: err instanceof Error ? err.message : '' });
      return;
    }
    setTable(tb);
    await check(kind, tb);
  };

  const commit = async (): Promise<void> => {
    if (!table) return;
    setBusy(true);
    const r = await call('resources.import.commit', { kind, table });
    setBusy(false);
    if (!r.ok) return toastError(r.error);
    setPreview(r.value);
    if (r.value.committed) {
      pushToast({ kind: 'success', text: t('import.committed', { count: r.value.actions.length }) });
      setTable(null);
    } else pushToast({ kind: 'error', text: t('import.notCommitted') });
  };

  const exportAs = async (format: TableFormat): Promise<void> => {
    const r = await call('resources.export', { kind });
    if (!r.ok) return toastError(r.error);
    const bytes = await writeTable(format, r.value, kind);
    const name = `watchfloor-${kind}.${format}`;
    download(
      bytes,
      name,
      format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    pushToast({ kind: 'success', text: t('import.exported', { file: name }) });
  };

  const creates = preview?.actions.filter((a) => a.action === 'create').length ?? 0;
  const updates = (preview?.actions.length ?? 0) - creates;

  return (
    <div className="import-screen">
      <section className="panel" aria-labelledby="import-title">
        <div className="panel-head">
          <h2 id="import-title">{t('import.title')}</h2>
        </div>
        <div className="filters">
          <label className="filter">
            <span className="label">{t('import.kindLabel')}</span>
            <select
              id="import-kind"
              value={kind}
              onChange={(e) => {
                const k = e.target.value as ImportKind;
                setKind(k);
                if (table) void check(k, table);
              }}
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`import.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="filter grow">
            <span className="label">{t('import.file')}</span>
            <label className="btn file-btn">
              {/* The native control's own words follow the browser's language, not ours. */}
              <input
                id="import-file"
                type="file"
                accept=".csv,.xlsx"
                className="visually-hidden"
                onChange={(e) => void onFile(e)}
              />
              {t('import.choose')}
              {fileName && <span className="mono file-name">{fileName}</span>}
            </label>
          </div>
          <button type="button" className="btn" onClick={() => void exportAs('csv')}>
            {t('import.exportCsv')}
          </button>
          <button type="button" className="btn" onClick={() => void exportAs('xlsx')}>
            {t('import.exportXlsx')}
          </button>
        </div>
        <p className="dim">
          {t('import.columns')}: <span className="mono">{IMPORT_COLUMNS[kind].join(', ')}</span>
        </p>
        {busy && <p>{t('import.checking')}</p>}
        {preview && (
          <div className="import-preview" data-testid="import-preview">
            <p className="import-summary">
              <strong className="mono">{fileName}</strong> ·{' '}
              {t('import.summary', { count: preview.rowCount, create: creates, update: updates })}
            </p>
            {preview.errors.length === 0 ? (
              <p className="import-ok">{preview.committed === true ? '' : t('import.noErrors')}</p>
            ) : (
              <>
                <p className="import-bad">{t('import.errorsTitle', { count: preview.errors.length })}</p>
                <div className="table-scroll import-errors">
                  <table className="plain-table" data-testid="import-errors">
                    <thead>
                      <tr>
                        <th>{t('import.col.row')}</th>
                        <th>{t('import.col.column')}</th>
                        <th>{t('import.col.message')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {preview.errors.map((e, i) => (
                        <tr key={i}>
                          <td className="mono">{e.row}</td>
                          <td className="mono">{e.column}</td>
                          <td>{t(`import.rowError.${e.code}`, { ...e.params, defaultValue: e.message })}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
            <div className="form-actions">
              <button
                type="button"
                className="btn primary"
                disabled={busy || !table || preview.errors.length > 0}
                onClick={() => void commit()}
              >
                {t('import.commit')}
              </button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}
