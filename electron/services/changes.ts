/** The append-only change log: who changed which person or organisation, when, and how. */
import os from 'node:os';
import type { ChangeEntry } from '../../shared/contacts/schemas';
import type { Db } from '../db/database';

export type Entity = 'person' | 'organisation' | 'project';

/** The OS account is the best "who" a single-user desktop app has; it survives staff turnover in the log. */
export function currentActor(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
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

export function history(db: Db, entity: Entity, entityId: number): ChangeEntry[] {
  const rows = db
    .prepare('SELECT at, actor, action, details FROM change_log WHERE entity = ? AND entity_id = ? ORDER BY at DESC, id DESC LIMIT 500')
    .all(entity, entityId) as { at: string; actor: string; action: string; details: string }[];
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}
