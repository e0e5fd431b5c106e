import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../app';
import { foldLine } from '../exports/contacts';
import { emailHash } from '../imports/importer';
import { tempDir } from '../test/tmp';
import { getContact, listContacts, updateContact } from './contacts';
import { findDuplicates, mergePersons } from './duplicates';
import { erasePerson, personalDataExport } from './privacy';
import { upkeep } from './upkeep';

const TS = '2026-01-01T00:00:00.000Z';

function demo() {
  return startBackend({ dataDir: tempDir(), shell: 'cli' });
}

async function exportFile(b: ReturnType<typeof demo>, input: Record<string, unknown>): Promise<Buffer> {
  const env = await b.table.dispatch('contacts/export', input);
  if (!env.ok) throw new Error(env.error.message);
  return Buffer.from((env.value as { base64: string }).base64, 'base64');
}

describe('exports', () => {
  it('writes CSV with a BOM, one row per person of the filter, and neutralises formula cells', async () => {
    const b = demo();
    const [first] = listContacts(b.db, { query: 'kind:startup', sort: 'name', desc: false, offset: 0, limit: 1 }).rows;
    updateContact(b.db, first!.id, { notes: '=HYPERLINK("http://evil.example","click")', function: '+49 Vertrieb' });
    const csv = await exportFile(b, { format: 'csv', query: 'kind:startup' });
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.toString('utf8').slice(1);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Anrede,Titel,Vorname,Nachname,E-Mail/);
    const total = listContacts(b.db, { query: 'kind:startup', sort: 'name', desc: false, offset: 0, limit: 1000 }).total;
    expect(lines).toHaveLength(total + 1);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).toContain("'+49 Vertrieb");
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
    const semi = (await exportFile(b, { format: 'csv-semicolon', ids: [first!.id] })).toString('utf8');
    expect(semi.split('\r\n')[0]).toMatch(/^\uFEFFAnrede;Titel;Vorname/);
    b.close();
  });

  it('writes XLSX as text cells: postcodes keep leading zeros, formulas stay text', async () => {
    const b = demo();
    const withZero = b.db.prepare("SELECT p.id FROM persons p JOIN person_organisations po ON po.person_id = p.id JOIN organisations o ON o.id = po.organisation_id WHERE o.postcode LIKE '0%' LIMIT 1").get() as { id: number };
    updateContact(b.db, withZero.id, { notes: '@SUM(1,2)' });
    const xlsx = await exportFile(b, { format: 'xlsx', ids: [withZero.id] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    const plz = row[header.indexOf('PLZ')];
    expect(typeof plz).toBe('string');
    expect(String(plz)).toMatch(/^0\d{4}$/);
    expect(row[header.indexOf('Notiz')]).toBe("'@SUM(1,2)");
    b.close();
  });

  it('writes vCard 4.0 with escaped values and folded long lines', async () => {
    const b = demo();
    const [p] = listContacts(b.db, { query: '', sort: 'name', desc: false, offset: 0, limit: 1 }).rows;
    updateContact(b.db, p!.id, { notes: `Zeile 1; mit Komma, Umlaut ÄÖÜ\nZeile 2 ${'ü'.repeat(60)}` });
    const vcf = (await exportFile(b, { format: 'vcf', ids: [p!.id] })).toString('utf8');
    expect(vcf).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(vcf).toContain('NOTE:Zeile 1\\; mit Komma\\, Umlaut ÄÖÜ\\nZeile 2');
    for (const line of vcf.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(foldLine('x'.repeat(200)).split('\r\n ').join('')).toBe('x'.repeat(200));
    b.close();
  });
});

describe('data-subject rights', () => {
  it('exports everything about one person as JSON', async () => {
    const b = demo();
    const [p] = listContacts(b.db, { query: 'consent:newsletter', sort: 'name', desc: false, offset: 0, limit: 1 }).rows;
    const data = personalDataExport(b.db, p!.id) as { person: { email: string }; consents: unknown[]; organisations: unknown[] };
    expect(data.person.email).toBe(p!.email);
    expect(data.consents.length).toBeGreaterThan(0);
    expect(data.organisations.length).toBe(1);
    const env = await b.table.dispatch('contacts/exportPersonal', { id: p!.id });
    expect(env.ok).toBe(true);
    b.close();
  });

  it('erases a person completely, keeps only a hashed suppression, and needs a confirmation', async () => {
    const b = demo();
    const [p] = listContacts(b.db, { query: '', sort: 'name', desc: false, offset: 0, limit: 1 }).rows;
    expect(await b.table.dispatch('contacts/erase', { id: p!.id })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(erasePerson(b.db, p!.id)).toEqual({ suppressed: 1 });
    expect(() => getContact(b.db, p!.id)).toThrow(/no person/);
    expect(b.db.prepare('SELECT count(*) AS n FROM consents WHERE person_id = ?').get(p!.id)).toEqual({ n: 0 });
    expect(b.db.prepare('SELECT reason FROM suppressions WHERE email_hash = ?').get(emailHash(p!.email!))).toEqual({ reason: 'erased' });
    const dump = JSON.stringify(b.db.prepare("SELECT * FROM change_log WHERE entity = 'person' AND entity_id = ?").all(p!.id));
    expect(dump).not.toContain(p!.email!);
    expect(dump).not.toContain(p!.lastName!);
    b.close();
  });
});

describe('duplicates and merge', () => {
  it('finds the same name twice and merges field by field, keeping consents and history', () => {
    const b = demo();
    const [p] = listContacts(b.db, { query: 'consent:newsletter', sort: 'name', desc: false, offset: 0, limit: 1 }).rows;
    const twinId = Number(
      b.db
        .prepare("INSERT INTO persons (first_name, last_name, email, phone, created_at, updated_at) VALUES (?, ?, 'privat@mail.example', '+49 30 123', ?, ?)")
        .run(p!.firstName, p!.lastName, TS, TS).lastInsertRowid,
    );
    b.db.prepare("INSERT INTO consents (person_id, email, purpose, action, at, source) VALUES (?, 'privat@mail.example', 'mailing', 'given', ?, 'Visitenkarte')").run(twinId, TS);
    updateContact(b.db, twinId, { function: 'Messekontakt' });
    const groups = findDuplicates(b.db);
    const group = groups.find((g) => g.persons.some((x) => x.id === twinId));
    expect(group?.reason).toBe('name');
    expect(group?.persons.map((x) => x.id).sort()).toEqual([p!.id, twinId].sort());
    const before = getContact(b.db, p!.id);
    const merged = mergePersons(b.db, p!.id, twinId, ['phone']);
    expect(merged.email).toBe(p!.email);
    expect(merged.phone).toBe('+49 30 123');
    expect(merged.consents.length).toBe(before.consents.length + 1);
    expect(merged.consents.find((c) => c.source === 'Visitenkarte')?.email).toBe('privat@mail.example');
    expect(merged.history[0]).toMatchObject({ action: 'merged' });
    expect(merged.history.some((h) => h.action === 'edited' && JSON.stringify(h.details).includes('Messekontakt'))).toBe(true);
    expect(b.db.prepare('SELECT email FROM person_emails WHERE person_id = ?').all(p!.id)).toEqual([{ email: 'privat@mail.example' }]);
    expect(b.db.pragma('foreign_key_check')).toEqual([]);
    b.close();
  });
});

describe('contact upkeep', () => {
  it('counts stale, bounced, unconsented and due persons, and members without a key contact', () => {
    const b = demo();
    const u = upkeep(b.db);
    const byKey = Object.fromEntries(u.lists.map((l) => [l.key, l.count]));
    expect(byKey.bounced).toBe(3);
    expect(byKey.stale).toBeGreaterThan(0);
    expect(byKey.noConsent).toBeGreaterThan(0);
    expect(byKey.recontactDue).toBe(0);
    expect(u.organisationsWithoutKeyContact).toHaveLength(3);
    const [p] = listContacts(b.db, { query: '', sort: 'name', desc: false, offset: 0, limit: 1 }).rows;
    updateContact(b.db, p!.id, { recontactOn: '2026-01-15' });
    expect(upkeep(b.db).lists.find((l) => l.key === 'recontactDue')?.count).toBe(1);
    b.close();
  });
});
