import { makeRoom } from '../platform/lru-cache.ts';

/**
 * Live providers, one per realm, created on a realm's first OpenID Connect request and kept while
 * used: at most PROVIDER_CAPACITY (least recently used out first), each dropped after
 * PROVIDER_IDLE_MS without a request, so 10,000 realms do not mean 10,000 instances. An entry is
 * rebuilt when its realm changed (a new version) or its active key did (rotation, algorithm
 * change), and dropped on the realm's invalidation message (src/compose.ts).
 */
export const PROVIDER_CAPACITY = 256;
export const PROVIDER_IDLE_MS = 10 * 60_000;

interface Entry<T> {
  value: Promise<T>;
  stamp: string;
  usedAt: number;
}

export function createProviderCache<T>(options: { capacity?: number; idleMs?: number; now: () => number }) {
  const capacity = options.capacity ?? PROVIDER_CAPACITY;
  const idleMs = options.idleMs ?? PROVIDER_IDLE_MS;
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const entries = new Map<string, Entry<T>>();

  function evictIdle(now: number): void {
    for (const [key, entry] of entries) {
      if (now - entry.usedAt < idleMs) break;
      entries.delete(key);
    }
  }

  return {
    /** The live value for `key` made under `stamp` (what it was built from), or a new one. */
    get(key: string, stamp: string, create: () => Promise<T>): Promise<T> {
      const now = options.now();
      evictIdle(now);
      const cached = entries.get(key);
      entries.delete(key);
      if (cached && cached.stamp === stamp) {
        cached.usedAt = now;
        entries.set(key, cached);
        return cached.value;
      }
      const value = create();
      const entry: Entry<T> = { value, stamp, usedAt: now };
      makeRoom(entries, capacity);
      entries.set(key, entry);
      // A failed creation is not kept: the next request tries again.
      value.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return value;
    },
    delete(key: string): void {
      entries.delete(key);
    },
    clear(): void {
      entries.clear();
    },
    get size(): number {
      return entries.size;
    },
  };
}
