/**
 * Reading a contact file for the import wizard: CSV (and other delimited text), Excel .xlsx and vCard, each
 * into the same plain table of strings. Values are kept as the file has them — cleaning and mapping to
 * contact fields happen later — but the table is always rectangular and everything that had to be adjusted
 * to make it so is reported as a warning with the line the user can look up.
 */
import { readCsvText, type CsvRecords } from './csv';
import {
  binaryFileError,
  decodeText,
  detectBom,
  hasBinarySignature,
  ImportReadError,
  isZip,
  looksBinary,
  sniffText,
  type TextEncoding,
} from './encoding';
import { readVcard, VCARD_COLUMNS } from './vcard';
import { readXlsx } from './xlsx';

export { ImportReadError, type ImportReadErrorCode, type TextEncoding } from './encoding';

export type SourceFormat = 'csv' | 'xlsx' | 'vcard';
export type Delimiter = ',' | ';' | '\t' | '|';

export interface ReadOptions {
  format?: SourceFormat;
  delimiter?: Delimiter;
  encoding?: TextEncoding;
  sheet?: string;
}

/**
 * line: the row number a user would look up: for CSV the 1-based physical line where the record starts
 * (header is line 1); for XLSX the Excel row number; for vCard the 1-based index of the card.
 */
export interface SourceRow {
  line: number;
  cells: string[];
}

export interface SourceWarning {
  line: number | null;
  code: string;
  message: string;
}

export interface SourceTable {
  format: SourceFormat;
  /** What was used for text formats (detected or given). */
  encoding: TextEncoding | null;
  /** CSV only. */
  delimiter: Delimiter | null;
  /** XLSX: all worksheet names; else []. */
  sheets: string[];
  /** XLSX: the one read. */
  sheet: string | null;
  /** Header names, trimmed, made unique ("E-Mail", "E-Mail (2)"); empty ones are named "Spalte 3" by position. */
  columns: string[];
  /** Data rows only; every row has exactly columns.length cells; fully empty rows are dropped. */
  rows: SourceRow[];
  warnings: SourceWarning[];
}

/** Where readers report what they had to adjust. */
export interface WarningSink {
  add(line: number | null, code: string, message: string): void;
}

/**
 * A file with one problem per row (every row one cell short, say) would otherwise bury the wizard under
 * 100,000 identical warnings: each code is listed for its first rows, then summed up once.
 */
const WARNINGS_PER_CODE = 50;

class WarningList implements WarningSink {
  private readonly list: SourceWarning[] = [];
  private readonly counts = new Map<string, number>();

  add(line: number | null, code: string, message: string): void {
    const count = (this.counts.get(code) ?? 0) + 1;
    this.counts.set(code, count);
    if (count <= WARNINGS_PER_CODE) this.list.push({ line, code, message });
  }

  toArray(): SourceWarning[] {
    const out = [...this.list];
    for (const [code, count] of this.counts) {
      if (count > WARNINGS_PER_CODE) {
        const more = count - WARNINGS_PER_CODE;
        out.push({ line: null, code, message: `…and ${more.toLocaleString('en')} more ${more === 1 ? 'place' : 'places'} with the same problem.` });
      }
    }
    return out;
  }
}

function quoted(fileName: string): string {
  return fileName ? `"${fileName}"` : 'The file';
}

function emptyFileError(fileName: string): ImportReadError {
  return new ImportReadError(
    'empty',
    `${quoted(fileName)} is empty. Choose another file, or export the contacts again if this one should contain some.`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Format detection

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function formatOfText(fileName: string, text: string): SourceFormat {
  if (/^\s*BEGIN:VCARD/i.test(text)) return 'vcard';
  // The extension only breaks the tie: a .vcf with a stray line before its first card is still a vCard.
  const ext = extensionOf(fileName);
  if ((ext === 'vcf' || ext === 'vcard') && /^BEGIN:VCARD\s*$/im.test(text)) return 'vcard';
  return 'csv';
}

/**
 * The format by content — a ZIP is an .xlsx, text starting with BEGIN:VCARD a vCard, other text CSV —
 * with the extension only as a tie-breaker. Null when the bytes are neither (an image, an old .xls …).
 */
export function detectFormat(fileName: string, bytes: Uint8Array): SourceFormat | null {
  if (bytes.length === 0) return null;
  if (isZip(bytes)) return 'xlsx';
  if (hasBinarySignature(bytes)) return null;
  let text: string | null;
  try {
    text = sniffText(bytes);
  } catch {
    return null; // UTF-32: text, but nothing we can read
  }
  return text === null ? null : formatOfText(fileName, text);
}

// ---------------------------------------------------------------------------------------------------------
// Shaping records into a table

/**
 * Trimmed, unique header names. Line breaks inside a header cell (Excel's Alt+Enter) become a space, so a
 * header stays one line in the mapping step. Uniqueness ignores case because the mapping matches names
 * that way too.
 */
function columnNames(header: string[], firstColumnNumber = 1): string[] {
  const used = new Set<string>();
  return header.map((raw, i) => {
    const base = raw.replace(/\s*[\r\n]+\s*/g, ' ').trim() || `Spalte ${i + firstColumnNumber}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    used.add(name.toLowerCase());
    return name;
  });
}

function isEmptyRecord(cells: string[]): boolean {
  return cells.every((c) => c === '');
}

function shortList(values: string[]): string {
  const shown = values.slice(0, 3).map((v) => `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`);
  return values.length > 3 ? `${shown.join(', ')} and ${values.length - 3} more` : shown.join(', ');
}

/**
 * The first non-empty record is the header; the rest are rows made exactly as wide as the header.
 * Trailing columns without a header and without any value are dropped first: Excel writes a delimiter for
 * every column of its "used range", so "Name;E-Mail;;" would otherwise bring two empty columns along.
 * Null when there is no non-empty record at all.
 */
function shapeTable(
  records: SourceRow[],
  warnings: WarningSink,
  firstColumnNumber = 1,
): { columns: string[]; rows: SourceRow[] } | null {
  const headerIndex = records.findIndex((r) => !isEmptyRecord(r.cells));
  const header = records[headerIndex];
  if (!header) return null;
  const data = records.slice(headerIndex + 1).filter((r) => !isEmptyRecord(r.cells));

  let width = header.cells.length;
  while (width > 1 && (header.cells[width - 1] ?? '').trim() === '' && data.every((r) => (r.cells[width - 1] ?? '') === '')) width--;
  const columns = columnNames(header.cells.slice(0, width), firstColumnNumber);

  const rows = data.map((r): SourceRow => {
    const cells = r.cells;
    if (cells.length === width) return r;
    if (cells.length < width) {
      warnings.add(
        r.line,
        'missing-cells',
        `Line ${r.line} has ${cells.length} ${cells.length === 1 ? 'value' : 'values'} but the header has ${width} columns; the missing ones were left empty.`,
      );
      return { line: r.line, cells: [...cells, ...Array<string>(width - cells.length).fill('')] };
    }
    const extra = cells.slice(width);
    // Cells past the header that are all empty carry nothing (they are the columns trimmed above).
    if (!isEmptyRecord(extra)) {
      const values = extra.filter((v) => v !== '');
      warnings.add(
        r.line,
        'extra-cells',
        `Line ${r.line} has ${cells.length} values but the header has only ${width} columns; ${shortList(values)} ${values.length === 1 ? 'was' : 'were'} left out. A value containing the delimiter may be missing its quotes.`,
      );
    }
    return { line: r.line, cells: cells.slice(0, width) };
  });
  return { columns, rows };
}

// ---------------------------------------------------------------------------------------------------------
// readSource

/** Web tools often call an HTML table ".xls"; Excel 2003 had its own XML. Both are text, but not CSV. */
function refuseMarkup(fileName: string, text: string): void {
  const head = text.slice(0, 2000).trimStart().toLowerCase();
  if (!head.startsWith('<')) return;
  if (head.includes('urn:schemas-microsoft-com:office:spreadsheet')) {
    throw new ImportReadError(
      'unsupported',
      `${quoted(fileName)} is an Excel 2003 XML spreadsheet. Open it in Excel and save it as "Excel Workbook (.xlsx)" or as CSV, then import that file.`,
    );
  }
  if (/^<(!doctype html|html|table|head|body|meta)\b/.test(head)) {
    throw new ImportReadError(
      'unsupported',
      `${quoted(fileName)} is a web page (HTML), not a contact list — some programs save their "Excel export" this way. Open it in Excel and save it as "Excel Workbook (.xlsx)" or as CSV, then import that file.`,
    );
  }
}

function readCsvSource(fileName: string, bytes: Uint8Array, options: ReadOptions, warnings: WarningList): SourceTable {
  if (isZip(bytes) || hasBinarySignature(bytes)) throw binaryFileError(fileName, bytes);
  const decoded = decodeText(bytes, options.encoding);
  if (looksBinary(decoded.text, decoded.encoding)) throw binaryFileError(fileName, bytes);
  if (decoded.text.trim() === '') throw emptyFileError(fileName);
  refuseMarkup(fileName, decoded.text);
  for (const [code, message] of decoded.notes) warnings.add(null, code, message);

  const csv: CsvRecords = readCsvText(decoded.text, options.delimiter, warnings);
  const table = shapeTable(csv.records, warnings);
  if (!table) throw emptyFileError(fileName);
  if (table.rows.length === 0) warnings.add(null, 'no-rows', 'The file has a header line but no contacts below it.');
  return {
    format: 'csv',
    encoding: decoded.encoding,
    delimiter: csv.delimiter,
    sheets: [],
    sheet: null,
    columns: table.columns,
    rows: table.rows,
    warnings: warnings.toArray(),
  };
}

async function readXlsxSource(fileName: string, bytes: Uint8Array, options: ReadOptions, warnings: WarningList): Promise<SourceTable> {
  if (!isZip(bytes)) {
    if (hasBinarySignature(bytes)) throw binaryFileError(fileName, bytes);
    if (sniffText(bytes) !== null) {
      throw new ImportReadError(
        'unsupported',
        `${quoted(fileName)} is a text file, not an Excel workbook (.xlsx). Import it as CSV instead.`,
      );
    }
    throw binaryFileError(fileName, bytes);
  }
  const book = await readXlsx(fileName, bytes, options.sheet, warnings);
  const table = shapeTable(book.records, warnings, book.firstColumn);
  if (!table) {
    const others = book.sheets.filter((s) => s !== book.sheet);
    warnings.add(
      null,
      'empty-sheet',
      `The worksheet "${book.sheet}" is empty.${others.length > 0 ? ` Choose another one: ${others.map((s) => `"${s}"`).join(', ')}.` : ''}`,
    );
  } else if (table.rows.length === 0) {
    warnings.add(null, 'no-rows', `The worksheet "${book.sheet}" has a header row but no contacts below it.`);
  }
  return {
    format: 'xlsx',
    encoding: null,
    delimiter: null,
    sheets: book.sheets,
    sheet: book.sheet,
    columns: table?.columns ?? [],
    rows: table?.rows ?? [],
    warnings: warnings.toArray(),
  };
}

function readVcardSource(fileName: string, bytes: Uint8Array, options: ReadOptions, warnings: WarningList): SourceTable {
  if (isZip(bytes) || hasBinarySignature(bytes)) throw binaryFileError(fileName, bytes);
  const head = sniffText(bytes, options.encoding);
  if (head === null) throw binaryFileError(fileName, bytes);
  if (decodeText(bytes, options.encoding).text.trim() === '') throw emptyFileError(fileName);
  const cards = readVcard(fileName, bytes, options.encoding, warnings);
  return {
    format: 'vcard',
    encoding: cards.encoding,
    delimiter: null,
    sheets: [],
    sheet: null,
    columns: [...VCARD_COLUMNS],
    rows: cards.rows,
    warnings: warnings.toArray(),
  };
}

export async function readSource(fileName: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<SourceTable> {
  if (bytes.length === 0) throw emptyFileError(fileName);
  // UTF-32 is text we cannot read: saying so beats calling it binary.
  if (!isZip(bytes)) detectBom(bytes);
  const format = options.format ?? detectFormat(fileName, bytes);
  if (format === null) throw binaryFileError(fileName, bytes);
  const warnings = new WarningList();
  switch (format) {
    case 'csv':
      return readCsvSource(fileName, bytes, options, warnings);
    case 'xlsx':
      return readXlsxSource(fileName, bytes, options, warnings);
    case 'vcard':
      return readVcardSource(fileName, bytes, options, warnings);
  }
}
