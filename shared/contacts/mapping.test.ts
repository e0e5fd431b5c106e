import { describe, expect, it } from 'vitest';
import { INFORMATION_KINDS } from '../domain';
import {
  consentStatus,
  HEADER_SYNONYMS,
  headerKey,
  IMPORT_FIELDS,
  informationKinds,
  ISSUE_SEVERITY,
  languageCode,
  mailchimpExportStatus,
  mapRow,
  organisationKindFromName,
  organisationKindFromText,
  parseBoolean,
  parseEmployees,
  parseMembership,
  splitList,
  suggestMapping,
  VCARD_COLUMNS,
  type ImportField,
  type PersonDraft,
} from './mapping';

/* ----------------------------------------------------------------------------------------------------------
 * Header rows as the tools write them
 * -------------------------------------------------------------------------------------------------------- */

const OUTLOOK_DE = [
  'Anrede', 'Vorname', 'Weitere Vornamen', 'Nachname', 'Suffix', 'Firma', 'Abteilung', 'Position',
  'Straße geschäftlich', 'Straße geschäftlich 2', 'Straße geschäftlich 3', 'Ort geschäftlich', 'Region geschäftlich',
  'Postleitzahl geschäftlich', 'Land/Region geschäftlich', 'Straße privat', 'Straße privat 2', 'Straße privat 3',
  'Ort privat', 'Bundesland/Kanton privat', 'Postleitzahl privat', 'Land/Region privat', 'Weitere Straße',
  'Weitere Straße 2', 'Weitere Straße 3', 'Weiterer Ort', 'Weiteres/r Bundesland/Kanton', 'Weitere Postleitzahl',
  'Weiteres/e Land/Region', 'Telefon Assistent', 'Fax geschäftlich', 'Telefon geschäftlich', 'Telefon geschäftlich 2',
  'Rückmeldung', 'Autotelefon', 'Telefon Firma', 'Fax privat', 'Telefon (privat)', 'Telefon (privat 2)', 'ISDN',
  'Mobiltelefon', 'Weiteres Fax', 'Weiteres Telefon', 'Pager', 'Haupttelefon', 'Mobiltelefon 2',
  'Telefon für Hörbehinderte', 'Telex', 'Abrechnungsinformation', 'Assistent(in)', 'Benutzer 1', 'Benutzer 2',
  'Benutzer 3', 'Benutzer 4', 'Beruf', 'Büro', 'E-Mail-Adresse', 'E-Mail-Typ', 'E-Mail: Angezeigter Name',
  'E-Mail 2: Adresse', 'E-Mail 2: Typ', 'E-Mail 2: Angezeigter Name', 'E-Mail 3: Adresse', 'E-Mail 3: Typ',
  'E-Mail 3: Angezeigter Name', 'Empfohlen von', 'Geburtstag', 'Geschlecht', 'Hobby', 'Initialen',
  'Internet Frei/Gebucht', 'Jahrestag', 'Kategorien', 'Kinder', 'Konto', 'Name des/r Vorgesetzten', 'Notizen',
  'Organisationsnr.', 'Ort', 'Partner/in', 'Postfach geschäftlich', 'Postfach privat', 'Priorität', 'Privat',
  'Reisekilometer', 'Sozialversicherungsnr.', 'Sprache', 'Stichwörter', 'Vertraulichkeit', 'Verzeichnisserver',
  'Webseite', 'Weiteres Postfach',
];

const OUTLOOK_EN = [
  'Title', 'First Name', 'Middle Name', 'Last Name', 'Suffix', 'Company', 'Department', 'Job Title', 'Business Street',
  'Business Street 2', 'Business Street 3', 'Business City', 'Business State', 'Business Postal Code',
  'Business Country/Region', 'Home Street', 'Home Street 2', 'Home Street 3', 'Home City', 'Home State',
  'Home Postal Code', 'Home Country/Region', 'Other Street', 'Other City', 'Other State', 'Other Postal Code',
  'Other Country/Region', "Assistant's Phone", 'Business Fax', 'Business Phone', 'Business Phone 2', 'Callback',
  'Car Phone', 'Company Main Phone', 'Home Fax', 'Home Phone', 'Home Phone 2', 'ISDN', 'Mobile Phone', 'Other Fax',
  'Other Phone', 'Pager', 'Primary Phone', 'Radio Phone', 'TTY/TDD Phone', 'Telex', 'Account', 'Anniversary',
  "Assistant's Name", 'Billing Information', 'Birthday', 'Business Address PO Box', 'Categories', 'Children',
  'Directory Server', 'E-mail Address', 'E-mail Type', 'E-mail Display Name', 'E-mail 2 Address', 'E-mail 2 Type',
  'E-mail 2 Display Name', 'E-mail 3 Address', 'E-mail 3 Type', 'E-mail 3 Display Name', 'Gender',
  'Government ID Number', 'Hobby', 'Home Address PO Box', 'Initials', 'Internet Free Busy', 'Keywords', 'Language',
  'Location', "Manager's Name", 'Mileage', 'Notes', 'Office Location', 'Organizational ID Number',
  'Other Address PO Box', 'Priority', 'Private', 'Profession', 'Referred By', 'Sensitivity', 'Spouse', 'User 1',
  'User 2', 'User 3', 'User 4', 'Web Page',
];

const GOOGLE_NEW = [
  'First Name', 'Middle Name', 'Last Name', 'Phonetic First Name', 'Phonetic Middle Name', 'Phonetic Last Name',
  'Name Prefix', 'Name Suffix', 'Nickname', 'File As', 'Organization Name', 'Organization Title',
  'Organization Department', 'Birthday', 'Notes', 'Photo', 'Labels', 'E-mail 1 - Label', 'E-mail 1 - Value',
  'E-mail 2 - Label', 'E-mail 2 - Value', 'Phone 1 - Label', 'Phone 1 - Value', 'Phone 2 - Label', 'Phone 2 - Value',
  'Address 1 - Label', 'Address 1 - Formatted', 'Address 1 - Street', 'Address 1 - City', 'Address 1 - PO Box',
  'Address 1 - Region', 'Address 1 - Postal Code', 'Address 1 - Country', 'Address 1 - Extended Address',
  'Website 1 - Label', 'Website 1 - Value',
];

const GOOGLE_OLD = [
  'Name', 'Given Name', 'Additional Name', 'Family Name', 'Yomi Name', 'Given Name Yomi', 'Additional Name Yomi',
  'Family Name Yomi', 'Name Prefix', 'Name Suffix', 'Initials', 'Nickname', 'Short Name', 'Maiden Name', 'Birthday',
  'Gender', 'Location', 'Billing Information', 'Directory Server', 'Mileage', 'Occupation', 'Hobby', 'Sensitivity',
  'Priority', 'Subject', 'Notes', 'Language', 'Photo', 'Group Membership', 'E-mail 1 - Type', 'E-mail 1 - Value',
  'E-mail 2 - Type', 'E-mail 2 - Value', 'Phone 1 - Type', 'Phone 1 - Value', 'Address 1 - Type',
  'Address 1 - Formatted', 'Address 1 - Street', 'Address 1 - City', 'Address 1 - PO Box', 'Address 1 - Region',
  'Address 1 - Postal Code', 'Address 1 - Country', 'Address 1 - Extended Address', 'Organization 1 - Type',
  'Organization 1 - Name', 'Organization 1 - Yomi Name', 'Organization 1 - Title', 'Organization 1 - Department',
  'Organization 1 - Symbol', 'Organization 1 - Location', 'Organization 1 - Job Description', 'Website 1 - Type',
  'Website 1 - Value',
];

const MAILCHIMP_SUBSCRIBED = [
  'Email Address', 'First Name', 'Last Name', 'Address', 'Phone Number', 'Birthday', 'Company', 'MEMBER_RATING',
  'OPTIN_TIME', 'OPTIN_IP', 'CONFIRM_TIME', 'CONFIRM_IP', 'LATITUDE', 'LONGITUDE', 'GMTOFF', 'DSTOFF', 'TIMEZONE',
  'CC', 'REGION', 'LAST_CHANGED', 'LEID', 'EUID', 'NOTES', 'TAGS',
];
const MAILCHIMP_UNSUBSCRIBED = [
  ...MAILCHIMP_SUBSCRIBED.slice(0, 7),
  'MEMBER_RATING', 'OPTIN_TIME', 'OPTIN_IP', 'CONFIRM_TIME', 'CONFIRM_IP', 'LATITUDE', 'LONGITUDE', 'GMTOFF', 'DSTOFF',
  'TIMEZONE', 'CC', 'REGION', 'UNSUB_TIME', 'UNSUB_CAMPAIGN_TITLE', 'UNSUB_CAMPAIGN_ID', 'UNSUB_REASON',
  'UNSUB_REASON_OTHER', 'LEID', 'EUID', 'NOTES', 'TAGS',
];
const MAILCHIMP_CLEANED = [...MAILCHIMP_SUBSCRIBED.slice(0, 19), 'CLEAN_TIME', 'CLEAN_CAMPAIGN_TITLE', 'CLEAN_CAMPAIGN_ID', 'LEID', 'EUID', 'NOTES', 'TAGS'];

const LISTMONK = ['uuid', 'email', 'name', 'attributes', 'status', 'created_at', 'updated_at'];

const EXCEL_DE = [
  'Lfd. Nr.', 'Anrede', 'Titel', 'Vorname', 'Nachname', 'Firma', 'Einrichtungsart', 'Funktion', 'E-Mail', 'Telefon',
  'Handy', 'Straße', 'PLZ', 'Ort', 'Bundesland', 'Land', 'Homepage', 'Mitarbeiter', 'Mitgliedschaft', 'Themen',
  'Interessen', 'Hauptansprechpartner', 'Sprache', 'Newsletter', 'Bemerkung',
];

const EXCEL_EN = [
  'No.', 'Salutation', 'First Name', 'Last Name', 'Company', 'Organisation Type', 'Job Title', 'Email', 'Phone', 'Mobile',
  'Street', 'Postcode', 'City', 'State', 'Country', 'Website', 'Employees', 'Membership', 'Topics', 'Interests',
  'Key Contact', 'Language', 'Newsletter Consent', 'Notes',
];

function fieldOf(columns: readonly string[], mapping: readonly (ImportField | null)[], column: string): ImportField | null {
  const index = columns.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return mapping[index] ?? null;
}

function expectFields(columns: readonly string[], expected: Record<string, ImportField | null>): void {
  const { mapping } = suggestMapping(columns);
  expect(mapping).toHaveLength(columns.length);
  for (const [column, field] of Object.entries(expected)) expect(fieldOf(columns, mapping, column), column).toBe(field);
  // Every field at most once, except that nothing else ever repeats either.
  const used = mapping.filter((f): f is ImportField => f !== null);
  expect(new Set(used).size).toBe(used.length);
}

describe('header synonyms', () => {
  it('give every field at least one header and no header to two fields', () => {
    const owner = new Map<string, ImportField>();
    for (const field of IMPORT_FIELDS) {
      const headers = Object.values(HEADER_SYNONYMS[field]).flat();
      expect(headers.length, field).toBeGreaterThan(0);
      for (const header of headers) {
        const key = headerKey(header);
        expect(key, header).not.toBe('');
        const previous = owner.get(key);
        if (previous !== undefined) expect(previous, `${header} is claimed by ${previous} and ${field}`).toBe(field);
        owner.set(key, field);
      }
    }
  });

  it('normalise case, umlauts, punctuation and invisible characters', () => {
    expect(headerKey('E-Mail-Adresse')).toBe(headerKey('e-mail adresse'));
    expect(headerKey('\uFEFFStraße')).toBe(headerKey('STRASSE'));
    expect(headerKey('Postleitzahl\u00A0geschäftlich')).toBe('postleitzahlgeschaeftlich');
  });
});

describe('suggestMapping', () => {
  it('detects Outlook (German)', () => {
    expect(suggestMapping(OUTLOOK_DE).shape).toBe('outlook-de');
    expectFields(OUTLOOK_DE, {
      Anrede: 'salutation',
      Vorname: 'firstName',
      'Weitere Vornamen': null,
      Nachname: 'lastName',
      Suffix: null,
      Firma: 'organisation',
      Abteilung: 'department',
      Position: 'function',
      'Straße geschäftlich': 'street',
      'Straße geschäftlich 2': null,
      'Ort geschäftlich': 'city',
      'Region geschäftlich': 'region',
      'Postleitzahl geschäftlich': 'postcode',
      'Land/Region geschäftlich': 'country',
      'Straße privat': null,
      'Telefon geschäftlich': 'phone',
      'Telefon (privat)': null,
      Mobiltelefon: 'mobile',
      'E-Mail-Adresse': 'email',
      'E-Mail 2: Adresse': 'email2',
      'E-Mail 3: Adresse': null,
      Geschlecht: null,
      Kategorien: 'tags',
      Notizen: 'notes',
      Ort: null,
      Sprache: 'language',
      Stichwörter: null,
      Webseite: 'website',
    });
  });

  it('detects Outlook (English)', () => {
    expect(suggestMapping(OUTLOOK_EN).shape).toBe('outlook-en');
    expectFields(OUTLOOK_EN, {
      Title: 'salutation',
      'First Name': 'firstName',
      'Middle Name': null,
      'Last Name': 'lastName',
      Company: 'organisation',
      Department: 'department',
      'Job Title': 'function',
      'Business Street': 'street',
      'Business City': 'city',
      'Business State': 'region',
      'Business Postal Code': 'postcode',
      'Business Country/Region': 'country',
      'Home Street': null,
      'Business Phone': 'phone',
      'Mobile Phone': 'mobile',
      'E-mail Address': 'email',
      'E-mail 2 Address': 'email2',
      'E-mail 3 Address': null,
      Categories: 'tags',
      Keywords: null,
      Language: 'language',
      Location: null,
      Notes: 'notes',
      'Web Page': 'website',
    });
  });

  it('detects Google Contacts, new and old format', () => {
    expect(suggestMapping(GOOGLE_NEW).shape).toBe('google');
    expectFields(GOOGLE_NEW, {
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Name Prefix': 'salutation',
      'Organization Name': 'organisation',
      'Organization Title': 'function',
      'Organization Department': 'department',
      Notes: 'notes',
      Labels: 'tags',
      'E-mail 1 - Label': null,
      'E-mail 1 - Value': 'email',
      'E-mail 2 - Value': 'email2',
      'Phone 1 - Value': 'phone',
      'Phone 2 - Value': null,
      'Address 1 - Formatted': null,
      'Address 1 - Street': 'street',
      'Address 1 - City': 'city',
      'Address 1 - Region': 'region',
      'Address 1 - Postal Code': 'postcode',
      'Address 1 - Country': 'country',
      'Website 1 - Value': 'website',
    });
    expect(suggestMapping(GOOGLE_OLD).shape).toBe('google');
    expectFields(GOOGLE_OLD, {
      Name: 'fullName',
      'Given Name': 'firstName',
      'Family Name': 'lastName',
      'Name Prefix': 'salutation',
      Gender: null,
      Location: null,
      Occupation: null,
      Language: 'language',
      'Group Membership': 'tags',
      'E-mail 1 - Value': 'email',
      'Organization 1 - Name': 'organisation',
      'Organization 1 - Title': 'function',
      'Organization 1 - Department': 'department',
    });
  });

  it('detects Mailchimp audience exports and their status', () => {
    for (const columns of [MAILCHIMP_SUBSCRIBED, MAILCHIMP_UNSUBSCRIBED, MAILCHIMP_CLEANED]) {
      expect(suggestMapping(columns).shape).toBe('mailchimp');
      expectFields(columns, {
        'Email Address': 'email',
        'First Name': 'firstName',
        'Last Name': 'lastName',
        Address: null,
        'Phone Number': 'phone',
        Company: 'organisation',
        MEMBER_RATING: null,
        CC: null,
        REGION: null,
        NOTES: 'notes',
        TAGS: 'tags',
      });
    }
    expect(mailchimpExportStatus(MAILCHIMP_SUBSCRIBED)).toBe('subscribed');
    expect(mailchimpExportStatus(MAILCHIMP_UNSUBSCRIBED)).toBe('unsubscribed');
    expect(mailchimpExportStatus(MAILCHIMP_CLEANED)).toBe('cleaned');
    expect(mailchimpExportStatus(EXCEL_DE)).toBeNull();
    const withStatus = ['Email Address', 'First Name', 'Last Name', 'Status', 'MEMBER_RATING', 'LEID'];
    expectFields(withStatus, { Status: 'consentNewsletter' });
  });

  it('detects listmonk exports', () => {
    expect(suggestMapping(LISTMONK).shape).toBe('listmonk');
    expectFields(LISTMONK, { uuid: null, email: 'email', name: 'fullName', attributes: null, status: 'consentNewsletter', created_at: null });
  });

  it('detects the vCard reader', () => {
    const { mapping, shape } = suggestMapping(VCARD_COLUMNS);
    expect(shape).toBe('vcard');
    expect(mapping).toEqual([
      'salutation', 'title', 'firstName', 'lastName', 'organisation', 'department', 'function', 'email', 'email2', 'phone',
      'mobile', 'street', 'postcode', 'city', 'country', 'website', 'notes', 'tags', 'language',
    ]);
  });

  it('tells German from English hand-made sheets', () => {
    expect(suggestMapping(EXCEL_DE).shape).toBe('excel-de');
    expectFields(EXCEL_DE, {
      'Lfd. Nr.': null,
      Anrede: 'salutation',
      Titel: 'title',
      Vorname: 'firstName',
      Nachname: 'lastName',
      Firma: 'organisation',
      Einrichtungsart: 'organisationKind',
      Funktion: 'function',
      'E-Mail': 'email',
      Telefon: 'phone',
      Handy: 'mobile',
      Straße: 'street',
      PLZ: 'postcode',
      Ort: 'city',
      Bundesland: 'region',
      Land: 'country',
      Homepage: 'website',
      Mitarbeiter: 'employees',
      Mitgliedschaft: 'membership',
      Themen: 'topics',
      Interessen: 'interests',
      Hauptansprechpartner: 'keyContact',
      Sprache: 'language',
      Newsletter: 'consentNewsletter',
      Bemerkung: 'notes',
    });
    expect(suggestMapping(EXCEL_EN).shape).toBe('excel-en');
    expectFields(EXCEL_EN, {
      'No.': null,
      Salutation: 'salutation',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Company: 'organisation',
      'Organisation Type': 'organisationKind',
      'Job Title': 'function',
      Email: 'email',
      Phone: 'phone',
      Mobile: 'mobile',
      Street: 'street',
      Postcode: 'postcode',
      City: 'city',
      State: 'region',
      Country: 'country',
      Website: 'website',
      Employees: 'employees',
      Membership: 'membership',
      Topics: 'topics',
      Interests: 'interests',
      'Key Contact': 'keyContact',
      Language: 'language',
      'Newsletter Consent': 'consentNewsletter',
      Notes: 'notes',
    });
  });

  it('maps the other common German headers', () => {
    const columns = ['Name', 'Mail', 'Unternehmen', 'Position', 'Tel.', 'Mobil', 'Stadt', 'Webseite', 'Beschäftigte', 'Branche', 'Notiz', 'Ansprechpartner'];
    expectFields(columns, {
      Name: 'fullName',
      Mail: 'email',
      Unternehmen: 'organisation',
      Position: 'function',
      'Tel.': 'phone',
      Mobil: 'mobile',
      Stadt: 'city',
      Webseite: 'website',
      Beschäftigte: 'employees',
      Branche: 'tags',
      Notiz: 'notes',
      Ansprechpartner: null,
    });
    expectFields(['Organisation', 'Einrichtung', 'E-Mail', 'E-Mail-Adresse', 'Mail'], {
      Organisation: 'organisation',
      Einrichtung: null,
      'E-Mail': 'email',
      'E-Mail-Adresse': 'email2',
      Mail: null,
    });
  });

  it('reads "Name" as the family name next to "Vorname"', () => {
    expectFields(['Vorname', 'Name', 'E-Mail'], { Vorname: 'firstName', Name: 'lastName' });
    expectFields(['Name', 'E-Mail'], { Name: 'fullName' });
  });

  it('says unknown when almost nothing matches', () => {
    expect(suggestMapping(['Spalte1', 'Spalte2', 'Spalte3'])).toEqual({ mapping: [null, null, null], shape: 'unknown' });
    expect(suggestMapping(['x', 'E-Mail']).shape).toBe('unknown');
    expect(suggestMapping([]).shape).toBe('unknown');
  });
});

/* ----------------------------------------------------------------------------------------------------------
 * Value parsers
 * -------------------------------------------------------------------------------------------------------- */

describe('value parsers', () => {
  it('split lists on ; , | newlines and Google separators', () => {
    expect(splitList('Faserverbundwerkstoffe; Additive Fertigung, Recycling | Wasserstofftanks\nSimulation')).toEqual([
      'Faserverbundwerkstoffe',
      'Additive Fertigung',
      'Recycling',
      'Wasserstofftanks',
      'Simulation',
    ]);
    expect(splitList('* myContacts ::: Leichtbau ::: Messe JEC 2025 ::: * starred')).toEqual(['Leichtbau', 'Messe JEC 2025']);
    expect(splitList('"Leichtbau","Messe JEC 2025"')).toEqual(['Leichtbau', 'Messe JEC 2025']);
    expect(splitList('Leichtbau; leichtbau;  ; LEICHTBAU')).toEqual(['Leichtbau']);
    expect(splitList('')).toEqual([]);
  });

  it('read yes/no cells', () => {
    for (const v of ['ja', 'Ja', 'JA', 'yes', 'x', 'X', '1', 'true', 'TRUE', 'wahr', 'WAHR', '✓']) expect(parseBoolean(v), v).toBe(true);
    for (const v of ['nein', 'no', '0', 'false', 'FALSCH', '-']) expect(parseBoolean(v), v).toBe(false);
    for (const v of ['', 'vielleicht', 'Frau Müller']) expect(parseBoolean(v), v).toBeNull();
  });

  it('read consent states from Mailchimp, listmonk and German sheets', () => {
    expect(consentStatus('subscribed')).toBe('subscribed');
    expect(consentStatus('Newsletter: ja')).toBe('subscribed');
    expect(consentStatus('Double-Opt-in')).toBe('subscribed');
    expect(consentStatus('unsubscribed')).toBe('unsubscribed');
    expect(consentStatus('abgemeldet')).toBe('unsubscribed');
    expect(consentStatus('blocklisted')).toBe('unsubscribed');
    expect(consentStatus('nein')).toBe('unsubscribed');
    expect(consentStatus('cleaned')).toBe('bounced');
    expect(consentStatus('pending')).toBe('pending');
    expect(consentStatus('enabled')).toBeNull();
    expect(consentStatus('')).toBeNull();
  });

  it('read employee counts, ranges and rubbish', () => {
    expect(parseEmployees('120')).toEqual({ kind: 'exact', value: 120 });
    expect(parseEmployees('1.200')).toEqual({ kind: 'exact', value: 1200 });
    expect(parseEmployees('1,200')).toEqual({ kind: 'exact', value: 1200 });
    expect(parseEmployees('120.0')).toEqual({ kind: 'exact', value: 120 });
    expect(parseEmployees('ca. 50')).toEqual({ kind: 'exact', value: 50 });
    expect(parseEmployees('~ 50 Mitarbeiter')).toEqual({ kind: 'exact', value: 50 });
    expect(parseEmployees('0')).toEqual({ kind: 'exact', value: 0 });
    expect(parseEmployees('10-49')).toEqual({ kind: 'range', min: 10, max: 49 });
    expect(parseEmployees('250 bis 499')).toEqual({ kind: 'range', min: 250, max: 499 });
    expect(parseEmployees('über 500')).toEqual({ kind: 'range', min: 500, max: null });
    expect(parseEmployees('500+')).toEqual({ kind: 'range', min: 500, max: null });
    expect(parseEmployees('unter 10')).toEqual({ kind: 'range', min: 0, max: 9 });
    expect(parseEmployees('bis 9')).toEqual({ kind: 'range', min: 0, max: 9 });
    for (const v of ['KMU', 'viele', '1,5', '-5', '49-10']) expect(parseEmployees(v), v).toEqual({ kind: 'invalid' });
    expect(parseEmployees(' ')).toBeNull();
  });

  it('read organisation kinds in German and English', () => {
    const cases: [string, string | null][] = [
      ['Hochschule', 'university'],
      ['Universität', 'university'],
      ['University', 'university'],
      ['Technische Universität', 'university'],
      ['Forschungsinstitut', 'research_institute'],
      ['Fraunhofer-Institut für Werkstoffmechanik IWM', 'research_institute'],
      ['außeruniversitäre Forschungseinrichtung', 'research_institute'],
      ['Start-up', 'startup'],
      ['Startup', 'startup'],
      ['Spin-off', 'startup'],
      ['Verband', 'association'],
      ['IHK', 'association'],
      ['Behörde', 'public_body'],
      ['Ministerium', 'public_body'],
      ['Public body', 'public_body'],
      ['Investor', 'investor'],
      ['Venture Capital', 'investor'],
      ['Clustermanagement', 'cluster_management'],
      ['Großunternehmen', 'large_firm'],
      ['Kleinstunternehmen', 'micro_firm'],
      ['Sonstige', 'other'],
      ['research_institute', 'research_institute'],
      ['KMU', 'firm'],
      ['SME', 'firm'],
      ['Unternehmen', 'firm'],
      ['Raumfahrt', null],
    ];
    for (const [value, kind] of cases) expect(organisationKindFromText(value), value).toBe(kind);
    expect(organisationKindFromText('Kosmetik')).toBeNull();
  });

  it('read only unmistakable kinds from organisation names', () => {
    expect(organisationKindFromName('Otto-von-Guericke-Universität Magdeburg')).toBe('university');
    expect(organisationKindFromName('Hochschule Magdeburg-Stendal')).toBe('university');
    expect(organisationKindFromName('Fraunhofer-Institut für Fabrikbetrieb und -automatisierung IFF')).toBe('research_institute');
    expect(organisationKindFromName('Ministerium für Wirtschaft, Wissenschaft und Digitalisierung')).toBe('public_body');
    expect(organisationKindFromName('Verband Deutscher Leichtbauer')).toBe('association');
    expect(organisationKindFromName('Institut für Leichtbau GmbH')).toBeNull();
    expect(organisationKindFromName('Carbonwerk Magdeburg GmbH')).toBeNull();
  });

  it('read membership', () => {
    expect(parseMembership('Mitglied')).toBe('member');
    expect(parseMembership('ja')).toBe('member');
    expect(parseMembership('Partner im Ausland')).toBe('partner_abroad');
    expect(parseMembership('extern')).toBe('external');
    expect(parseMembership('Presse')).toBe('external');
    expect(parseMembership('vielleicht')).toBeNull();
  });

  it('read the four kinds of information', () => {
    expect(informationKinds('Technologie; Auslandsmärkte')).toEqual({ kinds: ['technological_knowledge', 'foreign_markets'], unknown: [] });
    expect(informationKinds('technologisches Wissen, Kontakte, Sonstiges')).toEqual({
      kinds: ['technological_knowledge', 'foreign_contacts', 'other'],
      unknown: [],
    });
    expect(informationKinds('foreign markets | foreign contacts')).toEqual({ kinds: ['foreign_markets', 'foreign_contacts'], unknown: [] });
    expect(informationKinds('alle').kinds).toEqual([...INFORMATION_KINDS]);
    expect(informationKinds('Märkte; Catering')).toEqual({ kinds: ['foreign_markets'], unknown: ['Catering'] });
  });

  it('read languages', () => {
    const cases: [string, string | null][] = [
      ['de', 'de'],
      ['DE', 'de'],
      ['de-DE', 'de'],
      ['de_AT', 'de'],
      ['ger', 'de'],
      ['Deutsch', 'de'],
      ['German', 'de'],
      ['Allemand', 'de'],
      ['en', 'en'],
      ['Englisch', 'en'],
      ['English', 'en'],
      ['fr', 'fr'],
      ['Französisch', 'fr'],
      ['Franzoesisch', 'fr'],
      ['français', 'fr'],
      ['French', 'fr'],
      ['Polnisch', 'pl'],
      ['中文', 'zh'],
      ['sw', 'sw'],
      ['iw', 'he'],
      ['xx', null],
      ['Klingonisch', null],
      ['Deutsch/Englisch', null],
      ['', null],
    ];
    for (const [value, code] of cases) expect(languageCode(value), value).toBe(code);
  });
});

/* ----------------------------------------------------------------------------------------------------------
 * Rows
 * -------------------------------------------------------------------------------------------------------- */

function row(columns: readonly string[], values: Record<string, string>): string[] {
  return columns.map((c) => values[c] ?? '');
}

function mapWith(columns: readonly string[], values: Record<string, string>, options?: Parameters<typeof mapRow>[2]) {
  return mapRow(row(columns, values), suggestMapping(columns).mapping, options);
}

describe('mapRow', () => {
  it('turns a German member-list row into a clean draft', () => {
    const { draft, issues } = mapWith(EXCEL_DE, {
      Anrede: 'Frau',
      Titel: 'Dr.',
      Vorname: 'Jana',
      Nachname: 'Mu\u0308ller',
      Firma: 'Carbonwerk\u00A0Magdeburg GmbH',
      Einrichtungsart: 'KMU',
      Funktion: 'Leiterin F&E',
      'E-Mail': 'MAILTO:Jana.Mueller@Carbonwerk.EXAMPLE',
      Telefon: 'tel:+49 391 6754-120',
      Handy: '',
      Straße: 'Sandtorstraße 23',
      PLZ: '01067',
      Ort: 'Dresden',
      Bundesland: 'Sachsen',
      Land: 'Deutschland',
      Homepage: 'www.carbonwerk.example',
      Mitarbeiter: '120',
      Mitgliedschaft: 'Mitglied',
      Themen: 'Faserverbundwerkstoffe; Additive Fertigung',
      Interessen: 'Technologie, Auslandsmärkte',
      Hauptansprechpartner: 'x',
      Sprache: 'Deutsch',
      Newsletter: 'ja',
      Bemerkung: 'Kennengelernt auf der JEC 2025.  \r\nRückruf im Mai.',
    });
    const expected: PersonDraft = {
      salutation: 'frau',
      title: 'Dr.',
      firstName: 'Jana',
      lastName: 'Müller',
      email: 'Jana.Mueller@carbonwerk.example',
      email2: null,
      phone: '+49 391 6754-120',
      mobile: null,
      function: 'Leiterin F&E',
      department: null,
      organisation: 'Carbonwerk Magdeburg GmbH',
      organisationKind: 'medium_firm',
      employees: 120,
      membership: 'member',
      country: 'DE',
      region: 'Sachsen',
      city: 'Dresden',
      postcode: '01067',
      street: 'Sandtorstraße 23',
      website: 'https://www.carbonwerk.example',
      language: 'de',
      topics: ['Faserverbundwerkstoffe', 'Additive Fertigung'],
      tags: [],
      interests: ['technological_knowledge', 'foreign_markets'],
      keyContact: true,
      notes: 'Kennengelernt auf der JEC 2025.\nRückruf im Mai.',
      consentNewsletter: true,
    };
    expect(draft).toEqual(expected);
    expect(issues).toEqual([]);
  });

  it('splits a single name column when first and last name are missing', () => {
    const { draft, issues } = mapWith(['Name', 'E-Mail', 'Firma'], {
      Name: 'Prof. Dr. Hans-Peter von der Heide',
      'E-Mail': 'h.vonderheide@ovgu.example',
      Firma: 'Otto-von-Guericke-Universität Magdeburg',
    });
    expect(draft).toMatchObject({
      salutation: 'none',
      title: 'Prof. Dr.',
      firstName: 'Hans-Peter',
      lastName: 'von der Heide',
      organisationKind: 'university',
    });
    expect(issues).toEqual([]);
  });

  it('merges salutation and titles from Anrede, Titel and the name cells without repeating them', () => {
    const columns = ['Anrede', 'Titel', 'Vorname', 'Nachname'];
    expect(mapWith(columns, { Anrede: 'Herr Dr.', Titel: 'Dr.', Vorname: 'Prof. Paul', Nachname: 'Schröder' }).draft).toMatchObject({
      salutation: 'herr',
      title: 'Prof. Dr.',
      firstName: 'Paul',
      lastName: 'Schröder',
    });
    expect(mapWith(columns, { Anrede: 'Frau', Vorname: 'Ingrid', Nachname: 'Herr' }).draft).toMatchObject({
      salutation: 'frau',
      firstName: 'Ingrid',
      lastName: 'Herr',
      title: null,
    });
    expect(mapWith(columns, { Titel: 'Senator a. D.', Vorname: 'Karl', Nachname: 'Bauer' }).draft.title).toBe('Senator a. D.');
    // Outlook (English) puts the prefix in "Title".
    expect(mapWith(OUTLOOK_EN, { Title: 'Mrs. Dr.', 'First Name': 'Emily', 'Last Name': 'Clarke' }).draft).toMatchObject({
      salutation: 'frau',
      title: 'Dr.',
    });
  });

  it('keeps NBSP out of names and zero-width characters out of addresses', () => {
    const { draft } = mapWith(['Vorname', 'Nachname', 'E-Mail'], {
      Vorname: 'Anne\u00A0Marie',
      Nachname: 'Le\u202FGoff',
      'E-Mail': 'anne-marie.legoff\u200B@photonique-sophia.example',
    });
    expect(draft).toMatchObject({ firstName: 'Anne Marie', lastName: 'Le Goff', email: 'anne-marie.legoff@photonique-sophia.example' });
  });

  it('reports a row without e-mail and name as an error, an address without a name as a warning', () => {
    const columns = ['Vorname', 'Nachname', 'E-Mail', 'Firma'];
    const empty = mapWith(columns, { Firma: 'Carbonwerk Magdeburg GmbH' });
    expect(empty.issues).toEqual([{ field: 'row', code: 'email_missing', value: '' }]);
    expect(ISSUE_SEVERITY.email_missing).toBe('error');
    const noName = mapWith(columns, { 'E-Mail': 'info@carbonwerk.example' });
    expect(noName.issues).toEqual([{ field: 'row', code: 'name_missing', value: 'info@carbonwerk.example' }]);
    expect(ISSUE_SEVERITY.name_missing).toBe('warning');
    const nameOnly = mapWith(columns, { Nachname: 'Tan' });
    expect(nameOnly.issues).toEqual([]);
  });

  it('drops an invalid address with a warning and keeps the row if it has a name', () => {
    const { draft, issues } = mapWith(['Vorname', 'Nachname', 'E-Mail'], { Vorname: 'Wei Ling', Nachname: 'Tan', 'E-Mail': 'tan.weiling@a-star' });
    expect(draft.email).toBeNull();
    expect(issues).toEqual([{ field: 'email', code: 'email_invalid', value: 'tan.weiling@a-star' }]);
    const nothing = mapWith(['E-Mail'], { 'E-Mail': 'kein Mail' });
    expect(nothing.issues.map((i) => i.code)).toEqual(['email_invalid', 'email_missing']);
  });

  it('fills e-mail 2 from a second address and promotes it when the first is empty', () => {
    const columns = ['Nachname', 'E-Mail', 'E-Mail 2'];
    expect(mapWith(columns, { Nachname: 'Dubois', 'E-Mail': 'p.dubois@photonique-sophia.example; pierre.dubois@mail.example' }).draft).toMatchObject({
      email: 'p.dubois@photonique-sophia.example',
      email2: 'pierre.dubois@mail.example',
    });
    expect(mapWith(columns, { Nachname: 'Dubois', 'E-Mail': 'Pierre Dubois <p.dubois@photonique-sophia.example>, Pierre <pierre@mail.example>' }).draft).toMatchObject({
      email: 'p.dubois@photonique-sophia.example',
      email2: 'pierre@mail.example',
    });
    expect(mapWith(columns, { Nachname: 'Dubois', 'E-Mail 2': 'pierre.dubois@mail.example' }).draft).toMatchObject({
      email: 'pierre.dubois@mail.example',
      email2: null,
    });
    expect(mapWith(columns, { Nachname: 'Dubois', 'E-Mail': 'P.Dubois@x.example', 'E-Mail 2': 'p.dubois@X.example' }).draft).toMatchObject({
      email: 'P.Dubois@x.example',
      email2: null,
    });
  });

  it('warns about unknown countries, invalid employee counts, websites, kinds and languages', () => {
    const { draft, issues } = mapWith(EXCEL_DE, {
      Nachname: 'Tremblay',
      Land: 'Québec',
      Mitarbeiter: 'viele',
      Homepage: 'javascript:alert(1)',
      Einrichtungsart: 'Raumfahrt',
      Mitgliedschaft: 'vielleicht',
      Sprache: 'Klingonisch',
      Interessen: 'Catering',
    });
    expect(draft).toMatchObject({ country: null, employees: null, website: null, organisationKind: null, membership: null, language: null, interests: [] });
    expect(issues).toEqual([
      { field: 'employees', code: 'employees_invalid', value: 'viele' },
      { field: 'organisationKind', code: 'kind_unknown', value: 'Raumfahrt' },
      { field: 'membership', code: 'kind_unknown', value: 'vielleicht' },
      { field: 'country', code: 'country_unknown', value: 'Québec' },
      { field: 'website', code: 'website_invalid', value: 'javascript:alert(1)' },
      { field: 'language', code: 'language_unknown', value: 'Klingonisch' },
      { field: 'interests', code: 'kind_unknown', value: 'Catering' },
    ]);
    for (const issue of issues) expect(ISSUE_SEVERITY[issue.code]).toBe('warning');
  });

  it('derives the size class from employees only when no kind is given', () => {
    const columns = ['Nachname', 'Firma', 'Art', 'Mitarbeiter'];
    const kind = (values: Record<string, string>, options?: Parameters<typeof mapRow>[2]) =>
      mapWith(columns, { Nachname: 'X', ...values }, options).draft.organisationKind;
    expect(kind({ Mitarbeiter: '8' })).toBe('micro_firm');
    expect(kind({ Mitarbeiter: '30' })).toBe('small_firm');
    expect(kind({ Mitarbeiter: '249' })).toBe('medium_firm');
    expect(kind({ Mitarbeiter: '250' })).toBe('large_firm');
    expect(kind({ Mitarbeiter: '300' }, { sizeThresholds: { microBelow: 10, smallBelow: 50, mediumBelow: 500 } })).toBe('medium_firm');
    expect(kind({ Art: 'KMU', Mitarbeiter: '30' })).toBe('small_firm');
    expect(kind({ Art: 'KMU' })).toBeNull();
    expect(kind({ Art: 'Universität', Mitarbeiter: '3000' })).toBe('university');
    expect(kind({ Firma: 'Fraunhofer-Institut für Werkstoffmechanik IWM', Mitarbeiter: '300' })).toBe('research_institute');
    expect(kind({ Mitarbeiter: '10-49' })).toBe('small_firm');
    expect(kind({ Mitarbeiter: '50-499' })).toBeNull();
    expect(kind({ Mitarbeiter: 'über 500' })).toBe('large_firm');
    expect(mapWith(columns, { Nachname: 'X', Mitarbeiter: '10-49' }).draft.employees).toBeNull();
  });

  it('splits "39104 Magdeburg" from a PLZ/Ort column', () => {
    const { draft } = mapWith(['Nachname', 'PLZ/Ort'], { Nachname: 'Krause', 'PLZ/Ort': '39104 Magdeburg' });
    expect(draft).toMatchObject({ postcode: '39104', city: 'Magdeburg' });
    const withPlz = mapWith(['Nachname', 'PLZ', 'Ort'], { Nachname: 'Krause', PLZ: '01067', Ort: 'Dresden' }).draft;
    expect(withPlz).toMatchObject({ postcode: '01067', city: 'Dresden' });
  });

  it('reads Mailchimp rows: tags, and consent from a status column or from the file', () => {
    const { draft } = mapWith(MAILCHIMP_SUBSCRIBED, {
      'Email Address': 'lee.wei@a-star-composites.example',
      'First Name': 'Wei',
      'Last Name': 'Lee',
      CC: 'SG',
      REGION: '01',
      TAGS: '"Leichtbau","Messe JEC 2025"',
    }, { fileConsent: true });
    expect(draft).toMatchObject({ tags: ['Leichtbau', 'Messe JEC 2025'], consentNewsletter: true, country: null, region: null });
    const columns = ['Email Address', 'First Name', 'Status', 'MEMBER_RATING'];
    const consent = (status: string) => mapWith(columns, { 'Email Address': 'a@b.example', Status: status }).draft.consentNewsletter;
    expect(consent('subscribed')).toBe(true);
    expect(consent('unsubscribed')).toBe(false);
    expect(consent('cleaned')).toBe(false);
    expect(consent('pending')).toBeNull();
    expect(consent('')).toBeNull();
  });

  it('reads Google labels and listmonk names', () => {
    const google = mapWith(GOOGLE_NEW, {
      'First Name': 'Camille',
      'Last Name': 'Dubois',
      'E-mail 1 - Value': 'c.dubois@photonique-sophia.example',
      Labels: '* myContacts ::: Partner Sophia Antipolis ::: Photonik',
      'Address 1 - Country': 'Frankreich',
    }).draft;
    expect(google).toMatchObject({ tags: ['Partner Sophia Antipolis', 'Photonik'], country: 'FR' });
    const listmonk = mapWith(LISTMONK, {
      uuid: '5e91dda1-1c16-467d-9bf9-2a21bf22ae21',
      email: 'sven.lindqvist@fiberlab.example',
      name: 'Sven Lindqvist',
      attributes: '{"city":"Göteborg"}',
      status: 'blocklisted',
    }).draft;
    expect(listmonk).toMatchObject({ firstName: 'Sven', lastName: 'Lindqvist', consentNewsletter: false });
  });

  it('reads vCard reader rows', () => {
    const { draft, issues } = mapWith(VCARD_COLUMNS, {
      Anrede: 'Mme',
      Titel: 'Dr.',
      Vorname: 'Élodie',
      Nachname: 'Martin',
      Organisation: 'Photonique Sophia SAS',
      Position: 'Directrice R&D',
      'E-Mail': 'elodie.martin@photonique-sophia.example',
      Telefon: '+33 4 93 65 00 00',
      Land: 'France',
      Notiz: 'Partnerin im Projekt LUMICOMP',
      Kategorien: 'Partner, Photonik',
      Sprache: 'fr',
    });
    expect(draft).toMatchObject({
      salutation: 'frau',
      title: 'Dr.',
      firstName: 'Élodie',
      country: 'FR',
      tags: ['Partner', 'Photonik'],
      language: 'fr',
      organisation: 'Photonique Sophia SAS',
    });
    expect(issues).toEqual([]);
  });

  it('combines list fields and notes from several columns and tolerates short rows', () => {
    const mapping: (ImportField | null)[] = ['lastName', 'tags', 'tags', 'notes', 'notes', 'email'];
    const { draft } = mapRow(['Krause', 'Leichtbau', 'Messe; leichtbau', 'Zeile 1', 'Zeile 2'], mapping);
    expect(draft).toMatchObject({ lastName: 'Krause', tags: ['Leichtbau', 'Messe'], notes: 'Zeile 1\nZeile 2', email: null });
  });

  it('reads key-contact flags', () => {
    const flag = (value: string) => mapWith(['Nachname', 'Hauptansprechpartner'], { Nachname: 'X', Hauptansprechpartner: value }).draft.keyContact;
    expect(flag('ja')).toBe(true);
    expect(flag('X')).toBe(true);
    expect(flag('WAHR')).toBe(true);
    expect(flag('nein')).toBe(false);
    expect(flag('')).toBeNull();
  });
});
