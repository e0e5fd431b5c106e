/**
 * The import as a user runs it: open a real file, check it, import it, look at the result, undo it —
 * against a real database. Also the round trip export → import with the naughty strings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanMultiline, cleanText } from '../../shared/contacts/cleaning';
import type { ImportCheck, ImportPreview } from '../../shared/contacts/import-schemas';
import { startBackend } from '../app';
import { tempDir } from '../test/tmp';

type Backend = ReturnType<typeof startBackend>;

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const env = await b.table.dispatch(method, input);
  if (!env.ok) throw new Error(`${env.error.code}: ${env.error.message}`);
  return env.value as T;
}

async function open(b: Backend, fileName: string, content: string | Buffer, options: Record<string, unknown> = {}): Promise<ImportPreview> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return call<ImportPreview>(b, 'imports/open', { fileName, base64: bytes.toString('base64'), options });
}

async function runImport(b: Backend, preview: ImportPreview, extra: Record<string, unknown> = {}) {
  const req = { uploadId: preview.uploadId, mapping: preview.mapping, onDuplicate: 'fill', source: 'Test-Import', ...extra };
  const check = await call<ImportCheck>(b, 'imports/check', req);
  const { jobId } = await call<{ jobId: string }>(b, 'imports/start', req);
  const progress = await call<{ state: string; result?: { importId: number; created: number; updated: number; skipped: number; invalid: number } }>(b, 'imports/progress', { jobId });
  return { check, progress };
}

function snapshot(b: Backend): string {
  const tables = ['persons', 'organisations', 'person_organisations', 'person_topics', 'person_tags', 'person_information_kinds', 'consents', 'topics', 'tags', 'change_log'];
  return JSON.stringify(tables.map((t) => b.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}

/**
 * The search index holds, for every person, exactly the line the person_search_source view gives: the
 * import writes the lines of the persons it creates itself, and they must not drift from the view.
 */
function expectSearchIndexExact(b: Backend): void {
  const indexed = b.db.prepare('SELECT rowid AS id, text FROM person_search ORDER BY rowid').all();
  const expected = b.db.prepare('SELECT id, text FROM person_search_source ORDER BY id').all();
  expect(indexed.length).toBeGreaterThan(0);
  expect(indexed).toEqual(expected);
}

const GERMAN_EXCEL = [
  'Anrede;Titel;Vorname;Nachname;E-Mail;Firma;PLZ;Ort;Land;Funktion;Mitarbeiter',
  'Frau;Dr.;Jana;Müller;MAILTO:Jana.Mueller@Neuwerk.EXAMPLE;Neuwerk Leichtbau GmbH;01067;Dresden;Deutschland;Geschäftsführerin;35',
  'Herr;;Björn;Weiß;bjoern.weiss@neuwerk.example;Neuwerk Leichtbau GmbH;01067;Dresden;Deutschland;Vertrieb;35',
  'Herr;;Kein;Mail;;Ohne Adresse AG;;;;;',
  ';;;;;;;;;;',
  'Frau;;Doppelt;Eintrag;jana.mueller@neuwerk.example;Neuwerk Leichtbau GmbH;;;;;',
  'Herr;;Falsch;Adresse;nicht-gueltig@;Neuwerk Leichtbau GmbH;;;;;',
].join('\r\n');

describe('import wizard API', () => {
  it('imports a German Excel CSV: umlauts, postcodes, duplicates and invalid addresses reported by row', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const preview = await open(b, 'Mitglieder.csv', GERMAN_EXCEL);
    expect(preview.delimiter).toBe(';');
    expect(preview.shape).toBe('excel-de');
    expect(preview.mapping.slice(0, 5)).toEqual(['salutation', 'title', 'firstName', 'lastName', 'email']);
    const { check, progress } = await runImport(b, preview);
    expect(check.rows).toBe(5); // the fully empty line 5 is dropped by the reader
    const dup = check.problems.find((p) => p.line === 6);
    expect(dup?.duplicate).toMatchObject({ kind: 'file', by: 'email', firstLine: 2 });
    expect(check.problems.find((p) => p.line === 7)?.issues.map((i) => i.code)).toContain('email_invalid');
    expect(progress.state).toBe('done');
    expect(progress.result).toMatchObject({ created: 4, updated: 1 });
    const jana = b.db.prepare("SELECT p.*, o.postcode, o.city, o.country FROM persons p JOIN person_organisations po ON po.person_id = p.id JOIN organisations o ON o.id = po.organisation_id WHERE p.last_name = 'Müller'").get() as Record<string, unknown>;
    expect(jana).toMatchObject({ email: 'Jana.Mueller@neuwerk.example', title: 'Dr.', salutation: 'frau', postcode: '01067', city: 'Dresden', country: 'DE', source: 'Test-Import' });
    // No consent unless the user states the file documents it.
    expect(b.db.prepare('SELECT count(*) AS n FROM consents').get()).toEqual({ n: 0 });
    expectSearchIndexExact(b);
    b.close();
  });

  it('records consent only when stated, with purpose, wording and source', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const preview = await open(b, 'Mitglieder.csv', GERMAN_EXCEL);
    await runImport(b, preview, { source: 'Mitgliedsantrag 2026', consent: { purpose: 'newsletter', wordingVersion: 'NL-2026-01' } });
    const consents = b.db.prepare('SELECT purpose, action, source, wording_version AS w FROM consents').all();
    expect(consents.length).toBeGreaterThan(0);
    expect(consents[0]).toEqual({ purpose: 'newsletter', action: 'given', source: 'Mitgliedsantrag 2026', w: 'NL-2026-01' });
    b.close();
  });

  it('undo restores the database exactly, also after an import that updated existing people', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const demoPerson = b.db.prepare("SELECT p.email, p.first_name AS f, p.last_name AS l, p.phone FROM persons p WHERE p.phone IS NOT NULL AND p.status = 'active' LIMIT 1").get() as { email: string; f: string; l: string; phone: string };
    const before = snapshot(b);
    const csv = ['Vorname,Nachname,E-Mail,Telefon,Tags', `${demoPerson.f},${demoPerson.l},${demoPerson.email.toUpperCase()},+49 000 1,Messe JEC 2026`, 'Neu,Person,neu@example.org,,Neu'].join('\n');
    const preview = await open(b, 'messe.csv', csv);
    const { progress } = await runImport(b, preview, { onDuplicate: 'overwrite' });
    expect(progress.result).toMatchObject({ created: 1, updated: 1 });
    expect(b.db.prepare('SELECT phone FROM persons WHERE lower(email) = lower(?)').get(demoPerson.email)).toEqual({ phone: '+49 000 1' });
    expect(snapshot(b)).not.toBe(before);
    expectSearchIndexExact(b);
    const list = await call<{ imports: { id: number }[] }>(b, 'imports/list', {});
    await call(b, 'imports/undo', { id: list.imports[0]!.id, confirm: true });
    const after = JSON.parse(snapshot(b)) as unknown[][];
    const was = JSON.parse(before) as unknown[][];
    was.forEach((rows, t) => expect(after[t], `table ${t}`).toEqual(rows));
    await expect(call(b, 'imports/undo', { id: list.imports[0]!.id, confirm: true })).rejects.toThrow(/already undone/);
    b.close();
  });

  it('undo after a topic merge: the person keeps the topic the old one went into, and loses what the import added', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const p = b.db
      .prepare("SELECT p.id, p.email, p.first_name AS f, p.last_name AS l FROM persons p JOIN person_topics pt ON pt.person_id = p.id WHERE p.status = 'active' LIMIT 1")
      .get() as { id: number; email: string; f: string; l: string };
    const topicsOf = (): string[] =>
      b.db.prepare('SELECT t.name FROM person_topics pt JOIN topics t ON t.id = pt.topic_id WHERE pt.person_id = ? ORDER BY t.name').pluck().all(p.id) as string[];
    const before = topicsOf();
    const csv = ['Vorname,Nachname,E-Mail,Themen', `${p.f},${p.l},${p.email},Brandneues Thema`].join('\n');
    const { progress } = await runImport(b, await open(b, 'update.csv', csv), { onDuplicate: 'fill' });
    expect(progress.result).toMatchObject({ updated: 1 });
    expect(topicsOf()).toContain('Brandneues Thema');
    const old = before[0]!;
    const ids = (name: string): number => b.db.prepare('SELECT id FROM topics WHERE name = ?').pluck().get(name) as number;
    const target = (b.db.prepare('SELECT name FROM topics WHERE name NOT IN (SELECT value FROM json_each(?)) AND name <> ? ORDER BY name LIMIT 1').pluck().get(JSON.stringify(before), 'Brandneues Thema')) as string;
    await call(b, 'topics/merge', { id: ids(old), intoId: ids(target) });
    await call(b, 'imports/undo', { id: progress.result!.importId, confirm: true });
    expect(topicsOf()).toEqual([...before.filter((t) => t !== old), target].sort((a, c) => a.localeCompare(c)));
    b.close();
  });

  it('refuses to undo an import whose records a later import changed, until that one is undone', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const first = await runImport(b, await open(b, 'a.csv', 'E-Mail,Nachname\nx@example.org,Erste'));
    await runImport(b, await open(b, 'b.csv', 'E-Mail,Nachname,Telefon\nx@example.org,Erste,123'), { onDuplicate: 'overwrite' });
    await expect(call(b, 'imports/undo', { id: first.progress.result!.importId, confirm: true })).rejects.toThrow(/later import/);
    b.close();
  });

  it('skips duplicates when asked, and per-row decisions override the default', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    await runImport(b, await open(b, 'a.csv', 'E-Mail,Nachname,Telefon\nx@example.org,Alt,1\ny@example.org,Alt,2'));
    const preview = await open(b, 'b.csv', 'E-Mail,Nachname,Telefon\nx@example.org,Neu,9\ny@example.org,Neu,9');
    const { progress } = await runImport(b, preview, { onDuplicate: 'skip', decisions: [{ line: 3, policy: 'overwrite' }] });
    expect(progress.result).toMatchObject({ skipped: 1, updated: 1 });
    expect(b.db.prepare('SELECT email, last_name AS l FROM persons ORDER BY email').all()).toEqual([
      { email: 'x@example.org', l: 'Alt' },
      { email: 'y@example.org', l: 'Neu' },
    ]);
    b.close();
  });

  it('brings an erased address back only as suppressed, never active', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    await runImport(b, await open(b, 'a.csv', 'E-Mail,Nachname\nweg@example.org,Weg'));
    const id = (b.db.prepare("SELECT id FROM persons WHERE email = 'weg@example.org'").get() as { id: number }).id;
    await call(b, 'contacts/erase', { id, confirm: true });
    const { check } = await runImport(b, await open(b, 'b.csv', 'E-Mail,Nachname\nWEG@example.org,Weg'));
    expect(check.suppressed).toBe(1);
    expect(b.db.prepare("SELECT status FROM persons WHERE lower(email) = 'weg@example.org'").get()).toEqual({ status: 'unsubscribed' });
    b.close();
  });

  it('gives truncated and binary files a clear message and changes nothing', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const before = snapshot(b);
    await expect(open(b, 'kaputt.csv', 'Name,Notiz\nJana,"angefangen und nie')).rejects.toThrow(/bad_input: .*(cut off|ends inside)/);
    await expect(open(b, 'bild.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).rejects.toThrow(/bad_input/);
    await expect(open(b, 'leer.csv', '')).rejects.toThrow(/bad_input/);
    expect(snapshot(b)).toBe(before);
    b.close();
  });

  it('indexes every imported person for search exactly as the database view describes it', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const demo = b.db.prepare("SELECT email FROM persons WHERE email IS NOT NULL AND status = 'active' LIMIT 1").get() as { email: string };
    const csv = [
      'Anrede;Titel;Vorname;Nachname;E-Mail;Firma',
      'Frau;Prof. Dr.;Jürgen;Weiß-Öztürk;jw@straße.example;Größe & Maß GmbH',
      'Herr;;Björn;Ærø;;',
      ';;;Nur Nachname;;Ohne Mail AG',
      // A later row of the same person, naming a second organisation: the person gains a link.
      'Frau;;Jürgen;Weiß-Öztürk;JW@straße.example;Zweite Firma ẞ',
      // An existing person of the demo cluster, updated.
      `Herr;Dr.;;;${demo.email.toUpperCase()};Neue Firma`,
    ].join('\r\n');
    const { progress } = await runImport(b, await open(b, 'suche.csv', csv), { onDuplicate: 'fill' });
    expect(progress.result).toMatchObject({ created: 3, updated: 2 });
    expectSearchIndexExact(b);
    b.close();
  });

  it('refuses a mapping that cannot recognise anyone', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const preview = await open(b, 'a.csv', 'Ort,PLZ\nDresden,01067');
    await expect(runImport(b, preview)).rejects.toThrow(/E-Mail or to a name/);
    b.close();
  });
});

describe('round trip with the naughty strings', () => {
  it('every line survives as name, organisation and note: store, search, export, re-import', async () => {
    const blns = fs
      .readFileSync(path.resolve(__dirname, '../../../shared/fixtures/naughty-strings/blns.txt'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const a = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const now = '2026-11-21T00:00:00.000Z';
    const insertOrg = a.db.prepare("INSERT INTO organisations (name, kind, membership, created_at, updated_at) VALUES (?, 'other', 'member', ?, ?)");
    const insertPerson = a.db.prepare('INSERT INTO persons (first_name, last_name, email, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const link = a.db.prepare('INSERT INTO person_organisations (person_id, organisation_id) VALUES (?, ?)');
    const stored = new Map<string, string>();
    blns.forEach((line, i) => {
      const email = `p${i}@naughty.example`;
      // The import cleans names (trims, collapses spaces, drops zero-width characters) by design; the
      // note column is multi-line text and the organisation a name, so compare what cleaning keeps.
      const org = Number(insertOrg.run(`${line} ${i}`, now, now).lastInsertRowid);
      const p = Number(insertPerson.run('X', line, email, line, now, now).lastInsertRowid);
      link.run(p, org);
      stored.set(email, line);
    });
    // Store and search: every value is found by its e-mail and comes back unaltered.
    for (const [email, line] of [...stored].slice(0, 200)) {
      const found = await call<{ rows: { lastName: string | null }[] }>(a, 'contacts/list', { query: email });
      expect(found.rows.map((r) => r.lastName)).toEqual([line]);
    }
    const file = await call<{ base64: string }>(a, 'contacts/export', { format: 'csv', query: '' });
    a.close();

    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const preview = await open(b, 'export.csv', Buffer.from(file.base64, 'base64'));
    const { progress } = await runImport(b, preview);
    expect(progress.state).toBe('done');
    expect(progress.result?.created).toBe(blns.length);
    // The import cleans by documented rules (NFC, trimming, zero-width and control characters removed,
    // academic titles typed into a name cell go to the title field);
    // beyond those, nothing on the way — CSV quoting, formula marks, encoding — may change a value.
    const back = new Map(
      (
        b.db
          .prepare(
            `SELECT p.email, trim(coalesce(p.title, '') || ' ' || coalesce(p.last_name, '')) AS last, p.notes, o.name AS org
             FROM persons p LEFT JOIN person_organisations po ON po.person_id = p.id LEFT JOIN organisations o ON o.id = po.organisation_id`,
          )
          .all() as { email: string; last: string | null; notes: string | null; org: string | null }[]
      ).map((r) => [r.email, r]),
    );
    const orNull = (v: string): string | null => (v === '' ? null : v);
    const altered: string[] = [];
    [...stored].forEach(([email, line], i) => {
      const r = back.get(email);
      const expected = { last: orNull(cleanText(line)), notes: orNull(cleanMultiline(line)), org: orNull(cleanText(`${line} ${i}`)) };
      const got = { last: r?.last || null, notes: r?.notes ?? null, org: r?.org ?? null };
      if (JSON.stringify(got) !== JSON.stringify(expected)) altered.push(`${JSON.stringify(line)}: ${JSON.stringify(got)} != ${JSON.stringify(expected)}`);
    });
    expect(altered.slice(0, 10)).toEqual([]);
    // And the cleaning itself leaves ordinary text alone: most lines come back byte for byte.
    const untouched = [...stored].filter(([email, line]) => back.get(email)?.notes === line).length;
    expect(untouched / stored.size).toBeGreaterThan(0.9);
    expectSearchIndexExact(b);
    b.close();
  });
});
