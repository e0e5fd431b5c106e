import { expect, test } from './fixtures';

/** The member organisations of the demo cluster that nobody passes information on in. */
const WITHOUT_KEY_CONTACT = ['Harzer Leichtmetallguss GmbH', 'Muldental Automotive Systems GmbH', 'Tankwerk Bitterfeld GmbH'];

test('the "without key contact" switch shows the three member organisations', async ({ app, shell, organisations }) => {
  await shell.open(app.url);
  await shell.nav('Organisationen');
  await expect(shell.heading('Organisationen')).toBeVisible();
  await expect(organisations.count).toHaveText('40 Organisationen');

  await organisations.withoutKeyContact.check();
  await expect(organisations.count).toHaveText('3 Organisationen');
  await expect(organisations.rows).toHaveCount(3);
  for (const name of WITHOUT_KEY_CONTACT) await expect(organisations.link(name)).toBeVisible();
  await expect(organisations.membership('Mitglieder')).toBeChecked();
  await expect(organisations.table.getByRole('img', { name: /Keine Ansprechperson/ })).toHaveCount(3);

  // Another membership ends the filter, which only makes sense for members.
  await organisations.chooseMembership('Extern');
  await expect(organisations.withoutKeyContact).not.toBeChecked();
  await expect(organisations.rows.first()).toBeVisible();
});

test('an organisation without key contact shows the warning and its people; naming one clears it', async ({ app, shell, organisations, contacts, page }) => {
  await shell.open(app.url);
  await page.goto(new URL('#/organisations?nokey=1', app.baseUrl).href);
  await organisations.link('Muldental Automotive Systems GmbH').click();
  await expect(shell.heading('Muldental Automotive Systems GmbH')).toBeVisible();
  await expect(organisations.noKeyContactWarning).toContainText(
    'Keine Ansprechperson: Informationen kommen hier womöglich nicht an. Markieren Sie eine Person als Ansprechpartner·in.',
  );
  await expect(organisations.people.getByRole('row')).toHaveCount(1 + 6);
  await expect(organisations.person('Uwe Fischer')).toBeVisible();

  const website = organisations.website;
  await expect(website).toHaveAttribute('href', 'https://www.muldental-automotive.example/');
  await expect(website).toHaveAttribute('target', '_blank');
  await expect(website).toHaveAttribute('rel', 'noopener noreferrer');

  // Make Uwe Fischer the key contact from his drawer: the warning goes.
  await organisations.person('Uwe Fischer').click();
  const drawer = contacts.drawer('Herr Uwe Fischer');
  await drawer.getByRole('button', { name: 'Bearbeiten' }).click();
  await drawer.getByRole('switch', { name: /Ansprechpartner·in/ }).check();
  await drawer.getByRole('button', { name: 'Speichern' }).click();
  await expect(drawer.getByRole('status')).toHaveText('Gespeichert.');
  await drawer.getByRole('button', { name: 'Schließen' }).click();
  await expect(drawer).toBeHidden();
  await expect(organisations.noKeyContactWarning).toHaveCount(0);

  // Back to the list as it was left: the switch is still on, now with two organisations.
  await organisations.backLink.click();
  await expect(organisations.withoutKeyContact).toBeChecked();
  await expect(organisations.count).toHaveText('2 Organisationen');
});

test('the dashboard warning links to the organisations without key contact', async ({ app, shell, organisations, page }) => {
  await shell.open(app.url);
  await expect(shell.heading('Übersicht')).toBeVisible();
  await page.getByRole('link', { name: 'Diese Organisationen anzeigen' }).click();
  await expect(shell.heading('Organisationen')).toBeVisible();
  await expect(shell.navLink('Organisationen')).toHaveAttribute('aria-current', 'page');
  await expect(organisations.withoutKeyContact).toBeChecked();
  await expect(organisations.rows).toHaveCount(3);
  for (const name of WITHOUT_KEY_CONTACT) await expect(organisations.link(name)).toBeVisible();
});
