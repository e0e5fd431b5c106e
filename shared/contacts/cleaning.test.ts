import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  cleanEmail,
  cleanMultiline,
  cleanPhone,
  cleanPostcode,
  cleanText,
  cleanWebsite,
  emailKey,
  foldText,
  nameKey,
  neutraliseFormula,
  organisationKey,
} from './cleaning';

describe('cleanText', () => {
  it('leaves ordinary names exactly as they are, umlauts included', () => {
    for (const name of ['Jürgen Weiß-Öztürk', 'Zoë Ålander', 'Łukasz Wróbel', 'José Núñez', 'Søren Ærø', 'François Lefèvre']) {
      expect(cleanText(name)).toBe(name);
    }
  });

  it('composes decomposed umlauts (macOS exports) to NFC', () => {
    const nfd = 'Mu\u0308ller';
    expect(nfd).not.toBe('Müller');
    expect(cleanText(nfd)).toBe('Müller');
    expect(cleanText('Ju\u0308rgen Wei\u00DF')).toBe('Jürgen Weiß');
  });

  it('turns NBSP and its relatives into one plain space', () => {
    expect(cleanText('Jana\u00A0Müller')).toBe('Jana Müller');
    expect(cleanText('Jana\u202FMüller')).toBe('Jana Müller');
    expect(cleanText('Jana\u2007Müller')).toBe('Jana Müller');
    expect(cleanText('山田\u3000太郎')).toBe('山田 太郎');
    expect(cleanText('Jana \u00A0\u2009 Müller')).toBe('Jana Müller');
  });

  it('collapses tabs, runs of spaces and stray line breaks and trims', () => {
    expect(cleanText('  Carbonwerk\t\tMagdeburg   GmbH \r\n')).toBe('Carbonwerk Magdeburg GmbH');
    expect(cleanText('Leichtbau-\nCluster')).toBe('Leichtbau- Cluster');
    expect(cleanText('a\u2028b\u0085c')).toBe('a b c');
  });

  it('removes zero-width characters, BOM, word joiner and soft hyphen', () => {
    expect(cleanText('\uFEFFJana')).toBe('Jana');
    expect(cleanText('Jana\u200BMüller')).toBe('JanaMüller');
    expect(cleanText('Leicht\u00ADbau')).toBe('Leichtbau');
    expect(cleanText('Mül\u2060ler')).toBe('Müller');
    expect(cleanText('Ja\u200Dna\u200C')).toBe('Jana');
  });

  it('removes control characters', () => {
    expect(cleanText('Jana\u0000\u0007Müller\u007F\u0090')).toBe('JanaMüller');
  });

  it('keeps joiners inside emoji sequences and non-Latin words', () => {
    for (const value of ['👨‍👩‍👧‍👦', '🦹🏿‍♂️', 'می‌خواهم', 'జ్ఞ‌ా', 'क्‍ष']) {
      expect(cleanText(value)).toBe(value);
    }
  });

  it('leaves right-to-left names and emoji untouched', () => {
    for (const value of ['محمد الأحمد', 'דוד כהן', 'Ahmed 🚀', '🏴󠁧󠁢󠁳󠁣󠁴󠁿 Glasgow']) {
      expect(cleanText(value)).toBe(value);
    }
  });

  it('replaces a lone surrogate (broken reader) with U+FFFD', () => {
    expect(cleanText('Jana\uD800')).toBe('Jana\uFFFD');
  });
});

describe('cleanMultiline', () => {
  it('keeps line breaks, normalises them to LF and trims each line end', () => {
    expect(cleanMultiline('\r\n  Erstkontakt Messe JEC 2025  \r\nRückruf\u00A0erbeten\t\r\n\r\n- Folie schicken\r\n\r\n')).toBe(
      '  Erstkontakt Messe JEC 2025\nRückruf erbeten\n\n- Folie schicken',
    );
    expect(cleanMultiline('a\rb\u2028c')).toBe('a\nb\nc');
  });

  it('composes NFD and drops invisible debris', () => {
    expect(cleanMultiline('Mu\u0308ller\u200B ruft an')).toBe('Müller ruft an');
  });
});

describe('cleanEmail', () => {
  it('strips mailto: in any case and lower-cases only the domain', () => {
    expect(cleanEmail('MAILTO:Jana.Mueller@Carbonwerk.EXAMPLE')).toEqual({ email: 'Jana.Mueller@carbonwerk.example' });
    expect(cleanEmail('mailto:jana.mueller@carbonwerk.example?subject=Einladung%20Workshop')).toEqual({
      email: 'jana.mueller@carbonwerk.example',
    });
  });

  it('removes zero-width characters and bidi marks inside the address', () => {
    expect(cleanEmail('jana.mue\u200Bller@carbon\u200Dwerk.example')).toEqual({ email: 'jana.mueller@carbonwerk.example' });
    expect(cleanEmail('\u200Ejana@carbonwerk.example\u200F')).toEqual({ email: 'jana@carbonwerk.example' });
    expect(cleanEmail('\u00A0jana@carbonwerk.example\u00A0')).toEqual({ email: 'jana@carbonwerk.example' });
  });

  it('takes the address out of display names, brackets and quotes', () => {
    expect(cleanEmail('Jana Müller <jana.mueller@carbonwerk.example>')).toEqual({ email: 'jana.mueller@carbonwerk.example' });
    expect(cleanEmail('"Müller, Jana" <Jana.Mueller@Carbonwerk.example>')).toEqual({ email: 'Jana.Mueller@carbonwerk.example' });
    expect(cleanEmail('<p.dubois@photonique-sophia.example>')).toEqual({ email: 'p.dubois@photonique-sophia.example' });
    expect(cleanEmail("'lee.wei@a-star-composites.example'")).toEqual({ email: 'lee.wei@a-star-composites.example' });
    expect(cleanEmail('„info@leichtbau-cluster.example“')).toEqual({ email: 'info@leichtbau-cluster.example' });
    expect(cleanEmail('jana@carbonwerk.example (Büro)')).toEqual({ email: 'jana@carbonwerk.example' });
    expect(cleanEmail('jana@carbonwerk.example;')).toEqual({ email: 'jana@carbonwerk.example' });
  });

  it('keeps IDN domains in Unicode, lower-cased', () => {
    expect(cleanEmail('Info@MÜLLER-Leichtbau.EXAMPLE')).toEqual({ email: 'Info@müller-leichtbau.example' });
  });

  it("accepts plus addressing and apostrophes", () => {
    expect(cleanEmail("sean.o'brien+cluster@composites.example")).toEqual({ email: "sean.o'brien+cluster@composites.example" });
  });

  it('reports empty and invalid values with the cleaned text', () => {
    expect(cleanEmail('')).toEqual({ error: 'empty', value: '' });
    expect(cleanEmail(' \u00A0\u200B ')).toEqual({ error: 'empty', value: '' });
    const invalid = [
      'jana',
      'jana@',
      '@carbonwerk.example',
      'jana@@carbonwerk.example',
      'jana@carbonwerk',
      'jana mueller@carbonwerk.example',
      'jana..mueller@carbonwerk.example',
      '.jana@carbonwerk.example',
      'jana.@carbonwerk.example',
      'jana@carbonwerk..example',
      'jana@-carbonwerk.example',
      'jana@carbonwerk-.example',
      'jana@192.168.0.1',
      'jana@carbonwerk.example, paul@carbonwerk.example',
      'Jana <jana@carbonwerk.example>, Paul <paul@carbonwerk.example>',
      `${'a'.repeat(65)}@carbonwerk.example`,
      'mailto:',
    ];
    for (const value of invalid) {
      const result = cleanEmail(value);
      expect(result, value).toEqual({ error: 'invalid', value: cleanText(value) });
    }
  });

  it('accepts a 64-character local part', () => {
    expect(cleanEmail(`${'a'.repeat(64)}@carbonwerk.example`)).toEqual({ email: `${'a'.repeat(64)}@carbonwerk.example` });
  });

  it('gives a fully lower-cased key for duplicate detection', () => {
    expect(emailKey('Jana.Mueller@carbonwerk.example')).toBe('jana.mueller@carbonwerk.example');
  });
});

describe('cleanPostcode', () => {
  it('keeps leading zeros and does not pad four digits', () => {
    expect(cleanPostcode('01067')).toBe('01067');
    expect(cleanPostcode('1067')).toBe('1067');
    expect(cleanPostcode(' 39104\u00A0')).toBe('39104');
    expect(cleanPostcode('SW1A  1AA')).toBe('SW1A 1AA');
    expect(cleanPostcode('')).toBeNull();
  });
});

describe('cleanPhone', () => {
  it('strips tel: and invisible marks but does not reformat', () => {
    expect(cleanPhone('tel:+49 391 6754-120')).toBe('+49 391 6754-120');
    expect(cleanPhone('TEL:+33 4 93 00 00 00')).toBe('+33 4 93 00 00 00');
    expect(cleanPhone('\u202D+65 6123 4567\u202C')).toBe('+65 6123 4567');
    expect(cleanPhone('0391 / 67 54 - 120')).toBe('0391 / 67 54 - 120');
    expect(cleanPhone('  ')).toBeNull();
  });
});

describe('cleanWebsite', () => {
  it('adds https:// when there is no scheme', () => {
    expect(cleanWebsite('www.carbonwerk.example')).toBe('https://www.carbonwerk.example');
    expect(cleanWebsite('carbonwerk.example/de/kontakt')).toBe('https://carbonwerk.example/de/kontakt');
    expect(cleanWebsite('carbonwerk.example:8080/status')).toBe('https://carbonwerk.example:8080/status');
    expect(cleanWebsite('//carbonwerk.example')).toBe('https://carbonwerk.example');
  });

  it('keeps http and https and lower-cases scheme and host only', () => {
    expect(cleanWebsite('HTTP://WWW.Carbonwerk.EXAMPLE/Produkte?Seite=2')).toBe('http://www.carbonwerk.example/Produkte?Seite=2');
    expect(cleanWebsite(' https://photonique-sophia.example/ ')).toBe('https://photonique-sophia.example/');
    expect(cleanWebsite('https://müller-leichtbau.example')).toBe('https://müller-leichtbau.example');
  });

  it('rejects other schemes, user-info, spaces and host-less values', () => {
    for (const value of ['javascript:alert(1)', 'ftp://carbonwerk.example', 'mailto:jana@carbonwerk.example', 'data:text/html,x', 'https://user@carbonwerk.example', 'www carbonwerk example', 'localhost', 'http://192.168.0.1', 'n/a', '']) {
      expect(cleanWebsite(value), value).toBeNull();
    }
  });
});

describe('duplicate keys', () => {
  it('folds German spellings so Müller = Mueller and Weiß = Weiss', () => {
    expect(nameKey('Jana', 'Müller')).toBe(nameKey('Jana', 'Mueller'));
    expect(nameKey('Jana', 'Mu\u0308ller')).toBe(nameKey('jana', 'MUELLER'));
    expect(nameKey('Tobias', 'Weiß')).toBe(nameKey('Tobias', 'Weiss'));
    expect(nameKey('Tobias', 'WEIẞ')).toBe(nameKey('Tobias', 'Weiss'));
    expect(nameKey('Özlem', 'Großmann')).toBe('oezlem|grossmann');
  });

  it('strips other diacritics, including letters that do not decompose', () => {
    expect(nameKey('Hélène', 'Lefèvre')).toBe('helene|lefevre');
    expect(nameKey('Łukasz', 'Wróbel')).toBe('lukasz|wrobel');
    expect(nameKey('Søren', 'Åberg')).toBe('soren|aberg');
    expect(foldText('Œuvre Æsir Þór Đorđe')).toBe('oeuvre aesir thor dorde');
  });

  it('ignores punctuation, hyphens and extra spaces', () => {
    expect(nameKey('Hans-Peter', 'von der Heide')).toBe(nameKey('Hans Peter', 'von  der Heide'));
    expect(nameKey('Seán', "O'Brien")).toBe(nameKey('Sean', 'OBrien'));
  });

  it('keeps first and last name apart and gives no key for an empty name', () => {
    expect(nameKey('Jana', 'Müller')).not.toBe(nameKey('Jana Müller', ''));
    expect(nameKey('', '')).toBe('');
    expect(nameKey(' ', '\u200B')).toBe('');
  });

  it('leaves non-Latin names distinct', () => {
    expect(nameKey('राहुल', 'शर्मा')).not.toBe(nameKey('रहल', 'शरम'));
    expect(nameKey('伟', '王')).toBe('伟|王');
  });

  it('drops legal forms from organisation names', () => {
    const base = organisationKey('Carbonwerk Magdeburg');
    expect(base).toBe('carbonwerk magdeburg');
    for (const name of [
      'Carbonwerk Magdeburg GmbH',
      'CARBONWERK MAGDEBURG GMBH',
      'Carbonwerk Magdeburg mbH',
      'Carbonwerk Magdeburg AG',
      'Carbonwerk Magdeburg KG',
      'Carbonwerk Magdeburg GmbH & Co. KG',
      'Carbonwerk Magdeburg e.V.',
      'Carbonwerk Magdeburg e. V.',
      'Carbonwerk Magdeburg eV',
      'Carbonwerk Magdeburg UG (haftungsbeschränkt)',
      'Carbonwerk Magdeburg SE',
      'Carbonwerk Magdeburg SAS',
      'Carbonwerk Magdeburg SARL',
      'Carbonwerk Magdeburg S.à r.l.',
      'Carbonwerk Magdeburg Ltd',
      'Carbonwerk Magdeburg Ltd.',
      'Carbonwerk Magdeburg Inc.',
      'Carbonwerk Magdeburg Pte Ltd',
      'Carbonwerk Magdeburg Pte. Ltd.',
      'Carbonwerk Magdeburg S.A.',
      'Carbonwerk Magdeburg, GmbH',
      'Carbonwerk\u00A0Magdeburg  GmbH',
    ]) {
      expect(organisationKey(name), name).toBe(base);
    }
  });

  it('never removes the whole name and leaves legal words inside a name', () => {
    expect(organisationKey('AG')).toBe('ag');
    expect(organisationKey('SE Composites GmbH')).toBe('se composites');
    expect(organisationKey('Fraunhofer-Institut für Werkstoffmechanik IWM')).toBe('fraunhofer institut fuer werkstoffmechanik iwm');
    expect(organisationKey('')).toBe('');
  });
});

describe('neutraliseFormula', () => {
  it('prefixes values a spreadsheet would evaluate', () => {
    expect(neutraliseFormula('=HYPERLINK("http://evil.example","Klick")')).toBe('\'=HYPERLINK("http://evil.example","Klick")');
    expect(neutraliseFormula('+49 391 6754-120')).toBe("'+49 391 6754-120");
    expect(neutraliseFormula('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseFormula('\t=1+1')).toBe("'\t=1+1");
    expect(neutraliseFormula('\r=1+1')).toBe("'\r=1+1");
  });

  it('also prefixes "-" and negative numbers, as accepted practice', () => {
    expect(neutraliseFormula('-')).toBe("'-");
    expect(neutraliseFormula('-5')).toBe("'-5");
  });

  it('leaves everything else alone', () => {
    for (const value of ['Müller', '', 'a=b', ' =1', '01067', 'info@carbonwerk.example']) {
      expect(neutraliseFormula(value)).toBe(value);
    }
  });
});

/* ----------------------------------------------------------------------------------------------------------
 * The Big List of Naughty Strings: what cleanText changes must be exactly the documented set.
 * -------------------------------------------------------------------------------------------------------- */

const REMOVED_OR_SPACED = new Set([0x00ad, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
const JOINERS = new Set([0x200c, 0x200d]);

/** Characters the single-line rules alter by themselves (context-free), as documented in cleaning.ts. */
function isAlteredChar(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (/\p{Cc}/u.test(ch)) return true;
  if (/[\p{Zs}\p{Zl}\p{Zp}]/u.test(ch) && cp !== 0x20) return true;
  if (REMOVED_OR_SPACED.has(cp)) return true;
  return ch.normalize('NFC') !== ch;
}

describe('cleanText against the documented set of altered characters', () => {
  it('alters exactly the documented characters, over every code point', () => {
    // "#" composes with nothing, so a combining mark next to it shows whether the rules touch the mark.
    const mismatches: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const sample = `#${ch}#`;
      const altered = cleanText(sample) !== sample;
      if (altered !== isAlteredChar(ch)) mismatches.push(cp.toString(16));
    }
    expect(mismatches).toEqual([]);
  });

  // The fixture lives in the workplace's shared folder, beside the repository.
  const file = fileURLToPath(new URL('../../../shared/fixtures/naughty-strings/blns.txt', import.meta.url));
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('reads the fixture', () => {
    expect(lines.length).toBeGreaterThan(500);
  });

  it('never throws and always yields clean, stable output', () => {
    for (const line of lines) {
      const cleaned = cleanText(line);
      expect(cleaned.normalize('NFC'), line).toBe(cleaned);
      expect(cleaned, line).toBe(cleaned.trim());
      expect(cleaned, line).not.toMatch(/ {2}/);
      for (const ch of cleaned) {
        const cp = ch.codePointAt(0) ?? 0;
        if (JOINERS.has(cp)) continue; // kept only between emoji or non-Latin letters, checked below
        expect(isAlteredChar(ch), `${line} → U+${cp.toString(16)}`).toBe(false);
      }
      expect(cleanText(cleaned), line).toBe(cleaned);
    }
  });

  it('returns every line without altered characters unchanged', () => {
    const untouched = lines.filter((line) => {
      if ([...line].some(isAlteredChar)) return false;
      if ([...line].some((ch) => JOINERS.has(ch.codePointAt(0) ?? 0))) return false;
      return line === line.trim() && !line.includes('  ');
    });
    expect(untouched.length).toBeGreaterThan(400);
    for (const line of untouched) expect(cleanText(line)).toBe(line);
  });

  it('keeps the joiners of the emoji and Telugu lines', () => {
    const withJoiners = lines.filter((line) => /[\u200C\u200D]/.test(line) && !/[\u200B\u2060\uFEFF\u00AD]/.test(line));
    expect(withJoiners.length).toBeGreaterThanOrEqual(3);
    for (const line of withJoiners) expect(cleanText(line)).toBe(line);
  });
});
