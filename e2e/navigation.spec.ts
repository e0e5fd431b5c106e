import { expect, test } from './fixtures';

const SECTIONS = ['Übersicht', 'Kontakte', 'Organisationen', 'Zielgruppen', 'Meldungen & Vorlagen', 'Newsletter & Mailings', 'Planung', 'Versand', 'Einstellungen'] as const;

test('every navigation entry opens its page, and Back returns to the previous one', async ({ app, shell, page }) => {
  await shell.open(app.url);
  await expect(shell.heading('Übersicht')).toBeVisible();
  await expect(shell.navigation('Hauptnavigation').getByRole('link')).toHaveCount(SECTIONS.length);

  // Start from the last entry so that opening "Übersicht" is a real change, too.
  await shell.nav('Einstellungen');
  await expect(shell.heading('Einstellungen')).toBeVisible();
  for (const name of SECTIONS) {
    await shell.nav(name);
    await expect(shell.heading(name)).toBeVisible();
    await expect(shell.navLink(name)).toHaveAttribute('aria-current', 'page');
    await expect(page).toHaveTitle(`${name} · Spillover`);
  }

  // History: Versand ← Planung ← Meldungen & Vorlagen.
  await page.goBack();
  await expect(shell.heading('Versand')).toBeVisible();
  await expect(shell.navLink('Versand')).toHaveAttribute('aria-current', 'page');
  await page.goBack();
  await expect(shell.heading('Planung')).toBeVisible();
  await page.goForward();
  await expect(shell.heading('Versand')).toBeVisible();
});

test('a section can be opened directly by its address and survives a reload', async ({ app, shell, page }) => {
  await shell.open(app.url);
  await expect(shell.heading('Übersicht')).toBeVisible();
  await page.goto(new URL('#/segments', app.baseUrl).href);
  await expect(shell.heading('Zielgruppen')).toBeVisible();
  await page.reload();
  await expect(shell.heading('Zielgruppen')).toBeVisible();
});
