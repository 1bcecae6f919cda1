import type { Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import type { Clock } from '../platform/clock.ts';
import { LruCache } from '../platform/lru-cache.ts';
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
 */
export function createRealmLookup(db: Kysely<Schema>, clock: Clock, ttlMs = 1000, capacity = REALM_LOOKUP_CAPACITY): RealmLookup {
  const byId = new LruCache<string, { realm: Realm; cacheUntil: number }>(capacity);
  const idBySlug = new LruCache<string, string>(capacity);

  function cached(ref: string, now: number): Realm | undefined {
    const entry = byId.get(idBySlug.get(ref) ?? ref);
    // A slug that has moved to another realm, or an entry past its time, is read again.
    if (!entry || now >= entry.cacheUntil || (entry.realm.id !== ref && entry.realm.slug !== ref)) return undefined;
    return entry.realm;
  }

  return {
    async resolve(idOrSlug) {
      const now = clock.now();
      const hit = cached(idOrSlug, now);
      if (hit) return hit;
      const realm = await realmStore.find(db, idOrSlug);
      if (!realm) {
        idBySlug.delete(idOrSlug);
        byId.delete(idOrSlug);
        return undefined;
      }
      byId.set(realm.id, { realm, cacheUntil: now + ttlMs });
      idBySlug.set(realm.slug, realm.id);
      return realm;
    },
    /** The slug's alias stays but leads nowhere until the realm is read again. */
    invalidate(realmId: string): void {
      byId.delete(realmId);
    },
  };
}
