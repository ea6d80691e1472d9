import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Violation } from '../../../shared/roster-rules';
import { dutyDateOf } from '../../../shared/roster-time';
import type { Pattern, RosterView } from '../../../shared/roster-types';
import { call, callOrToast, toastError } from '../api';
import { currentLanguage } from '../i18n';
import { useEntityChanges } from '../live';
import { download } from '../rosters/labels';
import { RosterSideTabs } from '../rosters/RosterSideTabs';
import { RosterGrid } from '../rosters/RosterGrid';
import { useRosterEditor } from '../rosters/useRosterEditor';
import { pushToast } from '../toasts';
import '../rosters/rosters.css';

function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/** The duty roster: a month grid edited in place, checked live, saved with a reason (and an override when rules break). */
export function RosterScreen(): ReactElement {
  const { t } = useTranslation('rosters');
  const [month, setMonth] = useState(() => dutyDateOf(Date.now()).slice(0, 7));
  const [view, setView] = useState<RosterView | null>(null);
  const [stale, setStale] = useState(false);
  const [reason, setReason] = useState('');
  const [override, setOverride] = useState('');
  const [focus, setFocus] = useState<Violation | null>(null);
  const editor = useRosterEditor(view);
  const dirty = editor.edits.length > 0;

  const load = useCallback(async () => {
    const v = await callOrToast('roster.window', { from: `${month}-01`, to: lastDay(month) });
    if (v) {
      setView(v);
      setStale(false);
    }
  }, [month]);

  useEffect(() => {
    void load();
  }, [load]);

  useEntityChanges('roster_assignment', () => {
    if (dirty) setStale(true);
    else void load();
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA')) return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        editor.undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor]);

  const save = async (): Promise<void> => {
    const r = await call('roster.save', {
      edits: editor.edits,
      reason: reason.trim(),
      ...(editor.introduced.length > 0 ? { override: { reason: override.trim() } } : {}),
    });
    if (!r.ok) {
      toastError(r.error);
      return;
    }
    pushToast({ kind: 'success', text: t('roster.saved') });
    setReason('');
    setOverride('');
    await load();
  };

  const [patterns, setPatterns] = useState<Pattern[]>([]);
  const [patternId, setPatternId] = useState('');
  useEffect(() => {
    void callOrToast('roster.patterns.list', {}).then((p) => {
      if (!p) return;
      setPatterns(p);
      setPatternId((cur) => cur || (p[0]?.id ?? ''));
    });
  }, []);
  // Fill the month from a rotation pattern; assignments already there are kept, rules apply as for any save.
  const generate = async (): Promise<void> => {
    if (!patternId) return;
    const r = await call('roster.generate', { patternId, month, commit: true });
    if (!r.ok) {
      toastError(r.error);
      return;
    }
    pushToast({ kind: 'success', text: t('roster.generated', { count: r.value.saved?.assigned.length ?? 0 }) });
    await load();
  };

  const exportAs = async (format: 'pdf' | 'xlsx' | 'csv'): Promise<void> => {
    const f = await callOrToast('roster.export', { month, format, paper: 'A3', lang: currentLanguage() });
    if (f) download(f);
  };

  const [year, mon] = month.split('-');
  const canSave = dirty && reason.trim().length > 0 && (editor.introduced.length === 0 || override.trim().length > 0);
  return (
    <div className="roster-screen">
      <section className="panel roster-main">
        <div className="panel-head roster-toolbar">
          <button
            type="button"
            className="btn"
            onClick={() => setMonth(shiftMonth(month, -1))}
            aria-label={t('roster.prevMonth')}
          >
            ‹
          </button>
          <h2 data-testid="roster-month">
            {t('roster.title')} · {t('roster.month', { year, month: Number(mon) })}
          </h2>
          <button
            type="button"
            className="btn"
            onClick={() => setMonth(shiftMonth(month, 1))}
            aria-label={t('roster.nextMonth')}
          >
            ›
          </button>
          <span className="roster-legend">
            <span className="legend-swatch holiday" /> {t('roster.holiday')}
            <span className="legend-swatch violation" /> {t('roster.violations')}
          </span>
          <span className="spacer" />
          <select
            className="roster-pattern"
            value={patternId}
            onChange={(e) => setPatternId(e.target.value)}
            aria-label={t('roster.pattern')}
          >
            {patterns.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <button type="button" className="btn" disabled={!patternId || dirty} onClick={() => void generate()}>
            {t('roster.generate')}
          </button>
          <span className="panel-meta">{t('roster.export')}</span>
          {(['pdf', 'xlsx', 'csv'] as const).map((f) => (
            <button key={f} type="button" className="btn" onClick={() => void exportAs(f)}>
              {f.toUpperCase()}
            </button>
          ))}
        </div>
        {view ? (
          <RosterGrid
            month={month}
            view={view}
            working={editor.working}
            violations={editor.violations}
            onSet={editor.setSlot}
            focus={focus}
          />
        ) : (
          <p className="panel-meta">{t('roster.loading')}</p>
        )}
      </section>
      <aside className="roster-side">
        <section className="panel roster-edit" data-testid="roster-edit">
          <div className="panel-head">
            <h2>{dirty ? t('roster.pending', { count: editor.edits.length }) : t('roster.noPending')}</h2>
            <button type="button" className="btn" disabled={!editor.canUndo} onClick={editor.undo}>
              {t('roster.undo')}
            </button>
          </div>
          {stale && (
            <p className="roster-warning">
              {t('roster.stale')}{' '}
              <button type="button" className="btn" onClick={() => void load()}>
                {t('roster.reload')}
              </button>
            </p>
          )}
          {dirty && (
            <div className="roster-save">
              <label className="field wide">
                <span className="label">{t('roster.reason')}</span>
                <input
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  placeholder={t('roster.reasonPlaceholder')}
                />
              </label>
              {editor.introduced.length > 0 && (
                <label className="field wide has-error">
                  <span className="roster-warning">
                    {t('roster.overrideNeeded', { count: editor.introduced.length })}
                  </span>
                  <span className="label">{t('roster.override')}</span>
                  <input
                    value={override}
                    onChange={(e) => setOverride(e.target.value)}
                    placeholder={t('roster.overridePlaceholder')}
                  />
                </label>
              )}
              <div className="form-actions">
                <button type="button" className="btn" onClick={editor.reset}>
                  {t('roster.cancel')}
                </button>
                <button type="button" className="btn primary" disabled={!canSave} onClick={() => void save()}>
                  {t('roster.save')}
                </button>
              </div>
            </div>
          )}
        </section>
        {view && (
          <RosterSideTabs
            view={view}
            violations={editor.violations}
            introduced={editor.introduced}
            onFocus={setFocus}
          />
        )}
      </aside>
    </div>
  );
}
