import { lookup as dnsLookup, promises as dns, type LookupAddress } from 'node:dns';
import type { RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress } from './public-address.ts';
import { http } from './node-http.ts';

/**
 * Requests to a URL an operator gave (a webhook endpoint, a breached-password range API) that
 * cannot reach inside our network: the host is resolved here and every address it resolves to must
 * be public (src/platform/public-address.ts) — the connection goes to an address that was checked,
 * so DNS rebinding cannot slip past; redirects are never followed (a 3xx is just the answer); the
 * whole exchange is bounded by a timeout, and at most `maxResponseBytes` of the answer are read.
 */
export interface SafeRequestOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  allowLoopback: boolean;
}

export interface SafePostOptions extends SafeRequestOptions {
  body: string;
}

export interface SafePostAnswer {
  status: number;
  /** The first bytes of the answer's body (at most maxResponseBytes), as text. */
  body: string;
  /** The answer was longer than maxResponseBytes: `body` is only its beginning. */
  truncated: boolean;
}

/**
 * A request we refused to send: the URL leads somewhere it must not. The message never names the
 * address a host resolved to: it reaches the operator who chose the URL (a delivery's last error),
 * and would map our internal names to addresses for them.
 */
export class RefusedDestination extends Error {}

/** The exchange outlasted its timeout (a silent server, or one dripping its answer). */
export class NoAnswerInTime extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function checkedLookup(allowLoopback: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => !isPublicAddress(entry.address, { allowLoopback }));
      if (refused || addresses.length === 0) return callback(new RefusedDestination(`${hostname} resolves to ${refused ? 'an address that is not public' : 'no address'}`), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** Why a URL may not be posted to, checked before any connection; undefined when it may. */
export function refusalOf(url: URL, allowLoopback: boolean): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only https URLs are allowed';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0 && !isPublicAddress(host, { allowLoopback })) return `${host} is not a public address`;
  if (url.username || url.password) return 'a URL with credentials is not allowed';
  return undefined;
}

export function safePost(target: string, options: SafePostOptions): Promise<SafePostAnswer> {
  return exchange('POST', target, options, options.body);
}

export function safeGet(target: string, options: SafeRequestOptions): Promise<SafePostAnswer> {
  return exchange('GET', target, options);
}

function exchange(method: 'GET' | 'POST', target: string, options: SafeRequestOptions, body?: string): Promise<SafePostAnswer> {
  const url = new URL(target);
  const refusal = refusalOf(url, options.allowLoopback);
  if (refusal) return Promise.reject(new RefusedDestination(refusal));
  const send = url.protocol === 'https:' ? httpsRequest : http.request;
  const requestOptions: RequestOptions = {
    method,
    headers: body === undefined ? options.headers : { ...options.headers, 'content-length': String(Buffer.byteLength(body)) },
    lookup: checkedLookup(options.allowLoopback) as RequestOptions['lookup'],
    agent: false,
  };
  return new Promise((resolve, reject) => {
    // The whole exchange, not just each idle gap: a server dripping bytes is stopped at the limit too.
    const timer = setTimeout(() => request.destroy(new NoAnswerInTime(`no answer within ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    const settle = <T>(then: (value: T) => void) => (value: T) => {
      clearTimeout(timer);
      then(value);
    };
    resolve = settle(resolve);
    reject = settle(reject);
    const request = send(url, requestOptions, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), truncated: size > options.maxResponseBytes });
      response.on('data', (chunk: Buffer) => {
        const room = options.maxResponseBytes - size;
        if (room > 0) chunks.push(chunk.subarray(0, room));
        size += chunk.length;
        // Past the bound: the rest of the answer is not ours to wait for.
        if (size > options.maxResponseBytes) {
          done();
          response.destroy();
        }
      });
      response.on('end', done);
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * A fetch for libraries that make their own requests (openid-client, for identity providers): the
 * URL's host is resolved first and refused unless every address is public, with a clear error; the
 * connection then resolves it through the same check (an undici dispatcher whose lookup refuses),
 * so a name that changes its answer in between (DNS rebinding) reaches nothing internal either.
 */
export function publicOnlyFetch(inner: typeof fetch, allowLoopback: boolean): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const refusal = refusalOf(url, allowLoopback);
    if (refusal) throw new RefusedDestination(refusal);
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host) === 0) {
      const addresses = await dns.lookup(host, { all: true, verbatim: true });
      if (addresses.some((entry) => !isPublicAddress(entry.address, { allowLoopback }))) throw new RefusedDestination(`${host} resolves to an address that is not public`);
    }
    return inner(input, { ...init, dispatcher: await checkedDispatcher(allowLoopback) } as RequestInit);
  };
}

const dispatchers = new Map<boolean, Promise<unknown>>();

/** undici is loaded by the first upstream request, not at start: most processes never make one. */
function checkedDispatcher(allowLoopback: boolean): Promise<unknown> {
  let dispatcher = dispatchers.get(allowLoopback);
  if (!dispatcher) {
    dispatcher = import('undici').then(({ Agent }) => new Agent({ connect: { lookup: checkedLookup(allowLoopback) as never } }));
    dispatchers.set(allowLoopback, dispatcher);
  }
  return dispatcher;
}
