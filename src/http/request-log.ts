import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { writeLine, type Logger } from '../platform/logger.ts';
import type { Metrics } from './metrics.ts';

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

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The request's id: the caller's `X-Request-Id` when it is a plausible one, else a new one. */
export function requestIdFor(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Writes the line for a completed request; `url` is the path and query as they arrived. The
 * request id leads the line. A line without an error is written as its fields' JSON directly
 * (`writeLine`): every one of them is ours, none is secret, and the URL's query values are hidden.
 */
export function logCompletedRequest(
  log: Pick<Logger, 'info' | 'debug' | 'error'> & { isLevelEnabled?(level: string): boolean },
  request: { method: string; url: string },
  status: number,
  elapsedMs: number,
  error: Error | null | undefined,
  bindings: { request_id: string },
): void {
  const level = PROBES.has(request.url.split('?')[0]) ? 'debug' : 'info';
  // A probe's line at the default level: nothing to build.
  if (!error && log.isLevelEnabled?.(level) === false) return;
  const ms = Math.round(elapsedMs * 10) / 10;
  const url = loggedUrl(request.url);
  if (error) {
    log.error({ ...bindings, method: request.method, url, status, ms, err: error }, 'request failed');
    return;
  }
  const members = `"request_id":${JSON.stringify(bindings.request_id)},"method":${JSON.stringify(request.method)},"url":${JSON.stringify(url)},"status":${status},"ms":${ms}`;
  writeLine(log, level, members, 'request');
}

/**
 * What Fastify does when a request completes: its log line and its metrics, in one step rather
 * than an `onResponse` hook as well (each stage Fastify runs costs every request).
 */
class OneLinePerRequest extends LogController {
  readonly #metrics: Pick<Metrics, 'observeRequest'>;

  constructor(metrics: Pick<Metrics, 'observeRequest'>) {
    super({ requestIdLogLabel: 'request_id' });
    this.#metrics = metrics;
  }

  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const elapsedMs = reply.elapsedTime;
    // `originalUrl`: the path as it arrived, also for requests handed on below a prefix (src/http/routes/oidc.ts).
    // Through the root logger with the request id first, as the OpenID Connect front writes its
    // lines (src/http/oidc-front.ts), which no Fastify request carries: one shape for both.
    logCompletedRequest(request.server.log, { method: request.method, url: request.originalUrl }, reply.statusCode, elapsedMs, error, { request_id: request.id });
    this.#metrics.observeRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, elapsedMs / 1000);
  }
}

/** Given to Fastify as its `logController` (src/http/app.ts). */
export const requestCompletion = (metrics: Pick<Metrics, 'observeRequest'>): LogController => new OneLinePerRequest(metrics);
