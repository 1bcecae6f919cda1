/**
 * Keyset pagination as the admin API gives it (`items`, `next_cursor`): the first page for the
 * current filters, then each next page appended; new filters start over and abort what was loading.
 * Pure state transitions, unit-tested; usePagedList wires them to Preact.
 */
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface ListState<T> {
  items: T[];
  cursor: string | null;
  /** Whether the last page is known (no next cursor). */
  complete: boolean;
  loading: boolean;
  error: Error | undefined;
  /** Which filter set these items belong to: an answer for an older one is dropped. */
  generation: number;
}

export const emptyList = <T>(generation = 0): ListState<T> => ({ items: [], cursor: null, complete: false, loading: true, error: undefined, generation });

export function pageArrived<T>(state: ListState<T>, generation: number, page: Page<T>): ListState<T> {
  if (generation !== state.generation) return state;
  return { ...state, items: [...state.items, ...page.items], cursor: page.next_cursor, complete: page.next_cursor === null, loading: false, error: undefined };
}

export function pageFailed<T>(state: ListState<T>, generation: number, error: Error): ListState<T> {
  if (generation !== state.generation) return state;
  return { ...state, loading: false, error };
}

/**
 * The first page fetched again, taken into a list already shown: rows it holds replace theirs in
 * place, rows new to the list go on top (lists whose rows change by themselves are newest first),
 * and everything else — later pages, the cursor — stays, so polling loses no scroll or focus.
 */
export function mergeFirstPage<T>(state: ListState<T>, fresh: T[], keyOf: (item: T) => string): ListState<T> {
  const byKey = new Map(fresh.map((item) => [keyOf(item), item]));
  const known = new Set(state.items.map(keyOf));
  const added = fresh.filter((item) => !known.has(keyOf(item)));
  return { ...state, items: [...added, ...state.items.map((item) => byKey.get(keyOf(item)) ?? item)] };
}
