/**
 * Segment figures on 100,000 persons: the count of a 3-condition segment against the hand-written SQL for
 * the same rule (same run, same database), and the whole live count the builder asks for on every edit.
 * The database is written directly (not through the importer) so that it has what segments look at and an
 * import file cannot carry: member and partner organisations, funding, interests, consents, statuses.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseQuery } from '../shared/contacts/query';
import { startBackend } from '../electron/app';
import { matchCount } from '../electron/services/audience';
import { checkRule } from '../electron/services/rules';
import { countAudience } from '../electron/services/segments';

export const PERSONS = 100_000;

/** Park–Miller: the same data on every run. */
function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

const KINDS = ['micro_firm', 'small_firm', 'medium_firm', 'large_firm', 'startup', 'research_institute', 'university', 'association'];
const INTERESTS = ['technological_knowledge', 'foreign_markets', 'foreign_contacts', 'other'];
const LANGS = ['de', 'de', 'de', 'en', 'fr'];

export function seedSegmentsDb(dir: string): string {
  const dataDir = path.join(dir, 'segments');
  const b = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  const rnd = prng(7);
  const ts = '2026-01-01T00:00:00.000Z';
  try {
    const db = b.db;
    db.prepare("INSERT INTO settings (key, value) VALUES ('internal.bulkImport', 'true')").run();
    db.transaction(() => {
      const orgs = PERSONS / 8;
      const org = db.prepare('INSERT INTO organisations (id, name, kind, employees, country, membership, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (let i = 1; i <= orgs; i++) {
        const r = rnd();
        org.run(i, `Firma ${i}`, KINDS[i % KINDS.length], Math.floor(rnd() * 800), r < 0.8 ? 'DE' : 'FR', r < 0.6 ? 'member' : r < 0.8 ? 'partner_abroad' : 'external', ts, ts);
      }
      db.prepare("INSERT INTO projects (id, acronym, title) VALUES (1, 'BENCH', 'Bench project')").run();
      const part = db.prepare('INSERT INTO project_organisations (project_id, organisation_id, funded) VALUES (1, ?, 1)');
      for (let i = 1; i <= orgs; i += 9) part.run(i);
      const person = db.prepare(
        'INSERT INTO persons (id, first_name, last_name, email, key_contact, language, status, last_verified, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const link = db.prepare('INSERT INTO person_organisations (person_id, organisation_id, is_primary) VALUES (?, ?, 1)');
      const interest = db.prepare('INSERT INTO person_information_kinds (person_id, kind) VALUES (?, ?)');
      const consent = db.prepare("INSERT INTO consents (person_id, email, purpose, action, at, source) VALUES (?, ?, 'newsletter', ?, ?, 'Bench')");
      for (let id = 1; id <= PERSONS; id++) {
        const orgId = 1 + Math.floor(rnd() * orgs);
        const email = `p${id}@firma${orgId}.example`;
        const r = rnd();
        person.run(id, `Vorname${id % 97}`, `Nachname${id % 1013}`, email, id % 8 === 0 ? 1 : 0, LANGS[id % LANGS.length], r < 0.03 ? 'unsubscribed' : r < 0.05 ? 'bounced' : 'active', r < 0.5 ? '2025-06-01' : null, ts, ts);
        link.run(id, orgId);
        interest.run(id, INTERESTS[id % INTERESTS.length]);
        if (rnd() < 0.4) interest.run(id, INTERESTS[(id + 1) % INTERESTS.length]);
        const c = rnd();
        if (c < 0.7) consent.run(id, email, 'given', ts);
        if (c < 0.05) consent.run(id, email, 'withdrawn', '2026-02-01T00:00:00.000Z');
      }
      db.prepare("DELETE FROM settings WHERE key = 'internal.bulkImport'").run();
      db.prepare('INSERT INTO person_search (rowid, text) SELECT id, text FROM person_search_source').run();
    })();
    db.prepare('ANALYZE').run();
  } finally {
    b.close();
  }
  return dataDir;
}

/** The rule the figures use: the papers' favourite circle, not-funded members interested in foreign markets. */
export const RULE_TEXT = 'member:yes funded:no interest:foreign_markets';

/** What someone fluent in SQL would write for RULE_TEXT on this data (one organisation per person). */
const HAND_SQL = `
  SELECT count(DISTINCT p.id) AS n FROM persons p
  JOIN person_organisations po ON po.person_id = p.id
  JOIN organisations o ON o.id = po.organisation_id
  JOIN person_information_kinds k ON k.person_id = p.id AND k.kind = 'foreign_markets'
  WHERE p.status <> 'erased' AND o.membership = 'member'
    AND o.id NOT IN (SELECT organisation_id FROM project_organisations WHERE funded = 1)`;

function medianOf(times: number[]): number {
  const s = [...times].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export interface SegmentFigures {
  /** Median count by the audience engine while the data stays unchanged (the builder's and sender's case). */
  countMs: number;
  /** The first count after a data change: every condition runs as SQL, the person snapshot is read. */
  coldMs: number;
  /** The whole compiled rule as one SQL count. */
  sqlMs: number;
  handMs: number;
  liveMs: number;
  detail: string;
}

export function segmentFigures(dataDir: string): SegmentFigures {
  const b = startBackend({ dataDir, shell: 'cli', seedDemo: false });
  try {
    const db = b.db;
    const { rule } = parseQuery(RULE_TEXT);
    const compiled = checkRule(db, rule);
    const ruleCount = db.prepare(`SELECT count(*) AS n FROM persons p WHERE p.status <> 'erased' AND (${compiled.sql})`);
    const hand = db.prepare(HAND_SQL);
    const ours = (ruleCount.get(...compiled.params) as { n: number }).n;
    const theirs = (hand.get() as { n: number }).n;
    // The comparison is only fair when both answer the same question.
    if (ours !== theirs) throw new Error(`segment-count: the compiled rule counts ${ours}, the hand-written SQL ${theirs}.`);
    const sqlTimes: number[] = [];
    const handTimes: number[] = [];
    for (let i = 0; i < 21; i++) {
      // Alternate, so neither side profits from a warmer cache.
      let t = performance.now();
      ruleCount.get(...compiled.params);
      sqlTimes.push(performance.now() - t);
      t = performance.now();
      hand.get();
      handTimes.push(performance.now() - t);
    }
    // The engine: cold once (a write makes the next count start from scratch), then as the builder sees it.
    db.prepare("UPDATE settings SET value = value WHERE key = 'language'").run();
    let t = performance.now();
    const engine = matchCount(db, rule, compiled.ctx);
    const coldMs = performance.now() - t;
    if (engine !== ours) throw new Error(`segment-count: the audience engine counts ${engine}, the compiled SQL ${ours}.`);
    const countTimes: number[] = [];
    for (let i = 0; i < 21; i++) {
      t = performance.now();
      matchCount(db, rule, compiled.ctx);
      countTimes.push(performance.now() - t);
    }
    const liveTimes: number[] = [];
    let last = 0;
    const edits = ['member:yes', 'member:yes funded:no', RULE_TEXT, `${RULE_TEXT} lang:en`, `${RULE_TEXT} (lang:en OR lang:fr)`, 'key:yes member:yes'];
    for (let round = 0; round < 3; round++) {
      for (const q of edits) {
        const t = performance.now();
        last = countAudience(db, { query: q }, { purpose: 'newsletter', onePerOrg: round === 2 }, 25).audience;
        liveTimes.push(performance.now() - t);
      }
    }
    return {
      countMs: medianOf(countTimes),
      coldMs,
      sqlMs: medianOf(sqlTimes),
      handMs: medianOf(handTimes),
      liveMs: medianOf(liveTimes),
      detail: `rule "${RULE_TEXT}" matches ${ours}; last live count audience ${last}; live counts ${liveTimes.map((x) => x.toFixed(0)).join(', ')} ms`,
    };
  } finally {
    b.close();
  }
}
