/**
 * The forms for APIs that existed without a UI: a new person, a new and an edited organisation, consent
 * given and withdrawn by hand. Each form is also photographed for a human to look at (/tmp/forms-*.png and
 * test-results/); nothing is compared.
 */
import type { Page, TestInfo } from '@playwright/test';
import { contactTotal } from './contactsApi';
import { expect, test } from './fixtures';
import { watchPageProblems } from './pageProblems';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = `/tmp/forms-${name}.png`;
  await page.screenshot({ path: file, animations: 'disabled' });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
});

test('a new person: validation under the fields, a taken address, then created, opened and found', async ({ app, request, shell, contacts, page }, testInfo) => {
  const problems = await watchPageProblems(page);
  await shell.open(app.url);
  await shell.nav('Kontakte');
  await expect(contacts.count).toHaveText('150 Personen');

  await contacts.newPersonButton.click();
  const dialog = contacts.newPersonDialog;
  await expect(dialog).toBeVisible();
  // The cursor starts in the first name.
  await expect(contacts.newPersonField('Vorname')).toBeFocused();

  // Nothing filled in: both rules say what is missing.
  await dialog.getByRole('button', { name: 'Person anlegen' }).click();
  await expect(dialog.getByText('Bitte geben Sie einen Namen oder eine E-Mail-Adresse an.')).toBeVisible();
  await expect(dialog.getByText('Bitte geben Sie die Quelle an, z. B. „Messe JEC 2026“.')).toBeVisible();
  await expect(dialog.getByRole('alert')).toHaveText('Bitte korrigieren Sie die markierten Felder.');
  await shot(page, testInfo, 'person-errors');

  await dialog.getByRole('combobox', { name: 'Anrede' }).click();
  await page.getByRole('option', { name: 'Frau', exact: true }).click();
  await contacts.newPersonField('Titel').fill('Dr.');
  await contacts.newPersonField('Vorname').fill('Ines');
  await contacts.newPersonField('Nachname').fill('Vogelsang');
  await expect(dialog.getByText('Bitte geben Sie einen Namen oder eine E-Mail-Adresse an.')).toBeHidden();
  await contacts.newPersonField('E-Mail').fill('ines.vogelsang-at-saalewerk');
  await contacts.newPersonField('Funktion').fill('Leiterin Werkstofflabor');
  await dialog.getByRole('combobox', { name: 'Organisation' }).fill('Saalewerk');
  await page.getByRole('option', { name: 'Saalewerk Fahrzeugtechnik AG (Halle (Saale))' }).click();
  await contacts.newPersonField('Quelle').fill('Messe JEC 2026');
  await dialog.getByRole('button', { name: 'Person anlegen' }).click();
  await expect(dialog.getByText('Keine gültige E-Mail-Adresse.')).toBeVisible();

  // An address someone already has: the server's refusal lands at the field, with what to do.
  await contacts.newPersonField('E-Mail').fill('julia.krueger@saalewerk-fahrzeugtechnik.example');
  await dialog.getByRole('button', { name: 'Person anlegen' }).click();
  await expect(dialog.getByText('Diese E-Mail-Adresse gehört schon zu einer anderen Person. Suchen Sie nach der Adresse und ergänzen Sie die Angaben dort.')).toBeVisible();
  await expect(contacts.newPersonField('E-Mail')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, testInfo, 'person-taken');

  await contacts.newPersonField('E-Mail').fill('ines.vogelsang@saalewerk-fahrzeugtechnik.example');
  await dialog.getByRole('button', { name: 'Person anlegen' }).click();
  await expect(dialog).toBeHidden();

  // The new person opens in the drawer, with where she works and where she came from.
  const drawer = contacts.drawer('Frau Dr. Ines Vogelsang');
  await expect(drawer).toBeVisible();
  await expect(drawer.getByRole('link', { name: 'Saalewerk Fahrzeugtechnik AG' })).toBeVisible();
  const log = contacts.drawerSection(drawer, 'Änderungsprotokoll');
  await expect(log.getByRole('listitem').first()).toContainText('Quelle: Messe JEC 2026');
  await shot(page, testInfo, 'person-created');
  await drawer.getByRole('button', { name: 'Schließen' }).click();
  await expect(drawer).toBeHidden();
  await expect(contacts.notice).toContainText('Dr. Ines Vogelsang wurde angelegt.');
  await expect(contacts.count).toHaveText('151 Personen');

  await contacts.search.fill('Vogelsang');
  await expect(contacts.count).toHaveText('1 Person');
  await expect(contacts.row('Ines Vogelsang')).toContainText('Saalewerk Fahrzeugtechnik AG');
  expect(await contactTotal(request, app, 'source:"Messe JEC 2026" Vogelsang')).toBe(1);

  // A half-filled form is not thrown away by a stray Escape.
  await contacts.newPersonButton.click();
  await contacts.newPersonField('Nachname').fill('Halbfertig');
  await page.keyboard.press('Escape');
  await expect(contacts.discardDialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(contacts.discardDialog).toBeHidden();
  await expect(contacts.newPersonField('Nachname')).toHaveValue('Halbfertig');
  await dialog.getByRole('button', { name: 'Schließen' }).click();
  await contacts.discardDialog.getByRole('button', { name: 'Verwerfen' }).click();
  await expect(dialog).toBeHidden();

  expect(await problems.cspViolations()).toEqual([]);
  // The taken address was answered with HTTP 409 on purpose; Chromium logs every 4xx response as an error.
  expect(problems.errors).toEqual(['console.error: Failed to load resource: the server responded with a status of 409 (Conflict)']);
});

test('a new organisation with size class, country and topics; then edited and logged', async ({ app, shell, organisations, page }, testInfo) => {
  const problems = await watchPageProblems(page);
  await shell.open(app.url);
  await shell.nav('Organisationen');
  await expect(organisations.count).toHaveText('40 Organisationen');

  await organisations.newButton.click();
  const dialog = organisations.formDialog('Neue Organisation');
  await expect(dialog).toBeVisible();
  await expect(organisations.field(dialog, 'Name')).toBeFocused();

  await dialog.getByRole('button', { name: 'Organisation anlegen' }).click();
  await expect(dialog.getByText('Bitte geben Sie den Namen der Organisation an.')).toBeVisible();
  await expect(dialog.getByText('Bitte wählen Sie die Art der Organisation.')).toBeVisible();

  await organisations.field(dialog, 'Name').fill('Composites Atlantique SAS');
  await organisations.choose(dialog, 'Art', 'Mittleres Unternehmen');
  await organisations.choose(dialog, 'Mitgliedschaft', 'Partner im Ausland');
  await organisations.field(dialog, 'Beschäftigte').fill('120');
  await expect(dialog.getByText('Größenklasse: Mittel (laut Einstellungen)')).toBeVisible();
  // Countries by their German names; stored as the ISO code.
  await organisations.choose(dialog, 'Land', 'Frankreich', 'Frankr');
  await organisations.field(dialog, 'Ort').fill('Nantes');
  await organisations.field(dialog, 'PLZ').fill('44300');
  await organisations.field(dialog, 'Website').fill('www.composites atlantique.example');
  const topics = dialog.getByRole('combobox', { name: 'Themen' });
  await topics.fill('faserverbund');
  await page.getByRole('option', { name: 'Faserverbundwerkstoffe', exact: true }).click();
  await topics.fill('Thermoplastische Tapes');
  await topics.press('Enter');
  // Leaving the field (Tab) closes its suggestions, which would otherwise cover the fields below.
  await topics.press('Tab');
  await expect(page.getByRole('option', { name: 'Wasserstofftanks' })).toBeHidden();
  await dialog.getByRole('button', { name: 'Organisation anlegen' }).click();
  await expect(dialog.getByText('Bitte eine Webadresse wie https://www.beispiel.de eingeben.')).toBeVisible();
  await shot(page, testInfo, 'organisation-new');

  // Typed without the scheme, the address gets https:// when the field is left.
  await organisations.field(dialog, 'Website').fill('www.composites-atlantique.example');
  await organisations.field(dialog, 'Straße').click();
  await expect(organisations.field(dialog, 'Website')).toHaveValue('https://www.composites-atlantique.example');
  await dialog.getByRole('button', { name: 'Organisation anlegen' }).click();
  await expect(dialog).toBeHidden();

  await expect(shell.heading('Composites Atlantique SAS')).toBeVisible();
  await expect(organisations.fact('Beschäftigte')).toHaveText('120 (Mittel)');
  await expect(organisations.fact('Anschrift')).toContainText('44300 Nantes');
  await expect(organisations.fact('Anschrift')).toContainText('Frankreich');
  await expect(organisations.fact('Mitgliedschaft')).toHaveText('Partner im Ausland');
  const topicList = page.getByRole('main').getByRole('region', { name: 'Themen' });
  await expect(topicList).toContainText('Faserverbundwerkstoffe');
  await expect(topicList).toContainText('Thermoplastische Tapes');

  await organisations.editButton.click();
  const edit = organisations.formDialog('Organisation bearbeiten');
  await expect(organisations.field(edit, 'Name')).toHaveValue('Composites Atlantique SAS');
  await organisations.field(edit, 'Beschäftigte').fill('300');
  await expect(edit.getByText('Größenklasse: Groß (laut Einstellungen)')).toBeVisible();
  await organisations.field(edit, 'Region/Bundesland').fill('Pays de la Loire');
  await shot(page, testInfo, 'organisation-edit');
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(edit).toBeHidden();
  await expect(organisations.notice).toHaveText('Gespeichert.');
  await expect(organisations.fact('Beschäftigte')).toHaveText('300 (Groß)');
  await expect(organisations.fact('Anschrift')).toContainText('Pays de la Loire');
  const latest = organisations.historyList.getByRole('listitem').first();
  await expect(latest).toContainText('Bearbeitet');
  await expect(latest).toContainText('Beschäftigte: 120 → 300');
  await expect(latest).toContainText('Region/Bundesland: (leer) → „Pays de la Loire“');

  // Saving without a change sends nothing and says so.
  await organisations.editButton.click();
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(organisations.notice).toHaveText('Keine Änderungen.');

  await organisations.backLink.click();
  await expect(organisations.count).toHaveText('41 Organisationen');
  await expect(organisations.link('Composites Atlantique SAS')).toBeVisible();

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});

test('consent recorded by hand: given with its wording, then withdrawn after a confirmation', async ({ app, shell, contacts, page }, testInfo) => {
  const problems = await watchPageProblems(page);
  await shell.open(app.url);
  await shell.nav('Kontakte');
  await contacts.search.fill('Nadine Scholz');
  await contacts.row('Nadine Scholz').click();
  const drawer = contacts.drawer('Frau Nadine Scholz');
  const consents = contacts.drawerSection(drawer, 'Einwilligungen');
  await expect(consents).toContainText('Keine Einwilligung erfasst.');

  await consents.getByRole('button', { name: 'Einwilligung erfassen' }).click();
  const form = contacts.consentForm(drawer);
  await expect(form.getByRole('textbox', { name: 'Quelle' })).toBeFocused();
  await form.getByRole('button', { name: 'Einwilligung speichern' }).click();
  await expect(form.getByText('Bitte geben Sie die Quelle an.')).toBeVisible();
  await expect(form.getByText('Bitte geben Sie die Version des Einwilligungstexts an – ohne sie lässt sich die Einwilligung nicht nachweisen.')).toBeVisible();
  await form.getByRole('textbox', { name: 'Quelle' }).fill('Messe JEC 2026, Formular unterschrieben');
  await form.getByRole('textbox', { name: 'Version des Einwilligungstexts' }).fill('Newsletter-Einwilligung v3 (2026)');
  await form.getByRole('textbox', { name: 'Nachweis (optional)' }).fill('Anmeldebogen, Ordner Messe 2026/11');
  await shot(page, testInfo, 'consent-given');
  await form.getByRole('button', { name: 'Einwilligung speichern' }).click();
  await expect(form).toBeHidden();
  await expect(consents.getByRole('status')).toHaveText('Einwilligung gespeichert.');
  const table = consents.getByRole('table', { name: 'Einwilligungen' });
  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText('Newsletter');
  await expect(first).toContainText('erteilt');
  await expect(first).toContainText('Messe JEC 2026, Formular unterschrieben');
  await expect(first).toContainText('Newsletter-Einwilligung v3 (2026)');
  await expect(first).toContainText('Anmeldebogen, Ordner Messe 2026/11');
  await expect(consents.getByText('liegt vor', { exact: true })).toHaveCount(1);
  const log = contacts.drawerSection(drawer, 'Änderungsprotokoll');
  await expect(log.getByRole('listitem').first()).toContainText('Einwilligung erteilt: Newsletter');

  // Withdrawn by phone: the question comes first, and Escape there only answers it.
  await consents.getByRole('button', { name: 'Widerruf erfassen' }).click();
  await expect(form.getByRole('radio', { name: 'widerrufen' })).toBeChecked();
  await expect(form.getByRole('textbox', { name: 'Version des Einwilligungstexts' })).toHaveCount(0);
  await form.getByRole('textbox', { name: 'Quelle' }).fill('Telefonat 21.11.2026');
  await form.getByRole('button', { name: 'Widerruf speichern' }).click();
  await expect(contacts.withdrawDialog).toContainText('Nadine Scholz erhält danach für „Newsletter“ keine E-Mails mehr an');
  await shot(page, testInfo, 'consent-withdraw-confirm');
  await page.keyboard.press('Escape');
  await expect(contacts.withdrawDialog).toBeHidden();
  await expect(drawer).toBeVisible();
  await expect(table.getByRole('row')).toHaveCount(2);

  await form.getByRole('button', { name: 'Widerruf speichern' }).click();
  await contacts.withdrawDialog.getByRole('button', { name: 'Ja, widerrufen' }).click();
  await expect(consents.getByRole('status')).toHaveText('Widerruf gespeichert.');
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table.getByRole('row').nth(1)).toContainText('widerrufen');
  await expect(table.getByRole('row').nth(1)).toContainText('Telefonat 21.11.2026');
  await expect(consents.getByText('liegt vor', { exact: true })).toHaveCount(0);
  await expect(log.getByRole('listitem').first()).toContainText('Einwilligung widerrufen: Newsletter');

  // The table behind follows: no newsletter consent for her any more.
  await drawer.getByRole('button', { name: 'Schließen' }).click();
  await expect(contacts.row('Nadine Scholz').getByRole('img', { name: 'Keine Newsletter-Einwilligung' })).toBeVisible();

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});
