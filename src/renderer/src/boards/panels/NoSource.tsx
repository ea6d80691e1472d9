import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

/** What a panel shows when this seat has no data source for it (that domain is not installed or configured). */
export function NoSource({ what }: { what: string }): ReactElement {
  const { t } = useTranslation('boards');
  return (
    <div className="no-source" data-testid="no-source">
      <strong>{t('source.none')}</strong>
      <span>{t('source.explain', { what })}</span>
    </div>
  );
}
