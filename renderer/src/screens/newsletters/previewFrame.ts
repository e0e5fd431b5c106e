/**
 * The document the preview iframe shows. An iframe's srcdoc inherits the app's Content-Security-Policy,
 * which admits <style> elements only with the per-load nonce and no style="" attributes at all — yet MJML
 * output is styled almost entirely by style attributes. So every style attribute becomes a rule in one
 * nonce'd <style> element, with an id-level specificity so it still beats class rules and loses to
 * !important ones, as an inline style does; the template's own <style> elements get the nonce; and the
 * document carries its own, stricter CSP as well. Done on the text (not with DOMParser, whose parse would
 * itself trip the app's CSP on every style attribute).
 */
import { PREVIEW_CSP } from './composerModel';

const styleNonce = (): string => document.querySelector<HTMLMetaElement>('meta[name="spillover-style-nonce"]')?.content ?? '';

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', apos: "'", '#39': "'", lt: '<', gt: '>' };

export function framedPreview(html: string, nonce = styleNonce()): string {
  const rules: string[] = [];
  let n = 0;
  const nonceAttr = ` nonce="${nonce.replace(/[^A-Za-z0-9+/=_-]/g, '')}"`;
  let out = html.replace(/(<[a-zA-Z][\w:-]*)([^<>]*?)\sstyle\s*=\s*"([^"]*)"/g, (_m, open: string, before: string, raw: string) => {
    const css = raw.replace(/&(quot|amp|apos|#39|lt|gt);/g, (_e, name: string) => ENTITIES[name] ?? '');
    // A declaration list cannot contain braces or markup; anything that does is dropped, never spliced in.
    if (css.trim() === '' || /[{}<>]/.test(css)) return `${open}${before}`;
    n += 1;
    // An id rule is found by hash for its one element (cheap to match) and has the id-level specificity.
    if (!/\sid\s*=/i.test(before)) {
      rules.push(`#spx${n}{${css}}`);
      return `${open}${before} id="spx${n}"`;
    }
    rules.push(`[data-spx="${n}"]:not(#spx-none){${css}}`);
    return `${open}${before} data-spx="${n}"`;
  });
  out = out.replace(/<style\b/gi, `<style${nonceAttr}`);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PREVIEW_CSP}">`;
  const sheet = `<style${nonceAttr}>\n${rules.join('\n')}\n</style>`;
  const head = /<head\b[^>]*>/i.exec(out);
  if (!head) return `<!doctype html><html><head>${meta}${sheet}</head><body>${out}</body></html>`;
  const at = head.index + head[0].length;
  out = out.slice(0, at) + meta + out.slice(at);
  const close = out.search(/<\/head>/i);
  return close < 0 ? out.replace(meta, meta + sheet) : out.slice(0, close) + sheet + out.slice(close);
}
