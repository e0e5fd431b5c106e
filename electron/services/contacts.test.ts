import { describe, expect, it } from 'vitest';
import { demoCluster } from '../../shared/demo/cluster';
import { startBackend } from '../app';
import { tempDir } from '../test/tmp';
import { bulkUpdate, getContact, listContacts, updateContact } from './contacts';
import { getOrganisation, listOrganisations } from './organisations';

function demo() {
  return startBackend({ dataDir: tempDir(), shell: 'cli' });
}
const list = (b: ReturnType<typeof demo>, query: string, extra: Partial<Parameters<typeof listContacts>[1]> = {}) =>
  listContacts(b.db, { query, sort: 'name', desc: false, offset: 0, limit: 1000, ...extra });

describe('contacts list', () => {
  const cluster = demoCluster();

  it('lists everyone, sorted by name, in pages', () => {
    const b = demo();
    const all = list(b, '');
    expect(all.total).toBe(cluster.persons.length);
    const page = list(b, '', { offset: 10, limit: 5 });
    expect(page.rows.map((r) => r.id)).toEqual(all.rows.slice(10, 15).map((r) => r.id));
    const last = all.rows.map((r) => (r.lastName ?? '').toLocaleLowerCase('de'));
    expect(last[0]! <= last[last.length - 1]!).toBe(true);
    b.close();
  });

  it('finds people by part of the name, with or without umlauts, by e-mail and by organisation', () => {
    const b = demo();
    const withUmlaut = cluster.persons.find((p) => /ü/.test(p.lastName))!;
    const folded = withUmlaut.lastName.replace('ü', 'ue');
    expect(list(b, withUmlaut.lastName).rows.map((r) => r.email)).toContain(withUmlaut.email);
    expect(list(b, folded).rows.map((r) => r.email)).toContain(withUmlaut.email);
    expect(list(b, withUmlaut.email).rows.map((r) => r.email)).toEqual([withUmlaut.email]);
    const org = cluster.organisations[0]!;
    const members = cluster.persons.filter((p) => p.organisationKey === org.key).map((p) => p.email).sort();
    expect(list(b, `org:"${org.name}"`).rows.map((r) => r.email).sort()).toEqual(members);
    b.close();
  });

  it('filters by the search syntax, and each filter agrees with the demo data', () => {
    const b = demo();
    const orgOf = new Map(cluster.organisations.map((o) => [o.key, o]));
    const expectCount = (q: string, pred: (p: (typeof cluster.persons)[number]) => boolean): void => {
      expect(list(b, q).total, q).toBe(cluster.persons.filter(pred).length);
    };
    expectCount('key:yes', (p) => p.keyContact);
    expectCount('lang:en', (p) => p.language === 'en');
    expectCount('status:bounced', (p) => p.status === 'bounced');
    expectCount('kind:startup', (p) => orgOf.get(p.organisationKey)?.kind === 'startup');
    expectCount('membership:partner_abroad', (p) => orgOf.get(p.organisationKey)?.membership === 'partner_abroad');
    expectCount('country:FR', (p) => orgOf.get(p.organisationKey)?.country === 'FR');
    expectCount('interest:foreign_markets', (p) => p.informationKinds.includes('foreign_markets'));
    const funded = new Set(cluster.projects.flatMap((pr) => pr.participants.filter((x) => x.funded).map((x) => x.organisationKey)));
    expectCount('funded:yes', (p) => funded.has(p.organisationKey));
    expectCount('funded:no membership:member', (p) => !funded.has(p.organisationKey) && orgOf.get(p.organisationKey)?.membership === 'member');
    expectCount('-key:yes', (p) => !p.keyContact);
    expect(list(b, 'colour:red').problems).toHaveLength(1);
    b.close();
  });

  it('treats the search text as data, never as SQL or FTS syntax', () => {
    const b = demo();
    for (const q of ["' OR 1=1 --", '"', 'NEAR(a b)', '%', '_', 'a*', "Robert'); DROP TABLE persons;--"]) {
      expect(() => list(b, q), q).not.toThrow();
    }
    expect(list(b, '').total).toBe(cluster.persons.length);
    b.close();
  });
});

describe('contact edits', () => {
  it('updates fields, logs who changed what, and refuses a duplicate e-mail', () => {
    const b = demo();
    const [first, second] = list(b, '').rows;
    const updated = updateContact(b.db, first!.id, { function: 'Leiterin Internationalisierung', lastVerified: '2026-11-20' });
    expect(updated.function).toBe('Leiterin Internationalisierung');
    expect(updated.history[0]).toMatchObject({ action: 'edited', details: { function: { to: 'Leiterin Internationalisierung' } } });
    expect(() => updateContact(b.db, first!.id, { email: second!.email!.toUpperCase() })).toThrow(/already belongs/);
    expect(getContact(b.db, first!.id).email).toBe(first!.email);
    b.close();
  });

  it('runs bulk actions in one go and reports how many changed', () => {
    const b = demo();
    const ids = list(b, 'kind:startup').rows.map((r) => r.id);
    expect(bulkUpdate(b.db, ids, { type: 'addTag', tag: 'Start-up-Runde 2026' })).toBe(ids.length);
    expect(list(b, 'tag:"Start-up-Runde 2026"').total).toBe(ids.length);
    expect(bulkUpdate(b.db, ids, { type: 'addTag', tag: 'start-up-runde 2026' })).toBe(0);
    expect(bulkUpdate(b.db, ids, { type: 'markVerified' })).toBe(ids.length);
    expect(list(b, 'kind:startup stale:yes').total).toBe(0);
    const before = list(b, 'key:yes').total;
    expect(bulkUpdate(b.db, ids, { type: 'setKeyContact', value: true })).toBeGreaterThan(0);
    expect(list(b, 'key:yes').total).toBeGreaterThan(before);
    b.close();
  });
});

describe('creating by hand', () => {
  it('creates a person at an organisation with a source, and refuses an existing address or an empty record', async () => {
    const b = demo();
    const org = listOrganisations(b.db, { query: '', withoutKeyContact: false })[0]!;
    const before = list(b, 'Yılmaz').total;
    const env = await b.table.dispatch('contacts/create', {
      salutation: 'frau', firstName: 'Özlem', lastName: 'Yılmaz', email: 'oezlem@neu.example', organisationId: org.id, source: 'Messe JEC 2026',
    });
    expect(env).toMatchObject({ ok: true, value: { lastName: 'Yılmaz', organisation: org.name, history: [{ action: 'created' }] } });
    expect(list(b, 'Yılmaz').total).toBe(before + 1);
    const again = await b.table.dispatch('contacts/create', { email: 'OEZLEM@neu.example', source: 'x' });
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict', issues: [{ path: 'email' }] } });
    expect(await b.table.dispatch('contacts/create', { source: 'x' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    b.close();
  });

  it('creates and edits organisations with a history and validation', async () => {
    const b = demo();
    const created = await b.table.dispatch('organisations/create', { name: 'Neue Leichtbau GmbH', kind: 'startup', membership: 'member', employees: 12, country: 'DE' });
    expect(created).toMatchObject({ ok: true, value: { name: 'Neue Leichtbau GmbH', sizeClass: 'small' } });
    const id = (created as { ok: true; value: { id: number } }).value.id;
    const edited = await b.table.dispatch('organisations/update', { id, patch: { employees: 300, website: 'https://www.neu.example' } });
    expect(edited).toMatchObject({ ok: true, value: { sizeClass: 'large' } });
    expect((edited as { ok: true; value: { history: { action: string }[] } }).value.history.map((h) => h.action)).toEqual(['edited', 'created']);
    expect(await b.table.dispatch('organisations/update', { id, patch: { website: 'javascript:alert(1)x' } })).toMatchObject({ ok: false });
    expect(await b.table.dispatch('organisations/update', { id, patch: { country: 'Germany' } })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    b.close();
  });
});

describe('consent by hand', () => {
  it('appends given and withdrawn records; a withdrawal ends newsletter consent; wording is required to give', async () => {
    const b = demo();
    const [p] = list(b, 'consent:newsletter').rows;
    const bad = await b.table.dispatch('contacts/consent', { id: p!.id, purpose: 'mailing', action: 'given', source: 'Telefon' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input', issues: [{ path: 'wordingVersion' }] } });
    const before = getContact(b.db, p!.id).consents.length;
    const env = await b.table.dispatch('contacts/consent', { id: p!.id, purpose: 'newsletter', action: 'withdrawn', source: 'Anruf 2026-11-21' });
    expect(env.ok).toBe(true);
    const after = getContact(b.db, p!.id);
    expect(after.consents.length).toBe(before + 1);
    expect(after.newsletterConsent).toBe(false);
    expect(after.history[0]).toMatchObject({ action: 'consent-withdrawn' });
    b.close();
  });
});

describe('organisations', () => {
  it('lists organisations with their people and flags members without a key contact', () => {
    const b = demo();
    const rows = listOrganisations(b.db, { query: '', withoutKeyContact: false });
    expect(rows).toHaveLength(demoCluster().organisations.length);
    const missing = listOrganisations(b.db, { query: '', withoutKeyContact: true });
    expect(missing).toHaveLength(3);
    const detail = getOrganisation(b.db, missing[0]!.id);
    expect(detail.people.length).toBeGreaterThan(0);
    expect(detail.people.every((p) => !p.keyContact)).toBe(true);
    const withProjects = rows.find((r) => r.funded)!;
    expect(getOrganisation(b.db, withProjects.id).projects.length).toBeGreaterThan(0);
    b.close();
  });
});
