import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

test('clearing all data asks first, writes a backup, and the demo can be loaded again', async ({ app, shell, dashboard, settings, page }) => {
  await shell.open(app.url);
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');

  await shell.nav('Einstellungen');
  await expect(shell.heading('Einstellungen')).toBeVisible();
  await expect(settings.dataCard.getByText(app.dataDir, { exact: true })).toBeVisible();
  await expect(settings.loadDemoButton).toBeDisabled();

  // Cancel keeps everything.
  await settings.clearData();
  await expect(settings.confirmDialog).toBeVisible();
  await settings.cancelClear();
  await expect(settings.confirmDialog).toBeHidden();
  await expect(settings.clearButton).toBeEnabled();
  await shell.nav('Übersicht');
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');

  // Confirm clears, after a backup in <data dir>/backups.
  await shell.nav('Einstellungen');
  await settings.clearData();
  await expect(settings.confirmDialog).toBeVisible();
  await settings.confirmClear();
  await expect(settings.confirmDialog).toBeHidden();
  await expect(settings.status).toContainText('Alle Daten gelöscht. Sicherung: ');
  await expect(settings.status).toContainText(path.join(app.dataDir, 'backups'));
  const message = await settings.status.innerText();
  const backupFile = message.slice(message.indexOf('Sicherung: ') + 'Sicherung: '.length).trim();
  expect(existsSync(backupFile), `backup file ${backupFile} exists`).toBe(true);
  await expect(settings.clearButton).toBeDisabled();
  await expect(settings.loadDemoButton).toBeEnabled();

  // The dashboard now offers the demo cluster instead of counts.
  await shell.nav('Übersicht');
  await expect(page.getByText('Noch keine Daten', { exact: true })).toBeVisible();
  await expect(dashboard.stat('Organisationen')).toHaveCount(0);
  await dashboard.loadDemoButton().click();
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');
  await expect(dashboard.statValue('Personen')).toHaveText('150');
});

test('the demo can be loaded from the settings into an empty database', async ({ app, shell, dashboard, settings }) => {
  await shell.open(app.url);
  await shell.nav('Einstellungen');
  await settings.clearData();
  await settings.confirmClear();
  await expect(settings.loadDemoButton).toBeEnabled();
  await settings.loadDemo();
  await expect(settings.status).toHaveText('Demo-Cluster geladen: 40 Organisationen, 150 Personen, 3 F&E-Projekte.');
  await expect(settings.loadDemoButton).toBeDisabled();
  await shell.nav('Übersicht');
  await expect(dashboard.statValue('Organisationen')).toHaveText('40');
});
