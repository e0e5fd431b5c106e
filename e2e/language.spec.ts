import { expect, test } from './fixtures';

test('switching to English relabels the app and survives a reload', async ({ app, shell, dashboard, page }) => {
  await shell.open(app.url);
  await expect(shell.heading('Übersicht')).toBeVisible();
  await expect(shell.languageOption('DE')).toBeChecked();

  await shell.switchLanguage('EN');
  await expect(shell.languageOption('EN')).toBeChecked();
  await expect(shell.heading('Overview')).toBeVisible();
  await expect(shell.navigation('Main navigation').getByRole('link', { name: 'Organisations', exact: true })).toBeVisible();
  await expect(dashboard.statValue('Organisations')).toHaveText('40');
  await expect(dashboard.statValue('Key contacts')).toBeVisible();
  await expect(page).toHaveTitle('Overview · Spillover');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // The token left the address bar on first load; this tab keeps it in sessionStorage, so a reload works.
  await expect(page).not.toHaveURL(/token=/);
  await page.reload();
  await expect(shell.heading('Overview')).toBeVisible();
  await expect(shell.languageOption('EN')).toBeChecked();
  await expect(shell.navigation('Main navigation').getByRole('link', { name: 'Organisations', exact: true })).toBeVisible();
  await expect(dashboard.statValue('Key contacts')).toBeVisible();

  // And back to German.
  await shell.switchLanguage('DE');
  await expect(shell.heading('Übersicht')).toBeVisible();
  await expect(dashboard.statValue('Ansprechpartner·innen')).toBeVisible();
});
