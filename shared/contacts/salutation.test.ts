import { describe, expect, it } from 'vitest';
import { parseNamePrefix, parseSalutation, splitFullName } from './salutation';

describe('parseSalutation', () => {
  it('reads salutations in German, English and French', () => {
    const cases: [string, string][] = [
      ['Frau', 'frau'],
      ['Fr.', 'frau'],
      ['FRAU', 'frau'],
      ['Herr', 'herr'],
      ['Herrn', 'herr'],
      ['Hr.', 'herr'],
      ['Mrs', 'frau'],
      ['Mrs.', 'frau'],
      ['Ms', 'frau'],
      ['Ms.', 'frau'],
      ['Miss', 'frau'],
      ['Mr', 'herr'],
      ['Mr.', 'herr'],
      ['Madame', 'frau'],
      ['Mme', 'frau'],
      ['Mme.', 'frau'],
      ['Monsieur', 'herr'],
      ['M.', 'herr'],
      ['divers', 'divers'],
      ['Mx', 'divers'],
      ['Mx.', 'divers'],
      ['', 'none'],
      ['Firma', 'none'],
      ['w', 'frau'],
      ['m', 'herr'],
      ['d', 'divers'],
      ['weiblich', 'frau'],
      ['Male', 'herr'],
    ];
    for (const [value, salutation] of cases) {
      expect(parseSalutation(value), value).toEqual({ salutation, title: null });
    }
  });

  it('extracts titles in a normalised spelling', () => {
    const cases: [string, string, string][] = [
      ['Frau Dr.', 'frau', 'Dr.'],
      ['Herr Prof. Dr.-Ing.', 'herr', 'Prof. Dr.-Ing.'],
      ['Dr.', 'none', 'Dr.'],
      ['Prof.', 'none', 'Prof.'],
      ['Prof. Dr.', 'none', 'Prof. Dr.'],
      ['prof dr', 'none', 'Prof. Dr.'],
      ['Prof.Dr.', 'none', 'Prof. Dr.'],
      ['Professor Dr.', 'none', 'Prof. Dr.'],
      ['Dipl.-Ing.', 'none', 'Dipl.-Ing.'],
      ['Dipl. Ing.', 'none', 'Dipl.-Ing.'],
      ['Herr Dipl.-Ing. (FH)', 'herr', 'Dipl.-Ing. (FH)'],
      ['Herr Dipl.-Wirt.-Ing.', 'herr', 'Dipl.-Wirt.-Ing.'],
      ['Frau Dr. rer. nat.', 'frau', 'Dr. rer. nat.'],
      ['Herr Dr. med.', 'herr', 'Dr. med.'],
      ['Dr. Ing.', 'none', 'Dr.-Ing.'],
      ['Prof. Dr.-Ing. habil.', 'none', 'Prof. Dr.-Ing. habil.'],
      ['Prof. Dr. Dr. h.c.', 'none', 'Prof. Dr. Dr. h. c.'],
      ['Mrs Dr', 'frau', 'Dr.'],
      ['Mme Prof.', 'frau', 'Prof.'],
      ['Frau Ministerin', 'frau', 'Ministerin'],
      ['Dr. Prof.', 'none', 'Prof. Dr.'],
      ['Herr Dipl.-Ing. Dr.', 'herr', 'Dr. Dipl.-Ing.'],
    ];
    for (const [value, salutation, title] of cases) {
      expect(parseSalutation(value), value).toEqual({ salutation, title });
    }
  });

  it('treats a cell that addresses two people or says nothing known as none', () => {
    expect(parseSalutation('Herr und Frau')).toEqual({ salutation: 'none', title: null });
    expect(parseSalutation('Frau/Herr')).toEqual({ salutation: 'none', title: null });
    expect(parseSalutation('Sehr geehrte Damen und Herren')).toEqual({ salutation: 'none', title: null });
    expect(parseSalutation('Sehr geehrte Frau Dr.')).toEqual({ salutation: 'frau', title: 'Dr.' });
  });

  it('does not take names for salutations', () => {
    expect(parseNamePrefix('Frauke Herrmann')).toEqual({ salutation: null, titles: [], rest: 'Frauke Herrmann' });
    expect(parseNamePrefix('Drago Profeta')).toEqual({ salutation: null, titles: [], rest: 'Drago Profeta' });
    expect(parseNamePrefix('Mann')).toEqual({ salutation: null, titles: [], rest: 'Mann' });
  });
});

describe('splitFullName', () => {
  const cases: [string, { first: string | null; last: string | null; title: string | null; salutation: string }][] = [
    ['Jana Müller', { first: 'Jana', last: 'Müller', title: null, salutation: 'none' }],
    ['Dr. Jana Müller', { first: 'Jana', last: 'Müller', title: 'Dr.', salutation: 'none' }],
    ['Müller, Jana', { first: 'Jana', last: 'Müller', title: null, salutation: 'none' }],
    ['Müller, Dr. Jana', { first: 'Jana', last: 'Müller', title: 'Dr.', salutation: 'none' }],
    ['Prof. Dr. Hans-Peter von der Heide', { first: 'Hans-Peter', last: 'von der Heide', title: 'Prof. Dr.', salutation: 'none' }],
    ['von der Heide, Hans-Peter', { first: 'Hans-Peter', last: 'von der Heide', title: null, salutation: 'none' }],
    ['Frau Prof. Dr. Jana Maria Müller', { first: 'Jana Maria', last: 'Müller', title: 'Prof. Dr.', salutation: 'frau' }],
    ['Jana Müller, PhD', { first: 'Jana', last: 'Müller', title: 'PhD', salutation: 'none' }],
    ['Jana Müller M.Sc.', { first: 'Jana', last: 'Müller', title: 'M.Sc.', salutation: 'none' }],
    ['Ursula von der Leyen', { first: 'Ursula', last: 'von der Leyen', title: null, salutation: 'none' }],
    ['Pieter van den Berg', { first: 'Pieter', last: 'van den Berg', title: null, salutation: 'none' }],
    ['Jean de La Fontaine', { first: 'Jean', last: 'de La Fontaine', title: null, salutation: 'none' }],
    ['Marie du Pont', { first: 'Marie', last: 'du Pont', title: null, salutation: 'none' }],
    ['Anne Le Goff', { first: 'Anne', last: 'Le Goff', title: null, salutation: 'none' }],
    ['Karl-Theodor zu Guttenberg', { first: 'Karl-Theodor', last: 'zu Guttenberg', title: null, salutation: 'none' }],
    ['Mme Camille Dubois', { first: 'Camille', last: 'Dubois', title: null, salutation: 'frau' }],
    ['M. Jean Dupont', { first: 'Jean', last: 'Dupont', title: null, salutation: 'herr' }],
    ['Minh Le', { first: 'Minh', last: 'Le', title: null, salutation: 'none' }],
    ['Steffi Graf', { first: 'Steffi', last: 'Graf', title: null, salutation: 'none' }],
    ['Herr Müller', { first: null, last: 'Müller', title: null, salutation: 'herr' }],
    ['Müller', { first: null, last: 'Müller', title: null, salutation: 'none' }],
    ['Mu\u0308ller,\u00A0Jana', { first: 'Jana', last: 'Müller', title: null, salutation: 'none' }],
    ['', { first: null, last: null, title: null, salutation: 'none' }],
  ];
  for (const [value, expected] of cases) {
    it(`splits ${JSON.stringify(value)}`, () => {
      expect(splitFullName(value)).toEqual(expected);
    });
  }
});
