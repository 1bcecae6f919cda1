import type { Kysely } from 'kysely';
import type { AccessTokenClaims, KeyRing, TokenValidator, UserDirectory, ValidatedToken } from '../contracts.ts';
import { AppError } from '../errors.ts';
import type { Clock } from '../platform/clock.ts';
import { effectiveTokenParameters, type Realm } from '../realms/realm.ts';
import type { Schema } from '../storage/schema.ts';
import { issuerOf } from '../tokens/access-tokens.ts';
import { canAuthenticate } from '../users/user.ts';
import { verifyRealmJwt, type AccessTokenRecordId } from './jwt-access-tokens.ts';
import { oidcStore } from './oidc-store.ts';
import { predatesTenantMove, readValidationState, tenantStands } from '../auth/validation-state.ts';
import { tenantAccessEnded } from '../authorization/tenant.ts';

/**
 * `GET /realms/{realm}/auth/validate` for access tokens of the realm's OpenID Connect provider,
 * beside the native validator: a token the native one refuses is tried as an OIDC one — signature
 * and expiry by the realm's keys, still recorded (not revoked, its grant not ended, its realm
 * session live), issued to a user who may still sign in. Client-credentials tokens name no user
 * and are refused here (introspection answers for them).
 */
export function withOidcAccessTokens(
  native: TokenValidator,
  deps: { db: Kysely<Schema>; keys: KeyRing; users: Pick<UserDirectory, 'findById'>; publicUrl: string; clock: Clock; recordId: AccessTokenRecordId },
): TokenValidator {
  const invalid = () => new AppError('auth.invalid_token', 'The access token is invalid or has expired.');

  async function validateOidc(realm: Realm, token: string): Promise<ValidatedToken> {
    if (realm.state !== 'active') throw invalid();
    // oidc-provider signs by the system clock; its tokens are checked by the same clock.
    const verified = await verifyRealmJwt(deps.keys, realm.id, issuerOf(deps.publicUrl, realm.id), token, Date.now());
    if (!verified) throw invalid();
    const record = await oidcStore.find(deps.db, realm.id, 'AccessToken', { id: deps.recordId(realm.id, verified.jti) }, Date.now(), deps.clock.now());
    if (!record?.accountId || record.accountId !== verified.claims.sub) throw invalid();
    const user = await deps.users.findById(realm.id, record.accountId);
    if (!user || !canAuthenticate(user)) throw invalid();
    const sid = typeof verified.claims.sid === 'string' ? verified.claims.sid : null;
    // The tenant the token (its claim) or its realm session is in, still the user's: or the token stops here.
    const claimed = typeof verified.claims.tenant === 'string' ? verified.claims.tenant : null;
    const state = await readValidationState(deps.db, realm.id, user.id, sid, claimed);
    if (!state) throw invalid();
    const issuedAt = typeof verified.claims.iat === 'number' ? verified.claims.iat : undefined;
    if (!tenantStands(state) || predatesTenantMove(state, claimed, issuedAt)) throw tenantAccessEnded();
    const tenant = state.tenant?.member ? { id: state.tenant.id, slug: state.tenant.slug, roles: state.tenant.roles } : null;
    return { claims: verified.claims as AccessTokenClaims, userId: user.id, sessionId: sid, access: effectiveTokenParameters(realm, user).access, tenant };
  }

  return {
    async validate(realm, token) {
      try {
        return await native.validate(realm, token);
      } catch (error) {
        if (error instanceof AppError && error.code === 'auth.invalid_token') return validateOidc(realm, token);
        throw error;
      }
    },
  };
}
