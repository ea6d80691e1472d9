import { defineConfig } from '@playwright/test';
import { E2E_BASE_URL, E2E_PORT } from './tests/e2e/server';

/**
 * Renderer e2e: the built renderer (`npm run build` first) served by vite
 * preview, driven in Debian's Chromium, with `window.api` bridged to a real
 * core and the real IPC router in the test process (tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: 'tests/e2e',
  // Two cores on a shared machine: more workers only contend.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // JSON goes to reports/: Playwright empties test-results/ at startup.
  reporter: [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: E2E_BASE_URL,
    viewport: { width: 1920, height: 1080 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --outDir out/renderer --port ${E2E_PORT} --strictPort --host 127.0.0.1`,
    url: E2E_BASE_URL,
    // Never reuse: on a shared machine a server already on the port may be
    // serving someone else's build. A busy port fails loudly instead.
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
