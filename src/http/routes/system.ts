import { Type } from '@sinclair/typebox';
import type { HealthCheck } from '../../platform/health.ts';
import type { RouteTree } from '../app.ts';
import type { Metrics } from '../metrics.ts';

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  uptime_seconds: Type.Integer(),
  memory: Type.Object({ rss_bytes: Type.Integer(), heap_used_bytes: Type.Integer() }),
  database: Type.Object({ dialect: Type.String(), reachable: Type.Boolean() }),
});

const ReadyResponse = Type.Object({ ready: Type.Boolean(), reason: Type.Optional(Type.String()) });

const tags = ['system'];

/** Unauthenticated probes for load balancers and orchestrators, and the Prometheus scrape. */
export function systemRoutes(deps: { health: HealthCheck; metrics: Metrics }): RouteTree {
  return async (app) => {
    app.get(
      '/health',
      { schema: { tags, summary: 'Process health; 503 when the database does not answer', response: { 200: HealthResponse, 503: HealthResponse } } },
      async (_request, reply) => {
        const health = await deps.health.health();
        return reply.status(health.status === 'ok' ? 200 : 503).send(health);
      },
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
