import { decodeJwt, type JWTPayload } from 'jose';
import type { OperatorDirectory, RealmLookup, TokenValidator } from '../contracts.ts';
import { AppError } from '../errors.ts';
import { isClientCredentialsJwt } from '../oidc/client-credentials-tokens.ts';
import type { VerifyClientCredentials } from '../oidc/client-credentials-validation.ts';
import type { OperatorPrincipal } from '../operators/permissions.ts';
import { ADMIN_REALM_SLUG } from '../realms/realm.ts';
import { operatorResourcesOf } from './admin-resources.ts';

/** The same shape as `OperatorAuthenticator` in src/http/operator-guard.ts, without depending on the HTTP layer. */
export type AuthenticateOperator = (accessToken: string) => Promise<OperatorPrincipal>;

/** A JWT's payload as it says, unchecked; empty for anything that is no JWT. */
function unverifiedClaims(token: string): JWTPayload {
  try {
    return decodeJwt(token);
  } catch {
    return {};
  }
}

/**
 * Operators are users of the built-in `admin` realm: their access token (the realm's own, or one
 * its OpenID Connect provider issued) must validate there, and they must hold an operator record.
 * A machine application of the admin realm with operator grants (an operator application) comes
 * with a client-credentials token of that realm instead. Either must be meant for the admin API:
 * the realm's own sign-in names the realm (`aud` its id); the provider's tokens must name the
 * admin API or the MCP endpoint (src/auth/admin-resources.ts), so a token issued to an admin-realm
 * application for anything else (the realm's issuer, the application's own API) does not open it.
 * A token of any other realm or audience is 401; a user or application without grants 403.
 */
export function createOperatorAuthenticator(deps: {
  lookup: RealmLookup;
  validator: TokenValidator;
  operators: OperatorDirectory;
  publicUrl: string;
  clientCredentials: VerifyClientCredentials;
  operatorApplications: { principalFor(clientId: string): Promise<OperatorPrincipal | undefined> };
}): AuthenticateOperator {
  const invalid = () => new AppError('auth.invalid_token', 'The access token is invalid or has expired.');
  const forbidden = () => new AppError('auth.forbidden', 'Only operators may use the admin API.');
  const operatorResources = operatorResourcesOf(deps.publicUrl);

  return async (accessToken) => {
    const realm = await deps.lookup.resolve(ADMIN_REALM_SLUG);
    if (!realm) throw invalid();
    const meantForAdmin = (audience: unknown) =>
      (Array.isArray(audience) ? audience : [audience]).some((aud) => aud === realm.id || operatorResources.includes(aud));
    // Which check a token gets is told by its shape (read unverified, only to choose): a
    // client-credentials token would fail the user checks (a key check and a record look-up) anyway.
    if (isClientCredentialsJwt(unverifiedClaims(accessToken))) {
      const service = await deps.clientCredentials(realm, accessToken);
      if (!service || !meantForAdmin(service.audience)) throw invalid();
      const principal = await deps.operatorApplications.principalFor(service.clientId);
      if (!principal) throw forbidden();
      return { ...principal, tokenExpiresAt: service.expiresAt };
    }
    const { userId, sessionId, claims } = await deps.validator.validate(realm, accessToken);
    if (!meantForAdmin(claims.aud)) throw invalid();
    const principal = await deps.operators.principalFor(userId, sessionId);
    if (!principal) throw forbidden();
    return { ...principal, tokenExpiresAt: claims.exp === undefined ? null : claims.exp * 1000 };
  };
}
