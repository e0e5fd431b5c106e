import type { APIRequestContext, Page } from '@playwright/test';
import { Envelope, contract, type Input, type Method, type Output } from '../shared/api';
import { expect, test, type App } from './fixtures';
import { watchPageProblems } from './pageProblems';
import { SegmentsPage } from './pages/SegmentsPage';

/** The member organisations of the demo cluster that nobody passes information on in (no key contact). */
const WITHOUT_KEY_CONTACT = ['Harzer Leichtmetallguss GmbH', 'Muldental Automotive Systems GmbH', 'Tankwerk Bitterfeld GmbH'];
const KEY_CONTACTS = 'Schlüsselkontakte der Mitglieder';

/** Calls the browser shell's API like the renderer does, so the tests compare the UI with it instead of hard-coding numbers. */
async function api<M extends Method>(request: APIRequestContext, app: App, method: M, input: Input<M>): Promise<Output<M>> {
  const res = await request.post(new URL(`api/${method}`, app.baseUrl).href, {
    headers: { 'X-Spillover-Token': app.token, 'Content-Type': 'application/json' },
    data: input,
  });
  if (!res.ok()) throw new Error(`${method} answered ${res.status()}: ${await res.text()}`);
  const envelope = Envelope.parse(await res.json());
  if (!envelope.ok) throw new Error(`${method} failed: ${envelope.error.message}`);
  return contract[method].output.parse(envelope.value) as Output<M>;
}

const newsletter = { purpose: 'newsletter', onePerOrg: false } as const;

async function countOf(request: APIRequestContext, app: App, query: string) {
  return api(request, app, 'segments/count', { target: { query }, options: newsletter, previewLimit: 0 });
}

const de = (n: number): string => new Intl.NumberFormat('de-DE').format(n);

/** The reach check's summary line for an answer of segments/reach. */
function reachText(r: Output<'segments/reach'>): string {
  return r.missing.length === 0
    ? `Alle ${de(r.members)} Mitgliedsorganisationen erreicht.`
    : `${de(r.reached)} von ${de(r.members)} Mitgliedsorganisationen erreicht; es fehlen ${de(r.missing.length)}:`;
}

async function openSegments(page: Page, app: App, path = '#/segments'): Promise<void> {
  await page.goto(app.url);
  await page.goto(new URL(path, app.baseUrl).href);
}

test('build a segment with the builder, watch the count, edit the text, save and reopen it', async ({ app, shell, page, request }) => {
  const problems = await watchPageProblems(page);
  const segments = new SegmentsPage(page);
  await shell.open(app.url);
  await shell.nav('Zielgruppen');
  await expect(shell.heading('Zielgruppen')).toBeVisible();
  await expect(segments.link(KEY_CONTACTS)).toBeVisible();

  await segments.newSegment.click();
  await expect(page).toHaveURL(/#\/segments\/new$/);
  await expect(shell.heading('Neue Zielgruppe')).toBeVisible();
  // No condition yet: the rule matches everyone, and the count says so.
  const everyone = await countOf(request, app, '');
  await expect(segments.audience).toHaveText(`Empfänger: ${de(everyone.audience)}`);

  // Key contacts of member organisations, condition by condition.
  await segments.addCondition.click();
  await expect(segments.field('1')).toBeFocused();
  await segments.setCondition('1', 'Ansprechpartner·in', 'Ja');
  await expect(segments.ruleText).toHaveValue('key:yes');
  const keyOnly = await countOf(request, app, 'key:yes');
  await expect(segments.audience).toHaveText(`Empfänger: ${de(keyOnly.audience)}`);

  await segments.addCondition.click();
  await segments.setCondition('2', 'Mitglied', 'Ja');
  await expect(segments.ruleText).toHaveValue('key:yes member:yes');
  const both = await countOf(request, app, 'key:yes member:yes');
  await expect(segments.audience).toHaveText(`Empfänger: ${de(both.audience)}`);
  await expect(segments.matched).toHaveText(`passend: ${de(both.matched)}`);

  // "mindestens eine": key contacts anywhere or anyone in a member organisation — more people, and some
  // of them cannot be mailed; the panel says how many and why.
  await segments.setGroup('mindestens eine');
  await expect(segments.ruleText).toHaveValue('key:yes OR member:yes');
  const either = await countOf(request, app, 'key:yes OR member:yes');
  expect(either.audience).toBeGreaterThan(both.audience);
  expect(either.excluded.total).toBeGreaterThan(0);
  await expect(segments.audience).toHaveText(`Empfänger: ${de(either.audience)}`);
  await expect(segments.excluded).toHaveText(`ausgeschlossen: ${de(either.excluded.total)}`);
  const reasons = Object.entries(either.excluded.byReason).filter(([, n]) => n > 0);
  await expect(segments.exclusionReasons.getByRole('listitem')).toHaveCount(reasons.length);
  if ((either.excluded.byReason.no_consent ?? 0) > 0) {
    await expect(segments.exclusionReasons).toContainText(`keine Einwilligung für „Newsletter“: ${de(either.excluded.byReason.no_consent ?? 0)}`);
  }

  // The text view drives the builder too: a third condition appears, and the group is "alle" again.
  await segments.ruleText.fill('key:yes member:yes lang:en');
  await expect(segments.condition('3')).toBeVisible();
  await expect(segments.field('3')).toHaveValue('Sprache');
  await expect(segments.groupToggle().getByRole('radio', { name: 'alle Bedingungen' })).toBeChecked();
  const english = await countOf(request, app, 'key:yes member:yes lang:en');
  await expect(segments.audience).toHaveText(`Empfänger: ${de(english.audience)}`);

  // What the parser cannot read is shown with its position, and left out of the rule.
  await segments.ruleText.fill('key:yes member:yes lang:en farbe:rot');
  await expect(segments.main.getByText('Position 28: „farbe:rot“ ist kein bekannter Filter.')).toBeVisible();
  await expect(segments.condition('4')).toHaveCount(0);
  await segments.ruleText.fill('key:yes member:yes lang:en');
  await expect(segments.main.getByText(/Position 28/)).toHaveCount(0);

  // Save: a name is required, then the segment has its own address.
  await segments.save.click();
  await expect(segments.name).toHaveAccessibleDescription(/Bitte einen Namen eingeben/);
  await segments.name.fill('Englischsprachige Schlüsselkontakte');
  await segments.description.fill('Ansprechpartner in Mitgliedsorganisationen, auf Englisch angesprochen.');
  await segments.save.click();
  await expect(page).toHaveURL(/#\/segments\/\d+$/);
  await expect(shell.heading('Englischsprachige Schlüsselkontakte')).toBeVisible();
  await expect(segments.savedNote).toBeVisible();
  await expect(segments.unsavedBadge).toHaveCount(0);
  await expect(segments.main.getByText(`Beim Speichern gezählt: ${de(english.audience)} Empfänger·innen`, { exact: false })).toBeVisible();

  // An edit shows the unsaved state; going back asks before discarding it.
  await segments.choosePurpose('Personalisiertes Mailing');
  await expect(segments.unsavedBadge).toBeVisible();
  await segments.backLink.click();
  const discard = page.getByRole('dialog', { name: 'Änderungen verwerfen?' });
  await discard.getByRole('button', { name: 'Verwerfen' }).click();
  await expect(shell.heading('Zielgruppen')).toBeVisible();

  // Found in the list with its count; reopened, builder and text show the saved rule.
  const row = segments.row('Englischsprachige Schlüsselkontakte');
  await expect(row).toContainText('nach Regel');
  await expect(row).toContainText('Newsletter');
  await expect(row.getByRole('cell').nth(3)).toHaveText(de(english.audience));
  await segments.link('Englischsprachige Schlüsselkontakte').click();
  await expect(segments.ruleText).toHaveValue('key:yes member:yes lang:en');
  await expect(segments.value('1', 'Ansprechpartner·in')).toHaveValue('Ja');
  await expect(segments.value('3', 'Sprache')).toHaveValue(/Englisch/);
  await expect(segments.audience).toHaveText(`Empfänger: ${de(english.audience)}`);

  expect(problems.errors).toEqual([]);
  expect(await problems.cspViolations()).toEqual([]);
});

test('a nested group, negation and Enter to add the next condition', async ({ app, page, request }) => {
  const segments = new SegmentsPage(page);
  await openSegments(page, app, '#/segments/new');
  await segments.addCondition.click();
  await segments.setCondition('1', 'Mitglied', 'Ja');

  // A nested group is "mindestens eine" inside "alle".
  await segments.addGroup.click();
  await expect(segments.field('2.1')).toBeFocused();
  await segments.setCondition('2.1', 'Art der Organisation', 'Start-up');
  await segments.builder.getByRole('button', { name: 'Gruppe 2: Bedingung hinzufügen' }).click();
  await segments.setCondition('2.2', 'Größe', 'Klein');
  await expect(segments.ruleText).toHaveValue('member:yes (kind:startup OR size:small)');

  // "nicht" on a row and on the group.
  await segments.notToggle('2.2').click();
  await expect(segments.notToggle('2.2')).toHaveAttribute('aria-pressed', 'true');
  await expect(segments.ruleText).toHaveValue('member:yes (kind:startup OR -size:small)');
  await segments.builder.getByRole('button', { name: 'Gruppe 2: nicht', exact: true }).click();
  await expect(segments.ruleText).toHaveValue('member:yes -(kind:startup OR -size:small)');
  const expected = await countOf(request, app, 'member:yes -(kind:startup OR -size:small)');
  await expect(segments.audience).toHaveText(`Empfänger: ${de(expected.audience)}`);

  // Free text: Enter adds the next condition and puts the focus on its field.
  await segments.addCondition.click();
  await segments.choose(segments.field('3'), 'Ort');
  await segments.value('3', 'Ort').fill('Magdeburg');
  await segments.value('3', 'Ort').press('Enter');
  await expect(segments.field('4')).toBeFocused();
  await expect(segments.ruleText).toHaveValue('member:yes -(kind:startup OR -size:small) city:Magdeburg');
  await expect(segments.main.getByText('1 Bedingung unvollständig – nicht in der Regel')).toBeVisible();

  // Removing and moving rows.
  await segments.builder.getByRole('button', { name: 'Bedingung 4 entfernen' }).click();
  await segments.builder.getByRole('button', { name: 'Bedingung 3 nach oben' }).click();
  await expect(segments.ruleText).toHaveValue('member:yes city:Magdeburg -(kind:startup OR -size:small)');
});

test('the reach check names the member organisations the key contacts miss, and why', async ({ app, page, request }) => {
  const segments = new SegmentsPage(page);
  await openSegments(page, app);
  await segments.link(KEY_CONTACTS).click();
  await expect(segments.ruleText).toHaveValue('key:yes member:yes');

  const reach = await api(request, app, 'segments/reach', { target: { query: 'key:yes member:yes' }, options: newsletter });
  await segments.checkReach.click();
  expect(reach.missing.length).toBeGreaterThan(0);
  await expect(segments.reach.getByText(reachText(reach))).toBeVisible();
  await expect(segments.missingTable.getByRole('row').filter({ has: page.getByRole('cell') })).toHaveCount(reach.missing.length);
  for (const name of WITHOUT_KEY_CONTACT) await expect(segments.missingRow(name)).toContainText('Niemand dort passt zur Regel.');

  // The check follows the rule: "mindestens eine" reaches every member organisation with anyone reachable.
  await segments.setGroup('mindestens eine');
  const wider = await api(request, app, 'segments/reach', { target: { query: 'key:yes OR member:yes' }, options: newsletter });
  expect(wider.reached).toBeGreaterThan(reach.reached);
  await expect(segments.reach.getByText(reachText(wider))).toBeVisible();

  // Each missing organisation links to its page.
  await segments.setGroup('alle Bedingungen');
  await segments.missingRow('Tankwerk Bitterfeld GmbH').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Tankwerk Bitterfeld GmbH' })).toBeVisible();
});

test('a name that is taken is reported at the name field', async ({ app, page }) => {
  const segments = new SegmentsPage(page);
  await openSegments(page, app, `#/segments/new?q=${encodeURIComponent('member:yes')}`);
  await expect(segments.ruleText).toHaveValue('member:yes');
  await segments.name.fill(KEY_CONTACTS);
  await segments.name.press('Enter');
  await expect(segments.name).toHaveAccessibleDescription(`Es gibt schon eine Zielgruppe „${KEY_CONTACTS}“. Bitte einen anderen Namen wählen.`);
  await expect(page).toHaveURL(/#\/segments\/new/);
});

test('deleting a segment says what uses it; the segment that referred to it is flagged', async ({ app, page, request }) => {
  const segments = new SegmentsPage(page);
  await api(request, app, 'segments/save', { name: 'Englischsprachige Ansprechpartner', kind: 'dynamic', query: `segment:"${KEY_CONTACTS}" lang:en` });
  await openSegments(page, app);
  await expect(segments.row('Englischsprachige Ansprechpartner').getByText(/Problem/)).toHaveCount(0);

  await segments.deleteButton(KEY_CONTACTS).click();
  const dialog = segments.deleteDialog;
  await expect(dialog).toContainText(`„${KEY_CONTACTS}“ wird gelöscht.`);
  await expect(dialog).toContainText('Eine andere Zielgruppe verweist auf sie');
  await expect(dialog.getByRole('link', { name: 'Englischsprachige Ansprechpartner' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toHaveText(`„${KEY_CONTACTS}“ wurde gelöscht.`);
  await expect(segments.link(KEY_CONTACTS)).toHaveCount(0);
  await expect(segments.row('Englischsprachige Ansprechpartner').getByText('1 Problem', { exact: true })).toBeVisible();
});

test('a hand-picked list shows its members and loses the ones removed', async ({ app, page, request }) => {
  const segments = new SegmentsPage(page);
  const { ids } = await api(request, app, 'contacts/ids', { query: 'org:RecyCarb' });
  expect(ids.length).toBeGreaterThan(1);
  const list = await api(request, app, 'segments/save', { name: 'Einladung Werkstattgespräch', kind: 'static', personIds: ids });
  await openSegments(page, app, `#/segments/${list.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Einladung Werkstattgespräch' })).toBeVisible();
  await expect(segments.memberRows()).toHaveCount(ids.length);
  await expect(segments.main.getByText(/in der Tabelle auswählen/)).toBeVisible();
  const before = await api(request, app, 'segments/count', { target: { segmentId: list.id }, options: newsletter, previewLimit: 0 });
  await expect(segments.audience).toHaveText(`Empfänger: ${de(before.audience)}`);

  await segments.memberRows().first().getByRole('checkbox').check();
  await segments.main.getByRole('button', { name: 'Aus der Liste entfernen (1)' }).click();
  await expect(segments.memberRows()).toHaveCount(ids.length - 1);
  const after = await api(request, app, 'segments/count', { target: { segmentId: list.id }, options: newsletter, previewLimit: 0 });
  await expect(segments.audience).toHaveText(`Empfänger: ${de(after.audience)}`);
});

// For humans to look at (list, editor with a two-level rule, reach check; German and English); nothing is compared.
// SEGMENTS_SCREENSHOTS=/some/dir puts copies there as segments-<name>.png.
test('screenshots of the segment screens in German and English', async ({ app, shell, page }, testInfo) => {
  const segments = new SegmentsPage(page);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const shot = async (name: string, fullPage = true): Promise<void> => {
    await page.evaluate(() => window.scrollTo(0, 0));
    const file = process.env.SEGMENTS_SCREENSHOTS ? `${process.env.SEGMENTS_SCREENSHOTS}/segments-${name}.png` : testInfo.outputPath(`segments-${name}.png`);
    await page.screenshot({ path: file, fullPage });
    await testInfo.attach(`segments-${name}`, { path: file, contentType: 'image/png' });
  };
  const rule = 'member:yes (kind:startup OR size:small OR -lang:de) verified:>=2025-01-01';

  await openSegments(page, app);
  await expect(segments.link(KEY_CONTACTS)).toBeVisible();
  await shot('list-de');

  await page.goto(new URL(`#/segments/new?q=${encodeURIComponent(rule)}`, app.baseUrl).href);
  await expect(segments.condition('2.3')).toBeVisible();
  await expect(segments.audience).toBeVisible();
  await segments.name.fill('Kleine Mitglieder und Start-ups');
  await segments.checkReach.click();
  await expect(segments.missingTable).toBeVisible();
  await shot('editor-de');
  await segments.reach.scrollIntoViewIfNeeded();
  await page.screenshot({ path: process.env.SEGMENTS_SCREENSHOTS ? `${process.env.SEGMENTS_SCREENSHOTS}/segments-reach-de.png` : testInfo.outputPath('segments-reach-de.png') });

  await shell.switchLanguage('EN');
  await expect(page.getByRole('heading', { level: 2, name: 'New segment' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Live count' }).getByText(/^Recipients: [\d,]+$/)).toBeVisible();
  await shot('editor-en');
  await page.goto(new URL('#/segments', app.baseUrl).href);
  await expect(page.getByRole('table', { name: 'Saved segments' })).toBeVisible();
  await shot('list-en');
});
