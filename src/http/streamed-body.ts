import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * Routes whose body is a file read as it arrives (imports): whatever its type, no parser buffers
 * it first, and the handler gets the request stream itself.
 */
export function acceptStreamedBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
}

/** The request's body as a stream; a request without one is refused, saying what to send. */
export function streamedBody(request: FastifyRequest, what: string): IncomingMessage {
  const body = request.body as IncomingMessage | undefined;
  if (!body) throw new AppError('import.malformed_document', `The request has no body: send ${what}.`);
  return body;
}
