/**
 * A structure check for MJML source, with line numbers. mjml's own parser is forgiving: an unclosed or
 * mismatched element (`<mj-text>` without `</mj-text>`) is silently repaired into something else, and
 * the user sees a wrong layout with no message. This check finds those mistakes in the text the user
 * wrote, so the message can say where.
 *
 * It reads only the MJML elements (`mjml`, `mj-*`). The content of ending tags (mj-text, mj-button,
 * mj-raw …) is HTML that MJML copies as it is; inside those only the closing tag is looked for.
 */
import { positionsIn } from './positions';

export interface StructureProblem {
  code: 'unclosed_element' | 'unexpected_close' | 'mismatched_close' | 'unclosed_tag' | 'unclosed_comment' | 'no_mjml_root';
  message: string;
  line: number;
  column: number;
  /** Variable parts of the message: `element`, and for a mismatched close `closer` and `closerLine`. */
  params: Record<string, string | number>;
}

/**
 * Elements whose content MJML passes through as HTML or text (its "ending tags"): their content is not
 * searched for mj- elements. One list for the structure check, the block editor and the render pipeline.
 */
export const ENDING_TAGS: ReadonlySet<string> = new Set([
  'mj-text',
  'mj-button',
  'mj-raw',
  'mj-table',
  'mj-navbar-link',
  'mj-accordion-title',
  'mj-accordion-text',
  'mj-social-element',
  'mj-carousel-image',
  'mj-style',
  'mj-title',
  'mj-preview',
  'mj-breakpoint',
  'mj-font',
]);

export function checkMjmlStructure(source: string): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const stack: { name: string; offset: number }[] = [];
  const at = positionsIn(source);
  let sawRoot = false;
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt < 0) break;
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end < 0) {
        problems.push({ code: 'unclosed_comment', message: 'A comment "<!--" is never closed with "-->"; everything after it is lost.', params: {}, ...at(lt) });
        break;
      }
      i = end + 3;
      continue;
    }
    const m = /^<(\/?)(mjml|mj-[a-z0-9-]+)(?=[\s/>]|$)/i.exec(source.slice(lt, lt + 80));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const closing = m[1] === '/';
    const name = (m[2] ?? '').toLowerCase();
    // Find the end of the tag, skipping quoted attribute values (they may contain ">").
    let j = lt + m[0].length;
    let quote: string | null = null;
    for (; j < source.length; j++) {
      const c = source[j];
      if (quote) {
        if (c === quote) quote = null;
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
      else if (c === '<') break;
    }
    if (j >= source.length || source[j] !== '>') {
      problems.push({ code: 'unclosed_tag', message: `The tag <${closing ? '/' : ''}${name} is not closed with ">".`, params: { element: `${closing ? '/' : ''}${name}` }, ...at(lt) });
      i = j;
      continue;
    }
    const selfClosing = !closing && source[j - 1] === '/';
    i = j + 1;
    if (name === 'mjml' && !closing) sawRoot = true;
    if (closing) {
      const top = stack[stack.length - 1];
      if (top?.name === name) {
        stack.pop();
      } else if (stack.some((s) => s.name === name)) {
        // Everything opened after the matching element was left open.
        while (stack.length > 0 && stack[stack.length - 1]?.name !== name) {
          const open = stack.pop();
          if (open) {
            const p = at(open.offset);
            const closerLine = at(lt).line;
            problems.push({
              code: 'mismatched_close',
              message: `<${open.name}> opened on line ${p.line} is not closed before </${name}> on line ${closerLine}; add </${open.name}>.`,
              params: { element: open.name, closer: name, closerLine },
              ...p,
            });
          }
        }
        stack.pop();
      } else {
        problems.push({ code: 'unexpected_close', message: `</${name}> closes an element that is not open here; remove it or add the matching <${name}>.`, params: { element: name }, ...at(lt) });
      }
      continue;
    }
    if (selfClosing) continue;
    if (ENDING_TAGS.has(name)) {
      // Raw HTML content: the next MJML tag must be this element's closing tag.
      const next = /<(\/?)(mjml|mj-[a-z0-9-]+)(?=[\s/>]|$)/gi;
      next.lastIndex = i;
      const found = next.exec(source);
      if (found?.[1] === '/' && found[2]?.toLowerCase() === name) {
        const end = source.indexOf('>', found.index);
        i = end < 0 ? source.length : end + 1;
      } else {
        problems.push({ code: 'unclosed_element', message: `<${name}> is never closed; add </${name}> after its content.`, params: { element: name }, ...at(lt) });
        i = found ? found.index : source.length;
      }
      continue;
    }
    stack.push({ name, offset: lt });
  }
  for (const open of stack.reverse()) {
    problems.push({ code: 'unclosed_element', message: `<${open.name}> is never closed; add </${open.name}>.`, params: { element: open.name }, ...at(open.offset) });
  }
  if (!sawRoot) problems.unshift({ code: 'no_mjml_root', message: 'This is not an MJML document: it needs <mjml> around everything.', params: {}, line: 1, column: 1 });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
