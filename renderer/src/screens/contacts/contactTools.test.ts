import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../shared/contacts/query';
import { contactsTabFromHash, filterText, listHash, queryFromHash, tabHash } from './contactsHash';
import { confirmationMatches, eraseConfirmation } from './eraseModel';
import { defaultChoices } from './mergeModel';

describe('addresses inside Kontakte', () => {
  it('read the tab from the hash; the list keeps its ?q=', () => {
    expect(contactsTabFromHash('#/contacts')).toBe('list');
    expect(contactsTabFromHash('#/contacts?q=kind%3Astartup')).toBe('list');
    expect(contactsTabFromHash('#/contacts/import')).toBe('import');
    expect(contactsTabFromHash('#/contacts/upkeep')).toBe('upkeep');
    expect(contactsTabFromHash('#/contacts/duplicates')).toBe('duplicates');
    expect(contactsTabFromHash('#/contacts/lists')).toBe('lists');
    expect(contactsTabFromHash('#/contacts/list')).toBe('list');
    expect(contactsTabFromHash('#/contacts/nonsense')).toBe('list');
    expect(tabHash('upkeep')).toBe('#/contacts/upkeep');
    expect(queryFromHash(listHash('status:bounced'))).toBe('status:bounced');
    expect(listHash('')).toBe('#/contacts');
  });

  it('quote a source so that it parses back to one filter', () => {
    const text = filterText('source', 'Messe "JEC" 2026');
    expect(text).toBe('source:"Messe JEC 2026"');
    expect(parseQuery(text).rule).toEqual({ type: 'filter', key: 'source', op: '=', value: 'Messe JEC 2026' });
    expect(filterText('source', 'CRM')).toBe('source:CRM');
  });
});

describe('erasing', () => {
  it('asks for the address, or the name when there is none, regardless of case and spaces', () => {
    expect(eraseConfirmation({ id: 1, email: 'Jana.Mueller@x.example', title: null, firstName: 'Jana', lastName: 'Müller' })).toEqual({ kind: 'email', value: 'Jana.Mueller@x.example' });
    expect(eraseConfirmation({ id: 1, email: null, title: 'Dr.', firstName: 'Jana', lastName: 'Müller' })).toEqual({ kind: 'name', value: 'Dr. Jana Müller' });
    expect(confirmationMatches('  jana.mueller@X.EXAMPLE ', 'Jana.Mueller@x.example')).toBe(true);
    expect(confirmationMatches('Müller'.normalize('NFD'), 'Müller')).toBe(true);
    expect(confirmationMatches('jana.mueller@x.exampl', 'Jana.Mueller@x.example')).toBe(false);
  });
});

describe('merging', () => {
  const base = { salutation: 'frau' as const, title: null, firstName: 'Jana', lastName: 'Müller', email: 'a@x.example', phone: null, mobile: null, function: null, language: 'de', notes: null };
  it('lists only differing fields, keeping the kept person unless only the other one has a value', () => {
    const other = { ...base, email: 'b@y.example', phone: '+49 1', salutation: 'none' as const, notes: '  ' };
    expect(defaultChoices(base, other)).toEqual({ salutation: 'keep', email: 'keep', phone: 'other' });
    expect(defaultChoices(base, { ...base })).toEqual({});
  });
});
