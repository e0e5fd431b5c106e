/**
 * The plain-text version of an HTML message, made from the structure of the HTML once per issue (not per
 * recipient): paragraphs, headings, table rows and cells become lines, list items get "- ", links become
 * "text (url)", images their alt text. The document head, <style>/<script>, comments (Outlook's conditional
 * copies of the layout among them) and hidden elements (the preheader) are left out.
 *
 * Written for e-mail HTML as MJML produces it: well-formed, every element closed. Text only; nothing here is
 * interpreted as markup afterwards, so a decoded "<" in the result is just a character.
 */

export interface PlainTextOptions {
  /**
   * Markers to carry over from places whose text is left out (comments, hidden elements, attributes other
   * than href and alt): the render pipeline's placeholders for block boundaries, so that a block which begins
   * or ends there still begins or ends in the text version. Must be a global regular expression.
   */
  keep?: RegExp;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const SKIP = new Set(['head', 'style', 'script', 'title', 'template', 'noscript', 'xml']);
/* Elements that end a line; those in PARAGRAPH end it with a blank line after. */
const BLOCK = new Set(['div', 'li', 'ul', 'ol', 'table', 'tbody', 'thead', 'tfoot', 'section', 'article', 'header', 'footer', 'center', 'blockquote', 'td', 'th', 'dd', 'dt', 'dl', 'pre', 'address', 'figure', 'figcaption', 'nav', 'main', 'aside']);
// A table row is a paragraph too: MJML puts every mj-text, mj-button and mj-image into a row of its own.
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr']);

const NAMED: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '', copy: '©', reg: '®', trade: '™',
  euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', deg: '°', middot: '·', bull: '•',
  hellip: '…', ndash: '–', mdash: '—', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', times: '×', divide: '÷', plusmn: '±', frac12: '½',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è',
  agrave: 'à', aacute: 'á', ccedil: 'ç', ntilde: 'ñ', zwnj: '\u200c', zwj: '\u200d', ensp: ' ', emsp: ' ', thinsp: ' ',
  rarr: '→', larr: '←', check: '✓', hearts: '♥', star: '☆',
};

/** Decodes character references (named ones of everyday mail, all numeric ones); unknown ones stay. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));?/g, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined || hex !== undefined) {
      const cp = dec !== undefined ? Number(dec) : parseInt(hex ?? '', 16);
      if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(cp);
    }
    const v = name !== undefined ? NAMED[name] : undefined;
    return v ?? whole;
  });
}

interface Attributes {
  [name: string]: string;
}

function parseAttributes(src: string): Attributes {
  const attrs: Attributes = {};
  const re = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of src.matchAll(re)) {
    const name = (m[1] ?? '').toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

function hidden(attrs: Attributes): boolean {
  const style = (attrs.style ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('mso-hide:all') || 'hidden' in attrs;
}

interface Frame {
  name: string;
  /** Text of this element is not part of the plain-text version. */
  skip: boolean;
  /** For <a>: the link target and where its text starts in the output. */
  href?: string;
  textFrom?: number;
}

/** Builds lines: runs of white space collapse, blocks request line breaks. */
class Writer {
  out = '';
  /** Line breaks wanted before the next text (0, 1 or 2). */
  private pending = 0;
  private atLineStart = true;
  private spacePending = false;

  text(s: string): void {
    if (s === '') return;
    const parts = s.split(/[ \t\n\r\f]+/);
    for (let i = 0; i < parts.length; i++) {
      if (i > 0) this.spacePending = true;
      const word = parts[i] ?? '';
      if (word === '') continue;
      this.word(word);
    }
  }

  /** Text that must not be split or merged with neighbouring white space handling (markers). */
  word(word: string): void {
    if (this.pending > 0 && this.out !== '') {
      this.out += '\n'.repeat(this.pending);
      this.atLineStart = true;
    }
    this.pending = 0;
    if (this.spacePending && !this.atLineStart) this.out += ' ';
    this.spacePending = false;
    this.out += word;
    this.atLineStart = false;
  }

  /** A marker that takes no room: it sticks to the text around it and changes no spacing. */
  marker(m: string): void {
    this.out += m;
  }

  lineBreak(n: 1 | 2): void {
    this.pending = Math.max(this.pending, n);
    this.spacePending = false;
  }

  /** <br>: a hard line break, even an empty line when repeated. */
  hardBreak(): void {
    this.out += '\n';
    this.atLineStart = true;
    this.spacePending = false;
  }
}

/** The plain-text version of `html` (LF line ends, no trailing spaces, at most one blank line in a row). */
export function htmlToText(html: string, options: PlainTextOptions = {}): string {
  const w = new Writer();
  const stack: Frame[] = [];
  const keepMarkers = (s: string): void => {
    if (!options.keep) return;
    for (const m of s.matchAll(options.keep)) w.marker(m[0]);
  };
  const skipping = (): boolean => stack.length > 0 && (stack[stack.length - 1] as Frame).skip;
  const re = /<!--([\s\S]*?)(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<![^>]*>|<\?[^>]*>|<(\/?)([A-Za-z][A-Za-z0-9:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>/g;
  let pos = 0;
  for (const m of html.matchAll(re)) {
    const between = html.slice(pos, m.index);
    if (skipping()) keepMarkers(between);
    else w.text(decodeEntities(between));
    pos = m.index + m[0].length;
    if (m[1] !== undefined) {
      keepMarkers(m[1]);
      continue;
    }
    if (m[2] !== undefined) {
      if (skipping()) keepMarkers(m[2]);
      else w.text(m[2]);
      continue;
    }
    const name = (m[4] ?? '').toLowerCase();
    if (name === '') continue;
    const closing = m[3] === '/';
    const rawAttrs = m[5] ?? '';
    if (closing) {
      // Pop to the matching element; a stray end tag closes nothing.
      let at = stack.length - 1;
      while (at >= 0 && (stack[at] as Frame).name !== name) at--;
      if (at < 0) continue;
      while (stack.length > at) {
        const frame = stack.pop() as Frame;
        endElement(frame, w, skipping() || frame.skip);
      }
      continue;
    }
    const attrs = parseAttributes(rawAttrs);
    const skip = skipping() || SKIP.has(name) || hidden(attrs);
    if (skip) {
      // Markers in attributes (a block boundary inside an href) survive even where the text does not.
      keepMarkers(rawAttrs);
    } else {
      startElement(name, attrs, w);
      if (name !== 'a') keepMarkers(rawAttrs.replace(/\balt\s*=\s*("[^"]*"|'[^']*')/i, ''));
    }
    const selfClosed = VOID.has(name) || /\/\s*$/.test(rawAttrs);
    if (!selfClosed) {
      const frame: Frame = { name, skip };
      if (name === 'a' && !skip) {
        frame.href = (attrs.href ?? '').trim();
        frame.textFrom = w.out.length;
      }
      stack.push(frame);
    }
    // Raw text elements end only at their own end tag.
    if ((name === 'style' || name === 'script' || name === 'title' || name === 'textarea') && !selfClosed) {
      const endRe = new RegExp(`</${name}\\s*>`, 'ig');
      endRe.lastIndex = pos;
      const end = endRe.exec(html);
      const bodyEnd = end ? end.index : html.length;
      const body = html.slice(pos, bodyEnd);
      if (skip) keepMarkers(body);
      else w.text(decodeEntities(body));
      stack.pop();
      if (!skip) endElement({ name, skip }, w, false);
      pos = end ? end.index + end[0].length : html.length;
      re.lastIndex = pos;
    }
  }
  const rest = html.slice(pos);
  if (skipping()) keepMarkers(rest);
  else w.text(decodeEntities(rest));
  return w.out
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+$/, '').replace(/^[ \t]+/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function startElement(name: string, attrs: Attributes, w: Writer): void {
  if (name === 'br') w.hardBreak();
  else if (name === 'hr') {
    w.lineBreak(2);
    w.word('----------------------------------------');
    w.lineBreak(2);
  } else if (name === 'li') {
    w.lineBreak(1);
    w.word('-');
    w.text(' ');
  } else if (PARAGRAPH.has(name)) w.lineBreak(2);
  else if (BLOCK.has(name)) w.lineBreak(1);
  else if (name === 'img') {
    const alt = (attrs.alt ?? '').trim();
    if (alt !== '') w.text(alt);
  }
}

function endElement(frame: Frame, w: Writer, skip: boolean): void {
  if (skip) return;
  if (frame.name === 'a' && frame.href !== undefined && frame.textFrom !== undefined) {
    const label = w.out.slice(frame.textFrom).trim();
    const href = frame.href;
    const plainHref = href.replace(/^mailto:/i, '');
    if (href === '' || href.startsWith('#')) return;
    if (label === '') w.text(href);
    else if (label !== href && label !== plainHref) w.text(` (${href})`);
    return;
  }
  if (PARAGRAPH.has(frame.name)) w.lineBreak(2);
  else if (BLOCK.has(frame.name)) w.lineBreak(1);
}
