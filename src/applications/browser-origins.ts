import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.ts';
import type { Schema } from '../storage/schema.ts';
import { applicationStore } from './application-store.ts';
import { makeRoom } from '../platform/lru-cache.ts';

/**
 * Which web origins may call a realm's API from a browser (CORS): those of its enabled SPA
 * applications. Read once per realm and kept for a few seconds, so a preflight costs no query; a
 * change to an application drops the realm's entry in every process (the realm's invalidation
 * message), and should a message be lost, the entry is read again after those few seconds. The set only decides whether a browser shows the
 * answer to a script: every request is still authenticated as any other.
 */
const FRESH_MS = 10_000;
const MAX_REALMS = 10_000;

export function createBrowserOrigins(deps: { db: Kysely<Schema>; clock: Clock }) {
  const known = new Map<string, { at: number; origins: Promise<Set<string>> }>();

  return {
    async allows(realmId: string, origin: string): Promise<boolean> {
      let entry = known.get(realmId);
      if (!entry || deps.clock.now() - entry.at >= FRESH_MS) {
        known.delete(realmId);
        makeRoom(known, MAX_REALMS);
        entry = { at: deps.clock.now(), origins: applicationStore.browserOrigins(deps.db, realmId) };
        entry.origins.catch(() => known.delete(realmId));
        known.set(realmId, entry);
      }
      return (await entry.origins).has(origin);
    },

    /** An application of the realm changed (the realm's invalidation message, from any process): read its origins again next time. */
    forget(realmId: string): void {
      known.delete(realmId);
    },

    clear(): void {
      known.clear();
    },
  };
}

export type BrowserOrigins = ReturnType<typeof createBrowserOrigins>;
