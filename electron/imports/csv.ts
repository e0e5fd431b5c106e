/**
 * CSV and other delimited text. Papa Parse does the parsing (quoted fields, doubled quotes, line breaks in
 * quoted fields); this module decides the delimiter and the line break, tracks the physical line where each
 * record starts, and turns an unclosed quote into a clear error. Values are returned exactly as in the file.
 */
import Papa from 'papaparse';
import { ImportReadError } from './encoding';
import type { Delimiter, SourceRow, WarningSink } from './read';

export interface CsvRecords {
  delimiter: Delimiter;
  /** Every record including the header and empty lines, each with the line it starts on. */
  records: SourceRow[];
}

/** Order breaks ties while sniffing: the semicolon first, as German Excel writes it. */
const DELIMITERS: readonly Delimiter[] = [';', ',', '\t', '|'];
const SNIFF_RECORDS = 20;

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

function isDelimiter(c: string | undefined): c is Delimiter {
  return (DELIMITERS as readonly string[]).includes(c ?? '');
}

function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

/**
 * Where a quoted field starting at `start` ends, with Papa Parse's rules: `""` is a quote inside the
 * field, and a quote only closes the field when spaces, a delimiter, a line break or the end follow;
 * any other quote is taken as part of the value. The text's length when it never closes.
 */
function quotedFieldEnd(text: string, start: number, delimiter: number): number {
  let from = start + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) return text.length;
    if (text.charCodeAt(q + 1) === QUOTE) {
      from = q + 2;
      continue;
    }
    let after = q + 1;
    while (text.charCodeAt(after) === SPACE) after++;
    if (after >= text.length) return after;
    const next = text.charCodeAt(after);
    if (next === delimiter || next === LF || next === CR) return after;
    from = q + 1;
  }
}

interface Scan {
  /** Fields per non-blank record. */
  fieldCounts: number[];
  crlf: number;
  lf: number;
  cr: number;
}

/**
 * Walks records the way the parser will, counting fields per record and the kinds of line break between
 * records (line breaks inside quoted fields are values, not record ends). onBreak sees each record end.
 */
function scanRecords(text: string, delimiter: Delimiter, maxRecords: number, onBreak?: (at: number, length: number) => void): Scan {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  const fieldCounts: number[] = [];
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  let fields = 1;
  let blank = true;
  let fieldStart = true;
  let i = 0;
  while (i < n && fieldCounts.length < maxRecords) {
    const c = text.charCodeAt(i);
    if (c === QUOTE && fieldStart) {
      i = quotedFieldEnd(text, i, d);
      fieldStart = false;
      blank = false;
    } else if (c === d) {
      fields++;
      fieldStart = true;
      blank = false;
      i++;
    } else if (c === LF || c === CR) {
      const length = c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      if (length === 2) crlf++;
      else if (c === LF) lf++;
      else cr++;
      onBreak?.(i, length);
      i += length;
      if (!blank) fieldCounts.push(fields);
      fields = 1;
      blank = true;
      fieldStart = true;
    } else {
      fieldStart = false;
      blank = false;
      i++;
    }
  }
  if (!blank && fieldCounts.length < maxRecords) fieldCounts.push(fields);
  return { fieldCounts, crlf, lf, cr };
}

/**
 * Picks the delimiter whose count per record (outside quotes) is the same on the first records: a
 * consistent count beats an inconsistent one, more columns beat fewer, then the order above. Null when no
 * candidate gives at least two columns on most records.
 */
export function sniffDelimiter(text: string): Delimiter | null {
  let best: { delimiter: Delimiter; share: number; columns: number } | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = scanRecords(text, delimiter, SNIFF_RECORDS).fieldCounts;
    if (counts.length === 0) continue;
    const frequency = new Map<number, number>();
    for (const c of counts) frequency.set(c, (frequency.get(c) ?? 0) + 1);
    let columns = 0;
    let seen = 0;
    for (const [c, f] of frequency) {
      if (f > seen || (f === seen && c > columns)) {
        columns = c;
        seen = f;
      }
    }
    if (columns < 2) continue;
    const share = seen / counts.length;
    if (!best || share > best.share || (share === best.share && columns > best.columns)) best = { delimiter, share, columns };
  }
  return best && best.share >= 0.5 ? best.delimiter : null;
}

/** Papa Parse's own guess, for files where no delimiter has a consistent count. */
function papaGuess(text: string): Delimiter | null {
  const result = Papa.parse<string[]>(text.slice(0, 64 * 1024), { delimitersToGuess: [...DELIMITERS], preview: SNIFF_RECORDS });
  if (result.errors.some((e) => e.code === 'UndetectableDelimiter')) return null;
  const guessed = result.meta.delimiter;
  return isDelimiter(guessed) ? guessed : null;
}

/** Line breaks (CRLF, LF and CR each count once) in text[from, to); for the odd error position. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) count++;
  }
  return count;
}

/**
 * Counts line breaks (CRLF, LF and CR each once) in consecutive ranges of a text. It jumps from one line
 * break to the next with indexOf instead of looking at every character: on a 12 MB file that is the
 * difference between a few and a hundred milliseconds.
 */
class LineCounter {
  private nextLf: number;
  private nextCr: number;

  constructor(private readonly text: string) {
    this.nextLf = text.indexOf('\n');
    this.nextCr = text.indexOf('\r');
  }

  /** Line breaks in text[from, to); each call must start at or after where the previous one ended. */
  between(from: number, to: number): number {
    const text = this.text;
    let count = 0;
    while (this.nextLf !== -1 && this.nextLf < to) {
      if (this.nextLf >= from) count++;
      this.nextLf = text.indexOf('\n', this.nextLf + 1);
    }
    while (this.nextCr !== -1 && this.nextCr < to) {
      if (this.nextCr >= from && text.charCodeAt(this.nextCr + 1) !== LF) count++;
      this.nextCr = text.indexOf('\r', this.nextCr + 1);
    }
    return count;
  }
}

/**
 * The line break Papa Parse should split records at, and whether the file mixes several. Most files use
 * one kind throughout, which native searches settle; only files that mix them somewhere are walked
 * record by record, because a mix inside quoted values is fine.
 */
function lineBreakOf(text: string, delimiter: Delimiter): { newline: '\r\n' | '\n' | '\r'; mixed: boolean } {
  const hasCr = text.includes('\r');
  const hasLf = text.includes('\n');
  if (!hasCr) return { newline: '\n', mixed: false };
  if (!hasLf) return { newline: '\r', mixed: false };
  if (!/\r(?!\n)|(?<!\r)\n/.test(text)) return { newline: '\r\n', mixed: false };
  const breaks = scanRecords(text, delimiter, Infinity);
  const kinds = (breaks.crlf > 0 ? 1 : 0) + (breaks.lf > 0 ? 1 : 0) + (breaks.cr > 0 ? 1 : 0);
  return { newline: breaks.crlf > 0 ? '\r\n' : breaks.cr > 0 ? '\r' : '\n', mixed: kinds > 1 };
}

/**
 * Papa Parse takes one line break for the whole file. Files glued together from several sources mix them,
 * and a CRLF line in an LF file would leave "\r" at the end of its last value: such files get every record
 * end (outside quotes) turned into LF. That keeps the number of lines, so line numbers stay right, and
 * line breaks inside quoted values stay as they were.
 */
function unifyLineBreaks(text: string, delimiter: Delimiter): string {
  const parts: string[] = [];
  let last = 0;
  scanRecords(text, delimiter, Infinity, (at, length) => {
    if (length === 1 && text.charCodeAt(at) === LF) return;
    parts.push(text.slice(last, at), '\n');
    last = at + length;
  });
  parts.push(text.slice(last));
  return parts.join('');
}

export function readCsvText(text: string, given: Delimiter | undefined, warnings: WarningSink): CsvRecords {
  // Excel writes and honours a first line "sep=;" naming the delimiter.
  let body = text;
  let linesBefore = 0;
  let declared: Delimiter | undefined;
  const sep = /^sep=(.)(\r\n|\n|\r|$)/i.exec(text);
  if (sep) {
    body = text.slice(sep[0].length);
    linesBefore = 1;
    if (isDelimiter(sep[1])) declared = sep[1];
    else warnings.add(1, 'unknown-delimiter', `Line 1 names ${delimiterName(sep[1] ?? '')} as the delimiter, which Spillover does not support; the delimiter was detected instead.`);
  }

  let delimiter = given ?? declared ?? sniffDelimiter(body) ?? papaGuess(body);
  if (!delimiter) {
    delimiter = ',';
    warnings.add(
      null,
      'no-delimiter',
      'No delimiter (semicolon, comma, tab or |) was found, so the file was read as a single column. If it has several columns, choose the delimiter by hand.',
    );
  }

  const detected = lineBreakOf(body, delimiter);
  let newline = detected.newline;
  if (detected.mixed) {
    body = unifyLineBreaks(body, delimiter);
    newline = '\n';
  }
  const lines = new LineCounter(body);

  const records: SourceRow[] = [];
  let cursor = 0;
  let line = 1 + linesBefore;
  // Quotes Papa Parse complained about, by the line they are on: the field left open at the end of the
  // file, and fields where a quote inside was not doubled.
  const quotes: { open: { line: number; malformed: boolean } | null; malformed: number[] } = { open: null, malformed: [] };
  Papa.parse<string[]>(body, {
    delimiter,
    newline,
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step: (result) => {
      records.push({ line, cells: result.data });
      const start = cursor;
      const startLine = line;
      // The next record starts after this one's line breaks: the one ending it and any inside its quoted
      // values. Papa Parse's cursor is where this record (with its line break) ended.
      const end = result.meta.cursor;
      line += lines.between(cursor, end);
      cursor = end;
      if (result.errors.length === 0) return;
      // For quote errors Papa Parse's index is just past the opening quote of the field concerned.
      const quoteLine = (index: number): number => startLine + countLineBreaks(body, start, index - 1);
      const malformed = new Set(result.errors.filter((e) => e.code === 'InvalidQuotes').map((e) => e.index ?? start + 1));
      const open = result.errors.find((e) => e.code === 'MissingQuotes');
      for (const index of malformed) {
        if (index !== open?.index) quotes.malformed.push(quoteLine(index));
      }
      if (open) quotes.open = { line: quoteLine(open.index ?? start + 1), malformed: malformed.has(open.index ?? -1) };
    },
  });

  if (quotes.open?.malformed) {
    const at = quotes.open.line;
    throw new ImportReadError(
      'corrupt',
      `The quoted value starting on line ${at} is never closed properly: a quote (") inside it is followed by other text, so the rest of the file would become part of this value. Check line ${at}: quotes inside a quoted value must be doubled ("").`,
    );
  }
  if (quotes.open) {
    const at = quotes.open.line;
    throw new ImportReadError(
      'truncated',
      `The file ends inside a quoted field that starts on line ${at}; it may be cut off. Export or copy the file again. If it is complete, check line ${at} for a quote (") that is not closed.`,
    );
  }
  for (const at of quotes.malformed) {
    warnings.add(
      at,
      'malformed-quotes',
      `Line ${at} has a quoted value with a quote (") inside that is not doubled; the value was read up to the next closing quote and may include more than intended. Please check it.`,
    );
  }
  return { delimiter, records };
}
