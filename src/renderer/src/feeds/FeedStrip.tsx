import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from '../panels/useLiveQuery';
import { feedErrorText } from './feed-error';
import './feeds.css';

/** A one-line strip for boards: each feed source's connection, with gaps and quarantine flagged. Nothing when no feed is configured. */
export function FeedStrip(): ReactElement | null {
  const { t } = useTranslation('feeds');
  const { data } = useLiveQuery('feeds.health', {}, ['feed', 'quarantine', 'outbox', 'feed_source']);
  if (!data || data.length === 0) return null;
  return (
    <div className="feed-strip" data-testid="feed-strip" aria-label={t('health.title')}>
      {data.map((h) => (
        <span key={h.name} className={`feed-chip feed-state state-${h.state}`} title={feedErrorText(h, t) ?? undefined}>
          {h.name} · {t(`state.${h.state}`)}
          {h.gaps > 0 ? ` · ${t('health.gaps')} ${h.gaps}` : ''}
          {h.quarantined > 0 ? ` · ${t('health.quarantined')} ${h.quarantined}` : ''}
        </span>
      ))}
    </div>
  );
}
