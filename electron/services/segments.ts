/**
 * Segments (Zielgruppen): saved rules and hand-picked lists, and the audience a segment yields for a purpose.
 * `audienceOf` is the one place that decides who may be mailed: the composer and the sender use it too, so
 * the exclusions (no address, unsubscribed, bounced, suppressed, no consent) can never be forgotten.
 */
import { ApiError } from '../../shared/api';
import { filtersOf, formatQuery, parseQuery, renameReferences, Rule, type QueryProblem } from '../../shared/contacts/query';
import type { QueryProblemShape } from '../../shared/contacts/schemas';
import type { OrganisationKind } from '../../shared/domain';
import type {
  AudienceCount,
  AudienceOptions,
  Reach,
  RuleInput,
  SegmentDetail,
  SegmentSummary,
  Vocabulary,
} from '../../shared/segments/schemas';
import { EXCLUSION_REASONS, SegmentSave as SegmentSaveSchema } from '../../shared/segments/schemas';
import type { z } from 'zod';
import type { Db } from '../db/database';
import { audienceOf } from './audience';
import { contactRowsByIds } from './contacts';
import type { HandlerTable } from './registry';
import { checkRule, compileContext, knownNames, type CheckedRule } from './rules';


interface SegmentRow {
  id: number;
  name: string;
  description: string | null;
  kind: 'dynamic' | 'static';
  rule: string | null;
  one_per_org: number;
  purpose: 'newsletter' | 'mailing';
  counted_at: string | null;
  last_count: number | null;
  updated_at: string;
}

function segmentRow(db: Db, id: number): SegmentRow {
  const row = db.prepare('SELECT * FROM segments WHERE id = ?').get(id) as SegmentRow | undefined;
  if (!row) throw new ApiError('not_found', `There is no segment with id ${id}.`);
  return row;
}

function storedRule(row: SegmentRow): Rule | null {
  return row.kind === 'static' || row.rule === null ? null : Rule.parse(JSON.parse(row.rule));
}

/** A rule as the API carries it back: parse problems keep their position in the text. */
function toShape(p: QueryProblem): QueryProblemShape {
  return { token: p.token, code: p.code, key: p.key, message: p.message, start: p.start, end: p.end };
}

/** The rule a count or member list is about: a tree, search text, or a saved segment (a list by reference). */
export function resolveTarget(db: Db, target: RuleInput): CheckedRule {
  if ('rule' in target) return checkRule(db, target.rule);
  if ('query' in target) {
    const { rule, problems } = parseQuery(target.query);
    return checkRule(db, rule, problems.map(toShape));
  }
  const row = segmentRow(db, target.segmentId);
  return checkRule(db, storedRule(row) ?? { type: 'filter', key: 'segment', op: '=', value: row.name });
}

export function countAudience(db: Db, target: RuleInput, options: AudienceOptions, previewLimit: number): AudienceCount {
  const started = performance.now();
  const checked = resolveTarget(db, target);
  const a = audienceOf(db, checked.rule, checked.ctx, options);
  let reached = 0;
  let nobody = 0;
  for (const o of a.organisations.values()) {
    if (o.reached) reached += 1;
    else nobody += 1;
  }
  const excludedTotal = Object.values(a.excluded).reduce((x, y) => x + y, 0);
  return {
    query: formatQuery(checked.rule),
    rule: checked.rule,
    problems: checked.allProblems,
    matched: a.matched,
    excluded: { total: excludedTotal, byReason: a.excluded },
    reachable: a.reachable,
    audience: a.ids.length,
    organisations: { reached, nobodyReachable: nobody },
    breakdown: {
      byKind: [...a.byKind].map(([kind, count]) => ({ kind, count })).sort((x, y) => y.count - x.count),
      funded: { funded: a.funded, notFunded: a.ids.length - a.funded },
      byLanguage: [...a.languages].map(([language, count]) => ({ language, count })).sort((x, y) => y.count - x.count),
    },
    preview: contactRowsByIds(db, a.ids.slice(0, previewLimit)),
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** Member organisations reached and missed: no member organisation should stay uninformed. */
export function reachOf(db: Db, target: RuleInput, options: AudienceOptions): Reach {
  const checked = resolveTarget(db, target);
  const a = audienceOf(db, checked.rule, checked.ctx, options);
  const members = db
    .prepare(
      `SELECT o.id, o.name, o.kind, EXISTS (SELECT 1 FROM person_organisations po JOIN persons p ON p.id = po.person_id
                                           WHERE po.organisation_id = o.id AND p.status <> 'erased') AS hasPersons
       FROM organisations o WHERE o.membership = 'member' ORDER BY o.name COLLATE NOCASE`,
    )
    .all() as { id: number; name: string; kind: OrganisationKind; hasPersons: number }[];
  const missing: Reach['missing'] = [];
  let reached = 0;
  for (const m of members) {
    const o = a.organisations.get(m.id);
    if (o?.reached) {
      reached += 1;
      continue;
    }
    const why = !m.hasPersons ? 'no_persons' : o ? 'all_excluded' : 'not_matched';
    missing.push({ id: m.id, name: m.name, kind: m.kind, why, reasons: o ? EXCLUSION_REASONS.filter((r) => o.reasons.has(r)) : [] });
  }
  return { members: members.length, reached, missing };
}

function summary(db: Db, row: SegmentRow, ctx = compileContext(db)): SegmentSummary {
  const rule = storedRule(row);
  const problems = rule ? checkRule(db, rule, [], ctx).allProblems : [];
  const members = row.kind === 'static' ? (db.prepare('SELECT count(*) AS n FROM segment_members WHERE segment_id = ?').get(row.id) as { n: number }).n : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    query: rule ? formatQuery(rule) : '',
    onePerOrg: row.one_per_org === 1,
    purpose: row.purpose,
    countedAt: row.counted_at,
    lastCount: row.last_count,
    members,
    problems,
    updatedAt: row.updated_at,
  };
}

export function getSegment(db: Db, id: number): SegmentDetail {
  const row = segmentRow(db, id);
  const usedBy = (db.prepare('SELECT id, name, kind, rule FROM segments WHERE id <> ? AND kind = ? ORDER BY name').all(id, 'dynamic') as SegmentRow[])
    .filter((s) => {
      const r = storedRule(s);
      return r !== null && filtersOf(r).some((f) => f.key === 'segment' && f.value.toLowerCase() === row.name.toLowerCase());
    })
    .map((s) => ({ id: s.id, name: s.name }));
  const usedByNewsletters = db.prepare('SELECT id, title FROM newsletters WHERE segment_id = ? ORDER BY id').all(id) as { id: number; title: string }[];
  return { ...summary(db, row), rule: storedRule(row), usedBy, usedByNewsletters };
}

export function listSegments(db: Db): SegmentSummary[] {
  const ctx = compileContext(db);
  return (db.prepare('SELECT * FROM segments ORDER BY name COLLATE NOCASE').all() as SegmentRow[]).map((r) => summary(db, r, ctx));
}

export function saveSegment(db: Db, input: z.output<typeof SegmentSaveSchema>, now = new Date()): SegmentDetail {
  const ts = now.toISOString();
  return db.transaction(() => {
    const clash = db.prepare('SELECT id FROM segments WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(input.name, input.id ?? null) as { id: number } | undefined;
    if (clash) throw new ApiError('conflict', `A segment named "${input.name}" exists already; choose another name.`, [{ path: 'name', message: 'taken' }]);
    let rule: Rule | null = null;
    if (input.kind === 'dynamic') {
      if (input.rule) rule = input.rule;
      else {
        const parsed = parseQuery(input.query ?? '');
        if (parsed.problems.length > 0) {
          throw new ApiError('bad_input', `The rule has problems: ${parsed.problems.map((p) => p.message).join(' ')}`, parsed.problems.map((p) => ({ path: 'query', message: p.message })));
        }
        rule = parsed.rule;
      }
      // A cycle is refused: compile "this segment" with the new rule in place of the stored one.
      const ctx = compileContext(db);
      const selfId = input.id ?? -1;
      const lookup = ctx.segment;
      const self = rule;
      const probe = checkRule(db, { type: 'filter', key: 'segment', op: '=', value: input.name }, [], {
        ...ctx,
        segment: (name) => (name.toLowerCase() === input.name.toLowerCase() ? { id: selfId, name: input.name, rule: self } : lookup?.(name)),
      });
      const cycle = probe.allProblems.find((p) => p.code === 'segment_cycle');
      if (cycle) throw new ApiError('bad_input', cycle.message, [{ path: 'rule', message: cycle.message }]);
    }
    let id = input.id;
    if (id === undefined) {
      id = Number(
        db
          .prepare('INSERT INTO segments (name, description, kind, rule, one_per_org, purpose, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(input.name, input.description, input.kind, rule ? JSON.stringify(rule) : null, input.onePerOrg ? 1 : 0, input.purpose, ts, ts).lastInsertRowid,
      );
    } else {
      const before = segmentRow(db, id);
      if (before.kind !== input.kind) throw new ApiError('bad_input', 'A rule-based segment cannot become a hand-picked list or back; create a new segment instead.');
      db.prepare('UPDATE segments SET name = ?, description = ?, rule = ?, one_per_org = ?, purpose = ?, updated_at = ? WHERE id = ?').run(
        input.name,
        input.description,
        rule ? JSON.stringify(rule) : null,
        input.onePerOrg ? 1 : 0,
        input.purpose,
        ts,
        id,
      );
      // Other segments refer to this one by name: a rename carries them along.
      if (before.name !== input.name) renameInSegments(db, 'segment', before.name, input.name, ts);
    }
    if (input.kind === 'static' && input.personIds) addMembers(db, id, input.personIds);
    recount(db, id, ts);
    return getSegment(db, id);
  })();
}

/** Rewrites `key:old` to `key:new` in every saved rule, so renaming a topic, tag or segment keeps segments intact. */
export function renameInSegments(db: Db, key: 'segment' | 'topic' | 'tag' | 'project' | 'region' | 'network', from: string, to: string, ts = new Date().toISOString()): number {
  let changed = 0;
  const update = db.prepare('UPDATE segments SET rule = ?, updated_at = ? WHERE id = ?');
  for (const s of db.prepare("SELECT id, rule FROM segments WHERE kind = 'dynamic'").all() as { id: number; rule: string }[]) {
    const rule = Rule.parse(JSON.parse(s.rule));
    const next = renameReferences(rule, key, from, to);
    if (JSON.stringify(next) !== JSON.stringify(rule)) {
      update.run(JSON.stringify(next), ts, s.id);
      changed += 1;
    }
  }
  return changed;
}

function recount(db: Db, id: number, ts: string): void {
  const row = segmentRow(db, id);
  const checked = resolveTarget(db, { segmentId: id });
  const a = audienceOf(db, checked.rule, checked.ctx, { purpose: row.purpose, onePerOrg: row.one_per_org === 1 });
  db.prepare('UPDATE segments SET last_count = ?, counted_at = ? WHERE id = ?').run(a.ids.length, ts, id);
}

function addMembers(db: Db, segmentId: number, personIds: readonly number[]): void {
  const insert = db.prepare("INSERT OR IGNORE INTO segment_members (segment_id, person_id) SELECT ?, id FROM persons WHERE id = ? AND status <> 'erased'");
  for (const pid of personIds) insert.run(segmentId, pid);
}

function staticRow(db: Db, id: number): SegmentRow {
  const row = segmentRow(db, id);
  if (row.kind !== 'static') throw new ApiError('bad_input', `"${row.name}" is defined by a rule; persons can be added only to hand-picked lists.`);
  return row;
}

export function deleteSegment(db: Db, id: number): boolean {
  const row = segmentRow(db, id);
  const items = db.prepare('SELECT count(*) AS n FROM content_items WHERE group_segment_id = ?').get(id) as { n: number };
  if (items.n > 0) {
    throw new ApiError('conflict', `"${row.name}" is the circle of ${items.n} confidential content item(s); give them another circle first.`);
  }
  return db.prepare('DELETE FROM segments WHERE id = ?').run(id).changes === 1;
}

export function vocabulary(db: Db): Vocabulary {
  const known = knownNames(db);
  const sorted = (xs: readonly string[]): string[] => [...xs].sort((a, b) => a.localeCompare(b, 'de'));
  return {
    topics: sorted(known.topic),
    tags: sorted(known.tag),
    regions: sorted(known.region),
    networks: sorted(known.network),
    projects: [...known.project].sort((a, b) => a.acronym.localeCompare(b.acronym)),
    segments: db.prepare('SELECT id, name, kind FROM segments ORDER BY name COLLATE NOCASE').all() as Vocabulary['segments'],
    languages: (db.prepare("SELECT DISTINCT language FROM persons WHERE status <> 'erased' ORDER BY language").all() as { language: string }[]).map((r) => r.language),
  };
}

export function registerSegments(table: HandlerTable): void {
  table
    .register('segments/count', (input, { db }) => countAudience(db, input.target, input.options, input.previewLimit))
    .register('segments/members', (input, { db }) => {
      const checked = resolveTarget(db, input.target);
      const a = audienceOf(db, checked.rule, checked.ctx, input.options);
      return { total: a.ids.length, rows: contactRowsByIds(db, a.ids.slice(input.offset, input.offset + input.limit)) };
    })
    .register('segments/reach', (input, { db }) => reachOf(db, input.target, input.options))
    .register('segments/list', (_input, { db }) => ({ rows: listSegments(db) }))
    .register('segments/get', (input, { db }) => getSegment(db, input.id))
    .register('segments/save', (input, { db }) => saveSegment(db, input))
    .register('segments/delete', (input, { db }) => ({ deleted: deleteSegment(db, input.id) }))
    .register('segments/addMembers', (input, { db }) => {
      staticRow(db, input.segmentId);
      db.transaction(() => {
        addMembers(db, input.segmentId, input.personIds);
        const ts = new Date().toISOString();
        db.prepare('UPDATE segments SET updated_at = ? WHERE id = ?').run(ts, input.segmentId);
        recount(db, input.segmentId, ts);
      })();
      return getSegment(db, input.segmentId);
    })
    .register('segments/removeMembers', (input, { db }) => {
      staticRow(db, input.segmentId);
      db.transaction(() => {
        const del = db.prepare('DELETE FROM segment_members WHERE segment_id = ? AND person_id = ?');
        for (const pid of input.personIds) del.run(input.segmentId, pid);
        const ts = new Date().toISOString();
        db.prepare('UPDATE segments SET updated_at = ? WHERE id = ?').run(ts, input.segmentId);
        recount(db, input.segmentId, ts);
      })();
      return getSegment(db, input.segmentId);
    })
    .register('segments/vocabulary', (_input, { db }) => vocabulary(db));
}

