import type { AccessTokenClaims } from '../contracts.ts';
import { makeRoom } from '../platform/lru-cache.ts';

/**
 * Remembers access tokens whose signature and fixed claims (issuer, audience, realm, type) have
 * been checked, so an API that validates the same token on every request pays for the signature
 * once. Keyed by the realm and the exact token text: a different byte is a different token. Only
 * the checks that cannot change for a given token are skipped; expiry is checked on every use,
 * and the session, user and lifetime checks stay with the caller. A key keeps verifying until
 * every token it signed has expired, or until it is revoked, which drops the realm's entries in
 * every process (`forget`, through the invalidation bus). Should that message be missed, an entry
 * lives VERIFIED_TOKEN_MAX_AGE_MS at most, and then the key ring (which bounds its own copies the
 * same way) is asked again.
 */
/**
 * Entries are found by the token's last characters, from its signature (192 bits: no two tokens
 * share them by chance), and match only the exact token: hashing a whole token of hundreds of
 * characters for the lookup cost a microsecond a request. The realm is kept beside it.
 */
const KEY_CHARACTERS = 32;

/** How long a verification is remembered at most: a missed revocation message holds no longer. */
export const VERIFIED_TOKEN_MAX_AGE_MS = 30_000;

export function createVerifiedTokenCache(capacity: number) {
  const entries = new Map<string, { token: string; realmId: string; claims: AccessTokenClaims; at: number }>();
  // Counts forgets: a verification that began before one is not remembered (its key may be gone).
  let forgets = 0;
  return {
    get(realmId: string, token: string, nowMs: number): AccessTokenClaims | undefined {
      const key = token.slice(-KEY_CHARACTERS);
      const entry = entries.get(key);
      if (!entry || entry.token !== token || entry.realmId !== realmId) return undefined;
      if ((entry.claims.exp !== undefined && entry.claims.exp * 1000 <= nowMs) || nowMs - entry.at > VERIFIED_TOKEN_MAX_AGE_MS) {
        entries.delete(key);
        return undefined;
      }
      return entry.claims;
    },
    /** Where a verification starts: pass it to `remember`. */
    get generation(): number {
      return forgets;
    },
    /** `since`: the generation the verification started at; remembered only if nothing was forgotten meanwhile. */
    remember(realmId: string, token: string, claims: AccessTokenClaims, nowMs: number, since: number): void {
      if (since !== forgets) return;
      // Map keeps insertion order: the first keys are the oldest entries.
      makeRoom(entries, capacity);
      // Shared by every later request for this token: nobody may change it.
      entries.set(token.slice(-KEY_CHARACTERS), { token, realmId, claims: deepFreeze(claims), at: nowMs });
    },
    /**
     * Forgets the realm's tokens (all of them without a realm): a key revoked at once must stop
     * verifying what it signed here too, not only in the key ring.
     */
    forget(realmId?: string): void {
      forgets += 1;
      if (realmId === undefined) return entries.clear();
      for (const [key, entry] of entries) if (entry.realmId === realmId) entries.delete(key);
    },
    get size(): number {
      return entries.size;
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
