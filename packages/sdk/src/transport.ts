import { errorOf, KeyrealmError, retryAfterOf } from './errors.ts';

/**
 * The one `fetch` every SDK request goes through: the bearer token on, a retry for 429 and 503
 * when the server says when (`Retry-After`, at most `maxRetryWaitSeconds`), one more try after a
 * 401 when the caller can renew its token, and every other non-2xx thrown as a KeyrealmError. Only
 * web APIs: it runs in Node, Deno, Bun, browsers and edge runtimes alike.
 */
export interface TransportOptions {
  /** The bearer token for a request, if any (called for every attempt, so a renewed one is used). */
  token?: () => string | undefined | Promise<string | undefined>;
  /** After a 401: renew the token and answer true to try once more. */
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

export function createTransport(options: TransportOptions = {}): typeof globalThis.fetch {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxRetries = options.maxRetries ?? 2;
  const maxWait = options.maxRetryWaitSeconds ?? 30;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  async function attempt(request: Request): Promise<Response> {
    const sent = request.clone();
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
    let renewed = false;
    for (let retries = 0; ; ) {
      const response = await attempt(request);
      if (response.ok || (response.status >= 300 && response.status < 400)) return response;
      if (response.status === 401 && !renewed && options.renew && (await options.renew())) {
        renewed = true;
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
