import type { AllowedOrigin } from '../ipc/router';
import { isAllowedNavigation, safeExternalUrl } from './urls';

interface Preventable {
  preventDefault(): void;
}
type NavigationListener = (event: Preventable & { url: string }) => void;

/** What the guards need of a WebContents; a fake stands in for it in tests. */
export interface GuardableContents {
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: Preventable) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Navigation, redirects and frame navigation stay within our origins;
 * `<webview>` never attaches; no window is ever opened by page code, and a
 * plain http(s) link goes to the system browser only after it parsed as one.
 */
export function guardContents(
  contents: GuardableContents,
  allowed: readonly AllowedOrigin[],
  openExternal: (url: string) => unknown,
): void {
  const refuseForeign: NavigationListener = (event) => {
    if (!isAllowedNavigation(event.url, allowed)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-frame-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const external = safeExternalUrl(url);
    if (external) openExternal(external);
    return { action: 'deny' };
  });
}
