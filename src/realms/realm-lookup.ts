import type { Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import type { Clock } from '../platform/clock.ts';
import type { Schema } from '../storage/schema.ts';
import type { Realm } from './realm.ts';
import { realmStore } from './realm-store.ts';

/**
 * Resolves `{realm}` path segments on every request, so realms are cached briefly by id and by
 * slug. The time to live bounds how long another worker process serves a realm after a change;
 * this process drops its copy at once through `invalidate`.
 */
export function createRealmLookup(db: Kysely<Schema>, clock: Clock, ttlMs = 1000): RealmLookup {
  const cache = new Map<string, { realm: Realm; cacheUntil: number }>();

  function invalidate(realmId: string): void {
    for (const [ref, entry] of cache) if (entry.realm.id === realmId) cache.delete(ref);
  }

  return {
    async resolve(idOrSlug) {
      const now = clock.now();
      const cached = cache.get(idOrSlug);
      if (cached && now < cached.cacheUntil) return cached.realm;
      const realm = await realmStore.find(db, idOrSlug);
      if (!realm) {
        cache.delete(idOrSlug);
        return undefined;
      }
      const entry = { realm, cacheUntil: now + ttlMs };
      cache.set(realm.id, entry);
      cache.set(realm.slug, entry);
      return realm;
    },
    invalidate,
  };
}
