/**
 * Where in an HTML document a position lies — text, a quoted or unquoted attribute value (and which
 * attribute), inside a tag, a comment, a <style>/<script> body — so that a merge field placed there can be
 * escaped for exactly that place, or refused where no escaping makes a value safe.
 *
 * A small state machine after the tokenizer of the HTML standard, reduced to what decides escaping. It is fed
 * the template's literal text piece by piece (merge tags are zero-width for it) and only runs when a template
 * is compiled, never per recipient.
 */

export type HtmlState =
  | 'data'
  | 'rcdata'
  | 'rawtext'
  | 'tag-open'
  | 'tag-name'
  | 'end-tag'
  | 'before-attr-name'
  | 'attr-name'
  | 'after-attr-name'
  | 'before-attr-value'
  | 'attr-dq'
  | 'attr-sq'
  | 'attr-unquoted'
  | 'self-closing'
  | 'markup-declaration'
  | 'comment'
  | 'bogus-comment';

/** What a value placed at the current position needs. */
export type HtmlPlace =
  /** Element text, RCDATA (<title>) or a comment: escape & < > " '. */
  | { kind: 'text' }
  /** A quoted attribute value: the same escaping; `start` when nothing of the value precedes. */
  | { kind: 'attr'; name: string; start: boolean }
  /** An unquoted attribute value: every character but letters and digits must become a reference. */
  | { kind: 'attr-unquoted'; name: string; start: boolean }
  /** Between attributes, in a tag name, in CSS or script: no escaping makes an arbitrary value safe here. */
  | { kind: 'unsafe'; why: string };

/* Elements whose text is not parsed as markup. */
const RAWTEXT = new Set(['style', 'script', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);
const RCDATA = new Set(['title', 'textarea']);

/** Attributes whose value is a URL: a value starting one is a link and must be a safe one. */
export const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'background', 'cite', 'formaction', 'poster', 'srcset', 'xlink:href', 'data']);

const SPACE = /[\t\n\f\r ]/;

export class HtmlCursor {
  state: HtmlState = 'data';
  private tagName = '';
  private endTag = false;
  private attrName = '';
  private valueLength = 0;
  /** For comments: the characters just before; for RAWTEXT/RCDATA: the element that ends it. */
  private tail = '';
  private rawEnd = '';

  /** A comparable summary of the position, for checking that both branches of a condition end alike. */
  snapshot(): string {
    if (this.state === 'rawtext' || this.state === 'rcdata') return `${this.state}:${this.rawEnd}`;
    if (this.state === 'attr-dq' || this.state === 'attr-sq' || this.state === 'attr-unquoted') return `${this.state}:${this.attrName}`;
    return this.state;
  }

  /** Describes a position for messages ("text", "the href attribute", "a <style> element"). */
  describe(): string {
    switch (this.state) {
      case 'data':
        return 'text';
      case 'rcdata':
      case 'rawtext':
        return `a <${this.rawEnd}> element`;
      case 'attr-dq':
      case 'attr-sq':
      case 'attr-unquoted':
      case 'before-attr-value':
        return `the ${this.attrName} attribute`;
      case 'comment':
      case 'bogus-comment':
      case 'markup-declaration':
        return 'a comment';
      default:
        return 'a tag';
    }
  }

  place(): HtmlPlace {
    switch (this.state) {
      case 'data':
      case 'rcdata':
      case 'comment':
        return { kind: 'text' };
      case 'attr-dq':
      case 'attr-sq':
      case 'before-attr-value':
      case 'attr-unquoted': {
        const name = this.attrName;
        // CSS and event handlers are languages of their own; HTML escaping does not make a value safe there.
        if (name === 'style' || name.startsWith('on')) return { kind: 'unsafe', why: `the ${name} attribute` };
        const start = this.state === 'before-attr-value' || this.valueLength === 0;
        return this.state === 'attr-dq' || this.state === 'attr-sq' ? { kind: 'attr', name, start } : { kind: 'attr-unquoted', name, start };
      }
      case 'rawtext':
        return { kind: 'unsafe', why: `a <${this.rawEnd}> element` };
      default:
        return { kind: 'unsafe', why: 'a tag, outside any attribute value' };
    }
  }

  /** A (non-empty) value was inserted at the current position. */
  inserted(): void {
    if (this.state === 'before-attr-value') {
      this.state = 'attr-unquoted';
      this.valueLength = 1;
    } else if (this.state === 'attr-dq' || this.state === 'attr-sq' || this.state === 'attr-unquoted') {
      this.valueLength += 1;
    }
  }

  /** Restores a position taken with `save`. */
  restore(saved: HtmlCursor): void {
    Object.assign(this, saved);
  }

  save(): HtmlCursor {
    const copy = new HtmlCursor();
    Object.assign(copy, this);
    return copy;
  }

  private closeTag(): void {
    const name = this.tagName;
    if (!this.endTag && RAWTEXT.has(name)) {
      this.state = 'rawtext';
      this.rawEnd = name;
      this.tail = '';
    } else if (!this.endTag && RCDATA.has(name)) {
      this.state = 'rcdata';
      this.rawEnd = name;
      this.tail = '';
    } else {
      this.state = 'data';
    }
  }

  feed(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text[i] as string;
      switch (this.state) {
        case 'data':
          if (c === '<') this.state = 'tag-open';
          break;
        case 'rcdata':
        case 'rawtext': {
          // Only "</name" followed by a space, "/" or ">" ends the element.
          this.tail = (this.tail + c.toLowerCase()).slice(-(this.rawEnd.length + 3));
          const end = `</${this.rawEnd}`;
          if (this.tail.length === end.length + 1 && this.tail.startsWith(end) && /[\t\n\f\r />]/.test(c)) {
            this.tagName = this.rawEnd;
            this.endTag = true;
            if (c === '>') this.state = 'data';
            else this.state = 'end-tag';
          }
          break;
        }
        case 'tag-open':
          if (c === '!') {
            this.state = 'markup-declaration';
            this.tail = '';
          } else if (c === '/') {
            this.state = 'end-tag';
            this.endTag = true;
            this.tagName = '';
          } else if (/[A-Za-z]/.test(c)) {
            this.state = 'tag-name';
            this.endTag = false;
            this.tagName = c.toLowerCase();
          } else if (c === '?') {
            this.state = 'bogus-comment';
          } else {
            // A "<" that opens nothing is text ("a < b").
            this.state = 'data';
            if (c === '<') this.state = 'tag-open';
          }
          break;
        case 'end-tag':
          if (c === '>') this.state = 'data';
          break;
        case 'tag-name':
          if (SPACE.test(c)) this.state = 'before-attr-name';
          else if (c === '/') this.state = 'self-closing';
          else if (c === '>') this.closeTag();
          else this.tagName += c.toLowerCase();
          break;
        case 'self-closing':
          if (c === '>') {
            // <br/> or a self-closed <mj-…/> opens no element body.
            this.state = 'data';
          } else {
            this.state = 'before-attr-name';
            i -= 1;
          }
          break;
        case 'before-attr-name':
          if (SPACE.test(c)) break;
          if (c === '/') this.state = 'self-closing';
          else if (c === '>') this.closeTag();
          else {
            this.state = 'attr-name';
            this.attrName = c.toLowerCase();
          }
          break;
        case 'attr-name':
          if (SPACE.test(c)) this.state = 'after-attr-name';
          else if (c === '=') this.state = 'before-attr-value';
          else if (c === '/') this.state = 'self-closing';
          else if (c === '>') this.closeTag();
          else this.attrName += c.toLowerCase();
          break;
        case 'after-attr-name':
          if (SPACE.test(c)) break;
          if (c === '=') this.state = 'before-attr-value';
          else if (c === '/') this.state = 'self-closing';
          else if (c === '>') this.closeTag();
          else {
            this.state = 'attr-name';
            this.attrName = c.toLowerCase();
          }
          break;
        case 'before-attr-value':
          if (SPACE.test(c)) break;
          this.valueLength = 0;
          if (c === '"') this.state = 'attr-dq';
          else if (c === "'") this.state = 'attr-sq';
          else if (c === '>') this.closeTag();
          else {
            this.state = 'attr-unquoted';
            this.valueLength = 1;
          }
          break;
        case 'attr-dq':
          if (c === '"') this.state = 'before-attr-name';
          else this.valueLength += 1;
          break;
        case 'attr-sq':
          if (c === "'") this.state = 'before-attr-name';
          else this.valueLength += 1;
          break;
        case 'attr-unquoted':
          if (SPACE.test(c)) this.state = 'before-attr-name';
          else if (c === '>') this.closeTag();
          else this.valueLength += 1;
          break;
        case 'markup-declaration':
          this.tail += c;
          if (this.tail === '--') {
            this.state = 'comment';
            this.tail = '';
          } else if (this.tail !== '-') {
            // <!DOCTYPE …>, <![CDATA[ … and the like: up to the next ">".
            this.state = c === '>' ? 'data' : 'bogus-comment';
          }
          break;
        case 'comment':
          if (c === '>' && (this.tail.endsWith('--') || this.tail.endsWith('--!'))) this.state = 'data';
          this.tail = (this.tail + c).slice(-3);
          break;
        case 'bogus-comment':
          if (c === '>') this.state = 'data';
          break;
      }
    }
  }
}
