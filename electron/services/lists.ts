/**
 * Topics and tags as managed lists. Imports and bulk actions add names as people type them, so the lists
 * collect near-duplicates ("Leichtbau" / "Leichtbau im Fahrzeugbau " / "LEICHTBAU"); here they are
 * renamed, merged and deleted, each in one transaction, with an entry in the change log of every person,
 * organisation and project whose topics or tags changed.
 */
import { ApiError } from '../../shared/api';
import type { TagRow, TopicRow } from '../../shared/contacts/lists';
import type { Db } from '../db/database';
import { logChanges, type Entity } from './changes';
import type { HandlerTable } from './registry';
import { renameInSegments } from './segments';

export type ListTable = 'topics' | 'tags';

/** The id of a topic or tag by name (case-insensitive, as the column is NOCASE), created when missing. */
export function ensureNamed(db: Db, table: ListTable, name: string): number {
  const found = db.prepare(`SELECT id FROM ${table} WHERE name = ? COLLATE NOCASE`).get(name) as { id: number } | undefined;
  return found?.id ?? Number(db.prepare(`INSERT INTO ${table} (name) VALUES (?)`).run(name).lastInsertRowid);
}

/** Where a list entry is used: link tables (person ↔ topic …) and tables that point at it in a column. */
interface Use {
  table: string;
  /** The column holding the owner's id (link tables) or the row's own id (projects). */
  owner: string;
  entity: Entity | null;
  /** Link tables get the entry added to the target; for column references, the column is updated. */
  link: boolean;
}

interface Spec {
  table: ListTable;
  column: 'topic_id' | 'tag_id';
  /** "topic"/"tag": the prefix of change-log actions and the word in messages. */
  noun: 'topic' | 'tag';
  uses: Record<string, Use>;
}

const TOPICS = {
  table: 'topics',
  column: 'topic_id',
  noun: 'topic',
  uses: {
    persons: { table: 'person_topics', owner: 'person_id', entity: 'person', link: true },
    organisations: { table: 'organisation_topics', owner: 'organisation_id', entity: 'organisation', link: true },
    projects: { table: 'projects', owner: 'id', entity: 'project', link: false },
    // Content items have no change log of their own (yet); they only move with the topic.
    contentItems: { table: 'content_items', owner: 'id', entity: null, link: false },
  },
} as const satisfies Spec;

const TAGS = {
  table: 'tags',
  column: 'tag_id',
  noun: 'tag',
  uses: {
    persons: { table: 'person_tags', owner: 'person_id', entity: 'person', link: true },
  },
} as const satisfies Spec;

type Counts<S extends Spec> = { [K in keyof S['uses']]: number };

function notFound(spec: Spec, id: number): ApiError {
  return new ApiError('not_found', `There is no ${spec.noun} with id ${id}.`, [{ path: 'id', message: `unknown ${spec.noun}` }]);
}

function nameOf(db: Db, spec: Spec, id: number): string {
  const row = db.prepare(`SELECT name FROM ${spec.table} WHERE id = ?`).get(id) as { name: string } | undefined;
  if (!row) throw notFound(spec, id);
  return row.name;
}

/** The owners using an entry. Erased persons have no links left (erasure deletes the person row). */
function owners(db: Db, spec: Spec, use: Use, id: number): number[] {
  return (db.prepare(`SELECT ${use.owner} AS owner FROM ${use.table} WHERE ${spec.column} = ? ORDER BY ${use.owner}`).all(id) as { owner: number }[]).map((r) => r.owner);
}

/**
 * Every entry with its uses. One grouped pass per use table instead of a count per entry: the link tables
 * are keyed by owner first, so a per-entry count would read the whole table once for every topic.
 */
function listRows<S extends Spec>(db: Db, spec: S, where = '', params: unknown[] = []): ({ id: number; name: string } & Counts<S>)[] {
  const keys = Object.keys(spec.uses);
  const joins = keys
    .map((k, i) => {
      const use = spec.uses[k] as Use;
      return `LEFT JOIN (SELECT ${spec.column} AS id, count(*) AS n FROM ${use.table} WHERE ${spec.column} IS NOT NULL GROUP BY ${spec.column}) u${i} ON u${i}.id = e.id`;
    })
    .join('\n');
  const cols = keys.map((k, i) => `coalesce(u${i}.n, 0) AS ${k}`).join(', ');
  return db.prepare(`SELECT e.id, e.name, ${cols} FROM ${spec.table} e ${joins} ${where} ORDER BY e.name COLLATE NOCASE, e.id`).all(...params) as ({
    id: number;
    name: string;
  } & Counts<S>)[];
}

function row<S extends Spec>(db: Db, spec: S, id: number): { id: number; name: string } & Counts<S> {
  const found = listRows(db, spec, 'WHERE e.id = ?', [id])[0];
  if (!found) throw notFound(spec, id);
  return found;
}

function refuseClash(db: Db, spec: Spec, name: string, exceptId: number | null, current?: string): void {
  const clash = db.prepare(`SELECT id, name FROM ${spec.table} WHERE name = ? COLLATE NOCASE AND id <> ?`).get(name, exceptId ?? 0) as
    | { id: number; name: string }
    | undefined;
  if (!clash) return;
  const message =
    current === undefined
      ? `There is already a ${spec.noun} "${clash.name}".`
      : `There is already a ${spec.noun} "${clash.name}". To bring the two together, merge "${current}" into "${clash.name}".`;
  throw new ApiError('conflict', message, [{ path: 'name', message }]);
}

function create<S extends Spec>(db: Db, spec: S, name: string): { id: number; name: string } & Counts<S> {
  const id = db.transaction((): number => {
    refuseClash(db, spec, name, null);
    return Number(db.prepare(`INSERT INTO ${spec.table} (name) VALUES (?)`).run(name).lastInsertRowid);
  })();
  return row(db, spec, id);
}

function rename<S extends Spec>(db: Db, spec: S, id: number, name: string): { id: number; name: string } & Counts<S> {
  db.transaction(() => {
    const before = nameOf(db, spec, id);
    // A change of case only ("leichtbau" → "Leichtbau") is a rename of the same entry, not a clash.
    if (before === name) return;
    refuseClash(db, spec, name, id, before);
    db.prepare(`UPDATE ${spec.table} SET name = ? WHERE id = ?`).run(name, id);
    for (const use of Object.values(spec.uses) as Use[]) {
      if (use.entity) logChanges(db, use.entity, owners(db, spec, use, id), `${spec.noun}-renamed`, { from: before, to: name });
    }
    // Saved segment rules name topics and tags in words (`topic:Leichtbau`); they follow the rename.
    renameInSegments(db, spec.noun, before, name);
  })();
  return row(db, spec, id);
}

function merge<S extends Spec>(db: Db, spec: S, id: number, intoId: number): { into: { id: number; name: string } & Counts<S>; moved: Counts<S> } {
  const moved = db.transaction((): Counts<S> => {
    const from = nameOf(db, spec, id);
    const into = nameOf(db, spec, intoId);
    const counts: Record<string, number> = {};
    for (const [key, u] of Object.entries(spec.uses)) {
      const use = u as Use;
      const ids = owners(db, spec, use, id);
      counts[key] = ids.length;
      if (use.link) {
        // Owners that already have the target keep one link; the old one goes with the entry below.
        db.prepare(`INSERT OR IGNORE INTO ${use.table} (${use.owner}, ${spec.column}) SELECT ${use.owner}, ? FROM ${use.table} WHERE ${spec.column} = ?`).run(intoId, id);
      } else {
        db.prepare(`UPDATE ${use.table} SET ${spec.column} = ? WHERE ${spec.column} = ?`).run(intoId, id);
      }
      if (use.entity) logChanges(db, use.entity, ids, `${spec.noun}-merged`, { from, into });
    }
    // Link rows of the old entry go with it (ON DELETE CASCADE).
    db.prepare(`DELETE FROM ${spec.table} WHERE id = ?`).run(id);
    // A segment asking for the merged entry now asks for the one it went into.
    renameInSegments(db, spec.noun, from, into);
    return counts as Counts<S>;
  })();
  return { into: row(db, spec, intoId), moved };
}

function remove<S extends Spec>(db: Db, spec: S, id: number, refuse: (name: string) => void): { name: string; removedFrom: Record<string, number> } {
  return db.transaction(() => {
    const name = nameOf(db, spec, id);
    refuse(name);
    const removedFrom: Record<string, number> = {};
    for (const [key, u] of Object.entries(spec.uses)) {
      const use = u as Use;
      if (!use.link) continue;
      const ids = owners(db, spec, use, id);
      removedFrom[key] = ids.length;
      if (use.entity) logChanges(db, use.entity, ids, `${spec.noun}-removed`, { name });
    }
    db.prepare(`DELETE FROM ${spec.table} WHERE id = ?`).run(id);
    return { name, removedFrom };
  })();
}

export const listTopics = (db: Db): TopicRow[] => listRows(db, TOPICS);
export const listTags = (db: Db): TagRow[] => listRows(db, TAGS);
export const createTopic = (db: Db, name: string): TopicRow => create(db, TOPICS, name);
export const createTag = (db: Db, name: string): TagRow => create(db, TAGS, name);
export const renameTopic = (db: Db, id: number, name: string): TopicRow => rename(db, TOPICS, id, name);
export const renameTag = (db: Db, id: number, name: string): TagRow => rename(db, TAGS, id, name);
export const mergeTopic = (db: Db, id: number, intoId: number): { into: TopicRow; moved: Counts<typeof TOPICS> } => merge(db, TOPICS, id, intoId);
export const mergeTag = (db: Db, id: number, intoId: number): { into: TagRow; moved: Counts<typeof TAGS> } => merge(db, TAGS, id, intoId);

/**
 * Deleting a topic would silently take it from R&D projects and content items (their column is set to
 * NULL), and a project without its topic drops out of topic-first planning; so that is refused with what to
 * do instead. Persons and organisations simply lose the topic, which the UI confirms first.
 */
export function deleteTopic(db: Db, id: number): { name: string; removedFrom: { persons: number; organisations: number } } {
  const { name, removedFrom } = remove(db, TOPICS, id, (topic) => {
    const projects = (db.prepare('SELECT acronym FROM projects WHERE topic_id = ? ORDER BY acronym').all(id) as { acronym: string }[]).map((p) => p.acronym);
    const items = (db.prepare('SELECT count(*) AS n FROM content_items WHERE topic_id = ?').get(id) as { n: number }).n;
    if (projects.length === 0 && items === 0) return;
    const used = [
      ...(projects.length > 0 ? [`R&D project${projects.length === 1 ? '' : 's'} ${projects.join(', ')}`] : []),
      ...(items > 0 ? [`${items} content item${items === 1 ? '' : 's'}`] : []),
    ].join(' and ');
    const message = `"${topic}" is the topic of ${used}. Merge it into another topic instead; that moves them along.`;
    throw new ApiError('conflict', message, [{ path: 'id', message }]);
  });
  return { name, removedFrom: { persons: removedFrom.persons ?? 0, organisations: removedFrom.organisations ?? 0 } };
}

export function deleteTag(db: Db, id: number): { name: string; removedFrom: { persons: number } } {
  const { name, removedFrom } = remove(db, TAGS, id, () => undefined);
  return { name, removedFrom: { persons: removedFrom.persons ?? 0 } };
}

export function registerLists(table: HandlerTable): void {
  table
    .register('topics/list', (_input, ctx) => ({ rows: listTopics(ctx.db) }))
    .register('topics/create', ({ name }, ctx) => createTopic(ctx.db, name))
    .register('topics/rename', ({ id, name }, ctx) => renameTopic(ctx.db, id, name))
    .register('topics/merge', ({ id, intoId }, ctx) => mergeTopic(ctx.db, id, intoId))
    .register('topics/delete', ({ id }, ctx) => deleteTopic(ctx.db, id))
    .register('tags/list', (_input, ctx) => ({ rows: listTags(ctx.db) }))
    .register('tags/create', ({ name }, ctx) => createTag(ctx.db, name))
    .register('tags/rename', ({ id, name }, ctx) => renameTag(ctx.db, id, name))
    .register('tags/merge', ({ id, intoId }, ctx) => mergeTag(ctx.db, id, intoId))
    .register('tags/delete', ({ id }, ctx) => deleteTag(ctx.db, id));
}
