import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { AppError } from '../errors.ts';
import { registerApiDocs } from './api-docs.ts';
import { ErrorBody } from './schemas.ts';
import { fieldsWithNul } from './nul-characters.ts';
import { requestLog } from './request-log.ts';
import { handleError, handleNotFound, sendAppError } from './error-handler.ts';
import type { Metrics } from './metrics.ts';
import { buildSchemaCompiler } from './validation.ts';

export type RouteTree = (app: FastifyInstance) => Promise<void>;

export interface AppOptions {
  logger: FastifyServerOptions['loggerInstance'] | false;
  bodyLimit: number;
  trustProxy: boolean | number | string[];
  metrics: Metrics;
  version: string;
  /** Encapsulated route trees, each registered as its own plugin. */
  routes: RouteTree[];
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Builds the HTTP server without listening, so tests drive it with inject(). */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    // Fastify accepts a hop count at run time though its types omit it.
    trustProxy: options.trustProxy as FastifyServerOptions['trustProxy'],
    bodyLimit: options.bodyLimit,
    requestIdHeader: false,
    logController: requestLog,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
    // Per-request child loggers exist to tag request logs with the request id. Above the info
    // level no request is logged, so requests share the root logger (no allocation per request)
    // and the error handler names the request id itself.
    childLoggerFactory: (logger, bindings, childOptions) =>
      (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled?.('info') === false ? logger : logger.child(bindings, childOptions),
    // Route plugins that add schemas get a fresh validator compiler; this makes it ours everywhere.
    schemaController: { compilersFactory: { buildValidator: buildSchemaCompiler as never } },
    // Errors the router raises before any route runs go through our error shape too.
    frameworkErrors: (error, request, reply) => {
      reply.header('x-request-id', request.id);
      const refusal =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AppError('request.uri_too_long', 'A path segment of the URL is too long.')
          : new AppError('request.validation_failed', 'The URL is not valid percent-encoding.');
      return sendAppError(reply, refusal);
    },
  };
  const app = options.logger ? Fastify({ ...serverOptions, loggerInstance: options.logger }) : Fastify({ ...serverOptions, logger: false });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // JSON only: a text/plain body is a 415, not something to half-parse.
  app.removeContentTypeParser('text/plain');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      // PostgreSQL cannot store NUL in text; refuse it for every route, on every database alike.
      const details = fieldsWithNul(value, '', []).map((field) => ({ field, issue: 'must not contain NUL characters' }));
      if (details.length > 0) return done(new AppError('request.validation_failed', 'Text must not contain NUL characters.', { details }), undefined);
      done(null, value);
    });
  });
  app.addSchema(ErrorBody);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    options.metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });

  await registerApiDocs(app, options.version);

  for (const routes of options.routes) await app.register(routes);
  return app;
}
