/**
 * Excel .xlsx through exceljs. Every cell becomes the text the user sees in Excel — a postcode formatted
 * "00000" stays "01067", a date becomes "2024-03-01", a formula its last calculated result — except that
 * numbers keep a plain decimal point and no thousands separators, which is what the later cleaning expects.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJs } from '../exceljs';
import { ImportReadError } from './encoding';
import type { SourceRow, WarningSink } from './read';

export interface XlsxRecords {
  sheets: string[];
  sheet: string;
  /** Non-empty rows, each with the same cells from firstColumn to the last used column. */
  records: SourceRow[];
  /** 1-based Excel column number of records' first cell, so empty headers are named by their real column. */
  firstColumn: number;
}

// ---------------------------------------------------------------------------------------------------------
// The ZIP container, checked before exceljs sees it: exceljs' own errors ("Corrupted zip: can't find end of
// central directory") say nothing a user could act on, and a Word file or an OpenDocument spreadsheet is a
// ZIP too.

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const last = bytes.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let i = last; i >= first; i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) return i;
  }
  return -1;
}

/** Names of the files in the ZIP, null if its directory is not where it says. */
function zipEntryNames(bytes: Uint8Array, eocd: number): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (offset === 0xffffffff || size === 0xffffffff) return []; // ZIP64: leave the details to exceljs
  if (offset + size > eocd) return null;
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== 0x02014b50) return null;
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    names.push(decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength)));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

function checkContainer(fileName: string, bytes: Uint8Array): void {
  const name = fileName ? `"${fileName}"` : 'The file';
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) {
    throw new ImportReadError(
      'truncated',
      `${name} is cut off: an Excel workbook ends with a table of contents, and this one's is missing. The file was probably not downloaded or copied completely. Get it again (or save it again in Excel) and import the new copy.`,
    );
  }
  const names = zipEntryNames(bytes, eocd);
  if (names === null) {
    throw new ImportReadError(
      'corrupt',
      `${name} is damaged and cannot be read as an Excel workbook. Open it in Excel; if Excel can repair it, save it again as .xlsx and import that file.`,
    );
  }
  if (names.length === 0) return;
  const has = (entry: string): boolean => names.some((n) => n.toLowerCase() === entry);
  if (has('xl/workbook.xml')) return;
  const saveAs = 'Open it in Excel and save it as "Excel Workbook (.xlsx)" or as CSV, then import that file.';
  let what: string;
  if (has('xl/workbook.bin')) what = 'an Excel binary workbook (.xlsb)';
  else if (has('word/document.xml')) what = 'a Word document, not a spreadsheet';
  else if (has('ppt/presentation.xml')) what = 'a PowerPoint presentation, not a spreadsheet';
  else if (has('mimetype') && has('content.xml')) what = 'an OpenDocument file (LibreOffice/OpenOffice, e.g. .ods)';
  else if (names.some((n) => n.startsWith('Index/'))) what = 'an Apple Numbers or Pages file';
  else {
    const shown = names.filter((n) => !n.endsWith('/')).slice(0, 3).map((n) => `"${n}"`).join(', ');
    throw new ImportReadError(
      'unsupported',
      `${name} is a ZIP archive, not an Excel workbook${shown ? ` (it contains ${shown}${names.length > 3 ? ' …' : ''})` : ''}. Unpack it and import the contact file inside.`,
    );
  }
  throw new ImportReadError('unsupported', `${name} is ${what}. ${saveAs}`);
}

// ---------------------------------------------------------------------------------------------------------
// Cell values as text

/** Excel shows at most 15 significant digits; the stored binary double may carry noise beyond them. */
function general(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

function splitSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  let inQuotes = false;
  for (let i = 0; i < format.length; i++) {
    const c = format.charAt(i);
    if (c === '"') inQuotes = !inQuotes;
    if (c === '\\' && !inQuotes) {
      current += c + format.charAt(i + 1);
      i++;
      continue;
    }
    if (c === ';' && !inQuotes) {
      sections.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  sections.push(current);
  return sections;
}

type FormatToken = { digit: '0' | '#' } | { literal: string } | { point: true };

/** Characters Excel displays as themselves in a number format without quoting. */
const PLAIN_LITERALS = new Set([...' $-+/():!^&\'~{}<>=€£']);

/**
 * The tokens of a number format made of digit placeholders and literal text ("00000", "0.00",
 * "#,##0 \"Stk.\"", "000-00-0000", "0%"), or null for anything richer (exponents, fractions, text "@"),
 * which then shows as General.
 */
function tokenize(section: string): { tokens: FormatToken[]; percent: boolean } | null {
  // Colours and conditions in brackets show nothing; [$€-407] shows its currency symbol.
  const plain = section.replace(/\[\$([^\]-]*)[^\]]*\]/g, (_m, symbol: string) => (symbol ? `"${symbol}"` : '')).replace(/\[[^\]]*\]/g, '');
  const tokens: FormatToken[] = [];
  let percent = false;
  for (let i = 0; i < plain.length; i++) {
    const c = plain.charAt(i);
    if (c === '0' || c === '#') tokens.push({ digit: c });
    else if (c === '.') tokens.push({ point: true });
    else if (c === ',') continue; // thousands separator: left out, the value stays plain
    else if (c === '"') {
      const end = plain.indexOf('"', i + 1);
      if (end < 0) return null;
      tokens.push({ literal: plain.slice(i + 1, end) });
      i = end;
    } else if (c === '\\') {
      tokens.push({ literal: plain.charAt(i + 1) });
      i++;
    } else if (c === '_') {
      tokens.push({ literal: ' ' }); // padding as wide as the next character
      i++;
    } else if (c === '*') i++; // repeat the next character to fill the cell: nothing in text
    else if (c === '%') {
      percent = true;
      tokens.push({ literal: '%' });
    } else if (PLAIN_LITERALS.has(c)) tokens.push({ literal: c });
    else return null;
  }
  if (!tokens.some((t) => 'digit' in t)) return null;
  // A comma right after the last digit scales by 1000 ("#,##0,"): rare enough to show as General.
  if (/[0#],+(\s|"|$)/.test(plain.replace(/"[^"]*"/g, '""'))) return null;
  return { tokens, percent };
}

function applyFormat(value: number, section: string): string | null {
  const parsed = tokenize(section);
  if (!parsed) return null;
  const { tokens, percent } = parsed;
  const pointAt = tokens.findIndex((t) => 'point' in t);
  const intTokens = pointAt < 0 ? tokens : tokens.slice(0, pointAt);
  const fracTokens = pointAt < 0 ? [] : tokens.slice(pointAt + 1);
  const fracDigits = fracTokens.filter((t): t is { digit: '0' | '#' } => 'digit' in t);

  const scaled = Math.abs(percent ? value * 100 : value);
  const fixed = scaled.toFixed(fracDigits.length);
  if (/e/i.test(fixed)) return null;
  const [intPart = '0', fracPart = ''] = fixed.split('.');

  // Decimals: optional '#' places drop trailing zeros, '0' places keep them.
  let frac = fracPart;
  const required = fracDigits.filter((t) => t.digit === '0').length;
  while (frac.length > required && frac.endsWith('0')) frac = frac.slice(0, -1);
  let fracOut = '';
  let f = 0;
  for (const t of fracTokens) {
    if ('digit' in t) fracOut += frac.charAt(f++);
    else if ('literal' in t) fracOut += t.literal;
  }

  // Integer digits fill the placeholders from the right; the leftmost placeholder takes any extra digits.
  const digits = intPart === '0' && !intTokens.some((t) => 'digit' in t && t.digit === '0') ? '' : intPart;
  const firstDigit = intTokens.findIndex((t) => 'digit' in t);
  const out: string[] = [];
  let p = digits.length;
  for (let i = intTokens.length - 1; i >= 0; i--) {
    const t = intTokens[i];
    if (!t) continue;
    if ('literal' in t) out.push(t.literal);
    else if ('digit' in t) {
      if (p > 0) out.push(digits.charAt(--p));
      else if (t.digit === '0') out.push('0');
      if (i === firstDigit && p > 0) {
        out.push(digits.slice(0, p));
        p = 0;
      }
    }
  }
  const integer = out.reverse().join('');
  // "0.##" shows 5 as "5." in Excel; the stray point is left out here.
  if (pointAt < 0) return integer;
  return frac === '' ? integer + fracOut : `${integer}.${fracOut}`;
}

function formatNumber(value: number, numFmt: string | undefined): string {
  if (!Number.isFinite(value)) return String(value);
  const format = (numFmt ?? '').trim();
  if (format === '' || /^general$/i.test(format) || format === '@') return general(value);
  const sections = splitSections(format);
  // Sections: positive; negative (shown without the minus sign, the section has its own); zero.
  if (value < 0 && sections.length >= 2) {
    const shown = applyFormat(-value, sections[1] ?? '');
    return shown ?? general(value);
  }
  const section = value === 0 && sections.length >= 3 ? (sections[2] ?? '') : (sections[0] ?? '');
  const shown = applyFormat(value, section);
  if (shown === null) return general(value);
  return value < 0 && !/^0*$/.test(shown.replace(/\D/g, '')) ? `-${shown}` : shown;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO dates; a time only when there is one; a time of day alone (Excel's day 0) without a date. */
function formatDate(date: Date): string {
  const ms = date.getTime();
  if (Number.isNaN(ms)) return '';
  // exceljs converts serial numbers in UTC; round away the float noise of the day fraction.
  const d = new Date(Math.round(ms / 1000) * 1000);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  const time = s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
  return day === '1899-12-30' || day === '1899-12-31' ? time : `${day} ${time}`;
}

interface CellProblems {
  error(text: string): void;
  noResult(): void;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function cellText(value: unknown, numFmt: string | undefined, problems: CellProblems): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value, numFmt);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) return formatDate(value);
  if (!isObject(value)) return String(value);
  if (Array.isArray(value.richText)) {
    return value.richText.map((run: unknown) => (isObject(run) && typeof run.text === 'string' ? run.text : '')).join('');
  }
  if ('hyperlink' in value) {
    // The text shown; a link without text shows its address (mailto: included — cleaning strips it).
    const text = cellText(value.text, numFmt, problems);
    return text.trim() !== '' ? text : typeof value.hyperlink === 'string' ? value.hyperlink : text;
  }
  if ('formula' in value || 'sharedFormula' in value) {
    // Never the formula itself: what Excel last calculated, which the file stores beside it.
    if (value.result === undefined) {
      problems.noResult();
      return '';
    }
    return cellText(value.result, numFmt, problems);
  }
  if (typeof value.error === 'string') {
    problems.error(value.error);
    return value.error;
  }
  return '';
}

// ---------------------------------------------------------------------------------------------------------

function pickSheet(worksheets: ExcelJS.Worksheet[], wanted: string | undefined, fileName: string): ExcelJS.Worksheet {
  const list = worksheets.map((w) => `"${w.name}"`).join(', ');
  if (wanted !== undefined) {
    const exact = worksheets.find((w) => w.name === wanted);
    const loose = exact ?? worksheets.find((w) => w.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!loose) {
      throw new ImportReadError(
        'unsupported',
        `The workbook ${fileName ? `"${fileName}" ` : ''}has no worksheet named "${wanted}". Its worksheets are ${list}; choose one of them.`,
      );
    }
    return loose;
  }
  // A hidden first sheet is usually a lookup list, not what the user looks at when opening the file.
  const first = worksheets.find((w) => w.state === 'visible') ?? worksheets[0];
  if (!first) throw new ImportReadError('empty', `The workbook ${fileName ? `"${fileName}" ` : ''}has no worksheets.`);
  return first;
}

function columnLetter(n: number): string {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

export async function readXlsx(fileName: string, bytes: Uint8Array, wanted: string | undefined, warnings: WarningSink): Promise<XlsxRecords> {
  checkContainer(fileName, bytes);
  const workbook = new (await loadExcelJs()).Workbook();
  try {
    // exceljs declares its own "Buffer" as an ArrayBuffer; slice() gives one holding exactly these bytes.
    await workbook.xlsx.load(bytes.slice().buffer);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 160) : String(error);
    throw new ImportReadError(
      'corrupt',
      `${fileName ? `"${fileName}"` : 'The file'} could not be read as an Excel workbook: it is damaged or not really an .xlsx file. Open it in Excel; if that works, save it again as .xlsx and import the new file. (Details: ${detail})`,
    );
  }
  const worksheets = workbook.worksheets;
  const sheet = pickSheet(worksheets, wanted, fileName);

  const rows: { line: number; cells: Map<number, string> }[] = [];
  let minCol = Infinity;
  let maxCol = 0;
  let merged = false;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // As in Excel's own CSV export, a merged area's value belongs to its first cell only.
      if (cell.master !== cell) {
        merged = true;
        return;
      }
      const address = `${columnLetter(col)}${rowNumber}`;
      const text = cellText(cell.value, cell.numFmt as string | undefined, {
        error: (e) => warnings.add(rowNumber, 'cell-error', `Cell ${address} shows the error ${e}; it was read as "${e}".`),
        noResult: () =>
          warnings.add(
            rowNumber,
            'formula-without-result',
            `Cell ${address} holds a formula whose result was never saved (the file was not saved by Excel); it was read as empty. Open the file in Excel and save it to fix this.`,
          ),
      });
      if (text === '') return;
      cells.set(col, text);
      if (col < minCol) minCol = col;
      if (col > maxCol) maxCol = col;
    });
    if (cells.size > 0) rows.push({ line: rowNumber, cells });
  });
  if (merged) {
    warnings.add(null, 'merged-cells', 'The worksheet has merged cells; the value of each merged area was read into its first cell only.');
  }

  const firstColumn = rows.length === 0 ? 1 : minCol;
  const width = rows.length === 0 ? 0 : maxCol - minCol + 1;
  const records = rows.map((r): SourceRow => {
    const cells = Array<string>(width).fill('');
    for (const [col, text] of r.cells) cells[col - firstColumn] = text;
    return { line: r.line, cells };
  });

  if (records.length === 0 && worksheets.every((w) => w === sheet || w.actualRowCount === 0)) {
    throw new ImportReadError('empty', `${fileName ? `"${fileName}"` : 'The workbook'} contains no data: all its worksheets are empty.`);
  }
  return { sheets: worksheets.map((w) => w.name), sheet: sheet.name, records, firstColumn };
}
