import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/**
 * One log line per request, when it completes: method, URL (query values hidden), status, time
 * in milliseconds and the request id. Probes (health, readiness, metrics) are polled every few
 * seconds by orchestrators, so they are logged at debug, not info.
 */
const PROBES = new Set(['/health', '/ready', '/metrics']);

/** Query parameters whose values are safe to log; any other value may be a token or a code. */
const HARMLESS_QUERY = new Set(['limit', 'offset', 'page', 'per_page', 'sort', 'order']);

/** The URL as logged: the path, and the query's names with their values hidden unless harmless. */
export function loggedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at === -1) return url;
  const query = [...new URLSearchParams(url.slice(at + 1))]
    .map(([name, value]) => `${encodeURIComponent(name)}=${HARMLESS_QUERY.has(name) ? encodeURIComponent(value) : '…'}`)
    .join('&');
  return query === '' ? url.slice(0, at) : `${url.slice(0, at)}?${query}`;
}

class OneLinePerRequest extends LogController {
  constructor() {
    super({ requestIdLogLabel: 'request_id' });
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    // `originalUrl`: the path as it arrived, also for requests handed on below a prefix (src/http/routes/oidc.ts).
    const path = request.originalUrl.split('?')[0];
    const line = { method: request.method, url: loggedUrl(request.originalUrl), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (error) reply.log.error({ ...line, err: error }, 'request failed');
    else if (PROBES.has(path)) reply.log.debug(line, 'request');
    else reply.log.info(line, 'request');
  }
}

/** Given to Fastify as its `logController` (src/http/app.ts). */
export const requestLog = new OneLinePerRequest();
