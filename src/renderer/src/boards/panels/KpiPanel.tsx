import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVEL_COLOURS, LEVEL_ROMAN, LEVELS } from '../../../../shared/domain';
import { useBoardData } from '../useBoardData';

const dash = '—';
const num = (n: number | null | undefined): string => (n === null || n === undefined ? dash : String(n));

function Tile(props: {
  id: string;
  label: string;
  value: string;
  /** Set in smaller type after the figure, so "1.9 min" fits a tile read from across the room. */
  unit?: string;
  className?: string;
  numeral?: string;
}): ReactElement {
  return (
    <div className={`kt ${props.className ?? ''}`} data-testid={`kt-${props.id}`}>
      <div className="kt-label">
        {props.numeral && <span className="level-numeral">{props.numeral}</span>}
        <span className="kt-label-text" title={props.label}>
          {props.label}
        </span>
      </div>
      <div className="kt-value" data-testid={`kt-${props.id}-value`}>
        {props.value}
        {props.unit && <span className="kt-unit"> {props.unit}</span>}
      </div>
    </div>
  );
}

function minutes(ms: number | null): string {
  if (ms === null) return dash;
  const m = ms / 60_000;
  return m < 10 ? m.toFixed(1) : String(Math.round(m));
}

/**
 * The headline figures: open incidents by level I–IV, new in the last hour,
 * units available / committed, median time to dispatch today, active
 * warnings. A figure whose data source this seat does not have shows "—",
 * never a false zero.
 */
export function KpiPanel({ options }: { options: { levelsOnly: boolean } }): ReactElement {
  const { t } = useTranslation(['boards', 'domain']);
  const kpis = useBoardData('board.kpis', {}, ['incident'], 15_000);
  const extras = useBoardData(
    'board.kpiExtras',
    {},
    options.levelsOnly ? [] : ['incident', 'unit', 'warning'],
    15_000,
    3000,
  );
  const k = kpis.data;
  const x = options.levelsOnly ? null : extras.data;
  return (
    <div className={options.levelsOnly ? 'kpi-row levels-only' : 'kpi-row'}>
      {LEVELS.map((l) => (
        <Tile
          key={l}
          id={`level-${l}`}
          className={`kt-level level-${LEVEL_COLOURS[l]}`}
          numeral={LEVEL_ROMAN[l]}
          // The tile's own short form ("Extreme" beside the "I" badge): a narrow tile read from across the room.
          label={t(`kpi.level.${l}`)}
          value={num(k?.openByLevel[l])}
        />
      ))}
      <Tile id="open" label={t('kpi.open')} value={num(k?.openTotal)} />
      <Tile id="new-hour" label={t('kpi.newLastHour')} value={num(k?.newLastHour)} />
      {!options.levelsOnly && (
        <>
          <Tile
            id="units"
            label={t('kpi.units')}
            value={x && x.unitsAvailable !== null ? `${x.unitsAvailable} / ${num(x.unitsCommitted)}` : dash}
          />
          <Tile
            id="dispatch"
            label={t('kpi.medianDispatch')}
            value={minutes(x?.medianDispatchMs ?? null)}
            unit={x?.medianDispatchMs != null ? t('kpi.minutes') : undefined}
          />
          <Tile id="warnings" label={t('kpi.warnings')} value={num(x?.activeWarnings)} />
        </>
      )}
    </div>
  );
}
