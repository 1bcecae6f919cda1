import { AuthorizationResponseError, ResponseBodyError } from 'openid-client';
import { AppError, type ErrorDetail } from '../errors.ts';
import { constantTimeEqual } from '../platform/opaque-tokens.ts';
import { upstreamMessage } from './upstream-text.ts';

/**
 * What an upstream said, turned into our one error type. Only the provider's `error` and
 * `error_description` travel (trimmed, printable), never a code, a token or the response body:
 * these end on a readable page and in event 1225.
 */
function printable(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  return upstreamMessage(value);
}

export function upstreamDetails(error: unknown, description: unknown): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const code = printable(error);
  const text = printable(description);
  if (code) details.push({ field: 'error', issue: code });
  if (text) details.push({ field: 'error_description', issue: text });
  return details;
}

/** The callback's `state` must be the one this browser's sign-in sent (compared in constant time). */
export function checkState(params: Record<string, string>, expected: string): void {
  const state = params.state;
  if (typeof state !== 'string' || !constantTimeEqual(state, expected)) {
    throw new AppError('idp.state_mismatch', state === undefined ? 'the callback carries no state' : 'the callback carries a state this sign-in did not send');
  }
}

/**
 * RFC 9207: an `iss` that came back must name the provider we sent the browser to; when the
 * provider declares it always sends one, a missing one is refused too. A provider with no issuer
 * identifier configured cannot have its `iss` checked, so one that arrives anyway is refused.
 */
export function checkIssuerParameter(params: Record<string, string>, issuer: string | undefined, required: boolean): void {
  const iss = params.iss;
  if (iss === undefined) {
    if (required) throw new AppError('idp.issuer_mismatch', 'the provider declares that it sends iss, and the callback carries none');
    return;
  }
  if (issuer === undefined) throw new AppError('idp.issuer_mismatch', 'the callback carries an iss, but no issuer is configured for this provider to check it against');
  if (iss !== issuer) throw new AppError('idp.issuer_mismatch', 'the callback comes from another issuer than this provider');
}

/** An `error` in the callback (the user declined, the provider refused the request). */
export function checkNoUpstreamError(params: Record<string, string>): void {
  if (params.error === undefined) return;
  throw new AppError('idp.upstream_error', 'the identity provider answered the sign-in with an error', {
    details: upstreamDetails(params.error, params.error_description),
  });
}

/** Whatever openid-client threw during the code exchange, in our words. */
export function tokenExchangeFailure(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ResponseBodyError) {
    return new AppError('idp.token_exchange_failed', `the provider's token endpoint refused the code (${error.status})`, {
      details: upstreamDetails(error.error, error.error_description),
    });
  }
  if (error instanceof AuthorizationResponseError) {
    return new AppError('idp.upstream_error', 'the identity provider answered the sign-in with an error', {
      details: upstreamDetails(error.error, error.error_description),
    });
  }
  return new AppError('idp.token_exchange_failed', `the code exchange with the provider failed: ${reasonOf(error)}`);
}

/** A short reason with no response body in it (openid-client puts bodies in `cause`, which we drop). */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown failure';
  // Our own size cap, thrown inside openid-client's fetch, arrives wrapped as its cause.
  if (error.cause instanceof Error && error.cause.name === 'TooLarge') return error.cause.message;
  const code = (error as { code?: unknown }).code;
  const name = error.name === 'TimeoutError' || code === 'OAUTH_TIMEOUT' ? 'no answer in time' : error.message;
  return typeof code === 'string' && !name.includes(code) ? `${name} (${code})` : name;
}
