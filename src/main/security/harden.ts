import { app, session, shell, type Session, type WebContents } from 'electron';
import type { AllowedOrigin } from '../ipc/router';
import { isAllowedNavigation, safeExternalUrl } from './urls';

/**
 * Deny every permission (camera, microphone, geolocation, notifications,
 * HID/serial/USB, …): the command centre needs none, and a deny-by-default
 * handler means a new permission type upstream is refused too.
 */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function guardContents(contents: WebContents, allowed: readonly AllowedOrigin[]): void {
  const refuseForeign = (event: { url: string; preventDefault(): void }): void => {
    if (!isAllowedNavigation(event.url, allowed)) event.preventDefault();
  };
  contents.on('will-navigate', refuseForeign);
  contents.on('will-frame-navigate', refuseForeign);
  contents.on('will-redirect', refuseForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // No window is ever opened by page code. A plain http(s) link goes to the
    // system browser, and only after it parsed as one.
    const external = safeExternalUrl(url);
    if (external) void shell.openExternal(external);
    return { action: 'deny' };
  });
}

/** Install the baseline for the default session and every web contents created later. */
export function installSecurityBaseline(allowed: readonly AllowedOrigin[]): void {
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) => guardContents(contents, allowed));
}
