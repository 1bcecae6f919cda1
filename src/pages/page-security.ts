/**
 * CSRF protection and cookies of the hosted pages. A browser gets one random CSRF cookie per realm
 * (HttpOnly, SameSite=Lax, scoped to the realm's paths); every form carries an HMAC of it under a
 * key derived from the master key, so a page of another site can neither read nor forge the field.
 */
import { createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CSRF_COOKIE = 'kr_csrf';
export const FLOW_COOKIE = 'kr_flow';

export function readCookies(req: IncomingMessage): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) cookies.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return cookies;
}

export interface CookieOptions {
  path: string;
  /** Seconds; 0 deletes the cookie. */
  maxAge?: number;
}

export function createPageSecurity(pageKey: KeyObject, publicUrl: string) {
  // Browsers keep Secure cookies only over https, except on loopback during development.
  const secure = !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|\/|$)/.test(publicUrl);
  const tokenFor = (realmId: string, cookie: string) => createHmac('sha256', pageKey).update(`${realmId}.${cookie}`).digest('base64url');

  function cookie(name: string, value: string, options: CookieOptions): string {
    const age = options.maxAge === undefined ? '' : `; Max-Age=${options.maxAge}`;
    return `${name}=${value}; Path=${options.path}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}${age}`;
  }

  return {
    cookie,

    /**
     * The form field for this browser, and the cookie to set when it has none yet. `path` is the
     * realm's prefix as the page's URL names it: emailed links name the realm by its slug.
     */
    csrf(realmId: string, req: IncomingMessage, path = `/realms/${realmId}`): { token: string; setCookie: string | null } {
      const existing = readCookies(req).get(CSRF_COOKIE);
      if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return { token: tokenFor(realmId, existing), setCookie: null };
      const value = randomBytes(32).toString('base64url');
      return { token: tokenFor(realmId, value), setCookie: cookie(CSRF_COOKIE, value, { path }) };
    },

    /** Whether a posted form's field matches this browser's cookie (constant time). */
    checkCsrf(realmId: string, req: IncomingMessage, field: string | null): boolean {
      const value = readCookies(req).get(CSRF_COOKIE);
      if (!value || !field) return false;
      const expected = Buffer.from(tokenFor(realmId, value));
      const given = Buffer.from(field);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

export type PageSecurity = ReturnType<typeof createPageSecurity>;
