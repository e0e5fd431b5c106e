/**
 * Likely duplicates already in the database, and merging two persons field by field. A merge keeps every
 * consent record with the address it was given for, and the history of both.
 */
import { ApiError } from '../../shared/api';
import { emailKey, nameKey } from '../../shared/contacts/cleaning';
import type { ContactDetail, ContactRow } from '../../shared/contacts/schemas';
import type { Db } from '../db/database';
import { logChange } from './changes';
import { contactRows, getContact, PERSON_COLUMN } from './contacts';

export interface DuplicateGroup {
  reason: 'name' | 'email';
  persons: ContactRow[];
}

export function findDuplicates(db: Db, limit = 500): DuplicateGroup[] {
  const rows = db
    .prepare("SELECT id, first_name AS f, last_name AS l, email FROM persons WHERE status <> 'erased' ORDER BY id")
    .all() as { id: number; f: string | null; l: string | null; email: string | null }[];
  const byName = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.l) continue;
    const key = nameKey(r.f ?? '', r.l);
    byName.set(key, [...(byName.get(key) ?? []), r.id]);
  }
  // A further address of one person that is another person's main address.
  const byEmail = new Map<string, number[]>();
  for (const r of rows) if (r.email) byEmail.set(emailKey(r.email), [r.id]);
  for (const e of db.prepare('SELECT person_id AS id, email FROM person_emails').all() as { id: number; email: string }[]) {
    const ids = byEmail.get(emailKey(e.email));
    if (ids && !ids.includes(e.id)) ids.push(e.id);
  }
  const groups: { reason: DuplicateGroup['reason']; ids: number[] }[] = [
    ...[...byEmail.values()].filter((ids) => ids.length > 1).map((ids) => ({ reason: 'email' as const, ids })),
    ...[...byName.values()].filter((ids) => ids.length > 1).map((ids) => ({ reason: 'name' as const, ids })),
  ].slice(0, limit);
  return groups.map((g) => ({
    reason: g.reason,
    persons: contactRows(db, `p.id IN (${g.ids.map(() => '?').join(',')})`, g.ids),
  }));
}

export const MERGE_FIELDS = ['salutation', 'title', 'firstName', 'lastName', 'email', 'phone', 'mobile', 'function', 'language', 'notes'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];



/**
 * Merges `otherId` into `keepId`. `take` lists the fields whose value comes from the other person; all
 * links, consents, history and deliveries move over; the address not kept as main becomes a further one.
 */
export function mergePersons(db: Db, keepId: number, otherId: number, take: MergeField[]): ContactDetail {
  if (keepId === otherId) throw new ApiError('bad_input', 'A person cannot be merged with itself.');
  db.transaction(() => {
    const keep = db.prepare("SELECT * FROM persons WHERE id = ? AND status <> 'erased'").get(keepId) as Record<string, unknown> | undefined;
    const other = db.prepare("SELECT * FROM persons WHERE id = ? AND status <> 'erased'").get(otherId) as Record<string, unknown> | undefined;
    if (!keep || !other) throw new ApiError('not_found', 'One of the two persons no longer exists.');
    const values: Record<string, unknown> = {};
    for (const f of take) values[PERSON_COLUMN[f]] = other[PERSON_COLUMN[f]];
    const keptEmail = (take.includes('email') ? other.email : keep.email) as string | null;
    const otherEmail = (take.includes('email') ? keep.email : other.email) as string | null;
    // The other person's row goes first so its unique address is free for the kept one.
    db.prepare('UPDATE person_emails SET person_id = ? WHERE person_id = ?').run(keepId, otherId);
    for (const t of ['person_topics', 'person_tags', 'person_information_kinds', 'person_regions', 'segment_members']) {
      db.prepare(`UPDATE OR IGNORE ${t} SET person_id = ? WHERE person_id = ?`).run(keepId, otherId);
    }
    db.prepare('UPDATE OR IGNORE person_organisations SET person_id = ?, is_primary = 0 WHERE person_id = ?').run(keepId, otherId);
    db.prepare('UPDATE consents SET person_id = ? WHERE person_id = ?').run(keepId, otherId);
    db.prepare('UPDATE deliveries SET person_id = ? WHERE person_id = ?').run(keepId, otherId);
    db.prepare('UPDATE touchpoints SET person_id = ? WHERE person_id = ?').run(keepId, otherId);
    db.prepare("UPDATE change_log SET entity_id = ? WHERE entity = 'person' AND entity_id = ?").run(keepId, otherId);
    db.prepare('DELETE FROM persons WHERE id = ?').run(otherId);
    const sets = Object.keys(values);
    if (sets.length > 0) {
      db.prepare(`UPDATE persons SET ${sets.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...sets.map((c) => values[c]), keepId);
    }
    if (otherEmail && (!keptEmail || emailKey(otherEmail) !== emailKey(keptEmail))) {
      db.prepare('INSERT OR IGNORE INTO person_emails (person_id, email, label) VALUES (?, ?, ?)').run(keepId, otherEmail, 'merged');
    }
    db.prepare('UPDATE persons SET key_contact = max(key_contact, ?), updated_at = ? WHERE id = ?').run(other.key_contact, new Date().toISOString(), keepId);
    logChange(db, 'person', keepId, 'merged', { mergedPersonId: otherId, takenFromOther: take });
  })();
  return getContact(db, keepId);
}
