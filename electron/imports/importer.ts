/**
 * The contact import: analyse a read table against the database (a report with row numbers), then apply it
 * in ONE transaction, recording a before-image of everything it touches so the import can be undone exactly.
 * The same two functions serve the wizard, the CLI and the import worker.
 */
import crypto from 'node:crypto';
import { emailKey, nameKey, organisationKey } from '../../shared/contacts/cleaning';
import { mailchimpExportStatus, rowMapper, type ImportField, type PersonDraft, type RowIssue } from '../../shared/contacts/mapping';
import type { ConsentPurpose, OrganisationKind, SizeThresholds } from '../../shared/domain';
import type { Db } from '../db/database';
import { currentActor } from '../services/changes';
import type { SourceTable } from './read';

export type DuplicatePolicy = 'skip' | 'fill' | 'overwrite';

export interface ImportSettings {
  fileName: string;
  mapping: (ImportField | null)[];
  onDuplicate: DuplicatePolicy;
  /** Per source line, overriding onDuplicate for that row. */
  decisions?: Record<number, DuplicatePolicy>;
  /** Recorded on every imported person ("Messe JEC 2026", "Import Excel 2026-03"). */
  source: string;
  /** Only when the user states that the file documents consent. */
  consent?: { purpose: ConsentPurpose; wordingVersion: string; evidence?: string | undefined } | undefined;
}

/** `organisationKey`: the duplicate key of the draft's organisation ('' for none), worked out once per row. */
export type RowOutcome =
  | { line: number; action: 'create'; draft: PersonDraft; organisationKey: string; issues: RowIssue[]; suppressed: boolean }
  | { line: number; action: 'update' | 'skip'; draft: PersonDraft; organisationKey: string; issues: RowIssue[]; match: Match }
  | { line: number; action: 'invalid'; issues: RowIssue[] };

export interface Match {
  kind: 'database' | 'file';
  by: 'email' | 'name';
  personId: number | null;
  /** For in-file duplicates, the line of the first occurrence. */
  firstLine: number | null;
  label: string;
}

export interface ImportReport {
  rows: number;
  create: number;
  update: number;
  skip: number;
  invalid: number;
  suppressed: number;
  outcomes: RowOutcome[];
  /** Mailchimp's "cleaned" export lists addresses that bounced. */
  bounced: boolean;
}

/** Only a row with neither an e-mail nor a name is unusable; other issues drop one value and are reported. */
const BLOCKING: RowIssue['code'][] = ['email_missing'];

function personLabel(d: PersonDraft): string {
  return [d.firstName, d.lastName].filter(Boolean).join(' ') || d.email || '?';
}

export function emailHash(email: string): string {
  return crypto.createHash('sha256').update(emailKey(email)).digest('hex');
}

/** Reads the database once into lookup maps, so analysing 100,000 rows costs no per-row queries. */
function lookups(db: Db) {
  const byEmail = new Map<string, { id: number; label: string }>();
  for (const r of db.prepare("SELECT id, email, first_name AS f, last_name AS l FROM persons WHERE email IS NOT NULL AND status <> 'erased'").iterate() as IterableIterator<{ id: number; email: string; f: string | null; l: string | null }>) {
    byEmail.set(emailKey(r.email), { id: r.id, label: [r.f, r.l].filter(Boolean).join(' ') || r.email });
  }
  for (const r of db.prepare('SELECT person_id AS id, email FROM person_emails').iterate() as IterableIterator<{ id: number; email: string }>) {
    if (!byEmail.has(emailKey(r.email))) byEmail.set(emailKey(r.email), { id: r.id, label: r.email });
  }
  const byName = new Map<string, { id: number; label: string }>();
  for (const r of db
    .prepare(
      `SELECT p.id, p.first_name AS f, p.last_name AS l, o.name AS org FROM persons p
       LEFT JOIN person_organisations po ON po.person_id = p.id LEFT JOIN organisations o ON o.id = po.organisation_id
       WHERE p.status <> 'erased' AND p.last_name IS NOT NULL`,
    )
    .iterate() as IterableIterator<{ id: number; f: string | null; l: string; org: string | null }>) {
    byName.set(`${nameKey(r.f ?? '', r.l)}|${organisationKey(r.org ?? '')}`, { id: r.id, label: [r.f, r.l].filter(Boolean).join(' ') });
  }
  const suppressed = new Set((db.prepare('SELECT email_hash AS h FROM suppressions').all() as { h: string }[]).map((r) => r.h));
  return { byEmail, byName, suppressed };
}

export function analyseImport(db: Db, table: SourceTable, settings: ImportSettings, sizeThresholds?: SizeThresholds): ImportReport {
  const { byEmail, byName, suppressed } = lookups(db);
  // Mailchimp exports one file per status; the file, not a column, says whether these people subscribed.
  const fileStatus = mailchimpExportStatus(table.columns);
  const fileConsent = fileStatus === null ? null : fileStatus === 'subscribed';
  const seenEmail = new Map<string, number>();
  // Name keys (name + organisation) count only for rows without an e-mail address. Until the first such
  // row they are not built at all (most files have an address on every row); that row then builds them
  // for the rows before it, in file order, as if they had been built all along.
  let seenName: Map<string, number> | null = null;
  const personKey = (d: PersonDraft, orgKey: string): string | null => (d.lastName ? `${nameKey(d.firstName ?? '', d.lastName)}|${orgKey}` : null);
  const namesSoFar = (): Map<string, number> => {
    const names = new Map<string, number>();
    for (const o of outcomes) {
      if (o.action === 'invalid') continue;
      const key = personKey(o.draft, o.organisationKey);
      if (key !== null && !names.has(key)) names.set(key, o.line);
    }
    return names;
  };
  const outcomes: RowOutcome[] = [];
  let suppressedCount = 0;
  const map = rowMapper(settings.mapping, { ...(sizeThresholds ? { sizeThresholds } : {}), fileConsent });
  for (const row of table.rows) {
    const { draft, issues } = map(row.cells);
    if (fileStatus === 'cleaned') draft.consentNewsletter = false;
    if (issues.some((i) => BLOCKING.includes(i.code))) {
      outcomes.push({ line: row.line, action: 'invalid', issues });
      continue;
    }
    const eKey = draft.email ? emailKey(draft.email) : null;
    const orgKey = draft.organisation ? organisationKey(draft.organisation) : '';
    if (eKey === null && seenName === null) seenName = namesSoFar();
    const nKey = seenName === null ? null : personKey(draft, orgKey);
    const policy = settings.decisions?.[row.line] ?? settings.onDuplicate;
    const firstInFile = (eKey !== null ? seenEmail.get(eKey) : undefined) ?? (nKey !== null && eKey === null ? seenName?.get(nKey) : undefined);
    const inDb = (eKey !== null ? byEmail.get(eKey) : undefined) ?? (nKey !== null && eKey === null ? byName.get(nKey) : undefined);
    let match: Match | null = null;
    if (firstInFile !== undefined) {
      match = { kind: 'file', by: eKey !== null && seenEmail.has(eKey) ? 'email' : 'name', personId: inDb?.id ?? null, firstLine: firstInFile, label: personLabel(draft) };
    } else if (inDb) {
      match = { kind: 'database', by: eKey !== null && byEmail.has(eKey) ? 'email' : 'name', personId: inDb.id, firstLine: null, label: inDb.label };
    }
    if (eKey !== null && !seenEmail.has(eKey)) seenEmail.set(eKey, row.line);
    if (seenName !== null && nKey !== null && !seenName.has(nKey)) seenName.set(nKey, row.line);
    if (match) {
      outcomes.push({ line: row.line, action: policy === 'skip' ? 'skip' : 'update', draft, organisationKey: orgKey, issues, match });
    } else {
      // Hashing every address costs more than the rest of the check; with no suppressions there is no need.
      const isSuppressed = draft.email !== null && suppressed.size > 0 && suppressed.has(emailHash(draft.email));
      if (isSuppressed) suppressedCount++;
      outcomes.push({ line: row.line, action: 'create', draft, organisationKey: orgKey, issues, suppressed: isSuppressed });
    }
  }
  const count = (a: RowOutcome['action']): number => outcomes.filter((o) => o.action === a).length;
  return {
    rows: table.rows.length,
    create: count('create'),
    update: count('update'),
    skip: count('skip'),
    invalid: count('invalid'),
    suppressed: suppressedCount,
    outcomes,
    bounced: fileStatus === 'cleaned',
  };
}

export interface ImportResult {
  importId: number;
  created: number;
  updated: number;
  skipped: number;
  invalid: number;
  organisationsCreated: number;
}

/** Person columns an import may write, with the draft field that feeds each. */
const PERSON_FIELDS = [
  ['salutation', 'salutation'],
  ['title', 'title'],
  ['first_name', 'firstName'],
  ['last_name', 'lastName'],
  ['email', 'email'],
  ['phone', 'phone'],
  ['mobile', 'mobile'],
  ['function', 'function'],
  ['language', 'language'],
  ['notes', 'notes'],
] as const satisfies readonly (readonly [string, keyof PersonDraft])[];

const ORG_FIELDS = [
  ['employees', 'employees'],
  ['country', 'country'],
  ['region', 'region'],
  ['city', 'city'],
  ['postcode', 'postcode'],
  ['street', 'street'],
  ['website', 'website'],
] as const satisfies readonly (readonly [string, keyof PersonDraft])[];

type Row = Record<string, unknown>;

function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (v === 'none');
}

/**
 * Applies an analysed import. Throws (and the transaction rolls back, leaving the database as it was) on
 * any failure. `onProgress` is called every few hundred rows with (done, total).
 *
 * Built for 100,000 rows: statements are prepared once; new rows are written 64 at a time (Batches); the
 * search index is filled in one pass at the end instead of by per-row triggers; persons it creates are found again by `persons.import_id`, so only
 * updates and created organisations, topics and tags need rows in the undo log; a person's history shows
 * the import from the import tables rather than from one change-log row each.
 */
export function applyImport(
  db: Db,
  report: ImportReport,
  settings: ImportSettings,
  format: string,
  onProgress?: (done: number, total: number) => void,
  tuning: ImportTuning = {},
): ImportResult {
  const now = new Date().toISOString();
  // A large import touches the persons table and its indexes all over; with SQLite's default 2 MB page
  // cache their pages would be evicted and read back again and again. The setting is this connection's
  // only, changes nothing on disk, and is put back afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  // Each multi-row INSERT that may fail halfway keeps a statement journal, and rebuilding an index sorts;
  // both go to temporary files by default, which costs a write and a read of every page they hold. In
  // memory they are small (one batch; one index's keys). Changing the setting drops the connection's
  // temporary tables, so it is changed only when there are none (the import creates none either).
  const tempStore = db.pragma('temp_store', { simple: true }) as number;
  const memoryTemp = tempStore !== TEMP_STORE_MEMORY && db.prepare('SELECT 1 FROM temp.sqlite_master').get() === undefined;
  if (memoryTemp) db.pragma(`temp_store = ${TEMP_STORE_MEMORY}`);
  try {
    return applyInTransaction(db, report, settings, format, now, onProgress, tuning);
  } finally {
    db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
    if (memoryTemp) db.pragma(`temp_store = ${Math.trunc(tempStore)}`);
  }
}

/** PRAGMA temp_store's value for MEMORY. */
const TEMP_STORE_MEMORY = 2;

/** 64 MiB, as SQLite writes a size in KiB: negative. */
const IMPORT_CACHE_KIB = -65536;

export interface ImportTuning {
  /** From how many new persons the indexes and search triggers are set aside (BULK_FROM); tests lower it. */
  bulkFrom?: number;
}

/**
 * From this many new persons on, an import sets the secondary indexes of the tables it fills and the
 * search triggers aside for its duration (see setAside). Below, building the indexes again would cost
 * more than the few rows save.
 */
const BULK_FROM = 5_000;

/* The tables an import adds a row to per person; their secondary indexes are set aside in a bulk import. */
const BULK_TABLES = ['persons', 'person_organisations'];

/**
 * Sets aside, inside the import's transaction, what makes each inserted row expensive without doing
 * anything the import does not do again at the end, and returns the statements that put it back:
 *
 * - The search triggers that stand aside while 'internal.bulkImport' exists (migration 3). They change
 *   nothing during the import, yet SQLite evaluates their WHEN clause on every row, and a statement that
 *   may fire a trigger needs a statement journal, a copy of every page it touches.
 * - The secondary indexes of persons and person_organisations (the e-mail, name and organisation
 *   indexes), when the import adds at least as many persons as there are: a row inserted into an index
 *   lands on a random page, while CREATE INDEX sorts once. No statement of the import reads through them,
 *   and the UNIQUE e-mail index checks all rows when it is created again, failing (and so rolling back)
 *   the import as the insert itself would have.
 *
 * Everything is taken from and given back to sqlite_master verbatim, and it happens in the import's one
 * transaction: a failed or interrupted import rolls the schema back with the data, and other connections
 * only ever see the schema as it was. Indexes stay when the database holds ANALYZE statistics, which
 * dropping an index would delete.
 */
function setAside(db: Db, creating: number): string[] {
  const persons = (db.prepare('SELECT count(*) AS n FROM persons').get() as { n: number }).n;
  const hasStatistics = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'").get() !== undefined;
  const indexes = creating >= persons && !hasStatistics;
  const objects = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_master
       WHERE (type = 'trigger' AND sql LIKE '%internal.bulkImport%')
          OR (type = 'index' AND sql IS NOT NULL AND @indexes AND tbl_name IN (SELECT value FROM json_each(@tables)))
       ORDER BY type, name`,
    )
    .all({ indexes: indexes ? 1 : 0, tables: JSON.stringify(BULK_TABLES) }) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const o of objects) db.exec(`DROP ${o.type === 'index' ? 'INDEX' : 'TRIGGER'} "${o.name.replaceAll('"', '""')}"`);
  return objects.map((o) => o.sql);
}

/** Rows per multi-row INSERT: at 16 columns 1,024 parameters, far below SQLite's limit of 32,766. */
const ROWS_PER_STATEMENT = 64;

/**
 * Multi-row INSERTs for the rows an import writes per person. One statement call per row costs a crossing
 * into the native module, a bind and a reset, which for these small rows is most of the work; one call per
 * 64 rows does not. The tables are written in the order given (persons before the rows that reference
 * them, as foreign keys are checked per statement), and all of them whenever one is full or `flush` is
 * called, so a read between two flushes sees every row added before it.
 */
class Batches {
  private readonly tables: { head: string; columns: number; values: unknown[]; statements: Map<number, ReturnType<Db['prepare']>> }[] = [];

  constructor(private readonly db: Db) {}

  /** `head` is `INSERT [OR IGNORE] INTO t (a, b, c)`; returns the function that adds one row. */
  table(head: string, columns: number): (...row: unknown[]) => void {
    const t = { head, columns, values: [] as unknown[], statements: new Map<number, ReturnType<Db['prepare']>>() };
    this.tables.push(t);
    return (...row) => {
      for (const v of row) t.values.push(v);
      if (t.values.length >= columns * ROWS_PER_STATEMENT) this.flush();
    };
  }

  flush(): void {
    for (const t of this.tables) {
      const rows = t.values.length / t.columns;
      for (let start = 0; start < rows; start += ROWS_PER_STATEMENT) {
        const n = Math.min(ROWS_PER_STATEMENT, rows - start);
        let statement = t.statements.get(n);
        if (statement === undefined) {
          const row = `(${Array.from({ length: t.columns }, () => '?').join(', ')})`;
          statement = this.db.prepare(`${t.head} VALUES ${Array.from({ length: n }, () => row).join(', ')}`);
          t.statements.set(n, statement);
        }
        statement.run(n === rows ? t.values : t.values.slice(start * t.columns, (start + n) * t.columns));
      }
      t.values.length = 0;
    }
  }
}

function applyInTransaction(
  db: Db,
  report: ImportReport,
  settings: ImportSettings,
  format: string,
  now: string,
  onProgress: ((done: number, total: number) => void) | undefined,
  tuning: ImportTuning,
): ImportResult {
  return db.transaction((): ImportResult => {
    const importId = Number(
      db
        .prepare('INSERT INTO imports (at, file_name, format, source, actor) VALUES (?, ?, ?, ?, ?)')
        .run(now, settings.fileName, format, settings.source, currentActor()).lastInsertRowid,
    );
    // Seen only inside this transaction: the search triggers stand aside until the pass at the end.
    db.prepare("INSERT INTO settings (key, value) VALUES ('internal.bulkImport', 'true')").run();
    const bulkLoad = report.create >= (tuning.bulkFrom ?? BULK_FROM);
    const deferred = bulkLoad ? setAside(db, report.create) : [];
    // New organisations and persons, the rows that hang off them and the undo log are written in batches,
    // in this order (see Batches). New rows get the ids SQLite would give them, one past the largest (no
    // table has AUTOINCREMENT), taken while this transaction holds the write lock.
    const batches = new Batches(db);
    const nextId = (table: 'organisations' | 'persons'): number => (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;
    const insertOrg = batches.table(
      'INSERT INTO organisations (id, name, kind, employees, country, region, city, postcode, street, website, membership, created_at, updated_at)',
      13,
    );
    let nextOrgId = nextId('organisations');
    const insertPerson = batches.table(
      `INSERT INTO persons (id, salutation, title, first_name, last_name, email, phone, mobile, function, key_contact, language, status,
                            source, import_id, notes, created_at, updated_at)`,
      17,
    );
    let nextPersonId = nextId('persons');
    const insertLink = batches.table('INSERT OR IGNORE INTO person_organisations (person_id, organisation_id, role, department, is_primary)', 5);
    const insertTopic = batches.table('INSERT OR IGNORE INTO person_topics (person_id, topic_id)', 2);
    const insertTag = batches.table('INSERT OR IGNORE INTO person_tags (person_id, tag_id)', 2);
    const insertInterest = batches.table('INSERT OR IGNORE INTO person_information_kinds (person_id, kind)', 2);
    const insertConsent = batches.table('INSERT INTO consents (person_id, email, purpose, action, at, source, wording_version, evidence)', 8);
    const insertChange = batches.table('INSERT INTO import_changes (import_id, seq, entity, entity_id, action, before)', 6);
    let seq = 0;
    const recordChange = (entity: 'person' | 'organisation' | 'topic' | 'tag', id: number, action: 'created' | 'updated', before: unknown): void => {
      insertChange(importId, ++seq, entity, id, action, before === null ? null : JSON.stringify(before));
    };

    // Organisations by normalised name, existing and created in this run; each existing one is updated
    // at most once per import (from the first row that names it).
    const orgIds = new Map<string, number>();
    // The stored name of every organisation a person may be linked to, for the search index.
    const orgNames = new Map<number, string>();
    for (const o of db.prepare('SELECT id, name FROM organisations').iterate() as IterableIterator<{ id: number; name: string }>) {
      const k = organisationKey(o.name);
      if (!orgIds.has(k)) {
        orgIds.set(k, o.id);
        orgNames.set(o.id, o.name);
      }
    }
    const orgSeen = new Set<number>();
    let organisationsCreated = 0;
    // Positional parameters: binding by name costs a lookup per parameter and row.
    const selectOrg = db.prepare('SELECT * FROM organisations WHERE id = ?');
    const organisationFor = (d: PersonDraft, key: string, policy: DuplicatePolicy): number | null => {
      if (!d.organisation) return null;
      const existing = orgIds.get(key);
      if (existing === undefined) {
        const kind: OrganisationKind = d.organisationKind ?? 'other';
        const id = nextOrgId++;
        insertOrg(id, d.organisation, kind, d.employees, d.country, d.region, d.city, d.postcode, d.street, d.website, d.membership ?? 'member', now, now);
        orgIds.set(key, id);
        orgNames.set(id, d.organisation);
        orgSeen.add(id);
        organisationsCreated++;
        recordChange('organisation', id, 'created', null);
        return id;
      }
      if (policy !== 'skip' && !orgSeen.has(existing)) {
        orgSeen.add(existing);
        const before = selectOrg.get(existing) as Row;
        const sets: string[] = [];
        const params: unknown[] = [];
        for (const [col, field] of ORG_FIELDS) {
          const value = d[field];
          if (value === null || value === undefined) continue;
          if (policy === 'fill' && !isEmptyValue(before[col])) continue;
          if (before[col] === value) continue;
          sets.push(`${col} = ?`);
          params.push(value);
        }
        if (sets.length > 0) {
          recordChange('organisation', existing, 'updated', before);
          db.prepare(`UPDATE organisations SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...params, now, existing);
        }
      }
      return existing;
    };

    const lookupNamed = { topics: db.prepare('SELECT id FROM topics WHERE name = ? COLLATE NOCASE'), tags: db.prepare('SELECT id FROM tags WHERE name = ? COLLATE NOCASE') };
    const insertNamed = { topics: db.prepare('INSERT INTO topics (name) VALUES (?)'), tags: db.prepare('INSERT INTO tags (name) VALUES (?)') };
    const namedCache = { topics: new Map<string, number>(), tags: new Map<string, number>() };
    // The same spelling comes back row after row; it skips the locale-aware lower-casing below.
    const namedBySpelling = { topics: new Map<string, number>(), tags: new Map<string, number>() };
    const named = (table: 'topics' | 'tags', name: string): number => {
      const known = namedBySpelling[table].get(name);
      if (known !== undefined) return known;
      const id = namedByKey(table, name);
      namedBySpelling[table].set(name, id);
      return id;
    };
    const namedByKey = (table: 'topics' | 'tags', name: string): number => {
      const key = name.toLocaleLowerCase('de');
      const cached = namedCache[table].get(key);
      if (cached !== undefined) return cached;
      const found = lookupNamed[table].get(name) as { id: number } | undefined;
      let id = found?.id;
      if (id === undefined) {
        id = Number(insertNamed[table].run(name).lastInsertRowid);
        recordChange(table === 'topics' ? 'topic' : 'tag', id, 'created', null);
      }
      namedCache[table].set(key, id);
      return id;
    };
    const addLists = (personId: number, d: PersonDraft): void => {
      for (const t of d.topics) insertTopic(personId, named('topics', t));
      for (const t of d.tags) insertTag(personId, named('tags', t));
      for (const k of d.interests) insertInterest(personId, k);
    };
    const hasOrganisation = db.prepare('SELECT 1 FROM person_organisations WHERE person_id = ?');
    // Called for an existing person only after batches.flush(), so hasOrganisation sees every earlier row.
    const linkOrg = (personId: number, orgId: number | null, d: PersonDraft, isNew: boolean): void => {
      if (orgId === null) return;
      const primary = isNew || hasOrganisation.get(personId) === undefined ? 1 : 0;
      insertLink(personId, orgId, d.function, d.department, primary);
    };
    const addConsent = (personId: number, email: string | null): void => {
      if (!settings.consent || !email) return;
      insertConsent(
        personId,
        email,
        settings.consent.purpose,
        'given',
        now,
        settings.source,
        settings.consent.wordingVersion,
        settings.consent.evidence ?? `Import ${settings.fileName}`,
      );
    };
    const snapshotStatements = {
      row: db.prepare('SELECT * FROM persons WHERE id = ?'),
      organisations: db.prepare('SELECT * FROM person_organisations WHERE person_id = ?'),
      topics: db.prepare('SELECT topic_id FROM person_topics WHERE person_id = ?'),
      tags: db.prepare('SELECT tag_id FROM person_tags WHERE person_id = ?'),
      interests: db.prepare('SELECT kind FROM person_information_kinds WHERE person_id = ?'),
      consents: db.prepare('SELECT id FROM consents WHERE person_id = ?'),
    };
    /** Everything undo needs to put a person back exactly: the row and its link sets. */
    const snapshot = (personId: number): unknown => ({
      row: snapshotStatements.row.get(personId),
      organisations: snapshotStatements.organisations.all(personId),
      topics: snapshotStatements.topics.all(personId),
      tags: snapshotStatements.tags.all(personId),
      interests: snapshotStatements.interests.all(personId),
      consents: (snapshotStatements.consents.all(personId) as { id: number }[]).map((c) => c.id),
    });

    // Search-index lines of the persons created here, written in one pass at the end (see searchLine).
    const searchIds: number[] = [];
    const searchLines: string[] = [];
    const selectPerson = snapshotStatements.row;
    // Persons created from earlier rows of this same file, for in-file duplicates.
    // By line number: an array, as lines rise with the rows (a Map costs a hash entry per person).
    const createdByLine: (number | undefined)[] = [];
    const updatedIds = new Set<number>();
    let created = 0;
    let updated = 0;
    let skipped = 0;
    let invalid = 0;
    const total = report.outcomes.length;
    report.outcomes.forEach((o, index) => {
      if (index % 1000 === 0) onProgress?.(index, total);
      if (o.action === 'invalid') {
        invalid++;
        return;
      }
      if (o.action === 'skip') {
        skipped++;
        return;
      }
      const d = o.draft;
      const policy = settings.decisions?.[o.line] ?? settings.onDuplicate;
      if (o.action === 'create') {
        const status = report.bounced ? 'bounced' : o.suppressed || d.consentNewsletter === false ? 'unsubscribed' : 'active';
        const id = nextPersonId++;
        insertPerson(
          id,
          d.salutation,
          d.title,
          d.firstName,
          d.lastName,
          d.email,
          d.phone,
          d.mobile,
          d.function,
          d.keyContact ? 1 : 0,
          d.language ?? 'de',
          status,
          settings.source,
          importId,
          d.notes,
          now,
          now,
        );
        createdByLine[o.line] = id;
        const orgId = organisationFor(d, o.organisationKey, policy);
        linkOrg(id, orgId, d, true);
        searchIds.push(id);
        searchLines.push(searchLine(d, orgId === null ? null : (orgNames.get(orgId) ?? null)));
        addLists(id, d);
        if (!o.suppressed && d.consentNewsletter !== false) addConsent(id, d.email);
        created++;
        return;
      }
      // Update an existing person (from the database, or created by an earlier line of this file), reading
      // it and its links as every earlier row left them.
      batches.flush();
      const createdHere = o.match.firstLine !== null ? createdByLine[o.match.firstLine] : undefined;
      const personId = o.match.personId ?? createdHere;
      if (personId === undefined) {
        skipped++;
        return;
      }
      // A person this import created needs no before-image: undo deletes it anyway.
      if (createdHere === undefined && !updatedIds.has(personId)) recordChange('person', personId, 'updated', snapshot(personId));
      updatedIds.add(personId);
      const before = selectPerson.get(personId) as Row;
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [col, field] of PERSON_FIELDS) {
        const value = d[field];
        if (value === null || value === undefined) continue;
        // Salutation "none" carries no information; never let it overwrite a known one.
        if (field === 'salutation' && value === 'none') continue;
        if (policy === 'fill' && !isEmptyValue(before[col])) continue;
        if (before[col] === value) continue;
        sets.push(`${col} = ?`);
        params.push(value);
      }
      if (d.keyContact !== null && (policy === 'overwrite' || before.key_contact === 0) && (d.keyContact ? 1 : 0) !== before.key_contact) {
        sets.push('key_contact = ?');
        params.push(d.keyContact ? 1 : 0);
      }
      if (sets.length > 0) db.prepare(`UPDATE persons SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...params, now, personId);
      linkOrg(personId, organisationFor(d, o.organisationKey, policy), d, false);
      addLists(personId, d);
      if (d.consentNewsletter !== false) addConsent(personId, (before.email as string | null) ?? d.email);
      updated++;
    });
    batches.flush();
    onProgress?.(total, total);

    // The set-aside indexes are built again in one sorted pass each (a UNIQUE one checks its rows now),
    // and the triggers come back exactly as they were.
    for (const sql of deferred) db.exec(sql);

    // One pass over the search index for everyone this import created or changed. A person created here
    // and not touched by a later row gets the line computed above; everyone else (existing persons this
    // import updated, and persons created here that a later row of the file added to) is read from the
    // person_search_source view, as the triggers do.
    db.prepare("DELETE FROM settings WHERE key = 'internal.bulkImport'").run();
    const searchBatch = new Batches(db);
    const insertSearch = searchBatch.table('INSERT INTO person_search (rowid, text)', 2);
    // FTS5 merges its index segments as it goes ("automerge"); over a bulk load most of that work is done
    // again by the next merge, so it waits until the load is in (about a fifth of the index's cost).
    const automerge = bulkLoad ? pauseAutomerge(db) : null;
    for (let i = 0; i < searchIds.length; i++) {
      const id = searchIds[i] as number;
      if (!updatedIds.has(id)) insertSearch(id, searchLines[i]);
    }
    searchBatch.flush();
    if (automerge !== null) resumeAutomerge(db, automerge);
    const changedIds = JSON.stringify([...updatedIds]);
    db.prepare('DELETE FROM person_search WHERE rowid IN (SELECT value FROM json_each(?))').run(changedIds);
    db.prepare('INSERT INTO person_search (rowid, text) SELECT id, text FROM person_search_source WHERE id IN (SELECT value FROM json_each(?))').run(
      changedIds,
    );

    const result = { importId, created, updated, skipped, invalid, organisationsCreated };
    db.prepare('UPDATE imports SET summary = ? WHERE id = ?').run(JSON.stringify(result), importId);
    return result;
  })();
}

/** FTS5's default automerge setting, used when the index has none of its own. */
const FTS5_DEFAULT_AUTOMERGE = 4;

function pauseAutomerge(db: Db): number {
  const own = db.prepare("SELECT v FROM person_search_config WHERE k = 'automerge'").pluck().get() as number | undefined;
  db.prepare("INSERT INTO person_search (person_search, rank) VALUES ('automerge', 0)").run();
  return own ?? FTS5_DEFAULT_AUTOMERGE;
}

function resumeAutomerge(db: Db, value: number): void {
  // FTS5 takes the setting as an integer; a bound JavaScript number arrives as a real and is refused.
  db.prepare(`INSERT INTO person_search (person_search, rank) VALUES ('automerge', ${Math.trunc(value)})`).run();
}

/* German folding as the person_search_source view does it (migration 3): ä→ae … ẞ→SS. */
const FOLD: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ẞ: 'SS' };
const FOLDED = /[äöüßÄÖÜẞ]/;

/**
 * The search-index line of a person just created from `d` and linked to the organisation `orgName` (its
 * stored name) or to none: exactly what the person_search_source view of migration 3 yields for that
 * person — title, first and last name, e-mail and organisation names joined by spaces (empty ones as ''),
 * followed by the German folding when that differs. Computing it here saves reading every new person back
 * through the view's subqueries; a test compares both for every imported person.
 */
function searchLine(d: PersonDraft, orgName: string | null): string {
  const line = `${d.title ?? ''} ${d.firstName ?? ''} ${d.lastName ?? ''} ${d.email ?? ''} ${orgName ?? ''}`;
  // Half the lines have nothing to fold; one scan tells, and the replacement runs only where it changes something.
  return FOLDED.test(line) ? `${line} ${line.replace(/[äöüßÄÖÜẞ]/g, (ch) => FOLD[ch] ?? ch)}` : line;
}

export interface UndoResult {
  deleted: number;
  restored: number;
}

/** Undoes an import exactly: created rows go, updated rows get their before-image back. */
export function undoImport(db: Db, importId: number): UndoResult {
  return db.transaction((): UndoResult => {
    const imp = db.prepare('SELECT id, at, file_name AS fileName, undone_at AS undoneAt FROM imports WHERE id = ?').get(importId) as
      | { id: number; at: string; fileName: string; undoneAt: string | null }
      | undefined;
    if (!imp) throw new UndoError(`There is no import ${importId}.`);
    if (imp.undoneAt) throw new UndoError(`Import ${importId} (${imp.fileName}) was already undone on ${imp.undoneAt}.`);
    // Records of this import: what it logged, plus the persons it created.
    const mine = `SELECT entity, entity_id FROM import_changes WHERE import_id = @id UNION SELECT 'person', id FROM persons WHERE import_id = @id`;
    const later = db
      .prepare(
        `SELECT DISTINCT i.id, i.file_name AS fileName FROM import_changes c JOIN imports i ON i.id = c.import_id
         WHERE c.import_id > @id AND i.undone_at IS NULL AND (c.entity, c.entity_id) IN (${mine})`,
      )
      .all({ id: importId }) as { id: number; fileName: string }[];
    if (later.length > 0) {
      throw new UndoError(`Undo the later import ${later.map((l) => `${l.id} (${l.fileName})`).join(', ')} first: it changed the same records.`);
    }
    const changes = db.prepare('SELECT entity, entity_id AS id, action, before FROM import_changes WHERE import_id = ? ORDER BY seq DESC').all(importId) as {
      entity: 'person' | 'organisation' | 'topic' | 'tag';
      id: number;
      action: 'created' | 'updated';
      before: string | null;
    }[];
    let deleted = db.prepare('DELETE FROM persons WHERE import_id = ?').run(importId).changes;
    let restored = 0;
    const TABLE = { person: 'persons', organisation: 'organisations', topic: 'topics', tag: 'tags' } as const;
    // Persons first (they reference organisations, topics and tags), in reverse order of the import.
    const order = ['person', 'organisation', 'topic', 'tag'] as const;
    for (const c of order.flatMap((e) => changes.filter((x) => x.entity === e))) {
      if (c.action === 'created') {
        db.prepare(`DELETE FROM ${TABLE[c.entity]} WHERE id = ?`).run(c.id);
        deleted++;
        continue;
      }
      if (c.before === null || c.entity === 'topic' || c.entity === 'tag') continue;
      if (c.entity === 'organisation') {
        restoreRow(db, 'organisations', JSON.parse(c.before) as Row);
      } else {
        const snap = JSON.parse(c.before) as {
          row: Row;
          organisations: Row[];
          topics: { topic_id: number }[];
          tags: { tag_id: number }[];
          interests: { kind: string }[];
          consents: number[];
        };
        restoreRow(db, 'persons', snap.row);
        db.prepare('DELETE FROM person_organisations WHERE person_id = ?').run(c.id);
        for (const po of snap.organisations) insertRow(db, 'person_organisations', po);
        // A topic or tag merged into another since the import is gone; the person keeps the one it went
        // into (the merge logged that for the person). Entries deleted since cannot come back.
        const mergedInto = (noun: 'topic' | 'tag'): string[] =>
          db
            .prepare(`SELECT json_extract(details, '$.into') AS name FROM change_log WHERE entity = 'person' AND entity_id = ? AND action = ? AND at >= ?`)
            .pluck()
            .all(c.id, `${noun}-merged`, imp.at) as string[];
        db.prepare('DELETE FROM person_topics WHERE person_id = ? AND topic_id NOT IN (SELECT id FROM topics WHERE name IN (SELECT value FROM json_each(?)))').run(c.id, JSON.stringify(mergedInto('topic')));
        for (const t of snap.topics) db.prepare('INSERT OR IGNORE INTO person_topics (person_id, topic_id) SELECT ?, id FROM topics WHERE id = ?').run(c.id, t.topic_id);
        db.prepare('DELETE FROM person_tags WHERE person_id = ? AND tag_id NOT IN (SELECT id FROM tags WHERE name IN (SELECT value FROM json_each(?)))').run(c.id, JSON.stringify(mergedInto('tag')));
        for (const t of snap.tags) db.prepare('INSERT OR IGNORE INTO person_tags (person_id, tag_id) SELECT ?, id FROM tags WHERE id = ?').run(c.id, t.tag_id);
        db.prepare('DELETE FROM person_information_kinds WHERE person_id = ?').run(c.id);
        for (const k of snap.interests) db.prepare('INSERT INTO person_information_kinds (person_id, kind) VALUES (?, ?)').run(c.id, k.kind);
        // Consent records the import added are removed; the ones before it are untouched.
        const keep = new Set(snap.consents);
        for (const r of db.prepare('SELECT id FROM consents WHERE person_id = ?').all(c.id) as { id: number }[]) {
          if (!keep.has(r.id)) db.prepare('DELETE FROM consents WHERE id = ?').run(r.id);
        }
      }
      restored++;
    }
    db.prepare('UPDATE imports SET undone_at = ? WHERE id = ?').run(new Date().toISOString(), importId);
    return { deleted, restored };
  })();
}

export class UndoError extends Error {}

function restoreRow(db: Db, table: 'persons' | 'organisations', row: Row): void {
  const cols = Object.keys(row).filter((c) => c !== 'id');
  db.prepare(`UPDATE ${table} SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...cols.map((c) => row[c]), row.id);
}

function insertRow(db: Db, table: 'person_organisations', row: Row): void {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...cols.map((c) => row[c]));
}
