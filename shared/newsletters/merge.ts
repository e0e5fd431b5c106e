/**
 * Merge fields for subjects, preheaders and message bodies — one small template language:
 *
 *   {{salutation}},                       the greeting line of ./greeting.ts ("Sehr geehrte Frau Dr. Müller")
 *   {{first_name}} {{last_name}} {{title}} {{organisation}} {{email}} {{unsubscribe_url}}
 *   {{first_name|Mitglied}}               a fallback when the person has no value
 *   {{#if funded:no}} … {{/if}}           a block for the persons a condition holds for
 *   {{#if interest:foreign_markets}} … {{else}} … {{/if}}
 *   \{{                                   a literal "{{"
 *
 * Conditions are the contact search syntax (shared/contacts/query.ts) — the same words, filters, OR, NOT and
 * parentheses the search box, the segment builder and the CLI use — so a block means exactly what a segment
 * with that rule means. They are not evaluated here: evaluating `funded:no` or `received:Leichtbau` needs the
 * database, and a second, in-memory meaning of every filter could drift from the SQL one. A compiled template
 * lists its conditions (`conditions`, keyed by the rule's normalised text); the Node side answers them for
 * all recipients at once with the audience engine's bit sets (electron/services/render.ts) and hands each
 * recipient's answers in as `ConditionFacts`. A condition that does not parse holds for no one (and is an
 * error), so a typo can never widen a block to everyone.
 *
 * A template is compiled once into a flat list of operations — literal text, fields with their escaping
 * decided, and jumps for blocks — and then merged per recipient by a loop over that list, without parsing.
 *
 * Escaping depends on the context of the whole template and, in HTML, on the position of each field:
 * - `html`: values are escaped for HTML text and quoted attribute values (& < > " '); in unquoted attribute
 *   values every character but letters and digits becomes a character reference (a warning asks for quotes);
 *   a field between attributes, in a <style>/<script> body, a style attribute or an event handler is
 *   refused (an error; it renders nothing), since no escaping makes a value safe there.
 * - `text`: plain text (the text/plain part); values are not escaped.
 * - `header`: a subject line; every line break in values and in the template's own text becomes a space, and
 *   other control characters go, so nothing with CR or LF can reach a mail header.
 * Link values — every `*_url` field, and any field that starts a URL attribute such as href or src — must be
 * https: or mailto: links; anything else (javascript:, data:, http:, a bare word) is replaced by "#" in a URL
 * attribute and by nothing elsewhere, and reported for that recipient.
 *
 * Problems (unknown field, unclosed block, bad condition, unsafe position …) carry line and column of the tag
 * in the template and are returned, never thrown; a template with errors still compiles to its best reading,
 * and the caller decides whether to send (the composer must not).
 */
import { cleanText } from '../contacts/cleaning';
import { formatQuery, parseQuery, type Rule } from '../contacts/query';
import { greeting, type GreetingPerson } from './greeting';
import { HtmlCursor, URL_ATTRIBUTES } from './html-context';
import { positionsIn } from './positions';

export const MERGE_FIELDS = ['salutation', 'first_name', 'last_name', 'title', 'organisation', 'email', 'unsubscribe_url'] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];
const FIELD_SET: ReadonlySet<string> = new Set(MERGE_FIELDS);

export type MergeContext = 'html' | 'text' | 'header';

export type MergeProblemCode =
  | 'unclosed_tag'
  | 'empty_tag'
  | 'unknown_field'
  | 'unknown_block'
  | 'slot_not_allowed'
  | 'empty_condition'
  | 'bad_condition'
  | 'unclosed_if'
  | 'unexpected_else'
  | 'unexpected_end'
  | 'unsafe_position'
  | 'unquoted_attribute'
  | 'condition_changes_context';

export interface MergeProblem {
  code: MergeProblemCode | string;
  severity: 'error' | 'warning';
  /** English text for the CLI and logs; the UI translates by `code`. */
  message: string;
  /** 1-based line and column of the tag in the template text (columns count UTF-16 code units). */
  line: number;
  column: number;
  /** Offsets of the tag in the template text. */
  start: number;
  end: number;
  /** The tag as written. */
  token: string;
  /** Which part of a message the template is (subject, preheader, body), when given to the parser. */
  part?: string;
}

/**
 * A block condition: the rule, its normalised text (the key facts are looked up by) and the text as written.
 * Conditions the render pipeline makes itself (which item a mailing recipient gets at a position) have no
 * rule; their key starts with "#" so no search text can collide with it.
 */
export interface Condition {
  key: string;
  rule: Rule | null;
  text: string;
}

/** The conditions of one or more templates, numbered, so that templates of one message share the numbers. */
export class ConditionTable {
  readonly list: Condition[] = [];
  private readonly byKey = new Map<string, number>();

  add(rule: Rule, text: string): number {
    const key = formatQuery(rule);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    this.list.push({ key, rule, text });
    this.byKey.set(key, this.list.length - 1);
    return this.list.length - 1;
  }

  /** A condition the pipeline answers itself (see `Condition`). */
  addInternal(key: string): number {
    if (!key.startsWith('#')) throw new Error(`internal condition keys start with "#": ${key}`);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    this.list.push({ key, rule: null, text: key });
    this.byKey.set(key, this.list.length - 1);
    return this.list.length - 1;
  }
}

interface TagBase {
  /** Offset of the tag's "{{" in the template text. */
  open: number;
  /** Offsets of the tag (for a block tag alone on its line: of the whole line) in the template text. */
  start: number;
  end: number;
  line: number;
  column: number;
  /** The tag as written, braces included. */
  token: string;
  part?: string;
}

export type ParsedTag =
  | (TagBase & { kind: 'field'; field: MergeField; fallback: string | null })
  | (TagBase & { kind: 'slot'; name: string })
  /** `condition` is -1 when the condition does not parse: the block then holds for no one. */
  | (TagBase & { kind: 'if'; condition: number })
  | (TagBase & { kind: 'else' })
  | (TagBase & { kind: 'end' })
  /** A literal "{{" written as "\{{". */
  | (TagBase & { kind: 'literal'; text: string })
  /** Reported; renders nothing. */
  | (TagBase & { kind: 'invalid' });

/** How a field's value is written. */
type Escape = 'none' | 'html' | 'html-unquoted' | 'header' | 'drop';

export type Op =
  | { kind: 'text'; text: string }
  | { kind: 'field'; field: MergeField; fallback: string | null; escape: Escape; url: boolean; urlAttribute: boolean }
  /** When the condition fails, go on after the else (`elseAt` + 1) or, without one, at `endAt`. */
  | { kind: 'if'; condition: number; elseAt: number; endAt: number }
  /** Reached at the end of a then-branch: skip the else-branch. */
  | { kind: 'else'; endAt: number };

export interface CompiledTemplate {
  readonly context: MergeContext;
  readonly ops: readonly Op[];
  /** The table the `if` operations index into (possibly shared with other templates of the message). */
  readonly conditions: readonly Condition[];
  /** The fields the template uses. */
  readonly fields: readonly MergeField[];
  readonly problems: readonly MergeProblem[];
}

// --- scanning and classifying tags ---------------------------------------------------------------------

function problem(tag: Pick<TagBase, 'start' | 'end' | 'line' | 'column' | 'token' | 'part'>, code: MergeProblemCode, message: string, severity: 'error' | 'warning' = 'error'): MergeProblem {
  const p: MergeProblem = { code, severity, message: `${message} (line ${tag.line}, column ${tag.column})`, line: tag.line, column: tag.column, start: tag.start, end: tag.end, token: tag.token };
  if (tag.part !== undefined) p.part = tag.part;
  return p;
}

/** "FirstName", "first-name", "Vorname" → a known field name to suggest, if one is close. */
function suggestField(name: string): MergeField | undefined {
  const snake = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
  const aliases: Record<string, MergeField> = {
    firstname: 'first_name',
    vorname: 'first_name',
    lastname: 'last_name',
    surname: 'last_name',
    nachname: 'last_name',
    name: 'last_name',
    company: 'organisation',
    company_name: 'organisation',
    organization: 'organisation',
    firma: 'organisation',
    anrede: 'salutation',
    greeting: 'salutation',
    titel: 'title',
    mail: 'email',
    e_mail: 'email',
    unsubscribe: 'unsubscribe_url',
    abmelden: 'unsubscribe_url',
  };
  if (FIELD_SET.has(snake)) return snake as MergeField;
  const alias = aliases[snake] ?? aliases[snake.replaceAll('_', '')];
  if (alias) return alias;
  // A typo: the field at most two edits away ("salutaton", "frist_name").
  return MERGE_FIELDS.find((f) => editDistance(f, snake) <= 2);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur.push(Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function unquote(s: string): string {
  return s.length >= 2 && ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) ? s.slice(1, -1) : s;
}

export interface ParseOptions {
  /** Names that stand for content the caller fills in before merging (e.g. `items`); only where allowed. */
  slots?: readonly string[];
  /** Shares condition numbers between the templates of one message. */
  conditions?: ConditionTable;
  /** Recorded on every tag and problem: which part of a message this template is. */
  part?: string;
}

export interface ParsedTemplate {
  tags: ParsedTag[];
  problems: MergeProblem[];
  conditions: ConditionTable;
}

/**
 * Finds and classifies the tags of a template; blocks are matched later, by `assemble`, over the text the
 * tags end up in. A block tag ({{#if}}, {{else}}, {{/if}}) alone on its line takes the whole line with it, so
 * that it leaves no blank line behind in plain text.
 */
export function parseTemplate(source: string, options: ParseOptions = {}): ParsedTemplate {
  const conditions = options.conditions ?? new ConditionTable();
  const slots = new Set(options.slots ?? []);
  const positionOf = positionsIn(source);
  const part = options.part === undefined ? {} : { part: options.part };
  const tags: ParsedTag[] = [];
  const problems: MergeProblem[] = [];
  let from = 0;
  for (;;) {
    const open = source.indexOf('{{', from);
    if (open < 0) break;
    const at = { ...positionOf(open), ...part };
    if (open > 0 && source[open - 1] === '\\') {
      tags.push({ kind: 'literal', text: '{{', open, start: open - 1, end: open + 2, ...at, token: '\\{{' });
      from = open + 2;
      continue;
    }
    const close = source.indexOf('}}', open + 2);
    const nextOpen = source.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      const token = source.slice(open, Math.min(open + 30, nextOpen >= 0 ? nextOpen : source.length));
      problems.push(problem({ start: open, end: open + 2, ...at, token }, 'unclosed_tag', `"{{" is never closed with "}}"`));
      // Left as literal text: the error blocks sending, and the author sees what was written.
      from = open + 2;
      continue;
    }
    const end = close + 2;
    const token = source.slice(open, end);
    const inner = source.slice(open + 2, close);
    const trimmed = inner.trim();
    const base: TagBase = { open, start: open, end, ...at, token };
    let tag: ParsedTag;
    if (trimmed === '') {
      problems.push(problem(base, 'empty_tag', 'Empty tag "{{}}"'));
      tag = { kind: 'invalid', ...base };
    } else if (/^#if(?:\s|$)/i.test(trimmed)) {
      const text = trimmed.slice(3).trim();
      let condition = -1;
      if (text === '') {
        problems.push(problem(base, 'empty_condition', '"{{#if}}" needs a condition, e.g. {{#if funded:no}}'));
      } else {
        const parsed = parseQuery(text);
        if (parsed.problems.length > 0) {
          // Positions inside the condition are reported at the tag; the message names the part at fault.
          for (const p of parsed.problems) problems.push(problem(base, 'bad_condition', `Condition "${text}": ${p.message}`));
        } else {
          condition = conditions.add(parsed.rule, text);
        }
      }
      tag = { kind: 'if', condition, ...base };
    } else if (/^else$/i.test(trimmed)) {
      tag = { kind: 'else', ...base };
    } else if (/^\/if$/i.test(trimmed)) {
      tag = { kind: 'end', ...base };
    } else if (trimmed.startsWith('#') || trimmed.startsWith('/')) {
      problems.push(problem(base, 'unknown_block', `Unknown block "${token}": only {{#if …}}, {{else}} and {{/if}} exist`));
      tag = { kind: 'invalid', ...base };
    } else {
      const bar = trimmed.indexOf('|');
      const name = (bar < 0 ? trimmed : trimmed.slice(0, bar)).trim();
      const fallback = bar < 0 ? null : unquote(trimmed.slice(bar + 1).trim());
      const lower = name.toLowerCase();
      if (FIELD_SET.has(lower)) {
        tag = { kind: 'field', field: lower as MergeField, fallback: fallback === '' ? null : fallback, ...base };
      } else if (slots.has(lower)) {
        tag = { kind: 'slot', name: lower, ...base };
      } else {
        const suggestion = suggestField(name);
        const hint = suggestion ? ` Did you mean {{${suggestion}}}?` : ` Known fields: ${MERGE_FIELDS.join(', ')}.`;
        problems.push(problem(base, 'unknown_field', `Unknown field "${name}".${hint}`));
        tag = { kind: 'invalid', ...base };
      }
    }
    if (tag.kind === 'if' || tag.kind === 'else' || tag.kind === 'end') standalone(source, tag);
    tags.push(tag);
    from = end;
  }
  return { tags, problems, conditions };
}

/** Widens a block tag that stands alone on its line (only spaces and tabs around it) to the whole line. */
function standalone(source: string, tag: TagBase): void {
  let s = tag.start;
  while (s > 0 && (source[s - 1] === ' ' || source[s - 1] === '\t')) s--;
  if (s > 0 && source[s - 1] !== '\n') return;
  let e = tag.end;
  while (e < source.length && (source[e] === ' ' || source[e] === '\t')) e++;
  if (e < source.length && source[e] === '\r') e++;
  if (e < source.length && source[e] !== '\n') return;
  if (e === source.length && s === 0) return;
  tag.start = s;
  tag.end = e < source.length ? e + 1 : e;
}

// --- assembling operations --------------------------------------------------------------------------------

/** A tag as it occurs in the text being assembled (the template itself, or text a compiler made of it). */
export interface Occurrence {
  start: number;
  end: number;
  tag: ParsedTag;
}

const HEADER_BREAKS = /[\r\n\v\f\u0085\u2028\u2029]+/g;

/** A control character other than the tab: C0, DEL, C1 (what no subject line or link should carry). */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f);
}

/** A subject-safe version of text: line breaks become one space, other control characters go. */
export function headerSafe(text: string): string {
  const spaced = text.replace(HEADER_BREAKS, ' ');
  let out = '';
  for (let i = 0; i < spaced.length; i++) if (!isControl(spaced.charCodeAt(i))) out += spaced[i];
  return out;
}

/**
 * Builds the operations for `text` in which `occurrences` (ascending, not overlapping) are tags. Blocks are
 * matched here, so a tag that got lost or moved on the way (see electron/services/render.ts) is reported at
 * its place in the original template.
 */
export function assemble(text: string, occurrences: readonly Occurrence[], context: MergeContext, conditions: readonly Condition[]): CompiledTemplate {
  const ops: Op[] = [];
  const problems: MergeProblem[] = [];
  const fields = new Set<MergeField>();
  const cursor = context === 'html' ? new HtmlCursor() : null;
  const stack: { ifAt: number; elseAt: number; tag: ParsedTag; saved: HtmlCursor | null; context: string }[] = [];

  // Text may be appended to the last text operation only if no block ended since: jumps land on indexes.
  let joinFrom = 0;
  const pushText = (s: string): void => {
    if (s === '') return;
    cursor?.feed(s);
    const out = context === 'header' ? headerSafe(s) : s;
    const last = ops.length > joinFrom ? ops[ops.length - 1] : undefined;
    if (last?.kind === 'text') last.text += out;
    else ops.push({ kind: 'text', text: out });
  };
  const checkSame = (entry: (typeof stack)[number], tag: ParsedTag): void => {
    if (cursor && entry.saved && cursor.snapshot() !== entry.saved.snapshot()) {
      problems.push(
        problem(
          tag,
          'condition_changes_context',
          `The block opened at line ${entry.tag.line}, column ${entry.tag.column} starts in ${entry.context} but "${tag.token.trim()}" stands in ${cursor.describe()}; a block must not open or close a tag, attribute or comment half-way`,
        ),
      );
    }
  };

  let pos = 0;
  for (const occ of occurrences) {
    pushText(text.slice(pos, occ.start));
    pos = occ.end;
    const tag = occ.tag;
    switch (tag.kind) {
      case 'literal':
        pushText(tag.text);
        break;
      case 'field': {
        fields.add(tag.field);
        let escape: Escape = context === 'html' ? 'html' : context === 'header' ? 'header' : 'none';
        let urlAttribute = false;
        if (cursor) {
          const place = cursor.place();
          if (place.kind === 'unsafe') {
            problems.push(problem(tag, 'unsafe_position', `The field ${tag.token} stands in ${place.why}, where no value can be made safe; it is left out`));
            escape = 'drop';
          } else if (place.kind !== 'text') {
            urlAttribute = URL_ATTRIBUTES.has(place.name) && place.start;
            if (place.kind === 'attr-unquoted') {
              escape = 'html-unquoted';
              problems.push(problem(tag, 'unquoted_attribute', `The field ${tag.token} stands in an unquoted ${place.name} attribute; put the value in quotes`, 'warning'));
            }
          }
          if (escape !== 'drop') cursor.inserted();
        }
        ops.push({ kind: 'field', field: tag.field, fallback: tag.fallback, escape, url: tag.field.endsWith('_url') || urlAttribute, urlAttribute });
        break;
      }
      case 'if':
        stack.push({ ifAt: ops.length, elseAt: -1, tag, saved: cursor?.save() ?? null, context: cursor?.describe() ?? context });
        ops.push({ kind: 'if', condition: tag.condition, elseAt: -1, endAt: -1 });
        break;
      case 'else': {
        const top = stack[stack.length - 1];
        if (!top || top.elseAt >= 0) {
          problems.push(problem(tag, 'unexpected_else', top ? `A second {{else}} in the block opened at line ${top.tag.line}` : '{{else}} outside any {{#if}} block'));
          break;
        }
        checkSame(top, tag);
        if (cursor && top.saved) cursor.restore(top.saved);
        top.elseAt = ops.length;
        ops.push({ kind: 'else', endAt: -1 });
        break;
      }
      case 'end': {
        const top = stack.pop();
        if (!top) {
          problems.push(problem(tag, 'unexpected_end', '{{/if}} closes no {{#if}} block'));
          break;
        }
        checkSame(top, tag);
        close(ops, top.ifAt, top.elseAt);
        joinFrom = ops.length;
        break;
      }
      case 'slot':
        problems.push(problem(tag, 'slot_not_allowed', `{{${tag.name}}} can only stand in a message body`));
        break;
      case 'invalid':
        break;
    }
  }
  pushText(text.slice(pos));
  for (const open of stack.reverse()) {
    problems.push(problem(open.tag, 'unclosed_if', `The block ${open.tag.token.trim()} is never closed with {{/if}}`));
    close(ops, open.ifAt, open.elseAt);
    joinFrom = ops.length;
  }
  return { context, ops, conditions, fields: [...fields], problems };
}

function close(ops: Op[], ifAt: number, elseAt: number): void {
  const endAt = ops.length;
  const ifOp = ops[ifAt];
  if (ifOp?.kind === 'if') {
    ifOp.elseAt = elseAt;
    ifOp.endAt = endAt;
  }
  const elseOp = elseAt >= 0 ? ops[elseAt] : undefined;
  if (elseOp?.kind === 'else') elseOp.endAt = endAt;
}

/** Parses and assembles a template written directly in the merge syntax (a subject, a plain-text body, HTML). */
export function compileTemplate(source: string, context: MergeContext, options: ParseOptions = {}): CompiledTemplate {
  const parsed = parseTemplate(source, options);
  const assembled = assemble(source, parsed.tags.map((tag) => ({ start: tag.start, end: tag.end, tag })), context, parsed.conditions.list);
  return { ...assembled, problems: mergeProblems(parsed.problems, assembled.problems) };
}

/** Problems of several passes over one template, each once, in the order of the template. */
export function mergeProblems(...lists: readonly (readonly MergeProblem[])[]): MergeProblem[] {
  const seen = new Set<string>();
  const out: MergeProblem[] = [];
  for (const list of lists) {
    for (const p of list) {
      const key = `${p.part ?? ''}|${p.code}|${p.start}|${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export function isError(p: { severity: string }): boolean {
  return p.severity === 'error';
}

// --- merging ----------------------------------------------------------------------------------------------

/** What a recipient brings to a merge besides the condition answers. */
export interface MergeRecipient extends GreetingPerson {
  organisation: string | null;
  email: string | null;
  unsubscribeUrl: string | null;
}

/** A recipient's answers to conditions, by condition key (`Condition.key`). */
export interface ConditionFacts {
  has(key: string): boolean;
}

export type FieldValues = Readonly<Record<MergeField, string | null>>;

function cleanOrNull(value: string | null): string | null {
  if (value === null) return null;
  const v = cleanText(value);
  return v === '' ? null : v;
}

/** The values of every field for one recipient, in a message written in `language`; computed once per recipient. */
export function fieldValues(r: MergeRecipient, language: string): FieldValues {
  return {
    salutation: greeting(r, language),
    first_name: cleanOrNull(r.firstName),
    last_name: cleanOrNull(r.lastName),
    title: cleanOrNull(r.title),
    organisation: cleanOrNull(r.organisation),
    email: cleanOrNull(r.email),
    unsubscribe_url: cleanOrNull(r.unsubscribeUrl),
  };
}


/** Something about one recipient's merge the sender should know (the message is still produced). */
export interface MergeNote {
  field: MergeField;
  code: 'empty_value' | 'unsafe_url';
  message: string;
}

/** https: and mailto: links without spaces, quotes, angle brackets (control characters are refused apart). */
const SAFE_URL = /^(?:https:\/\/[^\s"'<>\\^`{|}]+|mailto:[^\s"'<>\\]+)$/i;

export function isSafeUrl(value: string): boolean {
  if (!SAFE_URL.test(value)) return false;
  for (let i = 0; i < value.length; i++) if (isControl(value.charCodeAt(i))) return false;
  return true;
}

const HTML_SPECIAL = /[&<>"']/;
const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return HTML_SPECIAL.test(value) ? value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c) : value;
}

function escapeUnquoted(value: string): string {
  return value.replace(/[^A-Za-z0-9]/gu, (c) => `&#x${(c.codePointAt(0) ?? 0).toString(16)};`);
}

function fieldOutput(op: Extract<Op, { kind: 'field' }>, values: FieldValues, notes: MergeNote[] | undefined): string {
  if (op.escape === 'drop') return '';
  let value = values[op.field];
  if (value === null || value === '') {
    if (op.fallback === null) {
      notes?.push({ field: op.field, code: 'empty_value', message: `No value for ${op.field}` });
      value = '';
    } else {
      value = op.fallback;
    }
  }
  if (op.url && !isSafeUrl(value)) {
    if (value !== '') notes?.push({ field: op.field, code: 'unsafe_url', message: `${op.field} is not an https: or mailto: link and was left out` });
    return op.urlAttribute ? '#' : '';
  }
  switch (op.escape) {
    case 'none':
      return value;
    case 'html':
      return escapeHtml(value);
    case 'html-unquoted':
      return escapeUnquoted(value);
    case 'header':
      return headerSafe(value);
  }
}

/**
 * Merges one recipient into a compiled template. `truth[i]` answers `template.conditions[i]`; notes about missing values and refused links go to `notes` when given.
 */
export function merge(template: CompiledTemplate, values: FieldValues, truth: readonly boolean[], notes?: MergeNote[]): string {
  const ops = template.ops;
  let out = '';
  for (let i = 0; i < ops.length; ) {
    const op = ops[i] as Op;
    switch (op.kind) {
      case 'text':
        out += op.text;
        i += 1;
        break;
      case 'field':
        out += fieldOutput(op, values, notes);
        i += 1;
        break;
      case 'if':
        if (op.condition >= 0 && truth[op.condition] === true) i += 1;
        else i = op.elseAt >= 0 ? op.elseAt + 1 : op.endAt;
        break;
      case 'else':
        i = op.endAt;
        break;
    }
  }
  return out;
}

