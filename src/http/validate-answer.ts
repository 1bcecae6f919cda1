import { Type } from '@sinclair/typebox';
import type { ApiKeyVerifier } from '../api-keys/api-key-verifier.ts';
import { looksLikeApiKey } from '../api-keys/key-format.ts';
import type { AuthorizingValidator, RealmLookup } from '../contracts.ts';
import { resolveActiveRealm } from '../realms/resolve-realm.ts';
import { bearerCredential } from './operator-guard.ts';
import { ApiKeyValidateResponse } from './routes/api-key-schema.ts';
import { AccessSchema } from './routes/user-schema.ts';
import { JsonObject, Nullable } from './schemas.ts';

const TokenValidateResponse = Type.Object({
  claims: JsonObject('The access token claims.'),
  access: AccessSchema,
  user_id: Type.String(),
  session_id: Nullable(Type.String()),
  roles: Type.Array(Type.String(), { description: "Slugs of the user's roles in force now (assigned, active, inside their window, and what they include)." }),
  permissions: Type.Array(Type.String(), { description: 'The union of those roles\' permissions.' }),
  tenant: Nullable(
    Type.Object(
      { id: Type.String(), slug: Type.String(), roles: Type.Array(Type.String(), { description: "The user's roles in the tenant." }) },
      { description: 'The tenant the token is in (the user is still a member of it); null: none.' },
    ),
  ),
});

/** What `GET /realms/{realm}/auth/validate` answers: a token's claims and access, or an API key's. */
export const ValidateResponse = Type.Union([TokenValidateResponse, ApiKeyValidateResponse]);

export interface ValidateDeps {
  lookup: RealmLookup;
  validator: AuthorizingValidator;
  apiKeys: Pick<ApiKeyVerifier, 'verify'>;
}

/**
 * The validate answer for the `Authorization: Bearer` credential in the realm a path names (id or slug). One function
 * for the Fastify route (src/http/routes/public-auth.ts) and the copy served in front of it
 * (src/http/hot-routes.ts), so the two cannot answer differently.
 */
export function validateAnswer(deps: ValidateDeps) {
  return async (realmRef: string, authorization: string | undefined, ip: string | null) => {
    const realm = await resolveActiveRealm(deps.lookup, realmRef);
    const credential = bearerCredential(authorization);
    if (looksLikeApiKey(credential)) {
      const { key, owner, access } = await deps.apiKeys.verify(realm, credential, ip);
      return {
        api_key: {
          id: key.id,
          name: key.name,
          owner: key.userId === null ? ('service' as const) : ('user' as const),
          service: key.service,
          capabilities: key.capabilities,
          expires_at: key.expiresAt === null ? null : new Date(key.expiresAt).toISOString(),
        },
        user_id: owner?.id ?? null,
        access,
      };
    }
    const validated = await deps.validator.validate(realm, credential);
    return {
      claims: validated.claims,
      access: validated.access,
      user_id: validated.userId,
      session_id: validated.sessionId,
      roles: validated.roles,
      permissions: validated.permissions,
      tenant: validated.tenant,
    };
  };
}
