import type { IncomingMessage } from 'node:http';
import type { KoaContext, KoaMiddleware, Provider } from 'oidc-provider';
import type { KeyRing } from '../contracts.ts';
import { looksLikeJwt, rememberPresented, verifyRealmJwt, type AccessTokenRecordId } from './jwt-access-tokens.ts';
import { OIDC_ROUTES } from './realm-provider.ts';

/**
 * What runs in front of a realm's provider on every request: a JWT access token presented at
 * introspection, revocation or userinfo is checked against the realm's keys and replaced by its
 * `jti`, under which it was recorded (src/oidc/jwt-access-tokens.ts); one that fails the check is
 * replaced by a value nothing was recorded under, so it is inactive (introspection), ignored
 * (revocation) or refused (userinfo). Records are kept under an id only the server can derive from
 * the `jti`, so no opaque value passing through (a refresh token, or anything else) can name one.
 */
const BODY_LIMIT = 56 * 1024;
const FORM = 'application/x-www-form-urlencoded';
const UNKNOWN_TOKEN = 'not-a-recorded-token';

/** The body, or undefined when it is larger than oidc-provider itself would read. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A path as oidc-provider's router matches it: in any case and with or without one trailing slash
 * (`/oidc/UserInfo/` is userinfo). Folding more than it does (non-ASCII lower-casing) only means a
 * path it would not route gets its token checked too.
 */
export function routeKey(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.toLowerCase();
}

/**
 * The server's public URL is the origin of every URL the provider builds (not the Host header), and
 * decides whether its cookies are `secure`. Set once on the provider's request prototype (each
 * provider has its own), not on every request's object.
 */
export function pinPublicOrigin(provider: Provider, publicUrl: string, secureCookies: boolean): void {
  const url = new URL(publicUrl);
  Object.defineProperties(provider.request, {
    origin: { value: url.origin },
    protocol: { value: url.protocol.slice(0, -1) },
    host: { value: url.host },
    secure: { value: secureCookies },
  });
}

/**
 * What every answer of the provider carries unless the page written replaces it (the hosted pages
 * set their own, src/oidc/oidc-pages.ts): the provider writes two HTML pages itself, the
 * auto-submitting forms of `response_mode=form_post` and of a logout without a session, and they
 * had no policy at all (found by review). Their one inline script is allowed by its hash, which
 * oidc-provider adds to `script-src` when a policy is already set. No `frame-ancestors`: an
 * application that frames its sign-in gets its answer in that frame, and a page that submits
 * itself offers nothing to click.
 */
export const PROVIDER_CSP = "default-src 'none'; script-src 'self'; base-uri 'none'";

export const securityHeaders: KoaMiddleware = async (ctx, next) => {
  ctx.set('content-security-policy', PROVIDER_CSP);
  ctx.set('referrer-policy', 'no-referrer');
  await next();
};

export function realmMiddleware(deps: {
  keys: KeyRing;
  realmId: string;
  issuer: string;
  recordId: AccessTokenRecordId;
}): KoaMiddleware {
  const bodyTokenRoutes = new Map([
    [routeKey(OIDC_ROUTES.introspection), 'token'],
    [routeKey(OIDC_ROUTES.revocation), 'token'],
    [routeKey(OIDC_ROUTES.userinfo), 'access_token'],
  ]);

  async function substitute(req: IncomingMessage, token: string): Promise<string> {
    if (!looksLikeJwt(token)) return token;
    const verified = await verifyRealmJwt(deps.keys, deps.realmId, deps.issuer, token, Date.now());
    if (!verified) return UNKNOWN_TOKEN;
    // A token recorded nowhere (client credentials) is looked up as itself.
    rememberPresented(req, verified);
    return deps.recordId(deps.realmId, verified.jti);
  }

  /** False when the body was refused (answered here, in the OAuth error shape: this runs before the provider's own error handling). */
  async function substituteInBody(ctx: KoaContext, field: string): Promise<boolean> {
    // The provider parses any body its type-is check calls a form (any case, with parameters).
    if (!ctx.is(FORM)) return true;
    const body = await readBody(ctx.req);
    if (body === undefined) {
      ctx.status = 400;
      ctx.set('cache-control', 'no-store');
      ctx.body = { error: 'invalid_request', error_description: 'the request body is too large' };
      return false;
    }
    const params = new URLSearchParams(body);
    const token = params.get(field);
    if (token) params.set(field, await substitute(ctx.req, token));
    // oidc-provider reads an already-read body from req.body (documented fallback of its parser).
    (ctx.req as IncomingMessage & { body?: string }).body = params.toString();
    return true;
  }

  return async (ctx, next) => {
    const route = routeKey(ctx.path);
    const field = bodyTokenRoutes.get(route);
    if (field && ctx.method === 'POST' && !(await substituteInBody(ctx, field))) return;
    if (route === routeKey(OIDC_ROUTES.userinfo)) {
      const header = ctx.req.headers.authorization;
      const match = header?.match(/^(Bearer|DPoP) (.+)$/i);
      if (match) ctx.req.headers.authorization = `${match[1]} ${await substitute(ctx.req, match[2])}`;
    }
    await next();
  };
}
