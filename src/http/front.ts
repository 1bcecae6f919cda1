import type { IncomingMessage, ServerResponse } from 'node:http';

export type RequestHandler = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Sees a request before Fastify does: serves what it recognises and hands every other request to
 * `next` (in the end Fastify's router), having read nothing of it.
 */
export type FrontHandler = (request: IncomingMessage, response: ServerResponse, next: RequestHandler) => void;

/**
 * The fronts in order, then Fastify. While `closing()` every request goes straight to Fastify,
 * which answers it 503 with `Connection: close` as it closes, so keep-alive clients move on.
 */
export function inFront(fronts: FrontHandler[], closing: () => boolean): FrontHandler {
  return fronts.reduceRight<FrontHandler>(
    (rest, front) => (request, response, next) => (closing() ? next(request, response) : front(request, response, (a, b) => rest(a, b, next))),
    (request, response, next) => next(request, response),
  );
}
