/**
 * The rule compiler (shared/contacts/sql.ts) against an independent evaluator (shared/contacts/evaluate.ts).
 *
 * Each seed builds a random world — persons, organisations, projects, topics, tags, regions, networks,
 * consents (withdrawn after given, given for an old address, ties on the time), deliveries, saved dynamic and
 * static segments (with cycles between them), NULLs wherever the schema allows them, erased persons — writes it
 * into a real SQLite file with plain INSERTs, and then checks ~1000 random rules:
 *   1. the ids the compiled SQL selects are the ids the evaluator selects;
 *   2. count(Q) + count(NOT Q) = count(all), i.e. no condition is ever NULL;
 *   3. parseQuery(formatQuery(rule)) gives back simplify(rule) without problems (for rules without empty
 *      groups below the top: the builder never produces those, and "()" is a problem for the parser);
 *   4. each filter's set form (filterSetSql, what the audience engine counts with) holds for the same persons;
 *   5. referenceProblems reports exactly the filters that name a topic, tag, region, network or project the
 *      database does not know.
 * Seeds are fixed so a failure reproduces; SPILLOVER_RULES_SEED=<n> runs one other world. Free words are
 * generated as single words (letters and digits, umlauts included), the limit of the evaluator's FTS model.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_PURPOSES, INFORMATION_KINDS, MEMBERSHIPS, ORGANISATION_KINDS, PERSON_STATUSES, SALUTATIONS, type SizeThresholds } from '../../shared/domain';
import {
  evaluateRule,
  namesMissing,
  type EvalConsent,
  type EvalDelivery,
  type EvalOrganisation,
  type EvalPerson,
  type EvalProject,
  type EvalSegment,
  type EvalWorld,
} from '../../shared/contacts/evaluate';
import {
  COMPARATORS,
  SIZE_CLASSES,
  filtersOf,
  formatFilter,
  formatQuery,
  parseQuery,
  referenceProblems,
  simplify,
  type Comparator,
  type Filter,
  type FilterKey,
  type Rule,
} from '../../shared/contacts/query';
import { compileRule, filterSetSql } from '../../shared/contacts/sql';
import { openDatabase, type Db } from '../db/database';
import { tempDir } from '../test/tmp';
import { compileContext, knownNames } from './rules';

const SEEDS = process.env.SPILLOVER_RULES_SEED ? [Number(process.env.SPILLOVER_RULES_SEED)] : [20260301, 7, 424242, 99991];
const RULES_PER_WORLD = 1000;
const NOW = new Date('2026-03-15T10:00:00.000Z');

// --- a small seeded random source for the worlds ------------------------------------------------------------

class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** mulberry32: small, fast, good enough to spread test data. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    const v = list[Math.floor(this.next() * list.length)];
    if (v === undefined) throw new Error('pick from an empty list');
    return v;
  }
  maybe<T>(p: number, make: () => T): T | null {
    return this.chance(p) ? make() : null;
  }
  /** Up to `max` distinct elements. */
  some<T>(list: readonly T[], max: number): T[] {
    const n = this.int(0, Math.min(max, list.length));
    return this.shuffle(list).slice(0, n);
  }
  shuffle<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

// --- vocabularies with the awkward cases: umlauts, ae-spellings, case twins, LIKE wildcards, parentheses ----

// "Ätzen"/"ätzen" and "Übersee"/"übersee" are distinct names under NOCASE, which folds ASCII letters only.
const TOPICS = ['Leichtbau', 'Additive Fertigung', 'Wasserstoff', 'KI', 'Ätzen', 'ätzen', 'Oberflächen', 'Sensorik', 'Smart Factory', 'Öko-Design', 'Robotik (Service)', 'E-Mobilität', 'Kreislaufwirtschaft', 'Quanten 2.0'];
const TAGS = ['VIP', 'Presse', 'Jury', 'Beirat', 'Messe 2025', 'Übersee', 'übersee', 'A_B', '100%'];
const REGIONS: [string, string][] = [['Rhône-Alpes', 'FR'], ['Oberösterreich', 'AT'], ['Wallonie', 'BE'], ['Skåne', 'SE'], ['Région Sud', 'FR'], ['Tirol', 'AT']];
const NETWORKS = ['Leichtbau BW', 'Photonics21', 'Cluster Süd', 'EEN', 'CFK-Valley', 'Netzwerk Ost'];
const CITIES = ['Stuttgart', 'STUTTGART', 'stuttgart', 'München', 'MÜNCHEN', 'Ulm', 'Überlingen', 'Linz', 'Lyon', 'Malmö', 'Bad Säckingen'];
const COUNTRIES = ['DE', 'AT', 'FR', 'CH', 'BE', 'SE'];
const ORG_STEMS = ['Carbonwerk', 'Müller Präzision', 'Mueller Technik', 'Lehrstuhl(TU)', 'Fraunhofer IWU', 'Schäfer & Söhne', 'Öztürk Robotics', 'Straßenbau Nord', 'Strassen-Ingenieure', 'Grün_Tech', 'Café 100%', 'Åkesson', 'Leichtbau-Zentrum', 'HOCHSCHULE ULM'];
const ORG_SUFFIXES = [' GmbH', ' AG', ' e.V.', '', ' SE', ' (Lyon)'];
const FIRST_NAMES = ['Jana', 'Jörg', 'Joerg', 'Ümit', 'Anna-Lena', 'Björn', 'René', 'Zoë', 'Max', 'Maximilian', 'Sören', 'Ole', 'Nadia', 'Grit', 'ÖZLEM'];
const LAST_NAMES = ['Müller', 'Mueller', 'Muller', 'Schäfer', 'Schaefer', 'Weiß', 'Weiss', 'Groß', 'Öztürk', 'Bauer', 'Nguyen', "O'Brien", 'von Bülow', 'Krüger-Wendt', 'Ålund', 'Dvořák', 'Straße'];
const TITLES = ['Dr.', 'Prof. Dr.', 'Dipl.-Ing.', 'Dr. rer. nat.'];
const DOMAINS = ['carbonwerk.example', 'mueller-praezision.example', 'tu-ulm.example', 'Mail.EXAMPLE', 'müller.example'];
const FUNCTIONS = ['Geschäftsführer', 'Geschäftsführerin', 'Leiterin F&E', 'CEO', 'Referent_in Presse', '100% Vertrieb', 'Projektleiter', 'Einkauf\\Logistik'];
const SOURCES = ['Messe 2024', 'Import CSV', 'Visitenkarte', '50%_Aktion', 'Webformular'];
const LANGUAGES = ['de', 'de', 'de', 'en', 'en', 'fr'];
const PROJECTS: [string, string][] = [
  ['LIGHT', 'Leichtbau für Fahrzeuge'],
  ['H2-Hub', 'Wasserstoff-Hub Süd'],
  ['ÄRA', 'Ära der Robotik'],
  ['CarboRec', 'Recycling von CFK'],
  ['SensIQ', 'Sensorik 100% vernetzt'],
  ['light2', 'Light weight II'],
  ['Q-Net', 'Quanten_Netz'],
  ['ÖKO', 'Öko-Design für KMU'],
];
const SIZE_SETTINGS: SizeThresholds[] = [
  { microBelow: 10, smallBelow: 50, mediumBelow: 250 },
  { microBelow: 5, smallBelow: 100, mediumBelow: 500 },
];
const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'sent', 'sent', 'failed', 'bounced', 'skipped'] as const;

const pad = (n: number): string => String(n).padStart(2, '0');
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
const addDays = (iso: string, days: number): string => isoDay(new Date(Date.parse(`${iso}T00:00:00.000Z`) + days * 86_400_000));
const asciiOnly = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/g, '');

/** What the database holds beyond the evaluator's view: messages and their items. */
interface Newsletter {
  id: number;
  /** Topic of each item; null for an item without a topic. */
  items: (string | null)[];
}

interface Generated {
  world: EvalWorld;
  newsletters: Newsletter[];
  deliveries: (EvalDelivery & { newsletterId: number })[];
  settings: { sizeThresholds: SizeThresholds; staleAfterMonths: number };
}

function generateWorld(seed: number, staleBefore: string, today: string): Generated {
  const r = new Random(seed);
  const organisations: EvalOrganisation[] = [];
  const orgCount = r.int(30, 50);
  for (let id = 1; id <= orgCount; id++) {
    const employees = r.maybe(0.75, () => r.pick([0, 4, 5, 9, 10, 49, 50, 99, 100, 249, 250, 499, 500, r.int(0, 3000)]));
    organisations.push({
      id,
      name: `${r.pick(ORG_STEMS)}${r.pick(ORG_SUFFIXES)}${r.chance(0.3) ? ` ${id}` : ''}`,
      kind: r.pick(ORGANISATION_KINDS),
      employees,
      country: r.maybe(0.85, () => r.pick(COUNTRIES)),
      city: r.maybe(0.8, () => r.pick(CITIES)),
      membership: r.pick(MEMBERSHIPS),
      networks: r.some(NETWORKS, 2),
      topics: r.some(TOPICS, 2),
    });
  }

  // Timestamps shared by several consent records, so ties on `at` happen and the record id must decide.
  const consentTimes = ['2024-01-10T09:00:00.000Z', '2024-06-01T12:00:00.000Z', '2025-02-03T08:30:00.000Z', '2025-02-03T08:30:00.000Z', '2025-11-20T16:45:00.000Z'];
  const pendingConsents: (Omit<EvalConsent, 'id'> & { personId: number })[] = [];
  const persons: EvalPerson[] = [];
  const personCount = r.int(250, 350);
  for (let id = 1; id <= personCount; id++) {
    const status = r.pick([...PERSON_STATUSES, 'active', 'active', 'active', 'active', 'active', 'active'] as const);
    // Erased persons keep only what the erasure leaves (nothing personal); some keep a name to be sure they
    // never match anyway.
    const erasedBare = status === 'erased' && r.chance(0.6);
    let firstName = erasedBare ? null : r.maybe(0.85, () => r.pick(FIRST_NAMES));
    const lastName = erasedBare ? null : r.maybe(0.9, () => r.pick(LAST_NAMES));
    const email = status === 'erased' ? null : r.maybe(0.9, () => `${asciiOnly(firstName ?? 'info')}.${asciiOnly(lastName ?? 'kontakt')}${id}@${r.pick(DOMAINS)}`);
    if (status !== 'erased' && email === null && lastName === null && firstName === null) firstName = 'Ohne';
    const lastVerified = r.maybe(0.75, () => {
      const d = addDays(staleBefore, r.pick([-400, -30, -1, 0, 0, 1, 30, 200]));
      return r.chance(0.5) ? d : `${d}T${pad(r.int(0, 23))}:${pad(r.int(0, 59))}:00.000Z`;
    });
    const links = r.some(organisations, 3).map((o, i) => ({ organisationId: o.id, isPrimary: i === 0 && r.chance(0.9) }));
    const person: EvalPerson = {
      id,
      salutation: r.pick(SALUTATIONS),
      title: erasedBare ? null : r.maybe(0.3, () => r.pick(TITLES)),
      firstName,
      lastName,
      email,
      function: erasedBare ? null : r.maybe(0.6, () => r.pick(FUNCTIONS)),
      keyContact: r.chance(0.3),
      language: r.pick(LANGUAGES),
      status,
      lastVerified,
      recontactOn: r.maybe(0.4, () => addDays(today, r.pick([-20, -1, 0, 1, 15]))),
      source: r.maybe(0.6, () => r.pick(SOURCES)),
      organisations: links,
      topics: r.some(TOPICS, 3),
      informationKinds: r.some(INFORMATION_KINDS, 3),
      regions: r.some(REGIONS.map(([n]) => n), 2),
      tags: r.some(TAGS, 3),
      consents: [],
    };
    persons.push(person);
    // Consent histories: given, withdrawn after given, given again; some for an address the person no longer has.
    const records = r.int(0, 4);
    const oldAddress = `alt${id}@old.example`;
    for (let k = 0; k < records; k++) {
      pendingConsents.push({
        personId: id,
        purpose: r.pick(CONSENT_PURPOSES),
        action: r.chance(0.65) ? 'given' : 'withdrawn',
        at: r.pick(consentTimes),
        email: email !== null && r.chance(0.8) ? email : oldAddress,
      });
    }
  }
  // Ids in an order unrelated to the times, so "latest" cannot be read off the id.
  r.shuffle(pendingConsents).forEach((c, i) => {
    const person = persons[c.personId - 1];
    person?.consents.push({ id: i + 1, purpose: c.purpose, action: c.action, at: c.at, email: c.email });
  });

  const projects: EvalProject[] = PROJECTS.map(([acronym, title], i) => ({
    id: i + 1,
    acronym,
    title,
    organisations: r.some(organisations, 6).map((o) => ({ organisationId: o.id, funded: r.chance(0.6) })),
  }));

  const newsletters: Newsletter[] = [];
  for (let id = 1; id <= 6; id++) {
    newsletters.push({ id, items: Array.from({ length: r.int(0, 4) }, () => r.maybe(0.8, () => r.pick(TOPICS))) });
  }
  const deliveries: Generated['deliveries'] = [];
  const deliveryCount = r.int(300, 500);
  for (let i = 0; i < deliveryCount; i++) {
    const nl = r.pick(newsletters);
    const status = r.pick(DELIVERY_STATUSES);
    const sentAt =
      status === 'sent' || r.chance(0.2) ? `${addDays('2025-06-01', r.int(-200, 300))}T${pad(r.int(6, 20))}:00:00.000Z` : null;
    deliveries.push({
      newsletterId: nl.id,
      personId: r.chance(0.9) ? r.int(1, personCount) : null,
      status,
      sentAt: status === 'sent' && r.chance(0.05) ? null : sentAt,
      topics: nl.items.filter((t): t is string => t !== null),
    });
  }

  const segments: EvalSegment[] = [
    { id: 1, name: 'Handverlesen', rule: null, members: r.some(persons, 25).map((p) => p.id) },
    { id: 2, name: 'Jury 2025', rule: null, members: r.some(persons, 8).map((p) => p.id) },
    { id: 3, name: 'Leer', rule: null, members: [] },
    {
      id: 4,
      name: 'Schlüsselkontakte',
      rule: { type: 'and', children: [{ type: 'filter', key: 'key', op: '=', value: 'yes' }, { type: 'filter', key: 'member', op: '=', value: 'yes' }] },
      members: [],
    },
    // A cycle through two segments and one through itself: the reference that closes it stands for no one.
    {
      id: 5,
      name: 'Zirkel A',
      rule: { type: 'or', children: [{ type: 'filter', key: 'segment', op: '=', value: 'zirkel b' }, { type: 'filter', key: 'kind', op: '=', value: 'startup' }] },
      members: [],
    },
    {
      id: 6,
      name: 'Zirkel B',
      rule: { type: 'and', children: [{ type: 'filter', key: 'segment', op: '=', value: 'ZIRKEL A' }, { type: 'filter', key: 'topic', op: '=', value: 'Leichtbau' }] },
      members: [],
    },
    { id: 7, name: 'Selbst', rule: { type: 'not', child: { type: 'filter', key: 'segment', op: '=', value: 'selbst' } }, members: [] },
    {
      id: 8,
      name: 'Alle außer Handverlesen',
      rule: { type: 'not', child: { type: 'filter', key: 'segment', op: '=', value: 'handverlesen' } },
      members: [],
    },
  ];

  const world: EvalWorld = {
    organisations,
    persons,
    projects,
    deliveries,
    segments,
    vocabulary: { topics: TOPICS, tags: TAGS, regions: REGIONS.map(([n]) => n), networks: NETWORKS },
    staleBefore,
    today,
    sizes: r.pick(SIZE_SETTINGS),
  };
  // Random dynamic segments, which may use any segment, themselves and each other included.
  const randomNames = [1, 2, 3, 4].map((i) => `Zufall ${i}`);
  const pools = poolsOf(world);
  pools.segmentNames.push(...randomNames);
  const random = fc.sample(ruleArbitrary(pools, 2), { seed, numRuns: randomNames.length });
  random.forEach((rule, i) => segments.push({ id: 9 + i, name: randomNames[i] ?? '', rule, members: [] }));
  return { world, newsletters, deliveries, settings: { sizeThresholds: world.sizes, staleAfterMonths: 12 } };
}

// --- writing a world into a real database, following the schema ---------------------------------------------

function writeWorld(db: Db, g: Generated): void {
  const { world } = g;
  const ts = '2026-01-01T00:00:00.000Z';
  const ids = (table: string, names: readonly string[]): Map<string, number> => {
    const insert = db.prepare(`INSERT INTO ${table} (id, name) VALUES (?, ?)`);
    const map = new Map<string, number>();
    names.forEach((n, i) => {
      insert.run(i + 1, n);
      map.set(n, i + 1);
    });
    return map;
  };
  const get = (map: Map<string, number>, name: string): number => {
    const id = map.get(name);
    if (id === undefined) throw new Error(`unknown name ${name}`);
    return id;
  };
  db.transaction(() => {
    const upsertSetting = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    upsertSetting.run('sizeThresholds', JSON.stringify(g.settings.sizeThresholds));
    upsertSetting.run('staleAfterMonths', JSON.stringify(g.settings.staleAfterMonths));

    const topics = ids('topics', world.vocabulary.topics);
    const tags = ids('tags', world.vocabulary.tags);
    const networks = ids('networks', world.vocabulary.networks);
    const regionInsert = db.prepare('INSERT INTO partner_regions (id, name, country) VALUES (?, ?, ?)');
    const regions = new Map<string, number>();
    REGIONS.forEach(([name, country], i) => {
      regionInsert.run(i + 1, name, country);
      regions.set(name, i + 1);
    });

    const org = db.prepare(
      `INSERT INTO organisations (id, name, kind, employees, country, city, membership, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const orgNetwork = db.prepare('INSERT INTO organisation_networks (organisation_id, network_id) VALUES (?, ?)');
    const orgTopic = db.prepare('INSERT INTO organisation_topics (organisation_id, topic_id) VALUES (?, ?)');
    for (const o of world.organisations) {
      org.run(o.id, o.name, o.kind, o.employees, o.country, o.city, o.membership, ts, ts);
      for (const n of o.networks) orgNetwork.run(o.id, get(networks, n));
      for (const t of o.topics) orgTopic.run(o.id, get(topics, t));
    }

    const person = db.prepare(
      `INSERT INTO persons (id, salutation, title, first_name, last_name, email, function, key_contact, language, status,
                            last_verified, recontact_on, source, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const link = db.prepare('INSERT INTO person_organisations (person_id, organisation_id, is_primary) VALUES (?, ?, ?)');
    const personTopic = db.prepare('INSERT INTO person_topics (person_id, topic_id) VALUES (?, ?)');
    const personKind = db.prepare('INSERT INTO person_information_kinds (person_id, kind) VALUES (?, ?)');
    const personRegion = db.prepare('INSERT INTO person_regions (person_id, region_id) VALUES (?, ?)');
    const personTag = db.prepare('INSERT INTO person_tags (person_id, tag_id) VALUES (?, ?)');
    const consent = db.prepare('INSERT INTO consents (id, person_id, email, purpose, action, at, source) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const p of world.persons) {
      person.run(p.id, p.salutation, p.title, p.firstName, p.lastName, p.email, p.function, p.keyContact ? 1 : 0, p.language, p.status, p.lastVerified, p.recontactOn, p.source, ts, ts);
      for (const l of p.organisations) link.run(p.id, l.organisationId, l.isPrimary ? 1 : 0);
      for (const t of p.topics) personTopic.run(p.id, get(topics, t));
      for (const k of p.informationKinds) personKind.run(p.id, k);
      for (const n of p.regions) personRegion.run(p.id, get(regions, n));
      for (const t of p.tags) personTag.run(p.id, get(tags, t));
    }
    // Consents in id order (ids were handed out in an order unrelated to time).
    const allConsents = world.persons.flatMap((p) => p.consents.map((c) => ({ ...c, personId: p.id }))).sort((a, b) => a.id - b.id);
    for (const c of allConsents) consent.run(c.id, c.personId, c.email, c.purpose, c.action, c.at, 'Test');

    const project = db.prepare('INSERT INTO projects (id, acronym, title) VALUES (?, ?, ?)');
    const projectOrg = db.prepare('INSERT INTO project_organisations (project_id, organisation_id, funded) VALUES (?, ?, ?)');
    for (const pr of world.projects) {
      project.run(pr.id, pr.acronym, pr.title);
      for (const x of pr.organisations) projectOrg.run(pr.id, x.organisationId, x.funded ? 1 : 0);
    }

    const item = db.prepare("INSERT INTO content_items (topic_id, information_kind, created_at, updated_at) VALUES (?, 'other', ?, ?)");
    const newsletter = db.prepare("INSERT INTO newsletters (id, kind, title, purpose, created_at, updated_at) VALUES (?, 'newsletter', ?, 'newsletter', ?, ?)");
    const newsletterItem = db.prepare('INSERT INTO newsletter_items (newsletter_id, item_id, position) VALUES (?, ?, ?)');
    for (const nl of g.newsletters) {
      newsletter.run(nl.id, `Ausgabe ${nl.id}`, ts, ts);
      nl.items.forEach((topic, pos) => {
        const itemId = item.run(topic === null ? null : get(topics, topic), ts, ts).lastInsertRowid;
        newsletterItem.run(nl.id, itemId, pos);
      });
    }
    const delivery = db.prepare(
      "INSERT INTO deliveries (newsletter_id, person_id, email, language, status, queued_at, sent_at) VALUES (?, ?, ?, 'de', ?, ?, ?)",
    );
    g.deliveries.forEach((d, i) => delivery.run(d.newsletterId, d.personId, `empfaenger${i}@mail.example`, d.status, ts, d.sentAt));

    const segment = db.prepare('INSERT INTO segments (id, name, kind, rule, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)');
    const member = db.prepare('INSERT INTO segment_members (segment_id, person_id) VALUES (?, ?)');
    for (const s of world.segments) {
      segment.run(s.id, s.name, s.rule === null ? 'static' : 'dynamic', s.rule === null ? null : JSON.stringify(s.rule), ts, ts);
      if (s.rule === null) for (const pid of s.members) member.run(s.id, pid);
    }
  })();
}

// --- random rules, with values drawn from the world so that they match someone ------------------------------

interface Pools {
  cities: string[];
  functions: string[];
  emails: string[];
  sources: string[];
  orgNames: string[];
  projectNames: string[];
  segmentNames: string[];
  /** Words of the persons' searchable texts, for free words. */
  tokens: string[];
  dates: string[];
}

function poolsOf(world: EvalWorld): Pools {
  const uniq = (xs: (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => x !== null))];
  const live = world.persons;
  const texts = [...live.flatMap((p) => [p.title, p.firstName, p.lastName, p.email]), ...world.organisations.map((o) => o.name)];
  const tokens = uniq(texts.flatMap((t) => (t === null ? [] : t.split(/[^\p{L}\p{N}]+/u))).filter((t) => t !== ''));
  const dates = uniq([
    ...live.map((p) => (p.lastVerified === null ? null : p.lastVerified.slice(0, 10))),
    ...world.deliveries.map((d) => (d.sentAt === null ? null : d.sentAt.slice(0, 10))),
    world.staleBefore,
    addDays(world.staleBefore, -1),
    addDays(world.staleBefore, 1),
    '2025-01-01',
    '2026-01-01',
  ]);
  return {
    cities: uniq(world.organisations.map((o) => o.city)),
    functions: uniq(live.map((p) => p.function)),
    emails: uniq(live.map((p) => p.email)),
    sources: uniq(live.map((p) => p.source)),
    orgNames: uniq(world.organisations.map((o) => o.name)),
    projectNames: world.projects.flatMap((p) => [p.acronym, p.title]),
    segmentNames: world.segments.map((s) => s.name),
    tokens,
    dates,
  };
}

const swapCase = (s: string, asciiOnlySwap: boolean): string =>
  [...s].map((c) => (asciiOnlySwap && !/[A-Za-z]/.test(c) ? c : c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

/** A name as a user might type it: as stored, lower, upper, ASCII case swapped, or all case swapped. */
function nameVariant(names: readonly string[], unknown: readonly string[]): fc.Arbitrary<string> {
  const variants = fc.tuple(fc.constantFrom(...names), fc.nat(4)).map(([n, k]) => {
    switch (k) {
      case 0:
        return n;
      case 1:
        return n.toLowerCase();
      case 2:
        return n.toUpperCase();
      case 3:
        return swapCase(n, true);
      default:
        return swapCase(n, false);
    }
  });
  return fc.oneof({ arbitrary: variants, weight: 5 }, { arbitrary: fc.constantFrom(...unknown), weight: 1 });
}

/** A value the parser keeps exactly as written (so the round trip can hold): trimmed, no quotes or comparators. */
const keepable = (v: string): boolean => v !== '' && v === v.trim() && !/^[<>=]/.test(v) && !v.includes('"') && !v.startsWith('//');

/** A piece of one of `strings`, in a random case, for the substring filters. */
function pieceOf(strings: readonly string[], fallback: string): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...(strings.length > 0 ? strings : [fallback])), fc.nat(40), fc.nat(40), fc.nat(3)).map(([s, a, b, k]) => {
    const from = a % s.length;
    const piece = s.slice(from, from + 1 + (b % (s.length - from))).trim();
    const cased = k === 1 ? piece.toUpperCase() : k === 2 ? swapCase(piece, false) : piece;
    return keepable(cased) ? cased : s.trim();
  });
}

const GERMAN_FOLD: [RegExp, string][] = [[/ä/g, 'ae'], [/ö/g, 'oe'], [/ü/g, 'ue'], [/ß/g, 'ss'], [/Ä/g, 'Ae'], [/Ö/g, 'Oe'], [/Ü/g, 'Ue']];
const GERMAN_UNFOLD: [RegExp, string][] = [[/ae/g, 'ä'], [/oe/g, 'ö'], [/ue/g, 'ü'], [/ss/g, 'ß'], [/Ae/g, 'Ä'], [/Oe/g, 'Ö'], [/Ue/g, 'Ü']];
const replaceAll = (s: string, table: [RegExp, string][]): string => table.reduce((acc, [re, to]) => acc.replace(re, to), s);

/** A free word: the start of a word some person is found by, spelled in one of the ways users type it. */
function wordArbitrary(pools: Pools): fc.Arbitrary<Rule> {
  const fromWorld = fc.tuple(fc.constantFrom(...pools.tokens), fc.nat(20), fc.nat(6)).map(([token, n, k]) => {
    const prefix = token.slice(0, 1 + (n % token.length));
    switch (k) {
      case 0:
        return prefix;
      case 1:
        return prefix.toUpperCase();
      case 2:
        return replaceAll(prefix, GERMAN_FOLD);
      case 3:
        return replaceAll(prefix, GERMAN_UNFOLD);
      case 4:
        return prefix.normalize('NFD').replace(/\p{M}/gu, '');
      case 5:
        return swapCase(replaceAll(token, GERMAN_FOLD), false);
      default:
        return token;
    }
  });
  const other = fc.constantFrom('zzq', 'xyz', 'ODER', 'NICHT', 'und', 'Or', 'example', 'dr', '12');
  return fc
    .oneof({ arbitrary: fromWorld, weight: 6 }, { arbitrary: other, weight: 1 })
    .map((w): Rule => ({ type: 'word', text: /^[\p{L}\p{N}]+$/u.test(w) ? w : 'x' }));
}

function filterArbitrary(pools: Pools): fc.Arbitrary<Rule> {
  const f =
    (key: FilterKey, op: Comparator = '=') =>
    (value: string): Rule => ({ type: 'filter', key, op, value });
  const yesNo = fc.constantFrom('yes', 'no');
  const date = fc.constantFrom(...pools.dates);
  const comparator = fc.constantFrom(...COMPARATORS);
  const byKey: Record<FilterKey, fc.Arbitrary<Rule>> = {
    kind: fc.constantFrom(...ORGANISATION_KINDS).map(f('kind')),
    size: fc.constantFrom(...SIZE_CLASSES).map(f('size')),
    funded: yesNo.map(f('funded')),
    member: yesNo.map(f('member')),
    membership: fc.constantFrom(...MEMBERSHIPS).map(f('membership')),
    country: fc.constantFrom(...COUNTRIES, 'US').map(f('country')),
    city: nameVariant(pools.cities, ['Nirgendwo']).map(f('city')),
    network: nameVariant(NETWORKS, ['Kein Netz']).map(f('network')),
    employees: fc
      .tuple(comparator, fc.oneof(fc.constantFrom(0, 5, 9, 10, 49, 50, 100, 249, 250, 500, 1000), fc.nat(3000)))
      .map(([op, n]): Rule => ({ type: 'filter', key: 'employees', op, value: String(n) })),
    topic: nameVariant(TOPICS, ['Gibt es nicht']).map(f('topic')),
    interest: fc.constantFrom(...INFORMATION_KINDS).map(f('interest')),
    region: nameVariant(REGIONS.map(([n]) => n), ['Atlantis']).map(f('region')),
    lang: fc.constantFrom('de', 'en', 'fr', 'it').map(f('lang')),
    salutation: fc.constantFrom(...SALUTATIONS).map(f('salutation')),
    function: pieceOf(pools.functions, 'CEO').map(f('function')),
    email: pieceOf(pools.emails, 'example').map(f('email')),
    key: yesNo.map(f('key')),
    consent: fc.constantFrom(...CONSENT_PURPOSES, 'none').map(f('consent')),
    status: fc.constantFrom(...PERSON_STATUSES).map(f('status')),
    stale: yesNo.map(f('stale')),
    verified: fc.oneof(
      { arbitrary: fc.constant(f('verified')('never')), weight: 1 },
      { arbitrary: fc.tuple(comparator, date).map(([op, d]): Rule => ({ type: 'filter', key: 'verified', op, value: d })), weight: 4 },
    ),
    tag: nameVariant(TAGS, ['Kein Schlagwort']).map(f('tag')),
    org: pieceOf(pools.orgNames, 'GmbH').map(f('org')),
    project: fc.oneof(nameVariant(PROJECTS.map(([a]) => a), ['NOPE']), pieceOf(pools.projectNames, 'LIGHT')).map(f('project')),
    source: pieceOf(pools.sources, 'Messe').map(f('source')),
    recontact: fc.constant(f('recontact')('due')),
    received: fc
      .tuple(fc.oneof(fc.constant('*'), nameVariant(TOPICS, ['Gibt es nicht'])), fc.option(date))
      .map(([topic, since]) => f('received')(since === null ? topic : `${topic}>=${since}`)),
    segment: nameVariant(pools.segmentNames, ['Unbekannt']).map(f('segment')),
  };
  return fc.oneof(...Object.values(byKey));
}

function ruleArbitrary(pools: Pools, depth: number): fc.Arbitrary<Rule> {
  const leaf = fc.oneof({ arbitrary: filterArbitrary(pools), weight: 4 }, { arbitrary: wordArbitrary(pools), weight: 1 });
  if (depth === 0) return leaf;
  const sub = ruleArbitrary(pools, depth - 1);
  const children = fc.oneof({ arbitrary: fc.array(sub, { minLength: 1, maxLength: 4 }), weight: 8 }, { arbitrary: fc.constant<Rule[]>([]), weight: 1 });
  return fc.oneof(
    { arbitrary: leaf, weight: 3 },
    { arbitrary: fc.tuple(fc.constantFrom('and' as const, 'or' as const), children).map(([type, c]): Rule => ({ type, children: c })), weight: 3 },
    { arbitrary: sub.map((child): Rule => ({ type: 'not', child })), weight: 1 },
  );
}

/** An empty AND/OR anywhere below the top: formatQuery writes it as "()", which the parser reports and drops. */
function hasNestedEmptyGroup(rule: Rule, top = true): boolean {
  switch (rule.type) {
    case 'word':
    case 'filter':
      return false;
    case 'not':
      return hasNestedEmptyGroup(rule.child, false);
    default:
      return (rule.children.length === 0 && !(top && rule.type === 'and')) || rule.children.some((c) => hasNestedEmptyGroup(c, false));
  }
}

// --- the checks ------------------------------------------------------------------------------------------------

function describeMismatch(seed: number, rule: Rule, world: EvalWorld, onlySql: number[], onlyEval: number[]): string {
  const person = world.persons.find((p) => p.id === (onlySql[0] ?? onlyEval[0]));
  return [
    `world seed ${seed}: compiled SQL and evaluator disagree on`,
    `  ${formatQuery(rule)}`,
    `  rule: ${JSON.stringify(rule)}`,
    `  only the SQL finds: ${onlySql.slice(0, 10).join(', ')}${onlySql.length > 10 ? ' …' : ''}`,
    `  only the evaluator finds: ${onlyEval.slice(0, 10).join(', ')}${onlyEval.length > 10 ? ' …' : ''}`,
    `  first such person: ${JSON.stringify(person)}`,
  ].join('\n');
}

function checkWorld(seed: number): void {
  const db = openDatabase(`${tempDir('spillover-rules-')}/rules.sqlite`);
  try {
    // The context is computed by the code under test from the settings; the world takes its dates from it.
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('staleAfterMonths', '12');
    const probe = compileContext(db, NOW);
    const generated = generateWorld(seed, probe.staleBefore, probe.today);
    writeWorld(db, generated);
    const { world } = generated;
    const ctx = compileContext(db, NOW);
    expect(ctx.sizes).toEqual(world.sizes);
    const known = knownNames(db);
    const live = world.persons.filter((p) => p.status !== 'erased');
    const all = (db.prepare("SELECT count(*) FROM persons p WHERE p.status <> 'erased'").pluck().get() as number);
    expect(all).toBe(live.length);

    const pools = poolsOf(world);
    let matchedSome = 0;
    const setFormsChecked = new Set<string>();
    let roundTrips = 0;
    fc.assert(
      fc.property(ruleArbitrary(pools, 3), (rule) => {
        const compiled = compileRule(rule, ctx);
        const sqlIds = new Set(db.prepare(`SELECT p.id FROM persons p WHERE p.status <> 'erased' AND (${compiled.sql})`).pluck().all(...compiled.params) as number[]);
        const evalIds = new Set(live.filter((p) => evaluateRule(rule, p, world)).map((p) => p.id));
        const onlySql = [...sqlIds].filter((id) => !evalIds.has(id)).sort((a, b) => a - b);
        const onlyEval = [...evalIds].filter((id) => !sqlIds.has(id)).sort((a, b) => a - b);
        if (onlySql.length > 0 || onlyEval.length > 0) throw new Error(describeMismatch(seed, rule, world, onlySql, onlyEval));
        if (sqlIds.size > 0 && sqlIds.size < all) matchedSome += 1;

        const negated = db.prepare(`SELECT count(*) FROM persons p WHERE p.status <> 'erased' AND NOT (${compiled.sql})`).pluck().get(...compiled.params) as number;
        expect(sqlIds.size + negated, `count(Q) + count(NOT Q) for ${formatQuery(rule)} (seed ${seed})`).toBe(all);

        if (!hasNestedEmptyGroup(rule)) {
          roundTrips += 1;
          const text = formatQuery(rule);
          const back = parseQuery(text);
          expect(back.problems, `problems parsing ${text} (seed ${seed})`).toEqual([]);
          expect(back.rule, `round trip of ${text} (seed ${seed})`).toEqual(simplify(rule));
        }

        // The audience engine counts with each filter's set form (the ids it holds for, or does not): the same
        // persons as the evaluator, checked once per distinct filter.
        for (const leaf of filtersOf(rule)) {
          if (leaf.key === 'segment') continue;
          const key = JSON.stringify(leaf);
          if (setFormsChecked.has(key)) continue;
          setFormsChecked.add(key);
          const c = filterSetSql(leaf, ctx);
          const ids = new Set(db.prepare(c.sql).pluck().all(...c.params) as number[]);
          const setIds = live.filter((p) => ids.has(p.id) !== c.negate).map((p) => p.id);
          expect(setIds, `set form of ${formatFilter(leaf)} (seed ${seed})`).toEqual(live.filter((p) => evaluateRule(leaf, p, world)).map((p) => p.id));
        }

        const expectedMissing = new Set(filtersOf(rule).filter((x: Filter) => namesMissing(x, world)).map(formatFilter));
        const reported = new Set(referenceProblems(rule, known).map((p) => p.token));
        expect(reported, `reference problems of ${formatQuery(rule)} (seed ${seed})`).toEqual(expectedMissing);
      }),
      { seed, numRuns: RULES_PER_WORLD },
    );
    // The generator must produce rules that split the persons, or the comparison says little.
    expect(matchedSome).toBeGreaterThan(RULES_PER_WORLD / 4);
    expect(roundTrips).toBeGreaterThan(RULES_PER_WORLD / 2);
  } finally {
    db.close();
  }
}

describe('compiled rules against the in-memory evaluator', () => {
  for (const seed of SEEDS) {
    it(`world seed ${seed}: SQL = evaluator, Q + NOT Q = all, text round trip, reference problems`, () => {
      console.info(`rules property test: world seed ${seed} (rerun one world with SPILLOVER_RULES_SEED=${seed})`);
      checkWorld(seed);
    });
  }
});
