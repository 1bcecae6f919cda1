import type { Kysely } from 'kysely';
import type { RealmLookup } from '../contracts.ts';
import type { Clock } from '../platform/clock.ts';
import { LruCache } from '../platform/lru-cache.ts';
import type { Schema } from '../storage/schema.ts';
import type { Realm } from './realm.ts';
import { realmStore } from './realm-store.ts';

/** Realms kept at most: a server with 100,000 realms keeps its busiest ones, not all it has seen. */
export const REALM_LOOKUP_CAPACITY = 10_000;

/** A read of one realm under way, and the invalidations it has seen (`epoch` when it started). */
interface Flight {
  epoch: number;
  read: Promise<Realm | undefined>;
}

/**
 * Resolves `{realm}` path segments on every request, so realms are cached briefly by id (and
 * slugs point at ids). The time to live bounds how long another worker process serves a realm
 * after a change; this process drops its copy at once through `invalidate`. Nothing is loaded
 * ahead: a realm enters the cache on its first request, so start-up does not grow with realms.
 *
 * No request of a busy realm waits for the database. An entry in the second half of its life is
 * read again in the background while it is still served, and requests that find no entry share
 * one read. Before, every request arriving between an entry's expiry and its new read read the
 * realm too: on PostgreSQL, under load, dozens of reads a second that queued for the pool and
 * held their requests up to two seconds (docs/benchmarks.md).
 */
export function createRealmLookup(db: Kysely<Schema>, clock: Clock, ttlMs = 1000, capacity = REALM_LOOKUP_CAPACITY): RealmLookup {
  const byId = new LruCache<string, { realm: Realm; cacheUntil: number }>(capacity);
  const idBySlug = new LruCache<string, string>(capacity);
  /** Reads under way, by the id or slug they were asked for. */
  const flights = new Map<string, Flight>();
  // Bumped by every invalidation: a read that started before one is neither joined nor kept.
  let epoch = 0;

  function cached(ref: string): { realm: Realm; cacheUntil: number } | undefined {
    const entry = byId.get(idBySlug.get(ref) ?? ref);
    // A slug that has moved to another realm is read again.
    return entry && (entry.realm.id === ref || entry.realm.slug === ref) ? entry : undefined;
  }

  /** One read of `ref` at a time since the last invalidation; what it finds is kept unless one came meanwhile. */
  function read(ref: string, now: number): Promise<Realm | undefined> {
    const under = flights.get(ref);
    if (under && under.epoch === epoch) return under.read;
    const started = epoch;
    const flight: Flight = {
      epoch: started,
      read: realmStore.find(db, ref).then((realm) => {
        if (!realm) {
          idBySlug.delete(ref);
          byId.delete(ref);
        } else if (started === epoch) {
          byId.set(realm.id, { realm, cacheUntil: now + ttlMs });
          idBySlug.set(realm.slug, realm.id);
        }
        return realm;
      }),
    };
    flights.set(ref, flight);
    const landed = () => {
      if (flights.get(ref) === flight) flights.delete(ref);
    };
    flight.read.then(landed, landed);
    return flight.read;
  }

  return {
    async resolve(idOrSlug) {
      const now = clock.now();
      const entry = cached(idOrSlug);
      if (!entry || now >= entry.cacheUntil) return read(idOrSlug, now);
      // A failed read in the background changes nothing: the entry lives out its time, and the
      // first request after it reads in the foreground, where a failure is the request's.
      if (now >= entry.cacheUntil - ttlMs / 2) read(entry.realm.id, now).catch(() => {});
      return entry.realm;
    },
    /** The slug's alias stays but leads nowhere until the realm is read again. */
    invalidate(realmId: string): void {
      epoch += 1;
      byId.delete(realmId);
    },
  };
}
