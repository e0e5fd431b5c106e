/**
 * Problems with a rule, phrased for the user: parse problems from the text view (with the position of the
 * faulty term, so it can be highlighted) and the server's reference problems (a topic deleted since, a
 * segment that no longer exists, segments referring to each other in a circle).
 */
import { FILTER_KEY_NAMES, type FilterKey } from '../../../../shared/contacts/query';
import type { QueryProblemShape } from '../../../../shared/contacts/schemas';

export type Translate = (key: string, params?: Record<string, unknown>) => string;

const CODES = new Set<string>(['unknown_key', 'bad_value', 'bad_comparator', 'unbalanced', 'dangling_operator', 'empty_group', 'unknown_reference', 'unknown_segment', 'segment_cycle']);

function isFilterKey(s: string): s is FilterKey {
  return (FILTER_KEY_NAMES as string[]).includes(s);
}

/** One problem in the UI language; a code this version does not know falls back to the server's English sentence. */
export function problemMessage(t: Translate, p: Pick<QueryProblemShape, 'code' | 'token' | 'key' | 'message' | 'start'>): string {
  if (!CODES.has(p.code)) return p.message;
  const text = t(`segments.problems.${p.code}`, {
    token: p.token,
    filter: isFilterKey(p.key) ? t(`contacts.filter.${p.key}`) : p.key || p.token,
  });
  return p.start === undefined ? text : t('segments.problems.at', { position: p.start + 1, text });
}

export interface TextPiece {
  text: string;
  /** Index into the problem list when this piece is at fault. */
  problem: number | null;
}

/**
 * The query text cut into plain and faulty pieces, for showing it with the faulty terms marked. Problems
 * without a position, or overlapping an earlier one, are not marked (they are still listed).
 */
export function markProblems(text: string, problems: readonly Pick<QueryProblemShape, 'start' | 'end'>[]): TextPiece[] {
  const spans = problems
    .map((p, i) => ({ start: p.start, end: p.end, i }))
    .filter((s): s is { start: number; end: number; i: number } => s.start !== undefined && s.end !== undefined && s.end > s.start && s.start < text.length)
    .sort((a, b) => a.start - b.start);
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) pieces.push({ text: text.slice(at, s.start), problem: null });
    const end = Math.min(s.end, text.length);
    pieces.push({ text: text.slice(s.start, end), problem: s.i });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), problem: null });
  return pieces;
}
