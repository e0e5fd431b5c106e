/**
 * The byte level of the import readers: what kind of file this is, which text encoding it uses, and turning
 * its bytes into a string without mojibake. Also home of ImportReadError, because every reader imports this
 * module and read.ts re-exports it: that way no reader has to import read.ts back at runtime.
 */

export type TextEncoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export type ImportReadErrorCode = 'empty' | 'binary' | 'truncated' | 'unsupported' | 'corrupt';

/** A file that cannot be read at all. The message is shown to the user as is, so it says what to do. */
export class ImportReadError extends Error {
  constructor(
    readonly code: ImportReadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImportReadError';
  }
}

export const SUPPORTED_FORMATS_TEXT =
  'Spillover can import CSV or other delimited text files (.csv, .txt, .tsv), Excel workbooks (.xlsx) and vCard files (.vcf)';

// ---------------------------------------------------------------------------------------------------------
// Windows-1252

/**
 * Bytes 0x80–0x9F of Windows-1252, as the WHATWG Encoding Standard maps them (the five unassigned bytes stay
 * C1 controls). Node's own TextDecoder('windows-1252') cannot be used: since Node 20.18.3 / 22.13.0 it takes
 * a Latin-1 fast path and returns U+0080 for 0x80 instead of "€", U+0084 instead of "„" and so on
 * (nodejs/node#56542, #60888) — exactly the characters German Excel CSV files are full of.
 */
const CP1252_C1 =
  '\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F' +
  '\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178';

/** ISO-8859-15 differs from Latin-1 in eight places (it added "€", "Š", "Œ" …). */
const LATIN9_DIFF: Record<number, string> = {
  0xa4: '\u20AC', 0xa6: '\u0160', 0xa8: '\u0161', 0xb4: '\u017D', 0xb8: '\u017E', 0xbc: '\u0152', 0xbd: '\u0153', 0xbe: '\u0178',
};

function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeWindows1252(bytes: Uint8Array): string {
  // Buffer's 'latin1' maps every byte to the code point of the same value (native and fast, also for 12 MB);
  // only the 32 bytes where Windows-1252 differs from Latin-1 are then swapped.
  return toBuffer(bytes)
    .toString('latin1')
    .replace(/[\u0080-\u009F]/g, (c) => CP1252_C1.charAt(c.charCodeAt(0) - 0x80));
}

function decodeLatin9(bytes: Uint8Array): string {
  return toBuffer(bytes)
    .toString('latin1')
    .replace(/[\u00A4\u00A6\u00A8\u00B4\u00B8\u00BC-\u00BE]/g, (c) => LATIN9_DIFF[c.charCodeAt(0)] ?? c);
}

/** One char per byte, code point = byte value: lets a parser work on ASCII syntax before values are decoded. */
export function bytesToBinaryString(bytes: Uint8Array): string {
  return toBuffer(bytes).toString('latin1');
}

export function binaryStringToBytes(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

// ---------------------------------------------------------------------------------------------------------
// Detection

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_LOSSY = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });

/** The text, or null when the bytes are not valid UTF-8. */
export function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return UTF8_STRICT.decode(bytes);
  } catch {
    return null;
  }
}

export interface Bom {
  encoding: TextEncoding;
  length: number;
}

export function detectBom(bytes: Uint8Array): Bom | null {
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) {
    throw new ImportReadError(
      'unsupported',
      'The file is saved as UTF-32 text, which Spillover cannot read. Save it again as UTF-8 (in Excel: "CSV UTF-8") and import that file.',
    );
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a byte order mark (some "Unicode text" exports): plain-ASCII characters then show up as a
 * zero byte in every second position. Random binary data has zero bytes in both positions, so it is not
 * mistaken for this.
 */
function guessUtf16WithoutBom(bytes: Uint8Array): TextEncoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.3 && zeroEven <= pairs * 0.02) return 'utf-16le';
  if (zeroEven >= pairs * 0.3 && zeroOdd <= pairs * 0.02) return 'utf-16be';
  return null;
}

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /** Problems worth telling the user, as [code, message]. */
  notes: [string, string][];
}

/** Decodes bytes in the given encoding; a leading byte order mark is never part of the text. */
export function decodeAs(bytes: Uint8Array, encoding: TextEncoding): DecodedText {
  const bom = detectBom(bytes);
  const body = bom ? bytes.subarray(bom.length) : bytes;
  const notes: [string, string][] = [];
  if (bom && bom.encoding !== encoding) {
    notes.push([
      'encoding-conflict',
      `The file starts with a ${bom.encoding.toUpperCase()} byte order mark, but it was read as ${encoding}. If letters look wrong, read it as ${bom.encoding}.`,
    ]);
  }
  let text: string;
  switch (encoding) {
    case 'utf-8': {
      const strict = tryUtf8(body);
      if (strict === null) {
        notes.push([
          'invalid-bytes',
          'Some bytes are not valid UTF-8 and were replaced by "\uFFFD". The file is probably in Windows-1252 (the default of German Excel); try reading it that way.',
        ]);
        text = UTF8_LOSSY.decode(body);
      } else {
        text = strict;
      }
      break;
    }
    case 'windows-1252':
      text = decodeWindows1252(body);
      break;
    case 'utf-16le':
    case 'utf-16be': {
      let even = body;
      if (body.length % 2 === 1) {
        even = body.subarray(0, body.length - 1);
        notes.push(['odd-length', 'The UTF-16 file has an odd number of bytes, so its last byte was ignored; the file may be cut off.']);
      }
      // TextDecoder('utf-16be') needs full ICU, which not every Node or Electron build has; swapping the
      // bytes to little-endian works everywhere.
      text = UTF16LE.decode(encoding === 'utf-16le' ? even : Buffer.from(even).swap16());
      break;
    }
  }
  return { text, encoding, notes };
}

/**
 * Byte order mark, else UTF-16 by its zero bytes, else strict UTF-8, else Windows-1252 — the encoding of
 * German Excel's "CSV (Trennzeichen-getrennt)". Windows-1252 cannot fail, so it is the last resort; strict
 * UTF-8 comes first because a Windows-1252 file almost never happens to be valid UTF-8 once it has umlauts.
 */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  const bom = detectBom(bytes);
  if (bom) return bom.encoding;
  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16) return utf16;
  return tryUtf8(bytes) === null ? 'windows-1252' : 'utf-8';
}

/** Decodes with the given encoding, or detects one. */
export function decodeText(bytes: Uint8Array, given?: TextEncoding): DecodedText {
  if (given) return decodeAs(bytes, given);
  const bom = detectBom(bytes);
  const encoding = bom?.encoding ?? guessUtf16WithoutBom(bytes);
  if (encoding) return decodeAs(bytes, encoding);
  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', notes: [] };
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', notes: [] };
}

/**
 * Decodes bytes labelled with a MIME charset (vCard 2.1's CHARSET=…), falling back to the file's encoding.
 * Labels lie: a value that is valid UTF-8 with non-ASCII characters is UTF-8 whatever the label says (real
 * Windows-1252 text is practically never valid UTF-8), and a "UTF-8" value that is not valid UTF-8 is
 * Windows-1252. That keeps mislabelled exports free of mojibake.
 */
export function decodeCharset(bytes: Uint8Array, label: string | undefined, fallback: TextEncoding): { text: string; relabelled: boolean } {
  const name = (label ?? fallback).trim().toLowerCase().replace(/^"|"$/g, '');
  let ascii = true;
  for (const b of bytes) {
    if (b >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return { text: bytesToBinaryString(bytes), relabelled: false };
  const utf8 = tryUtf8(bytes);
  if (name === 'utf-8' || name === 'utf8') {
    return utf8 === null ? { text: decodeWindows1252(bytes), relabelled: true } : { text: utf8, relabelled: false };
  }
  if (name === 'utf-16le' || name === 'utf-16be' || name === 'utf-16') {
    return { text: decodeAs(bytes, name === 'utf-16be' ? 'utf-16be' : 'utf-16le').text, relabelled: false };
  }
  if (utf8 !== null) return { text: utf8, relabelled: true };
  if (['windows-1252', 'cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii', 'ansi'].includes(name)) {
    // WHATWG decodes "iso-8859-1" as Windows-1252 too: files that say Latin-1 routinely contain "€" as 0x80.
    return { text: decodeWindows1252(bytes), relabelled: false };
  }
  if (name === 'iso-8859-15' || name === 'latin9' || name === 'latin-9') return { text: decodeLatin9(bytes), relabelled: false };
  try {
    // Other legacy charsets (ISO-8859-2 for Polish, Windows-1250 …): Node's ICU decoders are right for these.
    return { text: new TextDecoder(name).decode(bytes), relabelled: false };
  } catch {
    return { text: decodeWindows1252(bytes), relabelled: true };
  }
}

// ---------------------------------------------------------------------------------------------------------
// What kind of file is this?

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
}

/** Microsoft's old compound file format: .xls (Excel 97–2003), .doc, .msg, and password-protected .xlsx. */
export function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
}

/**
 * File signatures, for saying what a file seems to be. Strong ones (with bytes no text starts with, or a
 * long marker like "%PDF-") identify a file even when its first KB happens to look like text; weak ones
 * ("MZ", "ID3") could start a CSV header and only name a file that is binary anyway.
 */
const KNOWN_BINARIES: { test: (b: Uint8Array) => boolean; what: string; strong: boolean }[] = [
  { test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), what: 'a PNG image', strong: true },
  { test: (b) => startsWith(b, [0xff, 0xd8, 0xff]), what: 'a JPEG image', strong: true },
  { test: (b) => startsWith(b, ascii('%PDF-')), what: 'a PDF document', strong: true },
  { test: (b) => startsWith(b, [0x1f, 0x8b]), what: 'a compressed (gzip) archive', strong: true },
  { test: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]), what: 'a 7-Zip archive', strong: true },
  { test: (b) => startsWith(b, ascii('SQLite format 3\0')), what: 'an SQLite database', strong: true },
  { test: (b) => startsWith(b, [0x7f, 0x45, 0x4c, 0x46]), what: 'a program (executable)', strong: true },
  { test: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')), what: 'a GIF image', strong: false },
  { test: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8), what: 'a WebP image', strong: false },
  { test: (b) => startsWith(b, ascii('ftyp'), 4) && /^(heic|heix|mif1|msf1)/.test(String.fromCharCode(...b.subarray(8, 12))), what: 'a HEIC photo', strong: false },
  { test: (b) => startsWith(b, ascii('ftyp'), 4), what: 'a video or audio file', strong: false },
  { test: (b) => startsWith(b, ascii('Rar!')), what: 'a RAR archive', strong: false },
  { test: (b) => startsWith(b, ascii('MZ')), what: 'a program (executable)', strong: false },
  { test: (b) => startsWith(b, ascii('ID3')), what: 'an MP3 audio file', strong: false },
];

/** True for files that are certainly not text, whatever their first KB looks like. */
export function hasBinarySignature(bytes: Uint8Array): boolean {
  return isOle2(bytes) || KNOWN_BINARIES.some((k) => k.strong && k.test(bytes));
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  return toBuffer(bytes).includes(Buffer.from(text, 'utf16le'));
}

/** An error for bytes that cannot be read as they were asked to be: what the file seems to be and what would work. */
export function binaryFileError(fileName: string, bytes: Uint8Array): ImportReadError {
  const name = fileName ? `"${fileName}"` : 'The file';
  if (isZip(bytes)) {
    return new ImportReadError(
      'binary',
      `${name} is an Excel workbook or another ZIP archive, not a text file. Import it as an Excel workbook (.xlsx) instead.`,
    );
  }
  if (isOle2(bytes)) {
    if (containsUtf16(bytes, 'EncryptedPackage')) {
      return new ImportReadError(
        'unsupported',
        `${name} is a password-protected Excel workbook. Open it in Excel, remove the password (File › Info › Protect Workbook) and save it again, or save it as CSV, then import that file.`,
      );
    }
    return new ImportReadError(
      'unsupported',
      `${name} is in the old Excel 97–2003 format (.xls) or another old Microsoft Office format. Open it in Excel and save it as "Excel Workbook (.xlsx)" or as CSV, then import that file.`,
    );
  }
  const known = KNOWN_BINARIES.find((k) => k.test(bytes));
  const what = known ? `looks like ${known.what}` : 'is not a text file (it contains binary data)';
  return new ImportReadError(
    'binary',
    `${name} ${what}, not a contact list. ${SUPPORTED_FORMATS_TEXT}. If the contacts come from another program, export them from there in one of these formats.`,
  );
}

/**
 * Text files never contain NUL, and hardly any other control characters; binary files have plenty. The
 * limit leaves room for the odd escape sequence or form feed pasted into a cell.
 */
export function looksBinary(text: string, encoding: TextEncoding = 'windows-1252'): boolean {
  const sample = text.slice(0, 1024);
  if (sample.includes('\0')) return true;
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    // Tab, line feed, vertical tab (FileMaker's line break in a cell), form feed, carriage return and
    // Ctrl-Z (DOS end-of-file mark) do occur in real text exports.
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1a) || c === 0x7f) controls++;
  }
  // Text that decodes as valid Unicode (our own exports, say) may legitimately carry many control
  // characters — the naughty-strings round trip has a screenful. Bytes that only Windows-1252 accepts,
  // which decodes anything, get the strict limit: random or binary bytes end up there.
  const limit = encoding === 'windows-1252' ? 0.05 : 0.3;
  return controls >= 8 && controls > sample.length * limit;
}

/** The first few KB as text, for sniffing the format; null when they look binary. */
export function sniffText(bytes: Uint8Array, given?: TextEncoding): string | null {
  // Only the head is looked at, also for the encoding: validating a 12 MB file here would be done twice.
  // The cut backs off UTF-8 continuation bytes so that a character is not split at the end of the sample.
  let end = Math.min(bytes.length, 8192);
  while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  if (end === 0) end = Math.min(bytes.length, 8192);
  const head = bytes.subarray(0, end);
  const encoding = given ?? detectEncoding(head);
  const text = decodeAs(head, encoding).text;
  return looksBinary(text, encoding) ? null : text;
}
