import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RealmLookup } from '../contracts.ts';
import type { BrowserOrigins } from '../applications/browser-origins.ts';
import type { RouteTree } from './app.ts';

/**
 * CORS for a realm's API, so a single-page application on its own origin can sign its users in
 * and call their account with the SDK: allowed are the origins of the realm's enabled SPA
 * applications (src/applications/browser-origins.ts). Only the JSON endpoints a browser app calls
 * (`auth/…`, `account…`, `authorize…`); never the admin API, the hosted pages or the OpenID
 * Connect endpoints (which answer CORS by their own client rules). Bearer tokens, no cookies: no
 * `Allow-Credentials`. An origin not allowed simply gets no CORS headers.
 */
const BROWSER_API = /^\/realms\/([^/?]+)\/(auth\/|account(\/|\?|$)|authorize(\/|\?|$))/;
const ALLOWED_HEADERS = 'authorization, content-type';
const EXPOSED_HEADERS = 'x-request-id, retry-after';
const PREFLIGHT_SECONDS = 600;

export function browserCorsRoutes(deps: { lookup: RealmLookup; origins: BrowserOrigins }): RouteTree {
  /** The origin, when the request is for the browser API of a realm that allows it. */
  async function allowedOrigin(request: FastifyRequest): Promise<string | undefined> {
    const origin = request.headers.origin;
    const match = BROWSER_API.exec(request.url);
    if (typeof origin !== 'string' || !match) return undefined;
    const realm = await deps.lookup.resolve(decodeURIComponent(match[1])).catch(() => undefined);
    if (!realm || realm.state !== 'active') return undefined;
    return (await deps.origins.allows(realm.id, origin)) ? origin : undefined;
  }

  const allow = (reply: FastifyReply, origin: string) => reply.header('access-control-allow-origin', origin).header('vary', 'origin');

  const tree: RouteTree = async (app: FastifyInstance) => {
    // Every answer of the browser API, refusals included (a script must read the error's code).
    // A callback, not an async hook: most requests carry no Origin (servers, probes, the
    // hosted pages' own forms) and go on at once, without a promise and a turn of the queue.
    app.addHook('onRequest', (request, reply, done) => {
      if (typeof request.headers.origin !== 'string') return done();
      allowedOrigin(request).then((origin) => {
        if (origin) allow(reply, origin).header('access-control-expose-headers', EXPOSED_HEADERS);
        done();
      }, done);
    });

    app.options('/realms/:realm/*', { schema: { hide: true } }, async (request, reply) => {
      const origin = await allowedOrigin(request);
      if (origin) {
        allow(reply, origin)
          .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
          .header('access-control-allow-headers', ALLOWED_HEADERS)
          .header('access-control-max-age', String(PREFLIGHT_SECONDS));
      }
      return reply.status(204).send();
    });
  };
  // Not encapsulated (what fastify-plugin marks): the hook must see every route of the app, so this tree comes first.
  return Object.assign(tree, { [Symbol.for('skip-override')]: true });
}
