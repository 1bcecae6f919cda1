import { Type } from '@sinclair/typebox';
import type { HealthCheck } from '../../platform/health.ts';
import type { RouteTree } from '../app.ts';
import type { Metrics } from '../metrics.ts';

export const HealthResponse = Type.Object({
  status: Type.Literal('ok'),
  version: Type.String(),
  uptime_seconds: Type.Integer(),
  memory: Type.Object({ rss_bytes: Type.Integer(), heap_used_bytes: Type.Integer() }),
});

const ReadyResponse = Type.Object({ ready: Type.Boolean(), reason: Type.Optional(Type.String()) });

const tags = ['system'];

/** Unauthenticated probes for load balancers and orchestrators, and the Prometheus scrape. */
export function systemRoutes(deps: { health: HealthCheck; metrics: Metrics }): RouteTree {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags, summary: 'Liveness: the process answers (the database is /ready\'s concern)', response: { 200: HealthResponse } } },
      // Not async: Fastify sends a plain return value at once, without a promise.
      () => deps.health.health(),
    );

    app.get(
      '/ready',
      { schema: { tags, summary: 'Ready for traffic: migrations applied and the database answering', response: { 200: ReadyResponse, 503: ReadyResponse } } },
      async (_request, reply) => {
        const readiness = await deps.health.readiness();
        return reply.status(readiness.ready ? 200 : 503).send(readiness);
      },
    );

    app.get(
      '/metrics',
      { schema: { tags, summary: 'Prometheus metrics', response: { 200: Type.String({ description: 'Prometheus text exposition format' }) } } },
      async (_request, reply) => {
        return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
      },
    );
  };
}
