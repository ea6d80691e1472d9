import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../hooks';

/** "Updated 3 s ago": how old the data on a panel is, so a stalled feed is visible. */
export function Freshness({ at }: { at: number | null }): ReactElement {
  const { t } = useTranslation();
  const now = useNow(1000);
  let text: string;
  if (at === null) text = t('freshness.never');
  else {
    const s = Math.max(0, Math.floor((now - at) / 1000));
    if (s < 2) text = t('freshness.justNow');
    else if (s < 60) text = t('freshness.seconds', { count: s });
    else if (s < 3600) text = t('freshness.minutes', { count: Math.floor(s / 60) });
    else text = t('freshness.hours', { count: Math.floor(s / 3600) });
  }
  const stale = at !== null && now - at > 5 * 60_000;
  return (
    <span className={stale ? 'freshness stale' : 'freshness'} data-testid="freshness">
      {text}
    </span>
  );
}
