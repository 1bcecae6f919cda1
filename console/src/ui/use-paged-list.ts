import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { emptyList, mergeFirstPage, pageArrived, pageFailed, type ListState, type Page } from './paged-list.ts';

export interface PagedList<T> extends ListState<T> {
  loadMore(): void;
  reload(): void;
  /** Fetches the first page again into the list shown (see mergeFirstPage): polling without a reset. */
  refresh(keyOf: (item: T) => string): void;
  /** Changes one loaded item in place (after an action on it). */
  update(match: (item: T) => boolean, change: (item: T) => T | null): void;
}

/**
 * `fetchPage(cursor, signal)` loads one page for the filters in `deps`; changing them starts a new
 * list. Load the next page when the operator scrolls near the end (`loadMore`).
 */
export function usePagedList<T>(fetchPage: (cursor: string | null, signal: AbortSignal) => Promise<Page<T>>, deps: unknown[]): PagedList<T> {
  const [state, setState] = useState<ListState<T>>(() => emptyList<T>());
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const controller = useRef<AbortController | undefined>(undefined);
  const generation = useRef(0);
  const [round, setRound] = useState(0);

  const load = useCallback((cursor: string | null, forGeneration: number) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    fetchRef.current(cursor, current.signal).then(
      (page) => setState((before) => pageArrived(before, forGeneration, page)),
      (error: Error) => {
        if (!current.signal.aborted) setState((before) => pageFailed(before, forGeneration, error));
      },
    );
  }, []);

  useEffect(() => {
    generation.current += 1;
    setState(emptyList<T>(generation.current));
    load(null, generation.current);
    return () => controller.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);

  const loadMore = useCallback(() => {
    setState((before) => {
      if (before.loading || before.complete || before.error) return before;
      load(before.cursor, before.generation);
      return { ...before, loading: true };
    });
  }, [load]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  const refresh = useCallback((keyOf: (item: T) => string) => {
    const forGeneration = generation.current;
    fetchRef.current(null, new AbortController().signal).then(
      (page) => setState((before) => (before.generation === forGeneration ? mergeFirstPage(before, page.items, keyOf) : before)),
      () => undefined,
    );
  }, []);
  const update = useCallback((match: (item: T) => boolean, change: (item: T) => T | null) => {
    setState((before) => ({ ...before, items: before.items.flatMap((item) => (match(item) ? [change(item)].filter((x): x is T => x !== null) : [item])) }));
  }, []);
  return { ...state, loadMore, reload, refresh, update };
}
