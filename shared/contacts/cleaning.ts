import { memoised } from './memo';
/**
 * Cleaning rules for values that arrive from imported tables (Excel, CSV, vCard, Mailchimp, listmonk).
 *
 * Member lists are copied between Outlook, web pages, Word and Excel for years before they reach us, so
 * they carry invisible debris: non-breaking spaces from Word, zero-width spaces from web pages, BOMs,
 * decomposed umlauts from macOS, `mailto:` links. The rules here remove exactly that debris and nothing
 * else: a name in Arabic, a Telugu conjunct or an emoji family must come back as it went in.
 *
 * Everything is pure (no Node, no DOM) because the renderer previews the same cleaning the import applies.
 */

/* Characters the single-line cleaner turns into a plain space: every Unicode space separator (Zs: NBSP,
 * narrow NBSP, figure space, ideographic space …) plus the characters that break a line, which have no
 * place inside a name or an e-mail address. */
const SPACE_LIKE = /[\t\n\v\f\r\u0085\u2028\u2029\p{Zs}]/gu;
/* Line breaks of every flavour, for the multi-line variant. */
const LINE_BREAK = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;
/* Space separators other than U+0020, for the multi-line variant (tabs are kept there). */
const NON_ASCII_SPACE = /[\p{Zs}]/gu;
/* Remaining control characters (C0, DEL, C1). Nobody types them; they come from broken exports. */
const CONTROL = /\p{Cc}/gu;
/*
 * Invisible characters that are always debris: zero-width space, word joiner, BOM, soft hyphen (Word
 * inserts it for hyphenation and it breaks search and duplicate detection) and the Mongolian vowel
 * separator (a former space character, now zero-width, that arrives only as junk in Latin text).
 */
const ALWAYS_INVISIBLE = /[\u00AD\u180E\u200B\u2060\uFEFF]/gu;
/*
 * ZWNJ/ZWJ are debris between Latin letters or spaces, but meaningful inside emoji sequences
 * (👨‍👩‍👧) and in Indic and Arabic-script words (Persian "می‌خواهم", Telugu conjuncts). They are kept only
 * where both neighbours belong to such a sequence: a pictographic emoji (or its skin-tone modifier or
 * VS16), a combining mark, or a letter of a non-Latin script.
 */
const JOINS_AFTER = String.raw`[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F\p{M}]|[^\P{L}\p{Script=Latin}]`;
const JOINS_BEFORE = String.raw`[\p{Extended_Pictographic}\p{M}]|[^\P{L}\p{Script=Latin}]`;
const JOINER_OUT_OF_CONTEXT = new RegExp(
  String.raw`(?<!${JOINS_AFTER})[\u200C\u200D]|[\u200C\u200D](?!${JOINS_BEFORE})`,
  'gu',
);
/* A lone UTF-16 surrogate cannot be stored as UTF-8; a broken reader is the only way to get one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* Every format character (Cf): bidi marks, joiners, BOM … None is meaningful in an address or a key. */
const FORMAT = /\p{Cf}/gu;

/*
 * Printable ASCII and precomposed Latin-1/Latin Extended-A letters (no NBSP U+00A0, no soft hyphen U+00AD),
 * starting and ending with a visible character. Such a value is already what cleanText would return —
 * these characters are NFC-stable — and it is what 99 % of imported cells look like, so an import of
 * 100,000 rows skips the regular-expression passes for them.
 */
const ALREADY_CLEAN = /^[\x21-\x7e\u00a1-\u00ac\u00ae-\u017f](?:[\x20-\x7e\u00a1-\u00ac\u00ae-\u017f]*[\x21-\x7e\u00a1-\u00ac\u00ae-\u017f])?$/;

function isAlreadyClean(value: string): boolean {
  return ALREADY_CLEAN.test(value) && !value.includes('  ');
}

function removeInvisible(value: string): string {
  return value.replace(ALWAYS_INVISIBLE, '').replace(JOINER_OUT_OF_CONTEXT, '');
}

/**
 * Cleans a single-line value (a name, a city, a job title): NFC, every kind of space and line break becomes
 * one plain space, invisible debris and control characters go, runs of spaces collapse, ends are trimmed.
 * All other characters are left exactly as they are.
 */
export function cleanText(raw: string): string {
  if (isAlreadyClean(raw)) return raw;
  const spaced = raw.replace(LONE_SURROGATE, '\uFFFD').replace(SPACE_LIKE, ' ').replace(CONTROL, '');
  // NFC last: removing an invisible character can bring a base letter and its combining mark together.
  return removeInvisible(spaced).replace(/ {2,}/g, ' ').trim().normalize('NFC');
}

/**
 * Cleans a multi-line value (notes): like `cleanText`, but line breaks (CRLF, CR, LF, Unicode separators)
 * become LF and survive, tabs survive, each line loses its trailing spaces and blank lines at both ends go.
 * Runs of spaces inside a line are kept because people indent lists in notes.
 */
export function cleanMultiline(raw: string): string {
  const lines = raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(LINE_BREAK, '\n')
    .replace(NON_ASCII_SPACE, ' ')
    .replace(/[^\P{Cc}\t\n]/gu, '');
  const trimmed = removeInvisible(lines)
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, ''));
  while (trimmed.length > 0 && trimmed[0] === '') trimmed.shift();
  while (trimmed.length > 0 && trimmed[trimmed.length - 1] === '') trimmed.pop();
  return trimmed.join('\n').normalize('NFC');
}

/* --------------------------------------------------------------------------------------------------------
 * E-mail
 * ------------------------------------------------------------------------------------------------------ */

export type CleanEmailResult = { email: string } | { error: 'empty' | 'invalid'; value: string };

/* Pairs that people wrap addresses in when copying them out of mail clients and documents. */
const WRAPPERS: readonly (readonly [string, string])[] = [
  ['<', '>'],
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['„', '“'],
  ['‘', '’'],
  ['«', '»'],
  ['(', ')'],
  ['[', ']'],
];

function unwrap(value: string): string {
  let current = value.trim();
  for (;;) {
    const pair = WRAPPERS.find(([open, close]) => current.length >= 2 && current.startsWith(open) && current.endsWith(close));
    if (!pair) return current;
    current = current.slice(pair[0].length, current.length - pair[1].length).trim();
  }
}

/*
 * Pragmatic address rule, deliberately stricter than RFC 5322 (no quoted local parts, no IP literals,
 * no comments) because those never occur in member lists but typos that they would let through do.
 * Unicode letters are allowed on both sides (RFC 6531 / IDN) since partner regions are international.
 */
const LOCAL_ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
const LOCAL_PART = new RegExp(`^${LOCAL_ATOM}(?:\\.${LOCAL_ATOM})*$`, 'u');
const DOMAIN_LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;

function isValidAddress(local: string, domain: string): boolean {
  if (local.length === 0 || local.length > 64 || !LOCAL_PART.test(local)) return false;
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return false;
  // A top-level domain is never numeric; "jana@192.168.0.1" or "jana@x.123" are typos, not addresses.
  const tld = labels[labels.length - 1] ?? '';
  return /\p{L}/u.test(tld);
}

function decodePercent(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray "%" is not an encoding; validation decides about the address as it stands.
    return value;
  }
}

/*
 * An address as nearly every cell holds it: ASCII, starting with a letter or digit (so no wrapper, quote or
 * `mailto:` can be around it), dot-separated atoms, a host of at least two labels, nothing before or after.
 * For such a cell every step of `cleanEmail` except lower-casing the domain is a no-op, so an import of
 * 100,000 rows skips them; everything else takes the full path. The length limits and the letter in the
 * top-level domain are checked in `plainEmail`, as `isValidAddress` does.
 */
const PLAIN_EMAIL =
  /^([A-Za-z0-9][A-Za-z0-9!#$%&'*+/=?^_`{|}~-]*(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*)@([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+)$/;

function plainEmail(raw: string): string | null {
  const m = PLAIN_EMAIL.exec(raw);
  if (m === null) return null;
  const local = m[1] ?? '';
  const domain = (m[2] ?? '').toLowerCase();
  if (local.length > 64 || domain.length > 253) return null;
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return /[a-z]/.test(tld) ? `${local}@${domain}` : null;
}

/**
 * Cleans and validates one e-mail address. Accepts what people paste: `mailto:` links (any case, with a
 * `?subject=` query), `<…>` and quotes around the address, display names (`Jana Müller <jana@x.de>`),
 * trailing comments (`jana@x.de (Büro)`), a trailing `;` or `,` from an address list, bidi marks and
 * zero-width characters anywhere. The domain is lower-cased (it is case-insensitive and kept as Unicode,
 * not punycode); the local part keeps its case because RFC 5321 lets servers treat it case-sensitively.
 * On failure `value` is the text after `cleanText`, for showing to the user.
 */
export function cleanEmail(raw: string): CleanEmailResult {
  const plain = plainEmail(raw);
  if (plain !== null) return { email: plain };
  const text = cleanText(raw);
  if (text === '') return { error: 'empty', value: '' };
  let candidate = text.replace(FORMAT, '').replace(/[;,]+$/, '');
  candidate = unwrap(candidate);
  // Two <…> are two addresses; taking one of them silently would lose the other.
  if ((candidate.match(/</g) ?? []).length > 1) return { error: 'invalid', value: text };
  // Display name: everything before the <…> is a name, the address is inside.
  const angle = /<([^<>]*)>\s*$/.exec(candidate);
  if (angle?.[1] !== undefined) candidate = angle[1];
  // A trailing comment in parentheses, as some address books write it.
  candidate = unwrap(candidate.replace(/\s*\([^()]*\)$/, ''));
  const mailto = /^mailto:/i.exec(candidate);
  if (mailto) {
    candidate = candidate.slice(mailto[0].length);
    const query = candidate.indexOf('?');
    if (query >= 0) candidate = candidate.slice(0, query);
    candidate = unwrap(decodePercent(candidate));
  }
  candidate = candidate.normalize('NFC');
  const parts = candidate.split('@');
  if (parts.length !== 2 || /\s/u.test(candidate)) return { error: 'invalid', value: text };
  const [local = '', domain = ''] = parts;
  const lowerDomain = domain.toLowerCase();
  if (!isValidAddress(local, lowerDomain)) return { error: 'invalid', value: text };
  return { email: `${local}@${lowerDomain}` };
}

/**
 * The duplicate-detection key of a cleaned address: fully lower-cased. Two addresses that differ only in
 * the case of the local part reach the same mailbox at every provider our members use, so for finding
 * duplicates they are one; the stored address keeps its original case.
 */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

/* --------------------------------------------------------------------------------------------------------
 * Postcode, phone, website
 * ------------------------------------------------------------------------------------------------------ */

/**
 * Cleans a postcode and keeps it a string, so "01067" (Dresden) keeps its leading zero. A four-digit
 * value such as "1067" is NOT padded even when the country is Germany: Excel may have eaten the zero,
 * but Austria, Switzerland, Belgium, Denmark … have four-digit postcodes and a wrong padding would be
 * invisible later. Returns null when nothing is left.
 */
export function cleanPostcode(raw: string): string | null {
  const text = cleanText(raw).replace(FORMAT, '');
  return text === '' ? null : text;
}

/**
 * Cleans a phone number without reformatting it (people write numbers the way their region reads them,
 * and a reformatter without a country database would do more harm than good). Strips a `tel:` prefix
 * and bidi marks (macOS wraps copied numbers in U+202D … U+202C). Returns null when nothing is left.
 */
export function cleanPhone(raw: string): string | null {
  const text = cleanText(raw).replace(FORMAT, '').replace(/^tel:\s*/i, '').trim();
  return text === '' ? null : text;
}

const HOST_LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;

/**
 * Cleans a website: adds `https://` when there is no scheme, accepts only http and https, lower-cases
 * scheme and host, and requires a real host name (at least one dot, a non-numeric top-level domain, no
 * user-info, no spaces). Returns null for empty and for unacceptable values; `mapRow` tells them apart.
 */
export function cleanWebsite(raw: string): string | null {
  let text = unwrap(cleanText(raw).replace(FORMAT, ''));
  if (text === '' || /\s/u.test(text)) return null;
  if (text.startsWith('//')) text = `https:${text}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  // "www.x.de:8080/…" looks like a scheme to a regex; a scheme is only believed when "//" follows it,
  // or when it names a scheme that is never a host (mailto:, javascript:, data: …).
  const hasScheme = scheme !== null && (text.slice(scheme[0].length).startsWith('//') || !scheme[1]?.includes('.'));
  if (hasScheme && scheme) {
    const name = (scheme[1] ?? '').toLowerCase();
    if (name !== 'http' && name !== 'https') return null;
    text = `${name}${text.slice(name.length)}`;
  } else {
    text = `https://${text}`;
  }
  const match = /^(https?:\/\/)([^/?#]*)(.*)$/.exec(text);
  if (!match) return null;
  const [, prefix = '', authority = '', rest = ''] = match;
  if (authority.includes('@')) return null;
  const portMatch = /^(.*?)(:\d{1,5})?$/.exec(authority);
  const host = (portMatch?.[1] ?? '').toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((label) => HOST_LABEL.test(label))) return null;
  if (!/\p{L}/u.test(labels[labels.length - 1] ?? '')) return null;
  return `${prefix}${host}${portMatch?.[2] ?? ''}${rest}`;
}

/* --------------------------------------------------------------------------------------------------------
 * Duplicate-detection keys
 * ------------------------------------------------------------------------------------------------------ */

/* Letters that NFD does not decompose but that people write without their stroke or ligature. */
const FOLD_LETTERS: Readonly<Record<string, string>> = {
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ŧ: 't',
  ĸ: 'k',
  ŋ: 'n',
  ſ: 's',
};
const GERMAN_EXPANSIONS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
const GERMAN_STRIPPED: Readonly<Record<string, string>> = { ä: 'a', ö: 'o', ü: 'u', ß: 'ss' };
/*
 * Only the combining marks that carry Latin/Greek/Cyrillic diacritics are stripped. Indic vowel signs and
 * Arabic harakat are marks too, but removing them would turn distinct names into one.
 */
const DIACRITIC_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
];

/*
 * One character class built from DIACRITIC_RANGES (written out, a class of bare combining marks is
 * unreadable and lint-flagged). All ranges lie in the BMP, so matching code units is matching code points.
 */
const DIACRITICS = new RegExp(`[${DIACRITIC_RANGES.map(([from, to]) => `\\u${hex4(from)}-\\u${hex4(to)}`).join('')}]`, 'g');

function hex4(codePoint: number): string {
  return codePoint.toString(16).padStart(4, '0');
}

function stripDiacritics(decomposed: string): string {
  return decomposed.replace(DIACRITICS, '');
}

/* Letters and digits in single-spaced ASCII words ("Firma 12 GmbH"): folding only changes their case. */
const ASCII_WORDS = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;
/* Up to the end of Latin Extended-A: German, French, Polish, Czech, Turkish … names fall in here. */
const LATIN_END = 0x17f;
const latinFolds: Record<'expand' | 'strip', string[] | null> = { expand: null, strip: null };

/*
 * Below U+0180 every step of foldText acts on one character at a time: there are no combining marks,
 * joiners or surrogates there, each letter decomposes into a base letter plus marks that are stripped,
 * and NFC has nothing to compose. So the fold of such text is the fold of each character, with spaces
 * collapsed and trimmed at the end. The table is filled by the general path itself, with each character
 * between two letters so that a space or a removed character shows as what it leaves in the middle.
 */
function latinFoldTable(umlauts: 'expand' | 'strip'): string[] {
  let table = latinFolds[umlauts];
  if (table === null) {
    table = [];
    for (let c = 0; c <= LATIN_END; c++) table.push(foldGeneral(`a${String.fromCharCode(c)}a`, umlauts).slice(1, -1));
    latinFolds[umlauts] = table;
  }
  return table;
}

/* Characters the Latin table has to look up: all but lower-case ASCII letters, digits and the space. */
const NOT_PLAIN = /[^a-z0-9 ]/g;
const BEYOND_LATIN = /[^\0-\u017f]/;

function foldLatin(text: string, umlauts: 'expand' | 'strip'): string | null {
  if (BEYOND_LATIN.test(text)) return null;
  const table = latinFoldTable(umlauts);
  return text
    .replace(NOT_PLAIN, (ch) => table[ch.charCodeAt(0)] ?? ch)
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Folds text for comparison: lower case, German umlauts spelled out (ä→ae, ß→ss; `umlauts: 'strip'`
 * gives ä→a instead), other diacritics removed (é→e, å→a, ł→l, ø→o), hyphens, slashes, underscores,
 * `&` and `+` become spaces, all other punctuation and symbols vanish, spaces collapse. Non-Latin
 * scripts pass through lower-cased. Used by the duplicate keys, header matching and country lookup.
 */
export function foldText(text: string, umlauts: 'expand' | 'strip' = 'expand'): string {
  if (ASCII_WORDS.test(text)) return text.toLowerCase();
  return foldLatin(text, umlauts) ?? foldGeneral(text, umlauts);
}

function foldGeneral(text: string, umlauts: 'expand' | 'strip'): string {
  const table = umlauts === 'expand' ? GERMAN_EXPANSIONS : GERMAN_STRIPPED;
  const lower = cleanText(text).replace(FORMAT, '').toLowerCase();
  const spelled = lower.replace(/[äöüß]/g, (ch) => table[ch] ?? ch);
  const stripped = stripDiacritics(spelled.normalize('NFD'))
    .normalize('NFC')
    .replace(/[æœøłđðþħıŀŧĸŋſ]/g, (ch) => FOLD_LETTERS[ch] ?? ch);
  return stripped
    .replace(/[\p{Pd}/_&+]/gu, ' ')
    .replace(/[\p{P}\p{S}]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Duplicate key of a person's name: "Jana|Müller" and "jana|Mueller" and "Jana|Mu\u0308ller" meet, so do
 * "Hans-Peter" and "Hans Peter", "Weiß" and "Weiss". First and last name stay apart ("first|last") so a
 * name split into the wrong columns does not match by accident. Returns '' when both parts are empty:
 * an empty key means "no key", never "same person".
 */
export function nameKey(first: string, last: string): string {
  const f = foldName(first);
  const l = foldName(last);
  return f === '' && l === '' ? '' : `${f}|${l}`;
}

/*
 * Legal forms, removed from the end of an organisation name (repeatedly, so "GmbH & Co. KG" goes in
 * three steps). Written as people write them; folded into token sequences once. Only suffixes are
 * removed, and never the whole name: "AG" alone stays "ag".
 */
const LEGAL_FORMS = [
  'GmbH',
  'gGmbH',
  'mbH',
  'AG',
  'KG',
  'KGaA',
  'OHG',
  'GbR',
  'PartG',
  'PartG mbB',
  'mbB',
  'eG',
  'e.V.',
  'e. V.',
  'eV',
  'UG (haftungsbeschränkt)',
  'haftungsbeschränkt',
  'UG',
  'Co.',
  'SE',
  'SAS',
  'S.A.S.',
  'SASU',
  'SARL',
  'S.à r.l.',
  'SA',
  'S.A.',
  'Ltd',
  'Ltd.',
  'Limited',
  'Pte Ltd',
  'Pte. Ltd.',
  'Private Limited',
  'Inc',
  'Inc.',
  'Incorporated',
  'LLC',
  'Corp.',
  'Corporation',
  'plc',
  'B.V.',
  'N.V.',
  'S.r.l.',
  'S.p.A.',
];

let legalFormTokens: Map<string, string[][]> | null = null;

/**
 * The legal forms as token sequences, grouped by their last token, so a name is compared only with the
 * forms it could end in. Within a group the order is the order of trying: longest first, so "pte ltd" is
 * removed as one before "ltd" alone would leave "pte" behind.
 */
function legalForms(): Map<string, string[][]> {
  if (legalFormTokens) return legalFormTokens;
  const byLast = new Map<string, string[][]>();
  for (const form of LEGAL_FORMS.map((f) => foldText(f).split(' ')).sort((a, b) => b.length - a.length)) {
    const last = form[form.length - 1] ?? '';
    const group = byLast.get(last);
    if (group) group.push(form);
    else byLast.set(last, [form]);
  }
  legalFormTokens = byLast;
  return byLast;
}

/**
 * Duplicate key of an organisation: folded like a name, with legal-form suffixes removed, so
 * "Carbonwerk Magdeburg GmbH", "Carbonwerk Magdeburg" and "CARBONWERK MAGDEBURG GmbH & Co. KG" meet.
 * Returns '' for an empty name.
 */
function organisationKeyUncached(name: string): string {
  const tokens = foldText(name).split(' ').filter((t) => t !== '');
  const forms = legalForms();
  // The name is tokens[0 .. end); a removed form moves the end instead of shortening the array.
  let end = tokens.length;
  for (;;) {
    const form = (forms.get(tokens[end - 1] ?? '') ?? []).find((f) => endsWith(tokens, end, f));
    if (form === undefined) return (end === tokens.length ? tokens : tokens.slice(0, end)).join(' ');
    end -= form.length;
  }
}

/** Whether tokens[0 .. end) ends with `form` and has more before it (the whole name is never a legal form). */
function endsWith(tokens: readonly string[], end: number, form: readonly string[]): boolean {
  if (end <= form.length) return false;
  const offset = end - form.length;
  for (let i = 0; i < form.length; i++) if (tokens[offset + i] !== form[i]) return false;
  return true;
}

/* --------------------------------------------------------------------------------------------------------
 * Export safety
 * ------------------------------------------------------------------------------------------------------ */

/**
 * Neutralises a value for CSV/Excel export (OWASP "CSV Injection"): a value starting with `=`, `+`, `-`,
 * `@`, TAB or CR gets a leading `'`, so the spreadsheet shows it as text instead of evaluating it. This
 * deliberately also prefixes harmless values such as "-", "-5" or "+49 391 …" phone numbers: the
 * spreadsheet cannot tell them from a formula either, and the apostrophe is invisible in Excel's cell view.
 * A value that itself starts with `'` is marked too, so that `restoreNeutralised` can undo exactly this
 * step on re-import and every value survives an export–import round trip unchanged.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r']/.test(value) ? `'${value}` : value;
}

/**
 * The inverse of `neutraliseFormula`, applied to every imported cell: one leading `'` before a character
 * that would have been neutralised is the spreadsheet's "this is text" mark (Excel's own convention too),
 * not part of the value.
 */
export function restoreNeutralised(cell: string): string {
  // The character test first: this runs on every cell of an import, and almost none starts with "'".
  return cell.charCodeAt(0) === 0x27 && /^'[=+\-@\t\r']/.test(cell) ? cell.slice(1) : cell;
}

/** Memoised: see memo.ts. */
export const organisationKey = memoised(organisationKeyUncached);
/* First and last names repeat across a member list (Müller, Thomas …); folded once per distinct name. */
const foldName = memoised((name: string) => foldText(name));
