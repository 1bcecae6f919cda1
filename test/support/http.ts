import type { InjectOptions } from 'fastify';
import type { TestServer } from './server.ts';

/** Requests to a test server as API clients send them. */
export const json = { 'content-type': 'application/json' };

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The `error.code` of an error response. */
export const errorCode = (response: { json(): unknown }) => (response.json() as { error: { code: string } }).error.code;

/**
 * Sends a request through `app.inject`. A payload goes as JSON text with its content type (so
 * arrays and odd values arrive exactly as written); without one there is no body at all.
 */
export function send(server: Pick<TestServer, 'app'>, method: InjectOptions['method'], url: string, payload?: unknown, headers: Record<string, string> = {}) {
  if (payload === undefined) return server.app.inject({ method, url, headers });
  return server.app.inject({ method, url, headers: { ...json, ...headers }, payload: JSON.stringify(payload) });
}
