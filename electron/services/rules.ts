/**
 * Search text and segment rules against this database: the compile context (settings, today, saved
 * segments) and every problem a user must see — parse problems with their position, references to topics,
 * tags, projects or segments that do not exist, and cycles between segments.
 */
import { parseQuery, referenceProblems, Rule, type KnownNames } from '../../shared/contacts/query';
import type { QueryProblemShape } from '../../shared/contacts/schemas';
import { compileRule, type CompileContext, type CompiledRule, type SegmentRef } from '../../shared/contacts/sql';
import type { Db } from '../db/database';
import { readSettings } from './settings';

export function compileContext(db: Db, now = new Date()): CompileContext {
  const s = readSettings(db);
  const stale = new Date(now);
  stale.setMonth(stale.getMonth() - s.staleAfterMonths);
  const bySegmentName = db.prepare('SELECT id, name, kind, rule FROM segments WHERE name = ? COLLATE NOCASE');
  return {
    staleBefore: stale.toISOString().slice(0, 10),
    today: now.toISOString().slice(0, 10),
    sizes: s.sizeThresholds,
    segment: (name: string): SegmentRef | undefined => {
      const row = bySegmentName.get(name) as { id: number; name: string; kind: string; rule: string | null } | undefined;
      if (!row) return undefined;
      return { id: row.id, name: row.name, rule: row.kind === 'static' || row.rule === null ? null : Rule.parse(JSON.parse(row.rule)) };
    },
  };
}

export function knownNames(db: Db): KnownNames {
  const names = (sql: string): string[] => (db.prepare(sql).all() as { name: string }[]).map((r) => r.name);
  return {
    topic: names('SELECT name FROM topics'),
    tag: names('SELECT name FROM tags'),
    region: names('SELECT name FROM partner_regions'),
    network: names('SELECT name FROM networks'),
    project: db.prepare('SELECT acronym, title FROM projects').all() as { acronym: string; title: string }[],
  };
}

export interface CheckedRule extends CompiledRule {
  rule: Rule;
  ctx: CompileContext;
  /** Parse, reference and segment problems together, in the shape the API carries. */
  allProblems: QueryProblemShape[];
}

/** Compiles a rule and collects every problem with it. */
export function checkRule(db: Db, rule: Rule, parseProblems: QueryProblemShape[] = [], ctx = compileContext(db)): CheckedRule {
  const compiled = compileRule(rule, ctx);
  const refs = referenceProblems(rule, knownNames(db)).map((p) => ({ token: p.token, code: p.code, key: p.key, message: p.message }));
  const segs = compiled.problems.map((p) => ({ token: `segment:${p.name}`, code: p.code, key: 'segment', message: p.message }));
  return { ...compiled, rule, ctx, allProblems: [...parseProblems, ...refs, ...segs] };
}

/** The search box and `--query`: parse leniently, then check. */
export function checkQueryText(db: Db, text: string, ctx = compileContext(db)): CheckedRule {
  const { rule, problems } = parseQuery(text);
  return checkRule(db, rule, problems, ctx);
}
