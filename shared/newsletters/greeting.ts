/**
 * The formal greeting line of a letter or mailing ("Sehr geehrte Frau Dr. Müller", "Dear Dr Müller"), from
 * what a person record holds: the salutation code (frau | herr | divers | none), the academic title as
 * stored ("Prof. Dr."), first and last name. The greeting carries no punctuation: the template writes
 * "{{salutation}}," itself, since German continues in lower case after the comma and English may not.
 *
 * German (DIN 5008 usage):
 * - Frau / Herr with a family name: "Sehr geehrte Frau Dr. Müller", "Sehr geehrter Herr Prof. Dr. Schmidt".
 * - divers, no salutation, or Frau / Herr without a family name: the neutral "Guten Tag" with the full name,
 *   title first when there is a family name to put it before: "Guten Tag Dr. Alex Beispiel", "Guten Tag Jana".
 *   A gendered form is never guessed from a first name.
 * - no name at all: "Sehr geehrte Damen und Herren".
 * - Titles are printed as stored, keeping only the parts German puts into a salutation: "Prof.", doctorates
 *   and the Austrian "Mag."/"Ing."; a doctorate's faculty ("Dr. rer. nat.", "Dr.-Ing.", "Dr. h. c.",
 *   "habil.") is left out of the salutation (it stays in the address), and so are degrees that are not
 *   forms of address (Dipl.-Ing., M.Sc., MBA, PhD …). Words the import kept as part of the title because
 *   they are how the person is addressed ("Ministerin", "Senator a. D.") are printed as written.
 *
 * English (British usage, decided here):
 * - one title only, without a full stop: "Dear Prof Schmidt" (Professor outranks Doctor; "Prof. Dr." is
 *   "Prof"), "Dear Dr Müller" (any doctorate, PhD included). Titles are gender-neutral, so they are used for
 *   every salutation code, divers included ("Dear Dr Beispiel").
 * - no title: "Dear Ms Müller" (Ms, not Mrs: marital status is none of our business), "Dear Mr Schmidt".
 * - divers, no salutation, or no family name: "Dear Alex Beispiel", "Dear Alex".
 * - no name at all: "Dear Sir or Madam".
 *
 * Names are kept exactly as written after cleaning whitespace and invisible debris (shared/contacts/
 * cleaning.ts): particles and compound names stay ("Herr von der Heide", "Frau Müller-Lüdenscheidt").
 */
import type { Salutation } from '../domain';
import { cleanText } from '../contacts/cleaning';
import { parseNamePrefix } from '../contacts/salutation';

export type GreetingLanguage = 'de' | 'en';

export interface GreetingPerson {
  /** Null or an unknown code is treated like "none". */
  salutation: Salutation | string | null;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
}

/** The language a message in `language` greets in: German for German, English for everything else. */
export function greetingLanguage(language: string): GreetingLanguage {
  return language.trim().toLowerCase() === 'de' ? 'de' : 'en';
}

export const GREETING_FALLBACK: Readonly<Record<GreetingLanguage, string>> = {
  de: 'Sehr geehrte Damen und Herren',
  en: 'Dear Sir or Madam',
};

interface TitleParts {
  professor: boolean;
  /** Number of doctorates ("Dr. Dr." is two). */
  doctorates: number;
  /** PhD counts as a doctorate in English only. */
  phd: boolean;
  /** Austrian forms of address that German salutations keep. */
  austrian: string[];
  /** Unrecognised words, as written. */
  rest: string;
}

function titleParts(title: string | null): TitleParts {
  const parts: TitleParts = { professor: false, doctorates: 0, phd: false, austrian: [], rest: '' };
  const text = title === null ? '' : cleanText(title);
  if (text === '') return parts;
  const { titles, rest } = parseNamePrefix(text);
  for (const t of titles) {
    if (t === 'Prof.') parts.professor = true;
    else if (t.startsWith('Dr.')) parts.doctorates += 1;
    else if (t === 'PhD') parts.phd = true;
    else if (t === 'Mag.' || t === 'Ing.') parts.austrian.push(t);
    // Everything else parseNamePrefix recognises (Dipl.-Ing., M.Sc., MBA, PD, habil. …) is no form of address.
  }
  parts.rest = rest;
  return parts;
}

/** The title as a German salutation prints it ("Prof. Dr.", "Dr.", "Mag."), or "" when none. */
export function germanSalutationTitle(title: string | null): string {
  const p = titleParts(title);
  const words: string[] = [];
  if (p.professor) words.push('Prof.');
  for (let i = 0; i < p.doctorates; i++) words.push('Dr.');
  words.push(...p.austrian);
  if (p.rest !== '') words.push(p.rest);
  return words.join(' ');
}

/** The one title a British salutation uses ("Prof", "Dr"), or "" when none. */
export function englishSalutationTitle(title: string | null): string {
  const p = titleParts(title);
  if (p.professor) return 'Prof';
  if (p.doctorates > 0 || p.phd) return 'Dr';
  return '';
}

function clean(value: string | null): string {
  return value === null ? '' : cleanText(value);
}

function join(...words: string[]): string {
  return words.filter((w) => w !== '').join(' ');
}

/** The greeting line for `person` in a message written in `language` ("de", "en"; others greet in English). */
export function greeting(person: GreetingPerson, language: string): string {
  const lang = greetingLanguage(language);
  const first = clean(person.firstName);
  const last = clean(person.lastName);
  if (first === '' && last === '') return GREETING_FALLBACK[lang];
  const gendered = person.salutation === 'frau' || person.salutation === 'herr';

  if (lang === 'de') {
    const title = germanSalutationTitle(person.title);
    if (gendered && last !== '') {
      return join(person.salutation === 'frau' ? 'Sehr geehrte Frau' : 'Sehr geehrter Herr', title, last);
    }
    // A title stands before a family name, never before a first name alone ("Guten Tag Dr. Alex" is wrong).
    return join('Guten Tag', last === '' ? '' : title, first, last);
  }

  const title = englishSalutationTitle(person.title);
  if (last !== '' && title !== '') return join('Dear', title, last);
  if (gendered && last !== '') return join('Dear', person.salutation === 'frau' ? 'Ms' : 'Mr', last);
  return join('Dear', first, last);
}
