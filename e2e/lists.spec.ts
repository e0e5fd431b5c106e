/**
 * Kontakte › Themen & Schlagwörter: topics and tags renamed inline, merged and deleted, with the persons
 * filter agreeing afterwards. The screen and its dialogs are photographed for a human (/tmp/forms-*.png).
 */
import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { TopicList, type TopicRow } from '../shared/contacts/lists';
import { contactTotal } from './contactsApi';
import { expect, test, type App } from './fixtures';
import { watchPageProblems, type PageProblems } from './pageProblems';
import type { AppShellPage } from './pages/AppShellPage';
import type { ContactsPage } from './pages/ContactsPage';

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = `/tmp/forms-${name}.png`;
  await page.screenshot({ path: file, animations: 'disabled' });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/** The topics with their uses, as the API reports them, to compare the screen with. */
async function topics(request: APIRequestContext, app: App): Promise<TopicRow[]> {
  const res = await request.post(new URL('api/topics/list', app.baseUrl).href, {
    headers: { 'X-Spillover-Token': app.token, 'Content-Type': 'application/json' },
    data: {},
  });
  const envelope: unknown = await res.json();
  if (typeof envelope !== 'object' || envelope === null || !('ok' in envelope) || envelope.ok !== true || !('value' in envelope)) {
    throw new Error(`topics/list returned no value: ${JSON.stringify(envelope)}`);
  }
  return TopicList.parse(envelope.value).rows;
}

/** Watches the page from the start, then opens Kontakte › Themen & Schlagwörter. */
async function openLists(page: Page, app: App, shell: AppShellPage, contacts: ContactsPage): Promise<PageProblems> {
  const problems = await watchPageProblems(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  await shell.open(app.url);
  await shell.nav('Kontakte');
  await contacts.tab('Themen & Schlagwörter').click();
  await expect(page).toHaveURL(/#\/contacts\/lists$/);
  return problems;
}

test('rename a topic inline; a name that exists is refused with what to do', async ({ app, request, shell, lists, contacts, page }, testInfo) => {
  const problems = await openLists(page, app, shell, contacts);
  const before = (await topics(request, app)).find((t) => t.name === 'Additive Fertigung')!;
  const row = lists.row('Themen', 'Additive Fertigung');
  await expect(row).toContainText(String(before.persons));
  await shot(page, testInfo, 'lists');

  await lists.renameButton('Themen', 'Additive Fertigung').click();
  const input = lists.renameInput('Themen', 'Additive Fertigung');
  await expect(input).toBeFocused();
  // Another topic's name in other letters: refused, and the message says to merge instead.
  await input.fill('wasserstofftanks');
  await input.press('Enter');
  await expect(lists.section('Themen')).toContainText(
    'Es gibt schon ein Thema „Wasserstofftanks“. Um beide zusammenzulegen, wählen Sie bei „Additive Fertigung“ „Zusammenführen in …“.',
  );
  await shot(page, testInfo, 'lists-rename-clash');
  // Escape gives up without a change.
  await input.press('Escape');
  await expect(input).toBeHidden();
  await expect(row).toBeVisible();

  await lists.renameButton('Themen', 'Additive Fertigung').click();
  await input.fill('3D-Druck und Additive Fertigung');
  await input.press('Enter');
  await expect(lists.notice('Themen')).toHaveText('„Additive Fertigung“ heißt jetzt „3D-Druck und Additive Fertigung“.');
  await expect(lists.row('Themen', '3D-Druck und Additive Fertigung')).toBeVisible();
  await expect(lists.row('Themen', 'Additive Fertigung')).toHaveCount(0);

  // The persons count leads to the contact list filtered by the new name.
  await lists.section('Themen').getByRole('link', { name: `Personen mit „3D-Druck und Additive Fertigung“ anzeigen (${before.persons})` }).click();
  await expect(contacts.search).toHaveValue('topic:"3D-Druck und Additive Fertigung"');
  await expect(contacts.count).toHaveText(`${await contactTotal(request, app, 'topic:"3D-Druck und Additive Fertigung"')} Personen`);

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});

test('merge one topic into another; a topic of an R&D project is not deleted but merged', async ({ app, request, shell, lists, contacts, page }, testInfo) => {
  const problems = await openLists(page, app, shell, contacts);
  const all = await topics(request, app);
  const holz = all.find((t) => t.name === 'Holz-Hybrid-Bau')!;
  const sim = all.find((t) => t.name === 'Simulation und Prüfung')!;
  expect(holz.projects).toBe(1);
  // The demo content library has items about it, too (shared/demo/content.ts).
  expect(holz.contentItems).toBeGreaterThan(0);

  // Deleting is refused up front: the dialog says why and offers the merge.
  await lists.deleteButton('Themen', 'Holz-Hybrid-Bau').click();
  const refuse = lists.deleteDialog('Holz-Hybrid-Bau');
  await expect(refuse.getByRole('alert')).toHaveText(
    `„Holz-Hybrid-Bau“ wird in F&E-Projekten (1) und Meldungen (${holz.contentItems}) verwendet und lässt sich deshalb nicht löschen. Führen Sie es stattdessen mit einem anderen Thema zusammen – Projekte und Meldungen wandern dann mit.`,
  );
  await expect(refuse.getByRole('button', { name: 'Löschen' })).toHaveCount(0);
  await shot(page, testInfo, 'lists-delete-refused');
  await refuse.getByRole('button', { name: 'Stattdessen zusammenführen …' }).click();

  const dialog = lists.mergeDialog('Holz-Hybrid-Bau');
  await expect(dialog).toContainText(`Personen (${holz.persons}), Organisationen (${holz.organisations}) und F&E-Projekte (1) mit „Holz-Hybrid-Bau“ erhalten stattdessen das gewählte Thema.`);
  // Nothing chosen yet: said under the field.
  await dialog.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
  await expect(dialog).toContainText('Bitte wählen Sie, womit „Holz-Hybrid-Bau“ zusammengeführt wird.');
  await dialog.getByRole('combobox', { name: 'Zusammenführen in' }).fill('Simul');
  await page.getByRole('option', { name: 'Simulation und Prüfung', exact: true }).click();
  await shot(page, testInfo, 'lists-merge');
  await dialog.getByRole('button', { name: 'Zusammenführen', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(lists.notice('Themen')).toHaveText('„Holz-Hybrid-Bau“ wurde mit „Simulation und Prüfung“ zusammengeführt.');
  await expect(lists.row('Themen', 'Holz-Hybrid-Bau')).toHaveCount(0);

  const after = (await topics(request, app)).find((t) => t.id === sim.id)!;
  expect(after.projects).toBe(sim.projects + 1);
  expect(after.persons).toBeGreaterThanOrEqual(Math.max(sim.persons, holz.persons));
  await expect(lists.row('Themen', 'Simulation und Prüfung')).toContainText(String(after.persons));

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});

test('delete a topic after confirming; add, rename and delete a tag', async ({ app, request, shell, lists, contacts, page }, testInfo) => {
  const problems = await openLists(page, app, shell, contacts);
  const auto = (await topics(request, app)).find((t) => t.name === 'Automatisierte Fertigung')!;
  expect(auto.projects).toBe(0);

  await lists.deleteButton('Themen', 'Automatisierte Fertigung').click();
  const dialog = lists.deleteDialog('Automatisierte Fertigung');
  await expect(dialog).toContainText(`„Automatisierte Fertigung“ wird bei ${auto.persons} Personen und ${auto.organisations} Organisationen entfernt und aus der Liste gelöscht.`);
  await expect(dialog).toContainText('Das lässt sich nicht rückgängig machen.');
  await shot(page, testInfo, 'lists-delete');
  // Cancel is where the focus starts: Enter on a stray dialog deletes nothing.
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Löschen' }).click();
  await expect(dialog).toBeHidden();
  await expect(lists.notice('Themen')).toHaveText('„Automatisierte Fertigung“ wurde gelöscht.');
  await expect(lists.row('Themen', 'Automatisierte Fertigung')).toHaveCount(0);
  expect((await topics(request, app)).some((t) => t.name === 'Automatisierte Fertigung')).toBe(false);

  // Tags: a new one, the same again in other letters (refused), renamed, deleted.
  await lists.add('Schlagwörter (Tags)', 'Hannover Messe 2027');
  await expect(lists.notice('Schlagwörter (Tags)')).toHaveText('„Hannover Messe 2027“ wurde angelegt.');
  await expect(lists.row('Schlagwörter (Tags)', 'Hannover Messe 2027')).toContainText('0');
  await lists.add('Schlagwörter (Tags)', 'hannover messe 2027');
  await expect(lists.section('Schlagwörter (Tags)')).toContainText('Das Schlagwort „Hannover Messe 2027“ gibt es schon.');
  await lists.addInput('Schlagwörter (Tags)').fill('');

  await lists.renameButton('Schlagwörter (Tags)', 'Hannover Messe 2027').click();
  await lists.renameInput('Schlagwörter (Tags)', 'Hannover Messe 2027').fill('Hannover Messe 2027 (Stand B12)');
  await lists.section('Schlagwörter (Tags)').getByRole('button', { name: 'Umbenennung speichern' }).click();
  await expect(lists.row('Schlagwörter (Tags)', 'Hannover Messe 2027 (Stand B12)')).toBeVisible();

  await lists.deleteButton('Schlagwörter (Tags)', 'Hannover Messe 2027 (Stand B12)').click();
  const tagDialog = lists.deleteDialog('Hannover Messe 2027 (Stand B12)');
  await expect(tagDialog).toContainText('wird nirgends verwendet');
  await tagDialog.getByRole('button', { name: 'Löschen' }).click();
  await expect(lists.notice('Schlagwörter (Tags)')).toHaveText('„Hannover Messe 2027 (Stand B12)“ wurde gelöscht.');
  await expect(lists.rows('Schlagwörter (Tags)')).toHaveCount(7);

  await shell.switchLanguage('EN');
  await expect(page.getByRole('main').getByRole('region', { name: 'Topics', exact: true })).toBeVisible();
  await expect(page.getByRole('main').getByRole('button', { name: 'Merge “Wasserstofftanks” into …' })).toBeVisible();
  await shot(page, testInfo, 'lists-en');

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});
