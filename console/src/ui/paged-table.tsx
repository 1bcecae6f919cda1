/**
 * A paged list shown as a table, with the states every list screen showed the same way: the
 * failure (with Retry) above, skeleton rows while the first page loads, the screen's own empty
 * message when there is nothing, and otherwise the virtual table asking for the next page as the
 * operator scrolls. The lists wrote these four branches out by hand, identically but for wording.
 */
import type { ComponentChildren } from 'preact';
import { ErrorNotice, Loading } from './states.tsx';
import type { PagedList } from './use-paged-list.ts';
import { VirtualTable, type VirtualTableProps } from './virtual-table.tsx';

type Props<T> = Omit<VirtualTableProps<T>, 'items' | 'complete' | 'loading' | 'onEndReached'> & {
  list: Pick<PagedList<T>, 'items' | 'complete' | 'loading' | 'error' | 'reload' | 'loadMore'>;
  /** What shows when the list is loaded and empty (an `Empty` with the screen's words). */
  empty: ComponentChildren;
  /** Skeleton rows while the first page loads. */
  loadingRows?: number;
};

export function PagedTable<T>({ list, empty, loadingRows, ...table }: Props<T>) {
  return (
    <>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.loading && list.items.length === 0 ? (
        <div class="table-wrap"><Loading rows={loadingRows} /></div>
      ) : list.items.length === 0 && !list.error ? (
        <div class="table-wrap">{empty}</div>
      ) : (
        <VirtualTable {...table} items={list.items} complete={list.complete} loading={list.loading} onEndReached={list.loadMore} />
      )}
    </>
  );
}
