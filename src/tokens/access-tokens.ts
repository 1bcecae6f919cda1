import { KeyObject, randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { AccessTokenClaims, KeyRing, RoleSource, TokenSubject } from '../contracts.ts';
import type { TokenTenant } from '../authorization/tenant.ts';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import { effectiveTokenParameters, type Realm } from '../realms/realm.ts';
import { sessionAssurance, type Assurance, type Session } from '../sessions/session-store.ts';
import { isCanonicalCompact, signCompact } from './jws.ts';
import { createVerifiedTokenCache } from './verified-token-cache.ts';

/**
 * Access tokens: JWTs signed with the realm's active key (RFC 9068 `typ: at+jwt`), verified
 * against the realm's own keys only, so a token of one realm can never pass in another.
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';

/** Longer than any token this server issues; anything bigger is refused before parsing. */
const MAX_TOKEN_LENGTH = 16 * 1024;

export interface IssuedAccessToken {
  token: string;
  claims: AccessTokenClaims;
  /** Seconds until expiry; null for an unmanaged realm's tokens without expiry. */
  expiresIn: number | null;
}

/** Signs tokens with one key fetched beforehand: signing touches no database and needs no transaction. */
export interface AccessTokenSigner {
  /**
   * `assurance` for tokens without a session; a session's own assurance wins. `tenant`: the tenant
   * the sign-in or refresh is in; when not given, the session's tenant (its id alone).
   */
  sign(user: TokenSubject, session: Session | null, assurance?: Assurance, tenant?: TokenTenant | null, exchanged?: ExchangedKey): Promise<IssuedAccessToken>;
}

/** A token an API key was exchanged for: it names the key and lives at most `minutes`, whatever the realm's lifetimes. */
export interface ExchangedKey {
  apiKeyId: string;
  minutes: number;
}

export function issuerOf(publicUrl: string, realmId: string): string {
  return `${publicUrl}/realms/${realmId}`;
}

function invalidToken(message = 'The access token is invalid or has expired.'): AppError {
  return new AppError('auth.invalid_token', message);
}

function asKeyObject(key: unknown): KeyObject {
  if (key instanceof KeyObject) return key;
  throw new Error('the key ring must hand out KeyObjects');
}

/** Profile claims in OIDC's names; absent values are left out rather than sent as null. */
function profileClaims(user: TokenSubject): Record<string, unknown> {
  const claims: Record<string, unknown> = {};
  if (user.email !== null) {
    claims.email = user.email;
    claims.email_verified = user.email_verified;
  }
  if (user.username !== null) claims.preferred_username = user.username;
  if (user.display_name !== null) claims.name = user.display_name;
  return claims;
}

/** The realm's extra claims (`tokens.claims`); tenants and memberships come from tenantClaims. */
async function extraClaims(realm: Realm, user: TokenSubject, roles: RoleSource | undefined): Promise<Record<string, unknown>> {
  const claims: Record<string, unknown> = realm.tokens.claims.includes('custom') ? { custom: user.custom } : {};
  // The roles in force as the token is signed: an assignment that starts later is not in it.
  if (roles && realm.tokens.claims.includes('roles')) Object.assign(claims, await roles.effective(realm.id, user.id));
  return claims;
}

/**
 * `tenant` (the tenant's id) when the realm's claims include `tenants`, and always without a session:
 * an unmanaged token is the only record of its tenant, which validate checks. `tenant_roles` (the
 * user's roles in it) with `memberships`.
 */
function tenantClaims(realm: Realm, tenantId: string | null, tenant: TokenTenant | null | undefined, session: Session | null): Record<string, unknown> {
  if (tenantId === null) return {};
  const claims: Record<string, unknown> = realm.tokens.claims.includes('tenants') || session === null ? { tenant: tenantId } : {};
  if (tenant && realm.tokens.claims.includes('memberships')) claims.tenant_roles = tenant.roles;
  return claims;
}

export function createAccessTokens(deps: { keys: KeyRing; publicUrl: string; clock: Clock; verifiedCacheSize?: number; roles?: RoleSource }) {
  const { keys, publicUrl, clock } = deps;
  const verified = createVerifiedTokenCache(deps.verifiedCacheSize ?? 10_000);

  /**
   * The token's signature (by the realm key its `kid` names, with that key's algorithm), type,
   * issuer, audience, realm and expiry. Only a canonical spelling is ever remembered (the cache
   * below), so a cache hit needs no check of its own.
   */
  async function checkSignature(realm: Realm, token: string): Promise<AccessTokenClaims> {
    if (!isCanonicalCompact(token)) throw invalidToken();
    let kid: string | undefined;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      throw invalidToken();
    }
    if (typeof kid !== 'string' || kid === '') throw invalidToken();
    const verificationKey = await keys.verificationKey(realm.id, kid);
    if (!verificationKey) throw invalidToken();
    let payload: JWTPayload;
    try {
      // Only the algorithm of the key named by `kid` is accepted: never `none`, never an HMAC
      // keyed with a public key.
      ({ payload } = await jwtVerify(token, asKeyObject(verificationKey.key), {
        algorithms: [verificationKey.alg],
        typ: ACCESS_TOKEN_TYPE,
        issuer: issuerOf(publicUrl, realm.id),
        audience: realm.id,
        requiredClaims: ['sub', 'iat', 'jti'],
        currentDate: new Date(clock.now()),
      }));
    } catch {
      throw invalidToken();
    }
    const wellFormed =
      payload.realm === realm.id &&
      typeof payload.sub === 'string' &&
      typeof payload.jti === 'string' &&
      (payload.sid === undefined || typeof payload.sid === 'string') &&
      // Absent when the realm leaves it out (`tokens.access_claim`); validate reads access from the user.
      (payload.access === undefined || (typeof payload.access === 'object' && payload.access !== null));
    if (!wellFormed) throw invalidToken();
    return payload as AccessTokenClaims;
  }

  async function signerFor(realm: Realm): Promise<AccessTokenSigner> {
    const signingKey = await keys.activeKey(realm.id);
    const key = asKeyObject(signingKey.key);
    return {
      async sign(user, session, assurance, tenant, exchanged) {
        const how = (session && sessionAssurance(session)) ?? assurance;
        const { access, minutes } = effectiveTokenParameters(realm, user);
        const iat = Math.floor(clock.now() / 1000);
        let exp = minutes > 0 ? iat + minutes * 60 : undefined;
        // A managed token never outlives its session; an exchanged one (no session) lives what the exchange gives it.
        if (session) exp = Math.min(exp ?? Infinity, Math.floor(session.expires_at / 1000));
        if (exchanged) exp = iat + exchanged.minutes * 60;
        const claims: AccessTokenClaims = {
          ...profileClaims(user),
          ...(await extraClaims(realm, user, deps.roles)),
          ...tenantClaims(realm, tenant === undefined ? (session?.tenant_id ?? null) : (tenant?.id ?? null), tenant, session),
          iss: issuerOf(publicUrl, realm.id),
          sub: user.id,
          aud: realm.id,
          iat,
          ...(exp === undefined ? {} : { exp }),
          jti: randomBytes(16).toString('base64url'),
          ...(session ? { sid: session.id } : {}),
          ...(how ? { auth_time: Math.floor(how.authTime / 1000), amr: how.amr, acr: how.acr } : {}),
          realm: realm.id,
          ...(realm.tokens.access_claim ? { access } : {}),
          ...(exchanged ? { api_key: exchanged.apiKeyId } : {}),
        };
        const token = signCompact({ alg: signingKey.alg, kid: signingKey.kid, typ: ACCESS_TOKEN_TYPE }, claims, key);
        return { token, claims, expiresIn: exp === undefined ? null : exp - iat };
      },
    };
  }

  return {
    signerFor,

    /** Drops the realm's (or every realm's) remembered verifications: its keys changed. */
    forgetVerified: (realmId?: string) => verified.forget(realmId),

    /**
     * Checks signature, algorithm, type, issuer, audience, realm and expiry. Whether the user and
     * session still allow the token is the caller's part (see `assertWithinLifetime`).
     */
    async verify(realm: Realm, token: string): Promise<AccessTokenClaims> {
      if (token.length > MAX_TOKEN_LENGTH) throw invalidToken();
      const now = clock.now();
      const check = () => checkSignature(realm, token);
      return verified.get(realm.id, token, now, check) ?? verified.verify(realm.id, token, now, check);
    },

    /**
     * A token lives at most the lifetime in force now: lowering the realm's or the user's
     * lifetime cuts tokens issued before the change. Zero minutes means no expiry.
     */
    assertWithinLifetime(claims: AccessTokenClaims, minutes: number): void {
      if (minutes > 0 && (claims.iat + minutes * 60) * 1000 <= clock.now()) throw invalidToken();
    },
  };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
