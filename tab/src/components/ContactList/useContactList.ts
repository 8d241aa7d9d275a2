import { useCallback, useEffect, useRef, useState } from 'react';
import type { Contact } from '../../api/apiTypes';
import { useServices } from '../../app/appServices';
import { userMessageOf, type UserMessage } from '../../app/errorMessages';

/** Contacts asked per request: the server's paging, never the whole mailbox. */
export const PAGE_SIZE = 200;
const SEARCH_DELAY_MS = 300;

/** The state of {@link useContactList}. */
export interface ContactListState {
  rows: Contact[];
  more: boolean;
  loading: boolean;
  error?: UserMessage;
  search: string;
  setSearch: (text: string) => void;
  /** Asks for the next page when `index` (the last row in view) is near the end of what is loaded. */
  needRows: (index: number) => void;
  reload: () => void;
}

/**
 * The caller's contacts, page by page from GET /api/contacts as the list scrolls; a search starts over. While a
 * sync stores contacts (`storedWhileSyncing` grows), a list showing less than a page (no search) reads its
 * first page again, in place.
 */
export function useContactList(reloadKey: number, storedWhileSyncing = 0): ContactListState {
  const { api } = useServices();
  const [search, setSearchText] = useState('');
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<Contact[]>([]);
  const [more, setMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<UserMessage>();
  const generation = useRef(0);
  const inFlight = useRef(false);

  const load = useCallback((skip: number, text: string) => {
    const mine = generation.current;
    inFlight.current = true;
    setLoading(true);
    api.contacts({ search: text || undefined, top: PAGE_SIZE, skip }).then((page) => {
      if (mine !== generation.current) return;
      setRows((previous) => (skip === 0 ? page.contacts : [...previous.slice(0, skip), ...page.contacts]));
      setMore(page.more);
      setError(undefined);
    }, (failure: unknown) => {
      if (mine === generation.current) setError(userMessageOf(failure));
    }).finally(() => {
      if (mine !== generation.current) return;
      inFlight.current = false;
      setLoading(false);
    });
  }, [api]);

  const restart = useCallback((text: string) => {
    generation.current += 1;
    setRows([]);
    setMore(true);
    load(0, text);
  }, [load]);

  useEffect(() => restart(query), [query, reloadKey, restart]);

  const partial = !query && !more && rows.length < PAGE_SIZE;
  const refreshable = useRef(partial);
  refreshable.current = partial;
  useEffect(() => {
    if (storedWhileSyncing > 0 && refreshable.current && !inFlight.current) load(0, '');
  }, [storedWhileSyncing, load]);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(search.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search]);

  const needRows = useCallback((index: number) => {
    if (!inFlight.current && more && !error && index >= rows.length - PAGE_SIZE / 4) load(rows.length, query);
  }, [more, error, rows.length, load, query]);

  return { rows, more, loading, error, search, setSearch: setSearchText, needRows, reload: () => restart(query) };
}
