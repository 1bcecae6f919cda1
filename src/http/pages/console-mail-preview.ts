/**
 * `POST /console/mail-preview`: the console's template editor shows a rendered email in a frame,
 * and an email's HTML is styled inline — which the console page's own CSP (no inline styles)
 * would refuse in any frame it writes itself, since such frames inherit it. So the editor posts the
 * HTML the API rendered (POST …/templates/{type}/preview) here, into a named frame, and it comes
 * back as a document of its own under a policy for mail: sandboxed (an opaque origin, no script,
 * no forms), inline styles and https images only. It holds nothing secret and needs no token;
 * only the console's own pages may post to it (the Origin header) and only a frame of this origin
 * may show it.
 */
import type { FastifyRequest } from 'fastify';
import type { RouteTree } from '../app.ts';
import { AppError } from '../../errors.ts';
import { CONSOLE_PATH } from '../../console/console-application.ts';

/** A rendered template is at most 100 KB of source plus its values; urlencoding can triple it. */
const PREVIEW_LIMIT = 512 * 1024;

export const MAIL_PREVIEW_CSP =
  "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; font-src https: data:; form-action 'none'; base-uri 'none'; frame-ancestors 'self'";

export function consoleMailPreviewRoutes(deps: { publicUrl: string }): RouteTree {
  const origin = new URL(deps.publicUrl).origin;
  return async (app) => {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: PREVIEW_LIMIT }, (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    });
    // Checked before the body is read: a refused caller costs no parsing.
    const onRequest = async (request: FastifyRequest) => {
      const sameOrigin = request.headers['sec-fetch-site'] === 'same-origin' || request.headers.origin === origin;
      if (!sameOrigin) throw new AppError('request.forbidden', 'Only the console posts mail previews.');
    };
    app.post(`${CONSOLE_PATH}/mail-preview`, { schema: { hide: true }, onRequest }, async (request, reply) => {
      const html = request.body instanceof URLSearchParams ? request.body.get('html') : null;
      if (html === null) throw new AppError('request.validation_failed', 'Post the rendered HTML as the form field `html`.');
      return reply
        .header('content-security-policy', MAIL_PREVIEW_CSP)
        .header('x-frame-options', 'SAMEORIGIN')
        .header('referrer-policy', 'no-referrer')
        .type('text/html; charset=utf-8')
        .send(html);
    });
  };
}
