import { describe, expect, it } from 'vitest';
import { ImportReadError, readSource, type SourceTable } from './read';
import { VCARD_COLUMNS } from './vcard';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
const crlf = (lines: string[]): string => lines.join('\r\n') + '\r\n';

/** Windows-1252 bytes for Latin-1 text plus the 0x80–0x9F characters used here. */
function cp1252(text: string): Uint8Array {
  const high: Record<string, number> = { '€': 0x80, '„': 0x84, '“': 0x93, '”': 0x94, '–': 0x96 };
  return Uint8Array.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}

/** A row as { column: value } with the empty cells left out, for readable expectations. */
function filled(table: SourceTable, index: number): Record<string, string> {
  const row = table.rows[index];
  if (!row) throw new Error(`no row ${index}`);
  return Object.fromEntries(table.columns.map((c, i) => [c, row.cells[i] ?? '']).filter(([, v]) => v !== ''));
}

async function readError(promise: Promise<unknown>): Promise<ImportReadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportReadError)) throw new Error(`expected an ImportReadError, got ${String(error)}`);
  return error;
}

describe('vCard from Apple (iOS/macOS, 3.0)', () => {
  // Apple folds at 75 bytes, even in the middle of a UTF-8 character: here between the two bytes of "ü".
  const bytes = Buffer.concat([
    utf8(
      crlf([
        'BEGIN:VCARD',
        'VERSION:3.0',
        'PRODID:-//Apple Inc.//iPhone OS 17.4//EN',
        'N:Weiß;Jürgen;;Dr.;',
        'FN:Dr. Jürgen Weiß',
      ]),
    ),
    utf8('ORG:Fraunhofer-Institut f'),
    Buffer.from([0xc3]),
    utf8('\r\n '),
    Buffer.from([0xbc]),
    utf8(
      crlf([
        'r Werkstoff- und Strahltechnik IWS;Abteilung Lasermaterialbearbeitung',
        'TITLE:Gruppenleiter',
        'item1.EMAIL;type=INTERNET;type=pref:juergen.weiss@iws.example.de',
        'item1.X-ABLabel:_$!<Work>!$_',
        'EMAIL;type=INTERNET;type=HOME:jw@privat.example',
        'TEL;type=CELL;type=VOICE;type=pref:+49 171 2345678',
        'TEL;type=WORK;type=VOICE:+49 351 83391-0',
        'TEL;type=WORK;type=FAX:+49 351 83391-300',
        'item2.ADR;type=WORK;type=pref:;;Winterbergstraße 28;Dresden;;01277;Deutschland',
        'item2.X-ABADR:de',
        'item3.URL;type=pref:https\\://www.iws.example.de',
        'item3.X-ABLabel:_$!<HomePage>!$_',
        'NOTE:Kennengelernt auf der LASER World of Photonics\\, München.\\nFolgetermin im Mai.',
        'CATEGORIES:Cluster,Forschung',
        'X-SOCIALPROFILE;type=linkedin:https\\://linkedin.com/in/jweiss',
        'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRo',
        ' fHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwh',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:;;;;',
        'FN:Sächsisches Staatsministerium für Wirtschaft',
        'ORG:Sächsisches Staatsministerium für Wirtschaft;',
        'X-ABShowAs:COMPANY',
        'TEL;type=MAIN:+49 351 564-0',
        'END:VCARD',
      ]),
    ),
  ]);

  it('maps the card onto the fixed columns', async () => {
    const table = await readSource('Jürgen Weiß und 1 weitere.vcf', bytes);
    expect(table).toMatchObject({ format: 'vcard', encoding: 'utf-8', delimiter: null, sheets: [], sheet: null });
    expect(table.columns).toEqual([...VCARD_COLUMNS]);
    expect(table.rows.map((r) => r.line)).toEqual([1, 2]);
    expect(filled(table, 0)).toEqual({
      Titel: 'Dr.',
      Vorname: 'Jürgen',
      Nachname: 'Weiß',
      Organisation: 'Fraunhofer-Institut für Werkstoff- und Strahltechnik IWS',
      Abteilung: 'Abteilung Lasermaterialbearbeitung',
      Position: 'Gruppenleiter',
      'E-Mail': 'juergen.weiss@iws.example.de',
      'E-Mail 2': 'jw@privat.example',
      Telefon: '+49 351 83391-0',
      Mobil: '+49 171 2345678',
      Straße: 'Winterbergstraße 28',
      PLZ: '01277',
      Ort: 'Dresden',
      Land: 'Deutschland',
      Website: 'https://www.iws.example.de',
      Notiz: 'Kennengelernt auf der LASER World of Photonics, München.\nFolgetermin im Mai.',
      Kategorien: 'Cluster, Forschung',
    });
    expect(table.warnings.map((w) => [w.line, w.code])).toEqual([[1, 'vcard-not-imported']]);
    expect(table.warnings[0]?.message).toContain('+49 351 83391-300 (fax)');
  });

  it('reads a company card as an organisation without a person', async () => {
    const table = await readSource('kontakte.vcf', bytes);
    expect(filled(table, 1)).toEqual({ Organisation: 'Sächsisches Staatsministerium für Wirtschaft', Telefon: '+49 351 564-0' });
  });
});

describe('vCard from Android (2.1, quoted-printable UTF-8)', () => {
  const text = crlf([
    'BEGIN:VCARD',
    'VERSION:2.1',
    'N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:C=C3=B4t=C3=A9;H=C3=A9l=C3=A8ne;;Frau Prof. Dr.;',
    'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Frau Prof. Dr. H=C3=A9l=C3=A8ne C=C3=B4t=C3=A9',
    'TEL;CELL:+33 6 12 34 56 78',
    'TEL;WORK:+33 1 23 45 67 89',
    'EMAIL;WORK:helene.cote@univ.example.fr',
    'ORG;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Universit=C3=A9 de Strasbourg;Institut Charles Sadron',
    'ADR;WORK;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;23 rue du L=C5=93ss;Strasbourg;;67034;France',
    'NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Partnerin im Interreg-Projekt, sehr lange Notiz, die =',
    'umgebrochen wird =E2=80=93 mit Gedankenstrich.=0D=0AZweite Zeile.',
    'PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U',
    ' HRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgy',
    '',
    'END:VCARD',
  ]);

  it('decodes quoted-printable with soft line breaks and the declared charset', async () => {
    const table = await readSource('00001.vcf', utf8(text));
    expect(table.encoding).toBe('utf-8');
    expect(filled(table, 0)).toEqual({
      Anrede: 'Frau',
      Titel: 'Prof. Dr.',
      Vorname: 'Hélène',
      Nachname: 'Côté',
      Organisation: 'Université de Strasbourg',
      Abteilung: 'Institut Charles Sadron',
      'E-Mail': 'helene.cote@univ.example.fr',
      Telefon: '+33 1 23 45 67 89',
      Mobil: '+33 6 12 34 56 78',
      Straße: '23 rue du Lœss',
      PLZ: '67034',
      Ort: 'Strasbourg',
      Land: 'France',
      Notiz: 'Partnerin im Interreg-Projekt, sehr lange Notiz, die umgebrochen wird – mit Gedankenstrich.\r\nZweite Zeile.',
    });
    expect(table.warnings).toEqual([]);
  });
});

describe('vCard from Outlook (2.1, Windows-1252 without CHARSET)', () => {
  const bytes = cp1252(
    crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N;LANGUAGE=de:Müller-Lüdenscheidt;Björn;;Herr;',
      'FN:Björn Müller-Lüdenscheidt',
      'ORG:Süßwaren Großhandel GmbH;Einkauf',
      'TITLE:Geschäftsführer',
      'TEL;WORK;VOICE:(0351) 123 45-0',
      'TEL;CELL;VOICE:0171 9876543',
      'TEL;WORK;FAX:(0351) 123 45-99',
      'ADR;WORK;PREF:;;Königsbrücker Straße 12;Dresden;Sachsen;01099;Deutschland',
      'LABEL;WORK;PREF;ENCODING=QUOTED-PRINTABLE:K=F6nigsbr=FCcker Stra=DFe 12=0D=0A=',
      'Dresden, Sachsen 01099',
      'URL;WORK:http://www.suesswaren.example',
      'EMAIL;PREF;INTERNET:b.mueller@suesswaren.example',
      'NOTE;ENCODING=QUOTED-PRINTABLE:Preise in =80 =84netto=93.=0D=0AR=FCckruf erbeten.',
      'REV:20240301T101500Z',
      'END:VCARD',
    ]),
  );

  it('decodes raw and quoted-printable bytes as Windows-1252', async () => {
    const table = await readSource('Björn Müller-Lüdenscheidt.vcf', bytes);
    expect(table.encoding).toBe('windows-1252');
    expect(filled(table, 0)).toEqual({
      Anrede: 'Herr',
      Vorname: 'Björn',
      Nachname: 'Müller-Lüdenscheidt',
      Organisation: 'Süßwaren Großhandel GmbH',
      Abteilung: 'Einkauf',
      Position: 'Geschäftsführer',
      'E-Mail': 'b.mueller@suesswaren.example',
      Telefon: '(0351) 123 45-0',
      Mobil: '0171 9876543',
      Straße: 'Königsbrücker Straße 12',
      PLZ: '01099',
      Ort: 'Dresden',
      Land: 'Deutschland',
      Website: 'http://www.suesswaren.example',
      Notiz: 'Preise in € „netto“.\r\nRückruf erbeten.',
    });
  });

  it('decodes quoted-printable Windows-1252 in an otherwise plain-ASCII file', async () => {
    const ascii = crlf(['BEGIN:VCARD', 'VERSION:2.1', 'N;ENCODING=QUOTED-PRINTABLE:Gr=FC=DFner;J=FCrgen', 'END:VCARD']);
    const table = await readSource('a.vcf', utf8(ascii));
    expect(table.encoding).toBe('utf-8');
    expect(filled(table, 0)).toEqual({ Vorname: 'Jürgen', Nachname: 'Grüßner' });
  });
});

describe('vCard from Google Contacts (3.0)', () => {
  const text = crlf([
    'BEGIN:VCARD',
    'VERSION:3.0',
    'FN:Łukasz Kowalski',
    'N:Kowalski;Łukasz;;;',
    'EMAIL;TYPE=INTERNET;TYPE=WORK:lukasz.kowalski@pw.example.pl',
    'EMAIL;TYPE=INTERNET;TYPE=HOME:lukasz@example.com',
    'EMAIL;TYPE=INTERNET:lk@example.org',
    'EMAIL;TYPE=INTERNET:LUKASZ@example.com',
    'TEL;TYPE=CELL:+48 600 123 456',
    'ADR;TYPE=HOME:;;ul. Długa 5;Gdańsk;;80-827;Polska',
    'ADR;TYPE=WORK:;;ul. Marszałkowska 1;Warszawa;;00-001;Polska',
    'ORG:Politechnika Warszawska',
    'TITLE:Koordynator',
    'item1.URL:http\\://www.pw.example.pl',
    'item1.X-ABLabel:',
    'CATEGORIES:myContacts,Partner',
    'END:VCARD',
  ]);

  it('takes the first e-mail, the next one as second, the work address, and says what was left out', async () => {
    const table = await readSource('contacts.vcf', utf8(text));
    expect(filled(table, 0)).toEqual({
      Vorname: 'Łukasz',
      Nachname: 'Kowalski',
      Organisation: 'Politechnika Warszawska',
      Position: 'Koordynator',
      'E-Mail': 'lukasz.kowalski@pw.example.pl',
      'E-Mail 2': 'lukasz@example.com',
      Mobil: '+48 600 123 456',
      Straße: 'ul. Marszałkowska 1',
      PLZ: '00-001',
      Ort: 'Warszawa',
      Land: 'Polska',
      Website: 'http://www.pw.example.pl',
      Kategorien: 'myContacts, Partner',
    });
    expect(table.warnings.map((w) => w.code)).toEqual(['vcard-not-imported']);
    expect(table.warnings[0]?.message).toContain('lk@example.org');
    expect(table.warnings[0]?.message).toContain('1 further address');
  });

  it('reads the same file saved as UTF-16 with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const table = await readSource('contacts.vcf', le);
    expect(table.encoding).toBe('utf-16le');
    expect(filled(table, 0)).toMatchObject({ Vorname: 'Łukasz', Straße: 'ul. Marszałkowska 1' });
  });
});

describe('vCard 4.0', () => {
  const text = crlf([
    'BEGIN:VCARD',
    'VERSION:4.0',
    'KIND:individual',
    'FN:Mr. Seán Ó Briain',
    'N:Ó Briain;Seán;;Mr.;PhD',
    'EMAIL;TYPE=work;PREF=2:sean.obriain@tcd.example.ie',
    'EMAIL;TYPE=home;PREF=1:sean@home.example.ie',
    'TEL;VALUE=uri;TYPE="voice,work":tel:+353-1-896-1000',
    'TEL;VALUE=uri;TYPE=cell;PREF=1:tel:+353-87-123-4567',
    'ADR;TYPE=work;LABEL="College Green; Dublin 2: Ireland":;;College Green;Dublin;;D02 PN40;Ireland',
    'ORG:Trinity College Dublin;School of Physics;Photonics Group',
    'ROLE:Principal Investigator',
    'LANG;PREF=2:ga',
    'LANG;PREF=1:en',
    'URL:https://www.tcd.example.ie',
    'NOTE:Line one\\nLine two\\, with comma\\; and semicolon \\\\ backslash',
    'CATEGORIES:Partner,Photonik',
    'END:VCARD',
  ]);

  it('honours PREF numbers, tel: URIs, quoted parameters and escapes', async () => {
    const table = await readSource('sean.vcf', utf8(text));
    expect(filled(table, 0)).toEqual({
      Anrede: 'Mr.',
      Vorname: 'Seán',
      Nachname: 'Ó Briain',
      Organisation: 'Trinity College Dublin',
      Abteilung: 'School of Physics, Photonics Group',
      Position: 'Principal Investigator',
      'E-Mail': 'sean@home.example.ie',
      'E-Mail 2': 'sean.obriain@tcd.example.ie',
      Telefon: '+353-1-896-1000',
      Mobil: '+353-87-123-4567',
      Straße: 'College Green',
      PLZ: 'D02 PN40',
      Ort: 'Dublin',
      Land: 'Ireland',
      Website: 'https://www.tcd.example.ie',
      Notiz: 'Line one\nLine two, with comma; and semicolon \\ backslash',
      Kategorien: 'Partner, Photonik',
      Sprache: 'en',
    });
  });
});

describe('vCard edge cases', () => {
  it('splits FN when N is missing: titles, salutation, particles, "Last, First", but not company names', async () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Frau Prof. Dr. Anna von Berg',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Lehmann\\, Paul',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Dr.-Ing. Kai Uwe Schmidt',
      'N:;;;;',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Lasertechnik Muster GmbH',
      'EMAIL:info@muster.example',
      'END:VCARD',
    ]);
    const table = await readSource('x.vcf', utf8(text));
    expect(filled(table, 0)).toEqual({ Anrede: 'Frau', Titel: 'Prof. Dr.', Vorname: 'Anna', Nachname: 'von Berg' });
    expect(filled(table, 1)).toEqual({ Vorname: 'Paul', Nachname: 'Lehmann' });
    expect(filled(table, 2)).toEqual({ Titel: 'Dr.-Ing.', Vorname: 'Kai Uwe', Nachname: 'Schmidt' });
    expect(filled(table, 3)).toEqual({ Organisation: 'Lasertechnik Muster GmbH', 'E-Mail': 'info@muster.example' });
  });

  it('numbers cards by position, skips empty ones and embedded AGENT cards, and keeps a cut-off last card', async () => {
    const text = crlf([
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Eins;Anna',
      'AGENT:',
      'BEGIN:VCARD',
      'VERSION:2.1',
      'N:Assistenz;Bea',
      'END:VCARD',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'X-CUSTOM:nur Unbekanntes',
      'END:VCARD',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N:Drei;Carl',
      'EMAIL:carl@example.de',
    ]);
    const table = await readSource('x.vcf', utf8(text));
    expect(table.rows.map((r) => [r.line, r.cells[3]])).toEqual([
      [1, 'Eins'],
      [3, 'Drei'],
    ]);
    expect(table.warnings.map((w) => [w.line, w.code])).toEqual([
      [2, 'vcard-empty-card'],
      [3, 'vcard-unterminated'],
    ]);
  });

  it('reads lower-case keywords, LF line breaks, tab folding and text before the first card', async () => {
    const text = 'Exported by SomeTool\nbegin:vcard\nversion:3.0\nn:Tab;Tina\nnote:gefaltet mit\n\tTabulator\nend:vcard\n';
    const table = await readSource('export.vcf', utf8(text));
    expect(table.format).toBe('vcard');
    expect(filled(table, 0)).toEqual({ Vorname: 'Tina', Nachname: 'Tab', Notiz: 'gefaltet mitTabulator' });
  });

  it('keeps umlauts when a CHARSET label is wrong, and says so', async () => {
    const text = crlf(['BEGIN:VCARD', 'VERSION:2.1', 'N;CHARSET=ISO-8859-1:Jäger;Jörg', 'END:VCARD']);
    const table = await readSource('x.vcf', utf8(text));
    expect(filled(table, 0)).toEqual({ Vorname: 'Jörg', Nachname: 'Jäger' });
    expect(table.warnings.map((w) => w.code)).toEqual(['vcard-charset']);
  });

  it('decodes ISO-8859-2 when declared (Polish Outlook)', async () => {
    const head = Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-2:Nowak;');
    const table = await readSource('x.vcf', Buffer.concat([head, Buffer.from([0xa3]), Buffer.from('ukasz\r\nEND:VCARD\r\n')]));
    expect(filled(table, 0)).toEqual({ Vorname: 'Łukasz', Nachname: 'Nowak' });
  });

  it('uses the encoding given in the options for values without CHARSET', async () => {
    const bytes = utf8(crlf(['BEGIN:VCARD', 'VERSION:3.0', 'N:Weiß;Jürgen', 'END:VCARD']));
    const table = await readSource('x.vcf', bytes, { encoding: 'windows-1252' });
    expect(table.encoding).toBe('windows-1252');
    expect(filled(table, 0)).toEqual({ Vorname: 'JÃ¼rgen', Nachname: 'WeiÃŸ' });
  });

  it('refuses a file without any card', async () => {
    const error = await readError(readSource('x.vcf', utf8('Name;Ort\nA;B\n'), { format: 'vcard' }));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain('BEGIN:VCARD');
  });
});
