import { useCallback, useEffect, useState } from 'react';
import type { Input, Method, Output } from '../../shared/api';
import { call } from './api';

export interface ApiState<M extends Method> {
  data: Output<M> | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads one method's result and reloads on demand; the input is compared by value to avoid loops. */
export function useApi<M extends Method>(method: M, input: Input<M>): ApiState<M> {
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ data: Output<M> | undefined; error: unknown; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: true,
  });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    call(method, JSON.parse(key) as Input<M>).then(
      (data) => live && setState({ data, error: undefined, loading: false }),
      (error: unknown) => live && setState({ data: undefined, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [method, key, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { ...state, reload };
}
