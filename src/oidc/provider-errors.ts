import type { KoaContext } from 'oidc-provider';
import type { Logger } from '../platform/logger.ts';
import type { RealmProvider } from './realm-provider.ts';

/** Failures of a connection, not of the server: the client went away or sent a broken request. */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ERR_STREAM_PREMATURE_CLOSE']);

function isClientGone(error: Error & { code?: unknown }, ctx: KoaContext | undefined): boolean {
  const code = typeof error.code === 'string' ? error.code : '';
  return CONNECTION_CODES.has(code) || code.startsWith('HPE_') || ctx?.req.destroyed === true;
}

/**
 * A realm provider's failures reach the server's log, with the request's id. Without this, what
 * escapes oidc-provider (a client that goes away mid-request, say) reached Koa's default handler,
 * which writes a stack trace to standard error outside the log; and what it answers with a 500
 * (`server_error`) was logged nowhere but as the request line's status.
 */
export function logProviderErrors(built: RealmProvider, logger: Pick<Logger, 'error' | 'debug'>): void {
  const realmId = built.realm.id;
  const requestId = (ctx: KoaContext | undefined) => ctx?.res.getHeader('x-request-id');

  built.provider.on('server_error', (ctx: KoaContext, error: Error) => {
    logger.error({ request_id: requestId(ctx), realm_id: realmId, err: error }, 'the OpenID Connect provider failed to answer a request');
  });
  // Koa's 'error': a failure no middleware answered. Having a listener also keeps Koa's own off.
  built.provider.on('error', (error: Error, ctx: KoaContext | undefined) => {
    if (isClientGone(error, ctx)) {
      logger.debug({ request_id: requestId(ctx), realm_id: realmId, reason: error.message }, 'an OpenID Connect request ended before its answer');
      return;
    }
    logger.error({ request_id: requestId(ctx), realm_id: realmId, err: error }, 'the OpenID Connect provider failed');
  });
}
