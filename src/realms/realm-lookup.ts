import type { Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import type { Clock } from '../platform/clock.ts';
import { LruCache } from '../platform/lru-cache.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';
import type { Schema } from '../storage/schema.ts';
import type { Realm } from './realm.ts';
import { realmStore } from './realm-store.ts';

/** Realms kept at most: a server with 100,000 realms keeps its busiest ones, not all it has seen. */
export const REALM_LOOKUP_CAPACITY = 10_000;

/**
 * Resolves `{realm}` path segments on every request, so realms are cached briefly by id (and
 * slugs point at ids). The time to live bounds how long another worker process serves a realm
 * after a change; this process drops its copy at once through `invalidate`. Nothing is loaded
 * ahead: a realm enters the cache on its first request, so start-up does not grow with realms.
 *
 * No request of a busy realm waits for the database (src/platform/shared-reads.ts): an entry in
 * the last quarter of its time is read again in the background while still served, and requests
 * that find no entry share one read.
 */
export function createRealmLookup(db: Kysely<Schema>, clock: Clock, ttlMs = 1000, capacity = REALM_LOOKUP_CAPACITY): RealmLookup {
  const byId = new LruCache<string, { realm: Realm; cacheUntil: number }>(capacity);
  const idBySlug = new LruCache<string, string>(capacity);
  /** Reads under way, by the id or slug they were asked for; they hear the ids of changed realms. */
  const reads = new SharedReads<string, string>(ttlMs);

  function cached(ref: string): { realm: Realm; cacheUntil: number } | undefined {
    const entry = byId.get(idBySlug.get(ref) ?? ref);
    // A slug that has moved to another realm is read again.
    return entry && (entry.realm.id === ref || entry.realm.slug === ref) ? entry : undefined;
  }

  function read(ref: string, now: number): Promise<Realm | undefined> {
    return reads.run(ref, now, {
      read: async () => {
        const realm = await realmStore.find(db, ref);
        if (!realm) {
          idBySlug.delete(ref);
          byId.delete(ref);
        }
        return realm;
      },
      // Not found may be stale after any change (a realm created, or given this slug, meanwhile).
      stale: (realm, changed) => (realm ? changed.includes(realm.id) : changed.length > 0),
      keep: (realm) => {
        if (!realm) return;
        byId.set(realm.id, { realm, cacheUntil: now + ttlMs });
        idBySlug.set(realm.slug, realm.id);
      },
    });
  }

  return {
    async resolve(idOrSlug) {
      const now = clock.now();
      const entry = cached(idOrSlug);
      if (!entry || now >= entry.cacheUntil) return read(idOrSlug, now);
      if (dueForRefresh(entry.cacheUntil, ttlMs, now)) refreshInBackground(read(entry.realm.id, now));
      return entry.realm;
    },
    /** The slug's alias stays but leads nowhere until the realm is read again. */
    invalidate(realmId: string): void {
      reads.heard(realmId);
      byId.delete(realmId);
    },
  };
}
