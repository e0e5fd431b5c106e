/** Calling the handler table as the renderer does (input validated, output checked), for service tests. */
import type { Input, Method } from '../../shared/api';
import type { Started } from '../app';

export async function call<M extends Method>(b: Pick<Started, 'table'>, method: M, input: Input<M>) {
  return b.table.dispatch(method, input);
}

/** The answer's value; a refusal fails the test with the handler's message. */
export async function ok<M extends Method>(b: Pick<Started, 'table'>, method: M, input: Input<M>) {
  const env = await call(b, method, input);
  if (!env.ok) throw new Error(`${method}: ${env.error.message}`);
  return env.value;
}
