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

/** The person's organisations, for filters on organisation attributes. */
const ORGS = 'SELECT po.organisation_id FROM person_organisations po WHERE po.person_id = p.id';

/** The latest consent record per purpose decides, and only for the address it was given for. */
const latestConsent = (purposeParam: string): string =>
  `(SELECT c.action FROM consents c WHERE c.person_id = p.id AND c.purpose = ${purposeParam} AND c.email = p.email ORDER BY c.at DESC, c.id DESC LIMIT 1)`;

function filterSql(f: Filter, ctx: CompileContext): CompiledCondition {
  const yes = f.value === 'yes';
  switch (f.key) {
    case 'kind':
      return { sql: `EXISTS (SELECT 1 FROM organisations o WHERE o.id IN (${ORGS}) AND o.kind = ?)`, params: [f.value] };
    case 'membership':
      return { sql: `EXISTS (SELECT 1 FROM organisations o WHERE o.id IN (${ORGS}) AND o.membership = ?)`, params: [f.value] };
    case 'country':
      return { sql: `EXISTS (SELECT 1 FROM organisations o WHERE o.id IN (${ORGS}) AND o.country = ?)`, params: [f.value] };
    case 'org':
      return { sql: `EXISTS (SELECT 1 FROM organisations o WHERE o.id IN (${ORGS}) AND o.name LIKE ? ESCAPE '\\')`, params: [`%${likeEscape(f.value)}%`] };
    case 'funded':
      return {
        sql: `${yes ? '' : 'NOT '}EXISTS (SELECT 1 FROM project_organisations x WHERE x.organisation_id IN (${ORGS}) AND x.funded = 1)`,
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
        sql: `EXISTS (SELECT 1 FROM organisations o WHERE o.id IN (${ORGS}) AND
               ((o.employees IS NOT NULL AND o.employees >= ? AND o.employees < ?) OR (o.employees IS NULL AND o.kind = ?)))`,
        params: [lo, hi, `${f.value}_firm`],
      };
    }
    case 'project':
      return {
        sql: `EXISTS (SELECT 1 FROM project_organisations x JOIN projects pr ON pr.id = x.project_id
               WHERE x.organisation_id IN (${ORGS}) AND (pr.acronym = ? COLLATE NOCASE OR pr.title LIKE ? ESCAPE '\\'))`,
        params: [f.value, `%${likeEscape(f.value)}%`],
      };
    case 'topic':
      return {
        sql: `(EXISTS (SELECT 1 FROM person_topics pt JOIN topics t ON t.id = pt.topic_id WHERE pt.person_id = p.id AND t.name = ? COLLATE NOCASE)
               OR EXISTS (SELECT 1 FROM organisation_topics ot JOIN topics t ON t.id = ot.topic_id WHERE ot.organisation_id IN (${ORGS}) AND t.name = ? COLLATE NOCASE))`,
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
