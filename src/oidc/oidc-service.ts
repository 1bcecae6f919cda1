import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Kysely } from 'kysely';
import type { RateLimiter } from '../auth/rate-limiter.ts';
import type { ApplicationDirectory, ApplicationGrantsEnder, KeyRing, OidcPageRenderer } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { EventLog, RequestOrigin } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import type { InvalidationPublisher } from '../platform/invalidation-bus.ts';
import type { Logger } from '../platform/logger.ts';
import type { Realm } from '../realms/realm.ts';
import { isLive, sessionStore } from '../sessions/session-store.ts';
import type { Schema } from '../storage/schema.ts';
import { issuerOf } from '../tokens/access-tokens.ts';
import { createDirectSignInState, pagesClient } from './direct-sign-in.ts';
import { createOidcInteractions } from './oidc-interactions.ts';
import { oidcStore } from './oidc-store.ts';
import { createProviderCache } from './provider-cache.ts';
import { logProviderErrors } from './provider-errors.ts';
import { recordProviderEvents } from './provider-events.ts';
import { accessTokenRecordIds } from './jwt-access-tokens.ts';
import { pinPublicOrigin, realmMiddleware, securityHeaders } from './provider-middleware.ts';
import { cookiesSecure, createRealmProvider, type OwnOperatorClient, type RealmProvider, type RealmProviderDeps } from './realm-provider.ts';
import { rememberOrigin } from './request-origins.ts';
import { usageFingerprints } from './refresh-retries.ts';
import { userCodeLimit } from './user-code-limit.ts';
import { cutoffRecord, CUTOFF_MODEL } from './client-credentials-tokens.ts';

import type { TenantSignIn } from '../authorization/tenant-policy.ts';
/**
 * The OpenID Connect provider of every realm: finds (or creates) a realm's provider and hands it
 * a request; ends what it issued when applications change. Knows nothing of Fastify: the route
 * tree (src/http/routes/oidc.ts) passes raw Node requests.
 */
export interface OidcDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  logger: Logger;
  keys: KeyRing & { signingJwks(realmId: string): Promise<Record<string, unknown>[]> };
  applications: ApplicationDirectory;
  users: RealmProviderDeps['users'];
  publicUrl: string;
  masterKey: Buffer;
  pages: OidcPageRenderer;
  invalidation: InvalidationPublisher;
  /**
   * The server's own applications of the admin realm (the console), by client id and the redirect
   * URIs they must still have: they get operator access without a consent prompt.
   */
  ownOperatorClients?: readonly OwnOperatorClient[];
  roles?: RealmProviderDeps['roles'];
  /** Which tenant a sign-in may be in (src/authorization/tenant-policy.ts): the authorize request's `organization`. */
  tenants?: Pick<TenantSignIn, 'forSignIn' | 'forRefresh' | 'moveSession' | 'tenantIdOf'>;
  /** Device-flow user codes typed at the verification page, counted per realm and address (src/oidc/user-code-limit.ts); unset: no limit. */
  deviceCodes?: { limiter: RateLimiter; perIpPerMinute: number };
}

/** A realm's provider with the request handler Koa composed for it. */
type ServedProvider = RealmProvider & { handle: ReturnType<RealmProvider['provider']['callback']> };

export function createOidc(deps: OidcDeps) {
  const cache = createProviderCache<ServedProvider>({ now: () => deps.clock.now() });
  const secureCookies = cookiesSecure(deps.publicUrl);
  const recordId = accessTokenRecordIds(deps.masterKey);
  const usageFingerprint = usageFingerprints(deps.masterKey);

  /** The tenant the user may sign in to by that name; undefined when they may not (not a member, inactive, unknown alike). */
  async function tenantForSignIn(realm: Realm, userId: string, organization: string) {
    if (!deps.tenants) return undefined;
    return deps.tenants.forSignIn(realm.id, userId, organization).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'auth.tenant_not_allowed') return undefined;
      throw error;
    });
  }

  async function build(realm: Realm): Promise<ServedProvider> {
    const built = await createRealmProvider(realm, {
      ...deps,
      signingJwks: (realmId) => deps.keys.signingJwks(realmId),
      builtInClients: (r) => new Map([[pagesClient.clientId, pagesClient.metadata(deps.publicUrl, r)]]),
      recordId,
      usageFingerprint,
      tenantIdOf: deps.tenants?.tenantIdOf,
      stillInTenant: async (realmId, userId, tenantId) => {
        const tenants = deps.tenants;
        if (!tenants) return false;
        return tenants.forRefresh(realmId, userId, tenantId, undefined).then(() => true, (error: unknown) => {
          if (error instanceof AppError) return false;
          throw error;
        });
      },
    });
    pinPublicOrigin(built.provider, deps.publicUrl, secureCookies);
    built.provider.use(securityHeaders);
    if (deps.deviceCodes) built.provider.use(userCodeLimit({ ...deps.deviceCodes, realmId: realm.id }));
    built.provider.use(realmMiddleware({ keys: deps.keys, realmId: realm.id, issuer: built.issuer, recordId }));
    recordProviderEvents(built, deps);
    logProviderErrors(built, deps.logger);
    // Koa composes its middleware in callback(): once per provider, not once per request.
    return { ...built, handle: built.provider.callback() };
  }

  /** The realm's live provider; refused for realms whose keys cannot be published. */
  async function providerFor(realm: Realm): Promise<ServedProvider> {
    if (realm.tokens.algorithm === 'HS256') {
      throw new AppError('oidc.unavailable', 'This realm signs tokens with HS256, which cannot be published: OpenID Connect needs ES256, EdDSA or RS256.');
    }
    const active = await deps.keys.activeKey(realm.id);
    return cache.get(realm.id, `${realm.version}:${active.kid}`, () => build(realm));
  }

  const directState = createDirectSignInState(deps.masterKey, () => deps.clock.now());

  return {
    providerFor,

    /** Where a verified JWT access token's record is kept (src/oidc/oidc-validation.ts looks it up). */
    recordId,

    /** The hosted pages' side of sign-in and consent (contracts: OidcInteractions). */
    interactions: createOidcInteractions({
      providerFor,
      applications: deps.applications,
      directState,
      enterTenant: async (realm, session, organization, origin) => {
        const tenant = await tenantForSignIn(realm, session.user_id, organization);
        if (!tenant || !deps.tenants) return false;
        if (tenant.id !== session.tenant_id) await deps.tenants.moveSession(realm.id, session, tenant, origin);
        return true;
      },
      mayEnterTenant: async (realm, userId, organization) => (await tenantForSignIn(realm, userId, organization)) !== undefined,
      liveSession: async (realm, sessionId) => {
        const session = await sessionStore.find(deps.db, realm.id, sessionId);
        return session && isLive(session, deps.clock.now()) ? session : undefined;
      },
    }),

    /**
     * The pages client's callback after a direct sign-in: where the browser goes on, which only a
     * state this server signed for this realm (and an answer from this realm's issuer) can name.
     */
    finishDirectSignIn(realm: Realm, state: string | undefined, iss: string | undefined): string {
      const returnTo = state ? directState.open(realm.id, state) : undefined;
      if (!returnTo || iss !== issuerOf(deps.publicUrl, realm.id)) {
        throw new AppError('oidc.invalid_state', 'This sign-in link is not valid (altered, of another realm, or too old); start again.');
      }
      return returnTo;
    },

    /**
     * Readies the realm's provider (refusing a realm that cannot have one) and answers what serves a
     * request with it. `prefix` (`/realms/{id}`) is taken off the path the provider routes on and
     * kept as `originalUrl`, as oidc-provider expects when mounted under a path.
     */
    async prepare(realm: Realm, prefix: string): Promise<(req: IncomingMessage, res: ServerResponse, origin: RequestOrigin) => Promise<void>> {
      const { handle } = await providerFor(realm);
      return (req, res, origin) => {
        rememberOrigin(req, origin);
        const mounted = req as IncomingMessage & { originalUrl?: string };
        mounted.originalUrl = req.url;
        req.url = (req.url ?? '/').slice(prefix.length) || '/';
        return new Promise<void>((resolve) => {
          res.once('close', resolve);
          res.once('finish', resolve);
          handle(req, res);
        });
      };
    },

    /** Drops a realm's provider (its settings, keys or applications changed). */
    invalidate(realmId: string): void {
      cache.delete(realmId);
    },

    /** Drops every realm's provider (invalidation messages may have been missed). */
    clear(): void {
      cache.clear();
    },

    /** How many providers are live in this process (metrics, tests). */
    get liveProviders(): number {
      return cache.size;
    },

    grantsEnder: {
      async endForUser(realmId, applicationId, userId) {
        await oidcStore.deleteForUserAndApplication(deps.db, realmId, applicationId, userId);
      },
      async endForApplication(realmId, applicationId) {
        await oidcStore.deleteForApplication(deps.db, realmId, applicationId);
        // Its client-credentials tokens are recorded nowhere: a cut-off ends them (src/oidc/client-credentials-tokens.ts).
        const cutoff = cutoffRecord(Math.floor(Date.now() / 1000));
        await oidcStore.upsert(deps.db, realmId, CUTOFF_MODEL, applicationId, cutoff, Number(cutoff.exp) * 1000, null, null);
      },
      applicationChanged(realmId, _applicationId) {
        // The provider caches clients by their metadata; a new instance forgets the old copy. Other
        // processes hear it through the realm's invalidation message.
        cache.delete(realmId);
        void deps.invalidation.publish({ realmId }).catch((error: unknown) => deps.logger.warn({ err: error }, 'an application change could not be announced'));
      },
    } satisfies ApplicationGrantsEnder,
  };
}

export type Oidc = ReturnType<typeof createOidc>;
