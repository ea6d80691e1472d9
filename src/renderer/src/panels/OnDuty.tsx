import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { clockOf, dutyDateOf } from '../../../shared/roster-time';
import type { DutySlot, OnDuty as OnDutyData, Position } from '../../../shared/roster-types';
import { callOrToast } from '../api';
import { Freshness } from '../components/Freshness';
import { useBoardData } from '../boards/useBoardData';
import { useEntityChanges } from '../live';
import { positionLabel, shiftLabel } from '../rosters/labels';
import '../rosters/rosters.css';

/** Re-ask at least this often so a changeover (08:00, 20:00) shows without any data change. */
const TICK_MS = 30_000;

function group(slots: DutySlot[]): Map<string, DutySlot[]> {
  const m = new Map<string, DutySlot[]>();
  for (const s of slots) m.set(s.position.id, [...(m.get(s.position.id) ?? []), s]);
  return m;
}

/** The on-duty table itself: positions down, who is on now and who comes next across. */
export function OnDutyTable({ data, compact = false }: { data: OnDutyData | null; compact?: boolean }): ReactElement {
  const { t } = useTranslation('rosters');
  // A time on another Beijing date than now reads "tomorrow 08:00", never a bare 08:00.
  const when = (ms: number): string =>
    data && dutyDateOf(ms) !== dutyDateOf(data.at) ? t('onDuty.nextDay', { time: clockOf(ms) }) : clockOf(ms);
  const now = group(data?.now ?? []);
  const next = group(data?.next ?? []);
  const positions: Position[] = [];
  for (const s of [...(data?.now ?? []), ...(data?.next ?? [])]) {
    if (!positions.some((p) => p.id === s.position.id)) positions.push(s.position);
  }
  for (const g of data?.gaps ?? []) if (!positions.some((p) => p.id === g.position.id)) positions.push(g.position);
  positions.sort((a, b) => a.sort - b.sort);
  if (data && positions.length === 0) {
    return (
      <p className="panel-meta" data-testid="on-duty-empty">
        {t('onDuty.noRoster')}
      </p>
    );
  }
  return (
    <table className="on-duty-table">
      <thead>
        <tr>
          <th />
          <th>{t('onDuty.now')}</th>
          <th>{t('onDuty.next')}</th>
        </tr>
      </thead>
      <tbody>
        {positions.map((p) => {
          const gap = data?.gaps.find((g) => g.position.id === p.id);
          return (
            <tr key={p.id} data-testid={`on-duty-${p.code}`}>
              <th scope="row">{positionLabel(t, p)}</th>
              <td className={gap ? 'duty-now gap' : 'duty-now'}>
                {(now.get(p.id) ?? []).map((s) => (
                  <div key={s.assignmentId} className="duty-person">
                    <span className="duty-name">{s.person.name}</span>
                    {!compact && <span className="duty-phone">{s.person.phones[0] ?? ''}</span>}
                    <span className="duty-time">
                      {shiftLabel(t, s.shift)} {t('onDuty.until', { time: when(s.end) })}
                    </span>
                  </div>
                ))}
                {(now.get(p.id) ?? []).length === 0 && <span className="duty-none">{t('onDuty.nobody')}</span>}
                {gap && gap.have > 0 && (
                  <span className="duty-gap">{t('onDuty.gap', { count: gap.need - gap.have })}</span>
                )}
              </td>
              <td className="duty-next">
                {(next.get(p.id) ?? []).map((s) => (
                  <div key={s.assignmentId} className="duty-person">
                    <span className="duty-name">{s.person.name}</span>
                    <span className="duty-time">{t('onDuty.from', { time: when(s.start) })}</span>
                  </div>
                ))}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * Who is on duty now and who comes next, per position: a board panel and a
 * console widget. The core answers for its own clock (exercise time in an
 * exercise), so the panel never computes "now" itself.
 */
export function OnDuty({ compact = false }: { compact?: boolean }): ReactElement {
  const { t } = useTranslation('rosters');
  const [data, setData] = useState<OnDutyData | null>(null);
  const [at, setAt] = useState<number | null>(null);
  const refresh = useCallback(async () => {
    const d = await callOrToast('roster.onDuty', {});
    if (d) {
      setData(d);
      setAt(Date.now());
    }
  }, []);
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), TICK_MS);
    return () => clearInterval(id);
  }, [refresh]);
  useEntityChanges('roster_assignment', () => void refresh());
  useEntityChanges('roster_person', () => void refresh());

  return (
    <section
      className={compact ? 'panel on-duty compact' : 'panel on-duty'}
      aria-labelledby="on-duty-title"
      data-testid="on-duty"
    >
      <div className="panel-head">
        <h2 id="on-duty-title">{t('onDuty.title')}</h2>
        <Freshness at={at} />
      </div>
      <OnDutyTable data={data} compact={compact} />
    </section>
  );
}

/** The same table as a board panel: data through the board's hook, so the frame shows its freshness and errors. */
export function OnDutyBoardPanel(): ReactElement {
  const { data } = useBoardData('roster.onDuty', {}, ['roster_assignment', 'roster_person'], TICK_MS);
  return (
    <div className="on-duty compact" data-testid="on-duty-board">
      <OnDutyTable data={data} compact />
    </div>
  );
}
