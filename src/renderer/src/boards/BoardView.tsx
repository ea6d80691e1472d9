import type { CSSProperties, ReactElement } from 'react';
import './boards.css';
import { useTranslation } from 'react-i18next';
import type { Board, Panel } from '../../../shared/boards';
import { PanelFrame } from './PanelFrame';
import { panelDefinition } from './registry';

/**
 * Parse the saved options and render the panel. Runs inside the panel's error
 * boundary: an unknown type or options that fail the schema throw here and
 * end up in that panel's error box, not on the rest of the board.
 */
function PanelContent({ panel, wall }: { panel: Panel; wall: boolean }): ReactElement {
  const { t } = useTranslation('boards');
  const def = panelDefinition(panel.type);
  if (!def) throw new Error(t('panel.unknownType', { type: panel.type }));
  const parsed = def.schema.safeParse({ ...def.defaults, ...panel.options });
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
    throw new Error(t('panel.badOptions', { why }));
  }
  const Component = def.component;
  return <Component options={parsed.data} wall={wall} />;
}

export function panelTitle(panel: Panel, t: (k: string) => string): string {
  const def = panelDefinition(panel.type);
  return def ? t(def.titleKey) : panel.type;
}

/**
 * A board for viewing: a CSS grid of the board's columns × rows filling the
 * window exactly, so the same board fits a laptop, a 1920×1080 display or a
 * 5760×2160 wall without scrollbars. (Editing uses react-grid-layout.)
 */
export function BoardView({ board, wall }: { board: Board; wall: boolean }): ReactElement {
  const { t } = useTranslation('boards');
  const style: CSSProperties = {
    gridTemplateColumns: `repeat(${board.grid.columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${board.grid.rows}, minmax(0, 1fr))`,
  };
  return (
    <div
      className={wall ? 'board-grid wall' : 'board-grid'}
      style={style}
      data-testid="board-grid"
      data-board={board.id}
    >
      {board.panels.map((p) => {
        const def = panelDefinition(p.type);
        return (
          <div
            key={p.id}
            className="board-cell"
            style={{ gridColumn: `${p.x + 1} / span ${p.w}`, gridRow: `${p.y + 1} / span ${p.h}` }}
          >
            <PanelFrame
              panelId={p.id}
              type={p.type}
              title={panelTitle(p, t)}
              staleAfterMs={def?.staleAfterMs ?? 60_000}
              bare={def?.bare}
            >
              <PanelContent panel={p} wall={wall} />
            </PanelFrame>
          </div>
        );
      })}
    </div>
  );
}
