import { fetchDashboard } from './api';
import { expect, test } from './fixtures';

test.describe('Übersicht (German)', () => {
  test('shows the demo cluster counts the API reports', async ({ app, shell, dashboard, request, page }) => {
    await shell.open(app.url);
    await expect(shell.heading('Übersicht')).toBeVisible();
    await expect(page).toHaveTitle('Übersicht · Spillover');

    // The demo cluster is fixed: 40 organisations, 150 persons.
    await expect(dashboard.statValue('Organisationen')).toHaveText('40');
    await expect(dashboard.statValue('Personen')).toHaveText('150');

    // The other figures are compared with what the API says, not hard-coded.
    const api = await fetchDashboard(request, app);
    expect(api.organisations.total).toBe(40);
    expect(api.persons.total).toBe(150);
    expect(await dashboard.count('Organisationen')).toBe(api.organisations.total);
    expect(await dashboard.count('Personen')).toBe(api.persons.total);
    await expect(dashboard.statValue('Ansprechpartner·innen')).toHaveText(api.persons.keyContacts.toLocaleString('de-DE'));
    expect(await dashboard.count('Ansprechpartner·innen')).toBe(api.persons.keyContacts);
    expect(await dashboard.count('Newsletter-Einwilligung')).toBe(api.persons.newsletterConsent);
    expect(api.persons.keyContacts).toBeGreaterThan(0);
    expect(api.persons.newsletterConsent).toBeGreaterThan(0);

    // Hint under the organisations count adds up the memberships.
    const m = api.organisations.byMembership;
    await expect(dashboard.stat('Organisationen')).toContainText(
      `${m.member} Mitglieder, ${m.partner_abroad} Partner im Ausland, ${m.external} extern`,
    );

    // The warning about member organisations nobody passes information on to.
    expect(api.members.withoutKeyContact).toBe(3);
    await expect(page.getByText('3 Mitgliedsorganisationen haben keine Ansprechperson', { exact: false })).toBeVisible();

    // The three R&D projects of the demo cluster.
    const projects = dashboard.projects();
    for (const acronym of ['COMPOSITE-SA', 'H2TANK-SG', 'TIMBERLIGHT-QC']) {
      await expect(projects.getByText(acronym, { exact: true })).toBeVisible();
    }
    await expect(projects.getByRole('row')).toHaveCount(1 + api.projects.length);
    expect(api.projects.map((p) => p.acronym).sort()).toEqual(['COMPOSITE-SA', 'H2TANK-SG', 'TIMBERLIGHT-QC']);
  });
});
