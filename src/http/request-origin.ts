import type { FastifyRequest } from 'fastify';
import type { RequestOrigin } from '../events/event-log.ts';

/** Client IP (from X-Forwarded-For only through trusted proxies, per Fastify's trustProxy) and agent. */
export function originOf(request: FastifyRequest): RequestOrigin {
  const agent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 512) : null };
}
