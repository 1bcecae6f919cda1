import type { OperatorDirectory, RealmLookup, TokenValidator } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { OperatorPrincipal } from '../operators/permissions.ts';
import { ADMIN_REALM_SLUG } from '../realms/realm.ts';
import { issuerOf } from '../tokens/access-tokens.ts';
import type { VerifyClientCredentials } from '../oidc/client-credentials-validation.ts';

/** The same shape as `OperatorAuthenticator` in src/http/operator-guard.ts, without depending on the HTTP layer. */
export type AuthenticateOperator = (accessToken: string) => Promise<OperatorPrincipal>;

/**
 * Operators are users of the built-in `admin` realm: their access token (the realm's own, or one
 * its OpenID Connect provider issued) must validate there and be meant for the realm itself, and
 * they must hold an operator record. A machine application of the admin realm with operator grants
 * (an operator application) comes with a client-credentials token of that realm instead. A token of
 * any other realm, or for any other audience, is 401; a user or application without grants is 403.
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

  return async (accessToken) => {
    const realm = await deps.lookup.resolve(ADMIN_REALM_SLUG);
    if (!realm) throw invalid();
    const validated = await deps.validator.validate(realm, accessToken).catch(async (error: unknown) => {
      if (!(error instanceof AppError && error.code === 'auth.invalid_token')) throw error;
      return undefined;
    });
    if (!validated) {
      const service = await deps.clientCredentials(realm, accessToken);
      if (!service) throw invalid();
      const principal = await deps.operatorApplications.principalFor(service.clientId);
      if (!principal) throw forbidden();
      return { ...principal, tokenExpiresAt: service.expiresAt };
    }
    const { userId, sessionId, claims } = validated;
    const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audience.includes(realm.id) && !audience.includes(issuerOf(deps.publicUrl, realm.id))) throw invalid();
    const principal = await deps.operators.principalFor(userId, sessionId);
    if (!principal) throw forbidden();
    return { ...principal, tokenExpiresAt: claims.exp === undefined ? null : claims.exp * 1000 };
  };
}
