import { expect, test } from './fixtures';

// For humans to look at (test-results/…/dashboard-de.png and dashboard-en.png); nothing is compared.
test('screenshots of the dashboard in German and English', async ({ app, shell, dashboard, page }, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 1000 });
  await shell.open(app.url);
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');
  await expect(dashboard.projects().getByText('TIMBERLIGHT-QC', { exact: true })).toBeVisible();
  const de = testInfo.outputPath('dashboard-de.png');
  await page.screenshot({ path: de, fullPage: true });
  await testInfo.attach('dashboard-de', { path: de, contentType: 'image/png' });

  await shell.switchLanguage('EN');
  await expect(shell.heading('Overview')).toBeVisible();
  await expect(dashboard.projects('R&D projects').getByText('TIMBERLIGHT-QC', { exact: true })).toBeVisible();
  const en = testInfo.outputPath('dashboard-en.png');
  await page.screenshot({ path: en, fullPage: true });
  await testInfo.attach('dashboard-en', { path: en, contentType: 'image/png' });
});
