/** Persons ("Kontakte"): list with the search syntax, detail, edits with a change log, bulk actions. */
import { ApiError } from '../../shared/api';
import type { BulkAction, ContactCreate, ContactDetail, ContactList, ContactPatch, ContactRow, ContactSort } from '../../shared/contacts/schemas';
import type { Db } from '../db/database';
import { history, logChange } from './changes';
import { ensureNamed } from './lists';
import type { HandlerTable } from './registry';
import { checkQueryText } from './rules';

const PRIMARY_ORG = `(SELECT po.organisation_id FROM person_organisations po WHERE po.person_id = p.id ORDER BY po.is_primary DESC, po.organisation_id LIMIT 1)`;
const LATEST = (purpose: string): string =>
  `(SELECT c.action FROM consents c WHERE c.person_id = p.id AND c.purpose = '${purpose}' AND c.email = p.email ORDER BY c.at DESC, c.id DESC LIMIT 1)`;

const ROW_SELECT = `
  SELECT p.id, p.salutation, p.title, p.first_name AS firstName, p.last_name AS lastName, p.email, p.function,
         o.id AS organisationId, o.name AS organisation, o.kind, o.country, p.language, p.key_contact AS keyContact,
         p.status, p.last_verified AS lastVerified, ${LATEST('newsletter')} = 'given' AS newsletterConsent
  FROM persons p LEFT JOIN organisations o ON o.id = ${PRIMARY_ORG}`;

const ORDER: Record<ContactSort, string> = {
  name: 'p.last_name COLLATE NOCASE {dir}, p.first_name COLLATE NOCASE {dir}, p.id',
  email: 'p.email COLLATE NOCASE {dir}, p.id',
  organisation: 'o.name COLLATE NOCASE {dir}, p.last_name COLLATE NOCASE, p.id',
  lastVerified: 'p.last_verified {dir} NULLS FIRST, p.id',
  created: 'p.created_at {dir}, p.id',
};

type RawRow = Omit<ContactRow, 'keyContact' | 'newsletterConsent'> & { keyContact: number; newsletterConsent: number | null };

function toRow(r: RawRow): ContactRow {
  return { ...r, keyContact: r.keyContact === 1, newsletterConsent: r.newsletterConsent === 1 };
}

export interface ListOptions {
  query: string;
  sort: ContactSort;
  desc: boolean;
  offset: number;
  limit: number;
}

export function listContacts(db: Db, opts: ListOptions): ContactList {
  const cond = checkQueryText(db, opts.query);
  const problems = cond.allProblems;
  const where = `p.status <> 'erased' AND ${cond.sql}`;
  const total = (db.prepare(`SELECT count(*) AS n FROM persons p WHERE ${where}`).get(...cond.params) as { n: number }).n;
  const order = ORDER[opts.sort].replaceAll('{dir}', opts.desc ? 'DESC' : 'ASC');
  // Sort and page the ids first (the name index serves the usual order), then decorate only the rows
  // shown: the organisation and consent look-ups cost per row, and a page is 200 of maybe 100,000.
  const orgJoin = opts.sort === 'organisation' ? `LEFT JOIN organisations o ON o.id = ${PRIMARY_ORG}` : '';
  const ids = (
    db.prepare(`SELECT p.id FROM persons p ${orgJoin} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...cond.params, opts.limit, opts.offset) as {
      id: number;
    }[]
  ).map((r) => r.id);
  const byId = new Map(
    (db.prepare(`${ROW_SELECT} WHERE p.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as RawRow[]).map((r) => [r.id, r]),
  );
  const rows = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [r] : [];
  });
  return { total, rows: rows.map(toRow), problems };
}

/** Contact rows for any condition over `persons p`; the organisation page uses it for its people. */
export function contactRows(db: Db, where: string, params: unknown[], order = ORDER.name.replaceAll('{dir}', 'ASC')): ContactRow[] {
  return (db.prepare(`${ROW_SELECT} WHERE p.status <> 'erased' AND (${where}) ORDER BY ${order}`).all(...params) as RawRow[]).map(toRow);
}

/** Contact rows for these ids, in the order given (audiences come sorted already). */
export function contactRowsByIds(db: Db, ids: readonly number[]): ContactRow[] {
  if (ids.length === 0) return [];
  const byId = new Map(contactRows(db, 'p.id IN (SELECT value FROM json_each(?))', [JSON.stringify(ids)]).map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** All matching ids (for bulk actions and exports), in list order. */
export function contactIds(db: Db, queryText: string): number[] {
  const cond = checkQueryText(db, queryText);
  return (db.prepare(`SELECT p.id FROM persons p WHERE p.status <> 'erased' AND ${cond.sql} ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.id`).all(...cond.params) as { id: number }[]).map((r) => r.id);
}

function names(db: Db, sql: string, id: number): string[] {
  return (db.prepare(sql).all(id) as { name: string }[]).map((r) => r.name);
}

export function getContact(db: Db, id: number): ContactDetail {
  const row = db.prepare(`${ROW_SELECT} WHERE p.id = ? AND p.status <> 'erased'`).get(id) as RawRow | undefined;
  if (!row) throw new ApiError('not_found', `There is no person with id ${id}.`);
  const extra = db
    .prepare(
      `SELECT phone, mobile, source, notes, recontact_on AS recontactOn, created_at AS createdAt, updated_at AS updatedAt,
              ${LATEST('mailing')} = 'given' AS mailingConsent
       FROM persons p WHERE p.id = ?`,
    )
    .get(id) as { phone: string | null; mobile: string | null; source: string | null; notes: string | null; recontactOn: string | null; createdAt: string; updatedAt: string; mailingConsent: number | null };
  const organisations = (
    db
      .prepare(
        `SELECT o.id, o.name, po.role, po.department, po.is_primary AS isPrimary FROM person_organisations po
         JOIN organisations o ON o.id = po.organisation_id WHERE po.person_id = ? ORDER BY po.is_primary DESC, o.name`,
      )
      .all(id) as { id: number; name: string; role: string | null; department: string | null; isPrimary: number }[]
  ).map((o) => ({ ...o, isPrimary: o.isPrimary === 1 }));
  const consents = db
    .prepare(
      `SELECT id, email, purpose, action, at, source, wording_version AS wordingVersion, evidence FROM consents
       WHERE person_id = ? ORDER BY at DESC, id DESC`,
    )
    .all(id) as ContactDetail['consents'];
  return {
    ...toRow(row),
    ...extra,
    mailingConsent: extra.mailingConsent === 1,
    organisations,
    topics: names(db, 'SELECT t.name FROM person_topics x JOIN topics t ON t.id = x.topic_id WHERE x.person_id = ? ORDER BY t.name', id),
    tags: names(db, 'SELECT t.name FROM person_tags x JOIN tags t ON t.id = x.tag_id WHERE x.person_id = ? ORDER BY t.name', id),
    interests: names(db, 'SELECT kind AS name FROM person_information_kinds WHERE person_id = ? ORDER BY kind', id) as ContactDetail['interests'],
    regions: names(db, 'SELECT r.name FROM person_regions x JOIN partner_regions r ON r.id = x.region_id WHERE x.person_id = ? ORDER BY r.name', id),
    consents,
    history: history(db, 'person', id),
  };
}

/** API field → persons column, for edits and merges. */
export const PERSON_COLUMN: Record<keyof ContactPatch, string> = {
  salutation: 'salutation',
  title: 'title',
  firstName: 'first_name',
  lastName: 'last_name',
  email: 'email',
  phone: 'phone',
  mobile: 'mobile',
  function: 'function',
  keyContact: 'key_contact',
  language: 'language',
  status: 'status',
  lastVerified: 'last_verified',
  recontactOn: 'recontact_on',
  notes: 'notes',
};

export function updateContact(db: Db, id: number, patch: ContactPatch): ContactDetail {
  db.transaction(() => {
    const before = db.prepare('SELECT * FROM persons WHERE id = ? AND status <> ?').get(id, 'erased') as Record<string, unknown> | undefined;
    if (!before) throw new ApiError('not_found', `There is no person with id ${id}.`);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const [key, value] of Object.entries(patch) as [keyof ContactPatch, ContactPatch[keyof ContactPatch]][]) {
      if (value === undefined) continue;
      const col = PERSON_COLUMN[key];
      const stored = typeof value === 'boolean' ? (value ? 1 : 0) : value === '' ? null : value;
      if (before[col] === stored) continue;
      sets.push(`${col} = ?`);
      params.push(stored);
      changes[key] = { from: before[col], to: stored };
    }
    if (sets.length === 0) return;
    if (patch.email) {
      const clash = db.prepare('SELECT id FROM persons WHERE lower(email) = lower(?) AND id <> ?').get(patch.email, id) as { id: number } | undefined;
      if (clash) {
        const message = `${patch.email} already belongs to another person (id ${clash.id}).`;
        throw new ApiError('conflict', message, [{ path: 'patch.email', message }]);
      }
    }
    db.prepare(`UPDATE persons SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...params, new Date().toISOString(), id);
    logChange(db, 'person', id, 'edited', changes);
  })();
  return getContact(db, id);
}

export function bulkUpdate(db: Db, ids: number[], action: BulkAction): number {
  const today = new Date().toISOString().slice(0, 10);
  return db.transaction(() => {
    let changed = 0;
    const exists = db.prepare("SELECT 1 FROM persons WHERE id = ? AND status <> 'erased'");
    const run = (sql: string, params: (id: number) => unknown[]): void => {
      const stmt = db.prepare(sql);
      for (const id of ids) {
        if (!exists.get(id)) continue;
        const r = stmt.run(...params(id));
        if (r.changes > 0) {
          changed++;
          logChange(db, 'person', id, `bulk:${action.type}`, action);
        }
      }
    };
    switch (action.type) {
      case 'addTag': {
        const tag = ensureNamed(db, 'tags', action.tag);
        run('INSERT OR IGNORE INTO person_tags (tag_id, person_id) VALUES (?, ?)', (id) => [tag, id]);
        break;
      }
      case 'removeTag':
        run('DELETE FROM person_tags WHERE tag_id = (SELECT id FROM tags WHERE name = ? COLLATE NOCASE) AND person_id = ?', (id) => [action.tag, id]);
        break;
      case 'addTopic': {
        const topic = ensureNamed(db, 'topics', action.topic);
        run('INSERT OR IGNORE INTO person_topics (topic_id, person_id) VALUES (?, ?)', (id) => [topic, id]);
        break;
      }
      case 'markVerified':
        run('UPDATE persons SET last_verified = ?, updated_at = ? WHERE id = ?', (id) => [today, new Date().toISOString(), id]);
        break;
      case 'setKeyContact':
        run('UPDATE persons SET key_contact = ?, updated_at = ? WHERE id = ? AND key_contact <> ?', (id) => {
          const v = action.value ? 1 : 0;
          return [v, new Date().toISOString(), id, v];
        });
        break;
    }
    return changed;
  })();
}

export function createContact(db: Db, c: ContactCreate): ContactDetail {
  const id = db.transaction((): number => {
    if (c.email) {
      const clash = db.prepare('SELECT id FROM persons WHERE lower(email) = lower(?)').get(c.email) as { id: number } | undefined;
      if (clash) {
        const message = `${c.email} already belongs to another person (id ${clash.id}).`;
        throw new ApiError('conflict', message, [{ path: 'email', message }]);
      }
    }
    if (c.organisationId !== null && !db.prepare('SELECT 1 FROM organisations WHERE id = ?').get(c.organisationId)) {
      throw new ApiError('not_found', `There is no organisation with id ${c.organisationId}.`, [{ path: 'organisationId', message: 'unknown organisation' }]);
    }
    const now = new Date().toISOString();
    const personId = Number(
      db
        .prepare(
          `INSERT INTO persons (salutation, title, first_name, last_name, email, phone, mobile, function, key_contact, language, source, notes, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(c.salutation, c.title, c.firstName, c.lastName, c.email, c.phone, c.mobile, c.function, c.keyContact ? 1 : 0, c.language, c.source, c.notes, now, now)
        .lastInsertRowid,
    );
    if (c.organisationId !== null) {
      db.prepare('INSERT INTO person_organisations (person_id, organisation_id, role, is_primary) VALUES (?, ?, ?, 1)').run(personId, c.organisationId, c.function);
    }
    logChange(db, 'person', personId, 'created', { source: c.source });
    return personId;
  })();
  return getContact(db, id);
}

/** Appends a consent record for the person's current address; the history is never rewritten. */
export function recordConsent(
  db: Db,
  entry: { id: number; purpose: 'newsletter' | 'mailing'; action: 'given' | 'withdrawn'; source: string; wordingVersion?: string | undefined; evidence?: string | undefined },
): ContactDetail {
  db.transaction(() => {
    const person = db.prepare("SELECT email FROM persons WHERE id = ? AND status <> 'erased'").get(entry.id) as { email: string | null } | undefined;
    if (!person) throw new ApiError('not_found', `There is no person with id ${entry.id}.`);
    if (!person.email) throw new ApiError('conflict', 'This person has no e-mail address; consent belongs to an address.', [{ path: 'id', message: 'no e-mail address' }]);
    db.prepare('INSERT INTO consents (person_id, email, purpose, action, at, source, wording_version, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      entry.id,
      person.email,
      entry.purpose,
      entry.action,
      new Date().toISOString(),
      entry.source,
      entry.wordingVersion ?? null,
      entry.evidence ?? null,
    );
    logChange(db, 'person', entry.id, `consent-${entry.action}`, { purpose: entry.purpose, source: entry.source });
  })();
  return getContact(db, entry.id);
}

export function registerContacts(table: HandlerTable): void {
  table
    .register('contacts/list', (input, ctx) => listContacts(ctx.db, input))
    .register('contacts/get', ({ id }, ctx) => getContact(ctx.db, id))
    .register('contacts/update', ({ id, patch }, ctx) => updateContact(ctx.db, id, patch))
    .register('contacts/bulk', ({ ids, action }, ctx) => ({ changed: bulkUpdate(ctx.db, ids, action) }))
    .register('contacts/ids', ({ query }, ctx) => ({ ids: contactIds(ctx.db, query) }))
    .register('contacts/consent', (entry, ctx) => recordConsent(ctx.db, entry))
    .register('contacts/create', (c, ctx) => createContact(ctx.db, c));
}
