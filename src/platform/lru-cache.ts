/**
 * A map with a size cap that forgets entries in about least-recently-used order (below). Per-realm
 * caches use it so that a process touching many realms (one request each to 100,000 realms) keeps
 * a bounded working set instead of one entry per realm it has ever seen. A Map iterates in
 * insertion order, so re-inserting a read entry keeps the oldest-used keys first.
 *
 * A read re-inserts only an entry that has drifted from the back: one with at least a quarter of
 * the capacity placed after it. Re-inserting on every read (a delete and an insert, on every
 * request's realm, key, session and role lookups) costs more the larger V8's Map: a hit took
 * 63 ns with 2 entries, 0.7 µs with 1,000 and 14.7 µs with 10,000 (20 ns now at each size). An
 * entry read more often than that is never near the front, where `makeRoom` evicts; one read less
 * often may go before entries placed after it and never read (a miss more, never a wrong answer).
 */
export class LruCache<K, V> {
  readonly #entries = new Map<K, { value: V; placed: number }>();
  readonly #capacity: number;
  readonly #drift: number;
  /** Counts placements (insertions and re-insertions): an entry's distance from the back is at most the count since its own. */
  #placements = 0;
  readonly #evicted: ((key: K, entry: { value: V }) => void) | undefined;

  /** `onEvict`: told of each entry dropped to make room (not of those deleted, replaced or cleared). */
  constructor(capacity: number, onEvict?: (key: K, value: V) => void) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`an LRU cache needs a capacity of at least 1, not ${capacity}`);
    this.#capacity = capacity;
    this.#drift = capacity / 4;
    this.#evicted = onEvict && ((key, entry) => onEvict(key, entry.value));
  }

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (this.#placements - entry.placed >= this.#drift) {
      this.#entries.delete(key);
      entry.placed = ++this.#placements;
      this.#entries.set(key, entry);
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    makeRoom(this.#entries, this.#capacity, this.#evicted);
    this.#entries.set(key, { value, placed: ++this.#placements });
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Every entry, oldest placed first; deleting the one just yielded is allowed. */
  *[Symbol.iterator](): IterableIterator<[K, V]> {
    for (const [key, entry] of this.#entries) yield [key, entry.value];
  }
}

/**
 * Makes room for one more entry in a Map kept to `capacity` in insertion order (oldest first): when
 * it is full, deletes its oldest sixteenth (at least one entry), telling `dropped` of each.
 *
 * Not one entry per insertion: V8 leaves a deleted entry as a hole at the front of the Map's table
 * until the table is rebuilt, and `keys().next()` walks every hole, so evicting the oldest entry on
 * each insertion into a full Map costs more the longer it runs (measured at 50,000 entries: 23 µs
 * per insertion, against 0.25 µs evicting in sixteenths). A sixteenth at a time walks the holes
 * once per many insertions.
 */
export function makeRoom<K, V>(map: Map<K, V>, capacity: number, dropped?: (key: K, value: V) => void): void {
  if (map.size < capacity) return;
  let count = Math.max(map.size - capacity + 1, Math.ceil(capacity / 16));
  for (const [key, value] of map) {
    map.delete(key);
    dropped?.(key, value);
    if (--count <= 0) break;
  }
}
