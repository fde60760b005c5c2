import { useEffect, useState } from 'react';
import { type Result } from '../../../../../../src/contract/result';

export interface Option {
  value: string;
  label: string;
}

export interface Lookup<O extends Option = Option> {
  options: O[];
  loading: boolean;
  error?: string;
}

/**
 * Options for a picker, loaded from an admin endpoint whenever what it depends on changes. An
 * answer that arrives after a newer request started is dropped, so fast typing in a search box
 * never shows the results of an older query. `load` returning undefined means "nothing to ask yet".
 */
export function useLookup<T, O extends Option = Option>(
  load: () => Promise<Result<T>> | undefined,
  toOptions: (value: T) => O[],
  deps: readonly unknown[],
): Lookup<O> {
  const [state, setState] = useState<Lookup<O>>({ options: [], loading: true });
  useEffect(() => {
    const pending = load();
    if (pending === undefined) {
      setState({ options: [], loading: false });
      return;
    }
    let live = true;
    setState((previous) => ({ options: previous.options, loading: true }));
    void pending.then((result) => {
      if (!live) return;
      setState(
        result.ok
          ? { options: toOptions(result.value), loading: false }
          : { options: [], loading: false, error: result.error.message },
      );
    });
    return () => {
      live = false;
    };
    // The caller lists what `load` reads; the loader itself is a fresh closure each render.
  }, deps);
  return state;
}

/** Keeps a saved value visible (and selected) even when the latest lookup did not return it. */
export function withCurrent(options: Option[], value: string, label: string): Option[] {
  if (value === '' || options.some((o) => o.value === value)) return options;
  return [{ value, label }, ...options];
}
