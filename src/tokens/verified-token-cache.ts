import type { AccessTokenClaims } from '../contracts.ts';
import { makeRoom } from '../platform/lru-cache.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';

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

/** A forget of every realm's tokens, as the verifications under way hear it. */
const EVERY_REALM = '';

export function createVerifiedTokenCache(capacity: number) {
  const entries = new Map<string, { token: string; realmId: string; claims: AccessTokenClaims; at: number }>();
  // No request of a busy token waits for its verification (src/platform/shared-reads.ts): when a
  // token in constant use came to its maximum age, every request holding it verified it again at
  // once, each reading the key (a herd of reads on PostgreSQL, which stalled validate up to 200 ms
  // every 30 s). Verifications hear the realms forgotten meanwhile, and one that a forget of its
  // realm overtook (its key may be the one revoked) is used but not remembered.
  const checks = new SharedReads<string, string>(VERIFIED_TOKEN_MAX_AGE_MS);

  function remember(realmId: string, token: string, claims: AccessTokenClaims, nowMs: number): void {
    const key = token.slice(-KEY_CHARACTERS);
    // Map keeps insertion order: the first keys are the oldest entries, and a token checked again
    // goes to the back (making room for it would otherwise drop others for nothing).
    entries.delete(key);
    makeRoom(entries, capacity);
    // Shared by every later request for this token: nobody may change it.
    entries.set(key, { token, realmId, claims: deepFreeze(claims), at: nowMs });
  }

  function check(realmId: string, token: string, nowMs: number, verify: () => Promise<AccessTokenClaims>): Promise<AccessTokenClaims> {
    return checks.run(`${realmId} ${token}`, nowMs, {
      read: verify,
      stale: (_claims, forgotten) => forgotten.some((realm) => realm === EVERY_REALM || realm === realmId),
      keep: (claims) => remember(realmId, token, claims, nowMs),
    });
  }

  return {
    /**
     * The claims of a token verified here before, while it has not expired and is younger than the
     * maximum age. In the last quarter of that age, `verify` checks it again behind the answer; if
     * that fails (its key revoked, no message come), the entry is dropped at once.
     */
    get(realmId: string, token: string, nowMs: number, verify: () => Promise<AccessTokenClaims>): AccessTokenClaims | undefined {
      const key = token.slice(-KEY_CHARACTERS);
      const entry = entries.get(key);
      if (!entry || entry.token !== token || entry.realmId !== realmId) return undefined;
      if ((entry.claims.exp !== undefined && entry.claims.exp * 1000 <= nowMs) || nowMs - entry.at >= VERIFIED_TOKEN_MAX_AGE_MS) {
        entries.delete(key);
        return undefined;
      }
      if (dueForRefresh(entry.at + VERIFIED_TOKEN_MAX_AGE_MS, VERIFIED_TOKEN_MAX_AGE_MS, nowMs)) {
        refreshInBackground(check(realmId, token, nowMs, verify).catch((error: unknown) => {
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        }));
      }
      return entry.claims;
    },

    /** Verifies the token with `verify`, once for every request that holds it meanwhile, and remembers it. */
    verify: check,

    /**
     * Forgets the realm's tokens (all of them without a realm): a key revoked at once must stop
     * verifying what it signed here too, not only in the key ring.
     */
    forget(realmId?: string): void {
      checks.heard(realmId ?? EVERY_REALM);
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
