import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks';
import { usePanelStatus } from '../useBoardData';
import { useEffect } from 'react';

const OFFSET_MS = 8 * 3600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** Beijing time (fixed UTC+8) as large digits with the date and weekday: the wall's reference clock. */
export function ClockPanel({ options }: { options: { showDate: boolean } }): ReactElement {
  const { t } = useTranslation('boards');
  const now = useNow(1000);
  const report = usePanelStatus();
  // The clock is its own source: always fresh while the page runs.
  useEffect(() => report({ at: now, error: null }), [now, report]);
  const d = new Date(now + OFFSET_MS);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const date = t('clock.date', {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    weekday: t(`clock.weekday.${d.getUTCDay()}`),
  });
  return (
    <div className="clock-panel">
      <time className="clock-digits" data-testid="board-clock" dateTime={new Date(now).toISOString()}>
        {time}
      </time>
      {options.showDate && (
        <div className="clock-date">
          <span>{date}</span>
          <span className="clock-zone">{t('clock.zone')}</span>
        </div>
      )}
    </div>
  );
}
