/**
 * The contact search syntax and the rule it stands for. A rule is a tree: AND / OR groups, NOT, free words
 * and `key:value` filters, e.g.
 *   müller kind:startup (country:DE OR country:AT) -funded:yes topic:"Additive Fertigung" verified:<2025-01-01
 * The search box, the filter panel, the CLI's --query and the segment builder all read and write this one
 * syntax: `parseQuery` turns text into a rule, `formatQuery` turns a rule back into text, so the builder and
 * the search text are two views of one rule and a filter set in the UI can be pasted into the CLI and back.
 *
 * Meaning (the SQL compiler in ./sql.ts and the in-memory evaluator used by the tests both follow this):
 * - terms next to each other are ANDed; `OR` (or `ODER`) binds weaker than AND; `-term`, `-( … )` and
 *   `NOT`/`NICHT` negate; parentheses group. An empty AND is "everyone", an empty OR is "no one".
 * - a free word matches when one word of the person's name, title, e-mail or organisation names starts with it
 *   (case and diacritics ignored, ä = ae).
 * - every filter is true or false for every person, never unknown, so `count(Q) + count(-Q) = count(all)`.
 */
import { z } from 'zod';
import { CONSENT_PURPOSES, INFORMATION_KINDS, MEMBERSHIPS, ORGANISATION_KINDS, PERSON_STATUSES, SALUTATIONS } from '../domain';

export const SIZE_CLASSES = ['micro', 'small', 'medium', 'large'] as const;

const yesNo = z.enum(['yes', 'no']);
const isoDate = z.iso.date();

/**
 * What `received:` means: a message (newsletter or mailing) was sent to the person, optionally one carrying
 * an item on `topic`, optionally on or after `since`. Written `received:*`, `received:Leichtbau`,
 * `received:*>=2026-01-01` or `received:Leichtbau>=2026-01-01`.
 */
export const RECEIVED_VALUE = /^(?<topic>[^>]+?)(?:>=(?<since>\d{4}-\d{2}-\d{2}))?$/;

/** Every filter key with the values it accepts. */
export const FILTER_KEYS = {
  kind: z.enum(ORGANISATION_KINDS),
  size: z.enum(SIZE_CLASSES),
  funded: yesNo,
  member: yesNo,
  membership: z.enum(MEMBERSHIPS),
  country: z.string().regex(/^[A-Z]{2}$/),
  city: z.string().min(1),
  network: z.string().min(1),
  employees: z.string().regex(/^\d{1,9}$/),
  topic: z.string().min(1),
  interest: z.enum(INFORMATION_KINDS),
  region: z.string().min(1),
  lang: z.string().regex(/^[a-z]{2}$/),
  salutation: z.enum(SALUTATIONS),
  function: z.string().min(1),
  email: z.string().min(1),
  key: yesNo,
  consent: z.enum([...CONSENT_PURPOSES, 'none']),
  status: z.enum(PERSON_STATUSES),
  stale: yesNo,
  verified: z.union([isoDate, z.literal('never')]),
  tag: z.string().min(1),
  org: z.string().min(1),
  project: z.string().min(1),
  source: z.string().min(1),
  recontact: z.enum(['due']),
  received: z.string().regex(RECEIVED_VALUE),
  segment: z.string().min(1),
} as const;
export type FilterKey = keyof typeof FILTER_KEYS;
export const FILTER_KEY_NAMES = Object.keys(FILTER_KEYS) as FilterKey[];

/** Keys whose values compare by order; the others only by equality. */
export const ORDERED_KEYS = new Set<FilterKey>(['employees', 'verified']);

export const COMPARATORS = ['=', '<', '<=', '>', '>='] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** English and German aliases people type. */
const KEY_ALIASES: Record<string, FilterKey> = {
  art: 'kind',
  typ: 'kind',
  type: 'kind',
  groesse: 'size',
  größe: 'size',
  gefoerdert: 'funded',
  gefördert: 'funded',
  mitglied: 'member',
  mitgliedschaft: 'membership',
  land: 'country',
  ort: 'city',
  stadt: 'city',
  netzwerk: 'network',
  mitarbeiter: 'employees',
  beschaeftigte: 'employees',
  beschäftigte: 'employees',
  thema: 'topic',
  interesse: 'interest',
  partnerregion: 'region',
  sprache: 'lang',
  language: 'lang',
  anrede: 'salutation',
  funktion: 'function',
  mail: 'email',
  schluessel: 'key',
  ansprechpartner: 'key',
  einwilligung: 'consent',
  veraltet: 'stale',
  geprueft: 'verified',
  geprüft: 'verified',
  schlagwort: 'tag',
  organisation: 'org',
  organization: 'org',
  firma: 'org',
  projekt: 'project',
  quelle: 'source',
  wiedervorlage: 'recontact',
  erhalten: 'received',
  segment: 'segment',
  zielgruppe: 'segment',
};

/** Keys whose values are names the user typed; their case is kept. */
export const FREE_TEXT_KEYS = new Set<FilterKey>(['topic', 'region', 'tag', 'org', 'project', 'source', 'city', 'network', 'function', 'email', 'received', 'segment']);

const VALUE_ALIASES: Record<string, string> = { ja: 'yes', nein: 'no', true: 'yes', false: 'no', j: 'yes', n: 'no', nie: 'never' };

export const Filter = z.object({
  type: z.literal('filter'),
  key: z.enum(FILTER_KEY_NAMES as [FilterKey, ...FilterKey[]]),
  op: z.enum(COMPARATORS),
  value: z.string().min(1).max(500),
});
export type Filter = z.infer<typeof Filter>;

export const Word = z.object({ type: z.literal('word'), text: z.string().min(1).max(500) });
export type Word = z.infer<typeof Word>;

export type Rule = Filter | Word | { type: 'and' | 'or'; children: Rule[] } | { type: 'not'; child: Rule };

/** Rules arrive as JSON from the renderer and from saved segments; depth and size are bounded. */
export const Rule: z.ZodType<Rule> = z.lazy(() =>
  z.union([
    Filter,
    Word,
    z.object({ type: z.enum(['and', 'or']), children: z.array(Rule).max(200) }),
    z.object({ type: z.literal('not'), child: Rule }),
  ]),
);

export const ALL: Rule = { type: 'and', children: [] };

export type QueryProblemCode = 'unknown_key' | 'bad_value' | 'bad_comparator' | 'unbalanced' | 'dangling_operator' | 'empty_group';

export interface QueryProblem {
  /** The text at fault, as typed. */
  token: string;
  /** Character offsets into the query text, so the UI and the CLI can point at it. */
  start: number;
  end: number;
  /** For translation in the UI; `message` is the English text for the CLI. */
  code: QueryProblemCode;
  key: string;
  message: string;
}

interface Token {
  kind: 'term' | 'open' | 'close' | 'or' | 'not' | 'and';
  text: string;
  start: number;
  end: number;
  negated: boolean;
}

const OR_WORDS = new Set(['OR', 'ODER', '|', '||']);
const NOT_WORDS = new Set(['NOT', 'NICHT']);
const AND_WORDS = new Set(['AND', 'UND', '&&']);

/** Splits text into terms, parentheses and the upper-case operator words; quoted parts may hold spaces. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // A run of non-space characters in which "quoted parts" may contain spaces: topic:"Additive Fertigung".
  const re = /(?:[^\s"]+|"[^"]*"?)+/g;
  for (const m of text.matchAll(re)) {
    let s = m[0];
    let start = m.index;
    // Leading "(" and "-(" open groups; a leading "-" before a group negates it.
    for (;;) {
      if (s.startsWith('(')) {
        tokens.push({ kind: 'open', text: '(', start, end: start + 1, negated: false });
        s = s.slice(1);
        start += 1;
      } else if (s.startsWith('-(')) {
        tokens.push({ kind: 'open', text: '-(', start, end: start + 2, negated: true });
        s = s.slice(2);
        start += 2;
      } else break;
    }
    // Trailing ")" close groups, unless they close a "(" inside the same word, as in "Lehrstuhl(TU)".
    const count = (str: string, c: string): number => str.replace(/"[^"]*"?/g, '').split(c).length - 1;
    let closes = 0;
    while (s.endsWith(')') && count(s, '(') < count(s, ')')) {
      s = s.slice(0, -1);
      closes += 1;
    }
    if (s !== '') {
      const kind: Token['kind'] = OR_WORDS.has(s) ? 'or' : NOT_WORDS.has(s) ? 'not' : AND_WORDS.has(s) ? 'and' : 'term';
      tokens.push({ kind, text: s, start, end: start + s.length, negated: false });
    }
    for (let i = 0; i < closes; i++) {
      const at = start + s.length + i;
      tokens.push({ kind: 'close', text: ')', start: at, end: at + 1, negated: false });
    }
  }
  return tokens;
}

function unquote(s: string): string {
  return s.replace(/^"/, '').replace(/"$/, '');
}

function resolveKey(raw: string): FilterKey | undefined {
  const lower = raw.toLowerCase();
  return (FILTER_KEY_NAMES as string[]).includes(lower) ? (lower as FilterKey) : KEY_ALIASES[lower];
}

/** Normalises a typed value the way the parser does (aliases, case), so the builder can use it too. */
export function normaliseValue(key: FilterKey, raw: string): string {
  let value = unquote(raw).trim().normalize('NFC');
  const aliased = VALUE_ALIASES[value.toLowerCase()];
  if (aliased && !FREE_TEXT_KEYS.has(key)) value = aliased;
  if (key === 'country') return value.toUpperCase();
  if (!FREE_TEXT_KEYS.has(key)) return value.toLowerCase();
  return value;
}

/** Why a filter's value is not acceptable, or undefined when it is. */
export function valueProblem(f: Pick<Filter, 'key' | 'op' | 'value'>): Extract<QueryProblemCode, 'bad_value' | 'bad_comparator'> | undefined {
  if (f.op !== '=' && !ORDERED_KEYS.has(f.key)) return 'bad_comparator';
  if (f.key === 'verified' && f.value === 'never' && f.op !== '=') return 'bad_comparator';
  return FILTER_KEYS[f.key].safeParse(f.value).success ? undefined : 'bad_value';
}

/** One term: a word, or a filter with its comparator split off (`verified:<2025-01-01`). */
function parseTerm(tok: Token, problems: QueryProblem[]): Rule | undefined {
  // Composed here rather than before tokenizing, so positions stay offsets into the text as typed (a macOS
  // paste brings "u" + combining diaeresis, one character more than "ü"), while keys like größe still resolve.
  let text = tok.text.normalize('NFC');
  let negated = false;
  if (text.startsWith('-') && text.length > 1) {
    negated = true;
    text = text.slice(1);
  }
  const m = /^([A-Za-zÄÖÜäöüß]+):(.*)$/s.exec(text);
  // "https://…" is a word, not a filter named https.
  let rule: Rule | undefined;
  if (!m || (m[2] ?? '').startsWith('//')) {
    const w = unquote(text).trim().normalize('NFC');
    rule = w ? { type: 'word', text: w } : undefined;
  } else {
    const [, rawKey = '', rest = ''] = m;
    const key = resolveKey(rawKey);
    const at = { token: tok.text, start: tok.start, end: tok.end };
    if (!key) {
      problems.push({ ...at, code: 'unknown_key', key: rawKey, message: `Unknown filter "${rawKey}" at position ${tok.start + 1}. Known: ${FILTER_KEY_NAMES.join(', ')}.` });
      return undefined;
    }
    let op: Comparator = '=';
    let raw = rest;
    const cm = key === 'received' ? null : /^(<=|>=|<|>|=)(.*)$/s.exec(rest);
    if (cm) {
      op = cm[1] as Comparator;
      raw = cm[2] ?? '';
    }
    const value = normaliseValue(key, raw);
    const problem = value === '' ? 'bad_value' : valueProblem({ key, op, value });
    if (problem) {
      const message =
        problem === 'bad_comparator'
          ? `"${op}" cannot be used with ${key} (position ${tok.start + 1}); only ${[...ORDERED_KEYS].join(', ')} compare by order.`
          : `"${value}" is not a valid value for ${key} (position ${tok.start + 1}).`;
      problems.push({ ...at, code: problem, key, message });
      return undefined;
    }
    rule = { type: 'filter', key, op, value };
  }
  return rule && negated ? { type: 'not', child: rule } : rule;
}

/** Flattens nested groups of the same kind and unwraps one-child groups. */
export function simplify(rule: Rule): Rule {
  if (rule.type === 'not') {
    const child = simplify(rule.child);
    return child.type === 'not' ? child.child : { type: 'not', child };
  }
  if (rule.type !== 'and' && rule.type !== 'or') return rule;
  const children: Rule[] = [];
  for (const c of rule.children.map(simplify)) {
    if (c.type === rule.type) children.push(...c.children);
    else children.push(c);
  }
  if (children.length === 1 && children[0]) return children[0];
  return { type: rule.type, children };
}

/**
 * Parses leniently: unknown keys, bad values and unbalanced parentheses are reported with their position and
 * left out (or closed), never thrown, so the search box keeps working while the user types.
 */
export function parseQuery(input: string): { rule: Rule; problems: QueryProblem[] } {
  const tokens = tokenize(input);
  const problems: QueryProblem[] = [];
  let i = 0;
  const problemAt = (tok: Token, code: QueryProblemCode, message: string): void => {
    problems.push({ token: tok.text, start: tok.start, end: tok.end, code, key: '', message });
  };

  // or := and (OR and)* ; and := unary* ; unary := (NOT | -)? ( "(" or ")" | term )
  const parseOr = (depth: number): Rule => {
    const alternatives: Rule[] = [parseAnd(depth)];
    while (i < tokens.length && tokens[i]?.kind === 'or') {
      const orTok = tokens[i] as Token;
      i += 1;
      const next = parseAnd(depth);
      if (isEmpty(next) || isEmpty(alternatives[alternatives.length - 1] as Rule)) {
        problemAt(orTok, 'dangling_operator', `"${orTok.text}" at position ${orTok.start + 1} needs a term on both sides.`);
      }
      alternatives.push(next);
    }
    const kept = alternatives.filter((a) => !isEmpty(a));
    return kept.length === 1 && kept[0] ? kept[0] : kept.length === 0 ? ALL : { type: 'or', children: kept };
  };
  const parseAnd = (depth: number): Rule => {
    const parts: Rule[] = [];
    while (i < tokens.length) {
      const tok = tokens[i] as Token;
      if (tok.kind === 'or') break;
      if (tok.kind === 'close') {
        if (depth > 0) break;
        problemAt(tok, 'unbalanced', `")" at position ${tok.start + 1} closes nothing.`);
        i += 1;
        continue;
      }
      const u = parseUnary(depth);
      if (u) parts.push(u);
    }
    return parts.length === 1 && parts[0] ? parts[0] : { type: 'and', children: parts };
  };
  const parseUnary = (depth: number): Rule | undefined => {
    const tok = tokens[i] as Token;
    i += 1;
    if (tok.kind === 'and') return undefined;
    if (tok.kind === 'not') {
      const next = tokens[i];
      if (!next || next.kind === 'close' || next.kind === 'or') {
        problemAt(tok, 'dangling_operator', `"${tok.text}" at position ${tok.start + 1} needs a term after it.`);
        return undefined;
      }
      const inner = parseUnary(depth);
      return inner ? { type: 'not', child: inner } : undefined;
    }
    if (tok.kind === 'open') {
      const inner = parseOr(depth + 1);
      if (tokens[i]?.kind === 'close') i += 1;
      else problemAt(tok, 'unbalanced', `"(" at position ${tok.start + 1} is never closed.`);
      if (isEmpty(inner)) {
        problemAt(tok, 'empty_group', `The parentheses at position ${tok.start + 1} are empty.`);
        return undefined;
      }
      return tok.negated ? { type: 'not', child: inner } : inner;
    }
    return parseTerm(tok, problems);
  };

  const rule = parseOr(0);
  return { rule: simplify(rule), problems };
}

function isEmpty(r: Rule): boolean {
  return r.type === 'and' && r.children.length === 0;
}

function quoteIfNeeded(v: string): string {
  // Quotes protect spaces and the characters the tokenizer treats specially; a value cannot contain quotes.
  return /[\s"()]/.test(v) || OR_WORDS.has(v) || NOT_WORDS.has(v) || AND_WORDS.has(v) || v.startsWith('-') ? `"${v.replaceAll('"', '')}"` : v;
}

export function formatFilter(f: Pick<Filter, 'key' | 'op' | 'value'>): string {
  return `${f.key}:${f.op === '=' ? '' : f.op}${quoteIfNeeded(f.value)}`;
}

/**
 * The inverse of parseQuery, so a rule built with the builder shows up in the search box as text. Only the
 * parentheses the meaning needs are written: AND binds tighter than OR.
 */
export function formatQuery(rule: Rule): string {
  const fmt = (r: Rule, parent: 'and' | 'or' | 'not' | 'top'): string => {
    switch (r.type) {
      case 'word':
        return quoteIfNeeded(r.text);
      case 'filter':
        return formatFilter(r);
      case 'not': {
        const inner = fmt(r.child, 'not');
        return r.child.type === 'word' || r.child.type === 'filter' ? `-${inner}` : `-${inner.startsWith('(') ? inner : `(${inner})`}`;
      }
      case 'and': {
        if (r.children.length === 0) return parent === 'top' ? '' : '()';
        const s = r.children.map((c) => fmt(c, 'and')).join(' ');
        return parent === 'not' && r.children.length > 1 ? `(${s})` : s;
      }
      case 'or': {
        if (r.children.length === 0) return '-()';
        const s = r.children.map((c) => fmt(c, 'or')).join(' OR ');
        return parent === 'top' || r.children.length === 1 ? s : `(${s})`;
      }
    }
  };
  return fmt(simplify(rule), 'top');
}

/** The terms ANDed at the top of a rule: what the filter panel shows and edits. */
export function conjuncts(rule: Rule): Rule[] {
  if (rule.type === 'and') return rule.children;
  return [rule];
}

/** Every filter anywhere in a rule, for reference checks. */
export function filtersOf(rule: Rule): Filter[] {
  switch (rule.type) {
    case 'filter':
      return [rule];
    case 'word':
      return [];
    case 'not':
      return filtersOf(rule.child);
    default:
      return rule.children.flatMap(filtersOf);
  }
}

/** Topic, tag, project … names a `received:` value refers to: the part before `>=`, `*` meaning any. */
export function receivedParts(value: string): { topic: string | null; since: string | null } {
  const m = RECEIVED_VALUE.exec(value);
  const topic = m?.groups?.topic?.trim() ?? '*';
  return { topic: topic === '*' ? null : topic, since: m?.groups?.since ?? null };
}

/**
 * A name as the database compares it: `COLLATE NOCASE` and LIKE fold the ASCII letters only, so "Ätzen" and
 * "ätzen" are two names there (the UNIQUE constraints allow both) and `topic:ätzen` does not find "Ätzen".
 * Reference checks and renames must compare the same way, or a filter that matches no one goes unreported.
 */
export function nocase(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** The names a rule may refer to, as the database knows them (compared case-insensitively, see `nocase`). */
export interface KnownNames {
  topic: readonly string[];
  tag: readonly string[];
  region: readonly string[];
  network: readonly string[];
  /** Project acronyms and titles; `project:` matches an acronym exactly or a part of a title. */
  project: readonly { acronym: string; title: string }[];
}

export interface ReferenceProblem {
  code: 'unknown_reference';
  key: FilterKey;
  token: string;
  message: string;
}

/**
 * Filters that name a topic, tag, partner region, network or project that does not exist (any more): such a
 * rule matches no one for that term, which the user must see rather than a silently empty audience.
 */
export function referenceProblems(rule: Rule, known: KnownNames): ReferenceProblem[] {
  const has = (list: readonly string[], v: string): boolean => list.some((x) => nocase(x) === nocase(v));
  const problems: ReferenceProblem[] = [];
  const seen = new Set<string>();
  for (const f of filtersOf(rule)) {
    let missing = false;
    let what = f.key as string;
    let name = f.value;
    if (f.key === 'topic' || f.key === 'tag' || f.key === 'region' || f.key === 'network') missing = !has(known[f.key], f.value);
    else if (f.key === 'project') {
      const v = nocase(f.value);
      missing = !known.project.some((p) => nocase(p.acronym) === v || nocase(p.title).includes(v));
    } else if (f.key === 'received') {
      const topic = receivedParts(f.value).topic;
      if (topic !== null) {
        missing = !has(known.topic, topic);
        what = 'topic';
        name = topic;
      }
    }
    const token = formatFilter(f);
    if (missing && !seen.has(token)) {
      seen.add(token);
      problems.push({ code: 'unknown_reference', key: f.key, token, message: `There is no ${what} named "${name}" (${token}); it matches no one.` });
    }
  }
  return problems;
}

/** The rule with every `key:from` filter (names compared case-insensitively) now naming `to`. */
export function renameReferences(rule: Rule, key: FilterKey, from: string, to: string): Rule {
  const same = (v: string): boolean => nocase(v) === nocase(from);
  switch (rule.type) {
    case 'word':
      return rule;
    case 'filter': {
      if (key === 'topic' && rule.key === 'received') {
        const { topic, since } = receivedParts(rule.value);
        return topic !== null && same(topic) ? { ...rule, value: since ? `${to}>=${since}` : to } : rule;
      }
      return rule.key === key && same(rule.value) ? { ...rule, value: to } : rule;
    }
    case 'not':
      return { type: 'not', child: renameReferences(rule.child, key, from, to) };
    default:
      return { type: rule.type, children: rule.children.map((c) => renameReferences(c, key, from, to)) };
  }
}
