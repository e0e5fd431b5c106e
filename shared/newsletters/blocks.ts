/**
 * The block editor's view of an MJML document, and the way back.
 *
 * A variant's body is one MJML text. The block editor shows the top-level parts of <mj-body> it recognises
 * as blocks (text, image, button, divider, the {{items}} slot, and sections with columns of those) and
 * everything else as a read-only "raw MJML" block. The text stays the truth:
 * - A block keeps its exact source while it is not edited, and is written back verbatim — so an unedited
 *   document round-trips byte for byte, with its comments, entities, merge tags and odd attributes.
 * - An edited block is written anew from its parts; attribute values and the HTML inside mj-text/mj-button
 *   are kept as raw text (entities and {{merge|tags}} included), only what the user changed is replaced.
 * Pure code: no DOM, no MJML compiler — the same functions run in the renderer and in tests.
 */
import { ENDING_TAGS } from './mjml-structure';
import { positionsIn } from './positions';

/** An attribute as written: name and the raw value between the quotes (entities left as they are). */
export type Attr = [name: string, raw: string];

export type SimpleBlock =
  | { type: 'text'; attrs: Attr[]; html: string }
  | { type: 'image'; attrs: Attr[] }
  | { type: 'button'; attrs: Attr[]; html: string }
  | { type: 'divider'; attrs: Attr[] };
export type SimpleType = SimpleBlock['type'];

export interface Column {
  attrs: Attr[];
  children: SimpleBlock[];
}

/** What a top-level block is, without its bookkeeping. */
export type BlockBody =
  /** A section with one column holding one simple element: shown as that element. */
  | { type: 'single'; sectionAttrs: Attr[]; columnAttrs: Attr[]; child: SimpleBlock }
  /** A section with one or more columns of simple elements. */
  | { type: 'columns'; sectionAttrs: Attr[]; columns: Column[] }
  /** The {{items}} slot (or {{events}}): replaced by the item list when rendered. */
  | { type: 'slot'; name: string }
  /** Anything else, kept verbatim and edited only in the code view. */
  | { type: 'raw' };

export type Block = BlockBody & {
  /** Stable within one parse, for React keys and drag and drop. */
  key: string;
  /** Whitespace (and nothing else) before the block. */
  gap: string;
  /** The block's exact text while it is unedited; absent after an edit, so it is written anew. */
  source?: string;
};

export interface BlockDoc {
  /** Everything up to and including the <mj-body …> start tag. */
  head: string;
  blocks: Block[];
  /** Whitespace before </mj-body>, </mj-body> and everything after. */
  tail: string;
}

export interface ParseError {
  message: string;
  /** 1-based, in the whole MJML text. */
  line: number;
  column: number;
}

export type ParseResult = { ok: true; doc: BlockDoc } | { ok: false; error: ParseError };

/* ------------------------------------------------------------------ scanning */


interface ElementNode {
  kind: 'element';
  name: string;
  attrs: Attr[];
  /** For ending tags: the raw inner text; otherwise the child nodes. */
  inner: string | null;
  children: Node[];
  start: number;
  end: number;
  selfClosing: boolean;
}
interface TextNode {
  kind: 'text';
  text: string;
  start: number;
  end: number;
}
interface CommentNode {
  kind: 'comment';
  start: number;
  end: number;
}
type Node = ElementNode | TextNode | CommentNode;

class ScanError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const ATTR_RE = /([^\s=/>"'<]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/y;

/** Reads `<name attrs…>` at `at`; returns the parsed tag and where it ends. */
function readStartTag(src: string, at: number): { name: string; attrs: Attr[]; end: number; selfClosing: boolean } {
  const nameMatch = /^<([a-zA-Z][\w-]*)/.exec(src.slice(at, at + 100));
  if (!nameMatch?.[1]) throw new ScanError('A "<" that starts no element', at);
  const name = nameMatch[1];
  let i = at + nameMatch[0].length;
  const attrs: Attr[] = [];
  for (;;) {
    while (i < src.length && /\s/.test(src[i] ?? '')) i++;
    if (i >= src.length) throw new ScanError(`The start tag <${name}> is not closed with ">"`, at);
    if (src.startsWith('/>', i)) return { name, attrs, end: i + 2, selfClosing: true };
    if (src[i] === '>') return { name, attrs, end: i + 1, selfClosing: false };
    ATTR_RE.lastIndex = i;
    const m = ATTR_RE.exec(src);
    if (!m || m[0].length === 0) throw new ScanError(`Unexpected character in the start tag <${name}>`, i);
    attrs.push([m[1] ?? '', m[2] ?? m[3] ?? m[4] ?? '']);
    i += m[0].length;
  }
}

/** Reads nodes from `at` until `</closing>` (or the end when closing is null). */
function readNodes(src: string, at: number, closing: string | null): { nodes: Node[]; end: number } {
  const nodes: Node[] = [];
  let i = at;
  let textStart = i;
  const flushText = (until: number): void => {
    if (until > textStart) nodes.push({ kind: 'text', text: src.slice(textStart, until), start: textStart, end: until });
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    if (lt < 0) break;
    if (src.startsWith('<!--', lt)) {
      const close = src.indexOf('-->', lt + 4);
      if (close < 0) throw new ScanError('A comment "<!--" is never closed with "-->"', lt);
      flushText(lt);
      nodes.push({ kind: 'comment', start: lt, end: close + 3 });
      i = textStart = close + 3;
      continue;
    }
    if (src.startsWith('</', lt)) {
      const m = /^<\/([a-zA-Z][\w-]*)\s*>/.exec(src.slice(lt, lt + 120));
      if (!m) throw new ScanError('A broken end tag', lt);
      if (m[1] !== closing) {
        throw new ScanError(closing ? `</${m[1] ?? ''}> where </${closing}> was expected` : `</${m[1] ?? ''}> without its start tag`, lt);
      }
      flushText(lt);
      return { nodes, end: lt };
    }
    if (!/[a-zA-Z]/.test(src[lt + 1] ?? '')) {
      // A lone "<" in text (e.g. "a < b"): MJML would complain, but it is not ours to break.
      i = lt + 1;
      continue;
    }
    flushText(lt);
    const tag = readStartTag(src, lt);
    if (tag.selfClosing) {
      nodes.push({ kind: 'element', name: tag.name, attrs: tag.attrs, inner: null, children: [], start: lt, end: tag.end, selfClosing: true });
      i = textStart = tag.end;
      continue;
    }
    if (ENDING_TAGS.has(tag.name)) {
      const endTag = new RegExp(`</${tag.name}\\s*>`, 'g');
      endTag.lastIndex = tag.end;
      const m = endTag.exec(src);
      if (!m) throw new ScanError(`<${tag.name}> is never closed with </${tag.name}>`, lt);
      nodes.push({ kind: 'element', name: tag.name, attrs: tag.attrs, inner: src.slice(tag.end, m.index), children: [], start: lt, end: m.index + m[0].length, selfClosing: false });
      i = textStart = m.index + m[0].length;
      continue;
    }
    const inner = readNodes(src, tag.end, tag.name);
    const endMatch = /^<\/[a-zA-Z][\w-]*\s*>/.exec(src.slice(inner.end, inner.end + 120));
    const end = inner.end + (endMatch?.[0].length ?? 0);
    nodes.push({ kind: 'element', name: tag.name, attrs: tag.attrs, inner: null, children: inner.nodes, start: lt, end, selfClosing: false });
    i = textStart = end;
  }
  if (closing !== null) throw new ScanError(`<${closing}> is never closed with </${closing}>`, at);
  flushText(src.length);
  return { nodes, end: src.length };
}


/* ---------------------------------------------------------------- recognising */

const isBlank = (n: Node): boolean => n.kind === 'text' && n.text.trim() === '';

function simpleOf(n: ElementNode): SimpleBlock | null {
  switch (n.name) {
    case 'mj-text':
      return { type: 'text', attrs: n.attrs, html: n.inner ?? '' };
    case 'mj-button':
      return { type: 'button', attrs: n.attrs, html: n.inner ?? '' };
    case 'mj-image':
      return n.selfClosing || n.children.every(isBlank) ? { type: 'image', attrs: n.attrs } : null;
    case 'mj-divider':
      return n.selfClosing || n.children.every(isBlank) ? { type: 'divider', attrs: n.attrs } : null;
    default:
      return null;
  }
}

/** Children that matter: elements only; null when a comment or text stands among them (kept as raw). */
function elementsOnly(nodes: Node[]): ElementNode[] | null {
  const out: ElementNode[] = [];
  for (const n of nodes) {
    if (isBlank(n)) continue;
    if (n.kind !== 'element') return null;
    out.push(n);
  }
  return out;
}

/**
 * The layout of a recognised section as it was written: how children were indented, so a regenerated
 * block looks like its neighbours. Only whitespace is remembered; unknown layouts fall back to raw.
 */
function recognise(n: Node): BlockBody {
  if (n.kind === 'text') {
    const slot = /^\s*\{\{\s*(items|events)\s*\}\}\s*$/.exec(n.text);
    if (slot?.[1]) return { type: 'slot', name: slot[1] };
    return { type: 'raw' };
  }
  if (n.kind !== 'element' || n.name !== 'mj-section' || n.selfClosing) return { type: 'raw' };
  const cols = elementsOnly(n.children);
  if (!cols || cols.length === 0 || cols.some((c) => c.name !== 'mj-column' || c.selfClosing)) return { type: 'raw' };
  const columns: Column[] = [];
  for (const c of cols) {
    const kids = elementsOnly(c.children);
    if (!kids) return { type: 'raw' };
    const children: SimpleBlock[] = [];
    for (const k of kids) {
      const s = simpleOf(k);
      if (!s) return { type: 'raw' };
      children.push(s);
    }
    columns.push({ attrs: c.attrs, children });
  }
  const only = columns[0];
  if (columns.length === 1 && only && only.children.length === 1 && only.children[0]) {
    return { type: 'single', sectionAttrs: n.attrs, columnAttrs: only.attrs, child: only.children[0] };
  }
  return { type: 'columns', sectionAttrs: n.attrs, columns };
}

let keyCounter = 0;
export function newKey(): string {
  keyCounter += 1;
  return `b${keyCounter}`;
}

/** Reads an MJML document into blocks; a syntax error comes back with its line, and nothing is lost. */
export function parseBlocks(mjml: string): ParseResult {
  try {
    const open = /<mj-body\b[^>]*>/.exec(mjml);
    if (!open) {
      const selfClosed = /<mj-body\b[^>]*\/>/.exec(mjml);
      if (selfClosed) return { ok: true, doc: { head: mjml.slice(0, selfClosed.index), blocks: [], tail: mjml.slice(selfClosed.index) } };
      return { ok: false, error: { message: 'The document has no <mj-body>', ...positionsIn(mjml)(0) } };
    }
    const bodyStart = open.index + open[0].length;
    const { nodes, end } = readNodes(mjml, bodyStart, 'mj-body');
    const blocks: Block[] = [];
    let gap = '';
    for (const n of nodes) {
      if (isBlank(n) && n.kind === 'text') {
        gap += n.text;
        continue;
      }
      if (n.kind === 'text') {
        // Text between elements: each merge tag ({{items}}, {{#if …}}, {{/if}}) is a block of its own, so
        // the sections a condition wraps stay editable; whitespace stays a gap.
        let loose: Block | null = null;
        for (const piece of n.text.split(/(\{\{[^{}]*\}\}|\s+)/)) {
          if (piece === '') continue;
          if (piece.trim() === '') {
            gap += piece;
            continue;
          }
          if (!piece.startsWith('{{') && loose?.source !== undefined) {
            // Loose words of one text stay one raw block.
            loose.source += gap + piece;
            gap = '';
            continue;
          }
          const block: Block = { ...recognise({ ...n, text: piece }), key: newKey(), gap, source: piece };
          blocks.push(block);
          loose = piece.startsWith('{{') ? null : block;
          gap = '';
        }
        continue;
      }
      blocks.push({ ...recognise(n), key: newKey(), gap, source: mjml.slice(n.start, n.end) });
      gap = '';
    }
    return { ok: true, doc: { head: mjml.slice(0, bodyStart), blocks, tail: gap + mjml.slice(end) } };
  } catch (err) {
    if (err instanceof ScanError) return { ok: false, error: { message: err.message, ...positionsIn(mjml)(err.at) } };
    throw err;
  }
}

/* ---------------------------------------------------------------- writing */

const attrText = (attrs: Attr[]): string => attrs.map(([n, v]) => (v.includes('"') ? ` ${n}='${v}'` : ` ${n}="${v}"`)).join('');

function simpleText(b: SimpleBlock, indent: string): string {
  switch (b.type) {
    case 'text':
      return `${indent}<mj-text${attrText(b.attrs)}>${b.html}</mj-text>`;
    case 'button':
      return `${indent}<mj-button${attrText(b.attrs)}>${b.html}</mj-button>`;
    case 'image':
      return `${indent}<mj-image${attrText(b.attrs)} />`;
    case 'divider':
      return `${indent}<mj-divider${attrText(b.attrs)} />`;
  }
}

/** The indentation of the line the block starts on, taken from its gap. */
function indentOf(gap: string): string {
  const i = gap.lastIndexOf('\n');
  return i < 0 ? '' : gap.slice(i + 1);
}

export function blockText(b: Block): string {
  if (b.source !== undefined) return b.source;
  const ind = indentOf(b.gap);
  const step = '  ';
  switch (b.type) {
    case 'slot':
      return `{{${b.name}}}`;
    case 'raw':
      return '';
    case 'single':
      return [
        `<mj-section${attrText(b.sectionAttrs)}>`,
        `${ind}${step}<mj-column${attrText(b.columnAttrs)}>`,
        simpleText(b.child, ind + step + step),
        `${ind}${step}</mj-column>`,
        `${ind}</mj-section>`,
      ].join('\n');
    case 'columns':
      return [
        `<mj-section${attrText(b.sectionAttrs)}>`,
        ...b.columns.flatMap((c) => [`${ind}${step}<mj-column${attrText(c.attrs)}>`, ...c.children.map((k) => simpleText(k, ind + step + step)), `${ind}${step}</mj-column>`]),
        `${ind}</mj-section>`,
      ].join('\n');
  }
}

export function serialiseBlocks(doc: BlockDoc): string {
  return doc.head + doc.blocks.map((b) => b.gap + blockText(b)).join('') + doc.tail;
}

/* ---------------------------------------------------------------- editing helpers */

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'", '#39': "'" };

/** An attribute's value as the user reads it (the common entities decoded). */
export function attrValue(attrs: Attr[], name: string): string | undefined {
  const raw = attrs.find(([n]) => n === name)?.[1];
  return raw?.replace(/&(amp|quot|lt|gt|apos|#39);/g, (_, e: string) => ENTITIES[e] ?? '');
}

/** Sets (or, with an empty value, removes) an attribute, keeping the others in their order. */
export function withAttr(attrs: Attr[], name: string, value: string): Attr[] {
  const raw = value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const has = attrs.some(([n]) => n === name);
  if (value === '') return attrs.filter(([n]) => n !== name);
  return has ? attrs.map(([n, v]) => (n === name ? [n, raw] : [n, v])) : [...attrs, [name, raw]];
}

/** A changed copy of a block: it loses its source, so it is written anew. */
export function editBlock(b: Block, body: BlockBody | Block): Block {
  // The body may be a spread of the old block: drop its source, or the edit would be written as before.
  const next: Block = { ...(body as Block), key: b.key, gap: b.gap };
  delete next.source;
  return next;
}

const DEFAULT_GAP = '\n    ';

/** A fresh block of a kind the user picks from the palette. */
export function newBlock(kind: SimpleType | 'slot' | 'columns', gap = DEFAULT_GAP): Block {
  const base = { key: newKey(), gap };
  switch (kind) {
    case 'slot':
      return { ...base, type: 'slot', name: 'items' };
    case 'columns':
      return {
        ...base,
        type: 'columns',
        sectionAttrs: [],
        columns: [
          { attrs: [], children: [{ type: 'text', attrs: [], html: 'Linke Spalte' }] },
          { attrs: [], children: [{ type: 'text', attrs: [], html: 'Rechte Spalte' }] },
        ],
      };
    default:
      return { ...base, type: 'single', sectionAttrs: [], columnAttrs: [], child: newSimple(kind) };
  }
}

export function newSimple(kind: SimpleType): SimpleBlock {
  switch (kind) {
    case 'text':
      return { type: 'text', attrs: [], html: 'Text' };
    case 'image':
      return { type: 'image', attrs: [['src', 'https://'], ['alt', '']] };
    case 'button':
      return { type: 'button', attrs: [['href', 'https://']], html: 'Mehr erfahren' };
    case 'divider':
      return { type: 'divider', attrs: [] };
  }
}

/** The gap a block inserted after the others gets: that of the last block, so indentation matches. */
export function gapForNew(doc: BlockDoc): string {
  const last = doc.blocks[doc.blocks.length - 1];
  return last && last.gap.includes('\n') ? last.gap.slice(last.gap.lastIndexOf('\n')) : DEFAULT_GAP;
}

/**
 * The HTML of an mj-text as the user edits it: without the surrounding whitespace and the indentation the
 * source gives every line, and `back` puts both in again, so an edit keeps the file's layout.
 */
export function editableHtml(html: string): { text: string; back(text: string): string } {
  const lead = /^\s*/.exec(html)?.[0] ?? '';
  const trail = lead.length === html.length ? '' : (/\s*$/.exec(html)?.[0] ?? '');
  const core = html.slice(lead.length, html.length - trail.length);
  const lines = core.split('\n');
  const indents = lines.slice(1).filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)?.[0] ?? '');
  const indent = indents.reduce<string | null>((a, b) => (a === null || b.length < a.length ? b : a), null) ?? '';
  const text = [lines[0] ?? '', ...lines.slice(1).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))].join('\n');
  return {
    text,
    back: (edited) => {
      const [first = '', ...rest] = edited.split('\n');
      return lead + [first, ...rest.map((l) => (l === '' ? l : indent + l))].join('\n') + trail;
    },
  };
}
