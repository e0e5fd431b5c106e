/**
 * The item list of a message as MJML: each progress item (Meldung) becomes a title, its Markdown text, an
 * optional image with its alt text and its link as a button ("Mehr erfahren" / "Read more").
 *
 * Item texts are the cluster's own words but still untrusted input for the mail: Markdown is rendered with
 * markdown-it with raw HTML off (anything like "<script>" comes out as text), links other than https: and
 * mailto: are dropped, and titles and attributes are HTML-escaped. The result fills the {{items}} slot,
 * which the render pipeline never searches for merge tags, so an item cannot smuggle one in.
 */
import MarkdownIt from 'markdown-it';
import { escapeHtml, isSafeUrl } from './merge';

export interface ItemForMessage {
  id: number;
  /** The text in the variant's language, or in the other language when the item lacks it. */
  title: string;
  bodyMd: string;
  /** data: URI (preview and .eml; mail.ts turns it into an inline attachment) or null. */
  imageSrc: string | null;
  imageAlt: string | null;
  link: string | null;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
const defaultValidate = md.validateLink.bind(md);
// Only links a mail may carry: https and mailto (markdown-it alone would allow http and others).
md.validateLink = (url: string): boolean => defaultValidate(url) && /^(https:|mailto:)/i.test(url.trim());

/** The Markdown text as mail HTML (no raw HTML, safe links only). */
export function markdownToHtml(text: string): string {
  return md.render(text).trim();
}

const MORE: Readonly<Record<string, string>> = { de: 'Mehr erfahren', en: 'Read more' };

/** The column content of one item: text, image, button. */
export function itemColumnMjml(item: ItemForMessage, language: string): string {
  const parts: string[] = [];
  parts.push(`<mj-text font-size="18px" font-weight="bold" padding-bottom="4px">${escapeHtml(item.title)}</mj-text>`);
  if (item.imageSrc !== null && (item.imageSrc.startsWith('data:image/') || isSafeUrl(item.imageSrc))) {
    parts.push(`<mj-image src="${escapeHtml(item.imageSrc)}" alt="${escapeHtml(item.imageAlt ?? '')}" padding="8px 25px" />`);
  }
  const body = markdownToHtml(item.bodyMd);
  if (body !== '') parts.push(`<mj-text line-height="1.5">${body}</mj-text>`);
  if (item.link !== null && isSafeUrl(item.link)) {
    parts.push(`<mj-button href="${escapeHtml(item.link)}" align="left">${MORE[language] ?? MORE.en}</mj-button>`);
  }
  return parts.join('\n');
}

/** One item as a whole section (the slot stands between sections). */
export function itemSectionMjml(item: ItemForMessage, language: string): string {
  return `<mj-section><mj-column>\n${itemColumnMjml(item, language)}\n</mj-column></mj-section>`;
}
