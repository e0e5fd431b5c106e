import type { ConsoleMessage } from '@playwright/test';
import { expect, test } from './fixtures';

declare global {
  interface Window {
    /** Filled by an init script: every Content-Security-Policy violation the page reports. */
    __cspViolations?: string[];
  }
}

test('the bare address without #token= explains itself and the API refuses it', async ({ app, page }) => {
  await page.goto(app.baseUrl);
  await expect(page.getByRole('alert')).toContainText('Diese Adresse ist unvollständig');
  await expect(page.getByRole('navigation')).toHaveCount(0);

  const status = await page.evaluate(async () => {
    const res = await fetch('/api/dashboard/get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return res.status;
  });
  expect(status).toBe(401);

  const wrongToken = await page.evaluate(async () => {
    const res = await fetch('/api/dashboard/get', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Spillover-Token': 'not-the-token' },
      body: '{}',
    });
    return res.status;
  });
  expect(wrongToken).toBe(401);
});

test('the dashboard loads without console errors or CSP violations', async ({ app, shell, dashboard, page }) => {
  const problems: string[] = [];
  page.on('console', (msg: ConsoleMessage) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations?.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });

  const response = await page.goto(app.url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');
  await expect(dashboard.projects().getByText('COMPOSITE-SA', { exact: true })).toBeVisible();
  // Visit the other screens too: each renders different components.
  await shell.nav('Einstellungen');
  await expect(shell.heading('Einstellungen')).toBeVisible();
  await shell.nav('Übersicht');
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');

  const violations = await page.evaluate(() => window.__cspViolations ?? []);
  expect(violations).toEqual([]);
  expect(problems).toEqual([]);
});
