import { isAllowedUrl, type AllowedOrigin } from '../ipc/router';

export const APP_SCHEME = 'app';
export const APP_HOST = 'watchfloor';
export const APP_ORIGIN: AllowedOrigin = { protocol: `${APP_SCHEME}:`, host: APP_HOST };
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The origins our windows load from: the app scheme always, and the dev
 * server only in an unpackaged build (a packaged app must never trust a URL
 * taken from its environment).
 */
export function allowedOrigins(opts: { packaged: boolean; rendererUrl?: string }): AllowedOrigin[] {
  const origins: AllowedOrigin[] = [APP_ORIGIN];
  if (!opts.packaged && opts.rendererUrl) {
    try {
      const u = new URL(opts.rendererUrl);
      if (u.protocol === 'http:' || u.protocol === 'https:') origins.push({ protocol: u.protocol, host: u.host });
    } catch {
      // A malformed dev URL adds nothing; the app then loads app:// only.
    }
  }
  return origins;
}

/**
 * A window may navigate only within our own origins (a reload, the dev
 * server's HMR). Everything else — links, form posts, drag-and-drop of a
 * file, redirects — is refused.
 */
export function isAllowedNavigation(url: string, allowed: readonly AllowedOrigin[]): boolean {
  return isAllowedUrl(url, allowed);
}

/**
 * The only URLs handed to the operating system's browser: http(s) that parse,
 * have a host and carry no credentials. Returns the normalised URL, or null.
 * file:, javascript:, custom protocol handlers (ms-msdt:, smb:, …) never
 * reach `shell.openExternal`.
 */
export function safeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return null;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (!u.hostname || u.username || u.password) return null;
  return u.href;
}
