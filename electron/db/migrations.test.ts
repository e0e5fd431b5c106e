/**
 * One test per migration: migrate to N-1, insert rows that a user of N-1 would have, migrate to N, and
 * assert the rows survived and the new schema works. Plus: the CHECK lists match shared/domain.ts.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS, CONFIDENTIALITY_LEVELS, INFORMATION_KINDS, MEMBERSHIPS, ORGANISATION_KINDS, PERSON_STATUSES, SALUTATIONS } from '../../shared/domain';
import { tempDir } from '../test/tmp';
import { APPLICATION_ID, migrate, openDatabase, schemaVersion, type Db } from './database';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

const TS = '2026-11-21T10:00:00.000Z';

function freshAt(version: number): Db {
  return openDatabase(path.join(tempDir(), 'db.sqlite'), { targetVersion: version });
}

function tables(db: Db): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('migrations', () => {
  it('are numbered 1..N without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('1 (members): creates the member tables on an empty file, STRICT, with the application id', () => {
    const db = freshAt(1);
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(tables(db)).toEqual(expect.arrayContaining(['organisations', 'persons', 'consents', 'projects', 'change_log', 'suppressions']));
    const orgSql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'organisations'").get() as { sql: string }).sql;
    expect(orgSql).toMatch(/STRICT/);
    // STRICT really rejects a wrongly typed value.
    expect(() =>
      db.prepare("INSERT INTO organisations (name, kind, employees, membership, created_at, updated_at) VALUES ('X', 'startup', 'many', 'member', ?, ?)").run(TS, TS),
    ).toThrow();
    // Consent history is append-only.
    const org = db.prepare("INSERT INTO persons (first_name, email, created_at, updated_at) VALUES ('A', 'a@x.example', ?, ?)").run(TS, TS);
    db.prepare("INSERT INTO consents (person_id, email, purpose, action, at, source) VALUES (?, 'a@x.example', 'newsletter', 'given', ?, 'test')").run(org.lastInsertRowid, TS);
    expect(() => db.prepare("UPDATE consents SET action = 'withdrawn'").run()).toThrow(/append-only/);
    // E-mail is unique case-insensitively.
    expect(() => db.prepare("INSERT INTO persons (first_name, email, created_at, updated_at) VALUES ('B', 'A@x.example', ?, ?)").run(TS, TS)).toThrow(/UNIQUE/);
    db.close();
  });

  it('2 (communication): keeps version-1 rows and links the new tables to them', () => {
    const db = freshAt(1);
    const orgId = db.prepare("INSERT INTO organisations (name, kind, membership, created_at, updated_at) VALUES ('Carbonwerk', 'small_firm', 'member', ?, ?)").run(TS, TS).lastInsertRowid;
    const personId = db.prepare("INSERT INTO persons (salutation, first_name, last_name, email, key_contact, created_at, updated_at) VALUES ('frau', 'Jana', 'Müller', 'jana@carbonwerk.example', 1, ?, ?)").run(TS, TS).lastInsertRowid;
    db.prepare('INSERT INTO person_organisations (person_id, organisation_id, role) VALUES (?, ?, ?)').run(personId, orgId, 'Geschäftsführerin');
    const topicId = db.prepare("INSERT INTO topics (name) VALUES ('Faserverbund')").run().lastInsertRowid;

    migrate(db, 2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.prepare('SELECT last_name FROM persons WHERE id = ?').get(personId)).toEqual({ last_name: 'Müller' });
    expect(tables(db)).toEqual(expect.arrayContaining(['content_items', 'newsletters', 'deliveries', 'outbox', 'plans', 'plan_items', 'segments', 'touchpoints']));

    const item = db.prepare("INSERT INTO content_items (topic_id, information_kind, confidentiality, created_at, updated_at) VALUES (?, 'foreign_markets', 'members', ?, ?)").run(topicId, TS, TS).lastInsertRowid;
    const nl = db.prepare("INSERT INTO newsletters (kind, title, purpose, created_at, updated_at) VALUES ('newsletter', 'Q4', 'newsletter', ?, ?)").run(TS, TS).lastInsertRowid;
    db.prepare('INSERT INTO newsletter_items (newsletter_id, item_id, position) VALUES (?, ?, 1)').run(nl, item);
    db.prepare("INSERT INTO deliveries (newsletter_id, person_id, email, language, status, queued_at) VALUES (?, ?, 'jana@carbonwerk.example', 'de', 'queued', ?)").run(nl, personId, TS);
    // The ledger has one row per message and address: a resend cannot create a second one.
    expect(() =>
      db.prepare("INSERT INTO deliveries (newsletter_id, person_id, email, language, status, queued_at) VALUES (?, ?, 'jana@carbonwerk.example', 'de', 'queued', ?)").run(nl, personId, TS),
    ).toThrow(/UNIQUE/);
    // A project-group item must name its group.
    expect(() =>
      db.prepare("INSERT INTO content_items (information_kind, confidentiality, created_at, updated_at) VALUES ('other', 'project_group', ?, ?)").run(TS, TS),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('runs all pending migrations in one transaction: a failing one leaves the file at its old version', () => {
    const dir = tempDir();
    const file = path.join(dir, 'db.sqlite');
    openDatabase(file, { targetVersion: 1 }).close();
    const raw = new Database(file);
    // Occupy a name migration 2 creates, so it fails half-way.
    raw.exec('CREATE TABLE plans (x INTEGER)');
    expect(() => migrate(raw, 2)).toThrow();
    expect(schemaVersion(raw)).toBe(1);
    expect(tables(raw)).not.toContain('content_items');
    raw.close();
  });

  it('CHECK constraints list exactly the codes of shared/domain.ts', () => {
    const sql = MIGRATIONS.map((m) => m.sql).join('\n');
    const listFor = (column: string): string[][] =>
      [...sql.matchAll(new RegExp(`${column}\\s+IN\\s*\\(([^)]*)\\)`, 'g'))].map((m) =>
        (m[1] ?? '').split(',').map((s) => s.trim().replace(/^'|'$/g, '')),
      );
    const expectAll = (column: string, codes: readonly string[]): void => {
      const lists = listFor(column);
      expect(lists.length, column).toBeGreaterThan(0);
      for (const l of lists) expect([...l].sort(), column).toEqual([...codes].sort());
    };
    expectAll('membership', MEMBERSHIPS);
    expectAll('salutation', SALUTATIONS);
    expectAll('confidentiality', CONFIDENTIALITY_LEVELS);
    expectAll('channel', CHANNELS);
    expectAll('information_kind', INFORMATION_KINDS);
    const orgKind = listFor('kind').find((l) => l.includes('startup'));
    expect(orgKind?.sort()).toEqual([...ORGANISATION_KINDS].sort());
    const status = listFor('status').find((l) => l.includes('erased'));
    expect(status?.sort()).toEqual([...PERSON_STATUSES].sort());
  });
});

describe('migration 3 (contacts)', () => {
  it('indexes version-2 persons for search, keeps the index current, and adds the undo log', () => {
    const db = freshAt(2);
    const org = db.prepare("INSERT INTO organisations (name, kind, membership, created_at, updated_at) VALUES ('Carbonwerk Magdeburg', 'small_firm', 'member', ?, ?)").run(TS, TS).lastInsertRowid;
    const jana = db.prepare("INSERT INTO persons (first_name, last_name, email, created_at, updated_at) VALUES ('Jana', 'Müller', 'jana@cw.example', ?, ?)").run(TS, TS).lastInsertRowid;
    db.prepare('INSERT INTO person_organisations (person_id, organisation_id) VALUES (?, ?)').run(jana, org);

    migrate(db, 3);
    expect(schemaVersion(db)).toBe(3);
    const find = (q: string): number[] =>
      (db.prepare('SELECT rowid AS id FROM person_search WHERE person_search MATCH ?').all(`"${q}"*`) as { id: number }[]).map((r) => r.id);
    expect(find('Müller')).toEqual([Number(jana)]);
    expect(find('mueller')).toEqual([Number(jana)]);
    expect(find('muller')).toEqual([Number(jana)]);
    expect(find('carbonwerk')).toEqual([Number(jana)]);

    // Triggers keep it current: new persons, renamed organisations, deleted persons.
    const bjoern = db.prepare("INSERT INTO persons (first_name, last_name, email, created_at, updated_at) VALUES ('Björn', 'Weiß', 'bw@x.example', ?, ?)").run(TS, TS).lastInsertRowid;
    expect(find('weiss')).toEqual([Number(bjoern)]);
    db.prepare("UPDATE organisations SET name = 'Kohlefaserwerk' WHERE id = ?").run(org);
    expect(find('carbonwerk')).toEqual([]);
    expect(find('kohlefaser')).toEqual([Number(jana)]);
    db.prepare('DELETE FROM persons WHERE id = ?').run(bjoern);
    expect(find('weiss')).toEqual([]);

    db.prepare("UPDATE persons SET mobile = '+49 170 1234567' WHERE id = ?").run(jana);
    db.prepare("INSERT INTO imports (at, file_name, format) VALUES (?, 'x.csv', 'csv')").run(TS);
    db.prepare("INSERT INTO import_changes (import_id, seq, entity, entity_id, action, before) VALUES (1, 1, 'person', ?, 'updated', '{}')").run(jana);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

describe('migration 4 (segments)', () => {
  it('keeps version-3 segments, gives them the newsletter purpose and refuses unknown purposes', () => {
    const db = freshAt(3);
    db.prepare("INSERT INTO segments (name, kind, rule, created_at, updated_at) VALUES ('Alle', 'dynamic', '{\"type\":\"and\",\"children\":[]}', ?, ?)").run(TS, TS);
    migrate(db, 4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT name, purpose FROM segments').all()).toEqual([{ name: 'Alle', purpose: 'newsletter' }]);
    expect(() => db.prepare("UPDATE segments SET purpose = 'spam'").run()).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 5 (content)', () => {
  it('keeps version-4 items and templates, adds alt text, the starter flag and the starter set', () => {
    const db = freshAt(4);
    const item = db.prepare("INSERT INTO content_items (information_kind, created_at, updated_at) VALUES ('other', ?, ?)").run(TS, TS).lastInsertRowid;
    db.prepare("INSERT INTO content_texts (item_id, language, title) VALUES (?, 'de', 'Alt')").run(item);
    db.prepare("INSERT INTO templates (name, kind, language, mjml, created_at, updated_at) VALUES ('Eigene', 'newsletter', 'de', '<mjml></mjml>', ?, ?)").run(TS, TS);

    migrate(db, 5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT title FROM content_texts WHERE item_id = ?').get(item)).toEqual({ title: 'Alt' });
    db.prepare("UPDATE content_items SET image_alt = 'Faserwickelanlage' WHERE id = ?").run(item);
    const templates = db.prepare('SELECT name, kind, language, starter, problems FROM templates ORDER BY id').all() as { name: string; kind: string; language: string; starter: number; problems: string }[];
    expect(templates[0]).toEqual({ name: 'Eigene', kind: 'newsletter', language: 'de', starter: 0, problems: '[]' });
    expect(templates.slice(1).map((t) => `${t.kind}/${t.language}/${t.starter}`)).toEqual(['newsletter/de/1', 'newsletter/en/1', 'mailing/de/1', 'mailing/en/1']);
    const mjml = (db.prepare("SELECT mjml FROM templates WHERE kind = 'newsletter' AND language = 'de' AND starter = 1").get() as { mjml: string }).mjml;
    // Quotes in the starter text survive the SQL literal (the English footer has "cluster's").
    expect(mjml).toContain('{{unsubscribe_url}}');
    expect((db.prepare("SELECT mjml FROM templates WHERE kind = 'newsletter' AND language = 'en' AND starter = 1").get() as { mjml: string }).mjml).toContain("cluster's");
    expect(() => db.prepare('UPDATE templates SET starter = 2').run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE templates SET problems = 'nope'").run()).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
