import { useEffect, useRef, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseHit } from '../../../shared/contracts/console';
import { CATEGORY_CODES, DISTRICT_CODES, type Category, type District } from '../../../shared/domain';
import { callOrToast } from '../api';
import { LevelBadge } from '../components/LevelBadge';
import { beijingShort } from '../time';
import '../ops/ops.css';

const DAY = 86_400_000;
/** yyyy-mm-dd (Beijing) → epoch ms of that day's start. */
function dayStart(v: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  return Date.parse(`${v}T00:00:00+08:00`);
}

/** The case library: full-text search (Chinese and English) with category, district and date filters. */
export function CasesScreen(): ReactElement {
  const { t } = useTranslation(['ops', 'domain']);
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<Category | ''>('');
  const [district, setDistrict] = useState<District | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [hits, setHits] = useState<CaseHit[] | null>(null);
  const input = useRef<HTMLInputElement | null>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const handle = setTimeout(() => {
      const f = dayStart(from);
      const e = dayStart(to);
      void callOrToast('case.search', {
        q,
        category: category || undefined,
        district: district || undefined,
        from: f,
        to: e === undefined ? undefined : e + DAY,
        limit: 50,
      }).then((r) => r && setHits(r));
    }, 200);
    return () => clearTimeout(handle);
  }, [q, category, district, from, to]);

  return (
    <div className="cases-screen ops-screen">
      <section className="panel" aria-labelledby="cases-h" data-testid="case-search">
        <div className="panel-head">
          <h2 id="cases-h">{t('cases.title')}</h2>
          <span className="panel-meta" data-testid="case-count">
            {hits ? t('cases.results', { count: hits.length }) : ''}
          </span>
        </div>
        <div className="queue-toolbar cases-toolbar" role="search">
          <label className="filter grow">
            <span className="label">{t('cases.search')}</span>
            <input
              ref={input}
              type="search"
              value={q}
              placeholder={t('cases.placeholder')}
              onChange={(e) => setQ(e.target.value)}
            />
          </label>
          <label className="filter">
            <span className="label">{t('filters.category')}</span>
            <select value={category} onChange={(e) => setCategory(e.target.value as Category | '')}>
              <option value="">{t('filters.any')}</option>
              {CATEGORY_CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`domain:category.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            <span className="label">{t('filters.district')}</span>
            <select value={district} onChange={(e) => setDistrict(e.target.value as District | '')}>
              <option value="">{t('filters.any')}</option>
              {DISTRICT_CODES.map((c) => (
                <option key={c} value={c}>
                  {t(`domain:district.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="filter">
            <span className="label">{t('cases.from')}</span>
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="filter">
            <span className="label">{t('cases.to')}</span>
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <div className="case-results">
          {hits?.length === 0 && <p className="muted">{t('cases.none')}</p>}
          <ol className="case-list">
            {hits?.map((c) => (
              <li key={c.incidentId} className="case" data-testid="case-hit">
                <div className="case-head">
                  <LevelBadge level={c.level} />
                  <strong className="case-title">{c.title}</strong>
                  <span className="muted mono">{c.ref}</span>
                  <span className="chip">{t(`domain:category.${c.category}`)}</span>
                  {c.district && <span className="chip">{t(`domain:district.${c.district}`)}</span>}
                  <span className="muted">
                    {t('cases.closedAt')} {beijingShort(c.closedAt)}
                  </span>
                </div>
                <p>
                  <span className="label">{t('cases.outcome')}</span>
                  {c.outcome}
                </p>
                {c.lessons && (
                  <p>
                    <span className="label">{t('cases.lessons')}</span>
                    {c.lessons}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </div>
      </section>
    </div>
  );
}
