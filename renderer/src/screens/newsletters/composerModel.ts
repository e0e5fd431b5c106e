/**
 * The composer's state and its history, as plain functions: what autosave sends, what the preview gets as
 * the draft, and undo/redo over all of it. Typing in one field within a second is one undo step, so Ctrl+Z
 * takes back a word rather than a letter, and switching fields always starts a new step.
 */
import type { MessageLanguage, NewsletterDetail, NewsletterSave, Variant } from '../../../../shared/newsletters/schemas';

export interface ComposerState {
  title: string;
  segmentId: number | null;
  templateId: number | null;
  maxItems: number | null;
  itemIds: number[];
  variants: Variant[];
}

export interface History {
  past: ComposerState[];
  present: ComposerState;
  future: ComposerState[];
  /** What the last step edited and when, to fold keystrokes into one step. */
  lastKey: string | null;
  lastAt: number;
}

const COALESCE_MS = 1000;
const MAX_STEPS = 200;

export function stateOf(d: NewsletterDetail): ComposerState {
  return { title: d.title, segmentId: d.segmentId, templateId: d.templateId, maxItems: d.maxItems, itemIds: d.itemIds, variants: d.variants };
}

export function startHistory(present: ComposerState): History {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

/** A change; `key` names what was edited (e.g. "de.subject") so keystrokes in one field fold together. */
export function edit(h: History, next: ComposerState, key: string | null, now: number): History {
  if (next === h.present) return h;
  const fold = key !== null && key === h.lastKey && now - h.lastAt < COALESCE_MS && h.past.length > 0;
  const past = fold ? h.past : [...h.past, h.present].slice(-MAX_STEPS);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

export function undo(h: History): History {
  const prev = h.past[h.past.length - 1];
  if (!prev) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastKey: null, lastAt: 0 };
}

export function redo(h: History): History {
  const next = h.future[0];
  if (!next) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1), lastKey: null, lastAt: 0 };
}

export function withVariant(s: ComposerState, language: MessageLanguage, patch: Partial<Variant>): ComposerState {
  return { ...s, variants: s.variants.map((v) => (v.language === language ? { ...v, ...patch } : v)) };
}

/** Moves one entry; out-of-range moves leave the list as it is. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return [...list];
  const out = [...list];
  const [x] = out.splice(from, 1);
  out.splice(to, 0, x as T);
  return out;
}

export function toSave(id: number, s: ComposerState, updatedAt: string | undefined): NewsletterSave {
  return { id, title: s.title.trim() || '—', segmentId: s.segmentId, templateId: s.templateId, maxItems: s.maxItems, itemIds: s.itemIds, variants: s.variants, ...(updatedAt ? { updatedAt } : {}) };
}

export function toDraft(s: ComposerState): Omit<NewsletterSave, 'id' | 'updatedAt' | 'title'> {
  return { segmentId: s.segmentId, templateId: s.templateId, maxItems: s.maxItems, itemIds: s.itemIds, variants: s.variants };
}

/** The fields the "insert merge field" menu offers, with the fallback users usually want. */
export const MERGE_FIELD_MENU = [
  { field: 'salutation', tag: '{{salutation}}' },
  { field: 'first_name', tag: '{{first_name|Mitglied}}' },
  { field: 'last_name', tag: '{{last_name}}' },
  { field: 'title', tag: '{{title}}' },
  { field: 'organisation', tag: '{{organisation|Ihre Organisation}}' },
] as const;

/** Puts `insert` in place of the selection and says where the caret goes afterwards. */
export function insertText(value: string, start: number, end: number, insert: string): { value: string; caret: number } {
  const a = Math.max(0, Math.min(start, value.length));
  const b = Math.max(a, Math.min(end, value.length));
  return { value: value.slice(0, a) + insert + value.slice(b), caret: a + insert.length };
}

/** The preview document's own CSP (previewFrame.ts): nothing runs, nothing loads but images and fonts. */
export const PREVIEW_CSP = "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; font-src data: https:";
