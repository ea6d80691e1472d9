import { useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedSourceView } from '../../../shared/contracts/feeds';
import { callOrToast } from '../api';
import { useLiveQuery } from '../panels/useLiveQuery';

interface Draft {
  name: string;
  url: string;
  token: string;
  enabled: boolean;
}

const EMPTY: Draft = { name: '', url: '', token: '', enabled: true };

/**
 * Feed source settings: add, edit, disable. The token field is write-only:
 * the core never sends a token back, only where it lives (encrypted, memory
 * only, none); an empty token field keeps the one already saved.
 */
export function FeedSourcesPanel(): ReactElement {
  const { t } = useTranslation('feeds');
  const sources = (useLiveQuery('feeds.list', {}, ['feed_source']).data ?? []).filter(
    (s) => !s.id.startsWith('session:'),
  );
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<FeedSourceView | null>(null);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const view = await callOrToast('feeds.upsert', {
      name: draft.name.trim(),
      url: draft.url.trim(),
      enabled: draft.enabled,
      ...(draft.token ? { token: draft.token } : {}),
    });
    if (!view) return;
    setSaved(view);
    setDraft(EMPTY);
    setEditing(null);
  };

  const toggle = (s: FeedSourceView): void => {
    void callOrToast('feeds.upsert', { name: s.name, url: s.url, enabled: !s.enabled });
  };

  const memoryOnly = sources.some((s) => s.token === 'memory') || saved?.token === 'memory';
  return (
    <section className="panel feeds-sources" aria-labelledby="sources-title">
      <div className="panel-head">
        <h2 id="sources-title">{t('sources.title')}</h2>
      </div>
      {memoryOnly ? (
        <p className="feed-alert" role="status" data-testid="token-memory-notice">
          {t('sources.memoryOnly')}
        </p>
      ) : null}
      <table className="feeds-table" data-testid="feed-sources">
        <thead>
          <tr>
            <th>{t('health.source')}</th>
            <th>{t('sources.url')}</th>
            <th>{t('sources.enabled')}</th>
            <th>{t('sources.token')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id} data-testid={`source-${s.name}`}>
              <td className="feed-name">{s.name}</td>
              <td className="feed-url">{s.url}</td>
              <td>{s.enabled ? t('sources.on') : t('sources.off')}</td>
              <td>{t(`sources.tokenState.${s.token}`)}</td>
              <td>
                <button
                  type="button"
                  className="btn small"
                  onClick={() => {
                    setEditing(s.name);
                    setDraft({ name: s.name, url: s.url, token: '', enabled: s.enabled });
                  }}
                >
                  {t('sources.edit')}
                </button>{' '}
                <button type="button" className="btn small" onClick={() => toggle(s)}>
                  {s.enabled ? t('sources.disable') : t('sources.enable')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {sources.length === 0 ? <p className="feeds-empty">{t('health.none')}</p> : null}
      <form className="feeds-source-form" onSubmit={(e) => void save(e)} aria-label={t('sources.form')}>
        <label>
          {t('sources.name')}
          <input
            value={draft.name}
            readOnly={editing !== null}
            required
            maxLength={64}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </label>
        <label>
          {t('sources.url')}
          <input
            value={draft.url}
            required
            placeholder="https://…"
            onChange={(e) => setDraft({ ...draft, url: e.target.value })}
          />
        </label>
        <label>
          {t('sources.token')}
          <input
            type="password"
            autoComplete="off"
            value={draft.token}
            placeholder={editing ? t('sources.tokenKeep') : ''}
            onChange={(e) => setDraft({ ...draft, token: e.target.value })}
          />
        </label>
        <label className="feeds-check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          {t('sources.enabled')}
        </label>
        <button type="submit" className="btn primary">
          {editing ? t('sources.save') : t('sources.add')}
        </button>
        {editing ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setEditing(null);
              setDraft(EMPTY);
            }}
          >
            {t('sources.cancel')}
          </button>
        ) : null}
      </form>
    </section>
  );
}
