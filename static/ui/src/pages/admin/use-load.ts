import { useCallback, useEffect, useRef, useState } from 'react';
import { type AppError, type Result } from '../../../../../src/contract/result';

/** Loading, loaded or failed: every section renders exactly one of these, never a blank. */
export type LoadState<T> = { status: 'loading' } | { status: 'error'; error: AppError } | { status: 'ready'; value: T };

export function useLoad<T>(load: () => Promise<Result<T>>): [LoadState<T>, () => void, (value: T) => void] {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // Callers pass a fresh arrow each render; only a retry (attempt) should load again.
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setState({ status: 'loading' });
    void loadRef.current().then((result) => {
      if (!live) return;
      setState(result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error });
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((value: T) => setState({ status: 'ready', value }), []);
  return [state, reload, replace];
}

/** Field errors from a zod issue list, keyed like the server's `fieldErrors` (path joined with '.'). */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.map(String).join('.') || '(form)'] ??= issue.message;
  return errors;
}
