import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyError } from 'fastify';
import type { HealthCheck } from '../platform/health.ts';
import type { Logger } from '../platform/logger.ts';
import { failureAnswer } from './error-handler.ts';
import type { Metrics } from './metrics.ts';
import type { FrontHandler } from './front.ts';
import { logCompletedRequest, requestIdFor } from './request-log.ts';
import { HealthResponse } from './routes/system.ts';
import { buildSerializerCompiler } from './serialization.ts';
import { ValidateResponse, type validateAnswer } from './validate-answer.ts';

/** The Fastify routes served here, by the names their metrics carry (src/http/routes). */
const HEALTH_ROUTE = '/health';
const VALIDATE_ROUTE = '/realms/:realm/auth/validate';
/** A realm id or slug as the path names it, with nothing to decode; anything else goes on to Fastify. */
const VALIDATE_PATH = /^\/realms\/([A-Za-z0-9_-]{1,100})\/auth\/validate$/;

/** One request served here: its id (one for its answer and every line logged about it), its route, when it started. */
interface Served {
  request: IncomingMessage;
  response: ServerResponse;
  requestId: string;
  route: string;
  started: number;
}

/** The serializer Fastify compiles for a route's 200 answer, compiled the same way: the same bytes. */
function serializerFor(schema: TSchema, url: string): (value: unknown) => string {
  return buildSerializerCompiler()({ schema, method: 'GET', url, httpStatus: '200' } as never) as (value: unknown) => string;
}

/**
 * The two requests a deployment receives most, answered in front of Fastify: the load balancers'
 * liveness probe and the resource servers' token check. Both are GETs without a body, each answered
 * by the same use-case and response schema as its Fastify route (src/http/routes/system.ts,
 * src/http/routes/public-auth.ts), with the same headers, log line and metrics. What Fastify's
 * path adds to them — its request and reply objects, hooks, routing and schema lookups — was most
 * of their cost: validate spent under a tenth of its time in its own handler (docs/benchmarks.md).
 *
 * Only the plain form is served here: exactly `GET /health`, or `GET /realms/{id or slug}/auth/validate`
 * without a query, percent-encoding or an `Origin` (CORS is the Fastify tree's, src/http/browser-cors.ts);
 * anything else goes on to Fastify. A failure is answered and logged here as Fastify's error handler
 * would: handing it on would run the use-case a second time (twice the wait for a busy database).
 */
export function hotRoutes(deps: {
  health: Pick<HealthCheck, 'health'>;
  validate: ReturnType<typeof validateAnswer>;
  logger: Logger;
  metrics: Pick<Metrics, 'observeRequest'>;
  clientIp: (request: IncomingMessage) => string | undefined;
}): FrontHandler {
  const healthJson = serializerFor(HealthResponse, HEALTH_ROUTE);
  const validateJson = serializerFor(ValidateResponse, VALIDATE_ROUTE);

  const served = (request: IncomingMessage, response: ServerResponse, route: string): Served => ({
    request,
    response,
    requestId: requestIdFor(request.headers),
    route,
    started: performance.now(),
  });

  /**
   * Writes the answer, its log line and metrics. A client gone before its answer gets neither, as
   * with Fastify (whose line is written when the answer is finished).
   */
  function send({ request, response, requestId, route, started }: Served, status: number, body: string, retryAfterSeconds?: number): void {
    if (request.socket.destroyed) return;
    const headers: Record<string, string | number> = { 'x-request-id': requestId, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };
    if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
    headers['content-type'] = 'application/json; charset=utf-8';
    headers['content-length'] = Buffer.byteLength(body);
    response.writeHead(status, headers).end(body);
    const elapsed = performance.now() - started;
    logCompletedRequest(deps.logger, { method: 'GET', url: request.url as string }, status, elapsed, null, { request_id: requestId });
    deps.metrics.observeRequest(route, 'GET', status, elapsed / 1000);
  }

  /** A failure answered as Fastify's error handler answers and logs it (src/http/error-handler.ts), under the request's id. */
  function fail(one: Served, error: unknown): void {
    const answer = failureAnswer(error as FastifyError, deps.logger.child({ request_id: one.requestId }));
    send(one, answer.status, JSON.stringify(answer.body), answer.retryAfterSeconds);
  }

  async function validate(realmRef: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const one = served(request, response, VALIDATE_ROUTE);
    let body: string;
    try {
      body = validateJson(await deps.validate(realmRef, request.headers.authorization, deps.clientIp(request) ?? null));
    } catch (error) {
      return fail(one, error);
    }
    send(one, 200, body);
  }

  function health(request: IncomingMessage, response: ServerResponse): void {
    const one = served(request, response, HEALTH_ROUTE);
    let body: string;
    try {
      body = healthJson(deps.health.health());
    } catch (error) {
      // Reading the process's memory fails when it has no file descriptor left.
      return fail(one, error);
    }
    send(one, 200, body);
  }

  return (request, response, next) => {
    if (request.method !== 'GET') return next(request, response);
    const url = request.url as string;
    if (url === HEALTH_ROUTE) return health(request, response);
    const match = typeof request.headers.origin === 'string' ? null : VALIDATE_PATH.exec(url);
    if (!match) return next(request, response);
    validate(match[1], request, response).catch((error: unknown) => {
      // Only writing the answer is left to fail here.
      deps.logger.error({ err: error, url }, 'a validate request failed in front of Fastify');
      if (!response.headersSent) response.destroy();
    });
  };
}
