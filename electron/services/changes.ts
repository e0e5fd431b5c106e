/** The append-only change log: who changed which person or organisation, when, and how. */
import os from 'node:os';
import type { ChangeEntry } from '../../shared/contacts/schemas';
import type { Db } from '../db/database';

export type Entity = 'person' | 'organisation' | 'project';

/** The OS account is the best "who" a single-user desktop app has; it survives staff turnover in the log. */
let actor: string | undefined;

export function currentActor(): string {
  if (actor === undefined) {
    try {
      actor = os.userInfo().username || 'unknown';
    } catch {
      actor = 'unknown';
    }
  }
  return actor;
}

export function logChange(db: Db, entity: Entity, entityId: number, action: string, details: Record<string, unknown> = {}, actor = currentActor()): void {
  db.prepare('INSERT INTO change_log (entity, entity_id, at, actor, action, details) VALUES (?, ?, ?, ?, ?, ?)').run(
    entity,
    entityId,
    new Date().toISOString(),
    actor,
    action,
    JSON.stringify(details),
  );
}

/** The same entry for many records at once (a topic renamed for everyone who has it), in the caller's transaction. */
export function logChanges(db: Db, entity: Entity, entityIds: readonly number[], action: string, details: Record<string, unknown> = {}, actor = currentActor()): void {
  const insert = db.prepare('INSERT INTO change_log (entity, entity_id, at, actor, action, details) VALUES (?, ?, ?, ?, ?, ?)');
  const at = new Date().toISOString();
  const json = JSON.stringify(details);
  for (const id of entityIds) insert.run(entity, id, at, actor, action, json);
}

/**
 * The change log, plus what imports did: imports record their work in their own tables (one row per
 * import, not per person), and the history shows it from there.
 */
export function history(db: Db, entity: Entity, entityId: number): ChangeEntry[] {
  const rows = db
    .prepare(
      `SELECT at, actor, action, details, 0 AS k, id FROM change_log WHERE entity = @entity AND entity_id = @id
       UNION ALL
       SELECT i.at, coalesce(i.actor, 'unknown'), 'imported', json_object('importId', i.id, 'file', i.file_name, 'source', i.source), 1, i.id
       FROM persons p JOIN imports i ON i.id = p.import_id WHERE @entity = 'person' AND p.id = @id AND i.undone_at IS NULL
       UNION ALL
       SELECT i.at, coalesce(i.actor, 'unknown'), CASE c.action WHEN 'created' THEN 'imported' ELSE 'import-updated' END,
              json_object('importId', i.id, 'file', i.file_name, 'source', i.source), 1, i.id
       FROM import_changes c JOIN imports i ON i.id = c.import_id WHERE c.entity = @entity AND c.entity_id = @id AND i.undone_at IS NULL
       ORDER BY at DESC, k, id DESC LIMIT 500`,
    )
    .all({ entity, id: entityId }) as { at: string; actor: string; action: string; details: string }[];
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}
