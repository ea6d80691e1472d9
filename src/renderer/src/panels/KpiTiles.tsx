import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVEL_COLOURS, LEVEL_ROMAN, LEVELS } from '../../../shared/domain';
import { Freshness } from '../components/Freshness';
import { useLiveQuery } from './useLiveQuery';
import './panels.css';

/** Open incidents by level I–IV, open total and new in the last hour; refreshed on every incident change. */
export function KpiTiles(): ReactElement {
  const { t } = useTranslation(['board', 'domain']);
  const { data, at } = useLiveQuery('board.kpis', {}, ['incident']);
  const value = (n: number | undefined): string => (n === undefined ? '–' : String(n));
  return (
    <section className="panel kpi-panel" aria-labelledby="kpi-title">
      <div className="panel-head">
        <h2 id="kpi-title">{t('kpi.title')}</h2>
        <Freshness at={at} />
      </div>
      <div className="kpi-tiles">
        {LEVELS.map((l) => (
          <div key={l} className={`kpi-tile level-${LEVEL_COLOURS[l]}`} data-testid={`kpi-level-${l}`}>
            <div className="kpi-label">
              <span className="level-numeral">{LEVEL_ROMAN[l]}</span>
              <span>{t(`domain:levelShort.${l}`)}</span>
            </div>
            <div className="kpi-value" data-testid={`kpi-level-${l}-value`}>
              {value(data?.openByLevel[l])}
            </div>
          </div>
        ))}
        <div className="kpi-tile kpi-neutral" data-testid="kpi-open-total">
          <div className="kpi-label">{t('kpi.openTotal')}</div>
          <div className="kpi-value" data-testid="kpi-open-total-value">
            {value(data?.openTotal)}
          </div>
        </div>
        <div className="kpi-tile kpi-neutral" data-testid="kpi-new-hour">
          <div className="kpi-label">{t('kpi.newLastHour')}</div>
          <div className="kpi-value" data-testid="kpi-new-hour-value">
            {value(data?.newLastHour)}
          </div>
        </div>
      </div>
    </section>
  );
}
