/**
 * The console's one way to the server: the public admin API, typed by the OpenAPI document (the
 * SDK's generated types), with the operator's access token on every request. A 401 asks the
 * session for a fresh token once and retries; any other failure throws an ApiError.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../../../packages/sdk/src/generated/openapi.ts';
import { toApiError } from './api-error.ts';

export interface TokenSource {
  /** A valid access token, renewed first when it is about to expire. */
  accessToken(): Promise<string>;
  /** Called once a request was refused with 401 although its token looked valid: renew now. */
  renew(): Promise<string>;
}

export type AdminClient = ReturnType<typeof createAdminClient>;

export function createAdminClient(origin: string, tokens: TokenSource, fetchImpl: typeof fetch = fetch) {
  const bearer: Middleware = {
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${await tokens.accessToken()}`);
      return request;
    },
  };
  // A token ended elsewhere (signed out in another tab, revoked) gets one renewal and one retry.
  const retrying: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await fetchImpl(request.clone());
    if (response.status !== 401) return response;
    const token = await tokens.renew();
    const retry = new Request(request, { headers: new Headers(request.headers) });
    retry.headers.set('authorization', `Bearer ${token}`);
    return fetchImpl(retry);
  };
  const client = createClient<paths>({ baseUrl: origin, fetch: retrying });
  client.use(bearer);
  return client;
}

/**
 * Unwraps an openapi-fetch result: its data, or its error thrown as an ApiError. Network failures
 * (fetch rejecting) become an ApiError with code `network`.
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw toApiError(0, null);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
