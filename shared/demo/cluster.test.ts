import { describe, it, expect } from 'vitest';
import { INFORMATION_KINDS, ORGANISATION_KINDS } from '../domain';
import { demoCluster } from './cluster';

const cluster = demoCluster();
const REFERENCE = Date.parse('2026-11-21T00:00:00.000Z');

const orgByKey = new Map(cluster.organisations.map((o) => [o.key, o]));

function orgOf(organisationKey: string) {
  const o = orgByKey.get(organisationKey);
  if (!o) throw new Error(`unknown organisation ${organisationKey}`);
  return o;
}

describe('demo cluster', () => {
  it('is deterministic', () => {
    expect(demoCluster()).toEqual(demoCluster());
  });

  it('hands out fresh copies, so one caller cannot corrupt the next', () => {
    const first = demoCluster();
    first.persons[0]?.tags.push('mutated');
    first.topics.push('mutated');
    expect(demoCluster()).toEqual(cluster);
  });

  it('has the expected size', () => {
    expect(cluster.organisations.length).toBeGreaterThanOrEqual(38);
    expect(cluster.organisations.length).toBeLessThanOrEqual(45);
    expect(cluster.persons.length).toBeGreaterThanOrEqual(140);
    expect(cluster.persons.length).toBeLessThanOrEqual(160);
    expect(cluster.projects).toHaveLength(3);
  });

  it('covers every organisation kind with exactly one cluster management', () => {
    const kinds = new Set(cluster.organisations.map((o) => o.kind));
    for (const kind of ORGANISATION_KINDS) expect(kinds).toContain(kind);
    expect(cluster.organisations.filter((o) => o.kind === 'cluster_management')).toHaveLength(1);
  });

  it('has members, partners abroad and externals', () => {
    const by = (m: string) => cluster.organisations.filter((o) => o.membership === m);
    expect(by('member').length).toBeGreaterThan(by('partner_abroad').length + by('external').length);
    const abroadCountries = new Set(by('partner_abroad').map((o) => o.country));
    expect(abroadCountries).toEqual(new Set(cluster.regions.map((r) => r.country)));
    expect(by('external').length).toBeGreaterThanOrEqual(2);
  });

  it('has unique organisation keys and string postcodes', () => {
    expect(new Set(cluster.organisations.map((o) => o.key)).size).toBe(cluster.organisations.length);
    for (const o of cluster.organisations) {
      expect(o.postcode === null || typeof o.postcode === 'string').toBe(true);
    }
    // Leading zeros must survive, which is the whole point of keeping postcodes as strings.
    expect(cluster.organisations.some((o) => o.postcode?.startsWith('0'))).toBe(true);
  });

  it('uses only .example websites and e-mail domains', () => {
    for (const o of cluster.organisations) {
      if (o.website !== null) expect(o.website).toMatch(/^https:\/\/[a-z0-9.-]+\.example$/);
    }
    for (const p of cluster.persons) {
      const [, domain] = p.email.split('@');
      expect(domain?.endsWith('.example')).toBe(true);
    }
  });

  it('has unique, lower-case, ASCII e-mail addresses', () => {
    const emails = cluster.persons.map((p) => p.email);
    expect(new Set(emails.map((e) => e.toLowerCase())).size).toBe(emails.length);
    for (const e of emails) expect(e).toMatch(/^[a-z0-9.-]+@[a-z0-9.-]+\.example$/);
  });

  it('resolves every reference', () => {
    const topics = new Set(cluster.topics);
    const tags = new Set(cluster.tags);
    const regions = new Set(cluster.regions.map((r) => r.name));
    const networks = new Set(cluster.otherNetworks);
    for (const o of cluster.organisations) {
      for (const t of o.topics) expect(topics).toContain(t);
      for (const n of o.networks) expect(networks).toContain(n);
    }
    for (const p of cluster.persons) {
      expect(orgByKey.has(p.organisationKey)).toBe(true);
      expect(p.topics.length).toBeGreaterThanOrEqual(1);
      expect(p.topics.length).toBeLessThanOrEqual(3);
      for (const t of p.topics) expect(topics).toContain(t);
      for (const t of p.tags) expect(tags).toContain(t);
      for (const r of p.regions) expect(regions).toContain(r);
      expect(p.informationKinds.length).toBeGreaterThanOrEqual(1);
      for (const k of p.informationKinds) expect(INFORMATION_KINDS).toContain(k);
    }
    for (const project of cluster.projects) {
      expect(topics).toContain(project.topic);
      for (const r of project.regions) expect(regions).toContain(r);
      for (const part of project.participants) expect(orgByKey.has(part.organisationKey)).toBe(true);
    }
  });

  it('gives every organisation at least one person', () => {
    const withPeople = new Set(cluster.persons.map((p) => p.organisationKey));
    for (const o of cluster.organisations) expect(withPeople).toContain(o.key);
  });

  it('leaves exactly three member organisations without a key contact, and none with two', () => {
    const keyContacts = new Map<string, number>();
    for (const p of cluster.persons) {
      if (p.keyContact) keyContacts.set(p.organisationKey, (keyContacts.get(p.organisationKey) ?? 0) + 1);
    }
    const members = cluster.organisations.filter((o) => o.membership === 'member');
    expect(members.filter((o) => !keyContacts.has(o.key))).toHaveLength(3);
    for (const count of keyContacts.values()) expect(count).toBe(1);
  });

  it('funds only a minority of members', () => {
    const members = cluster.organisations.filter((o) => o.membership === 'member');
    const funded = new Set(
      cluster.projects.flatMap((project) =>
        project.participants.filter((part) => part.funded && orgOf(part.organisationKey).membership === 'member'),
      ).map((part) => part.organisationKey),
    );
    expect(funded.size).toBeGreaterThan(0);
    expect(funded.size * 2).toBeLessThan(members.length);
    // Associated partners take part without funding.
    expect(cluster.projects.some((project) => project.participants.some((part) => !part.funded))).toBe(true);
  });

  it('ties each project to exactly one partner region with partners from there', () => {
    const countryOf = new Map(cluster.regions.map((r) => [r.name, r.country]));
    for (const project of cluster.projects) {
      expect(project.regions).toHaveLength(1);
      const country = countryOf.get(project.regions[0] ?? '');
      const abroad = project.participants.map((part) => orgOf(part.organisationKey)).filter((o) => o.membership === 'partner_abroad');
      expect(abroad.length).toBeGreaterThan(0);
      for (const o of abroad) expect(o.country).toBe(country);
      expect(project.startsOn < project.endsOn).toBe(true);
    }
  });

  it('records consents that are plausible and lie before the reference day', () => {
    for (const p of cluster.persons) {
      let previous = 0;
      for (const c of p.consents) {
        const at = Date.parse(c.at);
        expect(Number.isNaN(at)).toBe(false);
        expect(at).toBeLessThan(REFERENCE);
        expect(at).toBeGreaterThanOrEqual(previous);
        previous = at;
      }
      if (p.status === 'unsubscribed') {
        expect(p.consents.some((c) => c.action === 'withdrawn')).toBe(true);
      } else {
        expect(p.consents.every((c) => c.action === 'given')).toBe(true);
      }
    }
    const withoutConsent = cluster.persons.filter((p) => p.consents.length === 0).length;
    expect(withoutConsent).toBeGreaterThanOrEqual(10);
    expect(withoutConsent).toBeLessThanOrEqual(20);
  });

  it('mixes statuses, languages and verification ages', () => {
    const count = (s: string) => cluster.persons.filter((p) => p.status === s).length;
    expect(count('unsubscribed')).toBeGreaterThanOrEqual(3);
    expect(count('bounced')).toBeGreaterThanOrEqual(2);
    expect(count('active') / cluster.persons.length).toBeGreaterThan(0.9);

    const languages = new Set(cluster.persons.map((p) => p.language));
    for (const l of ['de', 'en', 'fr']) expect(languages).toContain(l);

    const staleBefore = '2025-11-21';
    const verified = cluster.persons.map((p) => p.lastVerified);
    for (const v of verified) {
      if (v !== null) {
        expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(v >= '2024-01-01' && v < '2026-11-21').toBe(true);
      }
    }
    const stale = verified.filter((v) => v !== null && v < staleBefore).length;
    expect(stale / cluster.persons.length).toBeGreaterThan(0.08);
    expect(stale / cluster.persons.length).toBeLessThan(0.25);
    expect(verified.filter((v) => v === null).length).toBeGreaterThan(0);
  });
});
