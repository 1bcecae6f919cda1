import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KoaContext, OidcModel, Provider as ProviderClass } from 'oidc-provider';
import type { Application, ApplicationDirectory, OidcPageRenderer, RoleSource, UserDirectory } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { EventLog } from '../events/event-log.ts';
import type { Clock } from '../platform/clock.ts';
import { memoise } from '../platform/lazy.ts';
import type { Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { operatorResourcesOf } from '../auth/admin-resources.ts';
import { issuerOf } from '../tokens/access-tokens.ts';
import type { UserService } from '../users/user-service.ts';
import { canAuthenticate } from '../users/user.ts';
import { interactionPolicyFor } from './interaction-policy.ts';
import { presentedToken, recordJwtAccessToken, type AccessTokenRecordId } from './jwt-access-tokens.ts';
import { KNOWN_CLIENT_MS, realmAdapter } from './oidc-adapter.ts';
import { CLAIMS_BY_SCOPE, ISSUER_RESOURCE_SCOPES, OIDC_SCOPES, roleClaims, userClaims } from './oidc-claims.ts';
import { createConsent, type Consent } from './oidc-consent.ts';
import { providerPages } from './oidc-pages.ts';
import { oidcStore } from './oidc-store.ts';
import { sessionStore } from '../sessions/session-store.ts';
import { originOfRequest } from './request-origins.ts';
import type { UsageFingerprint } from './refresh-retries.ts';

/**
 * One realm's OpenID Connect provider: oidc-provider configured from the realm's settings, keys,
 * applications and users. Everything it stores goes through the realm's adapter; its endpoints sit
 * under `{issuer}/oidc/…` beside discovery at `{issuer}/.well-known/openid-configuration`.
 */
export const loadOidcProvider = memoise(() => import('oidc-provider'));

/** The endpoints' paths below the issuer (docs/oidc.md lists them). */
export const OIDC_ROUTES = {
  authorization: '/oidc/auth',
  token: '/oidc/token',
  userinfo: '/oidc/userinfo',
  jwks: '/oidc/jwks',
  introspection: '/oidc/token/introspection',
  revocation: '/oidc/token/revocation',
  end_session: '/oidc/session/end',
  device_authorization: '/oidc/device/auth',
  code_verification: '/oidc/device',
  pushed_authorization_request: '/oidc/request',
  backchannel_authentication: '/oidc/backchannel',
};

export interface RealmProviderDeps {
  db: Kysely<Schema>;
  clock: Clock;
  events: EventLog;
  applications: ApplicationDirectory;
  users: Pick<UserDirectory, 'findById'> & Pick<UserService, 'revokeSession'>;
  publicUrl: string;
  /** The master key: each realm's cookie-signing key is derived from it. */
  masterKey: Buffer;
  pages: OidcPageRenderer;
  /** Private JWKs of the realm's active key (first) and the retired keys still verifying. */
  signingJwks(realmId: string): Promise<Record<string, unknown>[]>;
  /** Clients the realm provides itself (the hosted pages' client), by client_id. */
  builtInClients(realm: Realm): Map<string, Record<string, unknown>>;
  /** The server's own applications of the admin realm (the console): operator access without a consent prompt. */
  ownOperatorClients?: readonly OwnOperatorClient[];
  /** Where JWT access tokens are recorded (src/oidc/jwt-access-tokens.ts). */
  recordId: AccessTokenRecordId;
  usageFingerprint: UsageFingerprint;
  /** Users' effective roles, for the `roles` and `permissions` claims when the realm maps them. */
  roles?: RoleSource;
  /** The id of the realm's tenant an id or slug names (src/authorization), for the authorize request's `organization`. */
  tenantIdOf?(realmId: string, ref: string): Promise<string | undefined>;
  /** Whether the user is still an active member of the (active) tenant their session is in. */
  stillInTenant?(realmId: string, userId: string, tenantId: string): Promise<boolean>;
}

export interface RealmProvider {
  realm: Realm;
  issuer: string;
  provider: ProviderClass;
  /** The active signing key's id (JWT access tokens name it). */
  activeKid: string;
  /** Applications this provider resolved, by client_id. */
  applications: Map<string, Application>;
  consent: Consent;
}

/** An application the server itself runs in the admin realm (the console), as it must stay. */
export interface OwnOperatorClient {
  clientId: string;
  redirectUris: readonly string[];
}

/**
 * Whether the application is one of the server's own, still sending its codes only where the
 * server put them: an operator who edits the console's application to add a redirect URI of their
 * own (found by review) makes it an application like any other, asked before operator access.
 */
function isOwnOperatorClient(own: readonly OwnOperatorClient[], application: Application | undefined): boolean {
  const expected = own.find((client) => client.clientId === application?.clientId);
  return !!expected && !!application && application.redirectUris.length === expected.redirectUris.length && application.redirectUris.every((uri) => expected.redirectUris.includes(uri));
}

/** Cookie signing keys of one realm: derived, so no realm can forge another's cookies. */
export function cookieKey(masterKey: Buffer, realmId: string): string {
  return createHmac('sha256', masterKey).update(`keyrealm oidc cookies:${realmId}`).digest('base64url');
}

/** `secure` cookies unless the public URL is plain http on a loopback host (development). */
export function cookiesSecure(publicUrl: string): boolean {
  const url = new URL(publicUrl);
  return !(url.protocol === 'http:' && LOOPBACK_HOSTS.includes(url.hostname));
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];
/** The most of a client's jwks_uri answer read (docs/oidc.md). */
export const JWKS_URI_MAX_BYTES = 64 * 1024;

const minutes = (value: number) => value * 60;
const days = (value: number) => value * 24 * 60 * 60;

export async function createRealmProvider(realm: Realm, deps: RealmProviderDeps): Promise<RealmProvider> {
  const { Provider, errors, interactionPolicy } = await loadOidcProvider();
  const issuer = issuerOf(deps.publicUrl, realm.id);
  const keys = await deps.signingJwks(realm.id);
  const activeKid = String(keys[0]?.kid);
  const alg = realm.tokens.algorithm;
  const seen = new Map<string, Application>();
  const secure = cookiesSecure(deps.publicUrl);
  // The admin realm's applications may also ask for tokens for the admin API and the MCP endpoint (src/auth/admin-resources.ts).
  const operatorResources = realm.is_system ? operatorResourcesOf(deps.publicUrl) : [];
  const cookiePath = `/realms/${realm.id}/`;
  const pages = providerPages(realm, deps.pages);
  const applicationOf = (clientId: string | undefined) => (clientId ? seen.get(clientId) : undefined);
  const builtInClients = deps.builtInClients(realm);
  const consent = createConsent({
    realm,
    applications: deps.applications,
    applicationOf: (clientId) => seen.get(clientId),
    operatorResources,
    builtIn: (clientId) => builtInClients.has(clientId) || (realm.is_system && isOwnOperatorClient(deps.ownOperatorClients ?? [], seen.get(clientId))),
  });
  const accessTokenTtl = (clientId: string | undefined) => minutes(applicationOf(clientId)?.accessTokenMinutes ?? realm.tokens.access_token_minutes);

  // At the end of an interaction the hosted pages pass the realm session the sign-in created.
  const signedInSession = (): string | null | undefined => {
    const result = Provider.ctx?.oidc.result as { login?: unknown; keyrealm?: { sessionId: string | null } } | undefined;
    return result?.login ? (result.keyrealm?.sessionId ?? null) : undefined;
  };
  // Requests answering a refresh token's retry (src/oidc/refresh-retries.ts); entries go with their requests.
  const retriesServed = new WeakSet<object>();
  const storage = realmAdapter({
    db: deps.db,
    realmId: realm.id,
    applications: deps.applications,
    clock: deps.clock,
    seen,
    builtInClients,
    issuer,
    recordId: deps.recordId,
    presented: () => presentedToken(Provider.ctx?.req),
    signedInSession,
    refreshRetries: {
      intervalMs: realm.tokens.refresh_reuse_interval_seconds * 1000,
      fingerprint: (tokenId) => deps.usageFingerprint(realm.id, tokenId, originOfRequest(Provider.ctx?.req)),
      refreshing: () => Provider.ctx?.oidc.route === 'token' && Provider.ctx.oidc.params.grant_type === 'refresh_token',
      served: () => {
        const req = Provider.ctx?.req;
        if (req) retriesServed.add(req);
      },
    },
    usedTwice: () => new errors.InvalidGrant('already used'),
    signingOut: () => {
      const ctx = Provider.ctx;
      return ctx?.oidc.route === 'end_session_confirm' && !!ctx.oidc.params.logout;
    },
    signedOut: async (realmSessionId, userId) => {
      const ctx = Provider.ctx;
      const origin = originOfRequest(ctx?.req);
      await deps.users.revokeSession(realm, userId, realmSessionId, { type: 'user', id: userId }, origin).catch((error: unknown) => {
        // Already ended (by an operator, a password change…): nothing left to sign out of.
        if (!(error instanceof AppError && error.code === 'session.not_found')) throw error;
      });
      await deps.events.record(deps.db, {
        realmId: realm.id,
        type: 'oidc.logout',
        actor: { type: 'user', id: userId },
        userId,
        origin,
        details: { client_id: (ctx?.oidc.entities.Client as { clientId?: string } | undefined)?.clientId ?? null, session_id: realmSessionId },
      });
    },
  });

  const configuration: Record<string, unknown> = {
    adapter: storage.adapterFor,
    jwks: { keys },
    routes: OIDC_ROUTES,
    scopes: [...OIDC_SCOPES],
    // `organization`: the tenant to sign in to (src/oidc/oidc-interactions.ts records it on the realm
    // session); `idp_hint`: the identity provider to sign in through (src/pages/methods/identity-provider.ts).
    extraParams: ['organization', 'idp_hint'],
    claims: CLAIMS_BY_SCOPE,
    responseTypes: ['code'],
    acrValues: ['aal1', 'aal2'],
    // S256 is the only method oidc-provider implements; every client must use it (OAuth 2.1).
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'],
    // A private_key_jwt client's jwks_uri is fetched on its token requests: unbounded by default,
    // one endless answer would hold the process's memory. A key set is a few KB.
    fetchResponseBodyLimits: { 'client_id metadata document': 5 * 1024, jwks_uri: JWKS_URI_MAX_BYTES, sector_identifier_uri: 64 * 1024 },
    clientDefaults: { id_token_signed_response_alg: alg, grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
    // The provider signs with the realm's algorithm only: retired keys of another algorithm are
    // published (they still verify) but never sign.
    enabledJWA: {
      clientAuthSigningAlgValues: ['ES256', 'EdDSA', 'RS256', 'PS256'],
      idTokenSigningAlgValues: [alg],
      userinfoSigningAlgValues: [alg],
      introspectionSigningAlgValues: [alg],
      authorizationSigningAlgValues: [alg],
    },
    cookies: {
      keys: [cookieKey(deps.masterKey, realm.id)],
      long: { httpOnly: true, sameSite: 'lax', secure, path: cookiePath },
      // Short-lived cookies get the path of the page they serve (the interaction, the resume).
      short: { httpOnly: true, sameSite: 'lax', secure },
    },
    interactions: {
      url: (_ctx: KoaContext, interaction: { uid: string }) => `/realms/${realm.id}/interaction/${interaction.uid}`,
      policy: interactionPolicyFor(realm, interactionPolicy, consent, async (sessionUid, organization) => {
        const realmSessionId = await oidcStore.realmSessionOf(deps.db, realm.id, sessionUid);
        const session = realmSessionId ? await sessionStore.find(deps.db, realm.id, realmSessionId) : undefined;
        const tenantId = session?.tenant_id;
        if (!session || !tenantId || !deps.tenantIdOf || (await deps.tenantIdOf(realm.id, organization)) !== tenantId) return false;
        // A session still in a tenant the user has left (or that was switched off) signs in again.
        return (await deps.stillInTenant?.(realm.id, session.user_id, tenantId)) ?? false;
      }),
    },
    loadExistingGrant: consent.loadExistingGrant,
    async findAccount(_ctx: KoaContext, sub: string) {
      const user = await deps.users.findById(realm.id, sub);
      // A deleted, locked or inactive user has no account: sign-in is asked again, tokens are refused.
      if (!user || !canAuthenticate(user)) return undefined;
      // ID tokens and userinfo: the roles in force when they are made.
      return { accountId: user.id, claims: async () => ({ ...userClaims(realm, user), ...(await roleClaims(realm, user.id, deps.roles)) }) };
    },
    clientBasedCORS: (_ctx: KoaContext, origin: string, client: { clientId: string }) => applicationOf(client.clientId)?.corsOrigins.includes(origin) ?? false,
    ttl: {
      AccessToken: (_ctx: KoaContext, _token: OidcModel, client: { clientId: string }) => accessTokenTtl(client?.clientId),
      ClientCredentials: (_ctx: KoaContext, _token: OidcModel, client: { clientId: string }) => accessTokenTtl(client?.clientId),
      RefreshToken: (_ctx: KoaContext, _token: OidcModel, client: { clientId: string }) => days(applicationOf(client?.clientId)?.refreshTokenDays ?? realm.tokens.refresh_token_days),
      AuthorizationCode: 60,
      DeviceCode: 600,
      Interaction: 3600,
      IdToken: minutes(realm.tokens.access_token_minutes),
      Grant: days(realm.tokens.refresh_token_days),
      Session: days(realm.tokens.refresh_token_days),
    },
    // Outgoing calls (back-channel logout, jwks_uri) keep oidc-provider's SSRF guard, which refuses
    // private and loopback addresses; only a server that itself runs on loopback (development, as
    // its http public URL says) may call applications on loopback.
    fetch: (url: string | URL, options: RequestInit & { dispatcher?: unknown }) => {
      if (!secure && LOOPBACK_HOSTS.includes(new URL(url).hostname)) {
        const { dispatcher: _guard, ...unguarded } = options;
        return globalThis.fetch(url, unguarded);
      }
      return globalThis.fetch(url, options);
    },
    // Every use of a refresh token replaces it; a spent one presented again ends its grant.
    // A retry within the reuse interval gets its spent token back rather than a second successor.
    rotateRefreshToken: (ctx: KoaContext) => !retriesServed.has(ctx.req),
    issueRefreshToken: async (_ctx: KoaContext, client: { grantTypeAllowed(type: string): boolean }, code: { scopes: Set<string> }) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    // What each access token says about the sign-in behind it (none for client credentials).
    async extraTokenClaims(ctx: KoaContext, token: OidcModel) {
      if (token.kind === 'ClientCredentials') return undefined;
      const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken ?? ctx.oidc.entities.DeviceCode;
      const sessionUid = token.sessionUid ?? source?.sessionUid;
      const sid = signedInSession() ?? (sessionUid ? await oidcStore.realmSessionOf(deps.db, realm.id, sessionUid) : undefined);
      // The realm session's tenant (the authorize request's `organization`): while the user is still
      // an active member of it (else no token: the grant is refused, as a native refresh is), and
      // in the token when the realm's claims include tenants.
      const sessionTenant = sid ? ((await sessionStore.find(deps.db, realm.id, sid))?.tenant_id ?? null) : null;
      if (sessionTenant && token.accountId && !(await deps.stillInTenant?.(realm.id, token.accountId, sessionTenant))) {
        throw new errors.InvalidGrant('the user is no longer in the tenant of this sign-in');
      }
      const tenant = realm.tokens.claims.includes('tenants') ? sessionTenant : null;
      return {
        ...(token.accountId ? await roleClaims(realm, token.accountId, deps.roles) : {}),
        ...(sid ? { sid } : {}),
        ...(tenant ? { tenant } : {}),
        ...(source?.authTime ? { auth_time: source.authTime } : {}),
        ...(source?.amr ? { amr: source.amr } : {}),
        ...(source?.acr ? { acr: source.acr } : {}),
      };
    },
    formats: {
      customizers: {
        // A user's tokens are recorded as they are signed; client-credentials tokens are not (src/oidc/client-credentials-tokens.ts).
        jwt: async (_ctx: KoaContext, token: OidcModel, jwt: { payload: Record<string, unknown> }) => {
          if (token.kind !== 'ClientCredentials') await recordJwtAccessToken(deps.db, realm.id, issuer, token, jwt, await storage.applicationIdOf(token.clientId), deps.recordId);
        },
      },
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A public client may ask only about its own tokens; a confidential one (a resource server) about any of the realm's.
      introspection: { enabled: true, allowedPolicy: (_ctx: KoaContext, client: { clientId: string; clientAuthMethod: string }, token: { clientId?: string }) => client.clientAuthMethod !== 'none' || token.clientId === client.clientId },
      // Only the client a token was issued to may revoke it (RFC 7009 §2.1).
      revocation: { enabled: true, allowedPolicy: (_ctx: KoaContext, client: { clientId: string }, token: { clientId?: string }) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      backchannelLogout: { enabled: true },
      pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: false },
      resourceIndicators: {
        enabled: true,
        // Without a resource indicator, the application's audience, else the realm itself.
        defaultResource: async (_ctx: KoaContext, client: { clientId: string }, oneOf?: string[]) => {
          const preferred = applicationOf(client.clientId)?.accessTokenAudience ?? issuer;
          if (oneOf) return oneOf.includes(preferred) ? preferred : oneOf[0];
          return preferred;
        },
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContext, resource: string, client: { clientId: string }) => {
          const application = applicationOf(client.clientId);
          if (resource !== issuer && resource !== application?.accessTokenAudience && !operatorResources.includes(resource)) throw new errors.InvalidTarget();
          return {
            scope: [ISSUER_RESOURCE_SCOPES, ...(application?.scopes ?? []).filter((scope) => !(OIDC_SCOPES as readonly string[]).includes(scope))].join(' '),
            audience: resource,
            accessTokenTTL: accessTokenTtl(client.clientId),
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg, kid: activeKid } },
          };
        },
      },
      deviceFlow: pages.deviceFlow,
      rpInitiatedLogout: pages.rpInitiatedLogout,
    },
    renderError: pages.renderError,
  };

  const provider = new Provider(issuer, configuration);
  // The application's secret is stored hashed: the applications module checks it, in constant time.
  // Its hashes are kept by the provider instance, which any change to the application drops (and,
  // should the message be lost, read again after a few seconds).
  const secretCheckers = new Map<string, { at: number; checker: Promise<(presented: string) => boolean> }>();
  provider.Client.prototype.compareClientSecret = async function compareClientSecret(this: { clientId: string }, actual: string) {
    const application = applicationOf(this.clientId);
    if (!application) return false;
    let entry = secretCheckers.get(application.id);
    if (!entry || deps.clock.now() - entry.at >= KNOWN_CLIENT_MS) {
      entry = { at: deps.clock.now(), checker: deps.applications.secretChecker(realm.id, application.id) };
      secretCheckers.set(application.id, entry);
      entry.checker.catch(() => secretCheckers.delete(application.id));
    }
    return (await entry.checker)(actual);
  };
  return { realm, issuer, provider, activeKid, applications: seen, consent };
}
