import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Freshness } from '../components/Freshness';
import { useLiveQuery } from '../panels/useLiveQuery';
import { feedErrorText } from './feed-error';

/** Lag as a translation key and its value. */
function lag(ms: number | null): { key: string; values: Record<string, number> } | null {
  if (ms === null) return null;
  if (ms < 1000) return { key: 'health.lagMs', values: { ms: Math.round(ms) } };
  if (ms < 120_000) return { key: 'health.lagS', values: { s: Math.round(ms / 1000) } };
  return { key: 'health.lagMin', values: { min: Math.round(ms / 60_000) } };
}

/** Per feed source: connected or not, mode, lag, events/s, last error, gaps, quarantined, pending commands. */
export function FeedHealthPanel(): ReactElement {
  const { t } = useTranslation('feeds');
  // Cursors, connection states, quarantine and outbox rows are all in the change log.
  const { data, at } = useLiveQuery('feeds.health', {}, ['feed', 'quarantine', 'outbox', 'feed_source']);
  return (
    <section className="panel feeds-health" aria-labelledby="feeds-health-title">
      <div className="panel-head">
        <h2 id="feeds-health-title">{t('health.title')}</h2>
        <Freshness at={at} />
      </div>
      {data && data.length === 0 ? <p className="feeds-empty">{t('health.none')}</p> : null}
      <table className="feeds-table" data-testid="feed-health">
        <thead>
          <tr>
            <th>{t('health.source')}</th>
            <th>{t('health.state')}</th>
            <th>{t('health.mode')}</th>
            <th>{t('health.lag')}</th>
            <th>{t('health.rate')}</th>
            <th>{t('health.gaps')}</th>
            <th>{t('health.quarantined')}</th>
            <th>{t('health.pending')}</th>
            <th>{t('health.lastError')}</th>
          </tr>
        </thead>
        <tbody>
          {(data ?? []).map((h) => (
            <tr key={h.name} data-testid={`feed-${h.name}`}>
              <td>
                <div className="feed-name">{h.name}</div>
                <div className="feed-url">{h.url}</div>
              </td>
              <td>
                <span className={`feed-state state-${h.state}`}>{t(`state.${h.state}`)}</span>
              </td>
              <td>{h.mode ? t(`mode.${h.mode}`) : '–'}</td>
              <td>{((l) => (l ? t(l.key, l.values) : '–'))(lag(h.lagMs))}</td>
              <td>{h.eventsPerSec.toFixed(1)}</td>
              <td className={h.gaps > 0 ? 'feed-alert' : ''}>{h.gaps}</td>
              <td className={h.quarantined > 0 ? 'feed-alert' : ''}>{h.quarantined}</td>
              <td>{h.pendingCommands}</td>
              <td className="feed-error" title={h.lastError ?? undefined}>
                {feedErrorText(h, t) ?? '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
