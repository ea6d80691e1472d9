import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc';
import { callOrToast } from '../api';
import { useNow } from '../hooks';
import { currentLanguage, LANGUAGES, setLanguage } from '../i18n';
import { Link } from '../router';
import { routes } from '../routes';
import { beijingDateTime } from '../time';
import { AboutDialog } from './AboutDialog';
import { SessionControl } from './SessionControl';

function Clock(): ReactElement {
  const { t } = useTranslation();
  const now = useNow(1000);
  return (
    <div className="clock" aria-label={t('topbar.beijingTime')}>
      <span className="clock-label">{t('topbar.beijingTime')}</span>
      <time className="clock-time" data-testid="clock">
        {beijingDateTime(now)}
      </time>
    </div>
  );
}

export function TopBar(): ReactElement {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [about, setAbout] = useState(false);
  const closeAbout = useCallback(() => setAbout(false), []);
  useEffect(() => {
    void callOrToast('app.info', {}).then(setInfo);
  }, []);
  const lang = currentLanguage();
  return (
    <header className={info?.mode === 'exercise' ? 'topbar exercise' : 'topbar'}>
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-sub">{t('app.subtitle')}</span>
      </div>
      <nav className="nav" aria-label={t('nav.label')}>
        {routes
          .filter((r) => r.nav !== false)
          .map((r) => (
            <Link key={r.path} to={r.path} className="nav-link">
              {t(r.labelKey)}
            </Link>
          ))}
      </nav>
      <div className="topbar-right">
        {info ? (
          <>
            <span className={`mode mode-${info.mode}`} data-testid="mode">
              {t(`topbar.mode.${info.mode}`)}
            </span>
            <span className="seat" data-testid="seat">
              {t('topbar.seat', { seat: info.seat })}
            </span>
            <SessionControl />
          </>
        ) : (
          <span className="seat">{t('topbar.connecting')}</span>
        )}
        <Clock />
        <div className="lang-switch" role="group" aria-label={t('topbar.language')} data-lang={i18n.language}>
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              lang={l}
              aria-pressed={l === lang}
              className={l === lang ? 'lang active' : 'lang'}
              onClick={() => setLanguage(l)}
            >
              {t(`lang.${l}`)}
            </button>
          ))}
        </div>
        <button type="button" className="about-button" data-testid="about-open" onClick={() => setAbout(true)}>
          {t('about.button')}
        </button>
      </div>
      {about && <AboutDialog info={info} onClose={closeAbout} />}
    </header>
  );
}
