import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { watchPageProblems } from './pageProblems';
import type { AppShellPage } from './pages/AppShellPage';
import type { DashboardPage } from './pages/DashboardPage';
import type { SettingsPage } from './pages/SettingsPage';

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

/** Opens the dashboard, the settings and the confirm dialog: the screens with the most components. */
async function tour(url: string, page: Page, shell: AppShellPage, dashboard: DashboardPage, settings: SettingsPage): Promise<void> {
  const response = await page.goto(url);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');
  await expect(dashboard.projects().getByText('COMPOSITE-SA', { exact: true })).toBeVisible();
  await shell.nav('Einstellungen');
  await expect(shell.heading('Einstellungen')).toBeVisible();
  await settings.clearData();
  await expect(settings.confirmDialog).toBeVisible();
  await settings.cancelClear();
  await expect(settings.confirmDialog).toBeHidden();
  await shell.nav('Übersicht');
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');
}

test('the app runs without console errors', async ({ app, shell, dashboard, settings, page }) => {
  const problems = await watchPageProblems(page);
  await tour(app.url, page, shell, dashboard, settings);
  expect(problems.errors).toEqual([]);
});

test('the app causes no Content-Security-Policy violations', async ({ app, shell, dashboard, settings, page }) => {
  const problems = await watchPageProblems(page);
  await tour(app.url, page, shell, dashboard, settings);
  expect(await problems.cspViolations()).toEqual([]);
});
