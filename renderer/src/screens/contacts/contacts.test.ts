import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../shared/contacts/query';
import { PAGE_SIZE, PageCache } from './pageCache';
import { classifyProblem, filterCount, filterValues, queryTokens, withFilterValues, withoutFilters } from './queryText';

describe('query text editing', () => {
  it('adds a filter after the free words and keeps them', () => {
    expect(withFilterValues('müller', 'kind', ['startup'])).toBe('müller kind:startup');
  });

  it('replaces only the positive filters of one key, leaving aliases of other keys and negations alone', () => {
    const text = 'carbon art:startup -kind:university land:de';
    expect(filterValues(text, 'kind')).toEqual(['startup']);
    expect(withFilterValues(text, 'kind', ['university'])).toBe('carbon -kind:university land:de kind:university');
    expect(withFilterValues(text, 'kind', [])).toBe('carbon -kind:university land:de');
    expect(filterValues('land:de', 'country')).toEqual(['DE']);
  });

  it('quotes values with spaces so they parse back to the same filter', () => {
    const text = withFilterValues('', 'topic', ['Additive Fertigung', 'Holz-Hybrid-Bau']);
    expect(text).toBe('topic:"Additive Fertigung" topic:Holz-Hybrid-Bau');
    expect(filterValues(text, 'topic')).toEqual(['Additive Fertigung', 'Holz-Hybrid-Bau']);
  });

  it('keeps quoted words and tokens the parser rejects', () => {
    const text = '"Dr. Weiß" foo:bar kind:nonsense key:yes';
    expect(queryTokens(text)).toEqual(['"Dr. Weiß"', 'foo:bar', 'kind:nonsense', 'key:yes']);
    expect(withFilterValues(text, 'key', ['no'])).toBe('"Dr. Weiß" foo:bar kind:nonsense key:no');
    expect(withoutFilters(text)).toBe('"Dr. Weiß" foo:bar kind:nonsense');
    expect(filterCount(text)).toBe(1);
  });

  it('phrases parser problems as unknown key or bad value', () => {
    const { problems } = parseQuery('foo:bar kind:nonsense art:xyz');
    expect(problems.map(classifyProblem)).toEqual([
      { kind: 'unknownKey', token: 'foo:bar' },
      { kind: 'badValue', token: 'kind:nonsense', key: 'kind' },
      { kind: 'badValue', token: 'art:xyz', key: 'kind' },
    ]);
  });
});

describe('page cache', () => {
  it('asks only for pages that are neither loaded nor pending, within the total', () => {
    const cache = new PageCache<number>('k', undefined);
    expect(cache.missing(0, 39)).toEqual([0]);
    cache.markPending(0);
    expect(cache.missing(0, 39)).toEqual([]);
    cache.store(0, Array.from({ length: PAGE_SIZE }, (_, i) => i), 450);
    expect(cache.row(5)).toBe(5);
    expect(cache.row(PAGE_SIZE)).toBeUndefined();
    expect(cache.missing(190, 1000)).toEqual([1, 2]);
    cache.markPending(1);
    cache.release(1);
    expect(cache.missing(190, 260)).toEqual([1]);
  });

  it('keeps at most maxPages, dropping the ones farthest away', () => {
    const cache = new PageCache<number>('k', undefined, 2);
    cache.store(0, [0], 10_000);
    cache.store(1, [1], 10_000);
    cache.store(5, [5], 10_000);
    expect(cache.has(0)).toBe(false);
    expect(cache.has(1) && cache.has(5)).toBe(true);
  });

  it('replaces an edited row in place', () => {
    const cache = new PageCache<{ id: number; name: string }>('k', undefined);
    cache.store(0, [{ id: 1, name: 'a' }, { id: 2, name: 'b' }], 2);
    expect(cache.replace((r) => r.id === 2, { id: 2, name: 'B' })).toBe(true);
    expect(cache.row(1)).toEqual({ id: 2, name: 'B' });
    expect(cache.loadedRows().map((r) => r.name)).toEqual(['a', 'B']);
  });
});
