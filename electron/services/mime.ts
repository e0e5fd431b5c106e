/**
 * RFC 5322 / MIME messages (.eml) for a rendered mailing: multipart/alternative with the plain-text part
 * first and the HTML part second (clients show the last part they understand), both UTF-8 and
 * quoted-printable; Subject and display names as RFC 2047 encoded-words when they are not plain ASCII.
 *
 * Written here rather than taken from a library: nodemailer (whose MailComposer would do this) is not a
 * dependency of the project, and what a mailing needs is small enough to write and test completely. Every
 * header value passes through `headerSafe`, so no CR or LF from a name or subject can start a new header.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { domainToASCII } from 'node:url';
import { headerSafe } from '../../shared/newsletters/merge';

export interface MailAddress {
  name?: string | null;
  address: string;
}

export interface EmlInput {
  from: MailAddress;
  to: MailAddress;
  replyTo?: MailAddress | undefined;
  subject: string;
  text: string;
  html: string;
  /** Defaults to now. */
  date?: Date;
  /** Without angle brackets; defaults to a random id at the sender's domain. */
  messageId?: string;
  /**
   * One-click unsubscribe (RFC 2369 / RFC 8058): an https: link and/or a mailto: address. Large mailbox
   * providers require it of bulk senders, and German law requires a working unsubscribe in every mailing.
   */
  listUnsubscribe?: { url?: string | null; mailto?: string | null } | undefined;
}

const CRLF = '\r\n';
const LINE = 76;

/** An address as it may appear in a header: no spaces, controls or brackets; IDN domains in punycode. */
export function headerAddress(raw: string): string {
  const address = raw.trim();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || /[\s<>()[\]\\,;:"\u0000-\u001f\u007f]/.test(address)) {
    throw new Error(`Not a usable e-mail address: ${JSON.stringify(raw)}`);
  }
  const local = address.slice(0, at);
  if (!/^[\x21-\x7e]+$/.test(local)) {
    // A non-ASCII local part needs SMTPUTF8 end to end, which a mailing cannot count on.
    throw new Error(`The local part of ${JSON.stringify(raw)} is not ASCII`);
  }
  const domain = domainToASCII(address.slice(at + 1));
  if (domain === '') throw new Error(`Not a usable domain in ${JSON.stringify(raw)}`);
  return `${local}@${domain}`;
}

const ASCII_PRINTABLE = /^[\x20-\x7e]*$/;

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes, never inside a character. */
function utf8Chunks(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > maxBytes && current !== '') {
      chunks.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** RFC 2047 "B" encoded-words, each short enough (≤ 60 characters) to sit on a folded header line. */
export function encodedWords(text: string): string[] {
  return utf8Chunks(text, 36).map((chunk) => `=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
}

/** Folds "Name: value" at spaces so that lines stay within 78 characters where the words allow. */
function foldWords(name: string, words: readonly string[]): string {
  let out = `${name}:`;
  let lineLength = out.length;
  for (const word of words) {
    if (lineLength + 1 + word.length > 78 && lineLength > name.length + 1) {
      out += `${CRLF} ${word}`;
      lineLength = 1 + word.length;
    } else {
      out += ` ${word}`;
      lineLength += 1 + word.length;
    }
  }
  return out;
}

/** An unstructured header (Subject): plain when printable ASCII, else encoded-words. */
export function unstructuredHeader(name: string, value: string): string {
  const v = headerSafe(value).trim();
  // "=?" in plain text would be read as the start of an encoded-word; encode such a value too.
  if (ASCII_PRINTABLE.test(v) && !v.includes('=?')) return foldWords(name, v.split(/ +/).filter((w) => w !== ''));
  return foldWords(name, encodedWords(v));
}

/** A display name as a phrase: an atom list, a quoted string, or encoded-words. */
function phrase(name: string): string[] {
  if (ASCII_PRINTABLE.test(name) && !name.includes('=?')) {
    if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(name)) return name.split(/ +/).filter((w) => w !== '');
    return [`"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`];
  }
  return encodedWords(name);
}

/** An address header (From, To, Reply-To) with an optional display name. */
export function addressHeader(name: string, address: MailAddress): string {
  const addr = `<${headerAddress(address.address)}>`;
  const display = address.name ? headerSafe(address.name).trim() : '';
  if (display === '') return `${name}: ${addr}`;
  return foldWords(name, [...phrase(display), addr]);
}

/** RFC 5322 date-time in UTC: "Tue, 01 Dec 2026 10:00:00 +0000". */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

function hex(byte: number): string {
  return `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/* A line that needs no encoding: printable ASCII without "=", not ending in a space or tab, short enough,
 * not starting with "." (some transports treat it specially) or "From " (mbox). */
const PLAIN_QP_LINE = /^(?![.]|From )[\x20-\x3c\x3e-\x7e]{0,76}$/;

/** Quoted-printable (RFC 2045) of UTF-8 text, with CRLF line ends and soft breaks at 76 characters. */
export function quotedPrintable(text: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (const line of lines) {
    if (PLAIN_QP_LINE.test(line) && !/[ \t]$/.test(line)) {
      out.push(line);
      continue;
    }
    const bytes = Buffer.from(line, 'utf8');
    let current = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      const last = i === bytes.length - 1;
      let enc: string;
      if (b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x09) || ((b === 0x20 || b === 0x09) && last)) enc = hex(b);
      else if (current === '' && b === 0x2e) enc = hex(b);
      else if (current === '' && b === 0x46 && bytes.subarray(i, i + 5).toString('latin1') === 'From ') enc = hex(b);
      else enc = String.fromCharCode(b);
      // A soft line break ("=" at the end) counts towards the 76 characters.
      if (current.length + enc.length > LINE - 1) {
        out.push(`${current}=`);
        current = '';
        if (b === 0x2e) enc = hex(b);
      }
      current += enc;
    }
    out.push(current);
  }
  return out.join(CRLF);
}

/** The .eml text of one message. */
export function composeEml(input: EmlInput): string {
  const fromAddress = headerAddress(input.from.address);
  const domain = fromAddress.slice(fromAddress.lastIndexOf('@') + 1);
  const messageId = input.messageId ?? `${randomUUID()}@${domain}`;
  if (!/^[\x21-\x3b\x3d\x3f-\x7e]+@[\x21-\x3b\x3d\x3f-\x7e]+$/.test(messageId)) throw new Error(`Not a usable Message-ID: ${JSON.stringify(messageId)}`);
  // "=_" never occurs in quoted-printable output ("=" is always followed by hex digits there).
  const boundary = `=_spillover_${randomBytes(12).toString('hex')}`;
  const headers = [
    addressHeader('From', input.from),
    addressHeader('To', input.to),
    ...(input.replyTo ? [addressHeader('Reply-To', input.replyTo)] : []),
    unstructuredHeader('Subject', input.subject),
    `Date: ${rfc5322Date(input.date ?? new Date())}`,
    `Message-ID: <${messageId}>`,
  ];
  const unsubscribe: string[] = [];
  const url = input.listUnsubscribe?.url?.trim();
  if (url && /^https:\/\/[\x21-\x7e]+$/.test(url) && !/[<>]/.test(url)) unsubscribe.push(`<${url}>`);
  const mailto = input.listUnsubscribe?.mailto?.trim();
  if (mailto) unsubscribe.push(`<mailto:${headerAddress(mailto.replace(/^mailto:/i, ''))}>`);
  if (unsubscribe.length > 0) {
    headers.push(foldWords('List-Unsubscribe', unsubscribe.map((u, i) => (i < unsubscribe.length - 1 ? `${u},` : u))));
    if (unsubscribe[0]?.startsWith('<https:')) headers.push('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  }
  headers.push('MIME-Version: 1.0', `Content-Type: multipart/alternative; boundary="${boundary}"`);
  const part = (type: string, body: string): string =>
    [`--${boundary}`, `Content-Type: ${type}; charset=utf-8`, 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(body)].join(CRLF);
  return [headers.join(CRLF), '', 'This is a multi-part message in MIME format.', part('text/plain', input.text), part('text/html', input.html), `--${boundary}--`, ''].join(CRLF);
}
