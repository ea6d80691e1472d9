import { useCallback, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DISTRICT_CODES } from '../../../shared/domain';
import { AGENCIES, CAPABILITIES, UNIT_STATUSES, type Unit, type UnitStatus } from '../../../shared/resources';
import { useNow } from '../hooks';
import { RecommendPanel } from '../resources/RecommendPanel';
import { UnitDetail } from '../resources/UnitDetail';
import { UnitGrid } from '../resources/UnitGrid';
import { NO_FILTER, staleAt, type UnitFilter } from '../resources/unitsView';
// Grid host, form fields and buttons are styled with the console's rules.
import '../console/console.css';
import '../resources/resources.css';

/** The unit board: every unit with live status and position, filters, and one unit's detail. */
export function UnitsScreen(): ReactElement {
  const { t } = useTranslation(['resources', 'domain']);
  const [filter, setFilter] = useState<UnitFilter>(NO_FILTER);
  const [selected, setSelected] = useState<string | null>(null);
  const [units, setUnits] = useState<Unit[]>([]);
  const [shown, setShown] = useState(0);
  const now = useNow(5000);
  const onUnits = useCallback((all: Unit[], n: number) => {
    setUnits(all);
    setShown(n);
  }, []);
  const set = <K extends keyof UnitFilter>(k: K, v: UnitFilter[K]): void => setFilter((f) => ({ ...f, [k]: v }));

  const byStatus = new Map<UnitStatus, number>();
  for (const u of units) byStatus.set(u.status, (byStatus.get(u.status) ?? 0) + 1);
  const stale = units.filter((u) => u.registered && staleAt(u, now)).length;
  const unregistered = units.filter((u) => !u.registered).length;
  const commands = { pending: 0, rejected: 0 };
  for (const u of units) if (u.commandState) commands[u.commandState]++;

  const select = (id: string, key: keyof UnitFilter, codes: readonly string[], ns: string): ReactElement => (
    <label className="filter">
      <span className="label">{t(`units.filter.${key}`)}</span>
      <select id={id} value={filter[key]} onChange={(e) => set(key, e.target.value as never)}>
        <option value="">{t('units.all')}</option>
        {codes.map((c) => (
          <option key={c} value={c}>
            {t(`${ns}.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="units-screen">
      <section className="panel grid-panel" aria-labelledby="units-title">
        <div className="panel-head">
          <h2 id="units-title">{t('units.title')}</h2>
          <a className="btn link-btn" href="#/resources/import">
            {t('common:nav.resourcesImport')}
          </a>
          <span className="panel-meta" data-testid="unit-count">
            {t('units.count', { count: shown, total: units.length })}
          </span>
        </div>
        <div className="status-summary" data-testid="status-summary">
          {UNIT_STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className={filter.status === s ? `summary-chip st-${s} active` : `summary-chip st-${s}`}
              aria-pressed={filter.status === s}
              onClick={() => set('status', filter.status === s ? '' : s)}
            >
              <span className="summary-n">{byStatus.get(s) ?? 0}</span>
              <span>{t(`status.${s}`)}</span>
            </button>
          ))}
          {(['rejected', 'pending'] as const).map((c) => (
            <button
              key={c}
              type="button"
              className={`summary-chip cmd-chip cmd-${c}${filter.command === c ? ' active' : ''}`}
              aria-pressed={filter.command === c}
              data-testid={`summary-command-${c}`}
              onClick={() => set('command', filter.command === c ? '' : c)}
            >
              <span className="summary-n">{commands[c]}</span>
              <span>{t(`units.summary.${c}`)}</span>
            </button>
          ))}
          <span className="summary-chip warn">
            <span className="summary-n">{stale}</span>
            <span>{t('units.summary.stale')}</span>
          </span>
          <span className="summary-chip warn">
            <span className="summary-n">{unregistered}</span>
            <span>{t('units.summary.unregistered')}</span>
          </span>
        </div>
        <div className="filters" data-testid="unit-filters">
          {select('f-agency', 'agency', AGENCIES, 'agency')}
          {select('f-status', 'status', UNIT_STATUSES, 'status')}
          {select('f-capability', 'capability', CAPABILITIES, 'capability')}
          {select('f-district', 'district', DISTRICT_CODES, 'domain:district')}
          <label className="filter grow">
            <span className="label">{t('units.search')}</span>
            <input
              value={filter.text}
              placeholder={t('units.searchPlaceholder')}
              onChange={(e) => set('text', e.target.value)}
            />
          </label>
        </div>
        <UnitGrid filter={filter} onSelect={setSelected} onUnits={onUnits} />
      </section>
      <div className="unit-side">
        {selected ? (
          <>
            <button type="button" className="btn back-btn" onClick={() => setSelected(null)}>
              {t('recommend.back')}
            </button>
            <UnitDetail unitId={selected} />
          </>
        ) : (
          <RecommendPanel />
        )}
      </div>
    </div>
  );
}
