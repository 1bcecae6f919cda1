import type { EffectiveRoles, RoleSource } from '../contracts.ts';
import type { Realm } from '../realms/realm.ts';
import type { User } from '../users/user.ts';

/**
 * What each OpenID Connect scope releases of a user (standard claim names; absent values left out
 * rather than sent as null). `custom` joins `profile` when the realm maps it into tokens
 * (`tokens.claims`), as in native access tokens.
 */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const;

export const CLAIMS_BY_SCOPE = {
  // How and when the user signed in rides in every ID token (`openid` is in every request), and
  // so do the user's roles when the realm maps them into tokens (`tokens.claims` has `roles`).
  openid: ['sub', 'auth_time', 'amr', 'acr', 'roles', 'permissions'],
  acr: null,
  sid: null,
  iss: null,
  profile: ['name', 'given_name', 'middle_name', 'family_name', 'preferred_username', 'updated_at', 'custom'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

/** Scopes an access token of the realm itself may carry (the issuer as resource server). */
export const ISSUER_RESOURCE_SCOPES = 'openid profile email phone';

/** The user's roles and permissions now, when the realm maps `roles` into tokens; nothing otherwise. */
export async function roleClaims(realm: Realm, userId: string, roles: RoleSource | undefined): Promise<Partial<EffectiveRoles>> {
  return roles && realm.tokens.claims.includes('roles') ? roles.effective(realm.id, userId) : {};
}

export function userClaims(realm: Realm, user: User): Record<string, unknown> {
  const claims: Record<string, unknown> = { sub: user.id, updated_at: Math.floor(user.updated_at / 1000) };
  const present: [string, unknown][] = [
    ['name', user.display_name],
    ['given_name', user.first_name],
    ['middle_name', user.middle_name],
    ['family_name', user.last_name],
    ['preferred_username', user.username],
  ];
  for (const [name, value] of present) if (value !== null) claims[name] = value;
  if (user.email !== null) {
    claims.email = user.email;
    claims.email_verified = user.email_verified;
  }
  if (user.mobile !== null) {
    claims.phone_number = user.mobile;
    claims.phone_number_verified = user.mobile_verified;
  }
  if (realm.tokens.claims.includes('custom')) claims.custom = user.custom;
  return claims;
}
