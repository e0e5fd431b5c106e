import { describe, expect, it } from 'vitest';
import { detectFormat, ImportReadError, readSource } from './read';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

async function readError(promise: Promise<unknown>): Promise<ImportReadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportReadError)) throw new Error(`expected an ImportReadError, got ${String(error)}`);
  return error;
}

/** Deterministic "random" bytes (a linear congruential generator), so the test never flakes. */
function noise(length: number, seed = 42): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, ...noise(200)]);
const PDF = utf8('%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');

describe('detectFormat', () => {
  it('goes by content first', () => {
    expect(detectFormat('kontakte.vcf', utf8('Name;E-Mail\nA;a@x.de\n'))).toBe('csv');
    expect(detectFormat('kontakte.csv', utf8('\uFEFF\r\n  BEGIN:VCARD\r\nVERSION:3.0\r\nEND:VCARD\r\n'))).toBe('vcard');
    expect(detectFormat('kontakte.txt', utf8('begin:vcard\nend:vcard\n'))).toBe('vcard');
    expect(detectFormat('liste.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('xlsx');
  });

  it('uses the extension only to break a tie', () => {
    const text = utf8('Exported 2024-03-01\r\nBEGIN:VCARD\r\nN:A;B\r\nEND:VCARD\r\n');
    expect(detectFormat('kontakte.vcf', text)).toBe('vcard');
    expect(detectFormat('kontakte.csv', text)).toBe('csv');
  });

  it('detects vCards in UTF-16', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('BEGIN:VCARD\r\nEND:VCARD\r\n', 'utf16le')]);
    expect(detectFormat('x.vcf', bytes)).toBe('vcard');
  });

  it('is null for binary files and empty ones', () => {
    expect(detectFormat('bild.png', PNG)).toBeNull();
    expect(detectFormat('zufall.csv', noise(4096))).toBeNull();
    expect(detectFormat('leer.csv', new Uint8Array())).toBeNull();
  });
});

describe('readSource refuses what it cannot read, saying what the file is and what to do', () => {
  it.each([
    ['foto.png', PNG, 'PNG image'],
    ['rechnung.pdf', PDF, 'PDF document'],
    ['kontakte.csv', noise(4096), 'not a text file'],
    ['kontakte.jpg', Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, ...noise(100)]), 'JPEG image'],
  ])('%s', async (name, bytes, what) => {
    const error = await readError(readSource(name, bytes));
    expect(error.code).toBe('binary');
    expect(error.message).toContain(what);
    expect(error.message).toContain(name);
    expect(error.message).toMatch(/CSV.*Excel workbooks \(\.xlsx\).*vCard/);
  });

  it('refuses a PDF even when told it is CSV', async () => {
    const error = await readError(readSource('x.csv', Uint8Array.from([...PDF, 0, 0, 0]), { format: 'csv' }));
    expect(error.code).toBe('binary');
    expect(error.message).toContain('PDF');
  });

  it('refuses an empty file', async () => {
    const error = await readError(readSource('leer.csv', new Uint8Array()));
    expect(error.code).toBe('empty');
    expect(error.message).toContain('"leer.csv" is empty');
  });

  it('refuses UTF-32 text as unsupported, not as binary', async () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0, 0, ...Buffer.from('N\0\0\0a\0\0\0', 'latin1')]);
    const error = await readError(readSource('x.csv', bytes));
    expect(error.code).toBe('unsupported');
    expect(error.message).toContain('UTF-32');
  });
});

describe('readSource options', () => {
  it('reads the format given, whatever the content suggests', async () => {
    const vcardText = utf8('BEGIN:VCARD\nN:Berg;Anna\nEND:VCARD\n');
    const asCsv = await readSource('x.vcf', vcardText, { format: 'csv' });
    expect(asCsv.format).toBe('csv');
    expect(asCsv.columns).toEqual(['BEGIN:VCARD']);
    const asVcard = await readSource('x.csv', vcardText, { format: 'vcard' });
    expect(asVcard.rows[0]?.cells.slice(2, 4)).toEqual(['Anna', 'Berg']);
  });
});

describe('readSource with a format that does not fit the content', () => {
  it('refuses a workbook read as CSV, pointing to the Excel import', async () => {
    const error = await readError(readSource('x.csv', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]), { format: 'csv' }));
    expect(error.code).toBe('binary');
    expect(error.message).toContain('Import it as an Excel workbook');
  });
});
