import { useCallback, useEffect, useState, type DependencyList } from 'react';

export type Async<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: Error }
  | { readonly state: 'ready'; readonly value: T };

/** Runs `load` when `deps` change (skipped when `enabled` is false); `reload` runs it again. */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, enabled = true): [Async<T>, () => void] {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    setResult((previous) => (previous.state === 'ready' ? previous : { state: 'loading' }));
    load().then(
      (value) => live && setResult({ state: 'ready', value }),
      (error: unknown) => live && setResult({ state: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick, enabled]);
  return [result, useCallback(() => setTick((t) => t + 1), [])];
}

/** `value`, once it has stopped changing for `ms` (a dragged slider asks the API once, not per step). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
