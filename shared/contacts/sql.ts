/**
 * Compiles a rule (shared/contacts/query.ts) into a parameterised SQL condition over `persons p`.
 * Values always travel as bound parameters, never inside the SQL text. Pure, so it can be tested without a
 * database; the contact list, the CLI and segments all use it.
 *
 * Every condition is written to be true or false, never NULL, for every person: SQL's NULL would make a
 * person drop out of both `Q` and `NOT Q`, and `count(Q) + count(-Q) = count(all)` must hold.
 */
import type { SizeThresholds } from '../domain';
import { receivedParts, type Filter, type Rule } from './query';

export type SqlValue = string | number;

export interface CompiledCondition {
  sql: string;
  params: SqlValue[];
}

/** A saved segment as the compiler needs it: a dynamic one brings its rule, a static one (rule null) its id. */
export interface SegmentRef {
  id: number;
  name: string;
  rule: Rule | null;
}

export interface CompileContext {
  /** ISO date (YYYY-MM-DD) before which a verification counts as stale. */
  staleBefore: string;
  /** ISO date of today, for due re-contact dates. */
  today: string;
  sizes: SizeThresholds;
  /** Looks up `segment:` references by name (case-insensitively); absent in contexts without segments. */
  segment?: (name: string) => SegmentRef | undefined;
}

export type CompileProblemCode = 'unknown_segment' | 'segment_cycle';

export interface CompileProblem {
  code: CompileProblemCode;
  /** The segment named in the rule. */
  name: string;
  message: string;
}

export interface CompiledRule extends CompiledCondition {
  problems: CompileProblem[];
  /** Ids of the saved segments the rule uses, directly or through other segments. */
  segmentIds: number[];
}
/**
 * "One of the person's organisations satisfies `cond`" (with `o` the organisation), as a join from the
 * person's links, which the primary key serves. (`o.id IN (correlated subquery)` scanned every organisation
 * for every person; a non-correlated person set measured slower here, because such filters usually match
 * most persons. Funding, topics and projects match few and use sets below.)
 */
const orgWhere = (cond: string): string =>
  `EXISTS (SELECT 1 FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id WHERE po.person_id = p.id AND ${cond})`;

/** The latest consent record per purpose decides, and only for the address it was given for. */
const latestConsent = (purposeParam: string): string =>
  `(SELECT c.action FROM consents c WHERE c.person_id = p.id AND c.purpose = ${purposeParam} AND c.email = p.email ORDER BY c.at DESC, c.id DESC LIMIT 1)`;

/**
 * One filter in two equivalent forms: `row`, a condition on one person `p` (what a list query with paging
 * and sorting wants), and where cheaper, `set`, a query yielding the ids of the persons it holds for (what
 * counting a whole audience wants: one pass instead of one look-up per person). `negate` applies to both.
 */
interface Leaf {
  row: string;
  set?: string;
  params: SqlValue[];
  negate?: boolean;
}

/** "One of the person's organisations satisfies `cond`", both ways. */
const orgLeaf = (cond: string, params: SqlValue[], negate = false): Leaf => ({
  row: orgWhere(cond),
  set: `SELECT po.person_id FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id WHERE ${cond}`,
  params,
  negate,
});

/** "The person's id is in `set`", both ways. */
const setLeaf = (set: string, params: SqlValue[], negate = false): Leaf => ({ row: `p.id IN (${set})`, set, params, negate });

function filterLeaf(f: Filter, ctx: CompileContext): Leaf {
  const yes = f.value === 'yes';
  switch (f.key) {
    case 'member':
      return orgLeaf("o.membership = 'member'", [], !yes);
    case 'city':
      return orgLeaf('o.city = ? COLLATE NOCASE', [f.value]);
    case 'network':
      return orgLeaf('o.id IN (SELECT onw.organisation_id FROM organisation_networks onw JOIN networks n ON n.id = onw.network_id WHERE n.name = ? COLLATE NOCASE)', [f.value]);
    case 'employees':
      return orgLeaf(`o.employees IS NOT NULL AND o.employees ${f.op} ?`, [Number(f.value)]);
    case 'salutation':
      return { row: 'p.salutation = ?', params: [f.value] };
    case 'function':
      return { row: "coalesce(p.function, '') LIKE ? ESCAPE '\\'", params: [`%${likeEscape(f.value)}%`] };
    case 'email':
      return { row: "coalesce(p.email, '') LIKE ? ESCAPE '\\'", params: [`%${likeEscape(f.value)}%`] };
    case 'verified':
      // Never verified counts as verified before any date, so `verified:<2025-01-01` finds it for upkeep.
      if (f.value === 'never') return { row: 'p.last_verified IS NULL', params: [] };
      return { row: `coalesce(substr(p.last_verified, 1, 10), '') ${f.op} ?`, params: [f.value] };
    case 'received': {
      const { topic, since } = receivedParts(f.value);
      const conds = ["d.status = 'sent'", 'd.person_id IS NOT NULL'];
      const params: SqlValue[] = [];
      if (since) {
        conds.push('d.sent_at >= ?');
        params.push(since);
      }
      if (topic) {
        conds.push(`d.newsletter_id IN (SELECT ni.newsletter_id FROM newsletter_items ni JOIN content_items ci ON ci.id = ni.item_id
                    JOIN topics t ON t.id = ci.topic_id WHERE t.name = ? COLLATE NOCASE)`);
        params.push(topic);
      }
      return setLeaf(`SELECT d.person_id FROM deliveries d WHERE ${conds.join(' AND ')}`, params);
    }
    case 'segment':
      // Resolved by compileRule, which knows the segments and guards against cycles.
      return { row: '0', params: [] };
    case 'kind':
      return orgLeaf('o.kind = ?', [f.value]);
    case 'membership':
      return orgLeaf('o.membership = ?', [f.value]);
    case 'country':
      return orgLeaf('o.country = ?', [f.value]);
    case 'org':
      return orgLeaf("o.name LIKE ? ESCAPE '\\'", [`%${likeEscape(f.value)}%`]);
    case 'funded':
      return setLeaf(
        `SELECT po.person_id FROM project_organisations x JOIN person_organisations po ON po.organisation_id = x.organisation_id
               WHERE x.funded = 1`,
        [],
        !yes,
      );
    case 'size': {
      // Employee count decides; where it is unknown, the firm kind the user recorded does.
      const { microBelow, smallBelow, mediumBelow } = ctx.sizes;
      const ranges: Record<string, [number, number]> = {
        micro: [0, microBelow],
        small: [microBelow, smallBelow],
        medium: [smallBelow, mediumBelow],
        large: [mediumBelow, Number.MAX_SAFE_INTEGER],
      };
      const [lo, hi] = ranges[f.value] ?? [0, 0];
      return orgLeaf('((o.employees IS NOT NULL AND o.employees >= ? AND o.employees < ?) OR (o.employees IS NULL AND o.kind = ?))', [lo, hi, `${f.value}_firm`]);
    }
    case 'project':
      return setLeaf(
        `SELECT po.person_id FROM projects pr JOIN project_organisations x ON x.project_id = pr.id
               JOIN person_organisations po ON po.organisation_id = x.organisation_id
               WHERE pr.acronym = ? COLLATE NOCASE OR pr.title LIKE ? ESCAPE '\\'`,
        [f.value, `%${likeEscape(f.value)}%`],
      );
    case 'topic':
      return setLeaf(
        `SELECT pt.person_id FROM topics t JOIN person_topics pt ON pt.topic_id = t.id WHERE t.name = ? COLLATE NOCASE
         UNION SELECT po.person_id FROM topics t JOIN organisation_topics ot ON ot.topic_id = t.id
               JOIN person_organisations po ON po.organisation_id = ot.organisation_id WHERE t.name = ? COLLATE NOCASE`,
        [f.value, f.value],
      );
    case 'interest':
      return {
        row: 'EXISTS (SELECT 1 FROM person_information_kinds k WHERE k.person_id = p.id AND k.kind = ?)',
        set: 'SELECT k.person_id FROM person_information_kinds k WHERE k.kind = ?',
        params: [f.value],
      };
    case 'region':
      return {
        row: 'EXISTS (SELECT 1 FROM person_regions pr JOIN partner_regions r ON r.id = pr.region_id WHERE pr.person_id = p.id AND r.name = ? COLLATE NOCASE)',
        set: 'SELECT pr.person_id FROM person_regions pr JOIN partner_regions r ON r.id = pr.region_id WHERE r.name = ? COLLATE NOCASE',
        params: [f.value],
      };
    case 'tag':
      return {
        row: 'EXISTS (SELECT 1 FROM person_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.person_id = p.id AND t.name = ? COLLATE NOCASE)',
        set: 'SELECT pt.person_id FROM person_tags pt JOIN tags t ON t.id = pt.tag_id WHERE t.name = ? COLLATE NOCASE',
        params: [f.value],
      };
    case 'lang':
      return { row: 'p.language = ?', params: [f.value] };
    case 'key':
      return { row: 'p.key_contact = ?', params: [yes ? 1 : 0] };
    case 'status':
      return { row: 'p.status = ?', params: [f.value] };
    case 'source':
      return { row: "coalesce(p.source, '') LIKE ? ESCAPE '\\'", params: [`%${likeEscape(f.value)}%`] };
    case 'stale':
      return { row: `${yes ? '' : 'NOT '}(p.last_verified IS NULL OR p.last_verified < ?)`, params: [ctx.staleBefore] };
    case 'recontact':
      return { row: 'p.recontact_on IS NOT NULL AND p.recontact_on <= ?', params: [ctx.today] };
    case 'consent':
      if (f.value === 'none') {
        return {
          row: `coalesce(${latestConsent("'newsletter'")}, '') <> 'given' AND coalesce(${latestConsent("'mailing'")}, '') <> 'given'`,
          params: [],
        };
      }
      return { row: `coalesce(${latestConsent('?')}, '') = 'given'`, params: [f.value] };
  }
}

function filterSql(f: Filter, ctx: CompileContext): CompiledCondition {
  const leaf = filterLeaf(f, ctx);
  return { sql: leaf.negate ? `NOT (${leaf.row})` : leaf.row, params: leaf.params };
}

/** A filter as a query for the ids of the persons it holds for, or of those it does not (`negate`). */
export function filterSetSql(f: Filter, ctx: CompileContext): CompiledCondition & { negate: boolean } {
  const leaf = filterLeaf(f, ctx);
  return { sql: leaf.set ?? `SELECT p.id FROM persons p WHERE ${leaf.row}`, params: leaf.params, negate: leaf.negate === true };
}

export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const GERMAN_FOLDING: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ẞ: 'SS' };

/** German spelling without umlauts (Müller → Mueller), as the search index folds (migration 003). */
export function germanFold(s: string): string {
  return s.replace(/[äöüßÄÖÜẞ]/g, (c) => GERMAN_FOLDING[c] ?? c);
}

/** FTS5 phrase syntax: a word in double quotes, inner quotes doubled. */
export function ftsPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

/**
 * Compiles a rule. References to saved segments are inlined (a dynamic segment's rule) or joined (a static
 * list); a missing segment or a cycle is reported and compiles to "no one", so callers can show the problem
 * instead of a silently empty audience.
 */
export function compileRule(rule: Rule, ctx: CompileContext): CompiledRule {
  const problems: CompileProblem[] = [];
  const segmentIds = new Set<number>();
  const params: SqlValue[] = [];

  const walk = (r: Rule, visiting: readonly number[]): string => {
    switch (r.type) {
      case 'word': {
        // Each word is a prefix: "müll" finds Müller, "jana@carb" finds jana@carbonwerk.example. The index also
        // holds each text German-folded, so "mueller" finds Müller; searching the folded word too makes
        // "ä = ae" hold the other way round ("müller" finds Mueller).
        const folded = germanFold(r.text);
        params.push(folded === r.text ? `${ftsPhrase(r.text)}*` : `${ftsPhrase(r.text)}* OR ${ftsPhrase(folded)}*`);
        return 'p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?)';
      }
      case 'not':
        return `NOT (${walk(r.child, visiting)})`;
      case 'and':
      case 'or':
        if (r.children.length === 0) return r.type === 'and' ? '1' : '0';
        return r.children.map((c) => `(${walk(c, visiting)})`).join(r.type === 'and' ? ' AND ' : ' OR ');
      case 'filter': {
        if (r.key === 'segment') return segmentSql(r.value, visiting);
        const c = filterSql(r, ctx);
        params.push(...c.params);
        return c.sql;
      }
    }
  };

  const segmentSql = (name: string, visiting: readonly number[]): string => {
    const seg = ctx.segment?.(name);
    if (!seg) {
      problems.push({ code: 'unknown_segment', name, message: `There is no saved segment named "${name}".` });
      return '0';
    }
    if (visiting.includes(seg.id)) {
      problems.push({ code: 'segment_cycle', name, message: `Segment "${seg.name}" uses itself (through segment: references); remove one of them.` });
      return '0';
    }
    segmentIds.add(seg.id);
    if (seg.rule === null) {
      params.push(seg.id);
      return 'p.id IN (SELECT sm.person_id FROM segment_members sm WHERE sm.segment_id = ?)';
    }
    return walk(seg.rule, [...visiting, seg.id]);
  };

  const sql = walk(rule, []);
  return { sql, params, problems, segmentIds: [...segmentIds] };
}
