import type { KoaMiddleware } from 'oidc-provider';
import { RATE_WINDOW_MS, type RateLimiter } from '../auth/rate-limiter.ts';
import { routeKey } from './provider-middleware.ts';
import { OIDC_ROUTES } from './realm-provider.ts';
import { originOfRequest } from './request-origins.ts';

/**
 * The device flow's verification page takes user codes (the space being 20^8): each one typed
 * counts against the address's per-realm share a minute (RFC 8628 §5.1). Counted inside the
 * provider, on the path its router routes by (Koa's own reading of the request target): counted in
 * front of it, on the raw target, `/device#x` and `/device\#` went uncounted while the router still
 * took them for the page (found by review, twice).
 */
export function userCodeLimit(deps: { limiter: RateLimiter; perIpPerMinute: number; realmId: string }): KoaMiddleware {
  const page = routeKey(OIDC_ROUTES.code_verification);
  return async (ctx, next) => {
    if (ctx.method === 'POST' && routeKey(ctx.path) === page) {
      const key = `device-code:${deps.realmId}:${originOfRequest(ctx.req).ip ?? 'unknown'}`;
      if (!(await deps.limiter.hit(key, deps.perIpPerMinute, RATE_WINDOW_MS)).allowed) {
        // The API's refusal, as every rate limit answers it.
        ctx.status = 429;
        ctx.set('retry-after', String(RATE_WINDOW_MS / 1000));
        ctx.set('cache-control', 'no-store');
        ctx.body = { error: { code: 'request.rate_limited', message: 'Too many attempts; wait before trying again.', details: [] } };
        return;
      }
    }
    await next();
  };
}
