/**
 * End-to-end tests of the browser shell (`spillover serve`) in Chromium. Each test starts its own server
 * on a fresh data folder through the `app` fixture (e2e/fixtures.ts), so there is no webServer block.
 * Chromium is found by scripts/chromium.mjs (SPILLOVER_CHROMIUM, PATH, or Playwright's download, in that
 * order; read through e2e/chromium.ts); run
 * `node scripts/chromium.mjs --ensure` if none is installed. Needs `npm run build` first.
 */
import { defineConfig } from '@playwright/test';
import { chromiumLaunch } from './e2e/chromium';

const chromium = chromiumLaunch();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromium.executablePath, args: chromium.args },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
