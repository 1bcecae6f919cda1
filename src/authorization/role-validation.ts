import type { AuthorizingValidator, EffectiveRoles, RoleSource, TokenValidator } from '../contracts.ts';

/**
 * Validate's answer always carries the user's roles and permissions in force now, whatever the
 * token says (it may predate an assignment, or outlive one): the token is checked first, then the
 * roles come from the per-process cache (src/authorization/role-resolver.ts), so a user seen
 * recently costs no database round trip, and a change reaches the answer at once. A token in a
 * tenant adds the roles its membership gives there, with what they include.
 */
export function withRoles(validator: TokenValidator, roles: RoleSource & { ofSlugs(realmId: string, slugs: string[]): Promise<EffectiveRoles> }): AuthorizingValidator {
  return {
    async validate(realm, accessToken) {
      const validated = await validator.validate(realm, accessToken);
      const realmWide = await roles.effective(realm.id, validated.userId);
      if (!validated.tenant?.roles.length) return { ...validated, ...realmWide };
      const inTenant = await roles.ofSlugs(realm.id, validated.tenant.roles);
      return { ...validated, roles: union(realmWide.roles, inTenant.roles), permissions: union(realmWide.permissions, inTenant.permissions) };
    },
  };
}

const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])].sort();
