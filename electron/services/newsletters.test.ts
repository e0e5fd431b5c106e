/**
 * Newsletters and mailings against a real SQLite file with the demo cluster: create from the starter
 * templates, autosave with the conflict guard, preview as persons, the confidentiality guard, mailing
 * choices, export. Items are written here with SQL so the test does not depend on the content service.
 */
import { describe, expect, it } from 'vitest';
import type { Envelope, Output } from '../../shared/api';
import type { Db } from '../db/database';
import { startBackend } from '../app';
import { tempDir } from '../test/tmp';
import { compileStats } from './render';

function demo() {
  return startBackend({ dataDir: tempDir(), shell: 'cli' });
}
type B = ReturnType<typeof demo>;

async function call<T>(b: B, method: string, input: unknown): Promise<T> {
  const env: Envelope = await b.table.dispatch(method, input);
  if (!env.ok) throw Object.assign(new Error(env.error.message), { code: env.error.code });
  return env.value as T;
}
async function fails(b: B, method: string, input: unknown): Promise<{ code: string; message: string }> {
  const env: Envelope = await b.table.dispatch(method, input);
  if (env.ok) throw new Error(`${method} succeeded`);
  return env.error;
}

const id = (db: Db, sql: string, ...p: unknown[]): number => db.prepare(sql).pluck().get(...p) as number;

interface ItemSpec {
  de?: string;
  en?: string;
  body?: string;
  kind?: string;
  level?: string;
  project?: string;
  topic?: string;
  region?: string;
  groupProject?: string;
  groupSegment?: number;
  link?: string;
  embargo?: string;
}
function addItem(db: Db, s: ItemSpec): number {
  const ts = new Date().toISOString();
  const itemId = Number(
    db
      .prepare(
        `INSERT INTO content_items (topic_id, project_id, region_id, information_kind, confidentiality, group_project_id, group_segment_id, link, embargo_until, status, created_at, updated_at)
         VALUES ((SELECT id FROM topics WHERE name = ?), (SELECT id FROM projects WHERE acronym = ?), (SELECT id FROM partner_regions WHERE name = ?), ?, ?, (SELECT id FROM projects WHERE acronym = ?), ?, ?, ?, 'ready', ?, ?)`,
      )
      .run(s.topic ?? null, s.project ?? null, s.region ?? null, s.kind ?? 'other', s.level ?? 'public', s.groupProject ?? null, s.groupSegment ?? null, s.link ?? null, s.embargo ?? null, ts, ts).lastInsertRowid,
  );
  if (s.de) db.prepare("INSERT INTO content_texts (item_id, language, title, body_md) VALUES (?, 'de', ?, ?)").run(itemId, s.de, s.body ?? 'Text **fett**.');
  if (s.en) db.prepare("INSERT INTO content_texts (item_id, language, title, body_md) VALUES (?, 'en', ?, ?)").run(itemId, s.en, s.body ?? 'Text **bold**.');
  return itemId;
}

type Detail = Output<'newsletters/get'>;
type Preview = Output<'newsletters/preview'>;

async function newsletter(b: B, kind: 'newsletter' | 'mailing', segment: string, itemIds: number[], maxItems: number | null = null): Promise<Detail> {
  const created = await call<Detail>(b, 'newsletters/create', { kind, title: `Test ${kind}` });
  const segmentId = id(b.db, 'SELECT id FROM segments WHERE name = ?', segment);
  return call<Detail>(b, 'newsletters/save', { id: created.id, title: created.title, segmentId, templateId: created.templateId, maxItems: maxItems ?? created.maxItems, itemIds, variants: created.variants, updatedAt: created.updatedAt });
}

describe('newsletters', () => {
  it('creates DE and EN variants from the starter templates, lists, duplicates and deletes', async () => {
    const b = demo();
    const d = await call<Detail>(b, 'newsletters/create', { kind: 'newsletter', title: 'Ausgabe 1' });
    expect(d.variants.map((v) => v.language)).toEqual(['de', 'en']);
    const starterDe = b.db.prepare("SELECT mjml FROM templates WHERE kind = 'newsletter' AND language = 'de' AND starter = 1").pluck().get();
    expect(d.variants[0]?.mjml).toBe(starterDe);
    expect(d.variants[0]?.mjml).toContain('{{items}}');
    const list = await call<{ rows: { id: number }[] }>(b, 'newsletters/list', {});
    expect(list.rows.map((r) => r.id)).toContain(d.id);
    const copy = await call<Detail>(b, 'newsletters/duplicate', { id: d.id });
    expect(copy.id).not.toBe(d.id);
    expect(copy.variants).toEqual(d.variants);
    expect(await fails(b, 'newsletters/delete', { id: copy.id })).toMatchObject({ code: 'bad_input' });
    expect(await call(b, 'newsletters/delete', { id: copy.id, confirm: true })).toEqual({ deleted: true });
    expect(await fails(b, 'newsletters/get', { id: copy.id })).toMatchObject({ code: 'not_found' });
  });

  it('autosave refuses an older updatedAt with a conflict', async () => {
    const b = demo();
    const d = await call<Detail>(b, 'newsletters/create', { kind: 'newsletter', title: 'Ausgabe 1' });
    const base = { id: d.id, title: 'Neu', segmentId: null, templateId: null, maxItems: null, itemIds: [], variants: d.variants };
    const first = await call<Detail>(b, 'newsletters/save', { ...base, updatedAt: d.updatedAt });
    expect(first.title).toBe('Neu');
    expect(first.updatedAt > d.updatedAt).toBe(true);
    // A second window still holding the first stamp must not overwrite the newer save.
    expect(await fails(b, 'newsletters/save', { ...base, title: 'Alt', updatedAt: d.updatedAt })).toMatchObject({ code: 'conflict' });
    expect((await call<Detail>(b, 'newsletters/get', { id: d.id })).title).toBe('Neu');
  });

  it('previews as a person in their language, with the item list, checks and a step index', async () => {
    const b = demo();
    const a = addItem(b.db, { de: 'Neue Prüfanlage', en: 'New test rig', body: 'Ein <script>alert(1)</script> Text', link: 'https://example.org/a' });
    const onlyDe = addItem(b.db, { de: 'Nur deutsch' });
    const d = await newsletter(b, 'newsletter', 'Schlüsselkontakte der Mitglieder', [a, onlyDe]);
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    expect(p.recipient).not.toBeNull();
    expect(p.total).toBeGreaterThan(3);
    expect(p.index).toBe(0);
    expect(p.html).toContain('Neue Prüfanlage');
    expect(p.html).toContain('&lt;script&gt;');
    expect(p.html).not.toMatch(/<script/i);
    expect(p.text).toContain('Neue Prüfanlage');
    expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
    expect(p.checks.map((c) => c.code)).not.toContain('unsubscribe_missing');
    expect(p.guard).toEqual([]);
    // An English person gets the English variant; the German-only item is reported.
    const en = b.db.prepare("SELECT id FROM persons WHERE language = 'en' AND status = 'active' LIMIT 1").pluck().get() as number;
    const pe = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de', personId: en });
    expect(pe.language).toBe('en');
    expect(pe.html).toContain('New test rig');
    expect(pe.checks.find((c) => c.code === 'item_language_missing')?.message).toContain('Nur deutsch');
  });

  it('previews a draft without saving it, and sample data without an audience', async () => {
    const b = demo();
    const d = await call<Detail>(b, 'newsletters/create', { kind: 'newsletter', title: 'Ausgabe 1' });
    const de = d.variants[0]!;
    const draft = { segmentId: null, templateId: null, maxItems: null, itemIds: [], variants: [{ ...de, subject: 'Entwurf {{first_name}}', mjml: de.mjml.replace('{{salutation}},', '{{salutation}}, ENTWURF') }] };
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de', draft });
    expect(p.recipient).toBeNull();
    expect(p.subject).toBe('Entwurf Erika');
    expect(p.html).toContain('Sehr geehrte Frau Dr. Mustermann, ENTWURF');
    expect((await call<Detail>(b, 'newsletters/get', { id: d.id })).variants[0]?.mjml).not.toContain('ENTWURF');
  });

  it('reports MJML and merge errors at their line and blocks export with them', async () => {
    const b = demo();
    const d = await call<Detail>(b, 'newsletters/create', { kind: 'newsletter', title: 'Ausgabe 1' });
    const bad = d.variants[0]!.mjml.replace('{{salutation}},', '{{salutaton}}, <mj-bogus>x</mj-bogus>');
    const line = bad.split('\n').findIndex((l) => l.includes('salutaton')) + 1;
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de', draft: { segmentId: null, templateId: null, maxItems: null, itemIds: [], variants: [{ ...d.variants[0]!, mjml: bad }] } });
    const unknown = p.problems.find((x) => x.code === 'unknown_field');
    expect(unknown).toMatchObject({ line, severity: 'error' });
    expect(unknown?.message).toContain('Did you mean {{salutation}}');
    expect(p.checks.map((c) => c.code)).toContain('mjml_errors');
  });

  it('the guard blocks a project-group item for a wider audience, in preview and export', async () => {
    const b = demo();
    const secret = addItem(b.db, { de: 'Pilotlinie Singapur', en: 'Pilot line Singapore', level: 'project_group', groupProject: 'H2TANK-SG', project: 'H2TANK-SG' });
    const d = await newsletter(b, 'newsletter', 'Schlüsselkontakte der Mitglieder', [secret]);
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    expect(p.guard).toHaveLength(1);
    const outsideSql = `SELECT count(*) FROM json_each(?) j WHERE j.value NOT IN (
        SELECT po.person_id FROM person_organisations po JOIN project_organisations pj ON pj.organisation_id = po.organisation_id
        JOIN projects pr ON pr.id = pj.project_id WHERE pr.acronym = 'H2TANK-SG')`;
    const recipients = await call<{ rows: { personId: number }[]; total: number }>(b, 'newsletters/recipients', { id: d.id, limit: 500 });
    const expected = id(b.db, outsideSql, JSON.stringify(recipients.rows.map((r) => r.personId)));
    expect(expected).toBeGreaterThan(0);
    expect(p.guard[0]).toMatchObject({ itemId: secret, level: 'project_group', group: 'H2TANK-SG', outside: expected });
    expect(p.guard[0]?.message).toBe(`Item 'Pilotlinie Singapur' is project-group only; ${expected} recipients are outside project group H2TANK-SG. Narrow the audience or remove the item.`);
    const e = await fails(b, 'newsletters/export', { id: d.id, format: 'eml' });
    expect(e.code).toBe('forbidden');
    // Narrowing the audience to the project group satisfies the guard.
    const group = id(b.db, "SELECT id FROM segments WHERE name = 'Projektgruppe H2TANK-SG'");
    const cur = await call<Detail>(b, 'newsletters/get', { id: d.id });
    await call(b, 'newsletters/save', { id: d.id, title: cur.title, segmentId: group, templateId: cur.templateId, maxItems: null, itemIds: cur.itemIds, variants: cur.variants });
    const ok = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    expect(ok.guard).toEqual([]);
  });

  it('mailings choose relevant readable items per recipient with reasons, list those with nothing relevant, compile once', async () => {
    const b = demo();
    const project = addItem(b.db, { de: 'Meilenstein COMPOSITE-SA', en: 'COMPOSITE-SA milestone', project: 'COMPOSITE-SA', kind: 'technological_knowledge' });
    const markets = addItem(b.db, { de: 'Markt Kanada', en: 'Market Canada', kind: 'foreign_markets' });
    const secret = addItem(b.db, { de: 'Pilotlinie Singapur', en: 'Pilot line Singapore', level: 'project_group', groupProject: 'H2TANK-SG', project: 'H2TANK-SG', kind: 'foreign_markets' });
    const d = await newsletter(b, 'mailing', 'Alle Mitglieder, je Organisation eine Person', [markets, project, secret], 2);
    const before = compileStats.mjml;
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    const recipients = await call<{ rows: { personId: number }[]; total: number }>(b, 'newsletters/recipients', { id: d.id, limit: 500 });
    expect(p.total).toBe(recipients.total);
    // Every recipient in turn: chosen items are relevant, readable, at most 2, most relevant first.
    const inH2 = new Set(
      b.db
        .prepare("SELECT po.person_id FROM person_organisations po JOIN project_organisations pj ON pj.organisation_id = po.organisation_id JOIN projects pr ON pr.id = pj.project_id WHERE pr.acronym = 'H2TANK-SG'")
        .pluck()
        .all() as number[],
    );
    const inComposite = new Set(
      b.db
        .prepare("SELECT po.person_id FROM person_organisations po JOIN project_organisations pj ON pj.organisation_id = po.organisation_id JOIN projects pr ON pr.id = pj.project_id WHERE pr.acronym = 'COMPOSITE-SA'")
        .pluck()
        .all() as number[],
    );
    let nothing = 0;
    let sawReason = false;
    for (const r of recipients.rows) {
      const q = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de', personId: r.personId });
      expect(q.chosen.length).toBeLessThanOrEqual(2);
      if (!inH2.has(r.personId)) expect(q.chosen.map((c) => c.itemId)).not.toContain(secret);
      if (inComposite.has(r.personId)) {
        expect(q.chosen[0]?.itemId).toBe(project);
        expect(q.chosen[0]?.reason).toMatch(/^(Ihr Projekt|Your project) COMPOSITE-SA/);
        sawReason = true;
      }
      if (q.chosen.length === 0) nothing += 1;
      else for (const c of q.chosen) expect(q.html).toContain(c.title.replace(/&/g, '&amp;'));
      const notChosen = [project, markets, secret].filter((x) => !q.chosen.some((c) => c.itemId === x));
      const titles: Record<number, [string, string]> = { [project]: ['Meilenstein COMPOSITE-SA', 'COMPOSITE-SA milestone'], [markets]: ['Markt Kanada', 'Market Canada'], [secret]: ['Pilotlinie Singapur', 'Pilot line Singapore'] };
      for (const x of notChosen) for (const t of titles[x]!) expect(q.html).not.toContain(t);
    }
    expect(sawReason).toBe(true);
    expect(p.nothingRelevant).toBe(nothing);
    // One compile per language variant for all of that, thanks to the compile cache and the choice blocks.
    expect(compileStats.mjml - before).toBeLessThanOrEqual(2);
  });

  it('exports one recipient as .eml (text part first, encoded subject), .html and .mjml', async () => {
    const b = demo();
    const a = addItem(b.db, { de: 'Neue Prüfanlage', en: 'New test rig', link: 'https://example.org/a' });
    const d = await newsletter(b, 'newsletter', 'Schlüsselkontakte der Mitglieder', [a]);
    const cur = await call<Detail>(b, 'newsletters/get', { id: d.id });
    await call(b, 'newsletters/save', { id: d.id, title: cur.title, segmentId: cur.segmentId, templateId: cur.templateId, maxItems: null, itemIds: cur.itemIds, variants: cur.variants.map((v) => ({ ...v, subject: 'Neuigkeiten für {{first_name|Sie}} – Prüfanlage' })) });
    const personId = (await call<{ rows: { personId: number }[] }>(b, 'newsletters/recipients', { id: d.id, limit: 1 })).rows[0]!.personId;
    const file = await call<{ fileName: string; mime: string; base64: string }>(b, 'newsletters/export', { id: d.id, personId, format: 'eml' });
    expect(file.fileName).toMatch(/\.eml$/);
    const eml = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(eml).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(eml).toMatch(/Content-Type: multipart\/alternative/);
    expect(eml.indexOf('Content-Type: text/plain')).toBeGreaterThan(0);
    expect(eml.indexOf('Content-Type: text/plain')).toBeLessThan(eml.indexOf('Content-Type: text/html'));
    expect(eml).toMatch(/^List-Unsubscribe:\s+<https:/m);
    const html = await call<{ base64: string }>(b, 'newsletters/export', { id: d.id, personId, format: 'html' });
    expect(Buffer.from(html.base64, 'base64').toString('utf8')).toContain('Neue Prüfanlage');
    const mjml = Buffer.from((await call<{ base64: string }>(b, 'newsletters/export', { id: d.id, personId, format: 'mjml' })).base64, 'base64').toString('utf8');
    expect(mjml).toContain('<mjml');
    expect(mjml).toContain('Neue Prüfanlage');
    expect(mjml).not.toContain('{{');
  });

  it('an item under embargo blocks export', async () => {
    const b = demo();
    const a = addItem(b.db, { de: 'Geheim bis morgen', en: 'Secret until tomorrow', embargo: '2999-01-01' });
    const d = await newsletter(b, 'newsletter', 'Schlüsselkontakte der Mitglieder', [a]);
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    expect(p.checks.find((c) => c.code === 'embargo')?.severity).toBe('error');
    expect(await fails(b, 'newsletters/export', { id: d.id, format: 'eml' })).toMatchObject({ code: 'forbidden' });
  });

  it('the demo has a newsletter (DE+EN) and a mailing (3 items at most) that pass the guard and the checks', async () => {
    const b = demo();
    const rows = (await call<{ rows: { id: number; kind: string; languages: string[] }[] }>(b, 'newsletters/list', {})).rows;
    const issue = rows.find((r) => r.kind === 'newsletter')!;
    const mailing = rows.find((r) => r.kind === 'mailing')!;
    expect(issue.languages).toEqual(['de', 'en']);
    expect((await call<Detail>(b, 'newsletters/get', { id: mailing.id })).maxItems).toBe(3);
    for (const id of [issue.id, mailing.id]) {
      for (const language of ['de', 'en'] as const) {
        const p = await call<Preview>(b, 'newsletters/preview', { id, language });
        expect(p.language).toBe(language);
        expect(p.guard).toEqual([]);
        expect(p.problems.filter((x) => x.severity === 'error')).toEqual([]);
        expect(p.checks.filter((c) => c.severity === 'error')).toEqual([]);
        expect(p.total).toBeGreaterThan(5);
      }
    }
    const m = await call<Preview>(b, 'newsletters/preview', { id: mailing.id, language: 'de' });
    expect(m.chosen.length).toBeGreaterThan(0);
    expect(m.chosen.length).toBeLessThanOrEqual(3);
    expect(m.chosen.every((c) => c.reason !== '')).toBe(true);
    expect((await call<{ base64: string }>(b, 'newsletters/export', { id: issue.id, format: 'eml' })).base64.length).toBeGreaterThan(1000);
  });

  it('item images: data: URIs with alt text in the preview, inline cid: attachments in the .eml, a check without alt', async () => {
    const b = demo();
    // A 1×1 PNG.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    const asset = Number(b.db.prepare("INSERT INTO assets (sha256, mime, name, bytes, created_at) VALUES ('x', 'image/png', 'pixel.png', ?, '2026-01-01')").run(png).lastInsertRowid);
    const withAlt = addItem(b.db, { de: 'Mit Bild', en: 'With image' });
    const noAlt = addItem(b.db, { de: 'Ohne Alt', en: 'Without alt' });
    b.db.prepare("UPDATE content_items SET image_asset_id = ?, image_alt = 'Prüfstand in Halle 3' WHERE id = ?").run(asset, withAlt);
    const d = await newsletter(b, 'newsletter', 'Schlüsselkontakte der Mitglieder', [withAlt]);
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    expect(p.html).toMatch(/src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    expect(p.html).toContain('alt="Prüfstand in Halle 3"');
    expect(p.checks.map((c) => c.code)).not.toContain('image_alt_missing');
    const eml = Buffer.from((await call<{ base64: string }>(b, 'newsletters/export', { id: d.id, format: 'eml' })).base64, 'base64').toString('utf8');
    expect(eml).toMatch(/Content-Type: multipart\/related/);
    expect(eml.replace(/=\r\n/g, '')).toMatch(/src=3D"cid:img-[0-9a-f]+@spillover"/);
    expect(eml).toMatch(/^Content-Id: <img-[0-9a-f]+@spillover>/im);
    expect(eml).not.toContain('data:image/png');
    b.db.prepare('UPDATE content_items SET image_asset_id = ? WHERE id = ?').run(asset, noAlt);
    const cur = await call<Detail>(b, 'newsletters/get', { id: d.id });
    await call(b, 'newsletters/save', { id: d.id, title: cur.title, segmentId: cur.segmentId, templateId: cur.templateId, maxItems: null, itemIds: [withAlt, noAlt], variants: cur.variants });
    const q = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    expect(q.checks.find((c) => c.code === 'image_alt_missing')?.message).toMatch(/^1 image has no alt text/);
  });

  it('an MJML syntax error comes back as a problem with its line; the saved text is kept as written', async () => {
    const b = demo();
    const d = await call<Detail>(b, 'newsletters/create', { kind: 'newsletter', title: 'Kaputt' });
    const broken = d.variants[0]!.mjml.replace('</mj-body>', '<mj-section><mj-column><mj-text>offen</mj-column></mj-section>\n</mj-body>');
    const saved = await call<Detail>(b, 'newsletters/save', { id: d.id, title: d.title, segmentId: null, templateId: null, maxItems: null, itemIds: [], variants: [{ ...d.variants[0]!, mjml: broken }] });
    expect(saved.variants[0]?.mjml).toBe(broken);
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de' });
    const errors = p.problems.filter((x) => x.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    const line = broken.split('\n').findIndex((l) => l.includes('offen')) + 1;
    expect(errors.some((e) => e.line === line)).toBe(true);
    expect(p.checks.map((c) => c.code)).toContain('mjml_errors');
  });

  it('tells in the preview what the merge left out for this person', async () => {
    const b = demo();
    const d = await newsletter(b, 'newsletter', 'Schlüsselkontakte der Mitglieder', []);
    const personId = (await call<{ rows: { personId: number }[] }>(b, 'newsletters/recipients', { id: d.id, limit: 1 })).rows[0]!.personId;
    b.db.prepare('UPDATE persons SET first_name = NULL WHERE id = ?').run(personId);
    const de = d.variants[0]!;
    const draft = { segmentId: d.segmentId, templateId: null, maxItems: null, itemIds: [], variants: [{ ...de, subject: 'Hallo {{first_name}}' }] };
    const p = await call<Preview>(b, 'newsletters/preview', { id: d.id, language: 'de', personId, draft });
    expect(p.checks.find((c) => c.code === 'merge_empty_value')?.message).toContain('{{first_name|…}}');
  });

  it('a sent message can be neither edited nor deleted; a duplicate can', async () => {
    const b = demo();
    const d = await newsletter(b, 'newsletter', 'Schlüsselkontakte der Mitglieder', []);
    b.db.prepare("UPDATE newsletters SET status = 'sent' WHERE id = ?").run(d.id);
    b.db.prepare("INSERT INTO deliveries (newsletter_id, email, language, status, queued_at) VALUES (?, 'a@example.org', 'de', 'sent', '2026-01-01')").run(d.id);
    const save = { id: d.id, title: 'x', segmentId: null, templateId: null, maxItems: null, itemIds: [], variants: d.variants };
    expect(await fails(b, 'newsletters/save', save)).toMatchObject({ code: 'conflict' });
    expect((await fails(b, 'newsletters/delete', { id: d.id, confirm: true })).message).toContain('already went to 1 recipients');
    const copy = await call<Detail>(b, 'newsletters/duplicate', { id: d.id });
    expect(copy.status).toBe('draft');
    expect((await call<Detail>(b, 'newsletters/save', { ...save, id: copy.id })).title).toBe('x');
  });

  it('a mailing exported as .mjml carries exactly the person\'s chosen items', async () => {
    const b = demo();
    const rows = (await call<{ rows: { id: number; kind: string }[] }>(b, 'newsletters/list', {})).rows;
    const mailing = rows.find((r) => r.kind === 'mailing')!;
    const p = await call<Preview>(b, 'newsletters/preview', { id: mailing.id, language: 'de' });
    const mjml = Buffer.from((await call<{ base64: string }>(b, 'newsletters/export', { id: mailing.id, personId: p.recipient!.personId, format: 'mjml' })).base64, 'base64').toString('utf8');
    const detail = await call<Detail>(b, 'newsletters/get', { id: mailing.id });
    const titles = b.db.prepare("SELECT item_id, title FROM content_texts WHERE language = 'de' AND item_id IN (SELECT value FROM json_each(?))").all(JSON.stringify(detail.itemIds)) as { item_id: number; title: string }[];
    const chosen = new Set(p.chosen.map((c) => c.itemId));
    const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
    for (const t of titles) expect(mjml.includes(esc(t.title)), t.title).toBe(chosen.has(t.item_id));
  });
});
