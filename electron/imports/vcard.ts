/**
 * vCard 2.1, 3.0 and 4.0 into a table with fixed columns.
 *
 * Our own parser, because none of the maintained npm packages reads what phones and Outlook really write:
 * vCard 2.1 with QUOTED-PRINTABLE soft line breaks, CHARSET parameters and bare type parameters
 * (`TEL;WORK;VOICE:`), raw Windows-1252 bytes without any CHARSET, Apple's escaped `http\://`, folded
 * lines and grouped properties (`item1.EMAIL`) — all in the same import.
 *
 * The file is parsed as bytes (one char per byte) so that every value can be decoded with its own
 * CHARSET: Android labels values UTF-8, Outlook writes Windows-1252 without a label, and a file may mix both.
 */
import {
  binaryStringToBytes,
  bytesToBinaryString,
  decodeAs,
  decodeCharset,
  detectBom,
  detectEncoding,
  ImportReadError,
  tryUtf8,
  type TextEncoding,
} from './encoding';
import { VCARD_COLUMNS } from '../../shared/contacts/mapping';
import type { SourceRow, WarningSink } from './read';

// One list for the reader and the mapping that recognises its output.
export { VCARD_COLUMNS };

type Column = (typeof VCARD_COLUMNS)[number];

// ---------------------------------------------------------------------------------------------------------
// Lines and properties

interface Property {
  name: string;
  /** Lower-case types from TYPE=… and from vCard 2.1's bare parameters (WORK, CELL, PREF …). */
  types: Set<string>;
  /** Lower is preferred; Infinity when not preferred at all. */
  pref: number;
  params: Map<string, string>;
  /** Decoded text, still with vCard escapes. */
  value: string;
  /** Position in the card, for "first" among equals. */
  order: number;
}

const BARE_ENCODINGS = new Set(['quoted-printable', 'base64', 'b', '8bit', '7bit']);

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const c of text) {
    if (c === '"') inQuotes = !inQuotes;
    if (c === separator && !inQuotes) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/** The index of the colon between name/parameters and value (parameter values may be quoted and hold colons). */
function valueColon(line: string): number {
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) return i;
  }
  return -1;
}

function headOf(line: string): string {
  const colon = valueColon(line);
  return colon < 0 ? line : line.slice(0, colon);
}

/**
 * Physical lines into logical ones: a line ending in "=" inside a QUOTED-PRINTABLE value continues on the
 * next line (soft line break); a line starting with a space or tab continues the previous one (folding).
 */
function unfold(text: string): string[] {
  const lines = text.split(/\r\n|\r|\n/);
  const logical: string[] = [];
  let quotedPrintable = false;
  for (const line of lines) {
    const last = logical.length - 1;
    const previous = logical[last];
    if (previous !== undefined && quotedPrintable && previous.endsWith('=') && !/^(BEGIN|END):VCARD\s*$/i.test(line)) {
      logical[last] = previous.slice(0, -1) + line;
      continue;
    }
    if (previous !== undefined && (line.startsWith(' ') || line.startsWith('\t'))) {
      logical[last] = previous + line.slice(1);
      continue;
    }
    logical.push(line);
    quotedPrintable = /QUOTED-PRINTABLE/i.test(headOf(line));
  }
  return logical;
}

function decodeQuotedPrintable(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length);
  let j = 0;
  const hex = (b: number | undefined): number => {
    if (b === undefined) return -1;
    if (b >= 0x30 && b <= 0x39) return b - 0x30;
    if (b >= 0x41 && b <= 0x46) return b - 0x37;
    if (b >= 0x61 && b <= 0x66) return b - 0x57;
    return -1;
  };
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i] ?? 0;
    if (b === 0x3d) {
      const hi = hex(raw[i + 1]);
      const lo = hex(raw[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out[j++] = hi * 16 + lo;
        i += 2;
        continue;
      }
      if (i === raw.length - 1) continue; // a soft line break left at the very end
    }
    out[j++] = b;
  }
  return out.subarray(0, j);
}

interface DecodeContext {
  /** 'bytes': values are byte strings to decode; 'text': the file was UTF-16 and is already text. */
  mode: 'bytes' | 'text';
  fileEncoding: TextEncoding;
  /** Set when the user chose the encoding: values without CHARSET then use it as is. */
  given: TextEncoding | undefined;
  relabelled: boolean;
}

function parseProperty(line: string, order: number, ctx: DecodeContext): Property | null {
  const colon = valueColon(line);
  if (colon < 0) return null;
  const [nameWithGroup = '', ...rawParams] = splitOutsideQuotes(line.slice(0, colon), ';');
  // "item1.EMAIL": the group only links Apple's labels to properties.
  const name = nameWithGroup.slice(nameWithGroup.lastIndexOf('.') + 1).trim().toUpperCase();
  const types = new Set<string>();
  const params = new Map<string, string>();
  let pref = Infinity;
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    if (eq < 0) {
      // vCard 2.1: TEL;WORK;VOICE and ;QUOTED-PRINTABLE without a parameter name.
      const bare = raw.trim().toLowerCase();
      if (BARE_ENCODINGS.has(bare)) params.set('encoding', bare);
      else if (bare === 'pref') pref = Math.min(pref, 1);
      else if (bare) types.add(bare);
      continue;
    }
    const key = raw.slice(0, eq).trim().toLowerCase();
    const value = raw.slice(eq + 1).trim();
    if (key === 'type') {
      // TYPE=work,voice (3.0), TYPE="voice,cell" (4.0), or TYPE repeated.
      for (const t of value.replace(/"/g, '').toLowerCase().split(',').map((v) => v.trim()).filter(Boolean)) {
        if (t === 'pref') pref = Math.min(pref, 1);
        else types.add(t);
      }
    } else if (key === 'pref') {
      const n = Number.parseInt(value.replace(/"/g, ''), 10);
      pref = Math.min(pref, Number.isFinite(n) ? n : 1);
    } else {
      params.set(key, value.replace(/^"|"$/g, ''));
    }
  }

  const raw = line.slice(colon + 1);
  const encoding = (params.get('encoding') ?? '').toLowerCase();
  if (encoding === 'b' || encoding === 'base64') return { name, types, pref, params, value: '', order };
  const charset = params.get('charset');
  let value: string;
  if (encoding === 'quoted-printable') {
    const bytes = decodeQuotedPrintable(ctx.mode === 'bytes' ? binaryStringToBytes(raw) : Buffer.from(raw, 'utf8'));
    if (!charset && ctx.given && ctx.mode === 'bytes') {
      value = decodeAs(bytes, ctx.given).text;
    } else {
      // Quoted-printable bytes in a UTF-16 file can only be meant as UTF-8.
      const decoded = decodeCharset(bytes, charset, ctx.mode === 'bytes' ? ctx.fileEncoding : 'utf-8');
      if (decoded.relabelled && charset) ctx.relabelled = true;
      value = decoded.text;
    }
  } else if (ctx.mode === 'text') {
    value = raw;
  } else if (!charset && ctx.given) {
    value = decodeAs(binaryStringToBytes(raw), ctx.given).text;
  } else {
    const decoded = decodeCharset(binaryStringToBytes(raw), charset, ctx.fileEncoding);
    if (decoded.relabelled && charset) ctx.relabelled = true;
    value = decoded.text;
  }
  return { name, types, pref, params, value, order };
}

// ---------------------------------------------------------------------------------------------------------
// Values

/** Splits a structured value at unescaped separators. */
function splitEscaped(value: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value.charAt(i);
    if (c === '\\' && i + 1 < value.length) {
      current += c + value.charAt(i + 1);
      i++;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * vCard escapes: \n and \N are line breaks, \\ \, \; are the characters themselves, and Apple's \: a colon.
 * Any other backslash is kept: vCard 2.1 files use it literally (paths in notes).
 */
function unescapeValue(value: string): string {
  return value.replace(/\\([nN,;:\\])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Components of N, ADR, ORG; each component's comma-separated list joined with `join`. */
function components(value: string, join = ' '): string[] {
  return splitEscaped(value, ';').map((part) =>
    splitEscaped(part, ',')
      .map((v) => unescapeValue(v).trim())
      .filter(Boolean)
      .join(join),
  );
}

function valueText(value: string): string {
  return unescapeValue(value).trim();
}

const HONORIFICS = new Set(
  [
    'herr', 'herrn', 'frau', 'hr', 'fr', 'mr', 'mrs', 'ms', 'miss', 'mx', 'sir', 'madam', 'dame', 'monsieur', 'madame',
    'mademoiselle', 'm', 'mme', 'mlle', 'señor', 'señora', 'sr', 'sra', 'srta', 'signor', 'signora', 'sig', 'sig.ra', 'pan',
    'pani', 'heer', 'mevrouw', 'dhr', 'mevr',
  ],
);

function isHonorific(token: string): boolean {
  return HONORIFICS.has(token.toLowerCase().replace(/\.$/, ''));
}

/** Academic titles as they appear in front of a name ("Dr.", "Prof.", "Dipl.-Ing.", "Dr. med.", "PD"). */
function isAcademic(token: string): boolean {
  return /^(prof|dr|dipl|mag|priv|pd|ing|med|rer|nat|phil|jur|habil|dott|mgr|ir|mba|msc|bsc|ll\.?m)\b/i.test(token) && (token.includes('.') || /^(prof|dr|pd|ing|mag|mgr|ir|dott)$/i.test(token));
}

/** Splits a prefix like "Herr Prof. Dr." into salutation ("Herr") and titles ("Prof. Dr."). */
function splitPrefix(prefix: string): { anrede: string; titel: string } {
  const tokens = prefix.split(/\s+/).filter(Boolean);
  return {
    anrede: tokens.filter(isHonorific).join(' '),
    titel: tokens.filter((t) => !isHonorific(t)).join(' '),
  };
}

/** A formatted name that is a company or institution, not a person to split into first and last name. */
const LEGAL_FORM =
  /(^|\s)(GmbH|gGmbH|AG|KG|OHG|GbR|UG|mbH|e\.\s?V\.|eG|SE|Ltd\.?|Inc\.?|LLC|PLC|S\.A\.|SAS|S\.r\.l\.|B\.V\.|Sp\. z o\.o\.|Institut|Institute|Universität|University|Hochschule|Stiftung|Verband|Verein|Ministerium)(\s|,|$)/i;

const NAME_PARTICLES = new Set(['von', 'vom', 'zu', 'zum', 'zur', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'le', 'la', 'ten', 'ter', 'dos', 'das']);

/** A formatted name into parts, for cards without N: "Dr. Anna von Berg", "Berg, Anna". */
function splitFormattedName(fn: string): { anrede: string; titel: string; vorname: string; nachname: string } {
  const anrede: string[] = [];
  const titel: string[] = [];
  const comma = fn.indexOf(',');
  let tokens = (comma >= 0 ? fn.slice(comma + 1) : fn).split(/\s+/).filter(Boolean);
  while (tokens[0] !== undefined && (isHonorific(tokens[0]) || isAcademic(tokens[0]))) {
    const t = tokens[0];
    (isHonorific(t) ? anrede : titel).push(t);
    tokens = tokens.slice(1);
  }
  if (comma >= 0) return { anrede: anrede.join(' '), titel: titel.join(' '), vorname: tokens.join(' '), nachname: fn.slice(0, comma).trim() };
  // The last word is the family name, with "von", "van der" … in front of it.
  let split = tokens.length - 1;
  while (split > 1 && NAME_PARTICLES.has((tokens[split - 1] ?? '').toLowerCase())) split--;
  return { anrede: anrede.join(' '), titel: titel.join(' '), vorname: tokens.slice(0, split).join(' '), nachname: tokens.slice(split).join(' ') };
}

// ---------------------------------------------------------------------------------------------------------
// Cards into rows

function preferred(list: Property[], rank: (p: Property) => number = () => 0): Property | undefined {
  return [...list].sort((a, b) => rank(a) - rank(b) || a.pref - b.pref || a.order - b.order)[0];
}

const MOBILE_TYPES = ['cell', 'mobile', 'iphone'];
const NON_VOICE_TYPES = ['fax', 'pager', 'textphone', 'video', 'modem', 'bbs', 'isdn', 'car', 'msg'];

function isMobile(p: Property): boolean {
  return MOBILE_TYPES.some((t) => p.types.has(t));
}

function telValue(p: Property): string {
  // vCard 4.0 writes numbers as tel: URIs; the number is the value, the scheme is syntax.
  return valueText(p.value).replace(/^tel:/i, '');
}

function describePhone(p: Property): string {
  const kind = p.types.has('fax') ? 'fax' : p.types.has('pager') ? 'pager' : [...p.types].filter((t) => t !== 'voice')[0] ?? 'phone';
  return `${telValue(p)} (${kind})`;
}

interface CardResult {
  cells: string[];
  dropped: string[];
  label: string;
}

function cardToRow(props: Property[]): CardResult {
  const all = (name: string): Property[] => props.filter((p) => p.name === name && valueText(p.value) !== '');
  const first = (name: string): Property | undefined => preferred(all(name));
  const row = new Map<Column, string>();
  const set = (column: Column, value: string | undefined): void => {
    if (value) row.set(column, value);
  };
  const dropped: string[] = [];

  // Name
  const n = first('N');
  // The fifth component, suffixes ("MBA", "Jr."), has no column.
  const [family = '', given = '', additional = '', prefix = ''] = n ? components(n.value) : [];
  const fn = valueText(first('FN')?.value ?? '');
  const org = first('ORG');
  const [organisation = '', ...units] = org ? components(org.value) : [];
  const showAs = valueText(first('X-ABSHOWAS')?.value ?? '').toLowerCase();
  const kind = valueText(first('KIND')?.value ?? '').toLowerCase();
  const isCompanyCard =
    showAs === 'company' || kind === 'org' || (fn !== '' && !family && !given && (fn === organisation || LEGAL_FORM.test(fn)));
  const titles = splitPrefix(prefix);
  set('Anrede', titles.anrede);
  set('Titel', titles.titel);
  if (family || given || additional) {
    set('Vorname', [given, additional].filter(Boolean).join(' '));
    set('Nachname', family);
  } else if (fn && !isCompanyCard) {
    const parts = splitFormattedName(fn);
    if (!row.has('Anrede')) set('Anrede', parts.anrede);
    if (!row.has('Titel')) set('Titel', parts.titel);
    set('Vorname', parts.vorname);
    set('Nachname', parts.nachname);
  }
  set('Organisation', organisation || (isCompanyCard ? fn : ''));
  set('Abteilung', units.filter(Boolean).join(', '));
  set('Position', valueText(first('TITLE')?.value ?? '') || valueText(first('ROLE')?.value ?? ''));

  // E-mail: the preferred one, then the next in the file; duplicates (Google repeats them) count once.
  const emails: Property[] = [];
  for (const p of all('EMAIL')) {
    if (!emails.some((e) => valueText(e.value).toLowerCase() === valueText(p.value).toLowerCase())) emails.push(p);
  }
  const mail1 = preferred(emails);
  const rest = emails.filter((e) => e !== mail1);
  set('E-Mail', mail1 && valueText(mail1.value));
  set('E-Mail 2', rest[0] && valueText(rest[0].value));
  for (const e of rest.slice(1)) dropped.push(`e-mail ${valueText(e.value)}`);

  // Phones: landline prefers work, mobile prefers the preferred one; fax and pagers have no column.
  const tels = all('TEL');
  const mobile = preferred(tels.filter(isMobile), (p) => (p.types.has('work') ? 0 : 1));
  const voice = preferred(
    tels.filter((p) => !isMobile(p) && !NON_VOICE_TYPES.some((t) => p.types.has(t))),
    (p) => (p.types.has('work') ? 0 : 1),
  );
  set('Telefon', voice && telValue(voice));
  set('Mobil', mobile && telValue(mobile));
  for (const t of tels) if (t !== voice && t !== mobile) dropped.push(describePhone(t));

  // Address: the work address, else the preferred one, else the first.
  const addresses = all('ADR');
  const adr = preferred(addresses, (p) => (p.types.has('work') ? 0 : 1));
  if (adr) {
    const [pobox = '', extended = '', street = '', locality = '', , code = '', country = ''] = components(adr.value, ', ');
    set('Straße', [street || pobox, extended].filter(Boolean).join(', '));
    set('PLZ', code);
    set('Ort', locality);
    set('Land', country);
  }
  const otherAddresses = addresses.filter((a) => a !== adr).length;
  if (otherAddresses > 0) dropped.push(`${otherAddresses} further ${otherAddresses === 1 ? 'address' : 'addresses'}`);

  set('Website', valueText(first('URL')?.value ?? ''));
  set('Notiz', all('NOTE').map((p) => valueText(p.value)).join('\n'));
  const categories: string[] = [];
  for (const p of all('CATEGORIES')) {
    for (const c of splitEscaped(p.value, ',').map(valueText)) if (c && !categories.includes(c)) categories.push(c);
  }
  set('Kategorien', categories.join(', '));
  set('Sprache', valueText(first('LANG')?.value ?? ''));

  const name = [row.get('Vorname'), row.get('Nachname')].filter(Boolean).join(' ') || row.get('Organisation') || fn;
  return { cells: VCARD_COLUMNS.map((c) => row.get(c) ?? ''), dropped, label: name };
}

export function readVcard(
  fileName: string,
  bytes: Uint8Array,
  given: TextEncoding | undefined,
  warnings: WarningSink,
): { encoding: TextEncoding; rows: SourceRow[] } {
  const bom = detectBom(bytes);
  const detected = detectEncoding(bytes);
  const wide = (given ?? detected) === 'utf-16le' || (given ?? detected) === 'utf-16be';
  const source = wide ? decodeAs(bytes, given ?? detected).text : bytesToBinaryString(bom ? bytes.subarray(bom.length) : bytes);
  // Apple folds lines at 75 bytes, even inside a UTF-8 character, so the file as a whole may not be valid
  // UTF-8 although every value is: judge the file with its folds removed.
  let fileEncoding = given ?? detected;
  if (!given && detected === 'windows-1252' && tryUtf8(binaryStringToBytes(source.replace(/(\r\n|\r|\n)[ \t]/g, ''))) !== null) {
    fileEncoding = 'utf-8';
  }
  const ctx: DecodeContext = { mode: wide ? 'text' : 'bytes', fileEncoding, given, relabelled: false };

  const rows: SourceRow[] = [];
  let card = 0;
  let props: Property[] | null = null;
  let nested = 0;
  let inBinary = false;
  const finish = (): void => {
    if (!props) return;
    const result = cardToRow(props);
    const where = `Card ${card}${result.label ? ` (${result.label})` : ''}`;
    if (result.cells.every((c) => c === '')) {
      warnings.add(card, 'vcard-empty-card', `${where} has no name, organisation or other data Spillover can import; it was skipped.`);
    } else {
      rows.push({ line: card, cells: result.cells });
    }
    if (result.dropped.length > 0) {
      warnings.add(card, 'vcard-not-imported', `${where}: there is no column for ${result.dropped.join(', ')}; ${result.dropped.length === 1 ? 'it was' : 'they were'} not imported.`);
    }
    props = null;
  };

  for (const line of unfold(source)) {
    const trimmed = line.trim();
    if (/^BEGIN:VCARD$/i.test(trimmed)) {
      // vCard 2.1's AGENT can embed a whole card: skip it rather than starting a new contact.
      if (props) nested++;
      else {
        card++;
        props = [];
      }
      continue;
    }
    if (/^END:VCARD$/i.test(trimmed)) {
      if (nested > 0) nested--;
      else finish();
      continue;
    }
    if (!props || nested > 0 || trimmed === '') continue;
    const prop = parseProperty(line, props.length, ctx);
    if (!prop) {
      // Some exporters continue base64 photos without indenting: those lines are no properties.
      if (!inBinary) warnings.add(card, 'vcard-bad-line', `Card ${card} has a line that is not a vCard property; it was ignored: "${trimmed.slice(0, 60)}"`);
      continue;
    }
    const enc = (prop.params.get('encoding') ?? '').toLowerCase();
    inBinary = enc === 'b' || enc === 'base64';
    props.push(prop);
  }
  if (props) {
    warnings.add(card, 'vcard-unterminated', `Card ${card} has no END:VCARD line, so the file may be cut off. The card was imported as far as it goes; check it.`);
    finish();
  }
  if (card === 0) {
    throw new ImportReadError(
      'corrupt',
      `${fileName ? `"${fileName}"` : 'The file'} contains no vCard (no line "BEGIN:VCARD"). If it is a CSV file, import it as CSV.`,
    );
  }
  if (ctx.relabelled) {
    warnings.add(
      null,
      'vcard-charset',
      'Some values were not in the character set their card declares (CHARSET=…); they were read in the one that fits (UTF-8 or Windows-1252). Check umlauts and accents.',
    );
  }
  return { encoding: fileEncoding, rows };
}
