import { useCallback, useEffect, useState } from 'react';
import { userMessageOf, type UserMessage } from '../../app/errorMessages';

/** One page of rows and the token of the next page (the API's Table continuation tokens). */
export interface RowPage<T> {
  rows: T[];
  continuationToken?: string;
}

/** What {@link usePagedRows} gives a list: the rows so far, whether more exist, and how to load them. */
export interface PagedRows<T> {
  rows: T[];
  next?: string;
  loading: boolean;
  error?: UserMessage;
  /** Loads the first page again (no token) or the page after `token`, added to the rows. */
  load: (token?: string) => void;
}

/** A list read page by page (a sync's change log, its skipped contacts); the first page on mount. */
export function usePagedRows<T>(fetchPage: (token?: string) => Promise<RowPage<T>>): PagedRows<T> {
  const [rows, setRows] = useState<T[]>([]);
  const [next, setNext] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<UserMessage>();
  const load = useCallback((token?: string) => {
    setLoading(true);
    fetchPage(token).then((page) => {
      setRows((previous) => (token ? [...previous, ...page.rows] : page.rows));
      setNext(page.continuationToken);
      setError(undefined);
    }, (failure: unknown) => setError(userMessageOf(failure))).finally(() => setLoading(false));
  }, [fetchPage]);
  useEffect(() => load(), [load]);
  return { rows, next, loading, error, load };
}
