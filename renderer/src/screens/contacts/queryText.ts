/**
 * Editing the contact search text filter by filter. The search box and the filter panel are two views of
 * one query string (shared/contacts/query.ts); the panel changes only the tokens of the filter it owns and
 * leaves every other token exactly as the user typed it — free words, aliases such as `art:startup`,
 * negations and even tokens the parser rejects, so nothing the user wrote disappears behind their back.
 */
import { FILTER_KEY_NAMES, formatQuery, parseQuery, type Filter, type FilterKey, type QueryProblem } from '../../../../shared/contacts/query';

/** Same token rule as the parser: non-space runs in which "quoted parts" may contain spaces. */
const TOKEN = /(?:[^\s"]+|"[^"]*"?)+/g;

export function queryTokens(text: string): string[] {
  return [...text.normalize('NFC').matchAll(TOKEN)].map((m) => m[0]);
}

/** The filter one token stands for, when the parser accepts it as exactly one filter. */
function tokenFilter(token: string): Filter | undefined {
  const { query, problems } = parseQuery(token);
  if (problems.length > 0 || query.words.length > 0 || query.filters.length !== 1) return undefined;
  return query.filters[0];
}

/** The values of the (not negated) filters for `key`, in the order they were typed. */
export function filterValues(text: string, key: FilterKey): string[] {
  return parseQuery(text)
    .query.filters.filter((f) => f.key === key && !f.negated)
    .map((f) => f.value);
}

/** The text with the positive `key` filters replaced by `values` (appended at the end); the rest is kept. */
export function withFilterValues(text: string, key: FilterKey, values: readonly string[]): string {
  const kept = queryTokens(text).filter((token) => {
    const f = tokenFilter(token);
    return !(f && f.key === key && !f.negated);
  });
  const added = values
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((value) => formatQuery({ words: [], filters: [{ key, value, negated: false }] }));
  return [...kept, ...added].join(' ');
}

/** The text without any valid filter token: what "reset filters" leaves, the free words. */
export function withoutFilters(text: string): string {
  return queryTokens(text)
    .filter((token) => tokenFilter(token) === undefined)
    .join(' ');
}

export function filterCount(text: string): number {
  return parseQuery(text).query.filters.length;
}

export type ProblemKind =
  | { kind: 'unknownKey'; token: string }
  | { kind: 'badValue'; token: string; key: FilterKey }
  | { kind: 'other'; token: string; message: string };

function isFilterKey(s: string): s is FilterKey {
  return (FILTER_KEY_NAMES as string[]).includes(s);
}

/** Sorts a parser problem by its code into a case the UI phrases in its own language. */
export function classifyProblem(problem: QueryProblem): ProblemKind {
  if (problem.code === 'unknown_key') return { kind: 'unknownKey', token: problem.token };
  if (problem.code === 'bad_value' && isFilterKey(problem.key)) return { kind: 'badValue', token: problem.token, key: problem.key };
  // A bad value for a key the UI does not know yet (a newer server): its English sentence is better than nothing.
  return { kind: 'other', token: problem.token, message: problem.message };
}
