import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from '../../playwright.config';

const root = path.resolve(import.meta.dirname, '../..');

/** The board benchmark: the e2e harness (real core behind the real router, Debian Chromium), one long run. */
export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: /.*\.bench\.ts$/,
  reporter: [['list']],
  outputDir: path.join(root, 'test-results/bench'),
  timeout: 300_000,
  // No Playwright trace: it snapshots the whole DOM around every page action (each pushed batch is one),
  // which costs the page more than anything measured here.
  use: { ...base.use, trace: 'off' },
  webServer: Array.isArray(base.webServer) ? base.webServer : { ...base.webServer!, cwd: root },
});
