import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail, type ErrorKind } from '../errors.ts';
import { isDatabaseUnavailable, isUnstorableText, isVanishedReference } from '../storage/database-errors.ts';
import { faultSummary } from '../platform/logger.ts';
import { http } from '../platform/node-http.ts';
import { PATTERN_ISSUES } from './schemas.ts';

/** The one place where error kinds become HTTP statuses. */
const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  timeout: 408,
  conflict: 409,
  too_large: 413,
  uri_too_long: 414,
  unsupported_media: 415,
  unprocessable: 422,
  rate_limited: 429,
  headers_too_large: 431,
  unavailable: 503,
};

export interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(issue: AjvIssue): string {
  const path = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const child = (issue.params.missingProperty ?? issue.params.additionalProperty) as string | undefined;
  return [path, child].filter(Boolean).join('.') || '(body)';
}

function describe(issue: AjvIssue): string {
  if (issue.keyword === 'additionalProperties') return 'is not a known field';
  if (issue.keyword === 'required') return 'is required';
  if (issue.keyword === 'pattern') return PATTERN_ISSUES.get(issue.params.pattern as string) ?? issue.message ?? 'is invalid';
  return issue.message ?? 'is invalid';
}

/** Ajv's issues as our error details: the field's dotted path and what is wrong with it. */
export function validationDetails(issues: AjvIssue[]): ErrorDetail[] {
  return issues.map((issue) => ({ field: fieldOf(issue), issue: describe(issue) }));
}

/** Details as one line of a message: `field issue; field issue`. */
export const detailsText = (details: ErrorDetail[]) => details.map((d) => `${d.field} ${d.issue}`).join('; ');

/** Translates the errors a client or an unavailable dependency causes (bad JSON, size, media type, schema, a busy database) into AppErrors. */
function asAppError(error: FastifyError): AppError | undefined {
  if (error.validation) {
    const details = validationDetails(error.validation as AjvIssue[]);
    const where = error.validationContext === 'body' ? 'request body' : error.validationContext;
    return new AppError('request.validation_failed', `The ${where} is invalid: ${detailsText(details)}.`, { details });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('request.malformed_json', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.body_too_large', 'The request body is larger than this server accepts.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('request.unsupported_media_type', 'Send the request body as application/json.');
  }
  if (isUnstorableText(error)) {
    return new AppError('request.validation_failed', 'The request contains characters that cannot be stored.');
  }
  if (isVanishedReference(error)) {
    return new AppError('request.conflict', 'Something this request refers to was removed while it was handled; try again.');
  }
  if (isDatabaseUnavailable(error)) {
    return new AppError('service.unavailable', 'The database is busy or out of reach; try again shortly.', { retryAfterSeconds: 1 });
  }
  if (!isAboutTheRequest(error)) return undefined;
  if (error.statusCode === 400) return new AppError('request.malformed_json', 'The request body is not valid JSON.');
  if (error.statusCode === 403) return new AppError('request.forbidden', 'This request is refused.');
  if (error.statusCode === 404) return new AppError('request.not_found', 'Nothing here.');
  return undefined;
}

/**
 * Only Fastify's own errors and those a plugin marks as meant for the client (http-errors'
 * `expose`, as the static files plugin raises) say something about the request. Any other error
 * carrying a status (a library's, an outbound call's) or a SyntaxError from parsing our own data
 * is a fault of ours: a 500, logged as an error, not a 4xx hidden at debug level.
 */
function isAboutTheRequest(error: FastifyError): boolean {
  return (typeof error.code === 'string' && error.code.startsWith('FST_')) || (error as { expose?: unknown }).expose === true || (error instanceof SyntaxError && error.statusCode === 400);
}

/** A 4xx a plugin raised with a status of its own (a static file's 416, say): kept, in our shape. */
function frameworkClientStatus(error: FastifyError): number | undefined {
  if (!isAboutTheRequest(error)) return undefined;
  const status = error.statusCode ?? (error as { status?: number }).status;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

export function errorBody(error: AppError) {
  return { error: { code: error.code, message: error.message, details: error.details } };
}

export function sendAppError(reply: FastifyReply, error: AppError, status = statusOf[error.kind]): FastifyReply {
  return sendFailure(reply, appErrorAnswer(error, status));
}

function sendFailure(reply: FastifyReply, answer: FailureAnswer): FastifyReply {
  if (answer.retryAfterSeconds !== undefined) reply.header('retry-after', String(answer.retryAfterSeconds));
  return reply.status(answer.status).send(answer.body);
}

/**
 * A service out of reach (the database, Redis) is the operators' concern: what failed underneath
 * goes to the log at warn, summarised (faultSummary: never a client error's other fields). `error`
 * is what was thrown, `refusal` the client's answer made of it.
 */
export function logUnavailable(log: FastifyBaseLogger, error: unknown, refusal: AppError): void {
  if (refusal.kind !== 'unavailable') return;
  const underneath = error === refusal ? refusal.cause : error;
  if (underneath !== undefined) log.warn({ fault: faultSummary(underneath), code: refusal.code }, 'a service this request needs is unavailable');
}

/** What a failed request answers: its status and body, and how long to wait before trying again. */
export interface FailureAnswer {
  status: number;
  body: { error: { code: string; message: string; details: ErrorDetail[] } };
  retryAfterSeconds?: number;
}

const appErrorAnswer = (error: AppError, status = statusOf[error.kind]): FailureAnswer => ({
  status,
  body: errorBody(error),
  ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterSeconds)) }),
});

/**
 * The answer to a failure, logged as it deserves: for Fastify's error handler and for the routes
 * served in front of Fastify (src/http/hot-routes.ts), which have no Fastify request or reply.
 */
export function failureAnswer(error: FastifyError, log: FastifyBaseLogger): FailureAnswer {
  if (error instanceof AppError) {
    logUnavailable(log, error, error);
    return appErrorAnswer(error);
  }
  const known = asAppError(error);
  if (known) {
    // Anything but a service out of reach is the client's doing, not an error-level line (a probe
    // would flood the log).
    if (known.kind === 'unavailable') logUnavailable(log, error, known);
    else log.debug({ err: error }, 'request refused');
    return appErrorAnswer(known);
  }
  const clientStatus = frameworkClientStatus(error);
  if (clientStatus !== undefined) {
    log.debug({ err: error }, 'request refused');
    return appErrorAnswer(new AppError('request.refused', 'This request cannot be served.'), clientStatus);
  }
  log.error({ err: error }, 'unhandled error');
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side.', details: [] } } };
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  return sendFailure(reply, failureAnswer(error, request.log));
}

/**
 * Whether a response already started on this connection (Node keeps it on the socket): then raw
 * bytes would land in the middle of it, so, as Node's own handler does, nothing is written.
 */
function responseUnderWay(socket: Socket): boolean {
  const { _httpMessage: message } = socket as Socket & { _httpMessage?: { _headerSent?: boolean } | null };
  return Boolean(message?._headerSent);
}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL too large, a
 * timeout, broken HTTP): answered on the raw socket, in our error shape, then the connection ends;
 * only destroyed when a response is already under way on it.
 */
export function handleClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('request.headers_too_large', 'The request headers (or URL) are larger than this server accepts.')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new AppError('request.timeout', 'The request took too long to arrive.')
        : new AppError('request.malformed_http', 'The request is not valid HTTP.');
  const status = statusOf[refusal.kind];
  const body = JSON.stringify(errorBody(refusal));
  if (socket.writable && !responseUnderWay(socket)) {
    socket.write(
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

export function handleNotFound(request: FastifyRequest, reply: FastifyReply) {
  return sendAppError(reply, new AppError('request.not_found', `No route ${request.method} ${request.url.split('?')[0]}.`));
}

/**
 * What a failure means to the client and its status, for the hosted pages that show it as HTML
 * instead of JSON; undefined for a fault of the server's own.
 */
export function clientFailure(error: FastifyError): { error: AppError; status: number } | undefined {
  const known = error instanceof AppError ? error : asAppError(error);
  return known && { error: known, status: statusOf[known.kind] };
}
