import { app, session, shell, type Session } from 'electron';
import type { AllowedOrigin } from '../ipc/router';
import { guardContents } from './guards';

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

/** Install the baseline for the default session and every web contents created later. */
export function installSecurityBaseline(allowed: readonly AllowedOrigin[]): void {
  denyAllPermissions(session.defaultSession);
  app.on('web-contents-created', (_event, contents) =>
    guardContents(contents, allowed, (url) => void shell.openExternal(url)),
  );
}
