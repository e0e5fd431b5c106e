import { expect, test } from './fixtures';
import { callApi } from './importApi';

/** A demo person with an e-mail address, to be duplicated by the file (in other letter case). */
async function demoPerson(request: Parameters<typeof callApi>[0], app: Parameters<typeof callApi>[1]) {
  const { rows } = await callApi(request, app, 'contacts/list', { query: 'status:active', limit: 1 });
  const p = rows[0];
  if (!p?.email || !p.firstName || !p.lastName) throw new Error('The demo cluster should start with an active person with name and e-mail.');
  return { name: `${p.firstName} ${p.lastName}`, email: p.email };
}

test.beforeEach(async ({ app, shell, contacts }) => {
  await shell.open(app.url);
  await shell.nav('Kontakte');
  await contacts.tab('Import').click();
  await expect(contacts.page).toHaveURL(/#\/contacts\/import$/);
});

test('a German Excel CSV in Windows-1252: detected, mapped, checked, imported with umlauts intact, and undone', async ({ app, request, page, importWizard, contacts, organisations }) => {
  const demo = await demoPerson(request, app);
  // What German Excel writes with "CSV (Trennzeichen-getrennt)": Windows-1252, semicolons, CRLF.
  const csv = Buffer.from(
    [
      'Anrede;Vorname;Nachname;E-Mail;Firma;PLZ',
      'Herr;J\xfcrgen;M\xfcller;juergen.mueller@elbtal-leichtbau.example;Elbtal Leichtbau GmbH;01067',
      `Herr;${demo.name.split(' ')[0]};${demo.name.split(' ').slice(1).join(' ')};${demo.email.toUpperCase()};;`,
      'Frau;Mia;Fehler;mia.fehler-at-example.de;Testwerk Magdeburg GmbH;39104',
      '',
    ].join('\r\n'),
    'latin1',
  );

  await importWizard.chooseFile({ name: 'messe-jec.csv', mimeType: 'text/csv', buffer: csv });
  await expect(importWizard.detected).toContainText('Windows-1252');
  await expect(importWizard.detected).toContainText('Semikolon (;)');
  await expect(importWizard.detected).toContainText('3 Kontaktzeilen');
  await expect(importWizard.detected).toContainText('Excel-Liste (deutsch)');
  await importWizard.nextButton.click();

  await expect(importWizard.stepHeading).toHaveText('Schritt 2 von 4: Zuordnung');
  await expect(importWizard.stepHeading).toBeFocused();
  await expect(importWizard.mappingFor('Anrede')).toHaveValue('Anrede');
  await expect(importWizard.mappingFor('Vorname')).toHaveValue('Vorname');
  await expect(importWizard.mappingFor('E-Mail')).toHaveValue('E-Mail');
  await expect(importWizard.mappingFor('Firma')).toHaveValue('Organisation');
  await expect(importWizard.mappingFor('PLZ')).toHaveValue('PLZ');
  await importWizard.nextButton.click();

  await expect(importWizard.stepHeading).toHaveText('Schritt 3 von 4: Prüfung');
  await importWizard.source.fill('Messe Composites Europe 2026');
  await expect(importWizard.stat('Neu')).toContainText('2');
  await expect(importWizard.stat('Übersprungen')).toContainText('1');
  // Line 1 is the header, so the demo person's duplicate is line 3 and the bad address line 4.
  await expect(importWizard.problemRow(3)).toContainText(`Dublette von ${demo.name} (in der Datenbank, gleiche E-Mail-Adresse)`);
  await expect(importWizard.problemRow(3).getByRole('combobox', { name: 'Bei Dublette in Zeile 3' })).toHaveValue('skip');
  await expect(importWizard.problemRow(4)).toContainText('Keine gültige E-Mail-Adresse: „mia.fehler-at-example.de“');
  await importWizard.startButton.click();

  await expect(importWizard.stepHeading).toHaveText('Schritt 4 von 4: Import');
  await expect(importWizard.progress).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByRole('main').getByText('3 von 3 Zeilen', { exact: true })).toBeVisible();
  await expect(importWizard.stat('Neu angelegt')).toContainText('2');
  await expect(importWizard.stat('Übersprungen')).toContainText('1');
  await expect(importWizard.stat('Neue Organisationen')).toContainText('2');

  await page.getByRole('link', { name: 'Zu den Kontakten' }).click();
  await expect(contacts.search).toHaveValue('source:"Messe Composites Europe 2026"');
  await expect(contacts.count).toHaveText('2 Personen');

  await contacts.search.fill('Jürgen Müller');
  await expect(contacts.count).toHaveText('1 Person');
  await contacts.row('Jürgen Müller').click();
  const drawer = contacts.drawer('Herr Jürgen Müller');
  await drawer.getByRole('link', { name: 'Elbtal Leichtbau GmbH' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Elbtal Leichtbau GmbH' })).toBeVisible();
  // A leading zero is part of a German postcode, not a number Excel may drop.
  await expect(page.getByRole('main').getByRole('region', { name: 'Angaben' })).toContainText('01067');
  await expect(organisations.people).toContainText('juergen.mueller@elbtal-leichtbau.example');

  await page.getByRole('navigation').getByRole('link', { name: 'Kontakte', exact: true }).click();
  await contacts.tab('Import').click();
  await expect(importWizard.history).toContainText('messe-jec.csv');
  await importWizard.undoButton('Messe Composites Europe 2026').click();
  await importWizard.undoDialog.getByRole('button', { name: 'Ja, rückgängig machen' }).click();
  await expect(importWizard.undoDialog).toBeHidden();
  await expect(importWizard.history.getByRole('status')).toContainText('Import „Messe Composites Europe 2026“ rückgängig gemacht');
  await expect(importWizard.history).toContainText('rückgängig gemacht am');

  await contacts.tab('Alle Kontakte').click();
  await contacts.search.fill('Jürgen Müller');
  await expect(contacts.count).toHaveText('0 Personen');
  await expect(page.getByRole('main').getByText('Keine Person passt zu dieser Suche.')).toBeVisible();
});

test('a picture instead of a contact list is refused with a clear message, and the wizard stays on step 1', async ({ importWizard }) => {
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a3ee0c5a0000000049454e44ae426082', 'hex');
  await importWizard.chooseFile({ name: 'visitenkarte.png', mimeType: 'image/png', buffer: png });
  await expect(importWizard.openError).toBeVisible();
  await expect(importWizard.openError).toContainText('PNG');
  await expect(importWizard.detected).toBeHidden();
  await expect(importWizard.nextButton).toBeDisabled();
  await expect(importWizard.stepHeading).toHaveText('Schritt 1 von 4: Datei');
});
