import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { appResponseHeaders } from './csp';
import { contentTypeFor, resolveAppFile } from './app-protocol';
import { APP_SCHEME } from './urls';

/**
 * Must run before `app.ready`. `standard` gives app:// a host and relative URL
 * resolution, `secure` makes it a secure context like https. It is not given
 * `bypassCSP`, nor file or CORS privileges.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serve out/renderer over app://watchfloor/ with the CSP as a header. Call after `app.ready`. */
export function serveRenderer(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(rendererRoot, request.url);
    if (!file) return new Response(null, { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: appResponseHeaders(contentTypeFor(file)),
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}
