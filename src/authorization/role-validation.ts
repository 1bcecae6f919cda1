import type { AuthorizingValidator, RoleSource, TokenValidator } from '../contracts.ts';

/**
 * Validate's answer always carries the user's roles and permissions in force now, whatever the
 * token says (it may predate an assignment, or outlive one): the token is checked first, then the
 * roles come from the per-process cache (src/authorization/role-resolver.ts), so a user seen
 * recently costs no database round trip, and a change reaches the answer at once.
 */
export function withRoles(validator: TokenValidator, roles: RoleSource): AuthorizingValidator {
  return {
    async validate(realm, accessToken) {
      const validated = await validator.validate(realm, accessToken);
      return { ...validated, ...(await roles.effective(realm.id, validated.userId)) };
    },
  };
}
