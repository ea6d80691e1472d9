import { useCallback, useEffect, useMemo, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardSummary } from '../../../shared/boards';
import {
  describeConnected,
  EMPTY_LAYOUT,
  planWindows,
  type ConnectedDisplayInfo,
  type DisplayLayout,
} from '../../../shared/displays';
import { bridge, call, toastError } from '../api';
import { pushToast } from '../toasts';
import { boardName } from './BoardPage';
import { DisplayCanvas } from './DisplayCanvas';
import {
  assignBoard,
  defineWall,
  gridOf,
  notConnected,
  rectSelection,
  removeWall,
  setConsole,
  setWallBoard,
} from './display-edits';
import './displays.css';

/**
 * The seat's display layout, edited on a drawing of the monitors actually
 * connected (the shell's `displays.connected`, redrawn live on
 * `displays.changed`): click a monitor to put a board or the console on it,
 * or click two opposite corners to make the monitors between them one wall.
 * The preview is the same pure planner the shell opens windows with. Saved
 * monitors that are not connected stay in the layout and are listed.
 */

type Tool = 'assign' | 'wall' | 'console';

/** Outside the desktop application (no shell): the displays the saved layout names. */
function displaysOf(layout: DisplayLayout): ConnectedDisplayInfo[] {
  const refs = [
    ...(layout.console ? [layout.console] : []),
    ...layout.assignments.map((a) => a.display),
    ...layout.walls.flatMap((w) => w.displays),
  ];
  const seen = new Map<string, ConnectedDisplayInfo>();
  for (const r of refs) {
    if (!seen.has(r.id)) {
      seen.set(r.id, {
        id: r.id,
        bounds: r.bounds,
        workArea: r.bounds,
        scaleFactor: 1,
        internal: false,
        primary: false,
        rotation: 0,
      });
    }
  }
  return [...seen.values()];
}

export function DisplaysScreen(): ReactElement {
  const { t, i18n } = useTranslation('boards');
  const [boards, setBoards] = useState<BoardSummary[]>([]);
  const [saved, setSaved] = useState<DisplayLayout | null>(null);
  const [layout, setLayout] = useState<DisplayLayout | null>(null);
  const [connected, setConnected] = useState<ConnectedDisplayInfo[] | null>(null);
  const [detected, setDetected] = useState(true);
  const [tool, setTool] = useState<Tool>('wall');
  const [brush, setBrush] = useState('');
  const [anchor, setAnchor] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const off = bridge()?.on('displays.changed', (c) => setConnected(c.displays));
    void (async () => {
      const [b, l, c] = await Promise.all([
        call('board.list', {}),
        call('displays.layout.get', {}),
        call('displays.connected', {}),
      ]);
      if (b.ok) {
        setBoards(b.value);
        setBrush((x) => x || (b.value[0]?.id ?? ''));
      } else toastError(b.error);
      const loaded = l.ok ? l.value : EMPTY_LAYOUT;
      if (!l.ok) toastError(l.error);
      setSaved(loaded);
      setLayout(loaded);
      if (c.ok) setConnected((now) => now ?? c.value.displays);
      else {
        setDetected(false);
        setConnected(displaysOf(loaded));
      }
    })();
    return off;
  }, []);

  const view = useMemo(
    () => (layout && connected ? describeConnected(connected, planWindows(connected, layout)) : null),
    [connected, layout],
  );
  const missing = useMemo(
    () => (layout && connected && detected ? notConnected(layout, connected) : []),
    [connected, layout, detected],
  );

  const nameOf = useCallback(
    (id: string | null): string => {
      const b = boards.find((x) => x.id === id);
      return b ? boardName(b, i18n.language) : (id ?? '');
    },
    [boards, i18n.language],
  );

  const pickTool = (next: Tool): void => {
    setTool(next);
    setAnchor(null);
  };

  const onMonitor = (d: ConnectedDisplayInfo): void => {
    if (!layout || !connected) return;
    if (tool === 'console') return setLayout(setConsole(layout, d));
    if (tool === 'assign') {
      const has = layout.assignments.some((a) => a.display.id === d.id && a.boardId === brush);
      // Clicking a monitor that already shows the chosen board clears it.
      return setLayout(assignBoard(layout, d, has || !brush ? null : brush));
    }
    if (anchor === null) return setAnchor(d.id);
    const first = connected.find((x) => x.id === anchor);
    setAnchor(null);
    if (!first || !brush) return;
    setLayout(defineWall(layout, rectSelection(connected, first, d), brush).layout);
  };

  const save = async (): Promise<void> => {
    if (!layout) return;
    setSaving(true);
    const r = await call('displays.layout.save', { layout });
    setSaving(false);
    if (!r.ok) return toastError(r.error);
    setSaved(r.value);
    setLayout(r.value);
    pushToast({ kind: 'success', text: t('displays.saved') });
  };

  if (!layout || !view) return <div className="displays-screen">{t('page.loading')}</div>;
  const dirty = JSON.stringify(layout) !== JSON.stringify(saved);
  const anchorName = anchor ? connected?.find((d) => d.id === anchor) : undefined;
  const hint =
    tool === 'wall'
      ? anchorName
        ? t('displays.hint.wallSecond', { name: anchorName.label || anchorName.id })
        : t('displays.hint.wallFirst')
      : t(`displays.hint.${tool}`);

  return (
    <div className="displays-screen" data-testid="displays-screen">
      <div className="displays-head">
        <h1>{t('displays.title')}</h1>
        <span className="displays-count" data-testid="displays-count">
          {t('displays.connectedCount', { count: view.displays.length })}
        </span>
        <a href="#/boards">{t('displays.back')}</a>
      </div>
      {!detected && <p className="displays-notice">{t('displays.notDetected')}</p>}
      <div className="displays-toolbar" role="toolbar">
        <div className="displays-tools" role="radiogroup" aria-label={t('displays.tool')}>
          {(['wall', 'assign', 'console'] as const).map((k) => (
            <button
              type="button"
              key={k}
              role="radio"
              aria-checked={tool === k}
              className={tool === k ? 'on' : ''}
              data-testid={`tool-${k}`}
              onClick={() => pickTool(k)}
            >
              {t(`displays.tools.${k}`)}
            </button>
          ))}
        </div>
        {tool !== 'console' && (
          <label>
            <span>{t('displays.board')}</span>
            <select value={brush} data-testid="brush-board" onChange={(e) => setBrush(e.target.value)}>
              {tool === 'assign' && <option value="">{t('displays.none')}</option>}
              {boards.map((b) => (
                <option key={b.id} value={b.id}>
                  {boardName(b, i18n.language)}
                </option>
              ))}
            </select>
          </label>
        )}
        <span className="displays-hint" data-testid="displays-hint">
          {hint}
        </span>
      </div>
      <div className="displays-body">
        <section className="displays-drawing" aria-label={t('displays.preview')}>
          <DisplayCanvas
            displays={view.displays}
            layout={layout}
            ghosts={missing.filter((m) => !m.matchedBy)}
            anchorId={anchor}
            boardName={nameOf}
            onClick={onMonitor}
          />
        </section>
        <aside className="displays-side">
          <h2>{t('displays.walls')}</h2>
          {layout.walls.length === 0 && <p className="displays-dim">{t('displays.noWalls')}</p>}
          <ul className="displays-walls">
            {layout.walls.map((w) => {
              const g = gridOf(w.displays);
              return (
                <li key={w.id} data-testid={`wall-item-${w.id}`}>
                  <span>{t('displays.wallName', { rows: g.rows, cols: g.cols })}</span>
                  <select
                    value={w.boardId}
                    aria-label={t('displays.wallBoard')}
                    data-testid={`wall-board-${w.id}`}
                    onChange={(e) => setLayout(setWallBoard(layout, w.id, e.target.value))}
                  >
                    {boards.map((b) => (
                      <option key={b.id} value={b.id}>
                        {boardName(b, i18n.language)}
                      </option>
                    ))}
                  </select>
                  <button
                    type="button"
                    data-testid={`wall-remove-${w.id}`}
                    onClick={() => setLayout(removeWall(layout, w.id))}
                  >
                    {t('displays.removeWall')}
                  </button>
                </li>
              );
            })}
          </ul>
          {view.problems.length > 0 && (
            <ul className="displays-problems" data-testid="displays-problems">
              {view.problems.map((p, i) => (
                <li key={i}>{t(`displays.problem.${p.code}`)}</li>
              ))}
            </ul>
          )}
          {missing.length > 0 && (
            <div className="displays-missing" data-testid="not-connected">
              <h2>{t('displays.notConnected')}</h2>
              <p className="displays-dim">{t('displays.fallback')}</p>
              <ul>
                {missing.map((m) => (
                  <li key={m.ref.id} data-testid={`missing-${m.ref.id}`}>
                    <b>
                      {m.ref.bounds.width}×{m.ref.bounds.height} @ {m.ref.bounds.x},{m.ref.bounds.y}
                    </b>{' '}
                    {m.role === 'console'
                      ? t('displays.kind.console')
                      : `${t(`displays.kind.${m.role}`)} · ${nameOf(m.boardId)}`}
                    {m.matchedBy && (
                      <small> — {t('displays.matchedBy', { name: m.matchedBy.label || m.matchedBy.id })}</small>
                    )}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <div className="displays-save-row">
            <button
              type="button"
              className="displays-save"
              disabled={saving || !dirty}
              onClick={() => void save()}
              data-testid="displays-save"
            >
              {t('displays.save')}
            </button>
            {dirty && <span className="displays-dirty">{t('displays.unsaved')}</span>}
          </div>
        </aside>
      </div>
    </div>
  );
}
