/**
 * Data-subject rights (GDPR Art. 15, 17, 20): everything about one person as JSON, and erasure that keeps
 * only a hashed suppression entry, so the address cannot come back through a later import as active.
 */
import { ApiError } from '../../shared/api';
import type { Db } from '../db/database';
import { emailHash } from '../imports/importer';
import { logChange } from './changes';

export function personalDataExport(db: Db, id: number): Record<string, unknown> {
  const person = db.prepare("SELECT * FROM persons WHERE id = ? AND status <> 'erased'").get(id);
  if (!person) throw new ApiError('not_found', `There is no person with id ${id}.`);
  const all = (sql: string): unknown[] => db.prepare(sql).all(id);
  return {
    exportedAt: new Date().toISOString(),
    exportedBy: 'Spillover',
    person,
    furtherAddresses: all('SELECT email, label FROM person_emails WHERE person_id = ?'),
    organisations: all(
      'SELECT o.name, o.kind, o.country, o.city, po.role, po.department FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id WHERE po.person_id = ?',
    ),
    topics: all('SELECT t.name FROM person_topics x JOIN topics t ON t.id = x.topic_id WHERE x.person_id = ?'),
    tags: all('SELECT t.name FROM person_tags x JOIN tags t ON t.id = x.tag_id WHERE x.person_id = ?'),
    informationInterests: all('SELECT kind FROM person_information_kinds WHERE person_id = ?'),
    partnerRegionInterests: all('SELECT r.name FROM person_regions x JOIN partner_regions r ON r.id = x.region_id WHERE x.person_id = ?'),
    consents: all('SELECT email, purpose, action, at, source, wording_version, evidence FROM consents WHERE person_id = ? ORDER BY at'),
    segments: all('SELECT s.name FROM segment_members m JOIN segments s ON s.id = m.segment_id WHERE m.person_id = ?'),
    messagesReceived: all(
      'SELECT n.title, d.email, d.status, d.sent_at FROM deliveries d JOIN newsletters n ON n.id = d.newsletter_id WHERE d.person_id = ? ORDER BY d.queued_at',
    ),
    contactsAtEventsAndFairs: all('SELECT channel, at, note FROM touchpoints WHERE person_id = ? ORDER BY at'),
    history: all("SELECT at, actor, action, details FROM change_log WHERE entity = 'person' AND entity_id = ? ORDER BY at"),
  };
}

/** Erases a person. Not undoable by design; the UI and API both require an explicit confirmation. */
export function erasePerson(db: Db, id: number): { suppressed: number } {
  return db.transaction(() => {
    const person = db.prepare("SELECT id, email FROM persons WHERE id = ? AND status <> 'erased'").get(id) as { id: number; email: string | null } | undefined;
    if (!person) throw new ApiError('not_found', `There is no person with id ${id}.`);
    const addresses = [
      ...(person.email ? [person.email] : []),
      ...(db.prepare('SELECT email FROM person_emails WHERE person_id = ?').all(id) as { email: string }[]).map((r) => r.email),
    ];
    const now = new Date().toISOString();
    const suppress = db.prepare("INSERT OR REPLACE INTO suppressions (email_hash, reason, created_at) VALUES (?, 'erased', ?)");
    for (const a of addresses) {
      const hash = emailHash(a);
      suppress.run(hash, now);
      // The send ledger keeps that a message went out, but not to whom.
      db.prepare('UPDATE deliveries SET email = ? WHERE lower(email) = lower(?)').run(`erased:${hash.slice(0, 16)}`, a);
    }
    db.prepare('DELETE FROM outbox WHERE person_id = ?').run(id);
    db.prepare("DELETE FROM change_log WHERE entity = 'person' AND entity_id = ?").run(id);
    // Before-images kept for undoing imports hold the same personal data.
    db.prepare("DELETE FROM import_changes WHERE entity = 'person' AND entity_id = ?").run(id);
    db.prepare('DELETE FROM persons WHERE id = ?').run(id);
    // Proof that the request was fulfilled, without any personal data.
    logChange(db, 'person', id, 'erased', { addresses: addresses.length });
    return { suppressed: addresses.length };
  })();
}
