import type { AuthorizingValidator, EffectiveRoles } from '../contracts.ts';
import type { DecisionSubject, SubjectResolver } from './decision-subject.ts';

/**
 * The subject of an access token, through validate with the user's roles in force now (so their
 * caches: a token and user seen in the last seconds cost no database round trip). A token signed
 * in to a tenant acts in it (its id) with the realm-wide roles plus the roles its membership gives
 * there, and what those include.
 */
export function tokenSubjectResolver(
  validator: AuthorizingValidator,
  tenantRoles: { ofSlugs(realmId: string, slugs: string[]): Promise<EffectiveRoles> },
): SubjectResolver {
  return async (realm, bearer): Promise<DecisionSubject> => {
    const validated = await validator.validate(realm, bearer);
    const custom = validated.claims.custom;
    const inTenant = validated.tenant ? await tenantRoles.ofSlugs(realm.id, validated.tenant.roles) : undefined;
    return {
      realmId: realm.id,
      kind: 'user',
      userId: validated.userId,
      apiKeyId: null,
      roles: union(validated.roles, inTenant?.roles),
      permissions: union(validated.permissions, inTenant?.permissions),
      tenant: validated.tenant?.id ?? null,
      access: validated.access,
      capabilities: null,
      attributes: { tags: [], custom: isRecord(custom) ? custom : {} },
    };
  };
}

const union = (realmWide: string[], tenant: string[] | undefined): string[] => (tenant?.length ? [...new Set([...realmWide, ...tenant])].sort() : realmWide);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
