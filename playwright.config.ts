/**
 * End-to-end tests of the browser shell (`spillover serve`) in Chromium. Each test starts its own server
 * on a fresh data folder through the `app` fixture (e2e/fixtures.ts), so there is no webServer block.
 * Chromium is found by scripts/chromium.mjs (SPILLOVER_CHROMIUM, PATH, or Playwright's download); run
 * `node scripts/chromium.mjs --ensure` if none is installed. Needs `npm run build` first.
 */
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

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
    launchOptions: { executablePath: findChromium() ?? undefined, args: [...CHROMIUM_ARGS] },
    locale: 'de-DE',
    timezoneId: 'Europe/Berlin',
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
