import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { RequestOrigin } from '../events/event-log.ts';

/** Client IP (from X-Forwarded-For only through trusted proxies, per Fastify's trustProxy) and agent. */
export function originOf(request: FastifyRequest): RequestOrigin {
  return requestOrigin(request.ip, request.headers);
}

/** The origin recorded for a request from this address with these headers. */
export function requestOrigin(ip: string | undefined, headers: IncomingHttpHeaders): RequestOrigin {
  const agent = headers['user-agent'];
  return { ip: ip ?? null, userAgent: typeof agent === 'string' ? agent.slice(0, 512) : null };
}
