/** What the erase dialog asks the user to type, apart from the component so it can be unit-tested. */
import type { ContactDetail } from '../../../../shared/contacts/schemas';
import { personName } from '../../format';

/** What has to be typed: the address, or the name for a person without one. */
export function eraseConfirmation(person: Pick<ContactDetail, 'email' | 'title' | 'firstName' | 'lastName' | 'id'>): { kind: 'email' | 'name'; value: string } {
  return person.email ? { kind: 'email', value: person.email } : { kind: 'name', value: personName(person) };
}

/** Typed text matches when it is the same apart from case and surrounding spaces. */
export function confirmationMatches(typed: string, expected: string): boolean {
  return typed.trim().normalize('NFC').toLocaleLowerCase() === expected.trim().normalize('NFC').toLocaleLowerCase();
}

