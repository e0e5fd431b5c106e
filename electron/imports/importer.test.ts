/**
 * The importer's bulk path: a large import sets the search triggers and secondary indexes aside while it
 * inserts (see setAside in importer.ts). These tests run small files through that path by lowering its
 * threshold and check that nothing of it shows afterwards: the schema is the same, the search index is
 * exact, constraints still hold, and undo still restores the database.
 */
import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../../shared/contacts/mapping';
import { startBackend } from '../app';
import { tempDir } from '../test/tmp';
import { analyseImport, applyImport, undoImport, type ImportSettings } from './importer';
import { readSource } from './read';

type Backend = ReturnType<typeof startBackend>;

const CSV = [
  'Anrede;Titel;Vorname;Nachname;E-Mail;Firma;Themen',
  'Frau;Dr.;Jürgen;Weiß-Öztürk;jw@straße.example;Größe & Maß GmbH;Leichtbau',
  'Herr;;Björn;Ærø;bjoern@aero.example;Größe & Maß;Leichtbau; Recycling',
  ';;;Nur Nachname;;Ohne Mail AG;',
  'Frau;;Jürgen;Weiß-Öztürk;JW@straße.example;Zweite Firma ẞ;Wasserstoff',
  'Herr;;Jana;Müller;jana@carbon.example;;',
].join('\r\n');

async function importCsv(b: Backend, csv: string, bulkFrom: number, extra: Partial<ImportSettings> = {}) {
  const table = await readSource('bulk.csv', Buffer.from(csv, 'utf8'));
  const settings: ImportSettings = { fileName: 'bulk.csv', mapping: suggestMapping(table.columns).mapping, onDuplicate: 'fill', source: 'Test', ...extra };
  const report = analyseImport(b.db, table, settings);
  return applyImport(b.db, report, settings, table.format, undefined, { bulkFrom });
}

function schema(b: Backend): unknown[] {
  return b.db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
}

function expectSearchIndexExact(b: Backend): void {
  const indexed = b.db.prepare('SELECT rowid AS id, text FROM person_search ORDER BY rowid').all();
  expect(indexed).toEqual(b.db.prepare('SELECT id, text FROM person_search_source ORDER BY id').all());
}

function contents(b: Backend): string {
  const tables = ['persons', 'organisations', 'person_organisations', 'person_topics', 'topics', 'person_search'];
  return JSON.stringify(tables.map((t) => b.db.prepare(`SELECT ${t === 'person_search' ? 'rowid, ' : ''}* FROM ${t} ORDER BY 1, 2`).all()));
}

describe('bulk import', () => {
  it('into an empty database: indexes and triggers come back as they were, the search index is exact', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const before = schema(b);
    const result = await importCsv(b, CSV, 1);
    expect(result).toMatchObject({ created: 4, updated: 1 });
    expect(schema(b)).toEqual(before);
    // The search index merges its segments again after the load (it is paused during it).
    expect(b.db.prepare("SELECT v FROM person_search_config WHERE k = 'automerge'").pluck().get()).toBe(4);
    expectSearchIndexExact(b);
    expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The triggers work again after the import: a later change is indexed at once.
    b.db.prepare("UPDATE persons SET last_name = 'Schäfer' WHERE email = 'jana@carbon.example'").run();
    expect(b.db.prepare("SELECT count(*) AS n FROM person_search WHERE person_search MATCH 'schaefer'").get()).toEqual({ n: 1 });
    expectSearchIndexExact(b);
    b.close();
  });

  it('into a database with people: gives the same result as the row-by-row path, and undo restores it', async () => {
    const bulk = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const plain = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const demo = bulk.db.prepare("SELECT email FROM persons WHERE email IS NOT NULL AND status = 'active' ORDER BY id LIMIT 1").get() as { email: string };
    const csv = `${CSV}\r\nHerr;Prof.;;;${demo.email.toUpperCase()};Neue Firma;Leichtbau`;
    // Both demo databases are the same but for when they were made.
    const stamp = (s: string): string => s.replace(/"(created_at|updated_at)":"[^"]*"/g, '"$1":""');
    const schemaBefore = schema(bulk);
    const before = contents(bulk);
    expect(stamp(contents(plain))).toBe(stamp(before));
    const a = await importCsv(bulk, csv, 1);
    const c = await importCsv(plain, csv, Number.MAX_SAFE_INTEGER);
    expect(a).toEqual(c);
    expect(stamp(contents(bulk))).toBe(stamp(contents(plain)));
    expect(schema(bulk)).toEqual(schemaBefore);
    expectSearchIndexExact(bulk);
    undoImport(bulk.db, a.importId);
    expect(contents(bulk)).toBe(before);
    expectSearchIndexExact(bulk);
    bulk.close();
    plain.close();
  });

  it('a file of several batches with duplicates inside it: every row written, links and lists exact, undo restores it', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const before = contents(b);
    const settingsBefore = [b.db.pragma('cache_size', { simple: true }), b.db.pragma('temp_store', { simple: true })];
    // 300 persons (batches hold 64 rows), every 50th row naming an earlier person again with another
    // organisation and topic: the update must see the earlier rows, written or still waiting in a batch.
    const lines = ['Vorname;Nachname;E-Mail;Firma;Themen'];
    for (let i = 0; i < 300; i++) {
      lines.push(i > 0 && i % 50 === 0 ? `Anna;Person${i - 1};P${i - 1}@Batch.example;Zweitfirma ${i};Recycling` : `Anna;Person${i};p${i}@batch.example;Firma ${i % 7} GmbH;Leichtbau`);
    }
    const result = await importCsv(b, lines.join('\r\n'), 100);
    expect(result).toMatchObject({ created: 295, updated: 5, organisationsCreated: 12 });
    const person = (email: string) =>
      b.db
        .prepare(
          `SELECT p.id, (SELECT group_concat(o.name || ':' || po.is_primary, ',') FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id WHERE po.person_id = p.id) AS orgs,
                  (SELECT group_concat(t.name, ',') FROM person_topics pt JOIN topics t ON t.id = pt.topic_id WHERE pt.person_id = p.id) AS topics
           FROM persons p WHERE p.email = ?`,
        )
        .get(email) as { id: number; orgs: string; topics: string };
    expect(person('p49@batch.example')).toMatchObject({ orgs: 'Firma 0 GmbH:1,Zweitfirma 50:0', topics: 'Leichtbau,Recycling' });
    // Ids as SQLite gives them: consecutive in file order.
    expect(person('p1@batch.example').id - person('p0@batch.example').id).toBe(1);
    expect(b.db.pragma('foreign_key_check')).toEqual([]);
    expect(b.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expectSearchIndexExact(b);
    // The connection's settings are as they were.
    expect([b.db.pragma('cache_size', { simple: true }), b.db.pragma('temp_store', { simple: true })]).toEqual(settingsBefore);
    undoImport(b.db, result.importId);
    expect(contents(b)).toBe(before);
    b.close();
  });

  it('still refuses a second person with a stored address, and leaves everything as it was', async () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli', seedDemo: false });
    const schemaBefore = schema(b);
    const table = await readSource('neu.csv', Buffer.from('E-Mail;Nachname\r\nneu@example.org;Neu\r\na@example.org;A\r\nb@example.org;B', 'utf8'));
    const settings: ImportSettings = { fileName: 'neu.csv', mapping: suggestMapping(table.columns).mapping, onDuplicate: 'fill', source: 'Test' };
    const report = analyseImport(b.db, table, settings);
    // A person stored behind the analysis' back: its address clashes with the first row under the unique
    // index, which the bulk path builds again only at the end.
    b.db.prepare("INSERT INTO persons (last_name, email, created_at, updated_at) VALUES ('Dazwischen', 'NEU@example.org', 'x', 'x')").run();
    const between = contents(b);
    expect(() => applyImport(b.db, report, settings, table.format, undefined, { bulkFrom: 1 })).toThrow(/UNIQUE/);
    expect(contents(b)).toBe(between);
    expect(schema(b)).toEqual(schemaBefore);
    expect(b.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    b.close();
  });
});
