import { createPublicKey, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KeyRing, SigningKey, VerificationKey } from '../contracts.ts';
import type { Clock } from '../platform/clock.ts';
import { LruCache } from '../platform/lru-cache.ts';
import { dueForRefresh, refreshInBackground, SharedReads } from '../platform/shared-reads.ts';
import { newId } from '../platform/ids.ts';
import type { SecretBox } from '../platform/secret-box.ts';
import { readJson, writeJson } from '../storage/codec.ts';
import { paginate, type Page, type PageRequest } from '../storage/pagination.ts';
import type { Schema, SigningKeyRow } from '../storage/schema.ts';
import { generateMaterial, signingKeyOf, type PreparedKey } from './key-material.ts';
import { limits, type Realm, type SigningAlgorithm } from './realm.ts';

/**
 * Each realm's signing keys. Private keys (PKCS8 PEM) and HS256 secrets are sealed with the master
 * key before they reach the database; public keys are kept as JWKs for JWKS and verification, so
 * verifying never opens sealed material. Rotation retires the active key but keeps it verifying
 * until every token it can have signed has expired.
 */

export type KeyState = 'active' | 'retired';

/** What the admin API shows of a key: never key material. */
export interface KeyMetadata {
  kid: string;
  algorithm: SigningAlgorithm;
  state: KeyState;
  created_at: number;
  retired_at: number | null;
  verify_until: number | null;
}

export interface KeyRingDeps {
  db: Kysely<Schema>;
  clock: Clock;
  secretBox: SecretBox;
  /** Realms whose keys each cache keeps at most (least recently used go first). */
  cachedRealms?: number;
}

/**
 * Each of the three caches holds this many realms at most, so a process that has signed or
 * verified for 100,000 realms holds the keys of its busiest ones, not of every realm it has seen.
 */
export const KEY_CACHE_REALMS = 5_000;

/** How long this process trusts its copy of a realm's active key: other workers may rotate it. */
export const ACTIVE_KEY_CACHE_MS = 5_000;

/**
 * How long this process trusts its copy of a retired key. Its deadline is fixed, but it can be
 * revoked before then: the revocation's message drops it at once, and this bounds how long a
 * missed message (the invalidation bus down) could keep it verifying.
 */
export const RETIRED_KEY_CACHE_MS = 30_000;
/** Clock skew allowed between the issuer and whoever checks a token. */
export const VERIFY_SKEW_MS = 60_000;

/** What a kid can look like; a token header naming anything else is not looked up. */
const KID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * When a key retired now stops verifying: the longest lifetime a token it signed can have (any
 * managed access token is capped at 1440 minutes; unmanaged tokens live the realm's
 * unmanaged_token_minutes, 0 meaning forever) plus clock skew. Null means never.
 */
export function verifyDeadline(realm: Pick<Realm, 'tokens'>, now: number): number | null {
  const { session_type, unmanaged_token_minutes } = realm.tokens;
  const minutes = session_type === 'managed' ? limits.accessTokenMinutes.max : unmanaged_token_minutes;
  return minutes === 0 ? null : now + minutes * 60_000 + VERIFY_SKEW_MS;
}

function toMetadata(row: SigningKeyRow): KeyMetadata {
  return {
    kid: row.id,
    algorithm: row.algorithm as SigningAlgorithm,
    state: row.state as KeyState,
    created_at: row.created_at,
    retired_at: row.retired_at,
    verify_until: row.verify_until,
  };
}

function publicJwkOf(row: SigningKeyRow): Record<string, unknown> {
  return { ...readJson<Record<string, unknown>>(row.public_jwk), kid: row.id, alg: row.algorithm, use: 'sig' };
}

interface CachedVerification {
  key: VerificationKey;
  verifyUntil: number | null;
  cacheUntil: number;
  /** How long this copy is trusted (the active key's time or a retired one's): its last quarter is read again. */
  trustedMs: number;
}

export function createKeyRing({ db, clock, secretBox, cachedRealms = KEY_CACHE_REALMS }: KeyRingDeps) {
  const activeCache = new LruCache<string, { key: SigningKey; cacheUntil: number }>(cachedRealms);
  // Per realm, its few kids: a realm holds one active key and the retired ones still verifying.
  const verificationCache = new LruCache<string, Map<string, CachedVerification>>(cachedRealms);
  const jwksCache = new LruCache<string, { keys: Record<string, unknown>[]; cacheUntil: number }>(cachedRealms);

  function openSecret(row: SigningKeyRow): KeyObject {
    return signingKeyOf(row.algorithm, secretBox.open(row.private_material));
  }

  function verificationKeyOf(row: SigningKeyRow): KeyObject {
    if (row.algorithm === 'HS256') return openSecret(row);
    return createPublicKey({ key: readJson<Record<string, unknown>>(row.public_jwk) as never, format: 'jwk' });
  }

  const stillVerifies = (verifyUntil: number | null, now: number) => verifyUntil === null || now <= verifyUntil;

  // No request of a busy realm waits for its keys (src/platform/shared-reads.ts): the active key, a
  // key that verifies (every token it signed that is not yet remembered needs it) and the published
  // set (anyone may ask for it, as often as they like), each read once for every request meanwhile.
  // Reads hear the realms changed meanwhile; one that a change of its realm overtook is not kept.
  const reads = new SharedReads<string, string>(ACTIVE_KEY_CACHE_MS);
  const changedMeanwhile = (realmId: string) => (_found: unknown, changed: readonly string[]) => changed.some((realm) => realm === 'all' || realm === realmId);

  /** A realm's active key, read once for every request that needs it meanwhile (src/platform/shared-reads.ts). */
  function readActiveKey(realmId: string, now: number): Promise<SigningKey> {
    return reads.run(`active ${realmId}`, now, {
      read: async () => {
        const row = await db
          .selectFrom('signing_keys')
          .selectAll()
          .where('realm_id', '=', realmId)
          .where('state', '=', 'active')
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        // Every realm gets a key when it is created; a realm without one is a fault, not a client error.
        if (!row) throw new Error(`realm ${realmId} has no active signing key`);
        return { kid: row.id, alg: row.algorithm as SigningAlgorithm, key: openSecret(row) };
      },
      stale: changedMeanwhile(realmId),
      keep: (key) => activeCache.set(realmId, { key, cacheUntil: now + ACTIVE_KEY_CACHE_MS }),
    });
  }

  /** The key `kid` of the realm while it still verifies, else null; read once for every token that needs it meanwhile. */
  function readVerificationKey(realmId: string, kid: string, now: number): Promise<CachedVerification | null> {
    return reads.run(`kid ${realmId} ${kid}`, now, {
      read: async () => {
        const row = await db.selectFrom('signing_keys').selectAll().where('realm_id', '=', realmId).where('id', '=', kid).executeTakeFirst();
        if (!row || !stillVerifies(row.verify_until, now)) return null;
        const key: VerificationKey = { kid: row.id, alg: row.algorithm as SigningAlgorithm, key: verificationKeyOf(row) };
        // The active key may be retired by another worker at any moment (and then verifies for at
        // least the skew longer); a retired one may be revoked.
        const trustedMs = row.state === 'active' ? ACTIVE_KEY_CACHE_MS : RETIRED_KEY_CACHE_MS;
        return { key, verifyUntil: row.verify_until, cacheUntil: Math.min(now + trustedMs, row.verify_until ?? Number.POSITIVE_INFINITY), trustedMs };
      },
      stale: changedMeanwhile(realmId),
      keep: (found) => {
        if (found === null) return void verificationCache.get(realmId)?.delete(kid);
        const perRealm = verificationCache.get(realmId) ?? new Map<string, CachedVerification>();
        perRealm.set(kid, found);
        verificationCache.set(realmId, perRealm);
      },
    });
  }

  /** The public keys that still verify, the active one first (some clients try keys in order). */
  function readJwks(realmId: string, now: number): Promise<Record<string, unknown>[]> {
    return reads.run(`jwks ${realmId}`, now, {
      read: async () => {
        const rows = await db
          .selectFrom('signing_keys')
          .selectAll()
          .where('realm_id', '=', realmId)
          .where('public_jwk', 'is not', null)
          .where((eb) => eb.or([eb('verify_until', 'is', null), eb('verify_until', '>=', now)]))
          .orderBy('created_at', 'desc')
          .execute();
        return [...rows.filter((row) => row.state === 'active'), ...rows.filter((row) => row.state !== 'active')].map(publicJwkOf);
      },
      stale: changedMeanwhile(realmId),
      keep: (keys) => jwksCache.set(realmId, { keys, cacheUntil: now + ACTIVE_KEY_CACHE_MS }),
    });
  }

  function invalidate(realmId: string): void {
    reads.heard(realmId);
    activeCache.delete(realmId);
    verificationCache.delete(realmId);
    jwksCache.delete(realmId);
  }

  /** Every realm's keys (the invalidation bus reconnected, and messages may have been missed). */
  function clear(): void {
    reads.heard('all');
    activeCache.clear();
    verificationCache.clear();
    jwksCache.clear();
  }

  const ring = {
    async activeKey(realmId: string): Promise<SigningKey> {
      const now = clock.now();
      const cached = activeCache.get(realmId);
      if (!cached || now >= cached.cacheUntil) return readActiveKey(realmId, now);
      if (dueForRefresh(cached.cacheUntil, ACTIVE_KEY_CACHE_MS, now)) refreshInBackground(readActiveKey(realmId, now));
      return cached.key;
    },

    async verificationKey(realmId: string, kid: string): Promise<VerificationKey | undefined> {
      if (!KID.test(kid)) return undefined;
      const now = clock.now();
      const cached = verificationCache.get(realmId)?.get(kid);
      if (!cached || now >= cached.cacheUntil) return (await readVerificationKey(realmId, kid, now))?.key;
      // A copy that ends at the key's deadline, not at its trust, is not read again: no read extends it.
      if (cached.cacheUntil !== cached.verifyUntil && dueForRefresh(cached.cacheUntil, cached.trustedMs, now)) refreshInBackground(readVerificationKey(realmId, kid, now));
      return stillVerifies(cached.verifyUntil, now) ? cached.key : undefined;
    },

    async jwks(realmId: string): Promise<Record<string, unknown>[]> {
      const now = clock.now();
      const cached = jwksCache.get(realmId);
      if (!cached || now >= cached.cacheUntil) return readJwks(realmId, now);
      if (dueForRefresh(cached.cacheUntil, ACTIVE_KEY_CACHE_MS, now)) refreshInBackground(readJwks(realmId, now));
      return cached.keys;
    },

    /**
     * The private JWKs of the keys that may sign or still verify (active first; none for HS256),
     * for a keystore that signs with the active key and publishes the others (the OpenID Connect
     * provider). Opens sealed material: callers hold the result only as long as they need it.
     */
    async signingJwks(realmId: string): Promise<Record<string, unknown>[]> {
      const now = clock.now();
      const rows = await db
        .selectFrom('signing_keys')
        .selectAll()
        .where('realm_id', '=', realmId)
        .where('algorithm', '!=', 'HS256')
        .where((eb) => eb.or([eb('verify_until', 'is', null), eb('verify_until', '>=', now)]))
        .orderBy('created_at', 'desc')
        .execute();
      return [...rows.filter((row) => row.state === 'active'), ...rows.filter((row) => row.state !== 'active')].map((row) => ({
        ...(openSecret(row).export({ format: 'jwk' }) as Record<string, unknown>),
        kid: row.id,
        alg: row.algorithm,
        use: 'sig',
      }));
    },

    async prepare(algorithm: SigningAlgorithm): Promise<PreparedKey> {
      const material = await generateMaterial(algorithm);
      return { algorithm, sealed: secretBox.seal(material.secret), publicJwk: material.publicJwk };
    },

    /** Stores a new active key for the realm inside the caller's transaction. */
    async generate(trx: Kysely<Schema>, realmId: string, key: SigningAlgorithm | PreparedKey): Promise<KeyMetadata> {
      const prepared = typeof key === 'string' ? await ring.prepare(key) : key;
      const row: SigningKeyRow = {
        id: newId('key'),
        realm_id: realmId,
        algorithm: prepared.algorithm,
        public_jwk: prepared.publicJwk ? writeJson(prepared.publicJwk) : null,
        private_material: prepared.sealed,
        state: 'active',
        created_at: clock.now(),
        retired_at: null,
        verify_until: null,
      };
      await trx.insertInto('signing_keys').values(row).execute();
      return toMetadata(row);
    },

    /**
     * Retires the realm's active key(s) and makes a new one for the realm's current algorithm.
     * Keys whose verification deadline has passed are deleted: they can no longer verify anything.
     * The caller holds the realm's row lock, so two rotations of one realm do not interleave.
     * `prepared` is used when it matches the realm's algorithm (which may have changed meanwhile).
     */
    async rotate(trx: Kysely<Schema>, realm: Realm, prepared?: PreparedKey): Promise<{ key: KeyMetadata; retired: string[] }> {
      const now = clock.now();
      const retired = await trx
        .updateTable('signing_keys')
        .set({ state: 'retired', retired_at: now, verify_until: verifyDeadline(realm, now) })
        .where('realm_id', '=', realm.id)
        .where('state', '=', 'active')
        .returning('id')
        .execute();
      await trx.deleteFrom('signing_keys').where('realm_id', '=', realm.id).where('state', '=', 'retired').where('verify_until', '<', now).execute();
      const key = await ring.generate(trx, realm.id, prepared?.algorithm === realm.tokens.algorithm ? prepared : realm.tokens.algorithm);
      invalidate(realm.id);
      return { key, retired: retired.map((r) => r.id) };
    },

    /**
     * Deletes a retired key of the realm at once, before its verification deadline: what it
     * signed stops verifying. The active key is never revoked this way (rotate first). Inside the
     * caller's transaction, which holds the realm's row lock.
     */
    async revoke(trx: Kysely<Schema>, realmId: string, kid: string): Promise<'revoked' | 'active' | 'missing'> {
      const row = await trx.selectFrom('signing_keys').select('state').where('realm_id', '=', realmId).where('id', '=', kid).executeTakeFirst();
      if (!row) return 'missing';
      if (row.state === 'active') return 'active';
      await trx.deleteFrom('signing_keys').where('realm_id', '=', realmId).where('id', '=', kid).execute();
      return 'revoked';
    },

    /** Key metadata, newest first. */
    async list(realmId: string, page: PageRequest = { limit: 100 }): Promise<Page<KeyMetadata>> {
      const query = db.selectFrom('signing_keys').selectAll().where('realm_id', '=', realmId);
      return paginate(query, { column: 'created_at', direction: 'desc' }, page, toMetadata, (row) => row.created_at, (row) => row.id);
    },

    /** Drops this process's cached keys of a realm (after a rotation commits, or the realm is deleted). */
    invalidate,
    clear,
  };
  return ring satisfies KeyRing;
}

export type RealmKeyRing = ReturnType<typeof createKeyRing>;
