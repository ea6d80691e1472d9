import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueFilters, SavedView } from '../../../shared/contracts/console';
import {
  CATEGORY_CODES,
  DISTRICT_CODES,
  INCIDENT_CLASSES,
  INCIDENT_STATUSES,
  LEVELS,
  REPORT_CHANNELS,
  type Level,
} from '../../../shared/domain';
import { callOrToast } from '../api';
import { LevelBadge } from '../components/LevelBadge';
import { pushToast } from '../toasts';

type ListKey = 'status' | 'incidentClass' | 'category' | 'district' | 'channel';

/** Filter bar over the queue: one-value pickers, level toggles, two switches, and saved views per seat. */
export function QueueToolbar({
  filters,
  onChange,
}: {
  filters: QueueFilters;
  onChange: (f: QueueFilters) => void;
}): ReactElement {
  const { t } = useTranslation(['ops', 'domain']);
  const [views, setViews] = useState<SavedView[]>([]);
  const [naming, setNaming] = useState<string | null>(null);
  const [viewId, setViewId] = useState('');

  const loadViews = useCallback(() => void callOrToast('queue.views.list', {}).then((v) => v && setViews(v)), []);
  useEffect(loadViews, [loadViews]);

  const set = (key: ListKey, value: string): void => {
    const next: QueueFilters = { ...filters };
    if (value === '') delete next[key];
    else (next as Record<ListKey, string[]>)[key] = [value];
    setViewId('');
    onChange(next);
  };
  const toggleLevel = (l: Level): void => {
    const cur = new Set(filters.level ?? []);
    if (cur.has(l)) cur.delete(l);
    else cur.add(l);
    const next = { ...filters, level: [...cur].sort() };
    if (next.level.length === 0) delete (next as QueueFilters).level;
    setViewId('');
    onChange(next);
  };
  const flag = (key: 'assignedToMe' | 'unacknowledgedOnly'): void => {
    const next = { ...filters };
    if (next[key]) delete next[key];
    else next[key] = true;
    setViewId('');
    onChange(next);
  };
  const picker = (key: ListKey, label: string, codes: readonly string[], ns: string): ReactElement => (
    <label className="filter">
      <span className="label">{label}</span>
      <select value={filters[key]?.[0] ?? ''} onChange={(e) => set(key, e.target.value)} data-filter={key}>
        <option value="">{t('filters.any')}</option>
        {codes.map((c) => (
          <option key={c} value={c}>
            {t(`domain:${ns}.${c}`)}
          </option>
        ))}
      </select>
    </label>
  );

  const saveView = async (): Promise<void> => {
    const name = naming?.trim();
    if (!name) return;
    const v = await callOrToast('queue.views.save', { name, filters });
    if (!v) return;
    setNaming(null);
    setViewId(v.id);
    pushToast({ kind: 'success', text: t('filters.saved', { name }) });
    loadViews();
  };

  return (
    <div className="queue-toolbar" role="search" aria-label={t('filters.label')} data-testid="queue-toolbar">
      {picker('status', t('filters.status'), INCIDENT_STATUSES, 'status')}
      <div className="filter" role="group" aria-label={t('filters.level')}>
        <span className="label">{t('filters.level')}</span>
        <div className="level-toggles">
          {LEVELS.map((l) => (
            <button
              key={l}
              type="button"
              className="level-toggle"
              aria-pressed={filters.level?.includes(l) ?? false}
              onClick={() => toggleLevel(l)}
            >
              <LevelBadge level={l} />
            </button>
          ))}
        </div>
      </div>
      {picker('incidentClass', t('filters.class'), INCIDENT_CLASSES, 'class')}
      {picker('category', t('filters.category'), CATEGORY_CODES, 'category')}
      {picker('district', t('filters.district'), DISTRICT_CODES, 'district')}
      {picker('channel', t('filters.channel'), REPORT_CHANNELS, 'channel')}
      <div className="filter switches">
        <label>
          <input type="checkbox" checked={filters.assignedToMe ?? false} onChange={() => flag('assignedToMe')} />
          {t('filters.assignedToMe')}
        </label>
        <label>
          <input
            type="checkbox"
            checked={filters.unacknowledgedOnly ?? false}
            onChange={() => flag('unacknowledgedOnly')}
          />
          {t('filters.unacked')}
        </label>
      </div>
      <div className="filter views">
        <span className="label">{t('filters.views')}</span>
        <div className="views-row">
          <select
            aria-label={t('filters.views')}
            value={viewId}
            onChange={(e) => {
              const v = views.find((x) => x.id === e.target.value);
              setViewId(e.target.value);
              if (v) onChange(v.filters);
            }}
          >
            <option value="">{t('filters.noView')}</option>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </select>
          {naming === null ? (
            <button type="button" className="btn small" onClick={() => setNaming('')}>
              {t('filters.saveView')}
            </button>
          ) : (
            <form
              className="inline-form"
              onSubmit={(e) => {
                e.preventDefault();
                void saveView();
              }}
            >
              <input
                autoFocus
                aria-label={t('filters.viewName')}
                placeholder={t('filters.viewName')}
                value={naming}
                maxLength={60}
                onChange={(e) => setNaming(e.target.value)}
              />
              <button type="submit" className="btn small primary">
                {t('filters.saveView')}
              </button>
            </form>
          )}
          <button
            type="button"
            className="btn small"
            onClick={() => {
              setViewId('');
              onChange({});
            }}
          >
            {t('filters.clear')}
          </button>
        </div>
      </div>
    </div>
  );
}
