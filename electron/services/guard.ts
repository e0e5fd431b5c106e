/**
 * The confidentiality guard: the audience of a message must fit the level of every item in it
 * (shared/DOMAIN.md, Confidentiality). Set-based SQL over the audience ids, one query per restricted item:
 * - members: every recipient belongs to a member organisation (membership 'member');
 * - project_group: the recipient's organisation takes part in the item's project (project_organisations);
 * - confidential: the recipient is on the item's hand-picked list (static segment group_segment_id).
 * Public items fit everyone.
 *
 * A newsletter with a violation is blocked (preview shows it, export and sending refuse); a personalised
 * mailing instead never chooses an item for a recipient outside its circle (`readersOf`).
 */
import { ApiError } from '../../shared/api';
import type { GuardViolation } from '../../shared/newsletters/schemas';
import type { Db } from '../db/database';

export interface GuardItem {
  id: number;
  title: string;
  confidentiality: 'public' | 'members' | 'project_group' | 'confidential' | string;
  groupProjectId: number | null;
  groupSegmentId: number | null;
}

/** SQL selecting, of the persons in a JSON array, those inside the item's circle (project or segment id first where used). */
const INSIDE: Readonly<Record<string, string>> = {
  members: `SELECT DISTINCT po.person_id FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id
            WHERE o.membership = 'member' AND po.person_id IN (SELECT value FROM json_each(?))`,
  project_group: `SELECT DISTINCT po.person_id FROM person_organisations po
                  JOIN project_organisations pj ON pj.organisation_id = po.organisation_id AND pj.project_id = ?
                  WHERE po.person_id IN (SELECT value FROM json_each(?))`,
  confidential: `SELECT sm.person_id FROM segment_members sm WHERE sm.segment_id = ? AND sm.person_id IN (SELECT value FROM json_each(?))`,
};

function circleId(item: GuardItem): number | null {
  return item.confidentiality === 'project_group' ? item.groupProjectId : item.confidentiality === 'confidential' ? item.groupSegmentId : null;
}

/** Of `personIds`, those who may read `item`. */
export function readersOf(db: Db, item: GuardItem, personIds: readonly number[]): Set<number> {
  const sql = INSIDE[item.confidentiality];
  if (sql === undefined) return new Set(personIds);
  const ids = JSON.stringify(personIds);
  const rows = (item.confidentiality === 'members' ? db.prepare(sql).pluck().all(ids) : db.prepare(sql).pluck().all(circleId(item), ids)) as number[];
  return new Set(rows);
}

function circleName(db: Db, item: GuardItem): string {
  if (item.confidentiality === 'project_group') {
    const name = db.prepare('SELECT acronym FROM projects WHERE id = ?').pluck().get(item.groupProjectId) as string | undefined;
    return name ?? 'project';
  }
  if (item.confidentiality === 'confidential') {
    const name = db.prepare('SELECT name FROM segments WHERE id = ?').pluck().get(item.groupSegmentId) as string | undefined;
    return name ?? 'list';
  }
  return 'members';
}

function message(item: GuardItem, outside: number, group: string): string {
  const who = `${outside} recipient${outside === 1 ? ' is' : 's are'}`;
  switch (item.confidentiality) {
    case 'members':
      return `Item '${item.title}' is for members only; ${who} not in a member organisation. Narrow the audience or remove the item.`;
    case 'project_group':
      return `Item '${item.title}' is project-group only; ${who} outside project group ${group}. Narrow the audience or remove the item.`;
    default:
      return `Item '${item.title}' is confidential; ${who} not on the list ${group}. Narrow the audience or remove the item.`;
  }
}

/** Every item whose circle the audience does not fit, with how many recipients are outside. */
export function guardViolations(db: Db, items: readonly GuardItem[], personIds: readonly number[]): GuardViolation[] {
  const out: GuardViolation[] = [];
  if (personIds.length === 0) return out;
  for (const item of items) {
    if (INSIDE[item.confidentiality] === undefined) continue;
    const outside = personIds.length - readersOf(db, item, personIds).size;
    if (outside === 0) continue;
    const group = circleName(db, item);
    out.push({ itemId: item.id, title: item.title, level: item.confidentiality as GuardViolation['level'], group, outside, message: message(item, outside, group) });
  }
  return out;
}

/** Refuses (ApiError 'forbidden') when any item does not fit the audience. */
export function assertGuard(violations: readonly GuardViolation[]): void {
  const first = violations[0];
  if (first) throw new ApiError('forbidden', violations.map((v) => v.message).join(' '), violations.map((v) => ({ path: `items.${v.itemId}`, message: v.message })));
}
