import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './urls';

/**
 * Map an app://watchfloor/… request to a file under `root` (out/renderer), or
 * null when the request must be refused. Each path segment is decoded on its
 * own, so an encoded slash or backslash cannot smuggle a separator in, and any
 * `.`/`..`, drive letter, NUL or empty segment is refused rather than
 * normalised. The final path is checked to lie inside `root` as well.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(requestUrl);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  // Work on the raw path: WHATWG parsing already folds literal and %2e dot
  // segments, but anything still encoded is decoded per segment below.
  const raw = u.pathname;
  if (!raw.startsWith('/') || raw.includes('\\')) return null;
  const rawSegments = raw.slice(1).split('/');
  if (rawSegments.length === 1 && rawSegments[0] === '') return resolve(root, 'index.html');
  const segments: string[] = [];
  for (const seg of rawSegments) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(seg);
    } catch {
      return null;
    }
    if (
      decoded === '' ||
      decoded === '.' ||
      decoded === '..' ||
      decoded.includes('/') ||
      decoded.includes('\\') ||
      decoded.includes('\0') ||
      decoded.includes(':')
    ) {
      return null;
    }
    segments.push(decoded);
  }
  const base = resolve(root);
  const file = resolve(base, ...segments);
  const rel = relative(base, file);
  if (rel === '' || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}
