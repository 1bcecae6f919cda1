import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind } from '../../errors.ts';
import type { RouteTree } from '../app.ts';
import { clientFailure, handleError, logUnavailable } from '../error-handler.ts';
import { escapeHtml, sendServerPage } from './page-layout.ts';

/**
 * Failures on the hosted pages (an unknown or inactive realm, a mangled link, a busy database)
 * answer an HTML page with the API's status instead of its JSON: the reader is a person who
 * followed a link. No realm is known at that point, so the page speaks in Keyrealm's name.
 */
const titles: Partial<Record<ErrorKind, string>> = {
  not_found: 'Page not found',
  rate_limited: 'Too many attempts',
  unavailable: 'Please try again shortly',
};

/** Texts for a person where the API's message speaks to a program. */
const texts: Partial<Record<ErrorKind, string>> = {
  not_found: 'There is no such page here. Check that you opened the whole link from your message; if it was cut, copy it again in one piece.',
  unsupported_media: 'This page accepts only its own form. Open the link from your message again.',
};

function sendPageError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const failure = clientFailure(error);
  if (!failure) {
    request.log.error({ err: error }, 'unhandled error');
    return sendServerPage(reply, 'Something went wrong', '<h1>Something went wrong</h1><p class="error">Something went wrong on our side. Please try again in a moment.</p>', { status: 500 });
  }
  logUnavailable(request.log, error, failure.error);
  if (failure.error.retryAfterSeconds !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(failure.error.retryAfterSeconds))));
  const title = titles[failure.error.kind] ?? 'This link does not work';
  const text = texts[failure.error.kind] ?? failure.error.message;
  return sendServerPage(reply, title, `<h1>${escapeHtml(title)}</h1><p class="error">${escapeHtml(text)}</p>`, { status: failure.status });
}

/** Every page tree calls this: its errors become HTML pages. */
export function showErrorsAsPages(app: FastifyInstance): void {
  app.setErrorHandler(sendPageError);
}

/**
 * Routes a person's browser reaches as often as a program does (an identity provider's callback):
 * a page for a request that asks for HTML, the API's JSON for any other.
 */
export function showErrorsAsPagesToBrowsers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) =>
    /\btext\/html\b/.test(String(request.headers.accept ?? '')) ? sendPageError(error, request, reply) : handleError(error, request, reply),
  );
}

/**
 * A path under a realm's pages that names no page, or the bare prefix: the same HTML 404, not the
 * API's JSON one, whatever the method and body. The body is never read, so any content type is
 * taken (a posted form included) rather than refused with a 415 that would hide the 404.
 */
export function unknownPageRoutes(): RouteTree {
  return async (app) => {
    showErrorsAsPages(app);
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handler = async (request: FastifyRequest) => {
      throw new AppError('request.not_found', `No page ${request.url.split('?')[0]}.`);
    };
    for (const url of ['/realms/:realm/pages', '/realms/:realm/pages/*']) app.all(url, { schema: { hide: true } }, handler);
  };
}
