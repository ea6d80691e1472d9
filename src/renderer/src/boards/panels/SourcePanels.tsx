import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { FeedStrip } from '../../feeds/FeedStrip';
import type { BoardSources } from '../../../../shared/board-data';
import { STATUS_COLOURS } from '../../resources/unitsLayer';
import { useBoardData } from '../useBoardData';
import { NoSource } from './NoSource';
import './unit-status.css';

const COMMITTED = ['dispatched', 'en_route', 'on_scene', 'returning'];
const ORDER = ['available', ...COMMITTED, 'out_of_service'];

/** Units by status, from the units table when resources are installed; tiles in the map's status colours. */
export function UnitStatusPanel(): ReactElement {
  const { t } = useTranslation('boards');
  const { data, at } = useBoardData('board.kpiExtras', {}, ['unit'], 15_000);
  if (at !== null && data?.unitsByStatus === null) return <NoSource what={t('source.units')} />;
  const counts = data?.unitsByStatus ?? {};
  const statuses = [...ORDER, ...Object.keys(counts).filter((s) => !ORDER.includes(s))];
  return (
    <div className="kpi-row unit-status-row" data-testid="unit-status-row">
      {statuses.map((s) => (
        <div
          key={s}
          className={`kt unit-${s}`}
          data-testid={`unit-status-${s}`}
          // The same colour as the unit's pin on the map, so the room reads both the same way.
          style={s in STATUS_COLOURS ? { borderTopColor: STATUS_COLOURS[s as keyof typeof STATUS_COLOURS] } : undefined}
        >
          <div className="kt-label">{t(`unitStatus.${s}`, { defaultValue: s })}</div>
          <div className="kt-value">{counts[s] ?? 0}</div>
        </div>
      ))}
    </div>
  );
}

/**
 * Panels whose data belongs to other domains (rosters, feeds, depots). They
 * name the missing source until that domain is installed and its channel is
 * wired here; a panel never shows made-up figures.
 */
export function SourcePanel({ source }: { source: keyof BoardSources }): ReactElement {
  const { t } = useTranslation('boards');
  // Polled only so the panel's freshness is honest; the message is the same until the source is wired here.
  useBoardData('board.sources', {}, [], 60_000);
  return <NoSource what={t(`source.${source}`)} />;
}

/** Feed health: the feeds domain's strip, one chip per source; a clear line when none is configured. */
export function FeedHealthBoardPanel(): ReactElement {
  const { t } = useTranslation('boards');
  const { data } = useBoardData('feeds.health', {}, ['feed', 'feed_source', 'quarantine'], 15_000);
  if (data && data.length === 0) {
    return (
      <div className="panel-empty" data-testid="feeds-empty">
        {t('feeds.none')}
      </div>
    );
  }
  return (
    <div className="feed-health-panel">
      <FeedStrip />
    </div>
  );
}
