import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { unionRect, type ConnectedDisplay, type DisplayLayout, type Rect } from '../../../shared/displays';
import { gridOf, refersTo, type SavedElsewhere } from './display-edits';

/**
 * The connected monitors drawn to scale in their real arrangement, like an
 * OS display settings page. Each is a button (the screen decides what a click
 * does) labelled with its name, size and what the plan shows on it; walls get
 * an outline around their whole group.
 */
export function DisplayCanvas(props: {
  displays: readonly ConnectedDisplay[];
  layout: DisplayLayout;
  /** Saved monitors not connected and not stood in for: drawn as outlines where they were. */
  ghosts: readonly SavedElsewhere[];
  /** The first corner of a wall being selected. */
  anchorId: string | null;
  boardName: (id: string | null) => string;
  onClick: (d: ConnectedDisplay) => void;
}): ReactElement {
  const { t } = useTranslation('boards');
  const { displays, layout } = props;
  if (displays.length === 0) return <p className="displays-empty">{t('displays.noneConnected')}</p>;
  const box = unionRect([...displays.map((d) => d.bounds), ...props.ghosts.map((g) => g.ref.bounds)]);
  const pos = (r: Rect): React.CSSProperties => ({
    left: `${((r.x - box.x) / box.width) * 100}%`,
    top: `${((r.y - box.y) / box.height) * 100}%`,
    width: `${(r.width / box.width) * 100}%`,
    height: `${(r.height / box.height) * 100}%`,
  });
  // Fit the whole arrangement in the page height as well as its width.
  const ratio = box.width / box.height;
  return (
    <div
      className="displays-canvas"
      data-testid="displays-canvas"
      style={{ aspectRatio: `${box.width} / ${box.height}`, width: `min(100%, calc(58vh * ${ratio}))` }}
    >
      {displays.map((d, i) => {
        const s = d.shows;
        const what =
          s.kind === 'none'
            ? t('displays.showsNothing')
            : s.kind === 'console'
              ? t('displays.kind.console')
              : `${t(`displays.kind.${s.kind}`)} · ${props.boardName(s.boardId)}`;
        return (
          <button
            type="button"
            key={d.id}
            className={`displays-monitor kind-${s.kind}${props.anchorId === d.id ? ' anchor' : ''}`}
            data-testid={`monitor-${d.id}`}
            data-shows={s.kind}
            data-wall={s.wallId ?? ''}
            style={pos(d.bounds)}
            onClick={() => props.onClick(d)}
          >
            <span className="monitor-name">
              <span>{d.label || t('displays.name', { n: i + 1 })}</span>
              {d.primary && <em>{t('displays.primary')}</em>}
              {d.internal && <em>{t('displays.internal')}</em>}
            </span>
            <b className="monitor-shows">{what}</b>
            <span className="monitor-size">
              {d.bounds.width}×{d.bounds.height}
              {d.scaleFactor !== 1 && ` · ${Math.round(d.scaleFactor * 100)}%`}
              {d.rotation !== 0 && ` · ${d.rotation}°`}
            </span>
          </button>
        );
      })}
      {props.ghosts.map((g) => (
        <div key={g.ref.id} className="displays-ghost" data-testid={`ghost-${g.ref.id}`} style={pos(g.ref.bounds)}>
          <b>{t('displays.notConnected')}</b>
          <span className="monitor-size">
            {g.ref.bounds.width}×{g.ref.bounds.height}
          </span>
        </div>
      ))}
      {layout.walls.map((w) => {
        const members = [
          ...displays.filter((d) => w.displays.some((r) => refersTo(r, d))).map((d) => d.bounds),
          ...props.ghosts.filter((g) => g.wallId === w.id).map((g) => g.ref.bounds),
        ];
        if (members.length === 0) return null;
        const g = gridOf(w.displays);
        return (
          <div
            key={w.id}
            className="displays-wall-outline"
            data-testid="planned-wall"
            data-wall={w.id}
            style={pos(unionRect(members))}
          >
            <span>
              {t('displays.wallName', { rows: g.rows, cols: g.cols })} · {props.boardName(w.boardId)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
