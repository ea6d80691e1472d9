import { useSyncExternalStore, type AnchorHTMLAttributes, type ReactElement } from 'react';

/**
 * A tiny hash router: `#/console`, `#/board`. Hash routing works from a
 * file:// or custom-scheme page with no server-side fallback, which is what
 * an Electron window loads.
 */
function subscribe(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  const path = h.split('?')[0];
  return path.startsWith('/') ? path : `/${path}`;
}

export function useHashPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function navigate(path: string): void {
  window.location.hash = `#${path}`;
}

export function Link({
  to,
  children,
  ...rest
}: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>): ReactElement {
  const active = useHashPath() === to;
  return (
    <a href={`#${to}`} aria-current={active ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
