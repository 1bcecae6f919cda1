import { createHash } from 'node:crypto';
import type { Realm } from '../realms/realm.ts';

/**
 * The cookie that binds a sign-in sent to an identity provider to the browser that started it
 * (src/identity-providers/pending-sign-in.ts keeps only its hash): set by every start (an API
 * client's, the hosted page's button, `idp_hint`), read and cleared by the callback. One cookie per
 * sign-in in flight, named after its state (which the callback brings back), so two sign-ins
 * started in one browser — two tabs, two providers — do not undo each other. Scoped to the realm's
 * `auth/idp` paths. A form_post callback is a cross-site POST, which only a SameSite=None cookie
 * (so Secure, so https) comes with; plain-http development hosts get SameSite=Lax.
 */
export const idpCookieName = (state: string) => `kr_idp_${createHash('sha256').update(state).digest('base64url').slice(0, 16)}`;

export function idpCookie(publicUrl: string) {
  const secure = !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\]|[^/]*\.test)(:|\/|$)/.test(publicUrl);
  return (realm: Pick<Realm, 'slug'>, state: string, value: string, maxAgeSeconds: number) =>
    `${idpCookieName(state)}=${value}; Path=/realms/${realm.slug}/auth/idp; HttpOnly; Max-Age=${maxAgeSeconds}; ${secure ? 'SameSite=None; Secure' : 'SameSite=Lax'}`;
}
