/**
 * Editing the contact search text filter by filter. The search box and the filter panel are two views of
 * one rule (shared/contacts/query.ts). The panel shows the filters ANDed at the top of the rule and changes
 * only the tokens of the filter it owns; every other token stays exactly as the user typed it — free words,
 * aliases such as `art:startup`, negations, groups and OR, even tokens the parser rejects — so nothing the
 * user wrote disappears behind their back.
 */
import { conjuncts, FILTER_KEY_NAMES, filtersOf, formatFilter, parseQuery, tokenize, type Filter, type FilterKey, type QueryProblem } from '../../../../shared/contacts/query';

export function queryTokens(text: string): string[] {
  return tokenize(text.normalize('NFC')).map((t) => t.text);
}

/** The filter one token stands for, when the parser accepts it as exactly one positive filter. */
function tokenFilter(token: string): Filter | undefined {
  const { rule, problems } = parseQuery(token);
  return problems.length === 0 && rule.type === 'filter' ? rule : undefined;
}

/** The values of the positive `key` filters ANDed at the top of the rule, in the order they were typed. */
export function filterValues(text: string, key: FilterKey): string[] {
  return conjuncts(parseQuery(text).rule).flatMap((r) => (r.type === 'filter' && r.key === key && r.op === '=' ? [r.value] : []));
}

interface TopLevel {
  /** Indexes of the tokens that stand alone at the top level (not inside a group, not next to OR or NOT). */
  standalone: number[];
  /** The top level is an OR: anything added must AND with the whole of it. */
  topOr: boolean;
}

function topLevel(tokens: ReturnType<typeof tokenize>): TopLevel {
  let depth = 0;
  let topOr = false;
  const standalone: number[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'open') depth += 1;
    else if (t.kind === 'close') depth = Math.max(0, depth - 1);
    else if (depth === 0 && t.kind === 'or') topOr = true;
    else if (depth === 0 && t.kind === 'term' && tokens[i - 1]?.kind !== 'or' && tokens[i + 1]?.kind !== 'or' && tokens[i - 1]?.kind !== 'not') {
      standalone.push(i);
    }
  });
  return { standalone: topOr ? [] : standalone, topOr };
}

/** The text with the token spans at `drop` cut out, the rest byte for byte. */
function cut(text: string, tokens: ReturnType<typeof tokenize>, drop: ReadonlySet<number>): string {
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    if (!drop.has(i)) return;
    out += text.slice(at, t.start);
    at = t.end;
  });
  out += text.slice(at);
  return out.replace(/\s+/g, ' ').trim();
}

/** The text with the positive top-level `key` filters replaced by `values` (appended at the end). */
export function withFilterValues(text: string, key: FilterKey, values: readonly string[]): string {
  const norm = text.normalize('NFC');
  const tokens = tokenize(norm);
  const { standalone, topOr } = topLevel(tokens);
  const drop = new Set(
    standalone.filter((i) => {
      const f = tokenFilter(tokens[i]?.text ?? '');
      return f !== undefined && f.key === key && f.op === '=';
    }),
  );
  const kept = cut(norm, tokens, drop);
  const added = values
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map((value) => formatFilter({ key, op: '=', value }));
  if (added.length === 0) return kept;
  return [topOr ? `(${kept})` : kept, ...added].filter((s) => s !== '').join(' ');
}

/** "Reset filters": the free words stay; filters, negations and groups go. */
export function withoutFilters(text: string): string {
  const norm = text.normalize('NFC');
  const tokens = tokenize(norm);
  const structured = tokens.some((t) => t.kind !== 'term');
  if (structured) {
    return conjuncts(parseQuery(norm).rule)
      .flatMap((r) => (r.type === 'word' ? [/[\s"()]/.test(r.text) ? `"${r.text}"` : r.text] : []))
      .join(' ');
  }
  const drop = new Set(tokens.flatMap((t, i) => (parseQuery(t.text).problems.length === 0 && parseQuery(t.text).rule.type !== 'word' ? [i] : [])));
  return cut(norm, tokens, drop);
}

export function filterCount(text: string): number {
  return filtersOf(parseQuery(text).rule).length;
}

/** The first negated filter at the top level, for the panel's note that negations are kept. */
export function firstNegated(text: string): Filter | undefined {
  for (const r of conjuncts(parseQuery(text).rule)) if (r.type === 'not' && r.child.type === 'filter') return r.child;
  return undefined;
}

export type ProblemKind =
  | { kind: 'unknownKey'; token: string }
  | { kind: 'badValue'; token: string; key: FilterKey }
  | { kind: 'coded'; code: CodedProblem; token: string; key: FilterKey | null; position: number | null }
  | { kind: 'other'; token: string; message: string };

/** Problem codes the UI phrases itself (the others have their own kinds above). */
export const CODED_PROBLEMS = ['bad_comparator', 'unbalanced', 'dangling_operator', 'empty_group', 'unknown_reference', 'unknown_segment', 'segment_cycle'] as const;
export type CodedProblem = (typeof CODED_PROBLEMS)[number];

function isFilterKey(s: string): s is FilterKey {
  return (FILTER_KEY_NAMES as string[]).includes(s);
}

/** Sorts a parser problem by its code into a case the UI phrases in its own language. */
export function classifyProblem(problem: Pick<QueryProblem, 'code' | 'token' | 'key' | 'message'> | { code: string; token: string; key: string; message: string; start?: number | undefined }): ProblemKind {
  if (problem.code === 'unknown_key') return { kind: 'unknownKey', token: problem.token };
  if (problem.code === 'bad_value' && isFilterKey(problem.key)) return { kind: 'badValue', token: problem.token, key: problem.key };
  const coded = CODED_PROBLEMS.find((c) => c === problem.code);
  if (coded) {
    const start = 'start' in problem && typeof problem.start === 'number' ? problem.start + 1 : null;
    return { kind: 'coded', code: coded, token: problem.token, key: isFilterKey(problem.key) ? problem.key : null, position: start };
  }
  // Structure problems, references and newer codes: the server's English sentence is better than nothing.
  return { kind: 'other', token: problem.token, message: problem.message };
}

/** A problem phrased in the UI language; `t` is i18next's translate function. */
export function problemText(t: (key: string, params?: Record<string, unknown>) => string, p: ProblemKind): string {
  switch (p.kind) {
    case 'unknownKey':
      return t('contacts.problemUnknownKey', { token: p.token });
    case 'badValue':
      return t('contacts.problemBadValue', { token: p.token, filter: t(`contacts.filter.${p.key}`) });
    case 'coded':
      return t(`contacts.problem.${p.code}`, { token: p.token, position: p.position ?? '?', filter: p.key ? t(`contacts.filter.${p.key}`) : p.token });
    case 'other':
      return t('contacts.problemOther', { token: p.token, message: p.message });
  }
}
