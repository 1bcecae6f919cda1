import type { TokenValidator } from '../contracts.ts';
import type { DecisionSubject, SubjectResolver } from './decision-subject.ts';

/**
 * The subject of an access token, through validate (so its caches: a token seen in the last
 * seconds costs no database round trip). Roles, permissions and tenant stay empty until the role
 * and tenant services feed them; API keys will be told apart here (their own resolver) too.
 */
export function tokenSubjectResolver(validator: TokenValidator): SubjectResolver {
  return async (realm, bearer): Promise<DecisionSubject> => {
    const validated = await validator.validate(realm, bearer);
    const custom = validated.claims.custom;
    return {
      realmId: realm.id,
      kind: 'user',
      userId: validated.userId,
      apiKeyId: null,
      roles: [],
      permissions: [],
      tenant: null,
      access: validated.access,
      capabilities: null,
      attributes: { tags: [], custom: isRecord(custom) ? custom : {} },
    };
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
