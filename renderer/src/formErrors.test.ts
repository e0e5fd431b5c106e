import { describe, expect, it } from 'vitest';
import { ApiCallError } from './api';
import { fieldErrorsOf, type ApiIssue } from './formErrors';

/** Maps only the issues on "name", as a form with that one field would. */
const toErrors = (issues: readonly ApiIssue[]): { name?: string } => {
  const out: { name?: string } = {};
  for (const i of issues) if (i.path === 'name') out.name = i.message;
  return out;
};

describe('fieldErrorsOf', () => {
  it('puts bad_input issues under the fields they name', () => {
    const err = new ApiCallError({ code: 'bad_input', message: 'Check the entries.', issues: [{ path: 'name', message: 'Enter a name.' }] });
    expect(fieldErrorsOf(err, toErrors)).toEqual({ name: 'Enter a name.' });
  });

  it('leaves the error whole when no issue concerns a shown field, when there are no issues, or when it is not bad_input', () => {
    const elsewhere = new ApiCallError({ code: 'bad_input', message: 'Check the entries.', issues: [{ path: 'other', message: 'x' }] });
    const bare = new ApiCallError({ code: 'bad_input', message: 'Check the entries.', issues: [] });
    const conflict = new ApiCallError({ code: 'conflict', message: 'Taken.', issues: [{ path: 'name', message: 'Taken.' }] });
    for (const err of [elsewhere, bare, conflict, new Error('offline')]) expect(fieldErrorsOf(err, toErrors)).toBeUndefined();
  });
});
