/**
 * Loads the contact list page by page as the table scrolls. One sparse PageCache per query + sort (the
 * last few are kept, so going back to a previous search is instant); while a new search has not answered
 * yet, the previous result stays on screen instead of flashing empty.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { QueryProblemShape as QueryProblem } from '../../../../shared/contacts/schemas';
import type { ContactRow, ContactSort } from '../../../../shared/contacts/schemas';
import { call } from '../../api';
import { PAGE_SIZE, PageCache } from './pageCache';

interface Search {
  query: string;
  sort: ContactSort;
  desc: boolean;
}

type Cache = PageCache<ContactRow, Search>;

/** Searches kept in memory at once; older ones are refetched when visited again. */
const KEPT_SEARCHES = 4;
/** Range requests wait this long for scrolling to settle, so a fast fling does not fetch every page passed. */
const SETTLE_MS = 60;

export interface ContactPages {
  /** The cache whose rows are shown: the current search's, or the previous one while it loads. */
  shown: Cache | undefined;
  /** True while what is shown is not (yet) the answer to the current search. */
  stale: boolean;
  problems: QueryProblem[];
  error: unknown;
  /** Rendering version: changes whenever a page arrives, so memoised consumers know to look again. */
  version: number;
  requestRange(first: number, last: number): void;
  /** Drops every cached page (after a bulk change) and refetches what is on screen. */
  reload(): void;
  /** Puts an edited row in place wherever it is loaded. */
  replaceRow(row: ContactRow): void;
}

export function useContactPages(query: string, sort: ContactSort, desc: boolean): ContactPages {
  const key = JSON.stringify([query, sort, desc]);
  const caches = useRef(new Map<string, Cache>());
  const problemsByKey = useRef(new Map<string, QueryProblem[]>());
  const shownRef = useRef<Cache | undefined>(undefined);
  const currentKey = useRef(key);
  const wanted = useRef<[number, number]>([0, 0]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [version, bump] = useReducer((v: number) => v + 1, 0);
  const [generation, setGeneration] = useState(0);
  const [error, setError] = useState<unknown>();

  // Get-or-create only (idempotent, so safe during render); trimming old searches happens in an effect.
  let current = caches.current.get(key);
  if (!current) {
    current = new PageCache<ContactRow, Search>(key, { query, sort, desc });
    caches.current.set(key, current);
  }

  const fetchPage = useCallback((cache: Cache, page: number): void => {
    cache.markPending(page);
    call('contacts/list', { ...cache.params, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (res) => {
        cache.store(page, res.rows, res.total);
        problemsByKey.current.set(cache.key, res.problems);
        setError(undefined);
        bump();
      },
      (err: unknown) => {
        cache.release(page);
        setError(err);
      },
    );
  }, []);

  // A new search (or a reload) starts with its first page, which also says how many rows there are.
  useEffect(() => {
    currentKey.current = key;
    wanted.current = [0, 0];
    const map = caches.current;
    const cache = map.get(key);
    if (!cache) return;
    // Most recently used last; drop the oldest searches beyond the few we keep.
    map.delete(key);
    map.set(key, cache);
    for (const old of [...map.keys()].slice(0, Math.max(0, map.size - KEPT_SEARCHES))) map.delete(old);
    for (const page of cache.missing(0, 0)) fetchPage(cache, page);
  }, [key, generation, fetchPage]);

  const requestRange = useCallback(
    (first: number, last: number): void => {
      wanted.current = [first, last];
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const cache = caches.current.get(currentKey.current);
        if (!cache?.loaded) return;
        for (const page of cache.missing(first, last)) fetchPage(cache, page);
      }, SETTLE_MS);
    },
    [fetchPage],
  );

  useEffect(() => () => clearTimeout(timer.current), []);

  // When a search's first page arrives after the table already asked for rows further down, fetch those.
  useEffect(() => {
    if (!current.loaded) return;
    const [f, l] = wanted.current;
    for (const page of current.missing(f, l)) fetchPage(current, page);
  }, [current, version, fetchPage]);

  const reload = useCallback(() => {
    caches.current.clear();
    setGeneration((g) => g + 1);
  }, []);

  const replaceRow = useCallback((row: ContactRow) => {
    let found = false;
    const all = new Set([...caches.current.values(), ...(shownRef.current ? [shownRef.current] : [])]);
    for (const cache of all) found = cache.replace((r) => r.id === row.id, row) || found;
    if (found) bump();
  }, []);

  if (current.loaded) shownRef.current = current;
  const shown = shownRef.current;
  return {
    shown,
    stale: shown !== current,
    problems: (shown && problemsByKey.current.get(shown.key)) ?? [],
    error,
    version,
    requestRange,
    reload,
    replaceRow,
  };
}
