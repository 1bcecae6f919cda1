import { limits } from '../realms/realm.ts';
import type { OidcPayload } from './oidc-store.ts';
import type { VerifiedJwt } from './jwt-access-tokens.ts';

/**
 * Client-credentials access tokens are not recorded when issued. They belong to no user, grant or
 * session, so nothing but their expiry, a revocation, or their application being switched off or
 * deleted can end them, and each of those can be judged without a record of the token. So the
 * token endpoint writes nothing for them (a service fetching tokens at a high rate costs no
 * database write, as with oidc-provider alone), and when one is presented for introspection or
 * revocation, the token itself — its signature verified against the realm's keys — stands in for
 * the record the provider looks up. A revocation is recorded, under the token's record id, until
 * the token would have expired; so is an application's switching off or deletion (a cut-off: its
 * tokens issued until then stay dead even if it is switched on again).
 */

/** As long as any access token lives: how long a cut-off, or a revocation of unknown expiry, is kept (s). */
export const MAX_ACCESS_TOKEN_SECONDS = limits.accessTokenMinutes.max * 60;

/** The model an application's cut-off is kept under, by application id. */
export const CUTOFF_MODEL = 'ClientCredentialsCutoff';

/** Tokens of the application issued at or before `at` (epoch s) are dead. */
export const cutoffRecord = (at: number): OidcPayload => ({ cutoff: at, exp: at + MAX_ACCESS_TOKEN_SECONDS });

export const issuedBeforeCutoff = (cutoff: OidcPayload | undefined, iat: unknown): boolean =>
  cutoff !== undefined && typeof cutoff.cutoff === 'number' && (typeof iat !== 'number' || iat <= cutoff.cutoff);

/** A client-credentials token names its client as its subject and carries no realm session. */
export function isClientCredentialsJwt(claims: VerifiedJwt['claims']): boolean {
  return typeof claims.client_id === 'string' && claims.sub === claims.client_id && claims.sid === undefined;
}

/** What the provider would have stored for the token, rebuilt from its verified claims. */
export function clientCredentialsPayload(verified: VerifiedJwt, issuer: string): OidcPayload {
  const { claims } = verified;
  return {
    kind: 'ClientCredentials',
    jti: verified.jti,
    iat: claims.iat,
    exp: claims.exp,
    clientId: String(claims.client_id),
    ...(typeof claims.scope === 'string' && claims.scope ? { scope: claims.scope } : {}),
    // As recorded tokens are: an audience of the realm itself is left out.
    ...(claims.aud !== undefined && claims.aud !== issuer ? { aud: claims.aud } : {}),
  };
}

/** The record of a revoked client-credentials token: found, it makes the token unfindable. */
export const revokedRecord = (exp: number): OidcPayload => ({ revoked: true, exp });

export const isRevokedRecord = (payload: OidcPayload): boolean => payload.revoked === true;
