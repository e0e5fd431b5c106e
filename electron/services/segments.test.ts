/**
 * Segments against a real SQLite file with the demo cluster. Expectations are computed from the demo data in
 * plain JavaScript, never read back from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api';
import { demoCluster } from '../../shared/demo/cluster';
import type { DemoPerson } from '../../shared/demo/types';
import { SegmentSave } from '../../shared/segments/schemas';
import { startBackend } from '../app';
import { tempDir } from '../test/tmp';
import { erasePerson } from './privacy';
import { countAudience, deleteSegment, getSegment, listSegments, reachOf, saveSegment } from './segments';

const cluster = demoCluster();
const orgOf = (p: DemoPerson) => cluster.organisations.find((o) => o.key === p.organisationKey)!;
const latest = (p: DemoPerson, purpose: 'newsletter' | 'mailing') =>
  [...p.consents].filter((c) => c.purpose === purpose).sort((a, b) => a.at.localeCompare(b.at)).pop()?.action;
const reachable = (p: DemoPerson, purpose: 'newsletter' | 'mailing' = 'newsletter') => p.status === 'active' && latest(p, purpose) === 'given';

function demo() {
  return startBackend({ dataDir: tempDir(), shell: 'cli' });
}
const save = (b: ReturnType<typeof demo>, input: Parameters<typeof SegmentSave.parse>[0]) => saveSegment(b.db, SegmentSave.parse(input));

describe('audience counts', () => {
  it('counts matched persons, excludes the unreachable with reasons, and never hides them', () => {
    const b = demo();
    const members = cluster.persons.filter((p) => orgOf(p).membership === 'member');
    const c = countAudience(b.db, { query: 'member:yes' }, { purpose: 'newsletter', onePerOrg: false }, 5);
    expect(c.matched).toBe(members.length);
    expect(c.audience).toBe(members.filter((p) => reachable(p)).length);
    expect(c.excluded.total).toBe(c.matched - c.audience);
    expect(c.excluded.byReason.unsubscribed).toBe(members.filter((p) => p.status === 'unsubscribed').length);
    expect(c.excluded.byReason.bounced).toBe(members.filter((p) => p.status === 'bounced').length);
    expect(c.excluded.byReason.no_consent).toBe(members.filter((p) => p.status === 'active' && latest(p, 'newsletter') !== 'given').length);
    expect(c.preview).toHaveLength(5);
    expect(c.breakdown.funded.funded + c.breakdown.funded.notFunded).toBe(c.audience);
    expect(c.breakdown.byLanguage.reduce((s, x) => s + x.count, 0)).toBe(c.audience);
    expect(c.query).toBe('member:yes');
    b.close();
  });

  it('consent is purpose-bound: a mailing audience differs from a newsletter audience', () => {
    const b = demo();
    const forMailing = countAudience(b.db, { query: '' }, { purpose: 'mailing', onePerOrg: false }, 0);
    expect(forMailing.audience).toBe(cluster.persons.filter((p) => reachable(p, 'mailing')).length);
    b.close();
  });

  it('one per organisation keeps the key contact, reports organisations with nobody reachable', () => {
    const b = demo();
    const c = countAudience(b.db, { query: 'member:yes' }, { purpose: 'newsletter', onePerOrg: true }, 500);
    const memberOrgs = cluster.organisations.filter((o) => o.membership === 'member');
    const reachedOrgs = memberOrgs.filter((o) => cluster.persons.some((p) => p.organisationKey === o.key && reachable(p)));
    expect(c.audience).toBe(reachedOrgs.length);
    expect(c.organisations.reached).toBe(reachedOrgs.length);
    expect(c.organisations.nobodyReachable).toBe(memberOrgs.filter((o) => cluster.persons.some((p) => p.organisationKey === o.key)).length - reachedOrgs.length);
    // Where an organisation has a reachable key contact, that is the one chosen.
    for (const row of c.preview) {
      const orgPersons = cluster.persons.filter((p) => orgOf(p).name === row.organisation && reachable(p));
      if (orgPersons.some((p) => p.keyContact)) expect(row.keyContact).toBe(true);
    }
    b.close();
  });

  it('the reach check lists the member organisations an audience misses, and why', () => {
    const b = demo();
    const r = reachOf(b.db, { query: 'key:yes member:yes' }, { purpose: 'newsletter', onePerOrg: false });
    const memberOrgs = cluster.organisations.filter((o) => o.membership === 'member');
    expect(r.members).toBe(memberOrgs.length);
    const expectedReached = memberOrgs.filter((o) => cluster.persons.some((p) => p.organisationKey === o.key && p.keyContact && reachable(p)));
    expect(r.reached).toBe(expectedReached.length);
    expect(r.missing.map((m) => m.name).sort()).toEqual(memberOrgs.filter((o) => !expectedReached.includes(o)).map((o) => o.name).sort());
    const withoutKey = memberOrgs.filter((o) => !cluster.persons.some((p) => p.organisationKey === o.key && p.keyContact));
    expect(withoutKey.length).toBe(3);
    for (const o of withoutKey) expect(r.missing.find((m) => m.name === o.name)?.why).toBe('not_matched');
    b.close();
  });

  it('an erased person never matches; re-created with the same address it counts as suppressed', () => {
    const b = demo();
    const p = cluster.persons.find((x) => reachable(x))!;
    const id = (b.db.prepare('SELECT id FROM persons WHERE email = ?').get(p.email) as { id: number }).id;
    const before = countAudience(b.db, { query: '' }, { purpose: 'newsletter', onePerOrg: false }, 0);
    erasePerson(b.db, id);
    const after = countAudience(b.db, { query: '' }, { purpose: 'newsletter', onePerOrg: false }, 0);
    expect(after.matched).toBe(before.matched - 1);
    const ts = new Date().toISOString();
    const nid = b.db.prepare('INSERT INTO persons (first_name, email, created_at, updated_at) VALUES (?, ?, ?, ?)').run('Neu', p.email.toUpperCase(), ts, ts).lastInsertRowid;
    b.db.prepare("INSERT INTO consents (person_id, email, purpose, action, at, source) VALUES (?, ?, 'newsletter', 'given', ?, 'Test')").run(nid, p.email.toUpperCase(), ts);
    const again = countAudience(b.db, { query: '' }, { purpose: 'newsletter', onePerOrg: false }, 0);
    expect(again.excluded.byReason.suppressed).toBe(1);
    expect(again.audience).toBe(after.audience);
    b.close();
  });
});

describe('saved segments', () => {
  it('the demo brings meaningful segments with their counts', () => {
    const b = demo();
    const rows = listSegments(b.db);
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['Schlüsselkontakte der Mitglieder', 'Englischsprachige Partner im Ausland', ...cluster.projects.map((p) => `Projektgruppe ${p.acronym}`)]),
    );
    const keys = rows.find((r) => r.name === 'Schlüsselkontakte der Mitglieder')!;
    const expected = cluster.persons.filter((p) => p.keyContact && orgOf(p).membership === 'member' && reachable(p)).length;
    expect(keys.lastCount).toBe(expected);
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
    b.close();
  });

  it('refuses duplicate names and cycles, carries renames into referring segments, flags missing references', () => {
    const b = demo();
    const a = save(b, { name: 'A', kind: 'dynamic', query: 'lang:en' });
    expect(() => save(b, { name: 'a', kind: 'dynamic', query: 'lang:de' })).toThrow(ApiError);
    const bSeg = save(b, { name: 'B', kind: 'dynamic', query: 'segment:A key:yes' });
    expect(bSeg.problems).toEqual([]);
    // A → B → A would be a circle.
    expect(() => save(b, { id: a.id, name: 'A', kind: 'dynamic', query: 'segment:B' })).toThrow(/uses itself/);
    expect(() => save(b, { name: 'C', kind: 'dynamic', query: 'segment:C' })).toThrow();
    expect(getSegment(b.db, a.id).usedBy.map((s) => s.name)).toEqual(['B']);
    save(b, { id: a.id, name: 'Englisch', kind: 'dynamic', query: 'lang:en' });
    expect(getSegment(b.db, bSeg.id).query).toBe('segment:Englisch key:yes');
    // Deleting the referenced segment leaves B flagged, not silently empty.
    deleteSegment(b.db, a.id);
    const flagged = getSegment(b.db, bSeg.id);
    expect(flagged.problems.map((p) => p.code)).toEqual(['unknown_segment']);
    const topicGone = save(b, { name: 'D', kind: 'dynamic', query: 'topic:Gibtsnicht' });
    expect(topicGone.problems.map((p) => p.code)).toEqual(['unknown_reference']);
    b.close();
  });

  it('a hand-picked list is an audience like any other, and a rule can use it', () => {
    const b = demo();
    const ids = (b.db.prepare("SELECT id FROM persons WHERE language = 'en' ORDER BY id LIMIT 4").all() as { id: number }[]).map((r) => r.id);
    const list = save(b, { name: 'Messe-Kontakte', kind: 'static', personIds: ids });
    expect(list.members).toBe(4);
    const c = countAudience(b.db, { segmentId: list.id }, { purpose: 'newsletter', onePerOrg: false }, 10);
    expect(c.matched).toBe(4);
    const viaRule = countAudience(b.db, { query: 'segment:Messe-Kontakte lang:en' }, { purpose: 'newsletter', onePerOrg: false }, 0);
    expect(viaRule.matched).toBe(4);
    const notInList = countAudience(b.db, { query: '-segment:Messe-Kontakte' }, { purpose: 'newsletter', onePerOrg: false }, 0);
    expect(notInList.matched).toBe(cluster.persons.length - 4);
    b.close();
  });

  it('a malformed rule is refused with the position of the problem', () => {
    const b = demo();
    expect(() => save(b, { name: 'X', kind: 'dynamic', query: 'kind:startup (lang:en' })).toThrow(/position 14/);
    const c = countAudience(b.db, { query: 'kind:startup foo:bar' }, { purpose: 'newsletter', onePerOrg: false }, 0);
    expect(c.problems).toEqual([expect.objectContaining({ code: 'unknown_key', start: 13, end: 20 })]);
    b.close();
  });
});
