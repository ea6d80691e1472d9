import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitStatus } from '../../../shared/resources';

/** A unit status as a coloured chip with its word: colour is never the only signal. */
export function StatusChip({ status }: { status: UnitStatus }): ReactElement {
  const { t } = useTranslation('resources');
  return <span className={`unit-status st-${status}`}>{t(`status.${status}`)}</span>;
}
