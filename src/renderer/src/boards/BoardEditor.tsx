import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import ReactGridLayout, { getCompactor, useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import { useTranslation } from 'react-i18next';
import { PANEL_TYPES, type Board, type Panel, type PanelType } from '../../../shared/boards';
import { panelTitle } from './BoardView';
import { PANELS } from './registry';

const MARGIN = 8;
// Fixed grid, nothing floats up: the wall layout is exactly what the officer placed.
const compactor = getCompactor(null, false, true);

/** First free spot for a w×h panel, scanning rows top to bottom, or null when the grid is full. */
export function freeSpot(board: Board, w: number, h: number): { x: number; y: number } | null {
  const taken = (x: number, y: number): boolean =>
    board.panels.some((p) => x < p.x + p.w && p.x < x + w && y < p.y + p.h && p.y < y + h);
  for (let y = 0; y + h <= board.grid.rows; y++) {
    for (let x = 0; x + w <= board.grid.columns; x++) if (!taken(x, y)) return { x, y };
  }
  return null;
}

function nextId(board: Board, type: string): string {
  let n = 1;
  while (board.panels.some((p) => p.id === `${type}-${n}`)) n++;
  return `${type}-${n}`;
}

export interface BoardEditorProps {
  board: Board;
  saving: boolean;
  onSave: (board: Board) => void;
  onCancel: () => void;
}

/**
 * The draft starts from the board as it was when editing began and is not
 * reset when the stored board reloads underneath (another window saving, or
 * our own duplicate's change event): a concurrent save shows up as a
 * revision conflict on Save instead of silently discarding this edit.
 *
 * The simple editor: drag panels by their title bar, resize from the corner,
 * add a panel of any type into the first free spot, remove one, rename the
 * board. Nothing is stored until Save; the core validates the result again.
 */
export function BoardEditor({ board, saving, onSave, onCancel }: BoardEditorProps): ReactElement {
  const { t } = useTranslation('boards');
  const [draft, setDraft] = useState<Board>(board);
  const [addType, setAddType] = useState<PanelType>('clock');
  const [note, setNote] = useState<string | null>(null);
  const { width, containerRef, mounted } = useContainerWidth();
  const boxRef = useRef<HTMLDivElement | null>(null);
  const [height, setHeight] = useState(600);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  const rows = draft.grid.rows;
  const rowHeight = Math.max(20, Math.floor((height - MARGIN * (rows + 1)) / rows));
  const layout = useMemo<Layout>(
    () =>
      draft.panels.map((p) => ({
        i: p.id,
        x: p.x,
        y: p.y,
        w: p.w,
        h: p.h,
        minW: PANELS[p.type as PanelType]?.minW ?? 1,
        minH: PANELS[p.type as PanelType]?.minH ?? 1,
      })),
    [draft.panels],
  );

  const onLayoutChange = (next: Layout): void => {
    const byId = new Map(next.map((l) => [l.i, l]));
    setDraft((d) => ({
      ...d,
      panels: d.panels.map((p): Panel => {
        const l = byId.get(p.id);
        return l ? { ...p, x: l.x, y: l.y, w: l.w, h: l.h } : p;
      }),
    }));
  };

  const add = (): void => {
    const def = PANELS[addType];
    const spot = freeSpot(draft, def.minW, def.minH);
    if (!spot) {
      setNote(t('editor.full'));
      return;
    }
    setNote(null);
    const panel: Panel = {
      id: nextId(draft, addType),
      type: addType,
      options: { ...def.defaults },
      ...spot,
      w: def.minW,
      h: def.minH,
    };
    setDraft((d) => ({ ...d, panels: [...d.panels, panel] }));
  };

  const remove = (id: string): void => setDraft((d) => ({ ...d, panels: d.panels.filter((p) => p.id !== id) }));

  return (
    <div className="board-editor" data-testid="board-editor">
      <div className="editor-bar">
        <label>
          {t('editor.nameZh')}
          <input
            value={draft.name.zh}
            maxLength={80}
            onChange={(e) => setDraft((d) => ({ ...d, name: { ...d.name, zh: e.target.value } }))}
          />
        </label>
        <label>
          {t('editor.nameEn')}
          <input
            value={draft.name.en}
            maxLength={80}
            onChange={(e) => setDraft((d) => ({ ...d, name: { ...d.name, en: e.target.value } }))}
          />
        </label>
        <label>
          {t('editor.addType')}
          <select value={addType} onChange={(e) => setAddType(e.target.value as PanelType)}>
            {PANEL_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(PANELS[type].titleKey)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={add}>
          {t('editor.add')}
        </button>
        {note && <span className="editor-note">{note}</span>}
        <span className="editor-spacer" />
        <button type="button" onClick={onCancel} disabled={saving}>
          {t('editor.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => onSave(draft)} disabled={saving}>
          {saving ? t('editor.saving') : t('editor.save')}
        </button>
      </div>
      <div className="editor-canvas" ref={boxRef}>
        <div ref={containerRef}>
          {mounted && (
            <ReactGridLayout
              width={width}
              layout={layout}
              gridConfig={{ cols: draft.grid.columns, rowHeight, margin: [MARGIN, MARGIN], maxRows: rows }}
              dragConfig={{ enabled: true, handle: '.edit-handle', cancel: 'button', bounded: true }}
              resizeConfig={{ enabled: true, handles: ['se'] }}
              compactor={compactor}
              onLayoutChange={onLayoutChange}
            >
              {draft.panels.map((p) => (
                <div key={p.id} className="edit-panel" data-testid={`edit-panel-${p.id}`}>
                  <div className="edit-handle">
                    <span>{panelTitle(p, t)}</span>
                    <button
                      type="button"
                      aria-label={t('editor.remove')}
                      title={t('editor.remove')}
                      onClick={() => remove(p.id)}
                    >
                      ×
                    </button>
                  </div>
                  <div className="edit-size">
                    {p.w} × {p.h}
                  </div>
                </div>
              ))}
            </ReactGridLayout>
          )}
        </div>
      </div>
    </div>
  );
}
