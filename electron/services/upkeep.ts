/**
 * Contact upkeep (Kontaktpflege): the lists a manager works through regularly so information reaches the
 * people who pass it on. Each list is a saved search in the contact syntax, so the UI opens it in the
 * contacts table and bulk actions (mark verified) apply.
 */
import type { Db } from '../db/database';
import { listContacts } from './contacts';
import { listOrganisations } from './organisations';
import { readSettings } from './settings';

export const UPKEEP_LISTS = [
  { key: 'stale', query: 'stale:yes status:active' },
  { key: 'bounced', query: 'status:bounced' },
  { key: 'noConsent', query: 'consent:none status:active' },
  { key: 'recontactDue', query: 'recontact:due' },
] as const;

export function upkeep(db: Db) {
  const count = (query: string): number => listContacts(db, { query, sort: 'name', desc: false, offset: 0, limit: 1 }).total;
  return {
    staleAfterMonths: readSettings(db).staleAfterMonths,
    lists: UPKEEP_LISTS.map((l) => ({ key: l.key, query: l.query, count: count(l.query) })),
    organisationsWithoutKeyContact: listOrganisations(db, { query: '', withoutKeyContact: true }),
  };
}
