import type { Kysely } from 'kysely';
import { AppError } from '../errors.ts';
import type { Actor, EventLog, RequestOrigin } from '../events/event-log.ts';
import type { EventType } from '../events/event-types.ts';
import { enforceRateLimits, type RateLimiter } from '../auth/rate-limiter.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { requireRecentSignIn } from '../auth/recent-sign-in.ts';
import type { AccessTokenClaims } from '../contracts.ts';
import type { AccessTokens, IssuedAccessToken } from '../tokens/access-tokens.ts';
import { MAX_KEYS_PER_OWNER, type ApiKey, type NewApiKey } from './api-key.ts';
import { apiKeyStore } from './api-key-store.ts';
import type { ApiKeyVerifier } from './api-key-verifier.ts';
import { formatKey, newKeyId } from './key-format.ts';
import type { KeySecrets } from './key-secrets.ts';

const DAY_MS = 86_400_000;

/** A user id, or `service` for the realm's own (service account) keys. */
/**
 * Whose keys: a user's, or the realm's service account. `claims`: the user's own access token when
 * they manage their keys themselves; making one then needs a recent sign-in, so a token that
 * signed in no one (an exchanged key's) cannot mint keys that outlive or outreach its key.
 */
export type KeyOwner = { userId: string; claims?: Pick<AccessTokenClaims, 'auth_time'> } | 'service';

const ownerId = (owner: KeyOwner) => (owner === 'service' ? null : owner.userId);
const notFound = () => new AppError('api_key.not_found', 'No such API key.');

/**
 * Creating, listing, revoking and (under the `encrypt` policy) retrieving API keys, and exchanging
 * one for a short-lived access token. Every call names the realm and the owner; a key of another
 * owner or realm is answered as absent. Changes and their events commit together.
 */
export function createApiKeyService(deps: {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  secrets: KeySecrets;
  verifier: ApiKeyVerifier;
  invalidation: InvalidationPublisher;
  rateLimiter: RateLimiter;
  limits: { enabled: boolean; createPerOwnerPerMinute: number };
  accessTokens: Pick<AccessTokens, 'signerFor'>;
}) {
  const { db, clock, events } = deps;

  async function record(trx: Kysely<Schema>, realm: Realm, type: EventType, key: ApiKey, actor: Actor, origin: RequestOrigin, extra: Record<string, unknown> = {}) {
    await events.record(trx, { realmId: realm.id, type, actor, userId: key.userId, origin, details: { api_key_id: key.id, owner: key.userId === null ? 'service' : 'user', ...extra } });
  }

  return {
    /** The new key and its text, which is never shown again (unless the realm seals keys). */
    async create(realm: Realm, owner: KeyOwner, input: NewApiKey, actor: Actor, origin: RequestOrigin): Promise<{ key: ApiKey; text: string }> {
      const userId = ownerId(owner);
      if (owner !== 'service' && owner.claims) requireRecentSignIn(owner.claims, clock.now());
      if (deps.limits.enabled) {
        await enforceRateLimits(deps.rateLimiter, [{ key: `api-key-create:${realm.id}:${userId ?? 'service'}`, limit: deps.limits.createPerOwnerPerMinute }]);
      }
      const now = clock.now();
      const id = newKeyId();
      const key: ApiKey = {
        id,
        realmId: realm.id,
        userId,
        name: input.name,
        service: input.service ?? null,
        capabilities: input.capabilities ?? {},
        storage: realm.api_keys.policy,
        expiresAt: input.expires_in_days == null ? null : now + input.expires_in_days * DAY_MS,
        createdAt: now,
        lastUsedAt: null,
        lastUsedIp: null,
      };
      const text = formatKey(realm.api_keys.prefix, id);
      await db.transaction().execute(async (trx) => {
        if (!(await apiKeyStore.lockOwner(trx, realm.id, userId))) throw new AppError('user.not_found', 'No such user.');
        if ((await apiKeyStore.count(trx, realm.id, userId)) >= MAX_KEYS_PER_OWNER) {
          throw new AppError('api_key.limit_reached', `At most ${MAX_KEYS_PER_OWNER} API keys per owner; revoke one first.`);
        }
        await apiKeyStore.insert(trx, key, deps.secrets.store(key.storage, text), actor.id);
        await record(trx, realm, 'api_key.created', key, actor, origin, { service: key.service });
      });
      return { key, text };
    },

    /** The owner's keys; user.not_found for a user the realm does not have (another realm's too). */
    async list(realm: Realm, owner: KeyOwner): Promise<ApiKey[]> {
      const userId = ownerId(owner);
      if (!(await apiKeyStore.ownerExists(db, realm.id, userId))) throw new AppError('user.not_found', 'No such user.');
      return apiKeyStore.list(db, realm.id, userId);
    },

    /** Deletes the key; every process stops accepting it before this returns. */
    async revoke(realm: Realm, owner: KeyOwner, id: string, actor: Actor, origin: RequestOrigin): Promise<void> {
      const userId = ownerId(owner);
      await db.transaction().execute(async (trx) => {
        const found = await apiKeyStore.findWithSecret(trx, realm.id, id);
        if (!found || found.key.userId !== userId || !(await apiKeyStore.delete(trx, realm.id, userId, id))) throw notFound();
        await record(trx, realm, 'api_key.revoked', found.key, actor, origin);
      });
      await deps.invalidation.publish(userId === null ? { realmId: realm.id } : { realmId: realm.id, userId });
    },

    /** An operator reads a sealed key's text back (`encrypt` policy); every retrieval is an event. */
    async retrieve(realm: Realm, owner: KeyOwner, id: string, actor: Actor, origin: RequestOrigin): Promise<string> {
      return db.transaction().execute(async (trx) => {
        const found = await apiKeyStore.findWithSecret(trx, realm.id, id);
        if (!found || found.key.userId !== ownerId(owner)) throw notFound();
        const text = deps.secrets.reveal(found.secret);
        if (text === undefined) throw new AppError('api_key.not_retrievable', 'This key is kept only as a hash; it cannot be shown again.');
        await record(trx, realm, 'api_key.retrieved', found.key, actor, origin);
        return text;
      });
    },

    /** A user's key for an access token of `api_keys.token_minutes`; 0 means keys are used only directly. */
    async exchange(realm: Realm, text: string, origin: RequestOrigin): Promise<IssuedAccessToken> {
      if (realm.api_keys.token_minutes === 0) throw new AppError('api_key.exchange_disabled', 'This realm accepts API keys only directly; they cannot be exchanged for tokens.');
      const { key, owner } = await deps.verifier.verify(realm, text, origin.ip);
      if (!owner) throw new AppError('api_key.exchange_disabled', 'A service key is used directly; only a user\'s key can be exchanged for a token.');
      // A token acts as the user: it cannot carry a key's limits, so a limited key is used only directly.
      if (key.service !== null || Object.keys(key.capabilities).length > 0) {
        throw new AppError('api_key.exchange_disabled', 'A key bound to a service or limited by capabilities is used directly; it cannot be exchanged for a token.');
      }
      // Nor does the token outlive its key.
      const minutesLeft = key.expiresAt === null ? Infinity : Math.floor((key.expiresAt - clock.now()) / 60_000);
      if (minutesLeft < 1) throw new AppError('api_key.exchange_disabled', 'The key expires within a minute; use it directly.');
      const signer = await deps.accessTokens.signerFor(realm);
      // Named in the token, which validate then holds to the key: revoked or expired, it ends the token too.
      const issued = await signer.sign(owner, null, undefined, undefined, { apiKeyId: key.id, minutes: Math.min(realm.api_keys.token_minutes, minutesLeft) });
      await record(db, realm, 'api_key.exchanged', key, { type: 'user', id: owner.id }, origin);
      return issued;
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
