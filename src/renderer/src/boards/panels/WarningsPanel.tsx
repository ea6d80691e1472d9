import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardWarning } from '../../../../shared/board-data';
import { useBoardData } from '../useBoardData';
import { NoSource } from './NoSource';

function Chip({ w }: { w: BoardWarning }): ReactElement {
  const { t } = useTranslation('boards');
  // Colour and the word for it: a colour-blind officer reads "橙色" as well as sees orange.
  return (
    <span className={`warn-chip warn-${w.level ?? 'none'}`}>
      {w.level ? t(`warning.level.${w.level}`) : t('warning.level.none')}
    </span>
  );
}

/** Active warnings (CAP), as a scrolling ticker or a list, most severe first. */
export function WarningsPanel({ options }: { options: { mode: 'ticker' | 'list' } }): ReactElement {
  const { t } = useTranslation('boards');
  const { data, at } = useBoardData('board.warnings', {}, ['warning'], 30_000);
  if (at !== null && data === null) return <NoSource what={t('source.warnings')} />;
  const items = data ?? [];
  if (at !== null && items.length === 0)
    return (
      <div className="panel-empty" data-testid="warnings-empty">
        {t('warning.none')}
      </div>
    );
  if (options.mode === 'list') {
    return (
      <ul className="warn-list" data-testid="warnings-list">
        {items.map((w) => (
          <li key={w.id}>
            <Chip w={w} />
            <span className="warn-headline">{w.headline}</span>
            {w.area && <span className="warn-area">{w.area}</span>}
          </li>
        ))}
      </ul>
    );
  }
  // Twice the items so the marquee loops without a gap; the second copy is hidden from screen readers.
  return (
    <div className="ticker" data-testid="warnings-ticker" data-count={items.length}>
      <div className="ticker-track" style={{ animationDuration: `${Math.max(20, items.length * 8)}s` }}>
        {[0, 1].map((copy) => (
          <span key={copy} className="ticker-copy" aria-hidden={copy === 1 ? true : undefined}>
            {items.map((w) => (
              <span key={w.id} className="ticker-item">
                <Chip w={w} />
                {w.headline}
                {w.area ? ` · ${w.area}` : ''}
              </span>
            ))}
          </span>
        ))}
      </div>
    </div>
  );
}
