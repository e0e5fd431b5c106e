/**
 * Country names and codes as people type them in member lists ("Deutschland", "D", "BRD", "Germany",
 * "Frankreich", "Singapur", "USA", "UK" …) mapped to ISO 3166-1 alpha-2, which is what the database stores.
 *
 * Names come from the ICU data behind `Intl.DisplayNames` in German, English and French (the languages of
 * the cluster and its partner regions), so every country is covered without a hand-kept table that would
 * go stale; a small alias table adds what ICU does not say: alpha-3 codes, old and colloquial names.
 */
import { foldText } from './cleaning';
import { memoised } from './memo';

/** All 249 officially assigned ISO 3166-1 alpha-2 codes. */
export const ISO_COUNTRY_CODES = [
  'AD', 'AE', 'AF', 'AG', 'AI', 'AL', 'AM', 'AO', 'AQ', 'AR', 'AS', 'AT', 'AU', 'AW', 'AX', 'AZ',
  'BA', 'BB', 'BD', 'BE', 'BF', 'BG', 'BH', 'BI', 'BJ', 'BL', 'BM', 'BN', 'BO', 'BQ', 'BR', 'BS', 'BT', 'BV', 'BW', 'BY', 'BZ',
  'CA', 'CC', 'CD', 'CF', 'CG', 'CH', 'CI', 'CK', 'CL', 'CM', 'CN', 'CO', 'CR', 'CU', 'CV', 'CW', 'CX', 'CY', 'CZ',
  'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ',
  'EC', 'EE', 'EG', 'EH', 'ER', 'ES', 'ET',
  'FI', 'FJ', 'FK', 'FM', 'FO', 'FR',
  'GA', 'GB', 'GD', 'GE', 'GF', 'GG', 'GH', 'GI', 'GL', 'GM', 'GN', 'GP', 'GQ', 'GR', 'GS', 'GT', 'GU', 'GW', 'GY',
  'HK', 'HM', 'HN', 'HR', 'HT', 'HU',
  'ID', 'IE', 'IL', 'IM', 'IN', 'IO', 'IQ', 'IR', 'IS', 'IT',
  'JE', 'JM', 'JO', 'JP',
  'KE', 'KG', 'KH', 'KI', 'KM', 'KN', 'KP', 'KR', 'KW', 'KY', 'KZ',
  'LA', 'LB', 'LC', 'LI', 'LK', 'LR', 'LS', 'LT', 'LU', 'LV', 'LY',
  'MA', 'MC', 'MD', 'ME', 'MF', 'MG', 'MH', 'MK', 'ML', 'MM', 'MN', 'MO', 'MP', 'MQ', 'MR', 'MS', 'MT', 'MU', 'MV', 'MW', 'MX', 'MY', 'MZ',
  'NA', 'NC', 'NE', 'NF', 'NG', 'NI', 'NL', 'NO', 'NP', 'NR', 'NU', 'NZ',
  'OM',
  'PA', 'PE', 'PF', 'PG', 'PH', 'PK', 'PL', 'PM', 'PN', 'PR', 'PS', 'PT', 'PW', 'PY',
  'QA',
  'RE', 'RO', 'RS', 'RU', 'RW',
  'SA', 'SB', 'SC', 'SD', 'SE', 'SG', 'SH', 'SI', 'SJ', 'SK', 'SL', 'SM', 'SN', 'SO', 'SR', 'SS', 'ST', 'SV', 'SX', 'SY', 'SZ',
  'TC', 'TD', 'TF', 'TG', 'TH', 'TJ', 'TK', 'TL', 'TM', 'TN', 'TO', 'TR', 'TT', 'TV', 'TW', 'TZ',
  'UA', 'UG', 'UM', 'US', 'UY', 'UZ',
  'VA', 'VC', 'VE', 'VG', 'VI', 'VN', 'VU',
  'WF', 'WS',
  'YE', 'YT',
  'ZA', 'ZM', 'ZW',
] as const;

/*
 * Kosovo has no official ISO code; XK is the user-assigned code the EU, the Commission's funding
 * programmes and ICU all use, and a partner in Prishtina must be storable.
 */
const EXTRA_CODES = ['XK'] as const;

/*
 * What ICU does not know: alpha-3 codes of the countries a German cluster deals with, German car codes
 * and abbreviations, historic and colloquial names, and ISO's own "long" English names. Keys are written
 * naturally and folded when the table is built.
 */
const ALIASES: Readonly<Record<string, string>> = {
  D: 'DE', DEU: 'DE', GER: 'DE', BRD: 'DE', 'Bundesrepublik Deutschland': 'DE', 'Federal Republic of Germany': 'DE',
  'République fédérale d’Allemagne': 'DE',
  FRA: 'FR', 'République française': 'FR',
  AUT: 'AT', 'Republik Österreich': 'AT',
  CHE: 'CH', 'Schweizerische Eidgenossenschaft': 'CH', 'Confédération suisse': 'CH',
  NLD: 'NL', Holland: 'NL', 'The Netherlands': 'NL', 'Königreich der Niederlande': 'NL',
  BEL: 'BE', LUX: 'LU', ITA: 'IT', ESP: 'ES', PRT: 'PT', POL: 'PL', CZE: 'CZ', SVK: 'SK', HUN: 'HU', DNK: 'DK',
  SWE: 'SE', NOR: 'NO', FIN: 'FI', IRL: 'IE', GRC: 'GR', EL: 'GR', TUR: 'TR', RUS: 'RU', UKR: 'UA', EST: 'EE',
  LVA: 'LV', LTU: 'LT', SVN: 'SI', HRV: 'HR', SRB: 'RS', ROU: 'RO', BGR: 'BG', ISL: 'IS', ISR: 'IL',
  CHN: 'CN', JPN: 'JP', KOR: 'KR', IND: 'IN', SGP: 'SG', TWN: 'TW', HKG: 'HK', THA: 'TH', VNM: 'VN', IDN: 'ID',
  MYS: 'MY', PHL: 'PH', AUS: 'AU', NZL: 'NZ', ZAF: 'ZA', EGY: 'EG', MAR: 'MA', TUN: 'TN', ARE: 'AE', SAU: 'SA',
  CAN: 'CA', USA: 'US', MEX: 'MX', BRA: 'BR', ARG: 'AR', CHL: 'CL',
  GBR: 'GB', UK: 'GB', 'Great Britain': 'GB', Britain: 'GB', 'Großbritannien': 'GB', 'Grossbritannien': 'GB',
  England: 'GB', Scotland: 'GB', Schottland: 'GB', Wales: 'GB', 'Northern Ireland': 'GB', Nordirland: 'GB',
  'Grande-Bretagne': 'GB', Angleterre: 'GB', 'Vereinigtes Königreich Großbritannien und Nordirland': 'GB',
  'United Kingdom of Great Britain and Northern Ireland': 'GB',
  'United States of America': 'US', 'Vereinigte Staaten von Amerika': 'US', 'États-Unis d’Amérique': 'US',
  Tschechei: 'CZ', 'Tschechische Republik': 'CZ', 'Czech Republic': 'CZ', 'République tchèque': 'CZ',
  Weißrussland: 'BY', Belarus: 'BY', Turkey: 'TR', Türkei: 'TR', Turquie: 'TR',
  'Korea, Republic of': 'KR', 'Republic of Korea': 'KR', 'Republik Korea': 'KR', 'Süd-Korea': 'KR',
  'Russian Federation': 'RU', 'Viet Nam': 'VN', 'Iran, Islamic Republic of': 'IR',
  'Taiwan, Province of China': 'TW', 'Moldova, Republic of': 'MD', 'Tanzania, United Republic of': 'TZ',
  'Bolivia, Plurinational State of': 'BO', 'Venezuela, Bolivarian Republic of': 'VE', 'Syrian Arab Republic': 'SY',
  "Lao People's Democratic Republic": 'LA', Hongkong: 'HK', 'Hong Kong': 'HK', Macau: 'MO', Macao: 'MO',
  VAE: 'AE', UAE: 'AE', 'Vereinigte Arabische Emirate': 'AE', Emirate: 'AE',
  Mazedonien: 'MK', Macedonia: 'MK', Burma: 'MM', Birma: 'MM', Swaziland: 'SZ', 'Ivory Coast': 'CI',
  Elfenbeinküste: 'CI', Vatikan: 'VA', 'Vatican City': 'VA', 'Cape Verde': 'CV', Kosovo: 'XK',
};

let aliasTable: Map<string, string> | null = null;
let nameTable: Map<string, string> | null = null;
const validCodes = new Set<string>([...ISO_COUNTRY_CODES, ...EXTRA_CODES]);

/*
 * Countries are matched with umlauts stripped (ä→a) but registered under both spellings, so
 * "Österreich", "Osterreich" and "Oesterreich" all find AT; spaces are dropped so "Neu Seeland" and
 * "Neuseeland" meet.
 */
function lookupKey(text: string): string {
  return foldText(text, 'strip').replace(/ /g, '');
}

function register(table: Map<string, string>, name: string, code: string): void {
  for (const key of [lookupKey(name), foldText(name, 'expand').replace(/ /g, '')]) {
    // First registration wins: German names are added first, so a clash resolves the German way.
    if (key !== '' && !table.has(key)) table.set(key, code);
  }
}

function aliases(): Map<string, string> {
  if (aliasTable) return aliasTable;
  const table = new Map<string, string>();
  for (const [alias, code] of Object.entries(ALIASES)) register(table, alias, code);
  aliasTable = table;
  return table;
}

function names(): Map<string, string> {
  if (nameTable) return nameTable;
  const table = new Map<string, string>();
  for (const locale of ['de', 'en', 'fr']) {
    for (const style of ['long', 'short'] as const) {
      const display = new Intl.DisplayNames([locale], { type: 'region', style, fallback: 'none' });
      for (const code of validCodes) {
        const name = display.of(code);
        // Short forms of three letters or fewer are abbreviations, not names: French "R.-U." (Royaume-Uni)
        // folds to "ru", which is Russia's code.
        if (name !== undefined && lookupKey(name).length > 3) register(table, name, code);
      }
    }
  }
  nameTable = table;
  return table;
}

/**
 * ISO 3166-1 alpha-2 code for a country name or code in German, English or French (case-, accent- and
 * punctuation-insensitive: "deutschland", "U.S.A.", "Côte d'Ivoire", "Cote dIvoire"), or null when the
 * value is not a country — including regions such as "Québec", "Bayern" or "Sophia Antipolis".
 * Order: the alias table (so "UK" and "D" work), then alpha-2 codes, then the names.
 */
function countryCodeUncached(raw: string): string | null {
  const key = lookupKey(raw);
  if (key === '') return null;
  const alias = aliases().get(key);
  if (alias !== undefined) return alias;
  const upper = key.toUpperCase();
  if (/^[A-Z]{2}$/.test(upper)) return validCodes.has(upper) ? upper : null;
  return names().get(key) ?? null;
}

const displayCache = new Map<string, Intl.DisplayNames>();

/**
 * Display name of a country code in the UI language ("DE" → "Deutschland" / "Germany"). Unknown or
 * malformed codes come back as they are, so a bad value stays visible instead of disappearing.
 */
export function countryName(code: string, locale: 'de' | 'en'): string {
  const upper = code.trim().toUpperCase();
  if (!validCodes.has(upper)) return code;
  let display = displayCache.get(locale);
  if (!display) {
    display = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    displayCache.set(locale, display);
  }
  return display.of(upper) ?? upper;
}

/** Memoised: see memo.ts. */
export const countryCode = memoised(countryCodeUncached);
