import type { Realm } from '../realms/realm.ts';

/**
 * The cookie that binds a sign-in sent to an identity provider to the browser that started it
 * (src/identity-providers/pending-sign-in.ts keeps only its hash): set by every start (an API
 * client's, the hosted page's button, `idp_hint`), read and cleared by the callback. Scoped to the
 * realm's `auth/idp` paths. A form_post callback is a cross-site POST, which only a SameSite=None
 * cookie (so Secure, so https) comes with; plain-http development hosts get SameSite=Lax.
 */
export const IDP_COOKIE = 'kr_idp';

export function idpCookie(publicUrl: string) {
  const secure = !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\]|[^/]*\.test)(:|\/|$)/.test(publicUrl);
  return (realm: Pick<Realm, 'slug'>, value: string, maxAgeSeconds: number) =>
    `${IDP_COOKIE}=${value}; Path=/realms/${realm.slug}/auth/idp; HttpOnly; Max-Age=${maxAgeSeconds}; ${secure ? 'SameSite=None; Secure' : 'SameSite=Lax'}`;
}
