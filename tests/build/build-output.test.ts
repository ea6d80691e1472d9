import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const out = path.join(root, 'out');
const built = fs.existsSync(path.join(out, 'main')) && fs.existsSync(path.join(out, 'preload'));
const reason = 'out/ is missing: run `npm run build` (electron-vite build) before this test';

// In CI a missing build is a failure, not a skip: the pipeline builds first.
if (!built && process.env.CI) {
  describe('build output', () => {
    it('exists', () => {
      throw new Error(reason);
    });
  });
}

describe.skipIf(!built)(`build output${built ? '' : ` (skipped: ${reason})`}`, () => {
  const preloadDir = path.join(out, 'preload');
  const preloadFile = path.join(preloadDir, 'index.cjs');

  it('out/preload/index.cjs is the only preload file', () => {
    expect(fs.readdirSync(preloadDir)).toEqual(['index.cjs']);
  });

  it('the preload is one CommonJS file that requires nothing but electron', () => {
    const src = fs.readFileSync(preloadFile, 'utf8');
    const required = [...src.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(src).not.toMatch(/^\s*(import|export)\s/m);
    expect(src).not.toMatch(/\bimport\(/);
    // zod must not be bundled into the sandboxed preload.
    expect(src).not.toMatch(/ZodError|\$Zod|ZodObject|safeParse\(/);
    expect(src.length).toBeLessThan(20_000);
  });

  it('running the preload in a bare context exposes window.api with invoke and on only', async () => {
    const src = fs.readFileSync(preloadFile, 'utf8');
    const requests: string[] = [];
    const exposed = new Map<string, unknown>();
    const sent: string[] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
      ipcRenderer: {
        invoke: (channel: string) => {
          sent.push(channel);
          return Promise.resolve({ ok: true, value: null });
        },
        on: () => undefined,
        removeListener: () => undefined,
      },
    };
    const module = { exports: {} };
    // The CommonJS wrapper, in a context with no Node globals (like the sandbox).
    const wrapper = vm.runInNewContext(`(function (exports, require, module) {${src}\n})`, {
      Promise,
      Object,
      Array,
    }) as (e: unknown, r: (id: string) => unknown, m: unknown) => void;
    wrapper(
      module.exports,
      (id) => {
        requests.push(id);
        if (id !== 'electron') throw new Error(`preload required ${id}`);
        return fakeElectron;
      },
      module,
    );
    expect(requests).toEqual(['electron']);
    expect([...exposed.keys()]).toEqual(['api']);
    const api = exposed.get('api') as { invoke: (c: string, r: unknown) => Promise<{ ok: boolean }> };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    const refused = await api.invoke('shell.openExternal', {});
    expect(refused.ok).toBe(false);
    await api.invoke('app.info', {});
    expect(sent).toEqual(['wf:app.info']);
  });

  it('the renderer carries a CSP meta without unsafe-eval', () => {
    const html = fs.readFileSync(path.join(out, 'renderer', 'index.html'), 'utf8');
    const meta = /<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*content=(["'])(.*?)\1/is.exec(html);
    expect(meta, 'CSP meta tag').not.toBeNull();
    expect(meta?.[2]).toContain("script-src 'self'");
    expect(meta?.[2]).not.toContain('unsafe-eval');
  });

  it('the main bundle and the core worker are beside each other', () => {
    expect(fs.existsSync(path.join(out, 'main', 'index.js'))).toBe(true);
    expect(fs.existsSync(path.join(out, 'main', 'core-worker.js'))).toBe(true);
    const main = fs.readFileSync(path.join(out, 'main', 'index.js'), 'utf8');
    expect(main).toContain('core-worker.js');
    expect(main).toContain('../preload/index.cjs');
  });
});
