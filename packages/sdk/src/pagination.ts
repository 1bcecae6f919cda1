/**
 * The API's lists as async iterators: page after page by `next_cursor` until it is null, item by
 * item, fetching the next page only when the caller gets there.
 */
export interface PageOf<T> {
  items: T[];
  next_cursor: string | null;
}

export async function* paginate<T>(fetchPage: (cursor: string | undefined) => Promise<PageOf<T>>): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.items;
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined);
}
