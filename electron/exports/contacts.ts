/**
 * Exports of persons — a filter or a selection — as CSV (UTF-8 with BOM, "," or ";" for German Excel),
 * XLSX or vCard 4.0. One row per person with organisation, country and e-mail. The headers are the German
 * member-list headers the import recognises, so an export can be edited in Excel and imported again.
 */
import { loadExcelJs } from '../exceljs';
import { neutraliseFormula } from '../../shared/contacts/cleaning';
import type { Db } from '../db/database';

export type ExportFormat = 'csv' | 'csv-semicolon' | 'xlsx' | 'vcf';

interface ExportPerson {
  id: number;
  salutation: string;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  mobile: string | null;
  function: string | null;
  organisation: string | null;
  department: string | null;
  kind: string | null;
  country: string | null;
  postcode: string | null;
  city: string | null;
  street: string | null;
  website: string | null;
  language: string;
  keyContact: number;
  status: string;
  lastVerified: string | null;
  topics: string | null;
  tags: string | null;
  source: string | null;
  notes: string | null;
}

const SALUTATION_TEXT: Record<string, string> = { frau: 'Frau', herr: 'Herr', divers: 'divers', none: '' };

/** Header → value; the header names are ones the import's mapping detects. */
const COLUMNS: [string, (p: ExportPerson) => string][] = [
  ['Anrede', (p) => SALUTATION_TEXT[p.salutation] ?? ''],
  ['Titel', (p) => p.title ?? ''],
  ['Vorname', (p) => p.firstName ?? ''],
  ['Nachname', (p) => p.lastName ?? ''],
  ['E-Mail', (p) => p.email ?? ''],
  ['Telefon', (p) => p.phone ?? ''],
  ['Mobil', (p) => p.mobile ?? ''],
  ['Funktion', (p) => p.function ?? ''],
  ['Organisation', (p) => p.organisation ?? ''],
  ['Abteilung', (p) => p.department ?? ''],
  ['Land', (p) => p.country ?? ''],
  ['PLZ', (p) => p.postcode ?? ''],
  ['Ort', (p) => p.city ?? ''],
  ['Straße', (p) => p.street ?? ''],
  ['Webseite', (p) => p.website ?? ''],
  ['Sprache', (p) => p.language],
  ['Ansprechpartner', (p) => (p.keyContact === 1 ? 'ja' : 'nein')],
  ['Status', (p) => p.status],
  ['Zuletzt geprüft', (p) => p.lastVerified ?? ''],
  ['Themen', (p) => p.topics ?? ''],
  ['Tags', (p) => p.tags ?? ''],
  ['Quelle', (p) => p.source ?? ''],
  ['Notiz', (p) => p.notes ?? ''],
];

function loadPersons(db: Db, ids: number[]): ExportPerson[] {
  const stmt = db.prepare(
    `SELECT p.id, p.salutation, p.title, p.first_name AS firstName, p.last_name AS lastName, p.email, p.phone, p.mobile, p.function,
            o.name AS organisation, po.department, o.kind, o.country, o.postcode, o.city, o.street, o.website, p.language,
            p.key_contact AS keyContact, p.status, p.last_verified AS lastVerified,
            (SELECT group_concat(t.name, '; ') FROM person_topics x JOIN topics t ON t.id = x.topic_id WHERE x.person_id = p.id) AS topics,
            (SELECT group_concat(t.name, '; ') FROM person_tags x JOIN tags t ON t.id = x.tag_id WHERE x.person_id = p.id) AS tags,
            p.source, p.notes
     FROM persons p
     LEFT JOIN person_organisations po ON po.person_id = p.id AND po.organisation_id =
       (SELECT organisation_id FROM person_organisations WHERE person_id = p.id ORDER BY is_primary DESC, organisation_id LIMIT 1)
     LEFT JOIN organisations o ON o.id = po.organisation_id
     WHERE p.id = ?`,
  );
  return ids.flatMap((id) => {
    const row = stmt.get(id) as ExportPerson | undefined;
    return row ? [row] : [];
  });
}

function csvCell(value: string, delimiter: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n;\t|]/.test(safe) || safe.includes(delimiter) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(persons: ExportPerson[], delimiter: ',' | ';'): Buffer {
  const lines = [COLUMNS.map(([h]) => csvCell(h, delimiter)).join(delimiter)];
  for (const p of persons) lines.push(COLUMNS.map(([, get]) => csvCell(get(p), delimiter)).join(delimiter));
  // BOM so Excel opens UTF-8 correctly; CRLF as RFC 4180 and Excel expect.
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function toXlsx(persons: ExportPerson[]): Promise<Buffer> {
  const wb = new (await loadExcelJs()).Workbook();
  wb.creator = 'Spillover';
  const ws = wb.addWorksheet('Kontakte');
  ws.addRow(COLUMNS.map(([h]) => h)).font = { bold: true };
  for (const p of persons) {
    // Every value is written as text: postcodes keep their leading zeros and nothing is ever a formula.
    ws.addRow(COLUMNS.map(([, get]) => neutraliseFormula(get(p))));
  }
  ws.columns.forEach((c) => {
    c.numFmt = '@';
    c.width = 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function vEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

/** RFC 6350 §3.2: lines longer than 75 octets are folded; never split a UTF-8 sequence. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function toVcard(persons: ExportPerson[]): Buffer {
  const cards: string[] = [];
  for (const p of persons) {
    const fn = [p.title, p.firstName, p.lastName].filter(Boolean).join(' ') || p.email || p.organisation || '';
    const lines = [
      'BEGIN:VCARD',
      'VERSION:4.0',
      `FN:${vEscape(fn)}`,
      `N:${[p.lastName ?? '', p.firstName ?? '', '', [SALUTATION_TEXT[p.salutation], p.title].filter(Boolean).join(' '), ''].map(vEscape).join(';')}`,
    ];
    if (p.organisation) lines.push(`ORG:${vEscape(p.organisation)}${p.department ? `;${vEscape(p.department)}` : ''}`);
    if (p.function) lines.push(`TITLE:${vEscape(p.function)}`);
    if (p.email) lines.push(`EMAIL;TYPE=work:${vEscape(p.email)}`);
    if (p.phone) lines.push(`TEL;TYPE=work,voice:${vEscape(p.phone)}`);
    if (p.mobile) lines.push(`TEL;TYPE=cell:${vEscape(p.mobile)}`);
    if (p.city || p.postcode || p.street || p.country) {
      lines.push(`ADR;TYPE=work:;;${[p.street ?? '', p.city ?? '', '', p.postcode ?? '', p.country ?? ''].map(vEscape).join(';')}`);
    }
    if (p.website) lines.push(`URL:${vEscape(p.website)}`);
    lines.push(`LANG:${p.language}`);
    const categories = [p.topics, p.tags].filter(Boolean).join('; ').split(';').map((s) => s.trim()).filter(Boolean);
    if (categories.length) lines.push(`CATEGORIES:${categories.map(vEscape).join(',')}`);
    if (p.notes) lines.push(`NOTE:${vEscape(p.notes)}`);
    lines.push('END:VCARD');
    cards.push(lines.map(foldLine).join('\r\n'));
  }
  return Buffer.from(cards.length ? `${cards.join('\r\n')}\r\n` : '', 'utf8');
}

export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  'csv-semicolon': 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard; charset=utf-8',
};

export function exportExtension(format: ExportFormat): string {
  return format === 'csv-semicolon' ? 'csv' : format;
}

export async function exportContacts(db: Db, ids: number[], format: ExportFormat): Promise<Buffer> {
  const persons = loadPersons(db, ids);
  switch (format) {
    case 'csv':
      return toCsv(persons, ',');
    case 'csv-semicolon':
      return toCsv(persons, ';');
    case 'xlsx':
      return toXlsx(persons);
    case 'vcf':
      return toVcard(persons);
  }
}
