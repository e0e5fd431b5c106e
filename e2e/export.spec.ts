import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { contactTotal } from './contactsApi';
import { expect, test } from './fixtures';

test.beforeEach(async ({ app, shell, contacts }) => {
  await shell.open(app.url);
  await shell.nav('Kontakte');
  await expect(contacts.count).toHaveText('150 Personen');
});

test('the filter kind:startup exported as CSV: UTF-8 with BOM, the German headers, one row per person', async ({ app, request, contacts, page }) => {
  const startups = await contactTotal(request, app, 'kind:startup');
  await contacts.search.fill('kind:startup');
  await expect(contacts.count).toHaveText(`${startups} Personen`);

  const download = page.waitForEvent('download');
  await contacts.exportAs('CSV (Komma, UTF-8)');
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^spillover-kontakte-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = readFileSync(await file.path());
  // Excel opens UTF-8 correctly only with a byte order mark.
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<string[]>(bytes.subarray(3).toString('utf8'), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.data[0]?.slice(0, 5)).toEqual(['Anrede', 'Titel', 'Vorname', 'Nachname', 'E-Mail']);
  expect(parsed.data.length).toBe(startups + 1);
  await expect(contacts.notice).toContainText('.csv“ wurde heruntergeladen.');
});

test('three selected persons export as three vCards', async ({ contacts, page }) => {
  await expect(contacts.bodyRows.first()).toContainText('@');
  for (const i of [0, 1, 2]) await contacts.selectBox(contacts.bodyRows.nth(i)).check();
  await expect(contacts.exportButton).toHaveAccessibleName('3 ausgewählte exportieren');

  const download = page.waitForEvent('download');
  await contacts.exportAs('vCard 4.0 (.vcf)');
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(text.match(/^BEGIN:VCARD/gm)).toHaveLength(3);
  expect(text).toContain('VERSION:4.0');
});

test('a person erased from the drawer (after typing the address) is gone, and the list has one person fewer', async ({ contacts, page }) => {
  const row = contacts.bodyRows.first();
  await expect(row).toContainText('@');
  const email = (await row.getByRole('gridcell').nth(1).innerText()).trim();
  await row.click();
  const drawer = contacts.drawer();
  await expect(drawer.getByRole('region', { name: 'Datenschutz (DSGVO)' })).toBeVisible();

  // Art. 15 first: everything about the person as JSON.
  const download = page.waitForEvent('download');
  await drawer.getByRole('button', { name: 'Daten exportieren (JSON)' }).click();
  const json: unknown = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(json).toMatchObject({ person: { email } });

  await drawer.getByRole('button', { name: 'Person löschen (DSGVO)' }).click();
  const dialog = contacts.eraseDialog;
  await expect(dialog).toContainText('Das lässt sich nicht rückgängig machen.');
  const erase = dialog.getByRole('button', { name: 'Endgültig löschen' });
  const confirm = dialog.getByRole('textbox', { name: 'Zur Bestätigung die E-Mail-Adresse eingeben' });
  await expect(erase).toBeDisabled();
  await confirm.fill('jemand@anderes.example');
  await expect(erase).toBeDisabled();
  // Escape closes only the question, not the drawer behind it.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(drawer).toBeVisible();

  await drawer.getByRole('button', { name: 'Person löschen (DSGVO)' }).click();
  await confirm.fill(email.toUpperCase());
  await erase.click();
  await expect(dialog).toBeHidden();
  await expect(drawer).toBeHidden();
  await expect(contacts.notice).toContainText('wurde gelöscht.');
  await expect(contacts.count).toHaveText('149 Personen');

  await contacts.search.fill(email);
  await expect(contacts.count).toHaveText('0 Personen');
});
