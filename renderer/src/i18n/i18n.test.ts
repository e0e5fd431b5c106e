import { describe, expect, it } from 'vitest';
import { ORGANISATION_KINDS } from '../../../shared/domain';
import { ROUTES, routeFromHash } from '../routes';
import { de } from './de';
import { en } from './en';

function leaves(obj: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else if (v && typeof v === 'object') for (const [kk, vv] of leaves(v as object, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

describe('translations', () => {
  const d = leaves(de);
  const e = leaves(en);
  it('have the same keys in German and English, none empty', () => {
    expect([...e.keys()].sort()).toEqual([...d.keys()].sort());
    for (const [k, v] of [...d, ...e]) expect(v.trim(), k).not.toBe('');
  });
  it('use the same placeholders in both languages', () => {
    const vars = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
    for (const [k, v] of d) expect(vars(e.get(k) ?? ''), k).toEqual(vars(v));
  });
  it('name every organisation kind and every section', () => {
    for (const k of ORGANISATION_KINDS) expect(d.has(`kinds.${k}`) && e.has(`kinds.${k}`), k).toBe(true);
    for (const r of ROUTES) expect(d.has(`nav.${r}`), r).toBe(true);
  });
  it('say cluster/network together, as the users do', () => {
    expect(de.kinds.cluster_management).toContain('Cluster-/Netzwerk');
    expect(en.kinds.cluster_management).toContain('Cluster/network');
  });
});

describe('routes', () => {
  it('read the section from the hash and fall back to the dashboard', () => {
    expect(routeFromHash('#/settings')).toBe('settings');
    expect(routeFromHash('#/contacts?x=1')).toBe('contacts');
    expect(routeFromHash('#token=abc')).toBe('dashboard');
    expect(routeFromHash('')).toBe('dashboard');
    expect(routeFromHash('#/__proto__')).toBe('dashboard');
  });
});
