#!/usr/bin/env bash
# All tests, in three tiers: core and shared under Node (vitest), the renderer
# in Debian's Chromium over the real core (Playwright), and the real Electron
# app where a binary exists (skipped with a reason elsewhere). Each tier writes
# a JSON report under reports/; the summary adds them up.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p reports
rm -f reports/unit.json reports/e2e.json reports/electron.json
status=0

npx vitest run --reporter=default --reporter=json --outputFile.json=reports/unit.json || status=1

if [ ! -f out/renderer/index.html ] || [ -n "$(find src -newer out/renderer/index.html -print -quit)" ]; then
  npx electron-vite build || status=1
fi
npx playwright test || status=1
if [ -f playwright.electron.config.ts ]; then
  npx playwright test -c playwright.electron.config.ts || status=1
fi

node .ci/summary.mjs || status=1
exit $status
