import { expect, test } from './fixtures';
import { watchPageProblems } from './pageProblems';

// Kontakte and Organisationen use the most components (virtual table, drawer, dialogs, selects, tooltips):
// each must run under the CSP without errors. The screenshots are for humans (test-results/…); nothing is compared.
test('the contact and organisation screens run without console errors or CSP violations', async ({ app, shell, contacts, organisations, page }, testInfo) => {
  const problems = await watchPageProblems(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  const shot = async (name: string): Promise<void> => {
    const file = testInfo.outputPath(`${name}.png`);
    await page.screenshot({ path: file });
    await testInfo.attach(name, { path: file, contentType: 'image/png' });
  };

  await shell.open(app.url);
  await shell.nav('Kontakte');
  await expect(contacts.count).toHaveText('150 Personen');
  await expect(contacts.bodyRows.first()).toContainText('@');
  await shot('contacts');

  // The table is virtual: far fewer rows exist than there are persons.
  expect(await contacts.bodyRows.count()).toBeLessThan(80);

  await contacts.filterToggle.click();
  await contacts.chooseFilter('Art der Organisation', 'Forschungseinrichtung');
  await expect(contacts.search).toHaveValue('kind:research_institute');
  await expect(contacts.count).not.toHaveText('150 Personen');
  await shot('contacts-filter');
  await contacts.filterToggle.click();

  await contacts.row('Dr.').first().click();
  const drawer = contacts.drawer();
  await expect(drawer.getByRole('region', { name: 'Einwilligungen' })).toBeVisible();
  await shot('contacts-drawer');
  await drawer.getByRole('button', { name: 'Bearbeiten' }).click();
  await drawer.getByRole('combobox', { name: 'Sprache' }).click();
  await page.keyboard.press('Escape');
  await drawer.getByRole('button', { name: 'Abbrechen' }).click();
  await drawer.getByRole('button', { name: 'Schließen' }).click();
  await expect(drawer).toBeHidden();

  await contacts.selectBox(contacts.bodyRows.first()).check();
  await contacts.bulk('Thema hinzufügen');
  await expect(contacts.bulkDialog('Thema hinzufügen')).toBeVisible();
  await contacts.bulkDialog('Thema hinzufügen').getByRole('button', { name: 'Abbrechen' }).click();

  await shell.nav('Organisationen');
  await organisations.withoutKeyContact.check();
  await expect(organisations.rows).toHaveCount(3);
  await organisations.table.getByRole('img', { name: /Keine Ansprechperson/ }).first().hover();
  await shot('organisations-without-key-contact');
  await organisations.link('Tankwerk Bitterfeld GmbH').click();
  await expect(organisations.noKeyContactWarning).toBeVisible();
  await shot('organisation');

  expect(await problems.cspViolations()).toEqual([]);
  expect(problems.errors).toEqual([]);
});
