/**
 * Compiles a contact query (shared/contacts/query.ts) into a parameterised SQL condition over `persons p`.
 * Values always travel as bound parameters, never inside the SQL text. Pure, so it can be tested without a
 * database and reused by the segment compiler.
 */
import type { SizeThresholds } from '../domain';
import type { ContactQuery, Filter } from './query';

export type SqlValue = string | number;

export interface CompiledCondition {
  sql: string;
  params: SqlValue[];
}

export interface CompileContext {
  /** ISO date (YYYY-MM-DD) before which a verification counts as stale. */
  staleBefore: string;
  /** ISO date of today, for due re-contact dates. */
  today: string;
  sizes: SizeThresholds;
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

function filterSql(f: Filter, ctx: CompileContext): CompiledCondition {
  const yes = f.value === 'yes';
  switch (f.key) {
    case 'kind':
      return { sql: orgWhere('o.kind = ?'), params: [f.value] };
    case 'membership':
      return { sql: orgWhere('o.membership = ?'), params: [f.value] };
    case 'country':
      return { sql: orgWhere('o.country = ?'), params: [f.value] };
    case 'org':
      return { sql: orgWhere("o.name LIKE ? ESCAPE '\\'"), params: [`%${likeEscape(f.value)}%`] };
    case 'funded':
      return {
        sql: `p.id ${yes ? '' : 'NOT '}IN (SELECT po.person_id FROM project_organisations x JOIN person_organisations po ON po.organisation_id = x.organisation_id
               WHERE x.funded = 1)`,
        params: [],
      };
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
      return {
        sql: orgWhere('((o.employees IS NOT NULL AND o.employees >= ? AND o.employees < ?) OR (o.employees IS NULL AND o.kind = ?))'),
        params: [lo, hi, `${f.value}_firm`],
      };
    }
    case 'project':
      return {
        sql: `p.id IN (SELECT po.person_id FROM projects pr JOIN project_organisations x ON x.project_id = pr.id
               JOIN person_organisations po ON po.organisation_id = x.organisation_id
               WHERE pr.acronym = ? COLLATE NOCASE OR pr.title LIKE ? ESCAPE '\\')`,
        params: [f.value, `%${likeEscape(f.value)}%`],
      };
    case 'topic':
      return {
        sql: `(p.id IN (SELECT pt.person_id FROM topics t JOIN person_topics pt ON pt.topic_id = t.id WHERE t.name = ? COLLATE NOCASE)
               OR p.id IN (SELECT po.person_id FROM topics t JOIN organisation_topics ot ON ot.topic_id = t.id
                          JOIN person_organisations po ON po.organisation_id = ot.organisation_id WHERE t.name = ? COLLATE NOCASE))`,
        params: [f.value, f.value],
      };
    case 'interest':
      return { sql: 'EXISTS (SELECT 1 FROM person_information_kinds k WHERE k.person_id = p.id AND k.kind = ?)', params: [f.value] };
    case 'region':
      return {
        sql: 'EXISTS (SELECT 1 FROM person_regions pr JOIN partner_regions r ON r.id = pr.region_id WHERE pr.person_id = p.id AND r.name = ? COLLATE NOCASE)',
        params: [f.value],
      };
    case 'tag':
      return {
        sql: 'EXISTS (SELECT 1 FROM person_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.person_id = p.id AND t.name = ? COLLATE NOCASE)',
        params: [f.value],
      };
    case 'lang':
      return { sql: 'p.language = ?', params: [f.value] };
    case 'key':
      return { sql: 'p.key_contact = ?', params: [yes ? 1 : 0] };
    case 'status':
      return { sql: 'p.status = ?', params: [f.value] };
    case 'source':
      return { sql: "p.source LIKE ? ESCAPE '\\'", params: [`%${likeEscape(f.value)}%`] };
    case 'stale':
      return { sql: `${yes ? '' : 'NOT '}(p.last_verified IS NULL OR p.last_verified < ?)`, params: [ctx.staleBefore] };
    case 'recontact':
      return { sql: 'p.recontact_on IS NOT NULL AND p.recontact_on <= ?', params: [ctx.today] };
    case 'consent':
      if (f.value === 'none') {
        return {
          sql: `coalesce(${latestConsent("'newsletter'")}, '') <> 'given' AND coalesce(${latestConsent("'mailing'")}, '') <> 'given'`,
          params: [],
        };
      }
      return { sql: `${latestConsent('?')} = 'given'`, params: [f.value] };
  }
}

export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** FTS5 phrase syntax: a word in double quotes, inner quotes doubled. */
export function ftsPhrase(word: string): string {
  return `"${word.replaceAll('"', '""')}"`;
}

export function compileContactQuery(q: ContactQuery, ctx: CompileContext): CompiledCondition {
  const parts: string[] = [];
  const params: SqlValue[] = [];
  for (const w of q.words) {
    // Each word is a prefix: "müll" finds Müller, "jana@carb" finds jana@carbonwerk.example.
    parts.push('p.id IN (SELECT rowid FROM person_search WHERE person_search MATCH ?)');
    params.push(`${ftsPhrase(w)}*`);
  }
  for (const f of q.filters) {
    const c = filterSql(f, ctx);
    parts.push(f.negated ? `NOT (${c.sql})` : `(${c.sql})`);
    params.push(...c.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1 = 1', params };
}
