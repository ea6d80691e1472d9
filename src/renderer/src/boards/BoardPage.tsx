import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Board, BoardSummary, StoredBoard } from '../../../shared/boards';
import { call, toastError } from '../api';
import { useEntityChanges } from '../live';
import { navigate, useHashPath } from '../router';
import { BoardEditor } from './BoardEditor';
import { BoardView } from './BoardView';

/** `#/board/<id>` or `#/wall/<id>` → the id. */
export function boardIdFromPath(path: string): string | null {
  const m = /^\/(?:board|wall)\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  return m ? m[1] : null;
}

type Loaded = { state: 'loading' } | { state: 'missing'; message: string } | { state: 'ok'; stored: StoredBoard };

/** Load one board and follow it: another window saving it reloads it here. */
export function useBoard(id: string | null): Loaded {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const load = useCallback(async () => {
    if (!id) return setLoaded({ state: 'missing', message: '' });
    const r = await call('board.get', { id });
    setLoaded(r.ok ? { state: 'ok', stored: r.value } : { state: 'missing', message: r.error.message });
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  useEntityChanges('board', (c) => {
    if (id && (c.upserted.includes(id) || c.deleted.includes(id))) void load();
  });
  return loaded;
}

export function boardName(b: { name: Board['name'] }, lang: string): string {
  return lang.startsWith('zh') ? b.name.zh : b.name.en;
}

/** A board in a console window: pick, view, edit, rename, duplicate. */
export function BoardPage(): ReactElement {
  const { t, i18n } = useTranslation('boards');
  const path = useHashPath();
  const id = boardIdFromPath(path);
  const loaded = useBoard(id);
  const [list, setList] = useState<BoardSummary[]>([]);
  const [editing, setEditing] = useState(false);
  // The revision the edit started from: saving over a newer one is refused by the core.
  const [editRevision, setEditRevision] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  const loadList = useCallback(async () => {
    const r = await call('board.list', {});
    if (r.ok) setList(r.value);
  }, []);
  useEffect(() => {
    void loadList();
  }, [loadList]);
  useEntityChanges('board', () => void loadList());

  useEffect(() => {
    // `#/boards` (no id) opens the first board.
    if (!id && list.length > 0) navigate(`/board/${list[0].id}`);
  }, [id, list]);

  const save = async (board: Board): Promise<void> => {
    if (loaded.state !== 'ok') return;
    setSaving(true);
    const r = await call('board.save', { board, expectedRevision: editRevision ?? loaded.stored.revision });
    setSaving(false);
    if (!r.ok) return toastError(r.error);
    setEditing(false);
  };

  const duplicate = async (): Promise<void> => {
    if (!id) return;
    const r = await call('board.duplicate', { id });
    if (!r.ok) return toastError(r.error);
    navigate(`/board/${r.value.board.id}`);
  };

  return (
    <div className="board-page">
      <div className="board-bar">
        <label className="board-pick">
          <span>{t('page.board')}</span>
          <select
            value={id ?? ''}
            onChange={(e) => navigate(`/board/${e.target.value}`)}
            data-testid="board-picker"
            disabled={editing}
          >
            {list.map((b) => (
              <option key={b.id} value={b.id}>
                {boardName(b, i18n.language)}
              </option>
            ))}
          </select>
        </label>
        {!editing && loaded.state === 'ok' && (
          <>
            <button
              type="button"
              onClick={() => {
                setEditRevision(loaded.stored.revision);
                setEditing(true);
              }}
            >
              {t('page.edit')}
            </button>
            <button type="button" onClick={() => void duplicate()}>
              {t('page.duplicate')}
            </button>
            <a className="board-wall-link" href={`#/wall/${loaded.stored.board.id}`}>
              {t('page.openWall')}
            </a>
          </>
        )}
        {!editing && (
          <a className="board-wall-link" href="#/displays" data-testid="displays-link">
            {t('displays.link')}
          </a>
        )}
      </div>
      <div className="board-body">
        {loaded.state === 'loading' && <div className="board-message">{t('page.loading')}</div>}
        {loaded.state === 'missing' && (
          <div className="board-message" role="alert">
            {t('page.missing')} {loaded.message}
          </div>
        )}
        {loaded.state === 'ok' &&
          (editing ? (
            <BoardEditor
              board={loaded.stored.board}
              saving={saving}
              onSave={(b) => void save(b)}
              onCancel={() => setEditing(false)}
            />
          ) : (
            <BoardView board={loaded.stored.board} wall={false} />
          ))}
      </div>
    </div>
  );
}

/**
 * `#/wall/<id>`: the board alone, full window, large type, no chrome, no
 * cursor, nothing to click. What a wall window (kiosk) loads.
 */
export function WallPage(): ReactElement {
  const { t } = useTranslation('boards');
  const id = boardIdFromPath(useHashPath());
  const loaded = useBoard(id);
  useEffect(() => {
    document.documentElement.classList.add('wall-mode');
    return () => document.documentElement.classList.remove('wall-mode');
  }, []);
  if (loaded.state === 'ok') return <BoardView board={loaded.stored.board} wall />;
  return (
    <div className="wall-message" role="alert" data-testid="wall-message">
      {loaded.state === 'loading' ? t('page.loading') : `${t('page.missing')} ${loaded.message}`}
    </div>
  );
}
