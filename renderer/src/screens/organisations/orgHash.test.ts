import { describe, expect, it } from 'vitest';
import { listHash, parseOrgHash } from './orgHash';

describe('organisation addresses', () => {
  it('read list filters and organisation ids from the hash', () => {
    expect(parseOrgHash('#/organisations?nokey=1')).toEqual({ page: 'list', params: { query: '', membership: undefined, withoutKeyContact: true } });
    expect(parseOrgHash('#/organisations/42')).toEqual({ page: 'detail', id: 42 });
    expect(parseOrgHash('#/organisations?m=bogus&q=B%C3%B6rde')).toEqual({ page: 'list', params: { query: 'Börde', membership: undefined, withoutKeyContact: false } });
  });

  it('write list filters back so they read the same', () => {
    expect(listHash({ query: 'Börde Composites', membership: 'member', withoutKeyContact: true })).toBe('#/organisations?q=B%C3%B6rde+Composites&m=member&nokey=1');
    expect(listHash({ query: '', membership: undefined, withoutKeyContact: false })).toBe('#/organisations');
    const params = { query: 'a&b', membership: 'external', withoutKeyContact: false } as const;
    expect(parseOrgHash(listHash(params))).toEqual({ page: 'list', params });
  });
});
