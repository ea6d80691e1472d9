import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSummary } from '../../../shared/boards';
import {
  EMPTY_LAYOUT,
  planWindows,
  refOf,
  type DisplayInfo,
  type DisplayLayout,
  type DisplayRef,
} from '../../../shared/displays';
import { call, toastError } from '../api';
import { pushToast } from '../toasts';
import { boardName } from './BoardPage';
import './displays.css';

/**
 * The seat's display layout: which board each display carries, one wall
 * group spanning several displays, and where the console sits — previewed
 * with the same pure planner the shell uses to open windows. The renderer
 * cannot enumerate the monitors, so the displays are those the saved layout
 * names plus this screen; more are added by position (the shell matches
 * displays by id, then by exact position and size).
 */

const WALL_ID = 'wall-1';
const DISPLAY_W = 1920;
const DISPLAY_H = 1080;

function displaysOf(layout: DisplayLayout): DisplayInfo[] {
  const refs: DisplayRef[] = [
    ...(layout.console ? [layout.console] : []),
    ...layout.assignments.map((a) => a.display),
    ...layout.walls.flatMap((w) => w.displays),
  ];
  const seen = new Map<string, DisplayInfo>();
  for (const r of refs) {
    if (!seen.has(r.id))
      seen.set(r.id, { id: r.id, bounds: r.bounds, workArea: r.bounds, scaleFactor: 1, internal: false });
  }
  if (seen.size === 0) {
    const bounds = { x: 0, y: 0, width: DISPLAY_W, height: DISPLAY_H };
    seen.set('display-1', { id: 'display-1', bounds, workArea: bounds, scaleFactor: 1, internal: true });
  }
  return [...seen.values()].sort((a, b) => a.bounds.y - b.bounds.y || a.bounds.x - b.bounds.x);
}

export function DisplaysScreen(): ReactElement {
  const { t, i18n } = useTranslation('boards');
  const [boards, setBoards] = useState<BoardSummary[]>([]);
  const [layout, setLayout] = useState<DisplayLayout | null>(null);
  const [displays, setDisplays] = useState<DisplayInfo[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void (async () => {
      const [b, l] = await Promise.all([call('board.list', {}), call('displays.layout.get', {})]);
      if (b.ok) setBoards(b.value);
      else toastError(b.error);
      const loaded = l.ok ? l.value : EMPTY_LAYOUT;
      if (!l.ok) toastError(l.error);
      setLayout(loaded);
      setDisplays(displaysOf(loaded));
    })();
  }, []);

  const plan = useMemo(() => (layout ? planWindows(displays, layout) : null), [displays, layout]);
  const wall = layout?.walls.find((w) => w.id === WALL_ID) ?? null;

  const assign = useCallback((d: DisplayInfo, boardId: string) => {
    setLayout((l) => {
      if (!l) return l;
      const rest = l.assignments.filter((a) => a.display.id !== d.id);
      return { ...l, assignments: boardId ? [...rest, { display: refOf(d), boardId }] : rest };
    });
  }, []);

  const toggleWall = useCallback(
    (d: DisplayInfo, on: boolean) => {
      setLayout((l) => {
        if (!l) return l;
        const current = l.walls.find((w) => w.id === WALL_ID);
        const members = (current?.displays ?? []).filter((r) => r.id !== d.id);
        if (on) members.push(refOf(d));
        const others = l.walls.filter((w) => w.id !== WALL_ID);
        const boardId = current?.boardId ?? boards[0]?.id ?? 'city-overview';
        return { ...l, walls: members.length > 0 ? [...others, { id: WALL_ID, boardId, displays: members }] : others };
      });
    },
    [boards],
  );

  const setWallBoard = (boardId: string): void =>
    setLayout((l) => (l ? { ...l, walls: l.walls.map((w) => (w.id === WALL_ID ? { ...w, boardId } : w)) } : l));

  const setConsole = (d: DisplayInfo): void => setLayout((l) => (l ? { ...l, console: refOf(d) } : l));

  const addDisplay = (where: 'right' | 'below'): void => {
    setDisplays((ds) => {
      const bottom = Math.max(...ds.map((d) => d.bounds.y + d.bounds.height));
      const topRow = ds.filter((d) => d.bounds.y === 0);
      const bounds =
        where === 'right'
          ? {
              x: Math.max(...topRow.map((d) => d.bounds.x + d.bounds.width)),
              y: 0,
              width: DISPLAY_W,
              height: DISPLAY_H,
            }
          : { x: 0, y: bottom, width: DISPLAY_W, height: DISPLAY_H };
      let n = ds.length + 1;
      while (ds.some((d) => d.id === `display-${n}`)) n += 1;
      return [...ds, { id: `display-${n}`, bounds, workArea: bounds, scaleFactor: 1, internal: false }];
    });
  };

  const save = async (): Promise<void> => {
    if (!layout) return;
    setSaving(true);
    const r = await call('displays.layout.save', { layout });
    setSaving(false);
    if (!r.ok) return toastError(r.error);
    setLayout(r.value);
    pushToast({ kind: 'success', text: t('displays.saved') });
  };

  if (!layout || !plan) return <div className="displays-screen">{t('page.loading')}</div>;

  const all = displays.map((d) => d.bounds);
  const minX = Math.min(...all.map((b) => b.x));
  const minY = Math.min(...all.map((b) => b.y));
  const spanW = Math.max(...all.map((b) => b.x + b.width)) - minX;
  const spanH = Math.max(...all.map((b) => b.y + b.height)) - minY;
  const pct = (v: number, span: number): string => `${(v / span) * 100}%`;
  const nameOf = (id: string | null): string => {
    const b = boards.find((x) => x.id === id);
    return b ? boardName(b, i18n.language) : (id ?? '');
  };

  return (
    <div className="displays-screen" data-testid="displays-screen">
      <div className="displays-head">
        <h1>{t('displays.title')}</h1>
        <a href="#/boards">{t('displays.back')}</a>
      </div>
      <div className="displays-body">
        <section className="displays-table">
          <table>
            <thead>
              <tr>
                <th>{t('displays.display')}</th>
                <th>{t('displays.console')}</th>
                <th>{t('displays.board')}</th>
                <th>{t('displays.inWall')}</th>
              </tr>
            </thead>
            <tbody>
              {displays.map((d, i) => {
                const assigned = layout.assignments.find((a) => a.display.id === d.id)?.boardId ?? '';
                const inWall = wall?.displays.some((r) => r.id === d.id) ?? false;
                return (
                  <tr key={d.id} data-testid={`display-row-${d.id}`}>
                    <td>
                      {t('displays.name', { n: i + 1 })}
                      <small>
                        {d.bounds.width}×{d.bounds.height} @ {d.bounds.x},{d.bounds.y}
                      </small>
                    </td>
                    <td>
                      <input
                        type="radio"
                        name="console"
                        aria-label={t('displays.console')}
                        checked={layout.console?.id === d.id}
                        onChange={() => setConsole(d)}
                      />
                    </td>
                    <td>
                      <select
                        value={assigned}
                        aria-label={t('displays.board')}
                        data-testid={`display-board-${d.id}`}
                        onChange={(e) => assign(d, e.target.value)}
                      >
                        <option value="">{t('displays.none')}</option>
                        {boards.map((b) => (
                          <option key={b.id} value={b.id}>
                            {boardName(b, i18n.language)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('displays.inWall')}
                        data-testid={`display-wall-${d.id}`}
                        checked={inWall}
                        onChange={(e) => toggleWall(d, e.target.checked)}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="displays-actions">
            <button type="button" onClick={() => addDisplay('right')} data-testid="add-display-right">
              {t('displays.addRight')}
            </button>
            <button type="button" onClick={() => addDisplay('below')} data-testid="add-display-below">
              {t('displays.addBelow')}
            </button>
          </div>
          {wall && (
            <label className="displays-wall-board">
              <span>{t('displays.wallBoard')}</span>
              <select value={wall.boardId} data-testid="wall-board" onChange={(e) => setWallBoard(e.target.value)}>
                {boards.map((b) => (
                  <option key={b.id} value={b.id}>
                    {boardName(b, i18n.language)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button
            type="button"
            className="displays-save"
            disabled={saving}
            onClick={() => void save()}
            data-testid="displays-save"
          >
            {t('displays.save')}
          </button>
        </section>
        <section className="displays-preview" aria-label={t('displays.preview')}>
          <h2>{t('displays.preview')}</h2>
          <div className="displays-canvas" style={{ aspectRatio: `${spanW} / ${spanH}` }}>
            {displays.map((d, i) => (
              <div
                key={d.id}
                className="displays-monitor"
                style={{
                  left: pct(d.bounds.x - minX, spanW),
                  top: pct(d.bounds.y - minY, spanH),
                  width: pct(d.bounds.width, spanW),
                  height: pct(d.bounds.height, spanH),
                }}
              >
                <span>{t('displays.name', { n: i + 1 })}</span>
              </div>
            ))}
            {plan.windows.map((w) => (
              <div
                key={w.key}
                className={`displays-window kind-${w.kind}`}
                data-testid={`planned-${w.kind}`}
                style={{
                  left: pct(w.bounds.x - minX, spanW),
                  top: pct(w.bounds.y - minY, spanH),
                  width: pct(w.bounds.width, spanW),
                  height: pct(w.bounds.height, spanH),
                }}
              >
                <b>{t(`displays.kind.${w.kind}`)}</b>
                {w.boardId && <span>{nameOf(w.boardId)}</span>}
              </div>
            ))}
          </div>
          {plan.problems.length > 0 && (
            <ul className="displays-problems" data-testid="displays-problems">
              {plan.problems.map((p, i) => (
                <li key={i}>{t(`displays.problem.${p.code}`)}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
