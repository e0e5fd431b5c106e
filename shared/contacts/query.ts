/**
 * The contact search syntax: free words plus `field:value` filters, e.g.
 *   müller kind:startup funded:no country:DE topic:"Additive Fertigung" key:yes consent:newsletter stale:yes
 * The search box, the filter panel, the CLI's --query and (later) the segment builder all read and write
 * this one syntax, so a filter set in the UI can be pasted into the CLI and back.
 */
import { z } from 'zod';
import { CONSENT_PURPOSES, INFORMATION_KINDS, MEMBERSHIPS, ORGANISATION_KINDS, PERSON_STATUSES } from '../domain';

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;

const yesNo = z.enum(['yes', 'no']);

/** Every filter key with the values it accepts; `null` means free text. */
export const FILTER_KEYS = {
  kind: z.enum(ORGANISATION_KINDS),
  size: z.enum(SIZE_CLASSES),
  funded: yesNo,
  membership: z.enum(MEMBERSHIPS),
  country: z.string().regex(/^[A-Z]{2}$/),
  topic: z.string().min(1),
  interest: z.enum(INFORMATION_KINDS),
  region: z.string().min(1),
  lang: z.string().regex(/^[a-z]{2}$/),
  key: yesNo,
  consent: z.enum([...CONSENT_PURPOSES, 'none']),
  status: z.enum(PERSON_STATUSES),
  stale: yesNo,
  tag: z.string().min(1),
  org: z.string().min(1),
  project: z.string().min(1),
  source: z.string().min(1),
  recontact: z.enum(['due']),
} as const;
export type FilterKey = keyof typeof FILTER_KEYS;
export const FILTER_KEY_NAMES = Object.keys(FILTER_KEYS) as FilterKey[];

/** English and German aliases people type. */
const KEY_ALIASES: Record<string, FilterKey> = {
  art: 'kind',
  typ: 'kind',
  type: 'kind',
  groesse: 'size',
  größe: 'size',
  gefoerdert: 'funded',
  gefördert: 'funded',
  mitgliedschaft: 'membership',
  land: 'country',
  thema: 'topic',
  interesse: 'interest',
  region: 'region',
  partnerregion: 'region',
  sprache: 'lang',
  language: 'lang',
  schluessel: 'key',
  ansprechpartner: 'key',
  einwilligung: 'consent',
  veraltet: 'stale',
  organisation: 'org',
  organization: 'org',
  firma: 'org',
  projekt: 'project',
  quelle: 'source',
  wiedervorlage: 'recontact',
};

/** Keys whose values are names the user typed; their case is kept. */
const FREE_TEXT_KEYS = new Set<FilterKey>(['topic', 'region', 'tag', 'org', 'project', 'source']);

const VALUE_ALIASES: Record<string, string> = { ja: 'yes', nein: 'no', true: 'yes', false: 'no', j: 'yes', n: 'no' };

export const Filter = z.object({
  key: z.enum(FILTER_KEY_NAMES as [FilterKey, ...FilterKey[]]),
  value: z.string(),
  negated: z.boolean(),
});
export type Filter = z.infer<typeof Filter>;

export const ContactQuery = z.object({
  words: z.array(z.string()),
  filters: z.array(Filter),
});
export type ContactQuery = z.infer<typeof ContactQuery>;

export interface QueryProblem {
  token: string;
  /** For translation in the UI; `message` is the English text for the CLI. */
  code: 'unknown_key' | 'bad_value';
  key: string;
  message: string;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  // A token is a run of non-space characters where "quoted parts" may contain spaces: topic:"Additive Fertigung".
  const re = /(?:[^\s"]+|"[^"]*"?)+/g;
  for (const m of text.matchAll(re)) tokens.push(m[0]);
  return tokens;
}

function unquote(s: string): string {
  return s.replace(/^"/, '').replace(/"$/, '');
}

/** Parses leniently: unknown keys and bad values are reported and left out, never thrown. */
export function parseQuery(text: string): { query: ContactQuery; problems: QueryProblem[] } {
  const words: string[] = [];
  const filters: Filter[] = [];
  const problems: QueryProblem[] = [];
  for (const token of tokenize(text.normalize('NFC'))) {
    const m = /^(-?)([A-Za-zÄÖÜäöüß]+):(.*)$/.exec(token);
    // "https://…" is a word, not a filter named https.
    if (!m || (m[3] ?? '').startsWith('//')) {
      const w = unquote(token).trim();
      if (w) words.push(w);
      continue;
    }
    const [, neg, rawKey = '', rawValue = ''] = m;
    const lower = rawKey.toLowerCase();
    const key: FilterKey | undefined = (FILTER_KEY_NAMES as string[]).includes(lower) ? (lower as FilterKey) : KEY_ALIASES[lower];
    if (!key) {
      problems.push({ token, code: 'unknown_key', key: rawKey, message: `Unknown filter "${rawKey}". Known: ${FILTER_KEY_NAMES.join(', ')}.` });
      continue;
    }
    let value = unquote(rawValue).trim();
    const aliased = VALUE_ALIASES[value.toLowerCase()];
    if (aliased) value = aliased;
    if (key === 'country') value = value.toUpperCase();
    else if (!FREE_TEXT_KEYS.has(key)) value = value.toLowerCase();
    const ok = FILTER_KEYS[key].safeParse(value);
    if (!ok.success) {
      problems.push({ token, code: 'bad_value', key, message: `"${value}" is not a valid value for ${key}.` });
      continue;
    }
    filters.push({ key, value, negated: neg === '-' });
  }
  return { query: { words, filters }, problems };
}

function quoteIfNeeded(v: string): string {
  return /[\s"]/.test(v) ? `"${v.replaceAll('"', '')}"` : v;
}

/** The inverse of parseQuery, so UI filter changes show up in the search box as text. */
export function formatQuery(q: ContactQuery): string {
  const parts = [
    ...q.words.map(quoteIfNeeded),
    ...q.filters.map((f) => `${f.negated ? '-' : ''}${f.key}:${quoteIfNeeded(f.value)}`),
  ];
  return parts.join(' ');
}
