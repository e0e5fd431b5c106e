/**
 * Rendering newsletters and mailings: compile the MJML once per issue and language variant, then merge
 * each recipient into the compiled result — never compile MJML per recipient (a compile takes 10–400 ms;
 * a merge a few microseconds).
 *
 * How merge tags get through MJML:
 * 1. The MJML source is read with the merge parser (shared/newsletters/merge.ts), which finds every tag with
 *    its line and column.
 * 2. Each tag is replaced by a placeholder made of letters and digits only — `SPX<nonce>F12X` for field 12,
 *    `…I3X` / `…E5X` / `…C7X` for {{#if}}, {{else}} and {{/if}} — which MJML copies unchanged wherever it
 *    copies text or attribute values. Where a tag stands between MJML elements (around whole sections or
 *    columns) its placeholder is wrapped in <mj-raw>, the one element MJML passes through verbatim, so a
 *    block can span sections. A block must open and close in the same place (the same parent element, the
 *    same mj-text body, the same attribute); that is checked on the source. Slots ({{items}}) are replaced
 *    by the MJML the caller supplies for this issue before compiling; their content is not searched for
 *    merge tags, so text from the content library can never inject one. For a personalised mailing the
 *    {{items}} slot holds, for each position k = 1..N, every item inside an internal block "the recipient's
 *    k-th item is j" (`choiceKey`), so one compile serves every recipient's choice.
 * 3. The result is compiled once with mjml (validationLevel "soft"; its complaints are kept with the line
 *    numbers of the original template).
 * 4. The compiled HTML is read back into the merge form by finding the placeholders; the escaping of each
 *    field is decided from where it landed in the HTML (text, attribute, style …), and blocks are matched
 *    again, so a placeholder that MJML dropped or moved is reported at its place in the template.
 * 5. The plain-text version is derived once from the compiled HTML (links as "text (url)"), placeholders
 *    included, and compiled the same way.
 * Per recipient only `merge` runs: three loops over prepared text pieces. `compileStats` counts compiles,
 * so tests and the bench can prove it.
 */
import { compileMjml } from './mjml';
import { createHash } from 'node:crypto';
import { referenceProblems } from '../../shared/contacts/query';
import type { CompileContext } from '../../shared/contacts/sql';
import {
  assemble,
  compileTemplate,
  ConditionTable,
  escapeHtml,
  fieldValues,
  headerSafe,
  merge,
  mergeProblems,
  parseTemplate,
  type CompiledTemplate,
  type Condition,
  type ConditionFacts,
  type MergeNote,
  type MergeProblem,
  type MergeRecipient,
  type Occurrence,
  type ParsedTag,
} from '../../shared/newsletters/merge';
import { checkMjmlStructure, ENDING_TAGS } from '../../shared/newsletters/mjml-structure';
import { htmlToText } from '../../shared/newsletters/plaintext';
import type { Db } from '../db/database';
import { matchIds } from './audience';
import { compileContext, knownNames } from './rules';

/** Content the composer supplies per issue, as MJML: the item list, the events. */
export const SLOTS = ['items', 'events'] as const;
export type SlotName = (typeof SLOTS)[number];

/** One item of the issue as MJML, in the two shapes a slot may need (see shared/newsletters/items.ts). */
export interface ItemBlock {
  itemId: number;
  /** Whole sections: the slot stands between sections (in mj-body or mj-wrapper). */
  section: string;
  /** Column content: the slot stands inside an mj-column. */
  column: string;
}

export interface ItemsSlot {
  blocks: readonly ItemBlock[];
  /**
   * Personalised mailings: each recipient gets at most this many of the blocks, chosen per recipient. The
   * slot then holds, for every position k = 1..choose, every block inside a block condition that holds iff
   * the recipient's k-th choice is that item — so one compile serves every choice.
   */
  choose?: number;
}

/** How many times MJML was compiled in this process: tests and the bench prove "once per variant" with it. */
export const compileStats = { mjml: 0 };

/** The key of the internal condition "the recipient's k-th item is `itemId`". */
export function choiceKey(position: number, itemId: number): string {
  return `#choice:${position}:${itemId}`;
}

export type RenderPart = 'subject' | 'preheader' | 'body';

export interface RenderProblem extends MergeProblem {
  part: RenderPart;
  /** Reported by the merge language or by MJML. */
  origin: 'merge' | 'mjml';
}

export interface IssueSource {
  /** The variant's language ("de", "en", …): greetings are written in it. */
  language: string;
  subject: string;
  /** The hidden preview line most clients show after the subject; replaces the template's <mj-preview>. */
  preheader?: string | null;
  mjml: string;
  /** The item list for {{items}} and MJML for {{events}}. */
  slots?: { items?: ItemsSlot; events?: string };
}

export interface CompiledIssue {
  language: string;
  subject: CompiledTemplate;
  html: CompiledTemplate;
  text: CompiledTemplate;
  /** Every block condition of subject, preheader and body (the templates index into this list). */
  conditions: readonly Condition[];
  /** Per condition: the mailing choice it stands for ("k-th item is itemId"), or null for a person condition. */
  choices: readonly ({ position: number; itemId: number } | null)[];
  problems: RenderProblem[];
  /** No problem of severity "error": the issue may be sent. */
  ok: boolean;
}

export interface RenderedMessage {
  subject: string;
  html: string;
  text: string;
  /** Missing values without a fallback, links that were refused — once per field and kind. */
  notes: MergeNote[];
}

/* Parents that accept <mj-raw> children in the body (mjml-preset-core's dependency rules). */
const RAW_PARENTS = new Set([
  'mj-body', 'mj-section', 'mj-column', 'mj-wrapper', 'mj-group', 'mj-hero', 'mj-accordion', 'mj-accordion-element',
  'mj-navbar', 'mj-social',
]);

/** Where a position of the MJML source lies, as far as placing a placeholder goes. */
interface MjmlPlace {
  kind: 'structure' | 'content' | 'tag' | 'comment';
  /** The element: the parent (structure), the element whose body it is (content), the tag (tag). */
  element: string;
  /** Identifies the element instance (or tag, or comment), so that a block's tags can be compared. */
  id: number;
}

interface Region {
  start: number;
  end: number;
  place: MjmlPlace;
}

/**
 * The regions of an MJML text — tags, verbatim bodies, comments — and, between them, which element is the
 * parent. `text` is the template with its merge tags blanked out, so quotes inside a tag cannot confuse it.
 */
function mjmlRegions(text: string): { regions: Region[]; parents: { at: number; place: MjmlPlace }[] } {
  const regions: Region[] = [];
  const parents: { at: number; place: MjmlPlace }[] = [{ at: 0, place: { kind: 'structure', element: '#document', id: 0 } }];
  const stack: { name: string; id: number }[] = [{ name: '#document', id: 0 }];
  let nextId = 1;
  const top = (): MjmlPlace => {
    const t = stack[stack.length - 1] ?? { name: '#document', id: 0 };
    return { kind: 'structure', element: t.name, id: t.id };
  };
  const re = /<!--[\s\S]*?(?:-->|$)|<(\/?)([A-Za-z][\w:.-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (m[2] === undefined) {
      regions.push({ start, end, place: { kind: 'comment', element: '#comment', id: nextId++ } });
      continue;
    }
    const name = m[2].toLowerCase();
    regions.push({ start, end, place: { kind: 'tag', element: name, id: nextId++ } });
    if (m[1] === '/') {
      const at = stack.map((s) => s.name).lastIndexOf(name);
      if (at > 0) stack.length = at;
      parents.push({ at: end, place: top() });
      continue;
    }
    if (/\/\s*$/.test(m[3] ?? '')) {
      parents.push({ at: end, place: top() });
      continue;
    }
    if (ENDING_TAGS.has(name)) {
      const closeRe = new RegExp(`</${name}\\s*>`, 'gi');
      closeRe.lastIndex = end;
      const close = closeRe.exec(text);
      const bodyEnd = close ? close.index : text.length;
      regions.push({ start: end, end: bodyEnd, place: { kind: 'content', element: name, id: nextId++ } });
      if (close) regions.push({ start: close.index, end: close.index + close[0].length, place: { kind: 'tag', element: name, id: nextId++ } });
      const after = close ? close.index + close[0].length : text.length;
      re.lastIndex = after;
      parents.push({ at: after, place: top() });
      continue;
    }
    stack.push({ name, id: nextId++ });
    parents.push({ at: end, place: top() });
  }
  return { regions, parents };
}

/** The place of each offset (ascending offsets). */
function placesOf(text: string, offsets: readonly number[]): MjmlPlace[] {
  const { regions, parents } = mjmlRegions(text);
  const out: MjmlPlace[] = [];
  let r = 0;
  let p = 0;
  for (const at of offsets) {
    while (r < regions.length && (regions[r] as Region).end <= at) r++;
    while (p + 1 < parents.length && (parents[p + 1] as { at: number }).at <= at) p++;
    const region = regions[r];
    if (region && region.start <= at) out.push(region.place);
    else out.push((parents[p] as { place: MjmlPlace }).place);
  }
  return out;
}

function describePlace(place: MjmlPlace): string {
  switch (place.kind) {
    case 'structure':
      return place.element === '#document' ? 'outside <mjml>' : `between the elements of <${place.element}>`;
    case 'content':
      return `in the content of <${place.element}>`;
    case 'tag':
      return `inside the tag <${place.element}>`;
    case 'comment':
      return 'in a comment';
  }
}

function tagProblem(tag: ParsedTag, code: string, message: string, severity: 'error' | 'warning', part: RenderPart = partOf(tag)): RenderProblem {
  return {
    code,
    severity,
    message: `${message} (line ${tag.line}, column ${tag.column})`,
    line: tag.line,
    column: tag.column,
    start: tag.start,
    end: tag.end,
    token: tag.token,
    part,
    origin: 'merge',
  };
}

/**
 * A nonce of lower-case letters that occurs nowhere in the given texts. It is derived from the texts, so
 * the same body gives the same placeholders and the MJML compiler sees the same input again (and answers
 * from its remembered compiles, see mjml.ts) when only the subject changed. Guessing it means writing a
 * text that contains a hash of itself; and it is checked against the texts all the same.
 */
function nonceFor(...texts: string[]): string {
  for (let round = 0; ; round++) {
    const hash = createHash('sha256').update(String(round));
    for (const t of texts) hash.update('\0').update(t);
    const nonce = Array.from(hash.digest().subarray(0, 8), (b) => String.fromCharCode(97 + (b % 26))).join('');
    if (texts.every((t) => !t.includes(`SPX${nonce}`))) return nonce;
  }
}

function partOf(p: { part?: string }): RenderPart {
  return p.part === 'subject' || p.part === 'preheader' ? p.part : 'body';
}

const TOKEN_LETTER: Readonly<Record<string, string>> = { field: 'F', if: 'I', else: 'E', end: 'C' };

interface Tokenised {
  mjml: string;
  /** Generated line (0-based index) → template line (1-based). */
  lineMap: number[];
  problems: RenderProblem[];
}

/** Step 2: the MJML with placeholders, and where each generated line came from. */
interface TokeniseContext {
  /** The placeholder of an existing tag (by its index) or, for a new tag, after adding it. */
  token: (index: number, tag: ParsedTag) => string;
  /** Adds a tag the pipeline makes (the choice blocks of a mailing); returns its index. */
  addTag: (tag: ParsedTag) => number;
  conditions: ConditionTable;
  slots: IssueSource['slots'];
}

function tokenise(source: string, tags: readonly ParsedTag[], tc: TokeniseContext): Tokenised {
  const { token, slots } = tc;
  const problems: RenderProblem[] = [];
  // Blank the tags (keeping line breaks) so that quotes or angle brackets inside them do not mislead the scan.
  let blanked = '';
  let pos = 0;
  for (const t of tags) {
    blanked += source.slice(pos, t.start) + source.slice(t.start, t.end).replace(/[^\n]/g, ' ');
    pos = t.end;
  }
  blanked += source.slice(pos);
  const places = placesOf(blanked, tags.map((t) => t.open));

  // Blocks must open, continue and close in one place.
  const open: { tag: ParsedTag; place: MjmlPlace }[] = [];
  tags.forEach((tag, i) => {
    const place = places[i] as MjmlPlace;
    if (tag.kind === 'if') open.push({ tag, place });
    else if (tag.kind === 'else' || tag.kind === 'end') {
      const top = open[open.length - 1];
      if (tag.kind === 'end') open.pop();
      if (top && (top.place.id !== place.id || top.place.kind !== place.kind)) {
        problems.push(
          tagProblem(
            tag,
            'block_crosses_elements',
            `${tag.token.trim()} stands ${describePlace(place)}, but its {{#if}} (line ${top.tag.line}, column ${top.tag.column}) ${describePlace(top.place)}; a block must wrap whole elements or lie within one element's content`,
            'error',
          ),
        );
      }
    }
  });

  const starts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  let line = 0;
  const lineAt = (offset: number): number => {
    while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
    return line + 1;
  };
  let out = '';
  const lineMap = [1];
  const copy = (from: number, to: number): void => {
    const piece = source.slice(from, to);
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) lineMap.push(lineAt(from + i + 1));
    out += piece;
  };
  const synthetic = (piece: string, anchor: number): void => {
    for (let i = piece.indexOf('\n'); i >= 0; i = piece.indexOf('\n', i + 1)) lineMap.push(anchor);
    out += piece;
  };

  pos = 0;
  tags.forEach((tag, i) => {
    copy(pos, tag.start);
    // Keep what a standalone block line took with it before and after the tag, except the tag itself.
    pos = tag.end;
    const place = places[i] as MjmlPlace;
    const raw = (s: string): string => (place.kind === 'structure' ? `<mj-raw>${s}</mj-raw>` : s);
    switch (tag.kind) {
      case 'literal':
        synthetic(tag.text, tag.line);
        break;
      case 'slot': {
        if (tag.name === 'items') {
          const items = slots?.items;
          const container = place.kind !== 'structure' ? null : place.element === 'mj-column' ? 'column' : place.element === 'mj-body' || place.element === 'mj-wrapper' ? 'section' : null;
          if (container === null) {
            problems.push(tagProblem(tag, 'slot_position', `{{items}} stands ${describePlace(place)}; put it between sections (in mj-body) or into an mj-column`, 'error'));
          } else if (!items || items.blocks.length === 0) {
            problems.push(tagProblem(tag, 'slot_empty', 'The issue has no items yet; {{items}} stays empty', 'warning'));
          } else if (items.choose === undefined) {
            synthetic(items.blocks.map((b) => b[container]).join('\n'), tag.line);
          } else {
            for (let k = 1; k <= items.choose; k++) {
              for (const b of items.blocks) {
                const ifTag: ParsedTag = { ...tag, kind: 'if', condition: tc.conditions.addInternal(choiceKey(k, b.itemId)) };
                const endTag: ParsedTag = { ...tag, kind: 'end' };
                synthetic(raw(token(tc.addTag(ifTag), ifTag)) + b[container] + raw(token(tc.addTag(endTag), endTag)), tag.line);
              }
            }
          }
        } else {
          const content = slots?.events;
          if (content !== undefined && content.trim() !== '') synthetic(content, tag.line);
        }
        break;
      }
      case 'field':
      case 'if':
      case 'else':
      case 'end': {
        if (place.kind === 'structure' && !RAW_PARENTS.has(place.element)) {
          problems.push(tagProblem(tag, 'not_in_body', `${tag.token.trim()} stands ${describePlace(place)}; merge tags belong in the body (mj-body) or in text`, 'error'));
          break;
        }
        if (tag.kind === 'field' && place.kind === 'structure') {
          problems.push(tagProblem(tag, 'field_outside_text', `${tag.token} stands between MJML elements; put it into an mj-text`, 'warning'));
        }
        synthetic(raw(token(i, tag)), tag.line);
        break;
      }
      case 'invalid':
        break;
    }
  });
  copy(pos, source.length);
  return { mjml: out, lineMap, problems };
}

/** Puts the preheader (already HTML with placeholders) into the head, replacing the template's preview. */
function withPreheader(mjml: string, preheaderHtml: string): string {
  const preview = `<mj-preview>${preheaderHtml}</mj-preview>`;
  // A later mj-preview wins in MJML, so adding it at the end of the head is enough.
  const headEnd = /<\/mj-head\s*>/i.exec(mjml);
  if (headEnd) return mjml.slice(0, headEnd.index) + preview + mjml.slice(headEnd.index);
  const root = /<mjml\b(?:"[^"]*"|'[^']*'|[^'">])*>/i.exec(mjml);
  if (!root) return mjml;
  const at = root.index + root[0].length;
  return `${mjml.slice(0, at)}<mj-head>${preview}</mj-head>${mjml.slice(at)}`;
}

/** Compiles one issue variant: subject, preheader and MJML body, once, into the merge form. */
export async function compileIssue(source: IssueSource): Promise<CompiledIssue> {
  const conditions = new ConditionTable();
  const problems: RenderProblem[] = [];
  const tagged = (list: readonly MergeProblem[]): RenderProblem[] => list.map((p) => ({ ...p, part: partOf(p), origin: 'merge' as const }));

  const subject = compileTemplate(source.subject, 'header', { conditions, part: 'subject' });
  problems.push(...tagged(subject.problems));

  const body = parseTemplate(source.mjml, { conditions, slots: SLOTS, part: 'body' });
  const pre = source.preheader ? parseTemplate(source.preheader, { conditions, part: 'preheader' }) : null;
  const slotTexts = [source.slots?.events ?? '', ...(source.slots?.items?.blocks ?? []).flatMap((b) => [b.section, b.column])];
  const nonce = nonceFor(source.mjml, source.preheader ?? '', ...slotTexts);
  const allTags: ParsedTag[] = [...body.tags, ...(pre?.tags ?? [])];
  const token = (index: number, tag: ParsedTag): string => `SPX${nonce}${TOKEN_LETTER[tag.kind] ?? 'F'}${index}X`;
  const addTag = (tag: ParsedTag): number => allTags.push(tag) - 1;

  const tokenised = tokenise(source.mjml, body.tags, { token, addTag, conditions, slots: source.slots });
  let mjml = tokenised.mjml;
  if (pre && source.preheader) {
    let html = '';
    let pos = 0;
    const offset = body.tags.length;
    pre.tags.forEach((tag, i) => {
      html += escapeHtml(headerSafe(source.preheader?.slice(pos, tag.start) ?? ''));
      pos = tag.end;
      if (tag.kind === 'literal') html += '{{';
      else if (tag.kind in TOKEN_LETTER) html += token(offset + i, tag);
      else if (tag.kind === 'slot') problems.push(tagProblem(tag, 'slot_not_allowed', `{{${tag.name}}} can only stand in the body`, 'error'));
    });
    html += escapeHtml(headerSafe(source.preheader.slice(pos)));
    mjml = withPreheader(mjml, html);
    problems.push(...tagged(pre.problems));
  }
  problems.push(...tagged(body.problems), ...tokenised.problems);
  // mjml silently repairs unclosed and mismatched elements; the structure check says where they are.
  for (const p of checkMjmlStructure(source.mjml)) {
    problems.push({ code: p.code, severity: 'error', message: `${p.message} (line ${p.line}, column ${p.column})`, line: p.line, column: p.column, start: -1, end: -1, token: '', part: 'body', origin: 'mjml' });
  }

  let compiledHtml = '';
  compileStats.mjml += 1;
  try {
    const result = await compileMjml(mjml, { validationLevel: 'soft', keepComments: false, ignoreIncludes: true });
    compiledHtml = result.html;
    for (const e of result.errors) {
      const line = tokenised.lineMap[e.line - 1] ?? e.line;
      problems.push({
        code: 'mjml',
        severity: 'error',
        message: `${e.message} (line ${line}, <${e.tagName}>)`,
        line,
        column: 1,
        start: -1,
        end: -1,
        token: e.tagName,
        part: 'body',
        origin: 'mjml',
      });
    }
  } catch (err) {
    // mjml throws on input it cannot read at all (no <mjml>/<mj-body>); that is an error of the template.
    problems.push({ code: 'mjml', severity: 'error', message: err instanceof Error ? err.message : String(err), line: 1, column: 1, start: -1, end: -1, token: '', part: 'body', origin: 'mjml' });
  }

  // Steps 4 and 5: placeholders back into merge operations, for the HTML and for the text derived from it.
  const tokenRe = new RegExp(`SPX${nonce}([FIEC])(\\d+)X`, 'g');
  const occurrences = (text: string): Occurrence[] => {
    const found: Occurrence[] = [];
    for (const m of text.matchAll(tokenRe)) {
      const tag = allTags[Number(m[2])];
      if (tag) found.push({ start: m.index, end: m.index + m[0].length, tag });
    }
    return found;
  };
  const htmlOcc = occurrences(compiledHtml);
  const html = assemble(compiledHtml, htmlOcc, 'html', conditions.list);
  const plain = htmlToText(compiledHtml, { keep: new RegExp(`SPX${nonce}[IEC]\\d+X`, 'g') });
  const textOcc = occurrences(plain);
  const text = assemble(plain, textOcc, 'text', conditions.list);
  problems.push(...tagged(html.problems), ...tagged(text.problems));

  // A tag of the body that reached neither version was dropped by MJML (an attribute it does not output,
  // a comment): say so rather than leave the author wondering.
  if (compiledHtml !== '') {
    const seen = new Set<ParsedTag>([...htmlOcc, ...textOcc].map((o) => o.tag));
    for (const tag of allTags) {
      if (tag.kind in TOKEN_LETTER && !seen.has(tag) && !tokenised.problems.some((p) => p.start === tag.start && p.part === partOf(tag))) {
        problems.push(tagProblem(tag, 'lost_in_mjml', `${tag.token.trim()} does not appear in the compiled message: MJML dropped the place it stands in (a comment, or an attribute MJML does not output)`, 'warning'));
      }
    }
  }

  const merged = mergeByPart(problems);
  return {
    language: source.language,
    subject: { ...subject, conditions: conditions.list },
    html: { ...html, conditions: conditions.list },
    text: { ...text, conditions: conditions.list },
    conditions: conditions.list,
    choices: conditions.list.map((c) => {
      const m = /^#choice:(\d+):(\d+)$/.exec(c.key);
      return m ? { position: Number(m[1]), itemId: Number(m[2]) } : null;
    }),
    problems: merged,
    ok: merged.every((p) => p.severity !== 'error'),
  };
}

/** Each problem once per part (the HTML and the text pass find the same broken block), in template order. */
function mergeByPart(problems: RenderProblem[]): RenderProblem[] {
  const order: RenderPart[] = ['subject', 'preheader', 'body'];
  const out: RenderProblem[] = [];
  for (const part of order) {
    const mine = problems.filter((p) => p.part === part);
    const mjml = mine.filter((p) => p.origin === 'mjml');
    const kept = new Set(mergeProblems(mine.filter((p) => p.origin === 'merge')));
    out.push(...mine.filter((p) => p.origin === 'merge' && kept.has(p)).sort((a, b) => a.start - b.start), ...mjml.sort((a, b) => a.line - b.line));
  }
  return out;
}

/** Collapses the blank lines a removed block leaves in the text version. */
function tidyText(text: string): string {
  return text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * One recipient's message. `facts` answers the issue's conditions for this recipient (see `conditionFacts`);
 * `chosen` is a mailing recipient's items, most relevant first (see shared/newsletters/relevance.ts).
 */
export function renderFor(issue: CompiledIssue, recipient: MergeRecipient, facts: ConditionFacts, chosen: readonly number[] = []): RenderedMessage {
  const values = fieldValues(recipient, issue.language);
  const truth = issue.conditions.map((c, i) => {
    const choice = issue.choices[i];
    return choice ? chosen[choice.position - 1] === choice.itemId : facts.has(c.key);
  });
  const notes: MergeNote[] = [];
  const subject = merge(issue.subject, values, truth, notes).trim();
  const html = merge(issue.html, values, truth, notes);
  const text = tidyText(merge(issue.text, values, truth, notes));
  return { subject, html, text, notes: notes.length === 0 ? notes : uniqueNotes(notes) };
}

function uniqueNotes(notes: MergeNote[]): MergeNote[] {
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.field}|${n.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// --- recipients and conditions from the database -------------------------------------------------------------

export interface RecipientRow {
  personId: number;
  language: string;
  recipient: MergeRecipient;
  /** "Dr. Jana Müller", for the To header. */
  displayName: string;
}

export interface RecipientOptions {
  /** The unsubscribe link for a person (per-person tokens are the sender's business); none when absent. */
  unsubscribeUrl?: (personId: number, email: string | null) => string | null;
}

/** The merge data of the given persons, in the given order; erased and unknown ids are left out. */
export function loadRecipients(db: Db, personIds: readonly number[], options: RecipientOptions = {}): RecipientRow[] {
  const rows = db
    .prepare(
      `SELECT p.id, p.salutation, p.title, p.first_name, p.last_name, p.email, p.language,
         (SELECT o.name FROM person_organisations po JOIN organisations o ON o.id = po.organisation_id
          WHERE po.person_id = p.id ORDER BY po.is_primary DESC, po.organisation_id LIMIT 1) AS organisation
       FROM persons p WHERE p.status <> 'erased' AND p.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(personIds)) as {
    id: number;
    salutation: string;
    title: string | null;
    first_name: string | null;
    last_name: string | null;
    email: string | null;
    language: string;
    organisation: string | null;
  }[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: RecipientRow[] = [];
  for (const id of personIds) {
    const r = byId.get(id);
    if (!r) continue;
    out.push({
      personId: r.id,
      language: r.language,
      displayName: [r.title, r.first_name, r.last_name].filter((x) => x !== null && x.trim() !== '').join(' '),
      recipient: {
        salutation: r.salutation,
        title: r.title,
        firstName: r.first_name,
        lastName: r.last_name,
        organisation: r.organisation,
        email: r.email,
        unsubscribeUrl: options.unsubscribeUrl ? options.unsubscribeUrl(r.id, r.email) : null,
      },
    });
  }
  return out;
}

export interface ConditionAnswers {
  /** The answers for one person. */
  forPerson(personId: number): ConditionFacts;
  /** Conditions naming topics, tags, projects, regions, networks or segments that do not exist. */
  problems: { key: string; message: string }[];
}

/**
 * Answers the issue's conditions for everyone at once with the audience engine (one SQL query per filter,
 * bit sets for the rest; the same meaning as segments and the contact search).
 */
export function conditionFacts(db: Db, conditions: readonly Condition[], ctx: CompileContext = compileContext(db)): ConditionAnswers {
  const sets = new Map<string, Set<number>>();
  const known = knownNames(db);
  const problems: { key: string; message: string }[] = [];
  for (const c of conditions) {
    if (c.rule === null) continue;
    sets.set(c.key, new Set(matchIds(db, c.rule, ctx)));
    for (const p of referenceProblems(c.rule, known)) problems.push({ key: c.key, message: `{{#if ${c.text}}}: ${p.message}` });
  }
  return {
    forPerson: (personId) => ({ has: (key) => sets.get(key)?.has(personId) ?? false }),
    problems,
  };
}
