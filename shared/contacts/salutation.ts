/**
 * Salutations, academic titles and full names as member lists write them ("Frau Dr.", "Hr. Prof. Dr.-Ing.",
 * "Mme", "Müller, Jana", "Prof. Dr. Hans-Peter von der Heide").
 *
 * German letters address people with salutation and title ("Sehr geehrte Frau Prof. Dr. Müller"), so both
 * are kept, separately: the salutation as one of the closed codes in shared/domain.ts, the title as text
 * in a normalised spelling so that "Prof Dr", "prof. dr." and "Professor Dr." print the same way.
 */
import type { Salutation } from '../domain';
import { cleanText } from './cleaning';

export interface NamePrefix {
  /** The salutation found, or null when the text names none (which is not the same as "none" given). */
  salutation: Salutation | null;
  /** Recognised titles in their normalised spelling, in the order given. */
  titles: string[];
  /** What follows the salutation and titles, cleaned. */
  rest: string;
}

/* After an abbreviation without its dot, the next thing must be a space, a comma or the end. */
const END = String.raw`(?:\.|(?=[\s,;]|$))`;

const COURTESY = /^(?:sehr\s+geehrte[rs]?|liebe[rs]?|dear|hallo|hello|bonjour|chère|cher)\s+/iu;

const SALUTATIONS: readonly (readonly [RegExp, Salutation])[] = [
  // "M." is Monsieur only when a space or the end follows; "M.Sc." and "M.A." are degrees.
  // No "Sr."/"Sra.": in German lists "Sr." is a nun (Schwester), not Señor.
  [/^(?:frau|fr\.|fr(?=\s|$)|mrs\.?|ms\.?|miss|madame|mme\.?|mlle\.?|mademoiselle|señora)(?=[\s,]|$)/iu, 'frau'],
  [/^(?:herrn?|hr\.|hr(?=\s|$)|mr\.?|monsieur|m\.|messrs?\.?|señor)(?=[\s,]|$)/iu, 'herr'],
  [/^(?:divers|mx\.?)(?=[\s,]|$)/iu, 'divers'],
  // "Firma"/"Familie" stand where a salutation would; they say explicitly that there is none.
  [/^(?:firma|familie|company|keine\s+angabe|ohne(?:\s+anrede)?|none)(?=[\s,]|$)/iu, 'none'],
];

/* Gender columns ("Geschlecht": m/w/d) arrive as one word or letter; only a whole value counts. */
const WHOLE_VALUE: Readonly<Record<string, Salutation>> = {
  m: 'herr',
  w: 'frau',
  f: 'frau',
  d: 'divers',
  x: 'divers',
  männlich: 'herr',
  weiblich: 'frau',
  male: 'herr',
  female: 'frau',
  mann: 'herr',
  diverse: 'divers',
  'non-binary': 'divers',
  nichtbinär: 'divers',
  unspecified: 'none',
  unbekannt: 'none',
};

const FACULTIES: Readonly<Record<string, string>> = {
  rernat: 'rer. nat.',
  rerpol: 'rer. pol.',
  reroec: 'rer. oec.',
  rermedic: 'rer. medic.',
  rertechn: 'rer. techn.',
  meddent: 'med. dent.',
  medvet: 'med. vet.',
  med: 'med.',
  phil: 'phil.',
  jur: 'jur.',
  oec: 'oec.',
  theol: 'theol.',
  paed: 'paed.',
  schum: 'sc. hum.',
  techn: 'techn.',
  sc: 'sc.',
  hc: 'h. c.',
};

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/* Title atoms, tried in order at the current position; each gives its normalised spelling. */
const TITLE_ATOMS: readonly (readonly [RegExp, (m: RegExpExecArray) => string])[] = [
  [new RegExp(String.raw`^dr(?:\.\s*-?|\s*-\s*|\s+)\s*ing${END}`, 'iu'), () => 'Dr.-Ing.'],
  // A faculty needs its dot: "Dr. Phil Collins" is a doctor called Phil, "Dr. phil. Müller" a philosopher.
  [
    /^dr(?:\.\s*|\s+)(rer\.\s*(?:nat|pol|oec|medic|techn)|med\.\s*(?:dent|vet)|med|phil|jur|oec|theol|paed|sc\.\s*hum|techn|sc|h\.\s*c)\./iu,
    (m) => `Dr. ${FACULTIES[(m[1] ?? '').toLowerCase().replace(/[.\s]/g, '')] ?? ''}`.trim(),
  ],
  [new RegExp(`^dr${END}`, 'iu'), () => 'Dr.'],
  [new RegExp(`^prof(?:essor(?:in)?)?${END}`, 'iu'), () => 'Prof.'],
  [new RegExp(`^habil${END}`, 'iu'), () => 'habil.'],
  [/^h\.\s*c\./iu, () => 'h. c.'],
  [new RegExp(String.raw`^priv\.?\s*-?\s*doz${END}`, 'iu'), () => 'Priv.-Doz.'],
  [new RegExp(`^pd${END}`, 'iu'), () => 'PD'],
  [
    new RegExp(String.raw`^dipl(?:\.\s*-?\s*|\s*-\s*|\s+)(\p{L}+)(?:\.?\s*-\s*(\p{L}+))?${END}`, 'iu'),
    (m) => `Dipl.-${capitalise(m[1] ?? '')}.${m[2] ? `-${capitalise(m[2])}.` : ''}`,
  ],
  [/^\((fh|th|uni|ba)\)/iu, (m) => `(${(m[1] ?? '').toUpperCase()})`],
  // Bare "Ing" and "Mag" need the dot: without it they are more often names than Austrian titles.
  [/^ing\./iu, () => 'Ing.'],
  [/^mag\./iu, () => 'Mag.'],
  [new RegExp(String.raw`^m\.?\s?sc${END}`, 'iu'), () => 'M.Sc.'],
  [new RegExp(String.raw`^b\.?\s?sc${END}`, 'iu'), () => 'B.Sc.'],
  [/^m\.\s?eng\./iu, () => 'M.Eng.'],
  [/^b\.\s?eng\./iu, () => 'B.Eng.'],
  [/^m\.\s?a\./iu, () => 'M.A.'],
  [/^b\.\s?a\./iu, () => 'B.A.'],
  [/^ll\.\s?m\./iu, () => 'LL.M.'],
  [new RegExp(`^mba${END}`, 'iu'), () => 'MBA'],
  [new RegExp(String.raw`^ph\.?\s?d${END}`, 'iu'), () => 'PhD'],
];

function matchTitle(text: string): { title: string; length: number } | null {
  for (const [pattern, normalise] of TITLE_ATOMS) {
    const m = pattern.exec(text);
    if (m) return { title: normalise(m), length: m[0].length };
  }
  return null;
}

/*
 * The order German usage prints titles in: "Prof. Dr.-Ing. habil. Dipl.-Kfm." — whatever order the cells
 * gave. Unknown words ("Senator a. D.") keep their place relative to each other, after the known titles;
 * post-nominal degrees go last.
 */
function titleRank(title: string): number {
  if (title === 'Prof.') return 0;
  if (title === 'PD' || title === 'Priv.-Doz.') return 1;
  if (title.startsWith('Dr.')) return 2;
  if (title === 'habil.' || title === 'h. c.') return 3;
  if (title.startsWith('Dipl.-') || title.startsWith('(') || title === 'Ing.' || title === 'Mag.') return 4;
  if (['M.Sc.', 'B.Sc.', 'M.Eng.', 'B.Eng.', 'M.A.', 'B.A.', 'LL.M.', 'MBA', 'PhD'].includes(title)) return 6;
  return 5;
}

/** Titles joined in conventional order ("Dr.", "Prof." → "Prof. Dr."), or null when there are none. */
export function formatTitles(titles: readonly string[]): string | null {
  if (titles.length === 0) return null;
  // Array.prototype.sort is stable, so equal ranks ("Dr. Dr.", "(FH)" after its Dipl.) keep their order.
  return [...titles].sort((a, b) => titleRank(a) - titleRank(b)).join(' ');
}

/** Adds titles without repeating one that is already there ("Dr." from Anrede and from Titel). */
export function mergeTitles(into: string[], more: readonly string[]): string[] {
  for (const t of more) if (!into.includes(t)) into.push(t);
  return into;
}

/**
 * Reads a salutation and titles from the start of a text and returns what is left. The building block of
 * `parseSalutation`, `splitFullName` and the import's Anrede/Titel columns. With `genderWords`, a whole
 * cell that is a gender word or letter ("w", "männlich", "female") gives the salutation too.
 */
export function parseNamePrefix(raw: string, options: { genderWords?: boolean } = {}): NamePrefix {
  let text = cleanText(raw);
  // Only a salutation cell may be a bare gender word: in a name cell "Mann" is a family name.
  const whole = options.genderWords ? WHOLE_VALUE[text.toLowerCase().replace(/\.$/, '')] : undefined;
  if (whole !== undefined) return { salutation: whole, titles: [], rest: '' };
  let salutation: Salutation | null = null;
  const courtesy = COURTESY.exec(text);
  if (courtesy) text = text.slice(courtesy[0].length);
  for (const [pattern, value] of SALUTATIONS) {
    const m = pattern.exec(text);
    if (m) {
      salutation = value;
      text = text.slice(m[0].length);
      break;
    }
  }
  const titles: string[] = [];
  for (;;) {
    text = text.replace(/^[\s,;]+/u, '');
    const found = matchTitle(text);
    if (!found) break;
    // Pushed, not merged: "Dr. Dr." is a real double doctorate.
    titles.push(found.title);
    text = text.slice(found.length);
  }
  return { salutation, titles, rest: text.trim() };
}

/* A rest that names a second person ("Herr und Frau", "Frau/Herr") means nobody in particular. */
const SECOND_SALUTATION = /(?:^|[\s/&,])(?:frau|herrn?|mr|mrs|ms|madame|monsieur)\.?(?=[\s/&,]|$)/iu;

/**
 * Reads an Anrede/salutation cell: "Frau", "Fr.", "Herr", "Hr.", "Mrs", "Ms.", "Miss", "Mr.", "Madame",
 * "Mme", "Monsieur", "M.", "divers", "Mx", gender letters (m/w/d) → the salutation; titles inside ("Frau
 * Dr.", "Herr Prof. Dr.-Ing.", "Dr.", "Dipl.-Ing.") → `title` in normalised spelling ("Prof. Dr.").
 * Words that follow a recognised salutation or title but are no known title ("Frau Ministerin") are kept
 * in `title`, since they are part of how the person is addressed. A cell without anything recognisable,
 * or one addressing two people ("Herr und Frau", "Frau/Herr"), gives "none".
 */
export function parseSalutation(raw: string): { salutation: Salutation; title: string | null } {
  const { salutation, titles, rest } = parseNamePrefix(raw, { genderWords: true });
  if (rest !== '' && SECOND_SALUTATION.test(rest)) {
    return { salutation: 'none', title: formatTitles(titles) };
  }
  if (salutation === null && titles.length === 0) return { salutation: 'none', title: null };
  return { salutation: salutation ?? 'none', title: formatTitles(rest === '' ? titles : [...titles, rest]) };
}

/* Lower-case particles that begin a family name; noble titles too, since they stand inside the name. */
const PARTICLES = new Set([
  'von', 'vom', 'zu', 'zum', 'zur', 'van', "van't", 'de', 'der', 'den', 'des', 'du', 'le', 'la', 'les', 'ten', 'ter',
  'te', 'op', 'da', 'di', 'del', 'della', 'dei', 'dos', 'das', 'do', 'af', 'av', 'freiherr', 'freifrau', 'freiin',
  'graf', 'gräfin', 'baron', 'baronin', 'prinz', 'prinzessin', 'ritter', 'edler', 'edle',
]);

/* Post-nominal degrees after the name: "Jana Müller M.Sc.", "Jana Müller, PhD". */
function takeTrailingTitles(tokens: string[]): string[] {
  const found: string[] = [];
  while (tokens.length > 1) {
    const last = (tokens[tokens.length - 1] ?? '').replace(/^,|,$/g, '');
    const m = matchTitle(last);
    if (!m || m.length !== last.length) break;
    found.unshift(m.title);
    tokens.pop();
  }
  return found;
}

function splitTokens(text: string): string[] {
  return text.split(' ').map((t) => t.replace(/,$/, '')).filter((t) => t !== '');
}

export interface SplitName {
  first: string | null;
  last: string | null;
  title: string | null;
  salutation: Salutation;
}

/** `splitFullName` with the titles as a list and "no salutation found" as null, for merging. */
export interface SplitNameParts {
  first: string | null;
  last: string | null;
  titles: string[];
  salutation: Salutation | null;
}

/** The parts behind `splitFullName`; the import merges them with its Anrede/Titel columns. */
export function splitFullNameParts(full: string): SplitNameParts {
  const text = cleanText(full);
  const titles: string[] = [];
  let salutation: Salutation | null = null;
  let first: string | null = null;
  let last: string | null = null;

  const comma = text.indexOf(',');
  const afterComma = comma >= 0 ? text.slice(comma + 1).trim() : '';
  const afterTokens = splitTokens(afterComma);
  const postNominalOnly = afterTokens.length > 0 && takeTrailingTitles(['', ...afterTokens]).length === afterTokens.length;

  if (comma >= 0 && !postNominalOnly && afterComma !== '') {
    // "Müller, Jana": family name first, as sorted lists write it.
    const before = parseNamePrefix(text.slice(0, comma));
    const after = parseNamePrefix(afterComma);
    salutation = after.salutation ?? before.salutation;
    mergeTitles(titles, before.titles);
    mergeTitles(titles, after.titles);
    const firstTokens = splitTokens(after.rest);
    mergeTitles(titles, takeTrailingTitles(firstTokens));
    first = firstTokens.length > 0 ? firstTokens.join(' ') : null;
    last = before.rest === '' ? null : before.rest;
  } else {
    const prefix = parseNamePrefix(text.replace(/,/g, ' '));
    salutation = prefix.salutation;
    titles.push(...prefix.titles);
    const tokens = splitTokens(prefix.rest);
    mergeTitles(titles, takeTrailingTitles(tokens));
    if (tokens.length === 1) {
      last = tokens[0] ?? null;
    } else if (tokens.length > 1) {
      let split = tokens.length - 1;
      for (let i = 1; i < tokens.length - 1; i++) {
        if (PARTICLES.has((tokens[i] ?? '').toLowerCase())) {
          split = i;
          break;
        }
      }
      first = tokens.slice(0, split).join(' ');
      last = tokens.slice(split).join(' ');
    }
  }
  return { first, last, titles, salutation };
}

/**
 * Splits one "Name" cell into salutation, title, first and last name. Understands "Dr. Jana Müller",
 * "Müller, Jana", "Müller, Dr. Jana", "Frau Prof. Dr. Jana Müller", "Jana Müller, PhD" and keeps name
 * particles with the family name ("Prof. Dr. Hans-Peter von der Heide" → last "von der Heide"; also
 * van, de, du, le, zu, da, …). A single word is taken as the family name, since that is what a letter
 * needs ("Sehr geehrter Herr Müller"). "M." before a name is read as Monsieur, not as an initial.
 */
export function splitFullName(full: string): SplitName {
  const parts = splitFullNameParts(full);
  return {
    first: parts.first,
    last: parts.last,
    title: formatTitles(parts.titles),
    salutation: parts.salutation ?? 'none',
  };
}
