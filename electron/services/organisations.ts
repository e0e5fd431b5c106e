/** Organisations: members, partners abroad, externals — with their people, projects and a key-contact warning. */
import { ApiError } from '../../shared/api';
import type { OrganisationDetail, OrganisationPatch, OrganisationRow } from '../../shared/contacts/schemas';
import { sizeClass } from '../../shared/domain';
import type { Db } from '../db/database';
import { history, logChange } from './changes';
import { contactRows } from './contacts';
import { ensureNamed } from './lists';
import type { HandlerTable } from './registry';
import { readSettings } from './settings';

const ROW_SELECT = `
  SELECT o.id, o.name, o.kind, o.employees, o.country, o.city, o.membership, f.funded,
         (SELECT count(*) FROM person_organisations po JOIN persons p ON p.id = po.person_id
          WHERE po.organisation_id = o.id AND p.status <> 'erased') AS persons,
         (SELECT count(*) FROM person_organisations po JOIN persons p ON p.id = po.person_id
          WHERE po.organisation_id = o.id AND p.key_contact = 1 AND p.status = 'active') AS keyContacts
  FROM organisations o JOIN organisation_funding f ON f.organisation_id = o.id`;

type RawOrg = Omit<OrganisationRow, 'funded' | 'sizeClass'> & { funded: number };

export function listOrganisations(db: Db, input: { query: string; membership?: OrganisationRow['membership'] | undefined; withoutKeyContact: boolean }): OrganisationRow[] {
  const sizes = readSettings(db).sizeThresholds;
  const where: string[] = [];
  const params: unknown[] = [];
  if (input.query.trim()) {
    where.push("(o.name LIKE ? ESCAPE '\\' OR o.city LIKE ? ESCAPE '\\')");
    const like = `%${input.query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like);
  }
  if (input.membership) {
    where.push('o.membership = ?');
    params.push(input.membership);
  }
  const rows = (db.prepare(`${ROW_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY o.name COLLATE NOCASE`).all(...params) as RawOrg[]).map(
    (r): OrganisationRow => ({ ...r, funded: r.funded === 1, sizeClass: r.employees === null ? null : sizeClass(r.employees, sizes) }),
  );
  return input.withoutKeyContact ? rows.filter((r) => r.membership === 'member' && r.keyContacts === 0) : rows;
}

export function getOrganisation(db: Db, id: number): OrganisationDetail {
  const sizes = readSettings(db).sizeThresholds;
  const row = db.prepare(`${ROW_SELECT} WHERE o.id = ?`).get(id) as RawOrg | undefined;
  if (!row) throw new ApiError('not_found', `There is no organisation with id ${id}.`);
  const extra = db.prepare('SELECT region, postcode, street, website, notes FROM organisations WHERE id = ?').get(id) as Pick<
    OrganisationDetail,
    'region' | 'postcode' | 'street' | 'website' | 'notes'
  >;
  const names = (sql: string): string[] => (db.prepare(sql).all(id) as { name: string }[]).map((r) => r.name);
  const projects = (
    db
      .prepare(
        `SELECT pr.id, pr.acronym, pr.title, x.role, x.funded,
                (SELECT json_group_array(r.name) FROM project_regions pr2 JOIN partner_regions r ON r.id = pr2.region_id WHERE pr2.project_id = pr.id) AS regions
         FROM project_organisations x JOIN projects pr ON pr.id = x.project_id WHERE x.organisation_id = ? ORDER BY pr.acronym`,
      )
      .all(id) as { id: number; acronym: string; title: string; role: string | null; funded: number; regions: string }[]
  ).map((p) => ({ ...p, funded: p.funded === 1, regions: JSON.parse(p.regions) as string[] }));
  const people = contactRows(
    db,
    'p.id IN (SELECT person_id FROM person_organisations WHERE organisation_id = ?)',
    [id],
    'p.key_contact DESC, p.last_name COLLATE NOCASE, p.id',
  );
  return {
    ...row,
    funded: row.funded === 1,
    sizeClass: row.employees === null ? null : sizeClass(row.employees, sizes),
    ...extra,
    topics: names('SELECT t.name FROM organisation_topics x JOIN topics t ON t.id = x.topic_id WHERE x.organisation_id = ? ORDER BY t.name'),
    networks: names('SELECT n.name FROM organisation_networks x JOIN networks n ON n.id = x.network_id WHERE x.organisation_id = ? ORDER BY n.is_own DESC, n.name'),
    people,
    projects,
    history: history(db, 'organisation', id),
  };
}

const ORG_COLUMNS: Record<Exclude<keyof OrganisationPatch, 'topics'>, string> = {
  name: 'name',
  kind: 'kind',
  employees: 'employees',
  country: 'country',
  region: 'region',
  city: 'city',
  postcode: 'postcode',
  street: 'street',
  website: 'website',
  membership: 'membership',
  notes: 'notes',
};

/**
 * Sets the organisation's topics to exactly `names`; a name that differs from a listed topic only in case
 * is that topic. Returns the change for the log, or null when the set stays the same.
 */
function replaceTopics(db: Db, id: number, names: readonly string[]): { from: string[]; to: string[] } | null {
  const current = () =>
    db.prepare('SELECT t.id, t.name FROM organisation_topics x JOIN topics t ON t.id = x.topic_id WHERE x.organisation_id = ? ORDER BY t.name COLLATE NOCASE').all(id) as {
      id: number;
      name: string;
    }[];
  const before = current();
  const wanted = new Set(names.map((n) => ensureNamed(db, 'topics', n.trim())));
  const had = new Set(before.map((t) => t.id));
  if (wanted.size === had.size && [...wanted].every((t) => had.has(t))) return null;
  db.prepare('DELETE FROM organisation_topics WHERE organisation_id = ?').run(id);
  const link = db.prepare('INSERT INTO organisation_topics (organisation_id, topic_id) VALUES (?, ?)');
  for (const t of wanted) link.run(id, t);
  return { from: before.map((t) => t.name), to: current().map((t) => t.name) };
}

export function updateOrganisation(db: Db, id: number, patch: OrganisationPatch, action = 'edited'): OrganisationDetail {
  db.transaction(() => {
    const before = db.prepare('SELECT * FROM organisations WHERE id = ?').get(id) as Record<string, unknown> | undefined;
    if (!before) throw new ApiError('not_found', `There is no organisation with id ${id}.`);
    const sets: string[] = [];
    const params: unknown[] = [];
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const { topics, ...fields } = patch;
    for (const [key, value] of Object.entries(fields) as [keyof typeof ORG_COLUMNS, unknown][]) {
      if (value === undefined) continue;
      const col = ORG_COLUMNS[key];
      const stored = value === '' ? null : value;
      if (before[col] === stored) continue;
      sets.push(`${col} = ?`);
      params.push(stored);
      changes[key] = { from: before[col], to: stored };
    }
    if (topics !== undefined) {
      const topicChange = replaceTopics(db, id, topics);
      if (topicChange) changes.topics = topicChange;
    }
    if (Object.keys(changes).length === 0) return;
    db.prepare(`UPDATE organisations SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`).run(...params, new Date().toISOString(), id);
    logChange(db, 'organisation', id, action, changes);
  })();
  return getOrganisation(db, id);
}

export function createOrganisation(db: Db, fields: OrganisationPatch & Pick<OrganisationRow, 'name' | 'kind' | 'membership'>): OrganisationDetail {
  const now = new Date().toISOString();
  const id = db.transaction((): number => {
    const newId = Number(
      db.prepare('INSERT INTO organisations (name, kind, membership, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(fields.name, fields.kind, fields.membership, now, now)
        .lastInsertRowid,
    );
    updateOrganisation(db, newId, fields, 'created');
    if (!db.prepare("SELECT 1 FROM change_log WHERE entity = 'organisation' AND entity_id = ?").get(newId)) logChange(db, 'organisation', newId, 'created');
    return newId;
  })();
  return getOrganisation(db, id);
}

export function registerOrganisations(table: HandlerTable): void {
  table
    .register('organisations/list', (input, ctx) => ({ rows: listOrganisations(ctx.db, input) }))
    .register('organisations/get', ({ id }, ctx) => getOrganisation(ctx.db, id))
    .register('organisations/create', (fields, ctx) => createOrganisation(ctx.db, fields))
    .register('organisations/update', ({ id, patch }, ctx) => updateOrganisation(ctx.db, id, patch));
}
