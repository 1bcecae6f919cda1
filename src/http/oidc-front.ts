import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { RealmLookup } from '../contracts.ts';
import type { Oidc } from '../oidc/oidc-service.ts';
import type { Logger } from '../platform/logger.ts';
import type { FrontHandler, RequestHandler } from './front.ts';
import type { Metrics } from './metrics.ts';
import { requestOrigin } from './request-origin.ts';
import { logCompletedRequest, requestIdFor } from './request-log.ts';

/** A realm provider's endpoint, below its id; the pages client's callback is a Fastify route of its own. */
const PROVIDER_PATH = /^\/realms\/([A-Za-z0-9_-]{1,100})\/oidc\/(?!callback\/)/;
/** The route's name in metrics: the same as the Fastify route's (src/http/routes/oidc.ts). */
const ROUTE = '/realms/:realm/oidc/*';

/**
 * The realm providers' endpoints, served in front of Fastify. Each provider is a complete HTTP
 * application (Koa) that reads its own bodies and writes its own responses, so Fastify's request
 * and reply objects, hooks and routing only cost time there: about a sixth of the token
 * endpoint's throughput (docs/benchmarks.md). What the API does for every request is done here the
 * same way: the request id, `nosniff`, the client's address through trusted proxies, one log line
 * and the request metrics.
 *
 * Anything out of the ordinary — a slug (redirected), an unknown or inactive realm, a realm that
 * cannot have a provider, a failed lookup — goes on to the Fastify route, which answers it the
 * API's usual way. Nothing of the request has been read by then.
 */
export function oidcFront(deps: {
  lookup: RealmLookup;
  oidc: Pick<Oidc, 'prepare'>;
  logger: Logger;
  metrics: Pick<Metrics, 'observeRequest'>;
  clientIp: (request: IncomingMessage) => string | undefined;
}): FrontHandler {
  async function serve(realmId: string, request: IncomingMessage, response: ServerResponse, next: RequestHandler): Promise<void> {
    const started = performance.now();
    let handle: Awaited<ReturnType<Oidc['prepare']>>;
    try {
      const realm = await deps.lookup.resolve(realmId);
      if (realm?.id !== realmId || realm.state !== 'active') return next(request, response);
      handle = await deps.oidc.prepare(realm, `/realms/${realm.id}`);
    } catch {
      return next(request, response);
    }
    const requestId = requestIdFor(request.headers);
    const arrived = { method: request.method ?? 'GET', url: request.url ?? '/' };
    response.setHeader('x-request-id', requestId);
    response.setHeader('x-content-type-options', 'nosniff');
    await handle(request, response, requestOrigin(deps.clientIp(request), request.headers));
    const elapsed = performance.now() - started;
    logCompletedRequest(deps.logger, arrived, response.statusCode, elapsed, null, { request_id: requestId });
    deps.metrics.observeRequest(ROUTE, arrived.method, response.statusCode, elapsed / 1000);
  }

  return (request, response, next) => {
    const match = PROVIDER_PATH.exec(request.url ?? '');
    if (!match) return next(request, response);
    serve(match[1], request, response, next).catch((error: unknown) => {
      deps.logger.error({ err: error, url: request.url }, 'an OpenID Connect request failed outside its provider');
      if (!response.headersSent) response.writeHead(500).end();
    });
  };
}
