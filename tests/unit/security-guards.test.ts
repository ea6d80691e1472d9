import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from '../../src/main/security/app-protocol';
import { appResponseHeaders, CONTENT_SECURITY_POLICY } from '../../src/main/security/csp';
import { allowedOrigins, APP_ORIGIN, isAllowedNavigation, safeExternalUrl } from '../../src/main/security/urls';
import { tempDir } from '../helpers/tmp';

const dev = allowedOrigins({ packaged: false, rendererUrl: 'http://localhost:5173' });
const prod = allowedOrigins({ packaged: true, rendererUrl: 'http://localhost:5173' });

describe('allowed origins', () => {
  it('always the app scheme; the dev server only when not packaged', () => {
    expect(prod).toEqual([APP_ORIGIN]);
    expect(dev).toEqual([APP_ORIGIN, { protocol: 'http:', host: 'localhost:5173' }]);
    expect(allowedOrigins({ packaged: false, rendererUrl: 'file:///etc' })).toEqual([APP_ORIGIN]);
    expect(allowedOrigins({ packaged: false, rendererUrl: 'not a url' })).toEqual([APP_ORIGIN]);
    expect(allowedOrigins({ packaged: false })).toEqual([APP_ORIGIN]);
  });
});

describe('isAllowedNavigation', () => {
  const cases: [string, readonly { protocol: string; host: string }[], boolean][] = [
    ['app://watchfloor/index.html', prod, true],
    ['app://watchfloor/index.html#/boards/wall-1', prod, true],
    ['app://evil/index.html', prod, false],
    ['app://watchfloor.evil.com/', prod, false],
    ['https://example.com/', prod, false],
    ['http://localhost:5173/', prod, false],
    ['http://localhost:5173/', dev, true],
    ['http://localhost:5174/', dev, false],
    ['http://127.0.0.1:5173/', dev, false],
    ['file:///etc/passwd', dev, false],
    ['javascript:alert(1)', dev, false],
    ['data:text/html,<script>1</script>', dev, false],
    ['about:blank', prod, false],
    ['', prod, false],
    ['not a url', prod, false],
  ];
  it.each(cases)('%s (%#) → %s', (url, allowed, expected) => {
    expect(isAllowedNavigation(url, allowed)).toBe(expected);
  });
});

describe('safeExternalUrl', () => {
  const cases: [unknown, string | null][] = [
    ['https://www.shanghai.gov.cn/', 'https://www.shanghai.gov.cn/'],
    ['http://example.com/a?b=c#d', 'http://example.com/a?b=c#d'],
    ['HTTPS://EXAMPLE.COM', 'https://example.com/'],
    ['https://user:pass@example.com/', null],
    ['https://user@example.com/', null],
    ['file:///etc/passwd', null],
    ['javascript:alert(1)', null],
    ['data:text/html,hi', null],
    ['ms-msdt:/id PCWDiagnostic', null],
    ['smb://host/share', null],
    ['app://watchfloor/index.html', null],
    ['//example.com', null],
    ['https://', null],
    ['not a url', null],
    ['', null],
    [42, null],
    [undefined, null],
    [`https://example.com/${'a'.repeat(3000)}`, null],
  ];
  it.each(cases)('%s → %s', (raw, expected) => {
    expect(safeExternalUrl(raw)).toBe(expected);
  });
});

describe('resolveAppFile', () => {
  const t = tempDir('wf-renderer-');
  afterAll(() => t.cleanup());
  const root = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'export {}');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'outside the root');

  const inside = (...p: string[]): string => path.join(root, ...p);
  const cases: [string, string | null][] = [
    ['app://watchfloor/', inside('index.html')],
    ['app://watchfloor/index.html', inside('index.html')],
    ['app://watchfloor/index.html?x=1#/board', inside('index.html')],
    ['app://watchfloor/assets/index-abc.js', inside('assets', 'index-abc.js')],
    ['app://watchfloor/assets/%69ndex-abc.js', inside('assets', 'index-abc.js')],
    ['app://watchfloor/fonts/Noto%20Sans.ttf', inside('fonts', 'Noto Sans.ttf')],
    // Traversal, every spelling: literal and %2e dot segments are folded by the
    // URL parser and must still land inside; encoded separators are refused.
    ['app://watchfloor/../secret.txt', inside('secret.txt')],
    ['app://watchfloor/%2e%2e/secret.txt', inside('secret.txt')],
    ['app://watchfloor/..%2fsecret.txt', null],
    ['app://watchfloor/..%2Fsecret.txt', null],
    ['app://watchfloor/assets%2f..%2f..%2fsecret.txt', null],
    ['app://watchfloor/..%5csecret.txt', null],
    ['app://watchfloor/%252e%252e/secret.txt', inside('%2e%2e', 'secret.txt')],
    ['app://watchfloor/..\\secret.txt', null],
    ['app://watchfloor//etc/passwd', null],
    ['app://watchfloor/%2fetc%2fpasswd', null],
    ['app://watchfloor/C:%5cWindows%5cwin.ini', null],
    ['app://watchfloor/c:/windows/win.ini', null],
    ['app://watchfloor/index.html%00.png', null],
    ['app://watchfloor/%E0%A4%A', null],
    ['app://watchfloor/assets/', null],
    // Other hosts and schemes.
    ['app://evil/index.html', null],
    ['app://watchfloor.evil/index.html', null],
    ['file:///etc/passwd', null],
    ['https://watchfloor/index.html', null],
    ['not a url', null],
  ];
  it.each(cases)('%s → %s', (url, expected) => {
    const got = resolveAppFile(root, url);
    expect(got).toBe(expected);
    if (got) expect(path.relative(root, got).startsWith('..')).toBe(false);
  });

  it('never resolves to the file beside the root, whatever the spelling', () => {
    const secret = path.join(t.dir, 'secret.txt');
    for (const [url] of cases) expect(resolveAppFile(root, url)).not.toBe(secret);
  });
});

describe('content types and CSP header', () => {
  it('serves known types and falls back to octet-stream', () => {
    expect(contentTypeFor('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.exe')).toBe('application/octet-stream');
  });

  it('the CSP forbids eval, plugins, framing and remote origins', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
    const h = appResponseHeaders('text/html; charset=utf-8');
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});
