import { defineConfig } from '@playwright/test';

/**
 * Tier 3: the real app under Electron via `_electron.launch` (tests/electron).
 * Separate from the renderer e2e config: it needs `npm run build` and
 * `npm run native:electron` first, and skips itself, saying why, where no
 * Electron binary exists.
 *   npx playwright test -c playwright.electron.config.ts
 */
export default defineConfig({
  testDir: 'tests/electron',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  outputDir: 'test-results/electron',
  reporter: [['list'], ['json', { outputFile: 'reports/electron.json' }]],
});
