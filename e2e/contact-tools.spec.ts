import { expect, test } from './fixtures';
import { watchPageProblems } from './pageProblems';
import { importFile } from './importApi';

// The import wizard, upkeep, duplicates with the merge dialog, the export menu and the erase question must
// run under the CSP without errors. The screenshots are for humans (test-results/…); nothing is compared.
test('import, upkeep, duplicates, export and erase run without console errors or CSP violations', async ({ app, request, shell, contacts, importWizard, upkeep, page }, testInfo) => {
  const problems = await watchPageProblems(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const shot = async (name: string): Promise<void> => {
    const file = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
    await testInfo.attach(name, { path: file, contentType: 'image/png' });
  };
  // A business card of someone already on record, under a private address: a duplicate to merge.
  await importFile(request, app, 'karten.csv', Buffer.from('Vorname;Nachname;E-Mail;Mobil\r\nSven;Adler;s.adler@privat.example;+49 171 5550123\r\n', 'utf8'), 'Visitenkarten');

  await shell.open(app.url);
  await shell.nav('Kontakte');
  await contacts.tab('Import').click();
  const csv = Buffer.from('Anrede;Vorname;Nachname;E-Mail;Firma;PLZ\r\nHerr;J\xfcrgen;M\xfcller;jm@elbtal.example;Elbtal GmbH;01067\r\nFrau;Mia;Fehler;kaputt;Elbtal GmbH;01067\r\n', 'latin1');
  await importWizard.chooseFile({ name: 'messe.csv', mimeType: 'text/csv', buffer: csv });
  await expect(importWizard.detected).toContainText('Windows-1252');
  await shot('import-1-file');
  await importWizard.nextButton.click();
  await importWizard.mappingFor('Firma').click();
  await page.keyboard.press('Escape');
  await shot('import-2-mapping');
  await importWizard.nextButton.click();
  await expect(importWizard.problemRow(3)).toContainText('Keine gültige E-Mail-Adresse');
  await page.getByRole('checkbox', { name: 'Die Datei belegt eine Einwilligung' }).check();
  await shot('import-3-check');
  await page.getByRole('checkbox', { name: 'Die Datei belegt eine Einwilligung' }).uncheck();
  await importWizard.startButton.click();
  await expect(importWizard.stat('Neu angelegt')).toContainText('2');
  await shot('import-4-done');
  await page.getByRole('button', { name: 'Import rückgängig machen' }).click();
  await expect(importWizard.undoDialog).toBeVisible();
  await importWizard.undoDialog.getByRole('button', { name: 'Abbrechen' }).click();

  await contacts.tab('Kontaktpflege').click();
  await expect(upkeep.count('Unzustellbar (bounced)')).toHaveText('3');
  await shot('upkeep');

  await contacts.tab('Dubletten').click();
  await upkeep.duplicateGroup('Sven Adler / Sven Adler').getByRole('button', { name: 'Zusammenführen' }).click();
  await expect(upkeep.mergeDialog.getByRole('radiogroup', { name: 'Mobil' })).toBeVisible();
  await shot('duplicates-merge');
  await upkeep.mergeDialog.getByRole('button', { name: 'Abbrechen' }).click();

  await contacts.tab('Alle Kontakte').click();
  await expect(contacts.bodyRows.first()).toContainText('@');
  await contacts.exportButton.click();
  await expect(page.getByRole('menuitem', { name: 'Excel (.xlsx)' })).toBeVisible();
  await page.keyboard.press('Escape');
  await contacts.bodyRows.first().click();
  await contacts.drawer().getByRole('button', { name: 'Person löschen (DSGVO)' }).click();
  await expect(contacts.eraseDialog).toBeVisible();
  await shot('erase');
  await contacts.eraseDialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(contacts.eraseDialog).toBeHidden();
  await contacts.drawer().getByRole('button', { name: 'Schließen' }).click();
  await expect(contacts.drawer()).toBeHidden();

  await shell.switchLanguage('EN');
  await contacts.tab('Contact upkeep').click();
  await expect(page.getByRole('region', { name: 'Undeliverable (bounced)' })).toBeVisible();
  await shot('upkeep-en');

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});
