/**
 * An in-memory evaluator for rules (./query.ts), written from what a rule is documented to mean — not by
 * translating the SQL in ./sql.ts. The property tests (electron/services/rules.property.test.ts) write random
 * worlds into a real database and check that the compiled SQL and this evaluator pick the same persons for
 * thousands of random rules, so any disagreement is a bug on one side or an undocumented meaning.
 *
 * Where the comments in query.ts / sql.ts leave a question open, the intended meaning was read from the SQL
 * and is stated at the place it matters, so that a reader can argue with it.
 *
 * Names (topics, tags, partner regions, networks, cities, segments, project acronyms) are compared the way
 * the schema defines a name's identity: `COLLATE NOCASE`, which folds the ASCII letters A–Z only. The schema's
 * UNIQUE constraints use the same collation, so "Ätzen" and "ätzen" may be two different topics and a rule
 * naming one does not find the other. Substring filters (org, function, email, source, project title) compare
 * the same way (SQLite's LIKE, too, ignores the case of ASCII letters only).
 */
import type { ConsentPurpose, InformationKind, Membership, OrganisationKind, PersonStatus, Salutation, SizeThresholds } from '../domain';
import type { Filter, Rule } from './query';

export interface EvalOrganisation {
  id: number;
  name: string;
  kind: OrganisationKind;
  employees: number | null;
  country: string | null;
  city: string | null;
  membership: Membership;
  networks: string[];
  topics: string[];
}

export interface EvalOrganisationLink {
  organisationId: number;
  isPrimary: boolean;
}

export interface EvalConsent {
  id: number;
  purpose: ConsentPurpose;
  action: 'given' | 'withdrawn';
  /** ISO timestamp; records compare by it, ties by id (the later record). */
  at: string;
  /** The address the record was given or withdrawn for. */
  email: string;
}

export interface EvalPerson {
  id: number;
  salutation: Salutation;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  function: string | null;
  keyContact: boolean;
  language: string;
  status: PersonStatus;
  /** ISO date or timestamp. */
  lastVerified: string | null;
  /** ISO date. */
  recontactOn: string | null;
  source: string | null;
  organisations: EvalOrganisationLink[];
  topics: string[];
  informationKinds: InformationKind[];
  regions: string[];
  tags: string[];
  consents: EvalConsent[];
}

export interface EvalProject {
  id: number;
  acronym: string;
  title: string;
  organisations: { organisationId: number; funded: boolean }[];
}

export interface EvalDelivery {
  personId: number | null;
  status: 'queued' | 'sending' | 'sent' | 'failed' | 'bounced' | 'skipped';
  /** ISO timestamp, null until sent. */
  sentAt: string | null;
  /** Topic names of the items in the message the delivery carried (items without a topic add none). */
  topics: string[];
}

export interface EvalSegment {
  id: number;
  name: string;
  /** A dynamic segment's rule; null for a static (hand-picked) one. */
  rule: Rule | null;
  /** A static segment's members (person ids); ignored for dynamic segments. */
  members: number[];
}

export interface EvalWorld {
  organisations: EvalOrganisation[];
  persons: EvalPerson[];
  projects: EvalProject[];
  deliveries: EvalDelivery[];
  segments: EvalSegment[];
  /** Every name the managed vocabularies hold, used or not (for reference checks). */
  vocabulary: { topics: string[]; tags: string[]; regions: string[]; networks: string[] };
  /** The compile context: verifications before this ISO date are stale. */
  staleBefore: string;
  /** The compile context: today, as an ISO date. */
  today: string;
  sizes: SizeThresholds;
}

/** Case folding of SQLite's NOCASE collation and LIKE operator: ASCII letters only. */
export function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** Two names are one name (`COLLATE NOCASE`). */
export function sameName(a: string, b: string): boolean {
  return asciiLower(a) === asciiLower(b);
}

/** `haystack` contains `needle`, ASCII case ignored (`LIKE '%needle%'` with the needle escaped). */
export function containsText(haystack: string | null, needle: string): boolean {
  return haystack !== null && asciiLower(haystack).includes(asciiLower(needle));
}

// --- free words ------------------------------------------------------------------------------------------

const GERMAN: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** German spelling without umlauts, on lower-cased text: "müller" → "mueller", "straße" → "strasse". */
function germanFold(lower: string): string {
  return lower.replace(/[äöüß]/g, (c) => GERMAN[c] ?? c);
}

/** Lower case without diacritics ("Müller" → "muller", "Skåne" → "skane"); ß, ø, ł have none and stay. */
function plain(s: string): string {
  return s.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** Words are runs of letters and digits; everything else separates them (FTS5 unicode61). */
function splitTokens(s: string): string[] {
  return s.split(/[^\p{L}\p{N}]+/u).filter((t) => t !== '');
}

/**
 * The spellings of one text a word may match: as written and with German folding, both lower-cased and
 * without diacritics. "Müller" is found by "müll", "mull" and "muell".
 */
function spellings(text: string): string[][] {
  const lower = text.toLowerCase();
  const variants = [plain(lower), plain(germanFold(lower))];
  return [...new Set(variants)].map(splitTokens);
}

/** The texts a free word searches: title, first and last name, (primary) e-mail, every organisation's name. */
function searchableTexts(person: EvalPerson, index: WorldIndex): string[] {
  const texts = [person.title, person.firstName, person.lastName, person.email];
  for (const link of person.organisations) texts.push(index.organisations.get(link.organisationId)?.name ?? null);
  return texts.filter((t): t is string => t !== null && t !== '');
}

/** `tokens` contain `phrase` as consecutive words, the last one only as a prefix. */
function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  const last = phrase.length - 1;
  for (let i = 0; i + last < tokens.length; i++) {
    let ok = true;
    for (let j = 0; j <= last && ok; j++) {
      const t = tokens[i + j] ?? '';
      const q = phrase[j] ?? '';
      ok = j === last ? t.startsWith(q) : t === q;
    }
    if (ok) return true;
  }
  return false;
}

/**
 * A free word matches when one word of the person's name, title, e-mail or organisation names starts with it,
 * case and diacritics ignored and "ä = ae" both ways: the word is tried as typed and German-folded, against
 * the person's words as written and German-folded ("müller" finds Mueller, "mueller" finds Müller — as the
 * duplicate check in ./cleaning.ts treats the two spellings as one name).
 *
 * Limit: a word that splits into several words ("jana@carb") must match them in a row within one field here.
 * The SQL searches one line made of all fields (with organisation names in no fixed order), so a phrase that
 * spans two fields can match there and not here; the property tests generate single-word words only.
 */
function matchesWord(text: string, person: EvalPerson, index: WorldIndex): boolean {
  const phrases = index.wordSpellings(text);
  if (phrases.length === 0) return false;
  const fields = index.personTokens(person);
  return fields.some((tokens) => phrases.some((phrase) => containsPhrase(tokens, phrase)));
}

// --- the world, indexed ------------------------------------------------------------------------------------

interface WorldIndex {
  organisations: Map<number, EvalOrganisation>;
  deliveries: Map<number, EvalDelivery[]>;
  /** Organisations taking part in some project with funding. */
  funded: Set<number>;
  segments: Map<string, EvalSegment>;
  personTokens: (p: EvalPerson) => string[][];
  personOrganisations: (p: EvalPerson) => EvalOrganisation[];
  wordSpellings: (word: string) => string[][];
}

const indexes = new WeakMap<EvalWorld, WorldIndex>();

function indexOf(world: EvalWorld): WorldIndex {
  let index = indexes.get(world);
  if (index) return index;
  // Caches for speed (the tests evaluate ~a million rule/person pairs); they assume, as evaluateRule says,
  // that a world is not changed once evaluated against.
  const tokenCache = new WeakMap<EvalPerson, string[][]>();
  const orgCache = new WeakMap<EvalPerson, EvalOrganisation[]>();
  const wordCache = new Map<string, string[][]>();
  const built: WorldIndex = {
    organisations: new Map(world.organisations.map((o) => [o.id, o])),
    deliveries: new Map(),
    funded: new Set(world.projects.flatMap((p) => p.organisations.filter((x) => x.funded).map((x) => x.organisationId))),
    // Names are unique under NOCASE (the schema's UNIQUE constraint), so the map loses nothing.
    segments: new Map(world.segments.map((s) => [asciiLower(s.name), s])),
    personTokens: (p) => {
      let tokens = tokenCache.get(p);
      if (!tokens) {
        tokens = searchableTexts(p, built).flatMap(spellings);
        tokenCache.set(p, tokens);
      }
      return tokens;
    },
    wordSpellings: (word) => {
      let phrases = wordCache.get(word);
      if (!phrases) {
        phrases = spellings(word).filter((p) => p.length > 0);
        wordCache.set(word, phrases);
      }
      return phrases;
    },
    personOrganisations: (p) => {
      let orgs = orgCache.get(p);
      if (!orgs) {
        orgs = p.organisations.map((l) => built.organisations.get(l.organisationId)).filter((o): o is EvalOrganisation => o !== undefined);
        orgCache.set(p, orgs);
      }
      return orgs;
    },
  };
  for (const d of world.deliveries) {
    if (d.personId === null) continue;
    const list = built.deliveries.get(d.personId) ?? [];
    list.push(d);
    built.deliveries.set(d.personId, list);
  }
  index = built;
  indexes.set(world, index);
  return index;
}

// --- filters -------------------------------------------------------------------------------------------------

function compare(a: number | string, op: Filter['op'], b: number | string): boolean {
  switch (op) {
    case '=':
      return a === b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

/** The date part of an ISO date or timestamp. */
const day = (iso: string): string => iso.slice(0, 10);

/**
 * The latest record for `purpose` decides — latest by time, the later record on a tie — and only records for
 * the person's current primary address count: consent belongs to an address, so a consent given for an old
 * address does not carry over. A person without an address has no consent. Addresses are compared exactly as
 * stored (the app stores both in the same normalised form).
 */
function hasConsent(person: EvalPerson, purpose: ConsentPurpose): boolean {
  let latest: EvalConsent | undefined;
  for (const c of person.consents) {
    if (c.purpose !== purpose || person.email === null || c.email !== person.email) continue;
    if (!latest || c.at > latest.at || (c.at === latest.at && c.id > latest.id)) latest = c;
  }
  return latest?.action === 'given';
}

/** `received:` values: a topic name or `*`, optionally `>=YYYY-MM-DD`. */
function parseReceived(value: string): { topic: string | null; since: string | null } {
  const m = /^(.*?)(?:>=(\d{4}-\d{2}-\d{2}))?$/s.exec(value);
  const topic = (m?.[1] ?? value).trim();
  return { topic: topic === '*' ? null : topic, since: m?.[2] ?? null };
}

function matchesFilter(f: Filter, person: EvalPerson, world: EvalWorld, index: WorldIndex, visiting: readonly number[]): boolean {
  const yes = f.value === 'yes';
  // Organisation filters ask about any of the person's organisations, primary or not (the SQL joins all
  // links; `is_primary` only orders lists).
  const orgs = (): EvalOrganisation[] => index.personOrganisations(person);
  switch (f.key) {
    case 'kind':
      return orgs().some((o) => o.kind === f.value);
    case 'size': {
      // The employee count decides; where it is unknown, the recorded firm kind ("small_firm") does.
      const { microBelow, smallBelow, mediumBelow } = world.sizes;
      const bounds: Record<string, [number, number]> = {
        micro: [0, microBelow],
        small: [microBelow, smallBelow],
        medium: [smallBelow, mediumBelow],
        large: [mediumBelow, Infinity],
      };
      const [lo, hi] = bounds[f.value] ?? [0, 0];
      return orgs().some((o) => (o.employees === null ? o.kind === `${f.value}_firm` : o.employees >= lo && o.employees < hi));
    }
    case 'funded': {
      // Funded: one of the person's organisations takes part in some project with funding.
      const funded = person.organisations.some((l) => index.funded.has(l.organisationId));
      return funded === yes;
    }
    case 'member': {
      // member:no is "no organisation of the person is a member", the exact negation of member:yes.
      const member = orgs().some((o) => o.membership === 'member');
      return member === yes;
    }
    case 'membership':
      return orgs().some((o) => o.membership === f.value);
    case 'country':
      return orgs().some((o) => o.country === f.value);
    case 'city':
      return orgs().some((o) => o.city !== null && sameName(o.city, f.value));
    case 'network':
      return orgs().some((o) => o.networks.some((n) => sameName(n, f.value)));
    case 'employees': {
      // Some organisation with a known count compares true; an unknown count compares false either way.
      const n = Number(f.value);
      return orgs().some((o) => o.employees !== null && compare(o.employees, f.op, n));
    }
    case 'topic':
      // The person's own topics or those of one of their organisations.
      return person.topics.some((t) => sameName(t, f.value)) || orgs().some((o) => o.topics.some((t) => sameName(t, f.value)));
    case 'interest':
      return person.informationKinds.some((k) => k === f.value);
    case 'region':
      return person.regions.some((r) => sameName(r, f.value));
    case 'lang':
      // Language codes are stored in lower case, as the parser writes the value.
      return person.language === f.value;
    case 'salutation':
      return person.salutation === f.value;
    case 'function':
      return containsText(person.function, f.value);
    case 'email':
      // The primary address only.
      return containsText(person.email, f.value);
    case 'key':
      return person.keyContact === yes;
    case 'consent':
      if (f.value === 'none') return !hasConsent(person, 'newsletter') && !hasConsent(person, 'mailing');
      return (f.value === 'newsletter' || f.value === 'mailing') && hasConsent(person, f.value);
    case 'status':
      return person.status === f.value;
    case 'stale': {
      // Never verified is stale; otherwise stale when verified on a day before staleBefore.
      const stale = person.lastVerified === null || day(person.lastVerified) < world.staleBefore;
      return stale === yes;
    }
    case 'verified':
      if (f.value === 'never') return person.lastVerified === null;
      // Never verified counts as verified before any date: true for < and <=, false for =, > and >=.
      if (person.lastVerified === null) return f.op === '<' || f.op === '<=';
      return compare(day(person.lastVerified), f.op, f.value);
    case 'tag':
      return person.tags.some((t) => sameName(t, f.value));
    case 'org':
      return orgs().some((o) => containsText(o.name, f.value));
    case 'project': {
      // Taking part through one of the person's organisations, funded or not, in a project whose acronym is
      // the value or whose title contains it.
      return world.projects.some(
        (p) =>
          (sameName(p.acronym, f.value) || containsText(p.title, f.value)) &&
          p.organisations.some((x) => person.organisations.some((l) => l.organisationId === x.organisationId)),
      );
    }
    case 'source':
      return containsText(person.source, f.value);
    case 'recontact':
      // Due: a re-contact date today or earlier.
      return person.recontactOn !== null && day(person.recontactOn) <= world.today;
    case 'received': {
      // A message actually sent to the person (status sent), carrying an item on the topic, sent on or after
      // `since`. A delivery without a send time cannot satisfy `since`.
      const { topic, since } = parseReceived(f.value);
      return (index.deliveries.get(person.id) ?? []).some(
        (d) =>
          d.status === 'sent' &&
          (since === null || (d.sentAt !== null && day(d.sentAt) >= since)) &&
          (topic === null || d.topics.some((t) => sameName(t, topic))),
      );
    }
    case 'segment': {
      // A missing segment, and a reference back to a segment that is being expanded (a cycle), stand for
      // "no one" — each reference on its own, so `-segment:missing` is everyone. The problem is reported.
      const seg = index.segments.get(asciiLower(f.value));
      if (!seg || visiting.includes(seg.id)) return false;
      if (seg.rule === null) return seg.members.includes(person.id);
      return evaluate(seg.rule, person, world, index, [...visiting, seg.id]);
    }
  }
}

function evaluate(rule: Rule, person: EvalPerson, world: EvalWorld, index: WorldIndex, visiting: readonly number[]): boolean {
  switch (rule.type) {
    case 'word':
      return matchesWord(rule.text, person, index);
    case 'filter':
      return matchesFilter(rule, person, world, index, visiting);
    case 'not':
      return !evaluate(rule.child, person, world, index, visiting);
    case 'and':
      // An empty AND is everyone, an empty OR no one.
      return rule.children.every((c) => evaluate(c, person, world, index, visiting));
    case 'or':
      return rule.children.some((c) => evaluate(c, person, world, index, visiting));
  }
}

/**
 * Whether `person` matches `rule` in `world`. Erased persons are the caller's business (lists leave them out).
 * The world is indexed on first use and must not be changed afterwards.
 */
export function evaluateRule(rule: Rule, person: EvalPerson, world: EvalWorld): boolean {
  return evaluate(rule, person, world, indexOf(world), []);
}

/**
 * Whether a filter names a topic, tag, partner region, network or project that the world does not know
 * (what `referenceProblems` must report): names compared as the database compares them.
 */
export function namesMissing(f: Filter, world: EvalWorld): boolean {
  const known = (list: readonly string[], v: string): boolean => list.some((x) => sameName(x, v));
  switch (f.key) {
    case 'topic':
      return !known(world.vocabulary.topics, f.value);
    case 'tag':
      return !known(world.vocabulary.tags, f.value);
    case 'region':
      return !known(world.vocabulary.regions, f.value);
    case 'network':
      return !known(world.vocabulary.networks, f.value);
    case 'project':
      return !world.projects.some((p) => sameName(p.acronym, f.value) || containsText(p.title, f.value));
    case 'received': {
      const { topic } = parseReceived(f.value);
      return topic !== null && !known(world.vocabulary.topics, topic);
    }
    default:
      return false;
  }
}
