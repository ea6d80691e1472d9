import { useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportExport } from '../ops/ReportExport';
import '../ops/ops.css';

const DAY = 86_400_000;
const BEIJING = 8 * 3_600_000;

/** yyyy-mm-dd of a Beijing day ↔ an instant inside it (noon, far from either edge). */
function dayValue(at: number): string {
  return new Date(at + BEIJING).toISOString().slice(0, 10);
}
function dayInstant(value: string): number {
  return Date.parse(`${value}T12:00:00+08:00`);
}

/** Exports: the daily duty report for a chosen Beijing day (incident reports are on each incident). */
export function ReportsScreen(): ReactElement {
  const { t } = useTranslation('ops');
  const [day, setDay] = useState(() => dayValue(Date.now()));
  const instant = dayInstant(day);
  return (
    <div className="screen reports-screen">
      <section className="panel" aria-labelledby="reports-h">
        <div className="panel-head">
          <h2 id="reports-h">{t('reports.title')}</h2>
        </div>
        <p className="muted">{t('reports.hint')}</p>
        <label className="report-day">
          {t('reports.day')}
          <input
            type="date"
            value={day}
            max={dayValue(Date.now() + DAY)}
            onChange={(e) => e.target.value && setDay(e.target.value)}
            data-testid="report-day"
          />
        </label>
        <ReportExport kind="daily" day={Number.isNaN(instant) ? Date.now() : instant} />
      </section>
    </div>
  );
}
