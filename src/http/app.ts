import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AppError } from '../errors.ts';
import { registerApiDocs } from './api-docs.ts';
import { ErrorBody } from './schemas.ts';
import { jsonNestedDeeperThan, unstorableFields, unstorableTextError } from './unstorable-text.ts';
import { requestCompletion, requestIdFor } from './request-log.ts';
import { handleClientError, handleError, handleNotFound, sendAppError } from './error-handler.ts';
import type { Metrics } from './metrics.ts';
import type { FrontHandler } from './front.ts';
import { buildSerializerCompiler } from './serialization.ts';
import { buildSchemaCompiler } from './validation.ts';
import { http } from '../platform/node-http.ts';

export type RouteTree = (app: FastifyInstance) => Promise<void>;

export interface AppOptions {
  logger: FastifyServerOptions['loggerInstance'] | false;
  bodyLimit: number;
  trustProxy: boolean | number | string[];
  metrics: Metrics;
  version: string;
  /** Encapsulated route trees, each registered as its own plugin. */
  routes: RouteTree[];
  /** Sees every request first on servers Fastify creates (`listen()`), as the server process's own does (src/compose.ts). */
  front?: FrontHandler;
}

/** Deeper JSON is refused before parsing: no API body nests more than a few levels, and recursive walks must not overflow. */
export const MAX_JSON_DEPTH = 32;

/** Public, cacheable documents; every other response may carry tokens, codes, secrets or personal data. */
const CACHEABLE_PATHS = /^\/(openapi\.json|docs)(\/|$|\?)/;

/** The server Fastify would create (its timeouts included), with `front` seeing each request first. */
function frontedServer(front: FrontHandler): FastifyServerOptions['serverFactory'] {
  return (routing, given) => {
    const settings = given as Pick<FastifyServerOptions, 'keepAliveTimeout' | 'requestTimeout' | 'connectionTimeout' | 'maxRequestsPerSocket'>;
    const server = http.createServer((request, response) => front(request, response, routing));
    server.keepAliveTimeout = settings.keepAliveTimeout ?? server.keepAliveTimeout;
    server.requestTimeout = settings.requestTimeout ?? server.requestTimeout;
    server.setTimeout(settings.connectionTimeout ?? 0);
    if (settings.maxRequestsPerSocket) server.maxRequestsPerSocket = settings.maxRequestsPerSocket;
    return server;
  };
}

/** Builds the HTTP server without listening, so tests drive it with inject(). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    // Fastify accepts a hop count at run time though its types omit it.
    trustProxy: options.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: options.bodyLimit,
    requestIdHeader: false,
    logController: requestCompletion(options.metrics),
    genReqId: (request) => requestIdFor(request.headers),
    routerOptions: { ignoreTrailingSlash: true },
    // Route plugins that add schemas get fresh compilers; this makes them ours everywhere.
    schemaController: { compilersFactory: { buildValidator: buildSchemaCompiler as never, buildSerializer: buildSerializerCompiler } },
    // Errors the router raises before any route runs go through our error shape too.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
      const refusal =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AppError('request.uri_too_long', 'A path segment of the URL is too long.')
          : new AppError('request.validation_failed', 'The URL is not valid percent-encoding.');
      return sendAppError(reply, refusal);
    },
    // Requests Node's HTTP parser refuses (headers too large, timeouts) answer in our error shape too.
    clientErrorHandler: handleClientError,
    ...(options.front ? { serverFactory: frontedServer(options.front) } : {}),
  };
  const app = options.logger ? Fastify({ ...serverOptions, loggerInstance: options.logger }) : Fastify({ ...serverOptions, logger: false });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // JSON only: a text/plain body is a 415, not something to half-parse.
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonNestedDeeperThan(body as string, MAX_JSON_DEPTH)) {
      return done(new AppError('request.too_deeply_nested', `JSON must not nest more than ${MAX_JSON_DEPTH} levels deep.`), undefined);
    }
    parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      const details = unstorableFields(value);
      if (details.length > 0) return done(unstorableTextError(details), undefined);
      done(null, value);
    });
  });
  app.addSchema(ErrorBody);

  // Callbacks, not async hooks, on this path every request takes: no promise, no turn of the queue.
  // One hook, not one per step: each stage Fastify runs for a route costs every request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff');
    // RFC 6749 §5.1 and personal data: nothing but public documents may be cached (JWKS sets its own caching).
    if (!CACHEABLE_PATHS.test(request.url)) reply.header('cache-control', 'no-store');
    // Query strings and path parameters get the same refusal as bodies, before any schema or query
    // sees them (both are parsed by now). Only percent-encoding can put NUL or a lone surrogate in
    // them: Node's parser refuses raw control characters, and reads other bytes one character each.
    if (!request.url.includes('%')) return done();
    const details = unstorableFields(request.params ?? {}, '', unstorableFields(request.query ?? {}, '', []));
    done(details.length > 0 ? unstorableTextError(details) : undefined);
  });

  await registerApiDocs(app, options.version);

  for (const routes of options.routes) await app.register(routes);
  return app;
}
