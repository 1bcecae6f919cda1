import type { Kysely } from 'kysely';
import type { TokenSubject, UserDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationNotice } from '../platform/invalidation-bus.ts';
import { LruCache } from '../platform/lru-cache.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';
import { effectiveTokenParameters, type Access, type Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { canAuthenticate } from '../users/user.ts';
import type { ApiKey } from './api-key.ts';
import { apiKeyStore } from './api-key-store.ts';
import { parseKey } from './key-format.ts';
import type { KeySecrets } from './key-secrets.ts';
import type { LastUse } from './last-use.ts';

/** Who a presented key stands for, now. */
export interface ApiKeyIdentity {
  key: ApiKey;
  /** The owning user; null for a realm's service key. */
  owner: TokenSubject | null;
  /** The owner's access level (a service key: the realm's default). */
  access: Access;
}

interface Cached {
  key: ApiKey;
  owner: TokenSubject | null;
  cachedAt: number;
}

/** One answer for every refusal: a caller learns nothing about which keys exist. */
const invalidKey = () => new AppError('auth.invalid_token', 'The API key is invalid, expired or revoked.');

/**
 * Checks `Authorization: Bearer <key>` on the hot path: the checksum first (a typo costs no
 * database read), then a per-process LRU of verified keys keyed by the keyed hash of the text,
 * else one prepared primary-key read and the owner's row. The cache is cleared by the
 * invalidation bus (revocations, owner changes) and never filled while the bus may miss messages;
 * entries also age out after `ttlMs`, and one in use is read again before then, in the background.
 * Expiry, the owner's state and the realm's state are checked on every use, cached or not.
 */
export function createApiKeyVerifier(deps: {
  db: Kysely<Schema>;
  clock: Clock;
  secrets: KeySecrets;
  users: Pick<UserDirectory, 'findTokenSubject'>;
  lastUse: LastUse;
  cache: { capacity: number; ttlMs: number; listening: () => boolean };
}) {
  const { ttlMs } = deps.cache;
  const cache = new LruCache<string, Cached>(deps.cache.capacity);
  /** Keys by id, for tokens exchanged for them: their owner and expiry, and when they were read. */
  const standing = new LruCache<string, { userId: string | null; expiresAt: number | null; cachedAt: number } | null>(deps.cache.capacity);
  // No request of a busy key waits for the database (src/platform/shared-reads.ts). A read is kept
  // only if no notice that clears these caches (see `invalidate`) came while it ran.
  const keyReads = new SharedReads<string, InvalidationNotice>(ttlMs);
  const standingReads = new SharedReads<string, InvalidationNotice>(ttlMs);
  const stale = (_value: unknown, notices: readonly InvalidationNotice[]) => notices.some(clearsKeys);

  async function load(realm: Realm, id: string, digest: Buffer, now: number): Promise<Cached> {
    const found = await apiKeyStore.findWithSecret(deps.db, realm.id, id);
    if (!found || !deps.secrets.matches(found.secret, digest)) throw invalidKey();
    const owner = found.key.userId === null ? null : await deps.users.findTokenSubject(realm.id, found.key.userId);
    if (found.key.userId !== null && !owner) throw invalidKey();
    return { key: found.key, owner: owner ?? null, cachedAt: now };
  }

  function readKey(cacheKey: string, realm: Realm, id: string, digest: Buffer, now: number): Promise<Cached> {
    return keyReads.run(cacheKey, now, {
      read: () =>
        load(realm, id, digest, now).catch((error: unknown) => {
          // A key found revoked (a message this process missed, say) is dropped at once.
          if (error instanceof AppError) cache.delete(cacheKey);
          throw error;
        }),
      stale,
      keep: (entry) => {
        if (deps.cache.listening()) cache.set(cacheKey, entry);
      },
    });
  }

  function readStanding(cacheKey: string, realm: Realm, id: string, now: number) {
    return standingReads.run(cacheKey, now, {
      read: async () => {
        const found = await apiKeyStore.findWithSecret(deps.db, realm.id, id);
        return found ? { userId: found.key.userId, expiresAt: found.key.expiresAt, cachedAt: now } : null;
      },
      stale,
      keep: (entry) => {
        if (deps.cache.listening()) standing.set(cacheKey, entry);
      },
    });
  }

  return {
    async verify(realm: Realm, text: string, ip: string | null): Promise<ApiKeyIdentity> {
      const parsed = parseKey(text);
      if (!parsed || realm.state !== 'active') throw invalidKey();
      const digest = deps.secrets.digest(text);
      const cacheKey = `${realm.id}\u0000${digest.toString('base64url')}`;
      const now = deps.clock.now();
      let entry = cache.get(cacheKey);
      if (!entry || entry.cachedAt + ttlMs <= now) {
        cache.delete(cacheKey);
        entry = await readKey(cacheKey, realm, parsed.id, digest, now);
      } else if (dueForRefresh(entry.cachedAt + ttlMs, ttlMs, now)) refreshInBackground(readKey(cacheKey, realm, parsed.id, digest, now));
      const { key, owner } = entry;
      if (key.expiresAt !== null && key.expiresAt <= now) throw invalidKey();
      if (owner && !canAuthenticate(owner)) throw invalidKey();
      deps.lastUse.note(realm.id, key.id, now, ip);
      return { key, owner, access: owner ? effectiveTokenParameters(realm, owner).access : realm.tokens.default_access };
    },

    /**
     * Verified keys are few and cheap to reload, and a notice names a user or realm rather than a
     * key: any notice but a single session's clears them all.
     */
    invalidate(notice: InvalidationNotice): void {
      // Only notices that clear these caches are told to reads: a burst of others (logouts) must
      // not fill a read's record and stop what it finds from being kept.
      if (!clearsKeys(notice)) return;
      keyReads.heard(notice);
      standingReads.heard(notice);
      cache.clear();
      standing.clear();
    },

    /**
     * Whether the key `id` still stands for `userId`: not revoked (deleted), not expired. A token
     * exchanged for it (src/api-keys/api-key-service.ts) stands only as long. Cached as the keys
     * above are, and cleared by the same notices (a revocation publishes one).
     */
    async stands(realm: Realm, id: string, userId: string): Promise<boolean> {
      const cacheKey = `${realm.id}\u0000${id}`;
      const now = deps.clock.now();
      let entry = standing.get(cacheKey);
      if (entry === undefined || (entry !== null && entry.cachedAt + ttlMs <= now)) entry = await readStanding(cacheKey, realm, id, now);
      else if (entry !== null && dueForRefresh(entry.cachedAt + ttlMs, ttlMs, now)) refreshInBackground(readStanding(cacheKey, realm, id, now));
      return entry !== null && entry.userId === userId && (entry.expiresAt === null || entry.expiresAt > now);
    },
  };
}

/** Whether a notice clears the verified keys (see `invalidate`). */
const clearsKeys = (notice: InvalidationNotice) => notice === 'all' || notice.sessionId === undefined;

export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;
