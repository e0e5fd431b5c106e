/** Numbers, dates, countries and languages in the UI language; one memoised set per language. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  language: string;
  number(n: number): string;
  /** A calendar date stored as YYYY-MM-DD; never shifted by the local time zone. */
  date(iso: string | null | undefined): string;
  /** An ISO timestamp, with time of day, in the local time zone. */
  dateTime(iso: string): string;
  /** ISO 3166 code to the country's name ("DE" → "Deutschland"); unknown codes stay as they are. */
  country(code: string | null | undefined): string;
  /** ISO 639-1 code to the language's name ("fr" → "Französisch"). */
  languageName(code: string): string;
}

export const EMPTY = '—';

function displayNames(lang: string, type: 'region' | 'language'): Intl.DisplayNames | undefined {
  try {
    return new Intl.DisplayNames([lang], { type, fallback: 'code' });
  } catch {
    // Engines without DisplayNames data show the plain codes, which people in the office also read.
    return undefined;
  }
}

export function makeFormatters(lang: string): Formatters {
  const num = new Intl.NumberFormat(lang);
  const day = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' });
  const stamp = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const regions = displayNames(lang, 'region');
  const languages = displayNames(lang, 'language');
  const countryNames = new Map<string, string>();
  const languageNames = new Map<string, string>();
  return {
    language: lang,
    number: (n) => num.format(n),
    date: (iso) => {
      if (!iso) return EMPTY;
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
      if (!m) return iso;
      return day.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
    },
    dateTime: (iso) => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : stamp.format(d);
    },
    // Remembered per formatter: Intl.DisplayNames costs a few microseconds a call, and a scrolling table asks
    // for the same few names thousands of times.
    country: (code) => {
      if (!code) return EMPTY;
      let name = countryNames.get(code);
      if (name === undefined) {
        try {
          name = regions?.of(code) ?? code;
        } catch {
          name = code;
        }
        countryNames.set(code, name);
      }
      return name;
    },
    languageName: (code) => {
      let name = languageNames.get(code);
      if (name === undefined) {
        try {
          name = languages?.of(code) ?? code;
        } catch {
          name = code;
        }
        languageNames.set(code, name);
      }
      return name;
    },
  };
}

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  return useMemo(() => makeFormatters(i18n.language), [i18n.language]);
}

/** What a person is called in lists: title, first and last name; the e-mail when no name is known. */
export function personName(p: { title: string | null; firstName: string | null; lastName: string | null; email: string | null; id: number }): string {
  const name = [p.title, p.firstName, p.lastName].filter((s): s is string => !!s && s.trim() !== '').join(' ');
  return name || p.email || `#${p.id}`;
}
