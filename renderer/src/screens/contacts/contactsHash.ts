/**
 * Addresses inside the Kontakte section: `#/contacts?q=…` is the list with its search, `#/contacts/import`,
 * `#/contacts/upkeep`, `#/contacts/duplicates` and `#/contacts/lists` (topics and tags) the other tabs. Kept in the hash so Back, reload and
 * links (the upkeep cards, "Zu den Kontakten" after an import) land on the same view.
 */
import { formatFilter, type FilterKey } from '../../../../shared/contacts/query';

export const CONTACT_TABS = ['list', 'import', 'upkeep', 'duplicates', 'lists'] as const;
export type ContactsTab = (typeof CONTACT_TABS)[number];

export function contactsTabFromHash(hash: string): ContactsTab {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  const sub = /^contacts\/([a-z]+)\/?$/.exec(path)?.[1];
  return CONTACT_TABS.find((t) => t !== 'list' && t === sub) ?? 'list';
}

export function tabHash(tab: Exclude<ContactsTab, 'list'>): string {
  return `#/contacts/${tab}`;
}

/** `#/contacts?q=kind:startup` → "kind:startup". */
export function queryFromHash(hash: string): string {
  const i = hash.indexOf('?');
  return i < 0 ? '' : (new URLSearchParams(hash.slice(i + 1)).get('q') ?? '');
}

/** The list showing `query`. */
export function listHash(query: string): string {
  return query ? `#/contacts?q=${encodeURIComponent(query)}` : '#/contacts';
}

/** One filter as search text, quoted as the parser expects: `source:"Messe JEC 2026"`. */
export function filterText(key: FilterKey, value: string): string {
  return formatFilter({ key, op: '=', value });
}
