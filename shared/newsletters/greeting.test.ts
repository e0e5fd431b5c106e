import { describe, expect, it } from 'vitest';
import { greeting } from './greeting';

const p = (salutation: string | null, title: string | null, firstName: string | null, lastName: string | null) => ({ salutation, title, firstName, lastName });

describe('German formal greeting', () => {
  it('writes Frau/Herr with title and family name', () => {
    expect(greeting(p('frau', 'Dr.', 'Jana', 'Müller'), 'de')).toBe('Sehr geehrte Frau Dr. Müller');
    expect(greeting(p('herr', 'Prof.', 'Jens', 'Schmidt'), 'de')).toBe('Sehr geehrter Herr Prof. Schmidt');
    expect(greeting(p('herr', 'Prof. Dr.', 'Jens', 'Schmidt'), 'de')).toBe('Sehr geehrter Herr Prof. Dr. Schmidt');
    expect(greeting(p('frau', null, 'Ute', 'Müller-Lüdenscheidt'), 'de')).toBe('Sehr geehrte Frau Müller-Lüdenscheidt');
    expect(greeting(p('herr', null, 'Karl', 'von der Heide'), 'de')).toBe('Sehr geehrter Herr von der Heide');
  });
  it('leaves out faculty and degrees that are no form of address', () => {
    expect(greeting(p('frau', 'Dr. rer. nat.', 'Jana', 'Müller'), 'de')).toBe('Sehr geehrte Frau Dr. Müller');
    expect(greeting(p('herr', 'Dipl.-Ing.', 'Jens', 'Schmidt'), 'de')).toBe('Sehr geehrter Herr Schmidt');
  });
  it('is neutral for divers and unknown, never guessing from a first name', () => {
    expect(greeting(p('divers', null, 'Alex', 'Beispiel'), 'de')).toBe('Guten Tag Alex Beispiel');
    expect(greeting(p('none', null, 'Alex', 'Beispiel'), 'de')).toBe('Guten Tag Alex Beispiel');
    expect(greeting(p(null, 'Dr.', 'Alex', 'Beispiel'), 'de')).toBe('Guten Tag Dr. Alex Beispiel');
    expect(greeting(p('quatsch', null, 'Maria', 'Beispiel'), 'de')).toBe('Guten Tag Maria Beispiel');
  });
  it('falls back when names are missing', () => {
    expect(greeting(p('frau', 'Dr.', null, null), 'de')).toBe('Sehr geehrte Damen und Herren');
    expect(greeting(p('frau', 'Dr.', '  ', ''), 'de')).toBe('Sehr geehrte Damen und Herren');
    expect(greeting(p('frau', 'Dr.', 'Jana', null), 'de')).toBe('Guten Tag Jana');
    expect(greeting(p('herr', null, null, 'Schmidt'), 'de')).toBe('Sehr geehrter Herr Schmidt');
  });
});

describe('English formal greeting', () => {
  it('uses one title without a full stop, else Ms/Mr', () => {
    expect(greeting(p('frau', 'Dr.', 'Jana', 'Müller'), 'en')).toBe('Dear Dr Müller');
    expect(greeting(p('herr', 'Prof. Dr.', 'Jens', 'Schmidt'), 'en')).toBe('Dear Prof Schmidt');
    expect(greeting(p('frau', null, 'Jana', 'Müller'), 'en')).toBe('Dear Ms Müller');
    expect(greeting(p('herr', null, 'Jens', 'Schmidt'), 'en')).toBe('Dear Mr Schmidt');
    expect(greeting(p('divers', 'Dr.', 'Alex', 'Beispiel'), 'en')).toBe('Dear Dr Beispiel');
  });
  it('is neutral for divers/none and falls back without names', () => {
    expect(greeting(p('divers', null, 'Alex', 'Beispiel'), 'en')).toBe('Dear Alex Beispiel');
    expect(greeting(p('none', null, 'Alex', null), 'en')).toBe('Dear Alex');
    expect(greeting(p('frau', null, null, null), 'en')).toBe('Dear Sir or Madam');
    // Languages other than German greet in English.
    expect(greeting(p('frau', null, 'Jana', 'Müller'), 'fr')).toBe('Dear Ms Müller');
  });
});
