/**
 * From an imported table to person drafts: which column means what (`suggestMapping`), and how one row
 * becomes a clean `PersonDraft` with its problems listed (`mapRow`).
 *
 * Cluster managements inherit member lists from Outlook, Google, Mailchimp, listmonk and a decade of
 * hand-kept Excel sheets, so the header synonyms below come from the real exports of those tools plus the
 * German and English words people use in their own sheets. The import service shows the suggested
 * mapping for confirmation; nothing here guesses silently where a wrong guess would be invisible later.
 */
import {
  EU_SIZE_THRESHOLDS,
  INFORMATION_KINDS,
  sizeClass,
  type InformationKind,
  type Membership,
  type OrganisationKind,
  type Salutation,
  type SizeThresholds,
} from '../domain';
import {
  cleanEmail,
  cleanMultiline,
  type CleanEmailResult,
  cleanPhone,
  cleanPostcode,
  cleanText,
  cleanWebsite,
  emailKey,
  foldText,
  restoreNeutralised,
} from './cleaning';
import { countryCode } from './countries';
import { formatTitles, mergeTitles, parseNamePrefix, splitFullNameParts } from './salutation';
import { memoised } from './memo';

/* --------------------------------------------------------------------------------------------------------
 * Fields and shapes
 * ------------------------------------------------------------------------------------------------------ */

/** The fields a column can be mapped to. */
export const IMPORT_FIELDS = [
  'salutation',
  'title',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'email2',
  'phone',
  'mobile',
  'function',
  'department',
  'organisation',
  'organisationKind',
  'employees',
  'membership',
  'country',
  'region',
  'city',
  'postcode',
  'street',
  'website',
  'language',
  'topics',
  'tags',
  'interests',
  'keyContact',
  'notes',
  'consentNewsletter',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Where a table most likely came from, decided from its header row. */
export const IMPORT_SHAPES = [
  'excel-de',
  'excel-en',
  'outlook-de',
  'outlook-en',
  'google',
  'vcard',
  'mailchimp',
  'listmonk',
  'unknown',
] as const;
export type ImportShape = (typeof IMPORT_SHAPES)[number];

/** The columns the vCard reader produces, in its order. */
export const VCARD_COLUMNS = [
  'Anrede',
  'Titel',
  'Vorname',
  'Nachname',
  'Organisation',
  'Abteilung',
  'Position',
  'E-Mail',
  'E-Mail 2',
  'Telefon',
  'Mobil',
  'Straße',
  'PLZ',
  'Ort',
  'Land',
  'Website',
  'Notiz',
  'Kategorien',
  'Sprache',
] as const;

/**
 * A header reduced to what identifies it: folded (lower case, umlauts spelled out, accents gone) and
 * without spaces and punctuation, so "E-Mail-Adresse", "E-Mail Adresse" and "EMAIL ADRESSE" are one.
 */
export function headerKey(header: string): string {
  return foldText(header).replace(/ /g, '');
}

/* --------------------------------------------------------------------------------------------------------
 * Header synonyms
 * ------------------------------------------------------------------------------------------------------ */

/** The language a header is in; 'x' for headers that are the same word in German and English. */
export type Lang = 'de' | 'en' | 'x';

/*
 * Per field: German, English and language-neutral headers. The language only votes on excel-de vs
 * excel-en; a header that is the same word in both (E-Mail/Email, Position, Website) is neutral.
 * Outlook, Google and Mailchimp headers are listed under their language.
 */
export const HEADER_SYNONYMS: Readonly<Record<ImportField, Readonly<Partial<Record<Lang, readonly string[]>>>>> = {
  salutation: {
    de: ['Anrede', 'Geschlecht', 'Anredeform'],
    en: ['Salutation', 'Gender', 'Name Prefix', 'Prefix', 'Courtesy Title'],
    x: ['Civilité'],
  },
  title: {
    de: ['Titel', 'Akademischer Titel', 'Akad. Titel', 'Akademischer Grad', 'Akad. Grad', 'Grad'],
    en: ['Title', 'Academic Title', 'Academic Degree', 'Degree'],
    x: ['Titre'],
  },
  firstName: {
    de: ['Vorname', 'Vornamen', 'Rufname'],
    en: ['First Name', 'Firstname', 'Given Name', 'Forename'],
    x: ['FNAME', 'Prénom'],
  },
  lastName: {
    de: ['Nachname', 'Familienname', 'Zuname'],
    en: ['Last Name', 'Lastname', 'Surname', 'Family Name'],
    x: ['LNAME', 'Nom', 'Nom de famille'],
  },
  fullName: {
    de: [
      'Vollständiger Name',
      'Vor- und Nachname',
      'Name, Vorname',
      'Ansprechpartner',
      'Ansprechpartnerin',
      'Ansprechperson',
      'Kontaktperson',
      'Kontakt',
      'Anzeigename',
    ],
    en: ['Full Name', 'Display Name', 'Contact', 'Contact Name', 'Contact Person'],
    x: ['Name', 'Nom complet'],
  },
  email: {
    de: ['E-Mail-Adresse', 'Mailadresse', 'Mail-Adresse', 'E-Mail (geschäftlich)', 'E-Mail dienstlich'],
    en: ['E-mail Address', 'Email Address', 'E-mail 1 - Value', 'Primary Email', 'Work Email', 'Business Email'],
    x: ['E-Mail', 'Mail', 'E-Mail 1', 'Courriel'],
  },
  email2: {
    de: ['E-Mail 2: Adresse', 'Weitere E-Mail', 'Zweite E-Mail', 'E-Mail (privat)', 'E-Mail-Adresse 2'],
    en: ['E-mail 2 Address', 'E-mail 2 - Value', 'Secondary Email', 'Other Email', 'Alternative Email', 'Personal Email'],
    x: ['E-Mail 2', 'Mail 2'],
  },
  phone: {
    de: [
      'Telefon',
      'Tel.',
      'Telefonnummer',
      'Telefon geschäftlich',
      'Telefon (geschäftlich)',
      'Telefon dienstlich',
      'Festnetz',
      'Durchwahl',
      'Rufnummer',
    ],
    en: ['Phone', 'Phone Number', 'Telephone', 'Business Phone', 'Work Phone', 'Office Phone', 'Phone 1 - Value'],
  },
  mobile: {
    de: ['Mobil', 'Handy', 'Mobiltelefon', 'Mobilnummer', 'Mobilfunk', 'Mobilfunknummer', 'Handynummer', 'Mobilfunktelefon'],
    en: ['Mobile', 'Mobile Phone', 'Mobile Number', 'Cell', 'Cell Phone', 'Cellphone'],
    x: ['Portable'],
  },
  function: {
    de: ['Funktion', 'Position', 'Rolle', 'Stelle', 'Berufsbezeichnung', 'Jobtitel', 'Tätigkeit', 'Stellenbezeichnung'],
    en: ['Job Title', 'Organization Title', 'Organization 1 - Title', 'Role', 'Function', 'Job Position'],
    x: ['Fonction', 'Poste'],
  },
  department: {
    de: ['Abteilung', 'Bereich', 'Organisationseinheit', 'Fachbereich'],
    en: ['Department', 'Organization Department', 'Organization 1 - Department', 'Dept', 'Division', 'Unit'],
    x: ['Département'],
  },
  organisation: {
    de: [
      'Firma',
      'Unternehmen',
      'Organisation',
      'Einrichtung',
      'Institution',
      'Firmenname',
      'Unternehmensname',
      'Organisationsname',
      'Name der Organisation',
      'Name des Unternehmens',
      'Arbeitgeber',
      'Mitgliedsunternehmen',
      'Mitgliedsorganisation',
    ],
    en: ['Company', 'Organization', 'Organisation Name', 'Organization Name', 'Organization 1 - Name', 'Company Name', 'Employer', 'Affiliation'],
    x: ['Entreprise', 'Société'],
  },
  organisationKind: {
    de: [
      'Art',
      'Typ',
      'Organisationsart',
      'Organisationstyp',
      'Art der Einrichtung',
      'Art der Organisation',
      'Einrichtungsart',
      'Einrichtungstyp',
      'Akteursgruppe',
      'Akteurstyp',
      'Unternehmensart',
      'Unternehmenstyp',
    ],
    en: ['Type', 'Organisation Type', 'Organization Type', 'Kind', 'Organisation Kind', 'Actor Type', 'Company Type', 'Institution Type'],
  },
  employees: {
    de: [
      'Mitarbeiter',
      'Mitarbeitende',
      'Mitarbeiterzahl',
      'Mitarbeiteranzahl',
      'Anzahl Mitarbeiter',
      'Anzahl Mitarbeitende',
      'Anzahl der Mitarbeiter',
      'Beschäftigte',
      'Anzahl Beschäftigte',
      'Beschäftigtenzahl',
      'MA',
    ],
    en: ['Employees', 'Number of Employees', 'No. of Employees', 'Employee Count', 'Headcount', 'Staff'],
  },
  membership: {
    de: ['Mitgliedschaft', 'Mitglied', 'Mitgliedsstatus', 'Mitgliedstatus', 'Zugehörigkeit', 'Clustermitglied', 'Netzwerkmitglied'],
    en: ['Membership', 'Member', 'Membership Status', 'Member Status'],
  },
  country: {
    de: ['Land', 'Staat', 'Land/Region', 'Land/Region geschäftlich', 'Land geschäftlich', 'Herkunftsland', 'Sitzland'],
    en: ['Country', 'Country/Region', 'Business Country/Region', 'Address 1 - Country', 'Nation'],
    x: ['Pays'],
  },
  region: {
    de: ['Bundesland', 'Region geschäftlich', 'Bundesland/Kanton', 'Kanton', 'Provinz'],
    en: ['State', 'Business State', 'Address 1 - Region', 'Province', 'State/Province'],
    x: ['Region'],
  },
  city: {
    de: ['Ort', 'Stadt', 'Ort geschäftlich', 'Wohnort', 'Sitz', 'Standort', 'Gemeinde', 'PLZ/Ort', 'PLZ und Ort'],
    en: ['City', 'Business City', 'Address 1 - City', 'Town'],
    x: ['Ville'],
  },
  postcode: {
    de: ['PLZ', 'Postleitzahl', 'Postleitzahl geschäftlich', 'PLZ geschäftlich'],
    en: ['Postal Code', 'Postcode', 'Zip', 'ZIP Code', 'Business Postal Code', 'Address 1 - Postal Code'],
    x: ['Code postal'],
  },
  street: {
    de: [
      'Straße',
      'Str.',
      'Straße und Hausnummer',
      'Straße/Hausnummer',
      'Straße, Hausnr.',
      'Adresse',
      'Anschrift',
      'Postanschrift',
      'Straße geschäftlich',
    ],
    en: ['Street', 'Address', 'Street Address', 'Business Street', 'Address 1 - Street', 'Address Line 1'],
    x: ['Rue'],
  },
  website: {
    de: ['Webseite', 'Homepage', 'Internetseite', 'Internetadresse', 'Internet', 'Web-Seite', 'Internetauftritt'],
    en: ['Web Page', 'Web Site', 'URL', 'Web', 'Website 1 - Value', 'Webpage'],
    x: ['Website', 'Site web'],
  },
  language: {
    de: ['Sprache', 'Korrespondenzsprache', 'Bevorzugte Sprache', 'Kommunikationssprache'],
    en: ['Language', 'Preferred Language', 'Correspondence Language'],
    x: ['Langue'],
  },
  topics: {
    de: [
      'Themen',
      'Thema',
      'Themenfelder',
      'Themenfeld',
      'Themengebiete',
      'Technologiefelder',
      'Technologiefeld',
      'Kompetenzen',
      'Kompetenzfelder',
      'Schwerpunkte',
      'Schwerpunkt',
      'Fachgebiete',
      'Fachgebiet',
    ],
    en: ['Topics', 'Topic', 'Fields', 'Competences', 'Competencies', 'Focus Areas', 'Technology Fields'],
  },
  tags: {
    // "Branche" (industry) is a tag: sectors are too coarse and too many to be topics.
    de: [
      'Schlagwörter',
      'Schlagworte',
      'Stichwörter',
      'Stichworte',
      'Kategorien',
      'Gruppen',
      'Gruppe',
      'Verteiler',
      'Verteilerliste',
      'Branche',
      'Branchen',
    ],
    en: ['Categories', 'Labels', 'Group Membership', 'Groups', 'Keywords', 'Industry', 'Sector', 'Lists'],
    x: ['Tags'],
  },
  interests: {
    de: [
      'Interessen',
      'Interesse',
      'Informationsinteresse',
      'Informationsinteressen',
      'Gewünschte Informationen',
      'Informationsart',
      'Informationsarten',
      'Art der Information',
    ],
    en: ['Interests', 'Interest', 'Information Interests', 'Kind of Information', 'Information Kinds', 'Information Type'],
  },
  keyContact: {
    de: [
      'Hauptansprechpartner',
      'Hauptansprechpartnerin',
      'Hauptkontakt',
      'Multiplikator',
      'Multiplikatorin',
      'Schlüsselkontakt',
      'Zentraler Ansprechpartner',
    ],
    en: ['Key Contact', 'Main Contact', 'Primary Contact', 'Multiplier', 'Key Person'],
  },
  notes: {
    de: ['Notiz', 'Notizen', 'Bemerkung', 'Bemerkungen', 'Anmerkung', 'Anmerkungen', 'Kommentar', 'Kommentare', 'Hinweis', 'Hinweise'],
    en: ['Notes', 'Note', 'Comment', 'Comments', 'Remarks', 'Remark'],
  },
  consentNewsletter: {
    de: [
      'Newsletter-Einwilligung',
      'Einwilligung',
      'Einwilligung Newsletter',
      'Newsletter-Abo',
      'Newsletter abonniert',
      'Newsletter-Anmeldung',
      'Newsletter (ja/nein)',
      'Werbeeinwilligung',
    ],
    en: ['Newsletter Consent', 'Consent', 'Subscribed', 'Email Marketing', 'Email Marketing Status', 'Marketing Consent', 'Subscription Status'],
    x: ['Newsletter', 'Opt-in', 'Double-Opt-in'],
  },
};

export interface Synonym {
  field: ImportField;
  lang: Lang;
}

let synonymTable: Map<string, Synonym> | null = null;

/** The synonym table keyed by `headerKey`; exported for the test that keeps it free of clashes. */
export function headerSynonyms(): ReadonlyMap<string, Synonym> {
  if (synonymTable) return synonymTable;
  const table = new Map<string, Synonym>();
  for (const field of IMPORT_FIELDS) {
    for (const lang of ['de', 'en', 'x'] as const) {
      for (const header of HEADER_SYNONYMS[field][lang] ?? []) {
        const key = headerKey(header);
        if (!table.has(key)) table.set(key, { field, lang });
      }
    }
  }
  synonymTable = table;
  return table;
}

/*
 * Headers that mean something else in one tool's export than in a hand-made sheet. `null` = ignore.
 */
const SHAPE_OVERRIDES: Readonly<Partial<Record<ImportShape, Readonly<Record<string, ImportField | null>>>>> = {
  // Outlook's "Title" is the prefix (Mr./Dr.); its "Ort"/"Location" is a free "office location" field,
  // the address city is "Ort geschäftlich"/"Business City"; "Suffix" (Jr., PhD) is left to the user.
  'outlook-de': { ort: null, suffix: null, beruf: null, privat: null },
  'outlook-en': { title: 'salutation', location: null, suffix: null, profession: null, private: null },
  google: { location: null, occupation: null },
  // Mailchimp's CC/REGION are geolocated from the subscriber's IP, not an address, and "Address" is a
  // composite of all address parts; "Status" exists only in some exports but then is the consent state.
  mailchimp: { address: null, cc: null, region: null, status: 'consentNewsletter', name: 'fullName' },
  // listmonk's "status" is enabled/blocklisted; "attributes" is JSON the reader may flatten.
  listmonk: { status: 'consentNewsletter', attributes: null, name: 'fullName' },
};

const VCARD_KEYS = new Set(VCARD_COLUMNS.map(headerKey));

/* Headers that only one tool writes (already passed through `headerKey`). */
const SIGNATURES: readonly (readonly [ImportShape, readonly string[]])[] = [
  ['mailchimp', ['memberrating', 'leid', 'euid', 'optintime', 'confirmtime', 'unsubtime', 'cleantime']],
  [
    'google',
    ['email1value', 'email1label', 'email1type', 'phone1value', 'organization1name', 'address1formatted', 'website1value', 'groupmembership'],
  ],
  [
    'outlook-de',
    [
      'email2adresse',
      'emailangezeigtername',
      'strassegeschaeftlich',
      'postleitzahlgeschaeftlich',
      'landregiongeschaeftlich',
      'ortgeschaeftlich',
      'weiterevornamen',
    ],
  ],
  ['outlook-en', ['email2address', 'emaildisplayname', 'businessstreet', 'businesspostalcode', 'businesscountryregion', 'businesscity']],
];

function detectShape(keys: readonly string[]): ImportShape | null {
  const set = new Set(keys);
  // The vCard reader writes exactly its canonical columns; a hand-made sheet with the same words has more or fewer.
  if (set.size === VCARD_KEYS.size && [...VCARD_KEYS].every((k) => set.has(k))) return 'vcard';
  if (set.has('uuid') && set.has('attributes')) return 'listmonk';
  for (const [shape, signature] of SIGNATURES) if (signature.some((k) => set.has(k))) return shape;
  return null;
}

export interface SuggestedMapping {
  /** Per column, the field it fills, or null to ignore it. */
  mapping: (ImportField | null)[];
  shape: ImportShape;
}

/**
 * Suggests a field per column from the header row and names the export the table most likely comes
 * from. The first column wins a field; later columns for the same field are ignored (null), except that a
 * second e-mail column fills `email2`. A "Name" column next to "Vorname" and no "Nachname" is the family
 * name, as German sheets use it.
 */
export function suggestMapping(columns: readonly string[]): SuggestedMapping {
  const keys = columns.map(headerKey);
  const known = detectShape(keys);
  const overrides = known ? (SHAPE_OVERRIDES[known] ?? {}) : {};
  const synonyms = headerSynonyms();
  const mapping: (ImportField | null)[] = [];
  const taken = new Set<ImportField>();
  const votes = { de: 0, en: 0 };
  for (const key of keys) {
    const synonym = synonyms.get(key);
    let field: ImportField | null = key in overrides ? (overrides[key] ?? null) : (synonym?.field ?? null);
    if (field === 'email' && taken.has('email')) field = 'email2';
    if (field !== null && taken.has(field)) field = null;
    if (field !== null) {
      taken.add(field);
      if (synonym?.lang === 'de') votes.de++;
      if (synonym?.lang === 'en') votes.en++;
    }
    mapping.push(field);
  }
  const fullNameAt = mapping.indexOf('fullName');
  if (fullNameAt >= 0 && keys[fullNameAt] === 'name' && taken.has('firstName') && !taken.has('lastName')) {
    mapping[fullNameAt] = 'lastName';
  }
  let shape: ImportShape;
  if (known) shape = known;
  else if (taken.size < 2) shape = 'unknown';
  else shape = votes.en > votes.de ? 'excel-en' : 'excel-de';
  return { mapping, shape };
}

/* --------------------------------------------------------------------------------------------------------
 * Value parsers
 * ------------------------------------------------------------------------------------------------------ */

/**
 * Splits a list cell ("Leichtbau; Recycling", "a, b | c", one per line, Google's "a ::: b", Mailchimp's
 * `"a","b"`) into cleaned, de-duplicated items (case-insensitively, first spelling kept). Google's system
 * labels ("* myContacts", "* starred") are dropped.
 */
export function splitList(raw: string): string[] {
  const items = raw.split(/ ::: |[;,|\r\n]/);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const text = cleanText(item).replace(/^"(.*)"$/, '$1').trim();
    if (text === '' || text.startsWith('* ')) continue;
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}

const TRUE_WORDS = new Set(['ja', 'j', 'yes', 'y', 'x', '1', 'true', 'wahr', 'oui', '✓', '✔', '☑', '☒', 'ok']);
const FALSE_WORDS = new Set(['nein', 'n', 'no', '0', 'false', 'falsch', 'non', '-', '–', '✗', '✘', '☐']);

/** Yes/no cells ("ja", "x", "1", "wahr", "yes" …); null for empty and for anything else. */
export function parseBoolean(raw: string): boolean | null {
  const text = cleanText(raw).toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return null;
}

export type ConsentStatus = 'subscribed' | 'unsubscribed' | 'bounced' | 'pending';

const CONSENT_WORDS: Readonly<Record<string, ConsentStatus>> = {
  subscribed: 'subscribed',
  abonniert: 'subscribed',
  angemeldet: 'subscribed',
  eingewilligt: 'subscribed',
  erteilt: 'subscribed',
  'einwilligung erteilt': 'subscribed',
  optin: 'subscribed',
  'opt in': 'subscribed',
  'double opt in': 'subscribed',
  doi: 'subscribed',
  confirmed: 'subscribed',
  bestaetigt: 'subscribed',
  unsubscribed: 'unsubscribed',
  abgemeldet: 'unsubscribed',
  abbestellt: 'unsubscribed',
  widerrufen: 'unsubscribed',
  optout: 'unsubscribed',
  'opt out': 'unsubscribed',
  blocklisted: 'unsubscribed',
  blacklisted: 'unsubscribed',
  gesperrt: 'unsubscribed',
  cleaned: 'bounced',
  bounced: 'bounced',
  bounce: 'bounced',
  unzustellbar: 'bounced',
  pending: 'pending',
  ausstehend: 'pending',
  unbestaetigt: 'pending',
  unconfirmed: 'pending',
};

/**
 * The newsletter state a cell states: Mailchimp's "subscribed"/"unsubscribed"/"cleaned"/"pending",
 * listmonk's "blocklisted", German words, "Newsletter: ja", or plain yes/no. Null when it says nothing
 * (including listmonk's "enabled", which is about the account, not about consent).
 */
export function consentStatus(raw: string): ConsentStatus | null {
  const text = cleanText(raw).replace(/^newsletter\s*:\s*/i, '');
  const word = CONSENT_WORDS[foldText(text)];
  if (word) return word;
  const yesNo = parseBoolean(text);
  if (yesNo === null) return null;
  return yesNo ? 'subscribed' : 'unsubscribed';
}

export type EmployeeCount = { kind: 'exact'; value: number } | { kind: 'range'; min: number; max: number | null } | { kind: 'invalid' };

const NUMBER = String.raw`\d{1,3}(?:[.,' ]\d{3})+|\d+(?:[.,]0+)?`;

function toInt(text: string): number {
  // Thousands separators ("1.200", "1,200", "1 200") and Excel's float rendering ("120.0").
  const whole = /^(\d+)[.,]0+$/.exec(text);
  return Number.parseInt(whole?.[1] ?? text.replace(/[.,' ]/g, ''), 10);
}

/**
 * Reads an employee count: "120", "1.200", "ca. 50", "~50", "120 MA" → exact; "10-49", "250 bis 499",
 * "über 500", "500+", "unter 10", "bis 9" → a range; anything else ("KMU", "1,5", "viele") → invalid.
 * Null for an empty cell.
 */
export function parseEmployees(raw: string): EmployeeCount | null {
  let text = cleanText(raw).toLowerCase();
  if (text === '') return null;
  text = text
    .replace(/^(?:ca\.?|circa|etwa|rund|ungefähr|approx\.?|approximately|about|around|~|≈)\s*/u, '')
    .replace(/\s*(?:ma|mitarbeiter(?:innen)?|mitarbeitende|beschäftigte|personen|employees|staff|people)\.?$/u, '');
  const n = `(${NUMBER})`;
  let m = new RegExp(`^${n}$`, 'u').exec(text);
  if (m) return { kind: 'exact', value: toInt(m[1] ?? '') };
  m = new RegExp(String.raw`^${n}\s*(?:-|–|—|bis|to)\s*${n}$`, 'u').exec(text);
  if (m) {
    const min = toInt(m[1] ?? '');
    const max = toInt(m[2] ?? '');
    return max >= min ? { kind: 'range', min, max } : { kind: 'invalid' };
  }
  m = new RegExp(String.raw`^(?:>=?|≥|über|mehr als|more than|over|ab|at least|mindestens)\s*${n}$|^${n}\s*\+$`, 'u').exec(text);
  if (m) return { kind: 'range', min: toInt(m[1] ?? m[2] ?? ''), max: null };
  m = new RegExp(String.raw`^(<|unter|weniger als|less than|under|<=|≤|bis|up to|max\.?|maximal|höchstens)\s*${n}$`, 'u').exec(text);
  if (m) {
    const bound = toInt(m[2] ?? '');
    const exclusive = ['<', 'unter', 'weniger als', 'less than', 'under'].includes(m[1] ?? '');
    return { kind: 'range', min: 0, max: exclusive ? Math.max(0, bound - 1) : bound };
  }
  return { kind: 'invalid' };
}

const FIRM_BY_SIZE: Readonly<Record<ReturnType<typeof sizeClass>, OrganisationKind>> = {
  micro: 'micro_firm',
  small: 'small_firm',
  medium: 'medium_firm',
  large: 'large_firm',
};

function kindFromEmployees(count: EmployeeCount | null, thresholds: SizeThresholds): OrganisationKind | null {
  if (count === null || count.kind === 'invalid') return null;
  if (count.kind === 'exact') return FIRM_BY_SIZE[sizeClass(count.value, thresholds)];
  // A range decides the class only when both ends fall into the same one.
  const low = sizeClass(count.min, thresholds);
  const high = count.max === null ? 'large' : sizeClass(count.max, thresholds);
  return low === high ? FIRM_BY_SIZE[low] : null;
}

/** "a firm, size unknown": KMU, Unternehmen, company … — the employee count decides the class. */
export type KindFromText = OrganisationKind | 'firm';

const KIND_LISTS: Readonly<Record<KindFromText, readonly string[]>> = {
  micro_firm: ['kleinstunternehmen', 'kleinstbetrieb', 'kleinst', 'micro', 'micro firm', 'micro enterprise', 'microenterprise'],
  small_firm: ['kleinunternehmen', 'kleines unternehmen', 'kleinbetrieb', 'small', 'small firm', 'small enterprise', 'small company'],
  medium_firm: [
    'mittleres unternehmen',
    'mittelstaendisches unternehmen',
    'mittelstand',
    'mittelbetrieb',
    'medium',
    'medium firm',
    'medium sized',
    'medium sized enterprise',
    'medium enterprise',
    'mid sized',
  ],
  large_firm: ['grossunternehmen', 'grosses unternehmen', 'konzern', 'large', 'large firm', 'large enterprise', 'large company', 'corporation', 'multinational'],
  startup: ['start up', 'startup', 'start ups', 'startups', 'gruendung', 'ausgruendung', 'spin off', 'spinoff', 'jungunternehmen', 'neugruendung'],
  research_institute: [
    'forschungsinstitut',
    'forschungseinrichtung',
    'forschungszentrum',
    'institut',
    'ausseruniversitaere forschungseinrichtung',
    'forschung',
    'research institute',
    'research institution',
    'research centre',
    'research center',
    'research organisation',
    'research organization',
    'research',
    'rto',
  ],
  university: [
    'hochschule',
    'hochschulen',
    'universitaet',
    'uni',
    'fachhochschule',
    'fh',
    'tu',
    'technische universitaet',
    'technische hochschule',
    'haw',
    'university',
    'university of applied sciences',
    'college',
    'academia',
  ],
  cluster_management: ['clustermanagement', 'netzwerkmanagement', 'cluster management', 'network management', 'cluster', 'netzwerk', 'clusterinitiative'],
  association: ['verband', 'verein', 'kammer', 'ihk', 'hwk', 'handwerkskammer', 'industrie und handelskammer', 'branchenverband', 'association', 'chamber', 'chamber of commerce', 'federation'],
  public_body: [
    'behoerde',
    'ministerium',
    'amt',
    'verwaltung',
    'kommune',
    'stadt',
    'stadtverwaltung',
    'landkreis',
    'gemeinde',
    'wirtschaftsfoerderung',
    'oeffentliche einrichtung',
    'oeffentliche hand',
    'oeffentliche verwaltung',
    'politik',
    'public body',
    'public authority',
    'authority',
    'government',
    'ministry',
    'municipality',
    'public administration',
    'public sector',
  ],
  investor: ['investor', 'investoren', 'kapitalgeber', 'finanzierer', 'risikokapitalgeber', 'venture capital', 'vc', 'business angel', 'bank', 'beteiligungsgesellschaft', 'investors'],
  other: ['sonstige', 'sonstiges', 'andere', 'anderes', 'other', 'others', 'misc', 'privatperson', 'stiftung', 'foundation', 'presse', 'medien', 'media', 'press'],
  firm: ['kmu', 'sme', 'smes', 'unternehmen', 'firma', 'betrieb', 'wirtschaft', 'industrie', 'company', 'firm', 'enterprise', 'business', 'gewerbe', 'privatwirtschaft', 'industry'],
};

let kindWordTable: Map<string, KindFromText> | null = null;
function kindWords(): Map<string, KindFromText> {
  if (kindWordTable) return kindWordTable;
  const table = new Map<string, KindFromText>();
  for (const [kind, words] of Object.entries(KIND_LISTS) as [KindFromText, readonly string[]][]) {
    for (const word of words) table.set(word, kind);
    // Our own codes ("research_institute") come back when a Spillover export is re-imported.
    if (kind !== 'firm') table.set(foldText(kind), kind);
  }
  kindWordTable = table;
  return table;
}

/* Longer descriptions ("Fraunhofer-Institut für Werkstoffmechanik", "KMU (produzierendes Gewerbe)"). */
const KIND_STEMS: readonly (readonly [RegExp, KindFromText])[] = [
  [/start ?up|spin ?off|ausgruendung/, 'startup'],
  [/clustermanagement|netzwerkmanagement|cluster management|network management/, 'cluster_management'],
  [/fraunhofer|max planck|leibniz|helmholtz|forschungsinstitut|forschungseinrichtung|forschungszentrum|research (?:institut|centre|center)/, 'research_institute'],
  [/universitaet|university|hochschule|college/, 'university'],
  [/ministerium|ministry|behoerde|verwaltung|authority|government/, 'public_body'],
  [/verband|verein|kammer|association|federation/, 'association'],
  [/investor|venture|kapitalgeber/, 'investor'],
  [/grossunternehmen|konzern/, 'large_firm'],
  [/kleinstunternehmen/, 'micro_firm'],
  [/kleinunternehmen/, 'small_firm'],
  [/mittelstaendisch|mittleres unternehmen/, 'medium_firm'],
  [/\b(?:kmu|sme)\b|unternehmen|company/, 'firm'],
];

/**
 * The organisation kind a cell names, in German or English ("Hochschule", "Fraunhofer-Institut …",
 * "Start-up", "Verband", "Ministerium", "Großunternehmen"), or 'firm' for a firm of unstated size (KMU,
 * SME, Unternehmen), or null when the text names no kind.
 */
export function organisationKindFromText(raw: string): KindFromText | null {
  const text = foldText(raw);
  if (text === '') return null;
  const exact = kindWords().get(text);
  if (exact) return exact;
  for (const [stem, kind] of KIND_STEMS) if (stem.test(text)) return kind;
  return null;
}

/*
 * Names that state their kind beyond doubt. Deliberately short: "e.V." or "Institut" alone are not
 * enough (many engineering firms are "Institut für … GmbH", many research institutes are an e.V.).
 */
const KIND_BY_NAME: readonly (readonly [RegExp, OrganisationKind])[] = [
  [/fraunhofer|max planck|leibniz institut|helmholtz|forschungsinstitut|forschungszentrum|research (?:institute|centre|center)/, 'research_institute'],
  [/universitaet|university|hochschule|fachhochschule/, 'university'],
  [/ministerium|ministry|landesamt|bundesamt|stadtverwaltung|behoerde/, 'public_body'],
  [/verband|handelskammer|handwerkskammer|chamber of commerce/, 'association'],
  [/clustermanagement|netzwerkmanagement/, 'cluster_management'],
];

/** The organisation kind an organisation's name states beyond doubt ("Otto-von-Guericke-Universität"). */
function organisationKindFromNameUncached(name: string): OrganisationKind | null {
  const text = foldText(name);
  for (const [pattern, kind] of KIND_BY_NAME) if (pattern.test(text)) return kind;
  return null;
}

const MEMBERSHIP_WORDS: Readonly<Record<Membership, readonly string[]>> = {
  member: [
    'mitglied',
    'mitglieder',
    'member',
    'members',
    'ja',
    'yes',
    'x',
    '1',
    'true',
    'wahr',
    'clustermitglied',
    'netzwerkmitglied',
    'ordentliches mitglied',
    'foerdermitglied',
    'vollmitglied',
    'assoziiertes mitglied',
    'full member',
    'associate member',
    'intern',
    'internal',
  ],
  partner_abroad: [
    'partner',
    'partner abroad',
    'partner im ausland',
    'auslandspartner',
    'internationaler partner',
    'partnerregion',
    'ausland',
    'foreign partner',
    'international partner',
    'partner region',
    'international',
  ],
  external: [
    'extern',
    'externe',
    'external',
    'nein',
    'no',
    '0',
    'false',
    'falsch',
    'kein mitglied',
    'nichtmitglied',
    'nicht mitglied',
    'non member',
    'nonmember',
    'gast',
    'guest',
    'presse',
    'press',
    'politik',
    'politics',
    'oeffentlichkeit',
    'public',
    'interessent',
    'interessenten',
    'ehemaliges mitglied',
    'former member',
  ],
};

/** Inside/outside the cluster from a membership cell; null for empty and for unknown words. */
export function parseMembership(raw: string): Membership | null {
  const text = foldText(raw);
  for (const [membership, words] of Object.entries(MEMBERSHIP_WORDS) as [Membership, readonly string[]][]) {
    if (words.includes(text)) return membership;
  }
  return null;
}

const INTEREST_WORDS: Readonly<Record<InformationKind | 'all', readonly string[]>> = {
  technological_knowledge: [
    'technologisches wissen',
    'technologiewissen',
    'technologie',
    'technologien',
    'technik',
    'technologietransfer',
    'forschung und entwicklung',
    'f e',
    'fue',
    'technology',
    'technologies',
    'technological knowledge',
    'technical knowledge',
    'tech',
  ],
  foreign_markets: [
    'auslandsmaerkte',
    'auslandsmarkt',
    'maerkte',
    'markt',
    'marktinformationen',
    'marktwissen',
    'internationale maerkte',
    'auslaendische maerkte',
    'export',
    'foreign markets',
    'foreign market',
    'markets',
    'market',
    'market information',
    'international markets',
  ],
  foreign_contacts: [
    'auslandskontakte',
    'auslandskontakt',
    'kontakte',
    'internationale kontakte',
    'auslaendische kontakte',
    'partner',
    'partnersuche',
    'kooperationspartner',
    'foreign contacts',
    'contacts',
    'international contacts',
    'networking',
    'partner search',
  ],
  other: ['sonstiges', 'sonstige', 'andere', 'anderes', 'other', 'others', 'misc', 'miscellaneous', 'weitere'],
  all: ['alle', 'alles', 'all', 'everything'],
};

/**
 * The four kinds of information from a list cell ("Technologie; Auslandsmärkte", "foreign contacts",
 * "alle"); items that name none come back in `unknown`.
 */
export function informationKinds(raw: string): { kinds: InformationKind[]; unknown: string[] } {
  const kinds: InformationKind[] = [];
  const unknown: string[] = [];
  for (const item of splitList(raw)) {
    const text = foldText(item);
    let found: readonly InformationKind[] | null = null;
    for (const [kind, words] of Object.entries(INTEREST_WORDS) as [InformationKind | 'all', readonly string[]][]) {
      if (words.includes(text) || foldText(kind) === text) {
        found = kind === 'all' ? INFORMATION_KINDS : [kind];
        break;
      }
    }
    if (found) {
      for (const k of found) if (!kinds.includes(k)) kinds.push(k);
    } else {
      unknown.push(item);
    }
  }
  return { kinds, unknown };
}

/* Languages named in German, English and French (and by their own name) in member lists. */
const NAMED_LANGUAGES = [
  'de', 'en', 'fr', 'es', 'it', 'nl', 'pl', 'cs', 'sk', 'hu', 'da', 'sv', 'no', 'nb', 'fi', 'et', 'lv', 'lt', 'pt',
  'ro', 'bg', 'el', 'hr', 'sl', 'sr', 'bs', 'mk', 'sq', 'tr', 'ru', 'uk', 'be', 'zh', 'ja', 'ko', 'ar', 'he', 'fa',
  'hi', 'ur', 'bn', 'th', 'vi', 'id', 'ms', 'sw', 'af', 'is', 'ga', 'lb', 'mt', 'ca', 'eu', 'gl', 'cy',
];

let languageNameTable: Map<string, string> | null = null;
let languageCheck: Intl.DisplayNames | null = null;

function languageNames(): Map<string, string> {
  if (languageNameTable) return languageNameTable;
  const table = new Map<string, string>();
  for (const locale of ['de', 'en', 'fr', null]) {
    for (const code of NAMED_LANGUAGES) {
      const display = new Intl.DisplayNames([locale ?? code], { type: 'language', fallback: 'none' });
      const name = display.of(code);
      if (name === undefined) continue;
      for (const umlauts of ['expand', 'strip'] as const) {
        const key = foldText(name, umlauts);
        if (key !== '' && !table.has(key)) table.set(key, code);
      }
    }
  }
  languageNameTable = table;
  return table;
}

/**
 * ISO 639-1 code from a language cell: a code or tag ("de", "DE", "de-DE", "de_AT", "deu", "ger") or a
 * name in German, English, French or the language itself ("Deutsch", "German", "Englisch", "English",
 * "Französisch", "français"). Null when the cell names no single language ("Deutsch/Englisch").
 */
export function languageCode(raw: string): string | null {
  const text = cleanText(raw);
  if (text === '') return null;
  const byName = languageNames().get(foldText(text, 'strip')) ?? languageNames().get(foldText(text));
  if (byName) return byName;
  if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(text)) return null;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(text.replace(/_/g, '-'))[0] ?? '';
  } catch {
    // Not a well-formed language tag after all.
    return null;
  }
  const language = canonical.split('-')[0] ?? '';
  if (!/^[a-z]{2}$/.test(language)) return null;
  languageCheck ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return languageCheck.of(language) === undefined ? null : language;
}

/* --------------------------------------------------------------------------------------------------------
 * Rows
 * ------------------------------------------------------------------------------------------------------ */

export interface PersonDraft {
  salutation: Salutation;
  title: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  email2: string | null;
  phone: string | null;
  mobile: string | null;
  function: string | null;
  department: string | null;
  organisation: string | null;
  organisationKind: OrganisationKind | null;
  employees: number | null;
  membership: Membership | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  region: string | null;
  city: string | null;
  postcode: string | null;
  street: string | null;
  website: string | null;
  /** ISO 639-1; null when the table says nothing (the import applies its default). */
  language: string | null;
  topics: string[];
  tags: string[];
  interests: InformationKind[];
  keyContact: boolean | null;
  notes: string | null;
  consentNewsletter: boolean | null;
}

export type RowIssueCode =
  | 'email_invalid'
  | 'email_missing'
  | 'name_missing'
  | 'country_unknown'
  | 'employees_invalid'
  | 'website_invalid'
  | 'kind_unknown'
  | 'language_unknown';

export interface RowIssue {
  field: ImportField | 'row';
  code: RowIssueCode;
  /** The offending value after `cleanText`, for showing to the user ('' for row-level issues). */
  value: string;
}

/**
 * What an issue means for the row: an `error` row cannot be imported (the database needs an e-mail or a
 * name); on a `warning` the value in question was dropped and the rest of the row is fine.
 */
export const ISSUE_SEVERITY: Readonly<Record<RowIssueCode, 'error' | 'warning'>> = {
  email_missing: 'error',
  email_invalid: 'warning',
  name_missing: 'warning',
  country_unknown: 'warning',
  employees_invalid: 'warning',
  website_invalid: 'warning',
  kind_unknown: 'warning',
  language_unknown: 'warning',
};

export interface MapRowOptions {
  /** Size thresholds for deriving micro/small/medium/large from employees (a setting; EU by default). */
  sizeThresholds?: SizeThresholds;
  /**
   * Consent for rows whose consent cell is empty or unmapped: Mailchimp exports one file per status
   * (see `mailchimpExportStatus`), so the file, not a column, says "subscribed".
   */
  fileConsent?: boolean | null;
}

/**
 * The status of a Mailchimp audience export file, from its columns: the unsubscribed export adds
 * UNSUB_* columns, the cleaned (bounced) one CLEAN_*; the subscribed export has neither. Null for tables
 * that are no Mailchimp export.
 */
export function mailchimpExportStatus(columns: readonly string[]): 'subscribed' | 'unsubscribed' | 'cleaned' | null {
  const keys = new Set(columns.map(headerKey));
  if (detectShape([...keys]) !== 'mailchimp') return null;
  if (keys.has('unsubtime') || keys.has('unsubcampaigntitle')) return 'unsubscribed';
  if (keys.has('cleantime') || keys.has('cleancampaigntitle')) return 'cleaned';
  return 'subscribed';
}

/*
 * A cell with several addresses ("a@x.de; b@y.de") is split when every part is an address; otherwise it
 * is one (invalid) value and reported as such. Returns the cleaning result of each address.
 */
function emailResults(raw: string): CleanEmailResult[] {
  const whole = cleanEmail(raw);
  if ('email' in whole || whole.error === 'empty') return [whole];
  for (const separator of [/[;,\n]+/, /[;,\s]+/u]) {
    const parts = raw.split(separator).filter((p) => cleanText(p) !== '');
    if (parts.length < 2) continue;
    const results = parts.map(cleanEmail);
    if (results.every((r) => 'email' in r)) return results;
  }
  return [whole];
}

/* "39104 Magdeburg" or "D-39104 Magdeburg" in a city column (a "PLZ/Ort" column). */
const POSTCODE_CITY = /^(?:[A-Z]{1,3}[- ])?(\d{4,5})\s+(\S.*)$/u;

interface AddressCell {
  salutation: Salutation | null;
  titles: readonly string[];
}

/** A salutation/title cell read into salutation and title parts; unknown words are kept as a title. */
function readAddressCell(raw: string, isTitleColumn: boolean): AddressCell {
  const prefix = parseNamePrefix(raw, { genderWords: !isTitleColumn });
  const titles = [...prefix.titles];
  const recognised = prefix.salutation !== null || titles.length > 0;
  if (prefix.rest !== '' && (isTitleColumn || recognised)) titles.push(prefix.rest);
  return { salutation: prefix.salutation, titles };
}

/*
 * The per-value readers below are pure and the values repeat down a member list (a handful of salutations
 * and titles, common first and family names, the same topics), so each distinct cell is read once per
 * import rather than once per row. The results are shared between rows and never changed.
 */
const readSalutationCell = memoised((raw: string) => readAddressCell(raw, false));
const readTitleCell = memoised((raw: string) => readAddressCell(raw, true));

interface NameCell {
  name: string;
  salutation: Salutation | null;
  titles: readonly string[];
}

/** "Dr. Jana" in a Vorname column: the title moves to the title, a bare "Herr" stays a family name. */
const readNameCell = memoised((raw: string): NameCell => {
  const prefix = parseNamePrefix(raw);
  if (prefix.rest === '' || (prefix.salutation === null && prefix.titles.length === 0)) return { name: cleanText(raw), salutation: null, titles: [] };
  return { name: prefix.rest, salutation: prefix.salutation, titles: prefix.titles };
});

const splitListCell = memoised(splitList);

/** Which columns feed which field, in column order. */
type ColumnPlan = ReadonlyMap<ImportField, readonly number[]>;

function columnPlan(mapping: readonly (ImportField | null)[]): ColumnPlan {
  const columns = new Map<ImportField, number[]>();
  mapping.forEach((f, i) => {
    if (f === null) return;
    const list = columns.get(f);
    if (list) list.push(i);
    else columns.set(f, [i]);
  });
  return columns;
}

/*
 * The cell as the row gives it to a field: the spreadsheet's text mark undone, or null when nothing is
 * left after cleaning. A visible ASCII first character survives cleaning, so most cells need no cleanText.
 */
function usableCell(cells: readonly string[], column: number): string | null {
  const cell = restoreNeutralised(cells[column] ?? '');
  const first = cell.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return cell;
  return cell === '' || cleanText(cell) === '' ? null : cell;
}

/** The first usable cell of a field, in column order. */
function firstCell(cells: readonly string[], columns: readonly number[] | undefined): string | null {
  if (columns === undefined) return null;
  for (const column of columns) {
    const cell = usableCell(cells, column);
    if (cell !== null) return cell;
  }
  return null;
}

/** Every usable cell of a field, in column order. */
function allCells(cells: readonly string[], columns: readonly number[] | undefined): string[] {
  const out: string[] = [];
  if (columns === undefined) return out;
  for (const column of columns) {
    const cell = usableCell(cells, column);
    if (cell !== null) out.push(cell);
  }
  return out;
}

function cleanCell(cells: readonly string[], columns: readonly number[] | undefined): string | null {
  const raw = firstCell(cells, columns);
  return raw === null ? null : cleanText(raw);
}

/**
 * Turns one table row into a person draft and its issues. Cells are raw strings as the reader found
 * them; `mapping` is per column (from `suggestMapping`, as confirmed by the user). When several columns
 * map to one field, list fields (topics, tags, interests) and notes combine them; other fields take the
 * first non-empty cell.
 */
export function mapRow(
  cells: readonly string[],
  mapping: readonly (ImportField | null)[],
  options: MapRowOptions = {},
): { draft: PersonDraft; issues: RowIssue[] } {
  return mapPlannedRow(cells, columnPlan(mapping), options);
}

/**
 * `mapRow` for every row of one table: which columns feed which field is worked out once, not per row.
 * The import calls this for 100,000 rows and more.
 */
export function rowMapper(
  mapping: readonly (ImportField | null)[],
  options: MapRowOptions = {},
): (cells: readonly string[]) => { draft: PersonDraft; issues: RowIssue[] } {
  const plan = columnPlan(mapping);
  return (cells) => mapPlannedRow(cells, plan, options);
}

/* mapRow's work. Per row, so it reads each field's cells directly instead of grouping the row first, and
 * keeps closures out of the row path. */
function mapPlannedRow(cells: readonly string[], plan: ColumnPlan, options: MapRowOptions): { draft: PersonDraft; issues: RowIssue[] } {
  const issues: RowIssue[] = [];

  // Salutation and title: from their own columns, from titles typed into the name cells, or from "Name".
  let salutation: Salutation | null = null;
  const titles: string[] = [];
  const salutationRaw = firstCell(cells, plan.get('salutation'));
  if (salutationRaw !== null) {
    const read = readSalutationCell(salutationRaw);
    salutation = read.salutation;
    mergeTitles(titles, read.titles);
  }
  const titleRaw = firstCell(cells, plan.get('title'));
  if (titleRaw !== null) {
    const read = readTitleCell(titleRaw);
    salutation ??= read.salutation;
    mergeTitles(titles, read.titles);
  }
  let firstName: string | null = null;
  let lastName: string | null = null;
  const firstRaw = firstCell(cells, plan.get('firstName'));
  if (firstRaw !== null) {
    const read = readNameCell(firstRaw);
    salutation ??= read.salutation;
    mergeTitles(titles, read.titles);
    firstName = read.name;
  }
  const lastRaw = firstCell(cells, plan.get('lastName'));
  if (lastRaw !== null) {
    const read = readNameCell(lastRaw);
    salutation ??= read.salutation;
    mergeTitles(titles, read.titles);
    lastName = read.name;
  }
  const fullName = firstCell(cells, plan.get('fullName'));
  if (firstName === null && lastName === null && fullName !== null) {
    const split = splitFullNameParts(fullName);
    firstName = split.first;
    lastName = split.last;
    salutation ??= split.salutation;
    mergeTitles(titles, split.titles);
  }

  // E-mail: every address from the e-mail columns, then from the e-mail 2 columns; the first two valid
  // distinct ones are kept, so an empty "E-Mail" with a filled "E-Mail 2" still gives a primary address.
  let email: string | null = null;
  let email2: string | null = null;
  let emailKey1 = '';
  for (const field of ['email', 'email2'] as const) {
    for (const raw of allCells(cells, plan.get(field))) {
      for (const result of emailResults(raw)) {
        if ('email' in result) {
          if (email === null) {
            email = result.email;
            emailKey1 = emailKey(email);
          } else if (email2 === null && emailKey(result.email) !== emailKey1) {
            email2 = result.email;
          }
        } else if (result.error === 'invalid') {
          issues.push({ field, code: 'email_invalid', value: result.value });
        }
      }
    }
  }

  // Organisation kind: the kind cell, else what the name states, else the employee count.
  const employeesRaw = firstCell(cells, plan.get('employees'));
  const count = employeesRaw === null ? null : parseEmployees(employeesRaw);
  if (count?.kind === 'invalid') issues.push({ field: 'employees', code: 'employees_invalid', value: cleanText(employeesRaw ?? '') });
  const employees = count?.kind === 'exact' ? count.value : null;
  const thresholds = options.sizeThresholds ?? EU_SIZE_THRESHOLDS;
  const organisation = cleanCell(cells, plan.get('organisation'));
  const kindRaw = firstCell(cells, plan.get('organisationKind'));
  let organisationKind: OrganisationKind | null = null;
  if (kindRaw !== null) {
    const kind = organisationKindFromText(kindRaw);
    if (kind === null) issues.push({ field: 'organisationKind', code: 'kind_unknown', value: cleanText(kindRaw) });
    else if (kind !== 'firm') organisationKind = kind;
  }
  if (organisationKind === null && organisation !== null) organisationKind = organisationKindFromName(organisation);
  organisationKind ??= kindFromEmployees(count, thresholds);

  const membershipRaw = firstCell(cells, plan.get('membership'));
  const membership = membershipRaw === null ? null : parseMembership(membershipRaw);
  if (membershipRaw !== null && membership === null) {
    issues.push({ field: 'membership', code: 'kind_unknown', value: cleanText(membershipRaw) });
  }

  const countryRaw = cleanCell(cells, plan.get('country'));
  const country = countryRaw === null ? null : countryCode(countryRaw);
  if (countryRaw !== null && country === null) issues.push({ field: 'country', code: 'country_unknown', value: countryRaw });

  let postcode = cleanPostcode(firstCell(cells, plan.get('postcode')) ?? '');
  let city = cleanCell(cells, plan.get('city'));
  const combined = city === null ? null : POSTCODE_CITY.exec(city);
  if (combined && (postcode === null || postcode.endsWith(combined[1] ?? ''))) {
    postcode ??= combined[1] ?? null;
    city = combined[2] ?? city;
  }

  const websiteRaw = cleanCell(cells, plan.get('website'));
  const website = websiteRaw === null ? null : cleanWebsite(websiteRaw);
  if (websiteRaw !== null && website === null) issues.push({ field: 'website', code: 'website_invalid', value: websiteRaw });

  const languageRaw = cleanCell(cells, plan.get('language'));
  const language = languageRaw === null ? null : languageCode(languageRaw);
  if (languageRaw !== null && language === null) issues.push({ field: 'language', code: 'language_unknown', value: languageRaw });

  const interests: InformationKind[] = [];
  for (const raw of allCells(cells, plan.get('interests'))) {
    const read = informationKinds(raw);
    for (const k of read.kinds) if (!interests.includes(k)) interests.push(k);
    for (const u of read.unknown) issues.push({ field: 'interests', code: 'kind_unknown', value: u });
  }

  const keyContactRaw = firstCell(cells, plan.get('keyContact'));
  const notes: string[] = [];
  for (const raw of allCells(cells, plan.get('notes'))) {
    const note = cleanMultiline(raw);
    if (note !== '') notes.push(note);
  }
  const consentRaw = firstCell(cells, plan.get('consentNewsletter'));
  const consent = consentRaw === null ? null : consentStatus(consentRaw);
  const consentNewsletter = consent === null ? (options.fileConsent ?? null) : consent === 'subscribed' ? true : consent === 'pending' ? null : false;

  if (email === null && firstName === null && lastName === null) {
    issues.push({ field: 'row', code: 'email_missing', value: '' });
  } else if (email !== null && firstName === null && lastName === null) {
    issues.push({ field: 'row', code: 'name_missing', value: email });
  }

  const draft: PersonDraft = {
    salutation: salutation ?? 'none',
    title: formatTitles(titles),
    firstName,
    lastName,
    email,
    email2,
    phone: cleanPhone(firstCell(cells, plan.get('phone')) ?? ''),
    mobile: cleanPhone(firstCell(cells, plan.get('mobile')) ?? ''),
    function: cleanCell(cells, plan.get('function')),
    department: cleanCell(cells, plan.get('department')),
    organisation,
    organisationKind,
    employees,
    membership,
    country,
    region: cleanCell(cells, plan.get('region')),
    city,
    postcode,
    street: cleanCell(cells, plan.get('street')),
    website,
    language,
    topics: listCells(cells, plan.get('topics')),
    tags: listCells(cells, plan.get('tags')),
    interests,
    keyContact: keyContactRaw === null ? null : parseBoolean(keyContactRaw),
    notes: notes.length === 0 ? null : notes.join('\n'),
    consentNewsletter,
  };
  return { draft, issues };
}

/** A list field's items from all its cells; each draft gets its own array. */
function listCells(cells: readonly string[], columns: readonly number[] | undefined): string[] {
  const raws = allCells(cells, columns);
  if (raws.length === 0) return [];
  return [...splitListCell(raws.join('\n'))];
}

/** Memoised: see memo.ts. */
export const organisationKindFromName = memoised(organisationKindFromNameUncached);
