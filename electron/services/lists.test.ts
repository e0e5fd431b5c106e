/** Topics and tags as managed lists, against the demo cluster in a real SQLite file. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api';
import { demoCluster } from '../../shared/demo/cluster';
import { demoContent } from '../../shared/demo/content';
import { startBackend } from '../app';
import type { Db } from '../db/database';
import { tempDir } from '../test/tmp';
import { bulkUpdate, getContact } from './contacts';
import {
  createTag,
  createTopic,
  deleteTag,
  deleteTopic,
  listTags,
  listTopics,
  mergeTag,
  mergeTopic,
  renameTag,
  renameTopic,
} from './lists';
import { createOrganisation, getOrganisation, updateOrganisation } from './organisations';
import { getSegment, saveSegment } from './segments';
import { SegmentSave } from '../../shared/segments/schemas';

function demo() {
  return startBackend({ dataDir: tempDir(), shell: 'cli' });
}

const cluster = demoCluster();
const items = demoContent().items;
const itemsWithTopic = (name: string): number => items.filter((i) => i.topic === name).length;

function topic(db: Db, name: string) {
  const found = listTopics(db).find((t) => t.name === name);
  if (!found) throw new Error(`no topic ${name}`);
  return found;
}

function tag(db: Db, name: string) {
  const found = listTags(db).find((t) => t.name === name);
  if (!found) throw new Error(`no tag ${name}`);
  return found;
}

const personsWithTopic = (db: Db, topicId: number): number[] =>
  (db.prepare('SELECT person_id AS id FROM person_topics WHERE topic_id = ? ORDER BY person_id').all(topicId) as { id: number }[]).map((r) => r.id);
const orgsWithTopic = (db: Db, topicId: number): number[] =>
  (db.prepare('SELECT organisation_id AS id FROM organisation_topics WHERE topic_id = ? ORDER BY organisation_id').all(topicId) as { id: number }[]).map((r) => r.id);
const log = (db: Db, entity: string, id: number) =>
  db.prepare('SELECT action, details FROM change_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC').all(entity, id) as { action: string; details: string }[];

function conflict(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('topics list', () => {
  it('counts the uses of every topic: persons, organisations and R&D projects, as in the demo data', () => {
    const b = demo();
    const rows = listTopics(b.db);
    expect(rows.map((r) => r.name).sort()).toEqual([...new Set(cluster.topics)].sort());
    for (const r of rows) {
      expect(r.persons, r.name).toBe(cluster.persons.filter((p) => p.topics.includes(r.name)).length);
      expect(r.organisations, r.name).toBe(cluster.organisations.filter((o) => o.topics.includes(r.name)).length);
      expect(r.projects, r.name).toBe(cluster.projects.filter((p) => p.topic === r.name).length);
      expect(r.contentItems, r.name).toBe(itemsWithTopic(r.name));
    }
    b.close();
  });

  it('creates a topic once; the same name in other letter case is refused', () => {
    const b = demo();
    const made = createTopic(b.db, 'Bionik');
    expect(made).toMatchObject({ name: 'Bionik', persons: 0, organisations: 0, projects: 0 });
    const err = conflict(() => createTopic(b.db, 'BIONIK'));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('"Bionik"');
    expect(err.issues?.[0]?.path).toBe('name');
    expect(listTopics(b.db).filter((t) => t.name.toLowerCase() === 'bionik')).toHaveLength(1);
    b.close();
  });
});

describe('renaming', () => {
  it('renames a topic everywhere and logs it for each person and organisation that has it', () => {
    const b = demo();
    const before = topic(b.db, 'Additive Fertigung');
    const persons = personsWithTopic(b.db, before.id);
    const orgs = orgsWithTopic(b.db, before.id);
    expect(persons.length).toBeGreaterThan(0);
    const renamed = renameTopic(b.db, before.id, '3D-Druck / Additive Fertigung');
    expect(renamed).toMatchObject({ id: before.id, persons: before.persons, organisations: before.organisations });
    const person = getContact(b.db, persons[0]!);
    expect(person.topics).toContain('3D-Druck / Additive Fertigung');
    expect(person.topics).not.toContain('Additive Fertigung');
    expect(person.history[0]).toMatchObject({ action: 'topic-renamed', details: { from: 'Additive Fertigung', to: '3D-Druck / Additive Fertigung' } });
    expect(getOrganisation(b.db, orgs[0]!).history[0]).toMatchObject({ action: 'topic-renamed' });
    b.close();
  });

  it('refuses a name another topic already has, in any letter case, and says to merge instead', () => {
    const b = demo();
    const a = topic(b.db, 'Additive Fertigung');
    const err = conflict(() => renameTopic(b.db, a.id, 'wasserstofftanks'));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('There is already a topic "Wasserstofftanks". To bring the two together, merge "Additive Fertigung" into "Wasserstofftanks".');
    expect(topic(b.db, 'Additive Fertigung').id).toBe(a.id);
    // Only the letter case of its own name: that is a rename, not a clash.
    expect(renameTopic(b.db, a.id, 'additive Fertigung').name).toBe('additive Fertigung');
    // Nothing changed, nothing logged.
    const person = personsWithTopic(b.db, a.id)[0]!;
    const entries = log(b.db, 'person', person).length;
    renameTopic(b.db, a.id, 'additive Fertigung');
    expect(log(b.db, 'person', person)).toHaveLength(entries);
    b.close();
  });

  it('renames tags the same way', () => {
    const b = demo();
    const t = tag(b.db, 'Presse');
    expect(conflict(() => renameTag(b.db, t.id, 'beirat')).code).toBe('conflict');
    expect(renameTag(b.db, t.id, 'Presse & Medien')).toMatchObject({ name: 'Presse & Medien', persons: t.persons });
    const someone = (b.db.prepare('SELECT person_id AS id FROM person_tags WHERE tag_id = ?').get(t.id) as { id: number }).id;
    expect(getContact(b.db, someone).tags).toContain('Presse & Medien');
    expect(getContact(b.db, someone).history[0]).toMatchObject({ action: 'tag-renamed', details: { from: 'Presse', to: 'Presse & Medien' } });
    b.close();
  });
});

describe('merging', () => {
  it('moves persons, organisations and projects into the other topic in one go, once per owner', () => {
    const b = demo();
    const from = topic(b.db, 'Holz-Hybrid-Bau');
    const into = topic(b.db, 'Simulation und Prüfung');
    expect(from.projects).toBeGreaterThan(0);
    const fromPersons = personsWithTopic(b.db, from.id);
    const intoPersons = personsWithTopic(b.db, into.id);
    const union = [...new Set([...fromPersons, ...intoPersons])].sort((x, y) => x - y);
    const orgUnion = [...new Set([...orgsWithTopic(b.db, from.id), ...orgsWithTopic(b.db, into.id)])].sort((x, y) => x - y);
    const projectIds = (b.db.prepare('SELECT id FROM projects WHERE topic_id = ?').all(from.id) as { id: number }[]).map((p) => p.id);

    const result = mergeTopic(b.db, from.id, into.id);
    expect(result.moved).toEqual({ persons: from.persons, organisations: from.organisations, projects: from.projects, contentItems: itemsWithTopic('Holz-Hybrid-Bau') });
    expect(result.into).toMatchObject({ id: into.id, persons: union.length, organisations: orgUnion.length, projects: into.projects + from.projects });
    expect(personsWithTopic(b.db, into.id)).toEqual(union);
    expect(orgsWithTopic(b.db, into.id)).toEqual(orgUnion);
    expect(listTopics(b.db).some((t) => t.id === from.id)).toBe(false);
    expect(b.db.prepare('SELECT count(*) AS n FROM person_topics WHERE topic_id = ?').get(from.id)).toEqual({ n: 0 });
    for (const id of projectIds) {
      expect(b.db.prepare('SELECT topic_id AS t FROM projects WHERE id = ?').get(id)).toEqual({ t: into.id });
      expect(log(b.db, 'project', id)[0]).toMatchObject({ action: 'topic-merged' });
    }
    expect(getContact(b.db, fromPersons[0]!).history[0]).toMatchObject({ action: 'topic-merged', details: { from: 'Holz-Hybrid-Bau', into: 'Simulation und Prüfung' } });
    b.close();
  });

  it('changes nothing when the target does not exist', () => {
    const b = demo();
    const from = topic(b.db, 'Holz-Hybrid-Bau');
    const before = listTopics(b.db);
    const logged = (b.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    expect(conflict(() => mergeTopic(b.db, from.id, 999_999)).code).toBe('not_found');
    expect(listTopics(b.db)).toEqual(before);
    expect((b.db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(logged);
    b.close();
  });

  it('merges a tag typed twice into the listed one', () => {
    const b = demo();
    const listed = tag(b.db, 'Messe JEC 2026');
    const both = (b.db.prepare('SELECT person_id AS id FROM person_tags WHERE tag_id = ? ORDER BY person_id LIMIT 1').get(listed.id) as { id: number }).id;
    const onlyTypo = (b.db.prepare('SELECT id FROM persons WHERE id NOT IN (SELECT person_id FROM person_tags WHERE tag_id = ?) ORDER BY id LIMIT 1').get(listed.id) as { id: number }).id;
    const typo = createTag(b.db, 'JEC Messe 2026');
    bulkUpdate(b.db, [both, onlyTypo], { type: 'addTag', tag: 'JEC Messe 2026' });
    const result = mergeTag(b.db, typo.id, listed.id);
    expect(result.moved).toEqual({ persons: 2 });
    expect(result.into.persons).toBe(listed.persons + 1);
    expect(getContact(b.db, both).tags.filter((t) => t.includes('JEC'))).toEqual(['Messe JEC 2026']);
    expect(getContact(b.db, onlyTypo).tags).toContain('Messe JEC 2026');
    expect(getContact(b.db, onlyTypo).history[0]).toMatchObject({ action: 'tag-merged', details: { from: 'JEC Messe 2026', into: 'Messe JEC 2026' } });
    expect(listTags(b.db).some((t) => t.name === 'JEC Messe 2026')).toBe(false);
    b.close();
  });
});

describe('deleting', () => {
  it('refuses to delete a topic an R&D project has, and says what to do', () => {
    const b = demo();
    const t = topic(b.db, 'Holz-Hybrid-Bau');
    const acronyms = cluster.projects.filter((p) => p.topic === t.name).map((p) => p.acronym);
    const err = conflict(() => deleteTopic(b.db, t.id));
    expect(err.code).toBe('conflict');
    const n = itemsWithTopic(t.name);
    expect(n).toBeGreaterThan(0);
    expect(err.message).toBe(`"Holz-Hybrid-Bau" is the topic of R&D project ${acronyms.join(', ')} and ${n} content items. Merge it into another topic instead; that moves them along.`);
    expect(topic(b.db, 'Holz-Hybrid-Bau')).toEqual(t);
    b.close();
  });

  it('deletes a topic no project has, takes it from persons and organisations, and logs that', () => {
    const b = demo();
    const t = listTopics(b.db).find((x) => x.projects === 0 && x.contentItems === 0 && x.persons > 0 && x.organisations > 0)!;
    expect(t).toBeDefined();
    const persons = personsWithTopic(b.db, t.id);
    const orgs = orgsWithTopic(b.db, t.id);
    expect(deleteTopic(b.db, t.id)).toEqual({ name: t.name, removedFrom: { persons: t.persons, organisations: t.organisations } });
    expect(listTopics(b.db).some((x) => x.id === t.id)).toBe(false);
    expect(getContact(b.db, persons[0]!).topics).not.toContain(t.name);
    expect(getContact(b.db, persons[0]!).history[0]).toMatchObject({ action: 'topic-removed', details: { name: t.name } });
    expect(getOrganisation(b.db, orgs[0]!).history[0]).toMatchObject({ action: 'topic-removed' });
    expect(conflict(() => deleteTopic(b.db, t.id)).code).toBe('not_found');
    b.close();
  });

  it('deletes a tag', () => {
    const b = demo();
    const t = tag(b.db, 'Beirat');
    expect(deleteTag(b.db, t.id)).toEqual({ name: 'Beirat', removedFrom: { persons: t.persons } });
    expect(listTags(b.db).some((x) => x.name === 'Beirat')).toBe(false);
    b.close();
  });
});

describe('through the API', () => {
  it('validates names, merges into itself and unconfirmed deletions', async () => {
    const b = demo();
    const t = topic(b.db, 'Wasserstofftanks');
    expect(await b.table.dispatch('topics/create', { name: '   ' })).toMatchObject({ ok: false, error: { code: 'bad_input', issues: [{ path: 'name' }] } });
    expect(await b.table.dispatch('tags/rename', { id: 1, name: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await b.table.dispatch('topics/merge', { id: t.id, intoId: t.id })).toMatchObject({ ok: false, error: { code: 'bad_input', issues: [{ path: 'intoId' }] } });
    expect(await b.table.dispatch('topics/delete', { id: t.id })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await b.table.dispatch('topics/rename', { id: t.id, name: '  Wasserstoff-Drucktanks ' })).toMatchObject({ ok: true, value: { name: 'Wasserstoff-Drucktanks' } });
    expect(await b.table.dispatch('topics/list', {})).toMatchObject({ ok: true });
    expect(await b.table.dispatch('tags/list', {})).toMatchObject({ ok: true });
    b.close();
  });
});

describe('organisation topics', () => {
  it('sets an organisation\'s topics by name, reusing listed ones whatever the case, and logs the change', () => {
    const b = demo();
    const org = createOrganisation(b.db, { name: 'Elbtal Composites GmbH', kind: 'small_firm', membership: 'member', topics: ['faserverbundwerkstoffe', 'Bionik'] });
    expect(org.topics).toEqual(['Bionik', 'Faserverbundwerkstoffe']);
    expect(topic(b.db, 'Faserverbundwerkstoffe').organisations).toBe(cluster.organisations.filter((o) => o.topics.includes('Faserverbundwerkstoffe')).length + 1);
    const same = updateOrganisation(b.db, org.id, { topics: ['Bionik', 'FASERVERBUNDWERKSTOFFE'] });
    expect(same.history).toHaveLength(1);
    const edited = updateOrganisation(b.db, org.id, { topics: ['Bionik'], employees: 42 });
    expect(edited.topics).toEqual(['Bionik']);
    expect(edited.sizeClass).toBe('small');
    expect(edited.history[0]).toMatchObject({
      action: 'edited',
      details: { topics: { from: ['Bionik', 'Faserverbundwerkstoffe'], to: ['Bionik'] }, employees: { from: null, to: 42 } },
    });
    b.close();
  });
});

describe('saved segments follow the lists', () => {
  it('rewrites topic and tag names in segment rules on rename and merge, so the segment keeps its members', () => {
    const b = demo();
    const seg = saveSegment(
      b.db,
      SegmentSave.parse({ name: 'Leichtbau-Presse', kind: 'dynamic', query: '(topic:"Holz-Hybrid-Bau" OR received:"Holz-Hybrid-Bau">=2026-01-01) -tag:Presse' }),
    );
    const count = (): number => b.db.prepare('SELECT last_count AS n FROM segments WHERE id = ?').pluck().get(seg.id) as number;
    const before = saveSegment(b.db, SegmentSave.parse({ id: seg.id, name: seg.name, kind: 'dynamic', query: seg.query })).lastCount;
    expect(before).toBeGreaterThan(0);

    renameTag(b.db, tag(b.db, 'Presse').id, 'Presse & Medien');
    renameTopic(b.db, topic(b.db, 'Holz-Hybrid-Bau').id, 'Holzhybrid');
    expect(getSegment(b.db, seg.id).query).toBe('(topic:Holzhybrid OR received:Holzhybrid>=2026-01-01) -tag:"Presse & Medien"');
    expect(getSegment(b.db, seg.id).problems).toEqual([]);

    mergeTopic(b.db, topic(b.db, 'Holzhybrid').id, topic(b.db, 'Simulation und Prüfung').id);
    const merged = getSegment(b.db, seg.id);
    expect(merged.query).toBe('(topic:"Simulation und Prüfung" OR received:"Simulation und Prüfung>=2026-01-01") -tag:"Presse & Medien"');
    expect(merged.problems).toEqual([]);
    expect(count()).toBe(before);
    b.close();
  });
});
