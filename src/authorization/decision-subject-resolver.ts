import type { AuthorizingValidator } from '../contracts.ts';
import type { DecisionSubject, SubjectResolver } from './decision-subject.ts';

/**
 * The subject of an access token, through validate with the user's roles in force now (so their
 * caches: a token and user seen in the last seconds cost no database round trip). A token signed
 * in to a tenant acts in it (its id), with the roles validate answers: the realm-wide ones and
 * those its membership gives there.
 */
export function tokenSubjectResolver(validator: AuthorizingValidator): SubjectResolver {
  return async (realm, bearer): Promise<DecisionSubject> => {
    const validated = await validator.validate(realm, bearer);
    const custom = validated.claims.custom;
    return {
      realmId: realm.id,
      kind: 'user',
      userId: validated.userId,
      apiKeyId: null,
      roles: validated.roles,
      permissions: validated.permissions,
      tenant: validated.tenant?.id ?? null,
      access: validated.access,
      capabilities: null,
      service: null,
      attributes: { tags: [], custom: isRecord(custom) ? custom : {} },
    };
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
