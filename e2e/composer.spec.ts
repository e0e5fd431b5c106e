import type { APIRequestContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { Envelope, contract, type Input, type Method, type Output } from '../shared/api';
import { expect, test, type App } from './fixtures';
import { watchPageProblems } from './pageProblems';
import { ComposerPage } from './pages/ComposerPage';

// The size the brief names: editor and preview side by side must be usable on a 1280×800 window.
test.use({ viewport: { width: 1280, height: 800 } });

/** Calls the browser shell's API like the renderer does, to compare the UI with it instead of hard-coding. */
async function api<M extends Method>(request: APIRequestContext, app: App, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await request.post(new URL(`api/${method}`, app.baseUrl).href, {
    headers: { 'X-Spillover-Token': app.token, 'Content-Type': 'application/json' },
    data: input,
  });
  const envelope = Envelope.parse(await res.json());
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return contract[method].output.parse(envelope.value) as Output<M>;
}

/** Public items of the demo library: fine for any audience. */
const TANKS = 'Singapur schreibt Tanksysteme für die Wasserstoff-Bunkerung im Hafen aus';
const QUEBEC = 'Québec erlaubt Holz-Hybrid-Gebäude bis zwölf Geschosse';
const JEC = 'JEC World 2027: Gemeinschaftsstand – Anmeldung bis 15. Januar';
/** Project group COMPOSITE-SA only. */
const FIBRES = 'Faserlängenanalyse: Zwischenergebnisse der Rückgewinnung';

async function newNewsletter(page: Page, app: App, c: ComposerPage, title: string): Promise<void> {
  await page.goto(app.url);
  await page.goto(new URL('#/newsletters', app.baseUrl).href);
  await c.newNewsletter.click();
  await c.createDialog.getByRole('textbox', { name: 'Titel' }).fill(title);
  await c.createDialog.getByRole('button', { name: 'Anlegen und gestalten' }).click();
  await expect(c.title).toHaveValue(title);
}

async function addItem(c: ComposerPage, title: string): Promise<void> {
  await c.librarySearch.fill(title.split(' ').slice(0, 2).join(' '));
  await c.addItem(title).click();
  await expect(c.chosenItem(title)).toBeVisible();
}

/** The body text of the previewed message, as the reader sees it. */
async function frameText(c: ComposerPage): Promise<string> {
  return (await c.frame.locator('body').innerText()).replace(/\s+/g, ' ');
}

test('a newsletter built from demo items, ordered by keyboard, previewed as three members and exported as .eml', async ({ app, page, request }) => {
  const problems = await watchPageProblems(page);
  const c = new ComposerPage(page);
  await newNewsletter(page, app, c, 'Cluster-News Test');

  // The iframe can run nothing and carries its own CSP.
  await expect(c.frameElement).toHaveAttribute('sandbox', '');
  const srcdoc = (await c.frameElement.getAttribute('srcdoc')) ?? '';
  expect(srcdoc).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; font-src data: https:">`);
  expect(srcdoc).not.toContain('script-src');

  // Pick three items; the newest goes last, then Alt+↑ twice brings it to the top.
  await addItem(c, TANKS);
  await addItem(c, QUEBEC);
  await addItem(c, JEC);
  await expect(c.chosen.getByRole('listitem')).toHaveText([TANKS, QUEBEC, JEC].map((x) => new RegExp(escape(x))));
  await c.chosenItem(JEC).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowUp');
  await expect(c.chosen.getByRole('listitem')).toHaveText([JEC, TANKS, QUEBEC].map((x) => new RegExp(escape(x))));
  await expect(c.chosenItem(JEC)).toBeFocused();
  // And with the buttons: Québec one up.
  await c.chosen.getByRole('button', { name: `„${QUEBEC}“ nach oben` }).click();
  await expect(c.chosen.getByRole('listitem')).toHaveText([JEC, QUEBEC, TANKS].map((x) => new RegExp(escape(x))));

  // The preview shows them in that order.
  await expect.poll(async () => {
    const text = await frameText(c);
    const at = [JEC, QUEBEC, TANKS].map((x) => text.indexOf(x.slice(0, 25)));
    return at.every((p) => p >= 0) && at[0]! < at[1]! && at[1]! < at[2]!;
  }).toBe(true);

  // A subject with a merge field and umlauts, typed in the German variant.
  await c.tab('Deutsch').click();
  await c.subject.fill('Neuigkeiten für ');
  await c.main.getByRole('button', { name: 'Betreff: Platzhalter einfügen' }).click();
  await page.getByRole('menuitem', { name: /Vorname/ }).click();
  await expect(c.subject).toHaveValue('Neuigkeiten für {{first_name|Mitglied}}');
  await c.subject.press('End');
  await c.subject.pressSequentially(' – März');
  await expect(c.previewSubject).toHaveText('Neuigkeiten für Erika – März');
  await c.tab(/^Meldungen/).click();

  // Audience: the TIMBERLIGHT-QC project group (members and partners in Québec, German and English).
  await c.chooseAudience('Projektgruppe TIMBERLIGHT-QC');
  await expect(c.main.getByTestId('audience-count')).toContainText('Empfänger·innen:');
  await expect(c.position).toHaveText(/^\d+ von \d+$/);
  const total = Number(/von (\d+)/.exec((await c.position.textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(3);

  // German formal.
  await previewAs(c, 'Böttcher');
  await expect.poll(() => frameText(c)).toContain('Sehr geehrte Frau Prof. Dr. Böttcher');
  // Next person: another greeting, one further in the audience.
  const before = await c.position.textContent();
  await c.next.click();
  await expect(c.position).not.toHaveText(before ?? '');
  await expect.poll(() => frameText(c)).not.toContain('Prof. Dr. Böttcher');

  // English: the English variant, "Dear …".
  await previewAs(c, 'Bouchard');
  await expect.poll(() => frameText(c)).toContain('Dear Ms Bouchard');

  // Divers: the neutral greeting with the full name.
  await previewAs(c, 'Robin Stein');
  await expect.poll(() => frameText(c)).toContain('Guten Tag Robin Stein');
  await expect(c.previewSubject).toHaveText('Neuigkeiten für Robin – März');

  // Export this person's message as .eml and read it: headers, multipart/alternative, text part first.
  await expect(c.exportButton('eml')).toBeEnabled();
  const download = page.waitForEvent('download');
  await c.exportButton('eml').click();
  const eml = readFileSync(await (await download).path(), 'utf8');
  const head = eml.slice(0, eml.search(/\r?\n\r?\n/));
  expect(head).toMatch(/^To: .*robin\.stein@/im);
  expect(head).toMatch(/^Subject: /m);
  expect(head).toMatch(/^MIME-Version: 1\.0/m);
  expect(head).toMatch(/^Content-Type: multipart\/alternative;/m);
  // No raw 8-bit text in headers: anything non-ASCII is RFC 2047 encoded.
  expect([...head].every((ch) => ch.charCodeAt(0) < 128)).toBe(true);
  expect(head).toContain('=?UTF-8?');
  const textAt = eml.search(/Content-Type: text\/plain/i);
  const htmlAt = eml.search(/Content-Type: text\/html/i);
  expect(textAt).toBeGreaterThan(0);
  expect(htmlAt).toBeGreaterThan(textAt);

  // Autosave: the issue on disk has the items in the chosen order and the audience.
  await expect(c.saveStatus).toHaveText(/^Gespeichert /);
  const saved = (await api(request, app, 'newsletters/list', {})).rows.find((r) => r.title === 'Cluster-News Test');
  expect(saved?.items).toBe(3);
  expect(saved?.segment).toBe('Projektgruppe TIMBERLIGHT-QC');

  expect(problems.errors).toEqual([]);
  expect(await problems.cspViolations()).toEqual([]);
});

test('the confidentiality guard stops a project-group item for all members, with its reason', async ({ app, page, request }) => {
  const c = new ComposerPage(page);
  await newNewsletter(page, app, c, 'Guard-Test');
  await addItem(c, JEC);
  await addItem(c, FIBRES);
  await expect(c.chosenItem(FIBRES).getByText(/^Projektgruppe/)).toBeVisible();
  // Drag and drop with the mouse: the second item by its handle above the first.
  const handle = c.chosen.getByRole('button', { name: `„${FIBRES}“ verschieben (ziehen, oder Leertaste und Pfeiltasten)` });
  const target = await c.chosenItem(JEC).boundingBox();
  const from = await handle.boundingBox();
  await page.mouse.move(from!.x + from!.width / 2, from!.y + from!.height / 2);
  await page.mouse.down();
  await page.mouse.move(from!.x + from!.width / 2, from!.y - 10, { steps: 5 });
  await page.mouse.move(from!.x + from!.width / 2, target!.y + 4, { steps: 10 });
  await page.mouse.up();
  await expect(c.chosen.getByRole('listitem')).toHaveText([FIBRES, JEC].map((x) => new RegExp(escape(x))));
  await c.chooseAudience('Alle Mitglieder, je Organisation eine Person');

  await expect(c.guard).toBeVisible();
  await expect(c.saveStatus).toHaveText(/^Gespeichert /);
  // The message is the service's own, for this draft.
  const id = Number(/#\/newsletters\/(\d+)/.exec(page.url())?.[1]);
  const detail = await api(request, app, 'newsletters/get', { id });
  const segments = (await api(request, app, 'segments/list', {})).rows;
  const all = segments.find((s) => s.name === 'Alle Mitglieder, je Organisation eine Person')!;
  const preview = await api(request, app, 'newsletters/preview', { id, language: 'de', draft: { segmentId: all.id, templateId: detail.templateId, maxItems: null, itemIds: detail.itemIds, variants: detail.variants } });
  expect(preview.guard.length).toBe(1);
  await expect(c.guard).toContainText(preview.guard[0]!.message);
  await expect(c.guard).toContainText(FIBRES);
  for (const f of ['eml', 'html', 'mjml'] as const) await expect(c.exportButton(f)).toBeDisabled();
  await expect(c.preview.getByText('Gesperrt, solange die Vertraulichkeit verletzt ist.')).toBeVisible();

  // Removing the item lifts it.
  await c.chosen.getByRole('button', { name: `„${FIBRES}“ entfernen` }).click();
  await expect(c.guard).toHaveCount(0);
  await expect(c.exportButton('eml')).toBeEnabled();
});

test('code view and blocks edit the same MJML; an MJML error shows its line; undo and redo', async ({ app, page }) => {
  const problems = await watchPageProblems(page);
  const c = new ComposerPage(page);
  await newNewsletter(page, app, c, 'Code-Test');
  await c.tab('Deutsch').click();

  // A text block edited in the block editor shows in the preview at once.
  const firstText = c.blocks.getByRole('textbox').first();
  await expect(firstText).toBeVisible();

  // From the block with the heading "Termine", "edit in code view" puts the caret on its first line.
  const events = c.blocks.getByRole('group').filter({ has: page.getByRole('textbox').filter({ hasText: /^Termine$/ }) });
  await events.getByRole('button', { name: /Im Code bearbeiten/ }).click();
  await expect(c.code).toBeVisible();
  await expect(c.code.locator('.cm-activeLine')).toContainText('<mj-section');
  // Change the heading to "Veranstaltungen" in the code.
  const heading = c.code.locator('.cm-line', { hasText: '>Termine</mj-text>' });
  await heading.click();
  await page.keyboard.press('End');
  for (let i = 0; i < '</mj-text>'.length; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 'Termine'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('Veranstaltungen');
  await expect.poll(() => frameText(c)).toContain('Veranstaltungen');
  expect(await frameText(c)).not.toContain('Termine');

  // The blocks read the same text.
  await c.showBlocks();
  await expect(c.blocks.getByRole('textbox').filter({ hasText: 'Veranstaltungen' })).toHaveCount(1);

  // Undo takes the edit back everywhere; redo brings it again.
  await c.undo.click();
  await expect.poll(() => frameText(c)).toContain('Termine');
  await expect(c.blocks.getByRole('textbox').filter({ hasText: 'Veranstaltungen' })).toHaveCount(0);
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => frameText(c)).toContain('Veranstaltungen');

  // An unknown element: MJML reports it with its line; clicking the problem puts the caret on that line.
  await c.blocks.getByRole('group').filter({ has: page.getByRole('textbox').filter({ hasText: /^Veranstaltungen$/ }) }).getByRole('button', { name: /Im Code bearbeiten/ }).click();
  const line = c.code.locator('.cm-line', { hasText: '>Veranstaltungen</mj-text>' });
  await line.click();
  await page.keyboard.press('End');
  await page.keyboard.type('<mj-bogus />');
  const problem = c.problems.getByRole('button', { name: /Inhalt Zeile \d+: Element mj-bogus/ });
  await expect(problem).toBeVisible();
  const problemLine = Number(/Zeile (\d+)/.exec((await problem.getAttribute('aria-label')) ?? '')?.[1]);
  await c.showBlocks();
  await problem.click();
  await expect(c.code).toBeVisible();
  await expect(c.code.locator('.cm-activeLine')).toContainText('mj-bogus');
  const lineNumbers = await c.main.locator('.cm-activeLineGutter').textContent();
  expect(Number(lineNumbers)).toBe(problemLine);

  // A syntax error keeps the text: the code stays, the blocks say where to fix it.
  await page.keyboard.press('End');
  await page.keyboard.type('<mj-text ');
  await c.showBlocks();
  await expect(c.main.getByText('Die Bausteine können gerade nicht angezeigt werden')).toBeVisible();
  await c.main.getByRole('button', { name: 'Zur Stelle im Code' }).click();
  await expect(c.code).toContainText('Veranstaltungen</mj-text><mj-bogus /><mj-text');
  // Ctrl+Z in the code view is the composer's undo: the last typing (with the broken tag) goes, the blocks
  // come back. (Typing within a second is one step, so the unknown element may go with it.)
  await page.keyboard.press('Control+Z');
  await expect(c.code).toContainText('Veranstaltungen</mj-text>');
  await expect(c.code).not.toContainText('<mj-text <');
  await c.showBlocks();
  await expect(c.blocks).toBeVisible();
  expect(problems.errors).toEqual([]);
  expect(await problems.cspViolations()).toEqual([]);
});

test('the demo mailing: chosen items with their reasons per person, and who gets nothing', async ({ app, page, request }, testInfo) => {
  const c = new ComposerPage(page);
  await page.goto(app.url);
  await page.goto(new URL('#/newsletters', app.baseUrl).href);
  await c.link('Persönliche Auswahl Januar 2027').click();
  await expect(c.main.getByText('Personalisiertes Mailing', { exact: true })).toBeVisible();
  await c.tab(/^Meldungen/).click();
  await expect(c.main.getByRole('textbox', { name: 'Höchstens je Nachricht' })).toHaveValue('3');
  const chosen = c.preview.getByRole('region', { name: 'Für diese Person gewählte Meldungen' });
  await expect(chosen.getByRole('listitem').first()).toBeVisible();
  // The same choice and reasons as the service gives for this person.
  const id = Number(/#\/newsletters\/(\d+)/.exec(page.url())?.[1]);
  const preview = await api(request, app, 'newsletters/preview', { id, language: 'de' });
  expect(preview.chosen.length).toBeGreaterThan(0);
  expect(preview.chosen.length).toBeLessThanOrEqual(3);
  await expect(chosen.getByRole('listitem')).toHaveText(preview.chosen.map((x) => `${x.title} — ${x.reason}`));
  if (preview.nothingRelevant > 0) await expect(chosen).toContainText(`${preview.nothingRelevant} Empfänger`);
  await chosen.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('mailing-de.png') });
  // Another person: the choice follows them.
  await c.next.click();
  await expect(c.position).toHaveText(/^2 von \d+$/);
  await expect(chosen.getByRole('listitem').first()).toBeVisible();
});

test('autosave refuses to overwrite a newer save and says what to do', async ({ app, page, request }) => {
  const c = new ComposerPage(page);
  await newNewsletter(page, app, c, 'Konflikt-Test');
  await expect(c.saveStatus).toHaveText(/^Gespeichert /);
  // Another window saves the issue in the meantime.
  const id = Number(/#\/newsletters\/(\d+)/.exec(page.url())?.[1]);
  const other = await api(request, app, 'newsletters/get', { id });
  await api(request, app, 'newsletters/save', { id, title: 'Von anderswo', segmentId: null, templateId: other.templateId, maxItems: null, itemIds: [], variants: other.variants, updatedAt: other.updatedAt });
  await c.title.fill('Konflikt-Test, meine Fassung');
  const alert = c.main.getByRole('alert').filter({ hasText: 'Jemand hat diese Ausgabe inzwischen anderswo gespeichert' });
  await expect(alert).toBeVisible();
  await expect(c.saveStatus).toHaveText('Nicht gespeichert: Konflikt');
  // The user's text stays; overwriting saves it.
  await expect(c.title).toHaveValue('Konflikt-Test, meine Fassung');
  await alert.getByRole('button', { name: 'Mit meiner Fassung überschreiben' }).click();
  await expect(c.saveStatus).toHaveText(/^Gespeichert /);
  expect((await api(request, app, 'newsletters/get', { id })).title).toBe('Konflikt-Test, meine Fassung');
});

test('an issue can be duplicated and deleted from the list', async ({ app, page }) => {
  const c = new ComposerPage(page);
  await page.goto(app.url);
  await page.goto(new URL('#/newsletters', app.baseUrl).href);
  await c.table.getByRole('button', { name: 'Aktionen für „Newsletter 1/2027“' }).click();
  await page.getByRole('menuitem', { name: 'Duplizieren' }).click();
  await expect(c.title).toHaveValue(/Newsletter 1\/2027/);
  const copy = await c.title.inputValue();
  expect(copy).not.toBe('Newsletter 1/2027');
  await page.goto(new URL('#/newsletters', app.baseUrl).href);
  await expect(c.link(copy)).toBeVisible();
  await c.table.getByRole('button', { name: `Aktionen für „${copy}“` }).click();
  await page.getByRole('menuitem', { name: 'Löschen' }).click();
  await page.getByRole('dialog', { name: 'Newsletter bzw. Mailing löschen?' }).getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(c.link(copy)).toHaveCount(0);
  await expect(c.link('Newsletter 1/2027')).toBeVisible();
});

test('screenshots of the list, the composer and the preview in German and English', async ({ app, page, shell }, testInfo) => {
  const c = new ComposerPage(page);
  await newNewsletter(page, app, c, 'Cluster-News Screenshot');
  await addItem(c, TANKS);
  await addItem(c, QUEBEC);
  await c.chooseAudience('Schlüsselkontakte der Mitglieder');
  await expect.poll(() => frameText(c)).toContain('Sehr geehrte');
  await page.screenshot({ path: testInfo.outputPath('composer-items-de.png') });
  await c.tab('Deutsch').click();
  await expect(c.blocks).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('composer-blocks-de.png') });
  await c.pick('Breite der Vorschau', 'Mobil');
  await c.pick('Format der Vorschau', 'Nur Text');
  await page.screenshot({ path: testInfo.outputPath('preview-text-de.png') });
  await c.pick('Format der Vorschau', 'HTML');
  await page.screenshot({ path: testInfo.outputPath('preview-mobile-de.png') });
  await page.goto(new URL('#/newsletters', app.baseUrl).href);
  await expect(c.link('Cluster-News Screenshot')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('list-de.png') });

  await shell.switchLanguage('EN');
  await expect(page.getByRole('heading', { name: 'Newsletters & mailings' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('list-en.png') });
  await page.getByRole('link', { name: 'Cluster-News Screenshot' }).click();
  await page.getByRole('tab', { name: 'German' }).click();
  await page.getByRole('radiogroup', { name: 'Content view' }).locator('label').filter({ hasText: 'Code (MJML)' }).click();
  await expect(page.locator('.cm-content')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('composer-code-en.png') });
});

async function previewAs(c: ComposerPage, name: string): Promise<void> {
  await c.previewAs.click();
  await c.previewAs.fill(name);
  await c.page.getByRole('option', { name: new RegExp(escape(name)) }).first().click();
  await expect(c.preview.getByText(new RegExp(`^An: .*${escape(name)}`))).toBeVisible();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
