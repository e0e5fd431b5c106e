import { describe, expect, it } from 'vitest';
import { countryCode, countryName, ISO_COUNTRY_CODES } from './countries';

describe('countryCode', () => {
  it('knows the spellings member lists use for Germany', () => {
    for (const value of ['Deutschland', 'deutschland', 'DEUTSCHLAND', 'Germany', 'DE', 'de', 'D', 'DEU', 'BRD', 'Bundesrepublik Deutschland', ' Deutschland\u00A0', 'Allemagne']) {
      expect(countryCode(value), value).toBe('DE');
    }
  });

  it('maps the partner-region countries and neighbours in German, English and French', () => {
    const cases: [string, string][] = [
      ['Frankreich', 'FR'],
      ['France', 'FR'],
      ['FR', 'FR'],
      ['Singapur', 'SG'],
      ['Singapore', 'SG'],
      ['Kanada', 'CA'],
      ['Canada', 'CA'],
      ['USA', 'US'],
      ['U.S.A.', 'US'],
      ['United States', 'US'],
      ['Vereinigte Staaten', 'US'],
      ['États-Unis', 'US'],
      ['UK', 'GB'],
      ['Großbritannien', 'GB'],
      ['Grossbritannien', 'GB'],
      ['United Kingdom', 'GB'],
      ['Vereinigtes Königreich', 'GB'],
      ['England', 'GB'],
      ['Schweiz', 'CH'],
      ['Switzerland', 'CH'],
      ['Suisse', 'CH'],
      ['Österreich', 'AT'],
      ['Oesterreich', 'AT'],
      ['Osterreich', 'AT'],
      ['Austria', 'AT'],
      ['AUT', 'AT'],
      ['Niederlande', 'NL'],
      ['Netherlands', 'NL'],
      ['Pays-Bas', 'NL'],
      ['Holland', 'NL'],
      ['Tschechei', 'CZ'],
      ['Tschechien', 'CZ'],
      ['Czech Republic', 'CZ'],
      ['Polen', 'PL'],
      ['Südkorea', 'KR'],
      ['South Korea', 'KR'],
      ['Türkei', 'TR'],
      ['Turkey', 'TR'],
      ['Côte d’Ivoire', 'CI'],
      ["Cote d'Ivoire", 'CI'],
      ['Elfenbeinküste', 'CI'],
      ['Hongkong', 'HK'],
      ['Kosovo', 'XK'],
      ['Russland', 'RU'],
      ['RU', 'RU'],
      ['Weißrussland', 'BY'],
      ['VAE', 'AE'],
      ['EL', 'GR'],
    ];
    for (const [value, code] of cases) expect(countryCode(value), value).toBe(code);
  });

  it('returns null for regions, cities and nonsense', () => {
    for (const value of ['Québec', 'Quebec', 'Bayern', 'Sachsen-Anhalt', 'Sophia Antipolis', 'Magdeburg', 'EU', 'XX', 'Europa', '', '   ', 'Korea', '-']) {
      expect(countryCode(value), value).toBeNull();
    }
  });

  it('has the 249 ISO codes, each mapping to itself and from its German and English name', () => {
    expect(ISO_COUNTRY_CODES).toHaveLength(249);
    expect(new Set(ISO_COUNTRY_CODES).size).toBe(249);
    for (const code of ISO_COUNTRY_CODES) {
      expect(countryCode(code), code).toBe(code);
      expect(countryCode(code.toLowerCase()), code).toBe(code);
      expect(countryCode(countryName(code, 'de')), `${code} ${countryName(code, 'de')}`).toBe(code);
      expect(countryCode(countryName(code, 'en')), `${code} ${countryName(code, 'en')}`).toBe(code);
    }
  });
});

describe('countryName', () => {
  it('names countries in the UI language', () => {
    expect(countryName('DE', 'de')).toBe('Deutschland');
    expect(countryName('DE', 'en')).toBe('Germany');
    expect(countryName('sg', 'de')).toBe('Singapur');
    expect(countryName('FR', 'en')).toBe('France');
  });

  it('shows unknown codes as they are', () => {
    expect(countryName('ZZ', 'de')).toBe('ZZ');
    expect(countryName('Deutschland', 'en')).toBe('Deutschland');
  });
});
