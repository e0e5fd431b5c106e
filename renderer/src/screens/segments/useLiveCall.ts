/**
 * A call that follows its input as the user edits: it waits `delayMs` after the last change, and only the
 * answer to the newest input is kept — a slow answer to an older rule never overwrites a newer count. The last
 * answer stays on screen while the next is on its way, so the number does not flicker away on every keystroke.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, Method, Output } from '../../../../shared/api';
import { call } from '../../api';

export interface LiveState<M extends Method> {
  data: Output<M> | undefined;
  error: unknown;
  /** A newer answer is being waited for. */
  loading: boolean;
  reload(): void;
  /**
   * Sends the call for an input the next render will ask for, straight from the event handler, so the
   * request travels while React renders the edit instead of after it.
   */
  prime(input: Input<M>): void;
}

/** `input` null: nothing to ask (yet); the state empties. Inputs are compared by value. */
export function useLiveCall<M extends Method>(method: M, input: Input<M> | null, delayMs: number): LiveState<M> {
  const key = input === null ? null : JSON.stringify(input);
  const latest = useRef(0);
  const primed = useRef<{ key: string; answer: Promise<Output<M>> } | null>(null);
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ data: Output<M> | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: key !== null });

  useEffect(() => {
    const ticket = ++latest.current;
    if (key === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    // A call primed for exactly this input is already on its way; it is taken once.
    const early = primed.current?.key === key ? primed.current.answer : null;
    primed.current = null;
    const timer = setTimeout(() => {
      (early ?? call(method, JSON.parse(key) as Input<M>)).then(
        (data) => {
          if (latest.current === ticket) setState({ data, error: undefined, loading: false });
        },
        (error: unknown) => {
          if (latest.current === ticket) setState((s) => ({ data: s.data, error, loading: false }));
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [method, key, delayMs, generation]);

  // Unmounted: any answer still on its way belongs to nobody.
  useEffect(
    () => () => {
      latest.current += 1;
    },
    [],
  );

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const prime = useCallback(
    (input: Input<M>) => {
      const next = JSON.stringify(input);
      if (primed.current?.key === next) return;
      const answer = call(method, input);
      // Its failure is reported by the effect that takes it; an answer nobody takes is dropped quietly.
      answer.catch(() => undefined);
      primed.current = { key: next, answer };
    },
    [method],
  );
  return { ...state, reload, prime };
}
