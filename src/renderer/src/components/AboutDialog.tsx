import { useEffect, useRef, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc';
import './about.css';

/**
 * What this build is and whose data it shows: the version, the code licence
 * and the district map's attribution (resources/maps/ATTRIBUTION.md), which
 * must travel with every screen that draws the map.
 */
export function AboutDialog({ info, onClose }: { info: AppInfo | null; onClose: () => void }): ReactElement {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="about-overlay" role="presentation" onClick={onClose}>
      <div
        className="about-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="about-title"
        data-testid="about-dialog"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="about-title">{t('about.title', { name: t('app.name') })}</h2>
        <p className="about-sub">{t('app.subtitle')}</p>
        <dl>
          <dt>{t('about.version')}</dt>
          <dd data-testid="about-version">{info?.version ?? '—'}</dd>
          <dt>{t('about.store')}</dt>
          <dd>{info ? t('about.schema', { version: info.schemaVersion }) : '—'}</dd>
        </dl>
        <h3>{t('about.mapHeading')}</h3>
        <ul className="about-notes" data-testid="about-attribution">
          <li>{t('about.mapSource')}</li>
          <li>{t('about.mapCode')}</li>
          <li>{t('about.mapTerms')}</li>
          <li>{t('about.mapApproval')}</li>
        </ul>
        <div className="about-actions">
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            {t('about.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
