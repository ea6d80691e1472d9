import { useEffect, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { Toasts } from './components/Toasts';
import { ExerciseBanner } from './exercise/ExerciseBanner';
import { ContactSearch } from './rosters/ContactSearch';
import { TopBar } from './components/TopBar';
import { live } from './live';
import { navigate, useHashPath } from './router';
import { DEFAULT_PATH, patternRoutes, routes } from './routes';

function NotFound({ path }: { path: string }): ReactElement {
  const { t } = useTranslation();
  return (
    <div className="not-found">
      <p>{t('app.notFound', { path })}</p>
      <a href={`#${DEFAULT_PATH}`}>{t('app.backHome')}</a>
    </div>
  );
}

export function App(): ReactElement {
  const path = useHashPath();
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, []);
  useEffect(() => {
    if (path === '/') navigate(DEFAULT_PATH);
  }, [path]);
  const route = routes.find((r) => r.path === path);
  const pattern = route ? undefined : patternRoutes.find((r) => r.match(path));
  if (pattern && !pattern.chrome) {
    return (
      <div className="app chromeless">
        {/* A wall in exercise mode must say so as plainly as any console window. */}
        <ExerciseBanner />
        <main className="screen">{pattern.element}</main>
      </div>
    );
  }
  return (
    <div className="app">
      <TopBar />
      <ExerciseBanner />
      <main className="screen" key={path}>
        {route ? route.element : pattern ? pattern.element : path === '/' ? null : <NotFound path={path} />}
      </main>
      <ContactSearch />
      <Toasts />
    </div>
  );
}
