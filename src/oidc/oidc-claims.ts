import type { Realm } from '../realms/realm.ts';
import type { User } from '../users/user.ts';

/**
 * What each OpenID Connect scope releases of a user (standard claim names; absent values left out
 * rather than sent as null). `custom` joins `profile` when the realm maps it into tokens
 * (`tokens.claims`), as in native access tokens.
 */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'phone', 'offline_access'] as const;

export const CLAIMS_BY_SCOPE = {
  // How and when the user signed in rides in every ID token (`openid` is in every request).
  openid: ['sub', 'auth_time', 'amr', 'acr'],
  acr: null,
  sid: null,
  iss: null,
  profile: ['name', 'given_name', 'middle_name', 'family_name', 'preferred_username', 'updated_at', 'custom'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
};

/** Scopes an access token of the realm itself may carry (the issuer as resource server). */
export const ISSUER_RESOURCE_SCOPES = 'openid profile email phone';

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
