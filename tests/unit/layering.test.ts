import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

const importsOf = (file: string): string[] =>
  [...fs.readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map(
    (m) => m[1],
  );

describe('layering', () => {
  it('the core, shared and renderer never import electron', () => {
    for (const dir of ['src/main/core', 'src/shared', 'src/renderer']) {
      for (const f of sourceFiles(path.join(root, dir))) {
        expect(
          importsOf(f).filter((i) => i === 'electron' || i.startsWith('electron/')),
          f,
        ).toEqual([]);
      }
    }
  });

  it('the renderer imports no Node built-ins or Node-only libraries', () => {
    for (const f of sourceFiles(path.join(root, 'src/renderer'))) {
      const bad = importsOf(f).filter(
        (i) => i.startsWith('node:') || ['fs', 'path', 'child_process', 'better-sqlite3'].includes(i),
      );
      expect(bad, f).toEqual([]);
    }
  });

  // The lint rules are the guard that runs in every editor; prove they bite.
  const eslint = new ESLint({ cwd: root });
  const cases: [string, string, boolean][] = [
    ['src/main/core/probe.ts', "import { app } from 'electron';\nexport const a = app;\n", true],
    ['src/shared/probe.ts', "import fs from 'node:fs';\nexport const a = fs;\n", true],
    ['src/shared/probe.ts', "import { x } from '../main/core/core';\nexport const a = x;\n", true],
    ['src/renderer/src/probe.ts', "import path from 'path';\nexport const a = path;\n", true],
    ['src/renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n", true],
    ['src/renderer/src/probe.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", true],
    ['src/main/ipc/router.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n", true],
    ['src/main/core/probe.ts', "import fs from 'node:fs';\nexport const a = fs;\n", false],
    ['src/main/probe.ts', "import { app } from 'electron';\nexport const a = app;\n", false],
  ];
  it.each(cases)('lint on %s: %j flagged=%s', async (file, code, flagged) => {
    const [res] = await eslint.lintText(code, { filePath: path.join(root, file) });
    const layering = res.messages.filter((m) => m.ruleId === 'no-restricted-imports');
    expect(layering.length > 0).toBe(flagged);
  });
});
