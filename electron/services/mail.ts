/**
 * Mail messages (.eml now, sending later) composed with nodemailer's MailComposer: multipart/alternative
 * with the text part first and the HTML part second (clients show the last part they understand), RFC 2047
 * encoded headers, quoted-printable bodies. The one module the app composes mail with.
 *
 * Images: the renderer embeds them as data: URIs (the preview needs no server); many mail clients block
 * data: URIs, so here each one becomes an inline attachment referenced by cid: (multipart/related beside
 * the HTML). Identical images are attached once.
 *
 * Headers: every value passes through `headerSafe` (no CR/LF, no control characters), so nothing from a
 * name or a merged subject can start a header of its own, whatever MailComposer does with it.
 */
import { createHash } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { headerSafe } from '../../shared/newsletters/merge';

export interface MailAddress {
  name?: string | null;
  address: string;
}

export interface MailInput {
  from: MailAddress;
  to: MailAddress;
  replyTo?: MailAddress | undefined;
  subject: string;
  text: string;
  html: string;
  date?: Date;
  /** Without angle brackets; MailComposer makes one at the sender's domain when absent. */
  messageId?: string;
  /** The recipient's unsubscribe link (https) and/or a mailto: for List-Unsubscribe. */
  listUnsubscribe?: { url?: string | null; mailto?: string | null };
}

interface Inline {
  cid: string;
  content: Buffer;
  contentType: string;
}

const DATA_IMAGE = /(\bsrc\s*=\s*["'])data:(image\/(?:png|jpeg|gif|webp|svg\+xml));base64,([A-Za-z0-9+/=]+)(["'])/gi;

/** The HTML with data: images replaced by cid: references, and the attachments they point to. */
export function inlineImages(html: string): { html: string; inline: Inline[] } {
  const byHash = new Map<string, Inline>();
  const out = html.replace(DATA_IMAGE, (_m, pre: string, mime: string, b64: string, post: string) => {
    const hash = createHash('sha256').update(b64).digest('hex').slice(0, 16);
    let img = byHash.get(hash);
    if (!img) {
      img = { cid: `img-${hash}@spillover`, content: Buffer.from(b64, 'base64'), contentType: mime.toLowerCase() };
      byHash.set(hash, img);
    }
    return `${pre}cid:${img.cid}${post}`;
  });
  return { html: out, inline: [...byHash.values()] };
}

function address(a: MailAddress): { name: string; address: string } {
  return { name: headerSafe(a.name ?? '').trim(), address: headerSafe(a.address).trim() };
}

/** The message as RFC 5322 text (CRLF line ends). */
export async function composeMail(input: MailInput): Promise<Buffer> {
  const { html, inline } = inlineImages(input.html);
  // MailComposer leaves List-* to nodemailer's Mailer, so the header is written here (RFC 2369: <url>, <mailto:…>).
  const unsub = [input.listUnsubscribe?.url, input.listUnsubscribe?.mailto].filter((u): u is string => typeof u === 'string' && /^(https:|mailto:)/i.test(u.trim()));
  const headers = unsub.length > 0 ? { 'List-Unsubscribe': unsub.map((u) => `<${headerSafe(u).trim().replace(/[<>\s]/g, '')}>`).join(', ') } : undefined;
  const composer = new MailComposer({
    from: address(input.from),
    to: address(input.to),
    ...(input.replyTo ? { replyTo: address(input.replyTo) } : {}),
    subject: headerSafe(input.subject).trim(),
    text: input.text,
    html,
    attachments: inline.map((i) => ({ cid: i.cid, content: i.content, contentType: i.contentType, contentDisposition: 'inline', filename: false })),
    ...(headers ? { headers } : {}),
    ...(input.date ? { date: input.date } : {}),
    ...(input.messageId ? { messageId: `<${headerSafe(input.messageId).trim()}>` } : {}),
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}
