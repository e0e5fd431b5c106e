import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { watchPageProblems } from './pageProblems';
import { ContentPage } from './pages/ContentPage';

const FIXTURES = path.resolve(__dirname, '../../shared/fixtures/mjml-templates');
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

test('create an item with German and English text, find it by search and filter, and see field messages', async ({ app, shell, page }) => {
  const problems = await watchPageProblems(page);
  const content = new ContentPage(page);
  await shell.open(app.url);
  await shell.nav('Meldungen & Vorlagen');
  await expect(shell.heading('Meldungen & Vorlagen')).toBeVisible();
  await expect(content.tab('Meldungen')).toHaveAttribute('aria-selected', 'true');
  // The demo library is there.
  await expect(content.itemLink('Québec erlaubt Holz-Hybrid-Gebäude bis zwölf Geschosse')).toBeVisible();

  await content.newItem.click();
  await expect(content.editor).toBeVisible();
  await content.titleInput.fill('Prüfzentrum in Magdeburg eröffnet');
  await content.bodyInput.fill('Das neue **Prüfzentrum** für Faserverbundbauteile nimmt im Januar den Betrieb auf.');
  await content.languageTab('Englisch').click();
  await content.titleInput.fill('Test centre opens in Magdeburg');
  await content.bodyInput.fill('The new **test centre** for composite parts starts operating in January.');

  // Project group without a project: the message stands at the field, nothing is saved.
  await content.level('Projektgruppe').click();
  await content.save.click();
  await expect(content.editor.getByText('Wählen Sie das Projekt, dessen Projektgruppe die Meldung lesen darf.')).toBeVisible();
  await content.groupProject.click();
  await page.getByRole('option', { name: /^COMPOSITE-SA/ }).click();
  await expect(content.editor.getByText('Wählen Sie das Projekt, dessen Projektgruppe die Meldung lesen darf.')).toHaveCount(0);

  // An image that is not one: a clear message naming the file.
  await content.imageInput.setInputFiles({ name: 'bericht.png', mimeType: 'image/png', buffer: Buffer.from('%PDF-1.7 this is a PDF') });
  await expect(content.uploadError).toHaveText('bericht.png ist kein Bild (PNG, JPEG, GIF oder WebP). Wählen Sie eine Bilddatei.');
  // A real image: previewed, and it needs its description before the item can be saved.
  await content.imageInput.setInputFiles({ name: 'pruefzentrum.png', mimeType: 'image/png', buffer: Buffer.from(PNG_1X1, 'base64') });
  await expect(content.uploadError).toHaveCount(0);
  await expect(content.editor.getByText('pruefzentrum.png · 1 × 1 px · 1 KB')).toBeVisible();
  await content.save.click();
  await expect(content.editor.getByText('Beschreiben Sie das Bild in wenigen Worten (Alternativtext).')).toBeVisible();
  await content.editor.getByRole('textbox', { name: 'Bildbeschreibung (Alternativtext)' }).fill('Prüfstand mit eingespanntem Faserverbundträger');
  await expect(content.editor.getByRole('img', { name: 'Prüfstand mit eingespanntem Faserverbundträger' })).toBeVisible();

  await content.save.click();
  await expect(content.editor.getByRole('status').getByText('Gespeichert.')).toBeVisible();
  await content.close.click();
  await expect(content.editor).toBeHidden();

  // Search as you type, with ä = ae, over both languages.
  await content.search.fill('pruefzentrum');
  await expect(content.itemLink('Prüfzentrum in Magdeburg eröffnet')).toBeVisible();
  await expect(content.count).toHaveText('1 Meldung');
  await content.search.fill('test centre');
  await expect(content.count).toHaveText('1 Meldung');
  await content.search.fill('');
  await content.chooseFilter('Vertraulichkeit', 'Projektgruppe');
  await expect(content.itemLink('Prüfzentrum in Magdeburg eröffnet')).toBeVisible();
  await content.chooseFilter('Projekt', 'COMPOSITE-SA');
  await expect(content.count).toHaveText('2 Meldungen');
  await content.chooseFilter('Projekt', 'H2TANK-SG');
  await expect(content.itemLink('Prüfzentrum in Magdeburg eröffnet')).toHaveCount(0);

  // Reopened, both languages are there.
  await content.main.getByRole('button', { name: 'Filter zurücksetzen' }).click();
  await content.itemLink('Prüfzentrum in Magdeburg eröffnet').click();
  await expect(content.titleInput).toHaveValue('Prüfzentrum in Magdeburg eröffnet');
  await content.languageTab('Englisch').click();
  await expect(content.titleInput).toHaveValue('Test centre opens in Magdeburg');
  // The refused upload is the one failed request (the browser logs every 4xx answer).
  expect(problems.errors).toEqual(['console.error: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  expect(await problems.cspViolations()).toEqual([]);
});

test('templates: import a fixture, duplicate it, break the MJML and see the line', async ({ app, shell, page }, testInfo) => {
  const problems = await watchPageProblems(page);
  const content = new ContentPage(page);
  await shell.open(app.url);
  await shell.nav('Meldungen & Vorlagen');
  await content.tab('Vorlagen').click();
  await expect(content.templateLink('Newsletter (Deutsch)')).toBeVisible();

  const file = path.join(FIXTURES, 'welcome-email.mjml');
  await content.importInput.setInputFiles({ name: 'welcome-email.mjml', mimeType: 'application/octet-stream', buffer: fs.readFileSync(file) });
  await expect(page).toHaveURL(/#\/content\/templates\/\d+$/);
  await expect(content.main.getByText('„welcome-email“ wurde importiert.')).toBeVisible();
  await expect(content.templateName).toHaveValue('welcome-email');
  await expect(content.main.getByText('Keine Probleme gefunden.')).toBeVisible();

  await content.duplicate.click();
  await expect(content.main.getByText('Kopie „welcome-email (Kopie)“ angelegt.')).toBeVisible();
  await expect(content.templateName).toHaveValue('welcome-email (Kopie)');

  // Break it: delete the closing </mj-column> of the first column; the problem names its line.
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const closing = lines.findIndex((l) => l.includes('</mj-column>'));
  const openLine = lines.slice(0, closing).map((l, i) => ({ l, i })).filter(({ l }) => l.includes('<mj-column')).pop()!.i + 1;
  await content.code.click();
  await page.keyboard.press('ControlOrMeta+Home');
  for (let i = 0; i < closing; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  // Checked while typing, before any save.
  await expect(content.problems).toContainText(`Fehler, Zeile ${openLine}: <mj-column> aus Zeile ${openLine} ist vor </mj-section> in Zeile `);
  // Leaving the editor unsaved and coming back brings the edits back.
  await content.main.getByRole('link', { name: 'Alle Vorlagen' }).click();
  await content.templateLink('welcome-email (Kopie)').click();
  await expect(content.main.getByText('Ihre ungespeicherten Änderungen sind wiederhergestellt. Speichern Sie, um sie zu behalten.')).toBeVisible();
  await expect(content.problems).toContainText(`Zeile ${openLine}`);
  await content.saveTemplate.click();
  await expect(content.main.getByText('Gespeichert – mit einem Fehler, siehe unten. Ihr Text ist gesichert.')).toBeVisible();
  await expect(content.problems).toContainText(`Fehler, Zeile ${openLine}: <mj-column> aus Zeile ${openLine} ist vor </mj-section> in Zeile `);
  await expect(content.main.locator(`[data-problem-line="${openLine}"]`)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('content-template-problem-de.png'), fullPage: true });

  // The text was kept: reloading shows the broken version with its problem.
  await page.reload();
  await expect(content.problems).toContainText(`Zeile ${openLine}`);
  expect(problems.errors).toEqual([]);
  expect(await problems.cspViolations()).toEqual([]);
});

test('keyboard: a new item from the search box without the mouse', async ({ app, shell, page }) => {
  const content = new ContentPage(page);
  await shell.open(app.url);
  await shell.nav('Meldungen & Vorlagen');
  await content.search.focus();
  await page.keyboard.press('Tab');
  await expect(content.newItem).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(content.titleInput).toBeFocused();
  await page.keyboard.type('Tastatur-Meldung');
  // Enter in a field saves, like every form here.
  await page.keyboard.press('Enter');
  await expect(content.editor.getByRole('status').getByText('Gespeichert.')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(content.editor).toBeHidden();
  await expect(content.itemLink('Tastatur-Meldung')).toBeVisible();
});

// For humans to look at; nothing is compared. CONTENT_SCREENSHOTS=/some/dir puts copies there.
test('screenshots of the content screens in German and English', async ({ app, shell, page }, testInfo) => {
  const content = new ContentPage(page);
  await page.setViewportSize({ width: 1440, height: 1000 });
  // Dialogs are shot without fullPage: a full-page shot scrolls the page behind the fixed overlay.
  const shot = async (name: string, fullPage = !name.startsWith('editor')): Promise<void> => {
    const file = process.env.CONTENT_SCREENSHOTS ? `${process.env.CONTENT_SCREENSHOTS}/content-${name}.png` : testInfo.outputPath(`content-${name}.png`);
    await page.screenshot({ path: file, fullPage, animations: 'disabled' });
    await testInfo.attach(`content-${name}`, { path: file, contentType: 'image/png' });
  };
  await shell.open(app.url);
  await shell.nav('Meldungen & Vorlagen');
  await expect(content.itemLink('Québec erlaubt Holz-Hybrid-Gebäude bis zwölf Geschosse')).toBeVisible();
  await shot('items-de');
  await content.itemLink('Gespräche über eine Pilotlieferung an den Hafen Singapur').click();
  await expect(content.editor).toBeVisible();
  await shot('editor-de');
  await content.close.click();
  await content.tab('Vorlagen').click();
  await expect(content.templateLink('Newsletter (Deutsch)')).toBeVisible();
  await shot('templates-de');
  await content.templateLink('Newsletter (Deutsch)').click();
  await expect(content.code).toBeVisible();
  await shot('template-editor-de');

  await shell.switchLanguage('EN');
  await content.tab('Templates').click();
  await expect(page.getByRole('table', { name: 'Templates' })).toBeVisible();
  await shot('templates-en');
  await content.tab('Items').click();
  await expect(page.getByRole('table', { name: 'Items' })).toBeVisible();
  await shot('items-en');
  await page.getByRole('button', { name: 'New item' }).click();
  await page.getByRole('dialog').getByText('Project group', { exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('dialog').getByText('Choose the project whose project group may read the item.')).toBeVisible();
  await shot('editor-en');
});
