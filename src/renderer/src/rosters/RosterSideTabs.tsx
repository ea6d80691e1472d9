import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Violation } from '../../../shared/roster-rules';
import type { HistoryEntry, RosterView, Swap } from '../../../shared/roster-types';
import { callOrToast } from '../api';
import { useEntityChanges } from '../live';
import { beijingShort } from '../time';
import { violationText } from './labels';

type Tab = 'violations' | 'swaps' | 'history';

export interface RosterSideTabsProps {
  view: RosterView;
  violations: Violation[];
  introduced: Violation[];
  onFocus: (v: Violation) => void;
}

/** The roster's side panel: the live rule check, pending swap requests for the duty chief, and the change history. */
export function RosterSideTabs({ view, violations, introduced, onFocus }: RosterSideTabsProps): ReactElement {
  const { t } = useTranslation('rosters');
  const [tab, setTab] = useState<Tab>('violations');
  const [swaps, setSwaps] = useState<Swap[]>([]);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const people = new Map(view.people.map((p) => [p.id, p.name]));
  const shifts = new Map(view.shifts.map((s) => [s.id, s]));
  const name = (id: string | undefined): string => (id ? (people.get(id) ?? id) : '—');

  const loadSwaps = useCallback(async () => {
    const s = await callOrToast('roster.swap.list', { status: 'pending' });
    if (s) setSwaps(s);
  }, []);
  const loadHistory = useCallback(async () => {
    const h = await callOrToast('roster.history', { from: view.from, to: view.to, limit: 100 });
    if (h) setHistory(h);
  }, [view.from, view.to]);
  useEffect(() => {
    void loadSwaps();
    void loadHistory();
  }, [loadSwaps, loadHistory]);
  useEntityChanges('roster_swap', () => void loadSwaps());
  useEntityChanges('roster_assignment', () => void loadHistory());

  const decide = async (swapId: string, approve: boolean): Promise<void> => {
    await callOrToast('roster.swap.decide', { swapId, approve });
    await loadSwaps();
  };
  const describe = (a: { date: string; shiftId: string } | null): string =>
    a ? `${a.date.slice(5)} ${shifts.get(a.shiftId)?.name ?? ''}` : '';

  return (
    <section className="panel roster-tabs" data-testid="roster-side">
      <div className="tab-bar" role="tablist">
        {(['violations', 'swaps', 'history'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            className={tab === k ? 'tab active' : 'tab'}
            onClick={() => setTab(k)}
          >
            {t(`roster.tabs.${k}`)}
            {k === 'violations' && violations.length > 0 && <span className="tab-count bad">{violations.length}</span>}
            {k === 'swaps' && swaps.length > 0 && <span className="tab-count">{swaps.length}</span>}
          </button>
        ))}
      </div>
      {tab === 'violations' && (
        <div className="roster-violations" data-testid="roster-violations">
          <p className={violations.length > 0 ? 'roster-count bad' : 'roster-count'}>
            {violations.length > 0 ? t('roster.violationsCount', { count: violations.length }) : t('roster.clean')}
          </p>
          <ul className="violation-list">
            {violations.map((v) => (
              <li key={v.key} className={introduced.includes(v) ? 'violation new' : 'violation'}>
                <button type="button" onClick={() => onFocus(v)}>
                  <span className="violation-rule">{t(`ruleName.${v.rule}`)}</span>
                  <span className="violation-date">
                    {[...new Set(v.cells.map((c) => c.date.slice(5)))].join(t('handover.listSep'))}
                  </span>
                  <span className="violation-text">{violationText(t, v, view)}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {tab === 'swaps' && (
        <ul className="swap-list" data-testid="roster-swaps">
          {swaps.length === 0 && <li className="panel-meta">{t('roster.noSwaps')}</li>}
          {swaps.map((s) => (
            <li key={s.id} className="swap">
              <div className="swap-who">{t('roster.swapPair', { a: name(s.aPersonId), b: name(s.bPersonId) })}</div>
              <div className="panel-meta">
                {t('roster.swapBy', { who: s.requestedBy, time: beijingShort(s.requestedAt) })} · {s.reason}
              </div>
              <div className="form-actions">
                <button type="button" className="btn" onClick={() => void decide(s.id, false)}>
                  {t('roster.reject')}
                </button>
                <button type="button" className="btn primary" onClick={() => void decide(s.id, true)}>
                  {t('roster.approve')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {tab === 'history' && (
        <ul className="history-list" data-testid="roster-history">
          {history.map((h) => (
            <li key={h.id}>
              <div>
                <span className="history-op">{t(`roster.op.${h.op}`)}</span> {describe(h.after ?? h.before)}{' '}
                {h.before && h.after
                  ? `${name(h.before.personId)} → ${name(h.after.personId)}`
                  : name((h.after ?? h.before)?.personId)}
              </div>
              <div className="panel-meta">
                {h.actor} · {beijingShort(h.at)} · {h.reason}
                {h.overrideReason && (
                  <span className="history-override"> · {t('roster.overridden', { reason: h.overrideReason })}</span>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
