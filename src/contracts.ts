/**
 * The seams between modules, as types only. Each module implements its side; the composition root
 * (src/compose.ts) wires implementations together. Nothing here imports Fastify.
 */
import type { KeyLike } from 'node:crypto';
import type { Actor, RequestOrigin } from './events/event-log.ts';
import type { OperatorPrincipal, Grant } from './operators/permissions.ts';
import type { Access, Realm, SigningAlgorithm } from './realms/realm.ts';
import type { Page, PageRequest } from './storage/pagination.ts';
import type { User, UserWithSecret } from './users/user.ts';

// ---------------------------------------------------------------- realms (src/realms)

/** Resolves `{realm}` path segments (a realm id or its slug); cached briefly, invalidated on change. */
export interface RealmLookup {
  resolve(idOrSlug: string): Promise<Realm | undefined>;
  /** Drops cached copies after a change (state, settings, slug, deletion). */
  invalidate(realmId: string): void;
}

export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  /** A private KeyObject, or the HS256 secret as a KeyObject. */
  key: KeyLike;
}

export interface VerificationKey {
  kid: string;
  alg: SigningAlgorithm;
  /** Public KeyObject, or the HS256 secret. */
  key: KeyLike;
}

/** Each realm's signing keys. Private material is sealed with the master key at rest. */
export interface KeyRing {
  /** The realm's active key (cached in memory). */
  activeKey(realmId: string): Promise<SigningKey>;
  /** A key that may still verify tokens: active, or retired and not past its verify_until. */
  verificationKey(realmId: string, kid: string): Promise<VerificationKey | undefined>;
  /** Public keys for JWKS (none for HS256). */
  jwks(realmId: string): Promise<Record<string, unknown>[]>;
}

// ---------------------------------------------------------------- users (src/users)

/** What an access token says about its user, and whether the user may still have one. */
export type TokenSubject = Pick<
  User,
  'id' | 'email' | 'email_verified' | 'username' | 'display_name' | 'custom' | 'access' | 'access_token_minutes' | 'state' | 'locked'
>;

/** What sign-in, refresh and validate need from the user module. */
export interface UserDirectory {
  /** Finds an active (not deleted) user by email, username or mobile, normalised the realm's way. */
  findForSignIn(realmId: string, identifier: string): Promise<UserWithSecret | undefined>;
  findById(realmId: string, userId: string): Promise<User | undefined>;
  findWithSecret(realmId: string, userId: string): Promise<UserWithSecret | undefined>;
  /** Only what a token needs (refresh runs this on every call). */
  findTokenSubject(realmId: string, userId: string): Promise<TokenSubject | undefined>;
  /**
   * Stores a rehash of the same password (stronger parameters) if `oldHash` is still the stored
   * hash; no new version, no event, sessions untouched. False when the hash changed meanwhile.
   */
  upgradePasswordHash(realmId: string, userId: string, oldHash: string, newHash: string): Promise<boolean>;
}

// ---------------------------------------------------------------- tokens (src/tokens, src/auth)

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp?: number;
  jti: string;
  sid?: string;
  /** When the user last proved who they are (epoch seconds): the sign-in, or the latest step-up. */
  auth_time?: number;
  /** How (RFC 8176): e.g. ['pwd'], ['pwd', 'otp'], ['hwk', 'user']. */
  amr?: string[];
  /** The assurance level reached: `aal1` one factor, `aal2` two. */
  acr?: string;
  realm: string;
  /** The user's access level; absent when the realm leaves it out (`tokens.access_claim`). */
  access?: Access;
  /** The API key the token was exchanged for (`POST …/auth/api-key/token`): it stands only while the key does. */
  api_key?: string;
  [claim: string]: unknown;
}

export interface TokenSet {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds; null when the realm issues unmanaged tokens without expiry. */
  expires_in: number | null;
  refresh_token?: string;
  session_id: string | null;
}

/** A user's roles in force at a moment (src/authorization): slugs and their flattened permissions. */
export interface EffectiveRoles {
  roles: string[];
  permissions: string[];
}

/** Where tokens and validate get a user's effective roles; cached per process, so cheap to ask. */
export interface RoleSource {
  effective(realmId: string, userId: string): Promise<EffectiveRoles>;
}

/** What validate answers: the token's user, session and access, and the user's roles now. */
export interface AuthorizedToken extends ValidatedToken, EffectiveRoles {}

export interface AuthorizingValidator {
  validate(realm: Realm, accessToken: string): Promise<AuthorizedToken>;
}

/** The result of validating an access token: who, in which session, with what access now. */
export interface ValidatedToken {
  claims: AccessTokenClaims;
  userId: string;
  /** The managed session the token belongs to; null for an unmanaged realm's tokens. */
  sessionId: string | null;
  access: Access;
  /** The tenant the token is in, with the user's roles there (src/authorization); null: none. */
  tenant: { id: string; slug: string; roles: string[] } | null;
}

/** Checks an access token for one realm: signature, algorithm, expiry, issuer, realm, session, user. */
export interface TokenValidator {
  validate(realm: Realm, accessToken: string): Promise<ValidatedToken>;
}

// ---------------------------------------------------------------- operators (src/operators)

export interface OperatorDirectory {
  /** The operator's grants, or undefined when the admin-realm user is not an operator. */
  principalFor(userId: string, sessionId: string | null): Promise<OperatorPrincipal | undefined>;
}

// ---------------------------------------------------------------- applications (src/applications)

/** What kind of program an application is; it decides the defaults and what may be changed. */
export type ApplicationKind = 'spa' | 'web' | 'native' | 'machine' | 'device';

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt' | 'none';

export type ApplicationGrantType = 'authorization_code' | 'refresh_token' | 'client_credentials' | 'urn:ietf:params:oauth:grant-type:device_code';

/** An OAuth client of one realm, as the OpenID Connect provider needs it (never its secret). */
export interface Application {
  id: string;
  realmId: string;
  /** The OAuth `client_id`; unique within the realm. */
  clientId: string;
  kind: ApplicationKind;
  name: string;
  logoUrl: string | null;
  enabled: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** Origins allowed to call the token, userinfo and revocation endpoints from a browser. */
  corsOrigins: string[];
  grantTypes: ApplicationGrantType[];
  /** Scopes the application may ask for (`openid profile email phone offline_access` and any the realm defines). */
  scopes: string[];
  /** `implicit`: first party, never asked; `required`: the user agrees once, remembered until revoked. */
  consent: 'implicit' | 'required';
  /** The `aud` of access tokens issued without a resource indicator; null: the realm's issuer. */
  accessTokenAudience: string | null;
  /** Overrides of the realm's lifetimes; null keeps the realm's. */
  accessTokenMinutes: number | null;
  refreshTokenDays: number | null;
  tokenEndpointAuthMethod: TokenEndpointAuthMethod;
  /** For `private_key_jwt`: the application's public keys, inline or by URL (one of them). */
  jwks: { keys: Record<string, unknown>[] } | null;
  jwksUri: string | null;
  /** Where back-channel logout tokens are posted (OIDC Back-Channel Logout 1.0); null: none. */
  backchannelLogoutUri: string | null;
  /** Origins allowed to frame the hosted pages for this application; empty: none. */
  frameOrigins: string[];
  version: number;
}

/** A user's remembered consent to one application (scopes granted), until they or an operator revoke it. */
export interface ApplicationConsent {
  applicationId: string;
  userId: string;
  scopes: string[];
  grantedAt: number;
  updatedAt: number;
}

/** What the OpenID Connect provider reads of applications; implemented by src/applications. */
export interface ApplicationDirectory {
  /** An enabled or disabled application by its client_id, realm-scoped; undefined when none. */
  findByClientId(realmId: string, clientId: string): Promise<Application | undefined>;
  /**
   * Constant-time check of a presented secret against the current one and, within its grace
   * period, the previous one. The hashes are read once, for a holder dropped whenever the
   * application changes (a realm's provider), so a rotation reaches it.
   */
  secretChecker(realmId: string, applicationId: string): Promise<(presented: string) => boolean>;
  consent(realmId: string, userId: string, applicationId: string): Promise<ApplicationConsent | undefined>;
  /** Records (or widens) the user's consent; recorded as an event. */
  recordConsent(realmId: string, userId: string, applicationId: string, scopes: string[], origin: RequestOrigin): Promise<ApplicationConsent>;
  /** Whether a post-logout or direct-sign-in return URI is registered by any enabled application of the realm (exact match). */
  isRegisteredReturnUri(realmId: string, uri: string, kind: 'redirect' | 'post_logout'): Promise<boolean>;
}

/**
 * Called by src/applications after a change that must end what the OpenID Connect provider issued:
 * a consent revoked (by the user or an operator), an application disabled or deleted, a secret's
 * grace period cut short. Implemented by src/oidc (its grants, codes and tokens); wired in compose.
 */
export interface ApplicationGrantsEnder {
  endForUser(realmId: string, applicationId: string, userId: string): Promise<void>;
  endForApplication(realmId: string, applicationId: string): Promise<void>;
  /** Drops a cached copy of the application (its provider's client cache) in every process. */
  applicationChanged(realmId: string, applicationId: string): void;
}

// ---------------------------------------------------------------- hosted pages and OpenID Connect (src/pages, src/oidc)

/** A sign-in the hosted pages completed through the flow engine: who, in which realm session, how. */
export interface PageSignIn {
  userId: string;
  /** The realm session the flow engine created (null in a realm with unmanaged sessions). */
  sessionId: string | null;
  /** Epoch ms. */
  authTime: number;
  amr: string[];
  acr: string;
}

/** What the hosted pages show for an OpenID Connect interaction in progress. */
export interface InteractionView {
  uid: string;
  /** `login`: sign the user in; `consent`: ask for the scopes in `missingScopes`. */
  prompt: 'login' | 'consent';
  /** `frameOrigins`: the application's own origins allowed to frame its pages, beside the realm's. */
  client: { clientId: string; name: string; logoUrl: string | null; frameOrigins: string[] };
  /** Every scope requested, and those the user has not yet agreed to (consent prompt). */
  scopes: string[];
  missingScopes: string[];
  /** The consent asked includes acting as the operator on the admin API or /mcp (admin realm). */
  operatorAccess: boolean;
  /** The authorization request's hints, for the pages to honour. */
  loginHint: string | null;
  /** `idp_hint`: the slug (or id) of the realm's identity provider to sign in through, skipping the page. */
  idpHint: string | null;
  uiLocales: string[];
  /** `aal2` when the request (acr_values) or the realm's policy asks for a second factor. */
  requiredAcr: string | null;
  /**
   * How many seconds ago the user may have authenticated, when the application asked for a fresh
   * sign-in: 0 for `prompt=login`, its `max_age` when the session was older. An identity provider
   * signed in through is asked the same (src/identity-providers/upstream.ts). Null: no such demand.
   */
  maxAuthAge: number | null;
  /** The user the browser session already belongs to (consent prompt); null at the login prompt. */
  userId: string | null;
}

/** Raw Node request and response: oidc-provider reads and sets its own cookies on them. */
export interface RawExchange {
  req: import('node:http').IncomingMessage;
  res: import('node:http').ServerResponse;
}

/**
 * The hosted pages' side of an OpenID Connect interaction: implemented by src/oidc, used by
 * src/pages. Each call answers the URL to redirect the browser to (back into the provider).
 * A uid that is unknown, expired or belongs to another realm is `oidc.interaction_not_found`.
 */
export interface OidcInteractions {
  view(realm: Realm, exchange: RawExchange): Promise<InteractionView>;
  signedIn(realm: Realm, exchange: RawExchange, signIn: PageSignIn): Promise<string>;
  consented(realm: Realm, exchange: RawExchange, origin: RequestOrigin): Promise<string>;
  /** The user cancelled: the application gets `access_denied`. */
  cancelled(realm: Realm, exchange: RawExchange): Promise<string>;
  /**
   * Direct use of the sign-in page (`/realms/{realm}/login?redirect_uri=`), `returnTo` already
   * checked by the pages against registered URIs: answers the URL that starts an authorization
   * request of the realm's own pages client. The provider sends the browser to the interaction
   * page to sign in (or, with a live session, straight on) and then on to `returnTo`, so the
   * browser holds a provider session and later `prompt=none` requests of any application succeed.
   */
  startDirectSignIn(realm: Realm, exchange: RawExchange, returnTo: string, idpHint?: string): Promise<string>;
}

/**
 * Pages oidc-provider itself serves (device flow, logout, errors), rendered by src/pages in the
 * realm's brand and the request's language. `form` is the provider's own `<form>` element (its
 * action and hidden xsrf field): the page places it and points its buttons at it with the `form`
 * attribute. The device code entry gets the form's action and xsrf value instead: the provider's
 * entry form brings an English, script-handled input of its own. Answers the whole document and
 * the headers it needs (its CSP nonce).
 */
export type OidcPage =
  | { kind: 'device_code_entry'; action: string; xsrf: string; userCode: string | null; error: 'no_code' | 'invalid_code' | 'expired_code' | 'already_used' | 'aborted' | null }
  | { kind: 'device_confirm'; form: string; clientName: string; userCode: string }
  | { kind: 'device_done'; clientName: string | null }
  | { kind: 'logout_confirm'; form: string; clientName: string | null }
  | { kind: 'signed_out'; clientName: string | null }
  | { kind: 'error'; error: string; description: string | null };

export interface OidcPageRenderer {
  /** `uiLocales`: the request's `ui_locales` (end session and the device flow take one), first choice before the browser's. */
  render(realm: Realm, req: import('node:http').IncomingMessage, page: OidcPage, uiLocales: readonly string[]): { html: string; headers: Record<string, string> };
}

export type { Actor, Grant, Page, PageRequest, RequestOrigin };
