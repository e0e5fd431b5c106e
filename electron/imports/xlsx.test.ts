import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportReadError, readSource, type SourceTable } from './read';

async function toBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function readError(promise: Promise<unknown>): Promise<ImportReadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportReadError)) throw new Error(`expected an ImportReadError, got ${String(error)}`);
  return error;
}

function cellOf(table: SourceTable, row: number, column: string): string | undefined {
  return table.rows[row]?.cells[table.columns.indexOf(column)];
}

/** A minimal stored (uncompressed) ZIP with the given files; enough for the container checks. */
function zip(files: Record<string, string>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

describe('xlsx cell values', () => {
  async function contactsWorkbook(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kontakte');
    ws.addRow(['Name', 'PLZ Text', 'PLZ Zahl', 'PLZ 00000', 'Telefon', 'Anteil', 'Geburtstag', 'Termin', 'Uhrzeit', 'Aktiv', 'Notiz', 'E-Mail', 'Web', 'Summe', 'Fehler']);
    ws.addRow([
      'Jürgen Weiß',
      '01067',
      1067,
      1067,
      4915112345678,
      0.1 + 0.2,
      new Date(Date.UTC(1970, 2, 1)),
      new Date(Date.UTC(2024, 2, 1, 9, 30)),
      new Date(Date.UTC(1899, 11, 30, 14, 30)),
      true,
      { richText: [{ text: 'Sehr ', font: { bold: true } }, { text: 'wichtig' }] },
      // A link whose text is empty. exceljs would write { text: '' } as JSON text, so the empty text is
      // given as rich text, which it writes as an empty string (the typings only know plain strings).
      { text: { richText: [{ text: '' }] }, hyperlink: 'mailto:j.weiss@example.de' } as unknown as ExcelJS.CellHyperlinkValue,
      { text: 'Website', hyperlink: 'https://example.de' },
      { formula: 'C2+1', result: 1068 },
      { error: '#N/A' },
    ]);
    const row = ws.getRow(2);
    row.getCell(4).numFmt = '00000';
    row.getCell(7).numFmt = 'dd.mm.yyyy';
    row.getCell(8).numFmt = 'dd.mm.yyyy hh:mm';
    row.getCell(9).numFmt = 'hh:mm';
    return toBytes(wb);
  }

  it('reads every cell as the text a user sees', async () => {
    const table = await readSource('kontakte.xlsx', await contactsWorkbook());
    expect(table).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, sheets: ['Kontakte'], sheet: 'Kontakte' });
    expect(table.rows).toEqual([
      {
        line: 2,
        cells: [
          'Jürgen Weiß',
          '01067',
          '1067',
          '01067',
          '4915112345678',
          '0.3',
          '1970-03-01',
          '2024-03-01 09:30',
          '14:30',
          'true',
          'Sehr wichtig',
          'mailto:j.weiss@example.de',
          'Website',
          '1068',
          '#N/A',
        ],
      },
    ]);
    expect(table.warnings.map((w) => [w.line, w.code])).toEqual([[2, 'cell-error']]);
    expect(table.warnings[0]?.message).toContain('O2');
  });

  it('applies number formats with zero padding and literals', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Zahlen');
    const cases: [number, string, string][] = [
      [1067, '00000', '01067'],
      [1067, '"D-"00000', 'D-01067'],
      [123456789, '000-00-0000', '123-45-6789'],
      [1.5, '0.00', '1.50'],
      [1234567, '#,##0', '1234567'],
      [0.15, '0%', '15%'],
      [5, '0.##', '5'],
      [-42, '0;(0)', '(42)'],
      [-7, '00', '-07'],
      [3, '@', '3'],
      [12345.678, 'General', '12345.678'],
      [1e-7, '0.00E+00', '1e-7'],
    ];
    ws.addRow(cases.map((_, i) => `F${i + 1}`));
    ws.addRow(cases.map(([value]) => value));
    cases.forEach(([, format], i) => {
      ws.getRow(2).getCell(i + 1).numFmt = format;
    });
    const table = await readSource('zahlen.xlsx', await toBytes(wb));
    expect(table.rows[0]?.cells).toEqual(cases.map(([, , shown]) => shown));
  });

  it('reads a formula as its cached result, never the formula, and warns when there is none', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('F');
    ws.addRow(['Name', 'Voll', 'Ohne']);
    ws.addRow(['Anna', { formula: 'A2&" Berg"', result: 'Anna Berg' }, { formula: 'A2&"!"' }]);
    const table = await readSource('f.xlsx', await toBytes(wb));
    expect(table.rows[0]?.cells).toEqual(['Anna', 'Anna Berg', '']);
    expect(table.warnings.map((w) => w.code)).toEqual(['formula-without-result']);
  });
});

describe('xlsx layout', () => {
  it('takes the first non-empty row as header, keeps Excel row numbers and real column positions', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Liste');
    ws.getCell('B3').value = 'Name';
    ws.getCell('C3').value = 'E-Mail';
    ws.getCell('E3').value = 'E-Mail';
    ws.getCell('B4').value = 'Anna';
    ws.getCell('D4').value = 'ohne Überschrift';
    ws.getCell('B6').value = 'Ben';
    ws.getCell('E6').value = 'ben@example.de';
    ws.getCell('B5').value = ''; // an "empty" cell that exists in the file
    const table = await readSource('liste.xlsx', await toBytes(wb));
    expect(table.columns).toEqual(['Name', 'E-Mail', 'Spalte 4', 'E-Mail (2)']);
    expect(table.rows).toEqual([
      { line: 4, cells: ['Anna', '', 'ohne Überschrift', ''] },
      { line: 6, cells: ['Ben', '', '', 'ben@example.de'] },
    ]);
  });

  it('lists all sheets, reads the first visible one by default and the chosen one on request', async () => {
    const wb = new ExcelJS.Workbook();
    const hidden = wb.addWorksheet('Auswahllisten', { state: 'hidden' });
    hidden.addRow(['Anrede']);
    hidden.addRow(['Herr']);
    const a = wb.addWorksheet('Mitglieder');
    a.addRow(['Firma']);
    a.addRow(['ACME']);
    const b = wb.addWorksheet('Presse');
    b.addRow(['Redaktion']);
    b.addRow(['Sächsische Zeitung']);
    const bytes = await toBytes(wb);

    const first = await readSource('cluster.xlsx', bytes);
    expect(first.sheets).toEqual(['Auswahllisten', 'Mitglieder', 'Presse']);
    expect(first.sheet).toBe('Mitglieder');
    expect(first.rows[0]?.cells).toEqual(['ACME']);

    const chosen = await readSource('cluster.xlsx', bytes, { sheet: 'presse' });
    expect(chosen.sheet).toBe('Presse');
    expect(cellOf(chosen, 0, 'Redaktion')).toBe('Sächsische Zeitung');

    const missing = await readError(readSource('cluster.xlsx', bytes, { sheet: 'Tabelle1' }));
    expect(missing.message).toContain('no worksheet named "Tabelle1"');
    expect(missing.message).toContain('"Mitglieder"');
  });

  it('reports an empty sheet so another can be chosen, and refuses a workbook without any data', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Leer');
    wb.addWorksheet('Daten').addRows([['Name'], ['Anna']]);
    const table = await readSource('x.xlsx', await toBytes(wb));
    expect(table.sheet).toBe('Leer');
    expect(table.columns).toEqual([]);
    expect(table.rows).toEqual([]);
    expect(table.warnings.map((w) => w.code)).toEqual(['empty-sheet']);
    expect(table.warnings[0]?.message).toContain('"Daten"');

    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Tabelle1');
    expect((await readError(readSource('leer.xlsx', await toBytes(empty)))).code).toBe('empty');
  });

  it('reads a merged area into its first cell only, with a warning', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('M');
    ws.addRows([
      ['Firma', 'Name'],
      ['ACME', 'Anna'],
      [null, 'Ben'],
    ]);
    ws.mergeCells('A2:A3');
    const table = await readSource('m.xlsx', await toBytes(wb));
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['ACME', 'Anna'],
      ['', 'Ben'],
    ]);
    expect(table.warnings.map((w) => w.code)).toEqual(['merged-cells']);
  });
});

describe('broken and foreign workbooks', () => {
  async function small(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('K').addRows([['Name'], ['Anna']]);
    return toBytes(wb);
  }

  it('detects xlsx by content, whatever the extension', async () => {
    expect(detectFormat('kontakte.csv', await small())).toBe('xlsx');
    expect((await readSource('kontakte.csv', await small())).format).toBe('xlsx');
  });

  it('calls a workbook cut in half truncated', async () => {
    const bytes = await small();
    const error = await readError(readSource('k.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(error.code).toBe('truncated');
    expect(error.message).toContain('cut off');
  });

  it('calls a workbook with a damaged table of contents corrupt', async () => {
    const bytes = (await small()).slice();
    const view = Buffer.from(bytes.buffer);
    const directory = view.readUInt32LE(view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) + 16);
    bytes.fill(0x41, directory, directory + 4);
    const error = await readError(readSource('k.xlsx', bytes));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('damaged');
  });

  it('calls a workbook whose parts are garbage corrupt', async () => {
    const bytes = zip({ '[Content_Types].xml': '<Types', 'xl/workbook.xml': 'not xml at all <<<' });
    const error = await readError(readSource('k.xlsx', bytes));
    expect(error.code).toBe('corrupt');
  });

  it('names other ZIP-based files', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'word/document.xml': '<w/>' }, 'Word document'],
      [{ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }, 'OpenDocument'],
      [{ 'xl/workbook.bin': '' }, '.xlsb'],
      [{ 'kontakte.csv': 'a;b' }, 'ZIP archive'],
    ];
    for (const [files, what] of cases) {
      const error = await readError(readSource('datei.xlsx', zip(files)));
      expect(error.code).toBe('unsupported');
      expect(error.message).toContain(what);
    }
  });

  it('refuses the old .xls format and password-protected workbooks with what to do', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const xls = await readError(readSource('alt.xls', ole));
    expect(xls.code).toBe('unsupported');
    expect(xls.message).toContain('Excel 97–2003');
    ole.set(Buffer.from('EncryptedPackage', 'utf16le'), 1024);
    const locked = await readError(readSource('geheim.xlsx', ole));
    expect(locked.message).toContain('password');
  });

  it('refuses a text file when asked to read it as xlsx', async () => {
    const error = await readError(readSource('k.xlsx', new TextEncoder().encode('Name;Ort\nA;B\n'), { format: 'xlsx' }));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('CSV');
  });
});
