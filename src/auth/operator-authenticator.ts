import type { OperatorDirectory, RealmLookup, TokenValidator } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { OperatorPrincipal } from '../operators/permissions.ts';
import { ADMIN_REALM_SLUG } from '../realms/realm.ts';

/** The same shape as `OperatorAuthenticator` in src/http/operator-guard.ts, without depending on the HTTP layer. */
export type AuthenticateOperator = (accessToken: string) => Promise<OperatorPrincipal>;

/**
 * Operators are users of the built-in `admin` realm: their access token must validate there, and
 * they must hold an operator record. A token of any other realm is 401; a non-operator is 403.
 */
export function createOperatorAuthenticator(deps: {
  lookup: RealmLookup;
  validator: TokenValidator;
  operators: OperatorDirectory;
}): AuthenticateOperator {
  return async (accessToken) => {
    const realm = await deps.lookup.resolve(ADMIN_REALM_SLUG);
    if (!realm) throw new AppError('auth.invalid_token', 'The access token is invalid or has expired.');
    const { userId, sessionId, claims } = await deps.validator.validate(realm, accessToken);
    const principal = await deps.operators.principalFor(userId, sessionId);
    if (!principal) throw new AppError('auth.forbidden', 'Only operators may use the admin API.');
    return { ...principal, tokenExpiresAt: claims.exp === undefined ? null : claims.exp * 1000 };
  };
}
