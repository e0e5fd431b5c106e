import type { Locator, Page } from '@playwright/test';
import { contactTotal } from './contactsApi';
import { expect, test } from './fixtures';

/** Presses Tab until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 20): Promise<void> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Focus never reached the target within ${max} Tab presses.`);
}

test.beforeEach(async ({ app, shell, contacts }) => {
  await shell.open(app.url);
  await shell.nav('Kontakte');
  await expect(shell.heading('Kontakte')).toBeVisible();
  await expect(contacts.count).toHaveText('150 Personen');
});

test('search as you type finds a person by part of the name, umlauts typed as ue too', async ({ contacts }) => {
  await contacts.search.pressSequentially('Krüg');
  await expect(contacts.row('Julia Krüger')).toBeVisible();
  await expect(contacts.count).toHaveText('1 Person');
  await expect(contacts.bodyRows).toHaveCount(1);

  // German keyboards are not everywhere: "Krueger" finds Krüger as well.
  await contacts.search.fill('Krueger');
  await expect(contacts.row('Julia Krüger')).toBeVisible();
  await expect(contacts.count).toHaveText('1 Person');

  // An unknown filter is reported under the box, in German, and the rest of the query still applies.
  await contacts.search.fill('Krueger farbe:blau');
  await expect(contacts.search.page().getByText('„farbe:blau“: unbekannter Filter, wird nicht berücksichtigt.')).toBeVisible();
  await expect(contacts.count).toHaveText('1 Person');
});

test('a filter in the panel writes the search text and narrows the count, and back', async ({ app, request, contacts }) => {
  const startups = await contactTotal(request, app, 'kind:startup');
  expect(startups).toBeGreaterThan(0);

  await contacts.filterToggle.click();
  await expect(contacts.filterPanel).toBeVisible();
  await contacts.chooseFilter('Art der Organisation', 'Start-up');
  await expect(contacts.search).toHaveValue('kind:startup');
  await expect(contacts.count).toHaveText(`${startups} Personen`);
  await expect(contacts.filterToggle).toHaveAccessibleName('Filter 1');

  // Free words stay when a filter changes; typing a filter shows in the panel.
  await contacts.search.fill('carbon kind:medium_firm');
  await expect(contacts.filterSelect('Art der Organisation')).toHaveValue('Mittleres Unternehmen');
  await contacts.chooseFilter('Art der Organisation', 'Start-up');
  await expect(contacts.search).toHaveValue('carbon kind:startup');

  const yes = contacts.filterPanel.getByRole('radiogroup', { name: 'Ansprechpartner·in' });
  await yes.getByText('Ja', { exact: true }).click();
  await expect(contacts.search).toHaveValue('carbon kind:startup key:yes');

  await contacts.filterPanel.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await expect(contacts.search).toHaveValue('carbon');
  await expect(contacts.filterSelect('Art der Organisation')).toHaveValue('');
  await expect(contacts.count).toHaveText(`${await contactTotal(request, app, 'carbon')} Personen`);
});

test('the detail drawer shows consent history and change log; an edit is saved and logged', async ({ contacts, page }) => {
  await contacts.search.fill('Krueger');
  await contacts.row('Julia Krüger').click();
  const drawer = contacts.drawer('Frau Julia Krüger');
  await expect(drawer).toBeVisible();

  const consents = contacts.drawerSection(drawer, 'Einwilligungen');
  const consentTable = consents.getByRole('table', { name: 'Einwilligungen' });
  await expect(consentTable.getByRole('columnheader', { name: 'Nachweis' })).toBeVisible();
  await expect(consentTable.getByRole('row').filter({ hasText: 'Newsletter' }).first()).toContainText('erteilt');
  const log = contacts.drawerSection(drawer, 'Änderungsprotokoll');
  // The history starts with where the record came from.
  await expect(log.getByRole('listitem')).toHaveCount(1);
  await expect(log.getByRole('listitem').first()).toContainText('Angelegt');
  await expect(log.getByRole('listitem').first()).toContainText('Quelle: Demo-Cluster');

  await drawer.getByRole('button', { name: 'Bearbeiten' }).click();
  const fn = drawer.getByRole('textbox', { name: 'Funktion' });
  await expect(fn).toHaveValue('Innovationsmanagerin');

  // A bad address is caught before anything is sent.
  await drawer.getByRole('textbox', { name: 'E-Mail' }).fill('julia.krueger-at-saalewerk');
  await drawer.getByRole('button', { name: 'Speichern' }).click();
  await expect(drawer.getByText('Keine gültige E-Mail-Adresse.')).toBeVisible();
  await drawer.getByRole('textbox', { name: 'E-Mail' }).fill('julia.krueger@saalewerk-fahrzeugtechnik.example');

  await fn.fill('Leiterin Internationalisierung');
  await drawer.getByRole('button', { name: 'Speichern' }).click();
  await expect(drawer.getByRole('status')).toHaveText('Gespeichert.');
  await expect(log.getByRole('listitem').first()).toContainText('Funktion: „Innovationsmanagerin“ → „Leiterin Internationalisierung“');
  await expect(drawer).toContainText('Leiterin Internationalisierung');

  // Unsaved changes are not dropped silently: Escape asks first.
  await drawer.getByRole('button', { name: 'Bearbeiten' }).click();
  await drawer.getByRole('textbox', { name: 'Titel' }).fill('Dr.');
  await page.keyboard.press('Escape');
  await expect(contacts.unsavedDialog).toBeVisible();
  await contacts.unsavedDialog.getByRole('button', { name: 'Weiter bearbeiten' }).click();
  await expect(contacts.unsavedDialog).toBeHidden();
  await expect(drawer.getByRole('textbox', { name: 'Titel' })).toHaveValue('Dr.');
  await drawer.getByRole('button', { name: 'Schließen' }).click();
  await contacts.unsavedDialog.getByRole('button', { name: 'Verwerfen' }).click();
  await expect(drawer).toBeHidden();
  await expect(contacts.row('Julia Krüger')).not.toContainText('Dr.');
});

test('a bulk action tags three selected persons, and tag:"…" finds exactly them', async ({ contacts }) => {
  const rows = contacts.bodyRows;
  await expect(rows.first()).toContainText('@');
  const names: string[] = [];
  for (const i of [0, 1, 2]) {
    const row = rows.nth(i);
    names.push((await contacts.nameCell(row).innerText()).trim());
    await contacts.selectBox(row).check();
  }
  await expect(contacts.bulkBar).toContainText('3 ausgewählt');

  await contacts.bulk('Tag hinzufügen');
  const dialog = contacts.bulkDialog('Tag hinzufügen');
  await expect(dialog).toContainText('Gilt für 3 ausgewählte Personen.');
  await dialog.getByRole('textbox', { name: 'Tag' }).fill('Messe Hannover 2027');
  await dialog.getByRole('button', { name: 'Anwenden' }).click();
  await expect(dialog).toBeHidden();
  await expect(contacts.search.page().getByRole('status').filter({ hasText: 'geändert' })).toHaveText('3 geändert');

  await contacts.search.fill('tag:"Messe Hannover 2027"');
  await expect(contacts.count).toHaveText('3 Personen');
  for (const name of names) await expect(contacts.row(name)).toBeVisible();
});

test('keyboard: Tab reaches the table, arrows move between persons, Enter opens one', async ({ app, request, contacts, page }) => {
  await contacts.search.fill('Magdeburg');
  // Until the new result is in, the previous one stays on screen; wait for the count of this search.
  await expect(contacts.count).toHaveText(`${await contactTotal(request, app, 'Magdeburg')} Personen`);
  const first = contacts.nameCell(contacts.bodyRows.first());
  await expect(contacts.bodyRows.first()).toContainText('@');
  const second = contacts.nameCell(contacts.bodyRows.nth(1));
  const secondName = (await second.innerText()).trim();

  await contacts.search.focus();
  await tabTo(page, first);
  await page.keyboard.press('ArrowDown');
  await expect(second).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(contacts.drawer(secondName)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(contacts.drawer(secondName)).toBeHidden();
});

test('sorting by a column header asks the server for the other order', async ({ contacts }) => {
  const name = contacts.columnHeader('Name');
  await expect(name).toHaveAttribute('aria-sort', 'ascending');
  const firstAsc = await contacts.nameCell(contacts.bodyRows.first()).innerText();
  await name.getByRole('button').click();
  await expect(name).toHaveAttribute('aria-sort', 'descending');
  await expect(contacts.nameCell(contacts.bodyRows.first())).not.toHaveText(firstAsc);
  await expect(contacts.count).toHaveText('150 Personen');
});

test('Shift+click selects a range; the header box selects all matches and clears again', async ({ contacts }) => {
  await expect(contacts.bodyRows.first()).toContainText('@');
  await contacts.selectBox(contacts.bodyRows.nth(0)).check();
  await contacts.selectBox(contacts.bodyRows.nth(4)).click({ modifiers: ['Shift'] });
  await expect(contacts.bulkBar).toContainText('5 ausgewählt');
  for (const i of [1, 2, 3]) await expect(contacts.selectBox(contacts.bodyRows.nth(i))).toBeChecked();

  await contacts.grid.getByRole('checkbox', { name: 'Auswahl aufheben' }).click();
  await expect(contacts.bulkBar).toBeHidden();
  await contacts.grid.getByRole('checkbox', { name: 'Alle Treffer auswählen' }).click();
  await expect(contacts.bulkBar).toContainText('150 ausgewählt');
  await expect(contacts.grid.getByRole('checkbox', { name: 'Auswahl aufheben' })).toBeChecked();
});

test('a cut-off organisation name shows in full as a tooltip on hover; a text that fits gets none', async ({ contacts }) => {
  await contacts.search.fill('Verband Mitteldeutscher');
  const row = contacts.bodyRows.first();
  const organisation = row.getByRole('gridcell').nth(2);
  const full = (await organisation.textContent()) ?? '';
  expect(await organisation.evaluate((td) => td.scrollWidth > td.clientWidth)).toBe(true);
  await organisation.hover();
  await expect(organisation).toHaveAttribute('title', full);
  const language = row.getByRole('gridcell').nth(5);
  await language.hover();
  await expect(language).not.toHaveAttribute('title');
});
