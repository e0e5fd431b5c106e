/**
 * Loading the embedded demo cluster, and clearing the database again. Loading is one transaction and
 * only into an empty database, so it can never mix with (or duplicate) a user's own data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type DemoSummary } from '../../shared/api';
import { demoCluster } from '../../shared/demo/cluster';
import type { DemoCluster } from '../../shared/demo/types';
import type { Db } from '../db/database';
import { SegmentSave } from '../../shared/segments/schemas';
import type { HandlerTable } from './registry';
import { saveSegment } from './segments';
import { ContentSave } from '../../shared/content/schemas';
import { demoContent } from '../../shared/demo/content';
import { saveItem } from './content';
import { createDemoMessages } from './newsletters';

/** Internal flag (not a user setting): the demo is offered once, on the very first start. */
const DEMO_OFFERED_KEY = 'internal.demoOffered';

export function isEmpty(db: Db): boolean {
  const row = db
    .prepare('SELECT (SELECT count(*) FROM organisations) + (SELECT count(*) FROM persons) AS n')
    .get() as { n: number };
  return row.n === 0;
}

export function loadDemo(db: Db, cluster: DemoCluster = demoCluster(), now: Date = new Date()): DemoSummary {
  const ts = now.toISOString();
  db.transaction(() => {
    if (!isEmpty(db)) {
      throw new ApiError('conflict', 'The database already holds organisations or persons; clear it before loading the demo cluster.');
    }
    const idOf = (sql: string, ...params: unknown[]): number =>
      Number(db.prepare(sql).run(...params).lastInsertRowid);

    const topicIds = new Map<string, number>();
    const topic = (name: string): number => {
      let id = topicIds.get(name);
      if (id === undefined) {
        const existing = db.prepare('SELECT id FROM topics WHERE name = ?').get(name) as { id: number } | undefined;
        id = existing?.id ?? idOf('INSERT INTO topics (name) VALUES (?)', name);
        topicIds.set(name, id);
      }
      return id;
    };
    const tagIds = new Map<string, number>();
    const tag = (name: string): number => {
      let id = tagIds.get(name);
      if (id === undefined) {
        const existing = db.prepare('SELECT id FROM tags WHERE name = ?').get(name) as { id: number } | undefined;
        id = existing?.id ?? idOf('INSERT INTO tags (name) VALUES (?)', name);
        tagIds.set(name, id);
      }
      return id;
    };
    cluster.topics.forEach(topic);
    cluster.tags.forEach(tag);

    const regionIds = new Map<string, number>();
    for (const r of cluster.regions) {
      regionIds.set(r.name, idOf('INSERT INTO partner_regions (name, country) VALUES (?, ?)', r.name, r.country));
    }
    const region = (name: string): number => {
      const id = regionIds.get(name);
      if (id === undefined) throw new Error(`Demo data names unknown partner region ${name}`);
      return id;
    };

    const ownNetwork = idOf('INSERT INTO networks (name, is_own) VALUES (?, 1)', cluster.network.name);
    const networkIds = new Map<string, number>();
    for (const n of cluster.otherNetworks) networkIds.set(n, idOf('INSERT INTO networks (name) VALUES (?)', n));

    const insertOrg = db.prepare(
      `INSERT INTO organisations (name, kind, employees, country, region, city, postcode, website, membership, created_at, updated_at)
       VALUES (@name, @kind, @employees, @country, @region, @city, @postcode, @website, @membership, @ts, @ts)`,
    );
    const orgNetwork = db.prepare('INSERT INTO organisation_networks (organisation_id, network_id) VALUES (?, ?)');
    const orgTopic = db.prepare('INSERT OR IGNORE INTO organisation_topics (organisation_id, topic_id) VALUES (?, ?)');
    const orgIds = new Map<string, number>();
    for (const o of cluster.organisations) {
      const id = Number(
        insertOrg.run({
          name: o.name,
          kind: o.kind,
          employees: o.employees,
          country: o.country,
          region: o.region,
          city: o.city,
          postcode: o.postcode,
          website: o.website,
          membership: o.membership,
          ts,
        }).lastInsertRowid,
      );
      orgIds.set(o.key, id);
      if (o.membership === 'member') orgNetwork.run(id, ownNetwork);
      for (const n of o.networks) {
        const nid = networkIds.get(n);
        if (nid === undefined) throw new Error(`Demo data names unknown network ${n}`);
        orgNetwork.run(id, nid);
      }
      for (const t of o.topics) orgTopic.run(id, topic(t));
    }
    const org = (key: string): number => {
      const id = orgIds.get(key);
      if (id === undefined) throw new Error(`Demo data names unknown organisation ${key}`);
      return id;
    };

    const insertPerson = db.prepare(
      `INSERT INTO persons (salutation, title, first_name, last_name, email, phone, function, key_contact, language,
                            status, last_verified, source, created_at, updated_at)
       VALUES (@salutation, @title, @firstName, @lastName, @email, @phone, @function, @keyContact, @language,
               @status, @lastVerified, @source, @ts, @ts)`,
    );
    const personOrg = db.prepare(
      'INSERT INTO person_organisations (person_id, organisation_id, role, is_primary) VALUES (?, ?, ?, 1)',
    );
    const personTopic = db.prepare('INSERT OR IGNORE INTO person_topics (person_id, topic_id) VALUES (?, ?)');
    const personKind = db.prepare('INSERT OR IGNORE INTO person_information_kinds (person_id, kind) VALUES (?, ?)');
    const personRegion = db.prepare('INSERT OR IGNORE INTO person_regions (person_id, region_id) VALUES (?, ?)');
    const personTag = db.prepare('INSERT OR IGNORE INTO person_tags (person_id, tag_id) VALUES (?, ?)');
    const consent = db.prepare(
      `INSERT INTO consents (person_id, email, purpose, action, at, source, wording_version, evidence)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const p of cluster.persons) {
      const id = Number(
        insertPerson.run({
          salutation: p.salutation,
          title: p.title,
          firstName: p.firstName,
          lastName: p.lastName,
          email: p.email,
          phone: p.phone,
          function: p.function,
          keyContact: p.keyContact ? 1 : 0,
          language: p.language,
          status: p.status,
          lastVerified: p.lastVerified,
          source: p.source,
          ts,
        }).lastInsertRowid,
      );
      personOrg.run(id, org(p.organisationKey), p.function);
      for (const t of p.topics) personTopic.run(id, topic(t));
      for (const k of p.informationKinds) personKind.run(id, k);
      for (const r of p.regions) personRegion.run(id, region(r));
      for (const t of p.tags) personTag.run(id, tag(t));
      for (const c of p.consents) consent.run(id, p.email, c.purpose, c.action, c.at, c.source, c.wordingVersion, c.evidence);
    }

    const insertProject = db.prepare(
      `INSERT INTO projects (acronym, title, topic_id, phase, starts_on, ends_on, programme, description)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const projectRegion = db.prepare('INSERT INTO project_regions (project_id, region_id) VALUES (?, ?)');
    const projectOrg = db.prepare(
      'INSERT INTO project_organisations (project_id, organisation_id, role, funded) VALUES (?, ?, ?, ?)',
    );
    for (const pr of cluster.projects) {
      const id = Number(
        insertProject.run(pr.acronym, pr.title, topic(pr.topic), pr.phase, pr.startsOn, pr.endsOn, pr.programme, pr.description)
          .lastInsertRowid,
      );
      for (const r of pr.regions) projectRegion.run(id, region(r));
      for (const part of pr.participants) projectOrg.run(id, org(part.organisationKey), part.role, part.funded ? 1 : 0);
    }
    // A first entry in every history, so the change log starts with where the record came from.
    const created = db.prepare("INSERT INTO change_log (entity, entity_id, at, actor, action, details) VALUES (?, ?, ?, 'Spillover', 'created', ?)");
    const details = JSON.stringify({ source: 'Demo-Cluster' });
    for (const id of orgIds.values()) created.run('organisation', id, ts, details);
    for (const r of db.prepare('SELECT id FROM persons').all() as { id: number }[]) created.run('person', r.id, ts, details);
    for (const seg of cluster.segments) {
      saveSegment(db, SegmentSave.parse({ ...seg, kind: 'dynamic' }), now);
    }
    loadDemoContent(db, ts);
    createDemoMessages(db, now);
    markDemoOffered(db);
  })();
  return {
    organisations: cluster.organisations.length,
    persons: cluster.persons.length,
    projects: cluster.projects.length,
  };
}

/**
 * The content library: the hand-picked lists that confidential items name, then the items, each saved
 * through the same validation as the editor's (a demo item that the editor would refuse fails here).
 */
function loadDemoContent(db: Db, ts: string): void {
  const content = demoContent();
  const listIds = new Map<string, number>();
  const personByEmail = db.prepare('SELECT id FROM persons WHERE email = ? COLLATE NOCASE');
  const member = db.prepare('INSERT INTO segment_members (segment_id, person_id) VALUES (?, ?)');
  for (const list of content.lists) {
    const id = Number(
      db
        .prepare("INSERT INTO segments (name, description, kind, one_per_org, purpose, created_at, updated_at) VALUES (?, ?, 'static', 0, 'mailing', ?, ?)")
        .run(list.name, list.description, ts, ts).lastInsertRowid,
    );
    for (const email of list.emails) {
      const person = personByEmail.get(email) as { id: number } | undefined;
      if (!person) throw new Error(`Demo list "${list.name}" names ${email}, who is not in the demo cluster`);
      member.run(id, person.id);
    }
    listIds.set(list.name, id);
  }
  const projectId = (acronym: string | null): number | null => {
    if (acronym === null) return null;
    const row = db.prepare('SELECT id FROM projects WHERE acronym = ?').get(acronym) as { id: number } | undefined;
    if (!row) throw new Error(`Demo item names project ${acronym}, which is not in the demo cluster`);
    return row.id;
  };
  for (const item of content.items) {
    saveItem(
      db,
      ContentSave.parse({
        texts: { de: item.de, ...(item.en ? { en: item.en } : {}) },
        topic: item.topic,
        projectId: projectId(item.project),
        region: item.region,
        informationKind: item.informationKind,
        confidentiality: item.confidentiality,
        groupProjectId: item.confidentiality === 'project_group' ? projectId(item.group) : null,
        groupSegmentId: item.confidentiality === 'confidential' ? (listIds.get(item.group ?? '') ?? null) : null,
        link: item.link,
        embargoUntil: item.embargoUntil,
        status: item.status,
      }),
    );
  }
}

function markDemoOffered(db: Db): void {
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, 'true')").run(DEMO_OFFERED_KEY);
}

/**
 * First start: an empty database gets the demo cluster, once. After the user clears it, it stays empty.
 * Returns whether the demo was loaded.
 */
export function loadDemoOnFirstStart(db: Db): boolean {
  const offered = db.prepare('SELECT 1 FROM settings WHERE key = ?').get(DEMO_OFFERED_KEY) !== undefined;
  if (offered) return false;
  if (!isEmpty(db)) {
    markDemoOffered(db);
    return false;
  }
  loadDemo(db);
  return true;
}

/** Tables holding the cluster's data, children before parents. Settings and suppressions stay: they are not data to clear. */
const DATA_TABLES = [
  'deliveries', 'outbox', 'touchpoints', 'plan_items', 'plans', 'newsletter_items', 'newsletter_variants', 'newsletters',
  'templates', 'content_texts', 'content_items', 'assets', 'segment_members', 'segments', 'consents', 'change_log',
  'project_organisations', 'project_regions', 'projects', 'person_tags', 'person_regions', 'person_information_kinds',
  'person_topics', 'person_organisations', 'person_emails', 'persons', 'organisation_topics', 'organisation_networks',
  'organisations', 'imports', 'networks', 'partner_regions', 'topics', 'tags',
] as const;

function backupName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `spillover-before-clear-${stamp}.sqlite`;
}

/** Empties the database after writing a full copy next to it, so the step can be undone by restoring the copy. */
export function clearData(db: Db, dataDir: string, now: Date = new Date()): { backupFile: string } {
  const dir = path.join(dataDir, 'backups');
  fs.mkdirSync(dir, { recursive: true });
  const backupFile = path.join(dir, backupName(now));
  db.prepare('VACUUM INTO ?').run(backupFile);
  db.transaction(() => {
    for (const t of DATA_TABLES) {
      // The starter templates are part of the application (new newsletters are made from them), not cluster data.
      db.prepare(t === 'templates' ? 'DELETE FROM templates WHERE starter = 0' : `DELETE FROM ${t}`).run();
    }
    markDemoOffered(db);
  })();
  return { backupFile };
}

export function registerDemo(table: HandlerTable): void {
  table
    .register('demo/load', (_input, ctx) => loadDemo(ctx.db))
    .register('data/clear', (_input, ctx) => clearData(ctx.db, ctx.dataDir));
}
