import { contactTotal } from './contactsApi';
import { expect, test } from './fixtures';
import { callApi, importFile } from './importApi';

const TITLES = {
  bounced: 'Unzustellbar (bounced)',
  noConsent: 'Ohne Einwilligung',
  recontactDue: 'Wiedervorlage fällig',
} as const;

test('the upkeep cards show the counts of upkeep/get; "Unzustellbar" opens the list, where all three are marked verified', async ({ app, request, shell, contacts, upkeep, page }) => {
  const data = await callApi(request, app, 'upkeep/get', {});
  await shell.open(app.url);
  await shell.nav('Kontakte');
  await contacts.tab('Kontaktpflege').click();
  await expect(page).toHaveURL(/#\/contacts\/upkeep$/);

  for (const list of data.lists) {
    const title = list.key === 'stale' ? `Nicht geprüft seit ${data.staleAfterMonths} Monaten` : TITLES[list.key];
    await expect(upkeep.count(title)).toHaveText(String(list.count));
  }
  for (const o of data.organisationsWithoutKeyContact) {
    await expect(upkeep.organisationsWithoutKeyContact.getByRole('link', { name: o.name, exact: true })).toBeVisible();
  }

  const bounced = data.lists.find((l) => l.key === 'bounced');
  expect(bounced?.count).toBe(3);
  expect(await contactTotal(request, app, 'status:bounced stale:yes')).toBeGreaterThan(0);

  await upkeep.openList(TITLES.bounced).click();
  await expect(contacts.search).toHaveValue('status:bounced');
  await expect(contacts.count).toHaveText('3 Personen');
  await contacts.grid.getByRole('checkbox', { name: 'Alle Treffer auswählen' }).click();
  await expect(contacts.bulkBar).toContainText('3 ausgewählt');
  await contacts.bulk('Als geprüft markieren');
  const dialog = contacts.bulkDialog('Als geprüft markieren');
  await expect(dialog).toContainText('Gilt für 3 ausgewählte Personen.');
  await dialog.getByRole('button', { name: 'Anwenden' }).click();
  await expect(contacts.notice).toContainText('3 geändert');
  await expect(contacts.bodyRows.filter({ hasText: 'nie' })).toHaveCount(0);
  expect(await contactTotal(request, app, 'status:bounced stale:yes')).toBe(0);

  // Back to the cards: the organisation link leads to its page.
  await page.goBack();
  const first = data.organisationsWithoutKeyContact[0];
  if (first) {
    await upkeep.organisationsWithoutKeyContact.getByRole('link', { name: first.name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: first.name })).toBeVisible();
  }
});

test('a person imported a second time under another address shows up as a duplicate and is merged into one', async ({ app, request, shell, contacts, upkeep, page }) => {
  const { rows } = await callApi(request, app, 'contacts/list', { query: 'status:active', limit: 1 });
  const demo = rows[0]!;
  const name = `${demo.firstName} ${demo.lastName}`;
  // Same name, a private address and a phone number: the import cannot tell it is the same person.
  await importFile(request, app, 'visitenkarten.csv', Buffer.from(`Vorname;Nachname;E-Mail;Mobil\r\n${demo.firstName};${demo.lastName};privat.${demo.id}@mail.example;+49 171 5550123\r\n`, 'utf8'), 'Visitenkarten');
  expect(await contactTotal(request, app, name)).toBe(2);

  await shell.open(app.url);
  await shell.nav('Kontakte');
  await contacts.tab('Dubletten').click();
  const group = upkeep.duplicateGroup(`${name} / ${name}`);
  await expect(group).toContainText('Gleicher Name');
  await expect(group).toContainText(demo.email!);
  await expect(group).toContainText(`privat.${demo.id}@mail.example`);
  await group.getByRole('button', { name: 'Zusammenführen' }).click();

  const dialog = upkeep.mergeDialog;
  // The older record (the demo person) stays by default; the e-mail stays hers, the mobile number comes from the card.
  await expect(dialog.getByRole('radiogroup', { name: 'Welche Person bleibt erhalten?' }).getByRole('radio', { name: `${name} (${demo.email!})` })).toBeChecked();
  const email = dialog.getByRole('radiogroup', { name: 'E-Mail', exact: true });
  await expect(email.getByRole('radio', { name: demo.email!, exact: true })).toBeChecked();
  // Second column: the value of the person merged in.
  await dialog.getByRole('radiogroup', { name: 'Mobil', exact: true }).getByRole('radio').nth(1).check();
  await expect(dialog).toContainText('bleibt als weitere Adresse der Person gespeichert');
  await dialog.getByRole('button', { name: 'Zusammenführen' }).click();

  await expect(dialog).toBeHidden();
  await expect(upkeep.status).toContainText(`${name} wurde mit ${name} zusammengeführt.`);
  await expect(upkeep.noDuplicates).toBeVisible();
  expect(await contactTotal(request, app, name)).toBe(1);
  const kept = await callApi(request, app, 'contacts/get', { id: demo.id });
  expect(kept.email).toBe(demo.email);
  expect(kept.mobile).toContain('5550123');
  await expect(page).toHaveURL(/#\/contacts\/duplicates$/);
});
