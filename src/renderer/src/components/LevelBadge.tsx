import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { LEVEL_COLOURS, LEVEL_ROMAN, type Level } from '../../../shared/domain';

/**
 * A level always shows its roman numeral beside the colour, so it reads the
 * same for colour-blind officers and on a washed-out wall display.
 */
export function LevelBadge({ level, long = false }: { level: Level; long?: boolean }): ReactElement {
  const { t } = useTranslation('domain');
  return (
    <span className={`level-badge level-${LEVEL_COLOURS[level]}`} title={t(`level.${level}`)} data-level={level}>
      <span className="level-numeral">{LEVEL_ROMAN[level]}</span>
      {long && <span className="level-text">{t(`levelShort.${level}`)}</span>}
    </span>
  );
}
