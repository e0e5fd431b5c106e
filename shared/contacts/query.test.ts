import { describe, expect, it } from 'vitest';
import { formatQuery, parseQuery } from './query';

describe('contact search syntax', () => {
  it('splits free words from filters', () => {
    const { query, problems } = parseQuery('müller kind:startup funded:no country:de topic:"Additive Fertigung" -key:yes');
    expect(problems).toEqual([]);
    expect(query.words).toEqual(['müller']);
    expect(query.filters).toEqual([
      { key: 'kind', value: 'startup', negated: false },
      { key: 'funded', value: 'no', negated: false },
      { key: 'country', value: 'DE', negated: false },
      { key: 'topic', value: 'Additive Fertigung', negated: false },
      { key: 'key', value: 'yes', negated: true },
    ]);
  });

  it('understands German keys and yes/no words', () => {
    const { query } = parseQuery('gefördert:ja sprache:EN land:Fr einwilligung:newsletter');
    expect(query.filters).toEqual([
      { key: 'funded', value: 'yes', negated: false },
      { key: 'lang', value: 'en', negated: false },
      { key: 'country', value: 'FR', negated: false },
      { key: 'consent', value: 'newsletter', negated: false },
    ]);
  });

  it('reports unknown keys and invalid values instead of throwing', () => {
    const { query, problems } = parseQuery('colour:red kind:spaceship jana');
    expect(query.words).toEqual(['jana']);
    expect(query.filters).toEqual([]);
    expect(problems.map((p) => [p.token, p.code, p.key])).toEqual([
      ['colour:red', 'unknown_key', 'colour'],
      ['kind:spaceship', 'bad_value', 'kind'],
    ]);
  });

  it('keeps e-mail addresses and URLs as words', () => {
    expect(parseQuery('jana@carbonwerk.example').query.words).toEqual(['jana@carbonwerk.example']);
    expect(parseQuery('https://www.carbonwerk.example').query).toEqual({ words: ['https://www.carbonwerk.example'], filters: [] });
  });

  it('round-trips through formatQuery', () => {
    const text = 'müller kind:startup topic:"Additive Fertigung" -stale:yes';
    expect(formatQuery(parseQuery(text).query)).toBe(text);
    expect(parseQuery(formatQuery(parseQuery(text).query)).query).toEqual(parseQuery(text).query);
  });
});
