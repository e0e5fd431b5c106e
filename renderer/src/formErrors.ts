/** Turning a rejected save into messages under the form's fields. */
import type { ApiErrorShape } from '../../shared/api';
import { ApiCallError } from './api';

export type ApiIssue = NonNullable<ApiErrorShape['issues']>[number];

/**
 * The field errors a `bad_input` rejection maps to, or undefined when the error is something else or none
 * of its issues concerns a field the form shows — then the caller shows the error as a whole, so nothing
 * the server said is lost.
 */
export function fieldErrorsOf<E extends object>(err: unknown, toErrors: (issues: readonly ApiIssue[]) => E): E | undefined {
  if (!(err instanceof ApiCallError) || err.shape.code !== 'bad_input' || !err.shape.issues?.length) return undefined;
  const mapped = toErrors(err.shape.issues);
  return Object.keys(mapped).length > 0 ? mapped : undefined;
}
