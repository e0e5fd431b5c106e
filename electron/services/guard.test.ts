/** The confidentiality guard on the demo cluster; expectations are computed from the demo data in JavaScript. */
import { describe, expect, it } from 'vitest';
import { demoCluster } from '../../shared/demo/cluster';
import { startBackend } from '../app';
import { tempDir } from '../test/tmp';
import { guardViolations, readersOf, type GuardItem } from './guard';

const cluster = demoCluster();

describe('confidentiality guard', () => {
  const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
  const db = b.db;
  const idByEmail = new Map((db.prepare('SELECT id, lower(email) AS email FROM persons WHERE email IS NOT NULL').all() as { id: number; email: string }[]).map((r) => [r.email, r.id]));
  const orgOf = new Map(cluster.organisations.map((o) => [o.key, o]));
  const persons = cluster.persons.filter((p) => p.email !== null && idByEmail.has(p.email.toLowerCase()));
  const ids = persons.map((p) => idByEmail.get((p.email as string).toLowerCase()) as number);
  const item = (over: Partial<GuardItem>): GuardItem => ({ id: 1, title: 'Pilot line Singapore', confidentiality: 'public', groupProjectId: null, groupSegmentId: null, ...over });

  it('public items fit everyone', () => {
    expect(guardViolations(db, [item({})], ids)).toEqual([]);
  });

  it('members items need every recipient in a member organisation', () => {
    const outside = persons.filter((p) => orgOf.get(p.organisationKey)?.membership !== 'member').length;
    expect(outside).toBeGreaterThan(0);
    const [v] = guardViolations(db, [item({ confidentiality: 'members' })], ids);
    expect(v).toMatchObject({ level: 'members', outside, group: 'members' });
    expect(v?.message).toBe(`Item 'Pilot line Singapore' is for members only; ${outside} recipients are not in a member organisation. Narrow the audience or remove the item.`);
    const members = persons.filter((p) => orgOf.get(p.organisationKey)?.membership === 'member').map((p) => idByEmail.get((p.email as string).toLowerCase()) as number);
    expect(guardViolations(db, [item({ confidentiality: 'members' })], members)).toEqual([]);
  });

  it('project-group items need the recipient organisation in the project', () => {
    const project = cluster.projects[1]!;
    const projectId = db.prepare('SELECT id FROM projects WHERE acronym = ?').pluck().get(project.acronym) as number;
    const inside = new Set(project.participants.map((p) => p.organisationKey));
    const expectedInside = persons.filter((p) => inside.has(p.organisationKey)).length;
    const g = item({ confidentiality: 'project_group', groupProjectId: projectId });
    expect(readersOf(db, g, ids).size).toBe(expectedInside);
    const [v] = guardViolations(db, [g], ids);
    expect(v).toMatchObject({ level: 'project_group', group: project.acronym, outside: ids.length - expectedInside });
    expect(v?.message).toContain(`recipients are outside project group ${project.acronym}`);
  });

  it('confidential items need the recipient on the hand-picked list', () => {
    const ts = new Date().toISOString();
    const seg = Number(db.prepare("INSERT INTO segments (name, kind, one_per_org, created_at, updated_at) VALUES ('Lenkungskreis Test', 'static', 0, ?, ?)").run(ts, ts).lastInsertRowid);
    for (const id of ids.slice(0, 3)) db.prepare('INSERT INTO segment_members (segment_id, person_id) VALUES (?, ?)').run(seg, id);
    const c = item({ confidentiality: 'confidential', groupSegmentId: seg });
    expect(guardViolations(db, [c], ids.slice(0, 3))).toEqual([]);
    const [v] = guardViolations(db, [c], ids.slice(0, 5));
    expect(v).toMatchObject({ level: 'confidential', group: 'Lenkungskreis Test', outside: 2 });
  });
});
