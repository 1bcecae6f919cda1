import type { RoleSource } from '../contracts.ts';
import type { DecisionSubject, SubjectResolver } from '../authorization/decision-subject.ts';
import type { ApiKeyVerifier } from './api-key-verifier.ts';
import { looksLikeApiKey } from './key-format.ts';

/**
 * Lets `POST /realms/{realm}/authorize` take an API key as the caller: a user's key acts as its
 * owner (their roles in force now) limited by the key's capabilities; a service key has no roles,
 * only its capabilities. Anything else goes to the token resolver.
 */
export function withApiKeySubjects(tokens: SubjectResolver, verifier: Pick<ApiKeyVerifier, 'verify'>, roles: RoleSource): SubjectResolver {
  return async (realm, bearer, ip): Promise<DecisionSubject> => {
    if (!looksLikeApiKey(bearer)) return tokens(realm, bearer, ip);
    const { key, owner, access } = await verifier.verify(realm, bearer, ip);
    const effective = owner ? await roles.effective(realm.id, owner.id) : { roles: [], permissions: [] };
    return {
      realmId: realm.id,
      kind: owner ? 'api_key' : 'service',
      userId: owner?.id ?? null,
      apiKeyId: key.id,
      roles: effective.roles,
      permissions: effective.permissions,
      tenant: null,
      access,
      capabilities: key.capabilities,
      service: key.service,
      attributes: { tags: [], custom: owner?.custom ?? {} },
    };
  };
}
