import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../../shared/contacts/import-schemas';
import { buildRequest, decisionsFor, defaultInputs, hasIdentity, inputProblems, localIsoDate, repeatedFields, samples, summaryCounts } from './importModel';

const preview: ImportPreview = {
  uploadId: 'u1',
  fileName: 'messe.csv',
  format: 'csv',
  encoding: 'windows-1252',
  delimiter: ';',
  sheets: [],
  sheet: null,
  columns: ['Vorname', 'E-Mail'],
  mapping: ['firstName', 'email'],
  shape: 'excel-de',
  rows: 4,
  preview: [
    { line: 2, cells: ['Jürgen', ''] },
    { line: 3, cells: ['', 'a@x.example'] },
    { line: 4, cells: ['Mia', 'b@x.example'] },
    { line: 5, cells: ['Ole', 'c@x.example'] },
  ],
  warnings: [],
};

describe('import wizard model', () => {
  it('takes the first non-empty sample values of a column', () => {
    expect(samples(preview, 0)).toEqual(['Jürgen', 'Mia', 'Ole']);
    expect(samples(preview, 1, 2)).toEqual(['a@x.example', 'b@x.example']);
    expect(samples(preview, 5)).toEqual([]);
  });

  it('needs an e-mail or a name column, and points out a field mapped twice', () => {
    expect(hasIdentity(['firstName', null])).toBe(false);
    expect(hasIdentity(['firstName', 'email'])).toBe(true);
    expect(hasIdentity(['fullName'])).toBe(true);
    expect(repeatedFields(['email', 'email', null, 'phone'])).toEqual(['email']);
  });

  it('builds the request only when source and (with consent) the wording are given', () => {
    const inputs = defaultInputs('Messe JEC 2026');
    expect(inputProblems(inputs)).toEqual({ source: false, wording: false });
    const decisions = new Map([[5, 'overwrite' as const], [3, 'skip' as const]]);
    expect(buildRequest('u1', ['firstName', 'email'], inputs, decisions)).toEqual({
      uploadId: 'u1',
      mapping: ['firstName', 'email'],
      onDuplicate: 'skip',
      decisions: [
        { line: 3, policy: 'skip' },
        { line: 5, policy: 'overwrite' },
      ],
      source: 'Messe JEC 2026',
    });
    expect(buildRequest('u1', ['firstName', 'email'], { ...inputs, source: '  ' }, decisions)).toBeNull();
    expect(buildRequest('u1', ['firstName', null], inputs, decisions)).toBeNull();
    const consent = { ...inputs, consent: true };
    expect(inputProblems(consent).wording).toBe(true);
    expect(buildRequest('u1', ['email'], consent, new Map())).toBeNull();
    expect(buildRequest('u1', ['email'], { ...consent, wording: 'NL v3', evidence: ' ' }, new Map())?.consent).toEqual({ purpose: 'newsletter', wordingVersion: 'NL v3' });
  });

  it('reads the counts stored with an earlier import, missing ones as 0', () => {
    expect(summaryCounts({ created: 2, updated: 1, skipped: 0, invalid: 'x' })).toEqual({ created: 2, updated: 1, skipped: 0, invalid: 0, organisationsCreated: 0 });
    expect(decisionsFor(new Map())).toEqual([]);
    expect(localIsoDate(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
