/**
 * The audience engine composes each condition's SQL result with bit operations; here it must agree with
 * the compiler's single SQL statement on the demo cluster, for every filter key alone, negated, and in
 * random AND/OR/NOT combinations — and notice changes to the data.
 */
import { describe, expect, it } from 'vitest';
import { FILTER_KEYS, parseQuery, type Filter, type FilterKey, type Rule } from '../../shared/contacts/query';
import { compileRule } from '../../shared/contacts/sql';
import { startBackend } from '../app';
import { tempDir } from '../test/tmp';
import { matchCount, matchIds } from './audience';
import { compileContext } from './rules';

/** Values worth trying per key on the demo data (names from the demo cluster, enums from the syntax). */
function valuesFor(key: FilterKey, db: ReturnType<typeof startBackend>['db']): string[] {
  const names = (sql: string) => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
  switch (key) {
    case 'country':
      return ['DE', 'FR', 'SG'];
    case 'city':
      return names('SELECT DISTINCT city AS v FROM organisations WHERE city IS NOT NULL LIMIT 3');
    case 'network':
      return names('SELECT name AS v FROM networks LIMIT 2');
    case 'employees':
      return ['50', '250'];
    case 'topic':
      return names('SELECT name AS v FROM topics LIMIT 3');
    case 'region':
      return names('SELECT name AS v FROM partner_regions');
    case 'tag':
      return names('SELECT name AS v FROM tags LIMIT 3');
    case 'org':
      return ['Institut', 'GmbH'];
    case 'project':
      return names('SELECT acronym AS v FROM projects');
    case 'source':
      return ['Messe', 'Mitgliedsantrag'];
    case 'function':
      return ['Leiter', 'Geschäft'];
    case 'email':
      return ['.example', 'fh'];
    case 'lang':
      return ['de', 'en', 'fr'];
    case 'verified':
      return ['2025-06-01', 'never'];
    case 'received':
      return ['*', '*>=2026-01-01'];
    case 'segment':
      return names('SELECT name AS v FROM segments LIMIT 3');
    default: {
      // Enums: every value they accept.
      const def = FILTER_KEYS[key];
      const options: readonly unknown[] = 'options' in def && Array.isArray(def.options) ? def.options : [];
      return options.filter((o): o is string => typeof o === 'string');
    }
  }
}

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  };
}

describe('audience engine', () => {
  it('agrees with the compiled SQL for every filter, negated or not, and for random combinations', () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const ctx = compileContext(b.db);
    const sqlIds = (rule: Rule) => {
      const c = compileRule(rule, ctx);
      return (b.db.prepare(`SELECT p.id FROM persons p WHERE p.status <> 'erased' AND (${c.sql}) ORDER BY p.id`).all(...c.params) as { id: number }[]).map((r) => r.id);
    };
    const leaves: Rule[] = [];
    for (const key of Object.keys(FILTER_KEYS) as FilterKey[]) {
      for (const value of valuesFor(key, b.db)) {
        const ops: Filter['op'][] = key === 'employees' || (key === 'verified' && value !== 'never') ? ['=', '<', '>='] : ['='];
        for (const op of ops) leaves.push({ type: 'filter', key, op, value });
      }
    }
    leaves.push({ type: 'word', text: 'mül' }, { type: 'word', text: 'dresden' });
    expect(leaves.length).toBeGreaterThan(60);
    for (const leaf of leaves) {
      expect(matchIds(b.db, leaf, ctx), JSON.stringify(leaf)).toEqual(sqlIds(leaf));
      const not: Rule = { type: 'not', child: leaf };
      expect(matchIds(b.db, not, ctx), JSON.stringify(not)).toEqual(sqlIds(not));
    }
    const rnd = prng(20261121);
    const pick = () => leaves[Math.floor(rnd() * leaves.length)] as Rule;
    const random = (depth: number): Rule => {
      const r = rnd();
      if (depth === 0 || r < 0.3) return pick();
      if (r < 0.45) return { type: 'not', child: random(depth - 1) };
      const children = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => random(depth - 1));
      return { type: r < 0.75 ? 'and' : 'or', children };
    };
    for (let i = 0; i < 300; i++) {
      const rule = random(3);
      expect(matchIds(b.db, rule, ctx), JSON.stringify(rule)).toEqual(sqlIds(rule));
    }
    b.close();
  });

  it('agrees with SQL when persons were deleted (ids with gaps) or erased, and counts nobody twice', () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const ctx = compileContext(b.db);
    const sqlIds = (rule: Rule): number[] => {
      const c = compileRule(rule, ctx);
      return (b.db.prepare(`SELECT p.id FROM persons p WHERE p.status <> 'erased' AND (${c.sql}) ORDER BY p.id`).all(...c.params) as { id: number }[]).map((r) => r.id);
    };
    const rules = ['lang:de', '-lang:de', 'key:yes OR status:bounced', '-kind:startup'].map((q) => parseQuery(q).rule);
    // Dense ids first (1..max, the fast path), then the first and a middle person deleted, then one erased.
    for (const step of ['dense', 'gaps', 'erased'] as const) {
      if (step === 'gaps') b.db.prepare('DELETE FROM persons WHERE id IN ((SELECT min(id) FROM persons), (SELECT min(id) + 40 FROM persons))').run();
      if (step === 'erased') b.db.prepare("UPDATE persons SET status = 'erased', email = NULL WHERE id = (SELECT max(id) FROM persons)").run();
      for (const rule of rules) expect(matchIds(b.db, rule, ctx), `${step}: ${JSON.stringify(rule)}`).toEqual(sqlIds(rule));
      const everyone = (b.db.prepare("SELECT count(*) AS n FROM persons WHERE status <> 'erased'").get() as { n: number }).n;
      expect(matchCount(b.db, parseQuery('lang:de OR -lang:de').rule, ctx), step).toBe(everyone);
    }
    b.close();
  });

  it('notices every change to the data', () => {
    const b = startBackend({ dataDir: tempDir(), shell: 'cli' });
    const ctx = compileContext(b.db);
    const { rule } = parseQuery('lang:en');
    const before = matchCount(b.db, rule, ctx);
    b.db.prepare("UPDATE persons SET language = 'en' WHERE id = (SELECT min(id) FROM persons WHERE language = 'de')").run();
    expect(matchCount(b.db, rule, ctx)).toBe(before + 1);
    b.close();
  });
});
