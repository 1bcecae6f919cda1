import { decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { IncomingMessage } from 'node:http';
import { createHmac, KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OidcModel } from 'oidc-provider';
import type { KeyRing } from '../contracts.ts';
import type { Schema } from '../storage/schema.ts';
import { ACCESS_TOKEN_TYPE } from '../tokens/access-tokens.ts';
import { oidcStore, type OidcPayload } from './oidc-store.ts';
import { purposeKey } from '../platform/master-key.ts';

/**
 * JWT access tokens (RFC 9068) that can still be introspected, revoked and used at userinfo.
 * Stock oidc-provider keeps no record of a JWT access token; here each one issued to a user is
 * recorded in the shape the provider stores opaque tokens, so that after its signature has been
 * checked against THIS realm's keys the provider's own look-up (grant, session, expiry, client)
 * runs on the record. Revoking deletes the record; ending the grant or the realm session makes it
 * unfindable — and introspection answers `active: false`. Client-credentials tokens, which belong
 * to no grant or session, stand for their own record (src/oidc/client-credentials-tokens.ts).
 */

/**
 * The id a JWT access token is recorded under: an HMAC of its `jti` under a key only the server
 * holds. The `jti` is no secret (it is in the token and in resource servers' logs), and the provider
 * finds records by the value presented, so a record kept under the bare `jti` would make the `jti`
 * itself a working token on any path the JWT check did not cover. Only a token whose signature this
 * realm checked is turned into its record id (src/oidc/provider-middleware.ts).
 */
export type AccessTokenRecordId = (realmId: string, jti: string) => string;

export function accessTokenRecordIds(masterKey: Buffer): AccessTokenRecordId {
  const key = purposeKey(masterKey, 'keyrealm oidc access-token records');
  return (realmId, jti) => createHmac('sha256', key).update(`${realmId}.${jti}`).digest('base64url');
}

/**
 * The models whose rows are kept under a record id: a user's JWT access tokens (recorded as each
 * is signed) and client-credentials tokens (recorded only when revoked, see
 * src/oidc/client-credentials-tokens.ts).
 */
export const RECORDED_TOKENS = new Set(['AccessToken', 'ClientCredentials']);

/**
 * The JWT access token the current request presented (introspection, revocation, userinfo), once
 * the realm's keys verified it (src/oidc/provider-middleware.ts). Entries go with their requests.
 */
const presentedTokens = new WeakMap<IncomingMessage, VerifiedJwt>();

export function rememberPresented(req: IncomingMessage, verified: VerifiedJwt): void {
  presentedTokens.set(req, verified);
}

export function presentedToken(req: IncomingMessage | undefined): VerifiedJwt | undefined {
  return req ? presentedTokens.get(req) : undefined;
}

/** Called by oidc-provider's JWT customizer as each JWT access token for a user is signed. */
export async function recordJwtAccessToken(
  db: Kysely<Schema>,
  realmId: string,
  issuer: string,
  token: OidcModel,
  jwt: { payload: Record<string, unknown> },
  applicationId: string | null,
  recordId: AccessTokenRecordId,
): Promise<void> {
  const fields = (token.constructor as unknown as { IN_PAYLOAD: string[] }).IN_PAYLOAD;
  const payload: OidcPayload = {};
  for (const field of fields) {
    const value = (token as unknown as Record<string, unknown>)[field];
    if (value !== undefined) payload[field] = value;
  }
  payload.iat = jwt.payload.iat;
  payload.exp = jwt.payload.exp as number | undefined;
  // Stored as the provider stores opaque tokens; an audience of the realm itself is left out so
  // the provider's userinfo endpoint (which refuses tokens meant for other audiences) accepts it.
  delete payload.format;
  if (payload.aud === issuer) delete payload.aud;
  const sid = (payload.extra as { sid?: string } | undefined)?.sid ?? null;
  await oidcStore.upsert(db, realmId, token.kind, recordId(realmId, token.jti), payload, payload.exp ? payload.exp * 1000 : null, sid, applicationId);
}

/** Anything longer is not a token this server issued. */
const MAX_TOKEN_LENGTH = 16 * 1024;

export interface VerifiedJwt {
  jti: string;
  claims: JWTPayload;
}

/**
 * The claims of a JWT access token this realm's provider signed: the key named by `kid` among the
 * realm's keys, that key's algorithm only, `typ: at+jwt`, the realm's issuer, not expired.
 * Undefined for anything else (another realm's token, a forged or altered one, an opaque value).
 */
export async function verifyRealmJwt(keys: KeyRing, realmId: string, issuer: string, token: string, now: number): Promise<VerifiedJwt | undefined> {
  if (token.length > MAX_TOKEN_LENGTH) return undefined;
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(token).kid;
  } catch {
    return undefined;
  }
  if (typeof kid !== 'string') return undefined;
  const key = await keys.verificationKey(realmId, kid);
  if (!key || key.alg === 'HS256' || !(key.key instanceof KeyObject)) return undefined;
  try {
    const { payload } = await jwtVerify(token, key.key, { algorithms: [key.alg], typ: ACCESS_TOKEN_TYPE, issuer, requiredClaims: ['jti', 'exp', 'client_id'], currentDate: new Date(now) });
    return typeof payload.jti === 'string' ? { jti: payload.jti, claims: payload } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a string is shaped like a JWS (three dot-separated parts); opaque tokens pass through untouched. */
export function looksLikeJwt(token: string): boolean {
  return token.split('.').length === 3;
}
