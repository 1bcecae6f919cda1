/**
 * The authorization part of the composition root: API keys (src/api-keys) and policy decisions
 * (src/authorization). Roles and tenants are wired in src/compose.ts, since sign-in, tokens and
 * validate need them before anything here exists.
 */
import type { Kysely } from 'kysely';
import { createApiKeyService } from './api-keys/api-key-service.ts';
import { withApiKeySubjects } from './api-keys/api-key-subject.ts';
import { createApiKeyVerifier } from './api-keys/api-key-verifier.ts';
import { apiKeyMacKey, createKeySecrets } from './api-keys/key-secrets.ts';
import { createLastUse } from './api-keys/last-use.ts';
import type { RateLimiter } from './auth/rate-limiter.ts';
import { createDecisionService } from './authorization/decision-service.ts';
import { tokenSubjectResolver } from './authorization/decision-subject-resolver.ts';
import { createPolicyCache } from './authorization/policy-cache.ts';
import { createPolicyService } from './authorization/policy-service.ts';
import type { RoleResolver } from './authorization/role-resolver.ts';
import { roleStore } from './authorization/role-store.ts';
import type { AuthorizingValidator, UserDirectory } from './contracts.ts';
import type { EventLog } from './events/event-log.ts';
import type { Clock } from './platform/clock.ts';
import type { InvalidationBus } from './platform/invalidation-bus.ts';
import type { Logger } from './platform/logger.ts';
import { createSecretBox } from './platform/secret-box.ts';
import type { Schema } from './storage/schema.ts';
import type { AccessTokens } from './tokens/access-tokens.ts';

/** How often API keys' last-used times are written (they are batched in memory meanwhile). */
const API_KEY_LAST_USE_FLUSH_MS = 5_000;

interface Common {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  invalidation: InvalidationBus;
  /** Validate's per-process cache bounds, which the verified-key cache shares. */
  cache: { capacity: number; ttlMs: number };
}

/**
 * Verified keys are cached per process (the bus clears them on revocation and owner changes); last
 * use is noted in memory and written in batches (composeServer starts and stops the writer).
 */
export function composeApiKeys(deps: Common & {
  masterKey: Buffer;
  logger: Logger;
  users: Pick<UserDirectory, 'findTokenSubject'>;
  rateLimiter: RateLimiter;
  limits: { enabled: boolean; createPerOwnerPerMinute: number };
  accessTokens: AccessTokens;
}) {
  const { db, clock, events, invalidation } = deps;
  const lastUse = createLastUse({ db, intervalMs: API_KEY_LAST_USE_FLUSH_MS, onError: (error) => deps.logger.warn({ err: error }, 'API key last use could not be written') });
  const secrets = createKeySecrets(apiKeyMacKey(deps.masterKey), createSecretBox(deps.masterKey));
  const verifier = createApiKeyVerifier({ db, clock, secrets, users: deps.users, lastUse, cache: { ...deps.cache, listening: () => invalidation.connected } });
  const service = createApiKeyService({ db, clock, events, secrets, verifier, invalidation, rateLimiter: deps.rateLimiter, limits: deps.limits, accessTokens: deps.accessTokens });
  return { lastUse, verifier, service };
}

/**
 * Compiled policies per process, dropped by realm messages; the realm's role permissions are the
 * Cedar schema's actions (read when a module is saved). The caller is an access token's user, or an
 * API key's owner (or service account) with its capabilities.
 */
export function composeDecisions(deps: Common & { logger: Logger; validator: AuthorizingValidator; roles: RoleResolver; apiKeys: ReturnType<typeof composeApiKeys>['verifier'] }) {
  const { db, clock, events, invalidation } = deps;
  const onFault = (realmId: string, error: unknown) => deps.logger.error({ err: error, realm_id: realmId }, 'Cedar failed on the realm\u2019s policies: reloaded, and the realm\u2019s decisions are denied until its policies change');
  const policyCache = createPolicyCache({ db, now: () => clock.now(), listening: () => invalidation.connected, onFault });
  invalidation.subscribe((notice) => policyCache.onInvalidation(notice));
  const rolePermissions = async (realmId: string) => [...(await roleStore.graph(db, realmId)).values()].flatMap((role) => role.permissions);
  const policies = createPolicyService({ db, clock, events, invalidation, permissions: rolePermissions });
  const resolveSubject = withApiKeySubjects(tokenSubjectResolver(deps.validator), deps.apiKeys, deps.roles);
  return { policies, decisions: createDecisionService({ resolveSubject, policies: policyCache, onFault }) };
}
