import { errorOf, KeyrealmError, retryAfterOf } from './errors.ts';

/**
 * The one `fetch` every SDK request goes through: the bearer token on, a retry for 429 and 503
 * when the server says when (`Retry-After`, at most `maxRetryWaitSeconds`), one more try after a
 * 401 that refuses the access token when the caller can renew it (neither for a streamed body,
 * which cannot be sent twice), and every other non-2xx thrown as a KeyrealmError. Only
 * web APIs: it runs in Node, Deno, Bun, browsers and edge runtimes alike.
 */
export interface TransportOptions {
  /** The bearer token for a request, if any (called for every attempt, so a renewed one is used). */
  token?: () => string | undefined | Promise<string | undefined>;
  /** After a 401 that refuses the access token: renew it and answer true to try once more. */
  renew?: () => Promise<boolean>;
  fetch?: typeof globalThis.fetch;
  /** Retries of a 429/503 with Retry-After (default 2). */
  maxRetries?: number;
  /** A longer wait than this is not waited for: the error is thrown (default 30). */
  maxRetryWaitSeconds?: number;
  /** For tests: how to wait. */
  sleep?: (ms: number) => Promise<void>;
}

const RETRIABLE = new Set([429, 503]);

/**
 * The codes of a 401 that refuses the bearer access token itself (docs/errors.md): expired, revoked,
 * forged, or of a tenant the session has since moved from. Any other 401 is a refused credential
 * (a password, a code, a refresh token) that a renewed token would not change, and must not be
 * tried twice: a wrong password sent again counted twice towards the lockout (found by review).
 */
const ACCESS_TOKEN_REFUSALS = new Set(['auth.invalid_token', 'auth.tenant_access_ended']);

async function refusesAccessToken(response: Response): Promise<boolean> {
  return response.status === 401 && ACCESS_TOKEN_REFUSALS.has((await errorOf(response)).code);
}

export function createTransport(options: TransportOptions = {}): typeof globalThis.fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxRetries = options.maxRetries ?? 2;
  const maxWait = options.maxRetryWaitSeconds ?? 30;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  /**
   * One try. A body given as a stream (an upload read as it is sent) can be sent only once: the
   * request itself goes, since a clone would tee the stream and keep every chunk for a replay
   * that cannot happen (a whole file held in memory). A Request cannot tell a streamed body from
   * any other, so callers say so: `sendOnce: true` in the call's options (openapi-fetch puts
   * options a Request does not know on the request), or a ReadableStream body given to fetch itself.
   * Such a request also follows no redirect: Node's fetch keeps a copy of a streamed body while
   * it may have to follow one (measured: a 204 MB upload held 275 MB; 89 MB without).
   */
  async function attempt(request: Request, replayable: boolean): Promise<Response> {
    const sent = replayable ? request.clone() : new Request(request, { redirect: 'error' });
    const token = await options.token?.();
    if (token) sent.headers.set('authorization', `Bearer ${token}`);
    try {
      return await baseFetch(sent);
    } catch (cause) {
      throw new KeyrealmError({ status: 0, code: 'sdk.unreachable', message: `${request.method} ${request.url} got no answer`, cause });
    }
  }

  return async (input, init) => {
    const request = new Request(input, init);
    const replayable = !(init?.body instanceof ReadableStream) && (input as { sendOnce?: unknown }).sendOnce !== true;
    let renewed = false;
    for (let retries = 0; ; ) {
      const response = await attempt(request, replayable);
      if (response.ok || (response.status >= 300 && response.status < 400)) return response;
      if (!replayable) throw await errorOf(response);
      if (!renewed && options.renew && (await refusesAccessToken(response)) && (await options.renew())) {
        renewed = true;
        await response.body?.cancel();
        continue;
      }
      const wait = RETRIABLE.has(response.status) ? retryAfterOf(response) : null;
      if (wait !== null && wait <= maxWait && retries < maxRetries) {
        retries++;
        await response.body?.cancel();
        await sleep(wait * 1000);
        continue;
      }
      throw await errorOf(response);
    }
  };
}
