import { useCallback, useEffect, useState } from 'react';
import { userMessageOf, type UserMessage } from './errorMessages';

/** The state of {@link useLoad}. */
export interface Loaded<T> {
  data?: T;
  error?: UserMessage;
  /** The raw failure, to tell "endpoint missing" apart. */
  failure?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads `load()` once (and on reload), keeping the error as a user message. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Omit<Loaded<T>, 'reload'>>({ loading: true });
  const [key, setKey] = useState(0);
  useEffect(() => {
    let alive = true;
    setState((s) => ({ ...s, loading: true }));
    load().then((data) => alive && setState({ data, loading: false }),
      (failure: unknown) => alive && setState({ failure, error: userMessageOf(failure), loading: false }));
    return () => { alive = false; };
  }, [load, key]);
  const reload = useCallback(() => setKey((k) => k + 1), []);
  return { ...state, reload };
}
