import { AppError } from '../errors.ts';
import type { UpstreamProfile } from './upstream.ts';

/**
 * Reading what an OAuth 2.0 provider answers without trusting it: every response is capped in
 * size (a provider, or whoever answers in its name, could stream without end), the profile must be
 * a JSON object, and the fields we need are picked by configured paths.
 */

/** More than any real profile, token response or e-mail list (GitHub's /user is about 1.5 KB). */
export const UPSTREAM_MAX_BYTES = 64 * 1024;
/** How long one call to the provider may take (openid-client's timeout, in seconds). */
export const UPSTREAM_TIMEOUT_SECONDS = 10;

class TooLarge extends Error {
  constructor() {
    super(`the provider answered more than ${UPSTREAM_MAX_BYTES} bytes`);
    this.name = 'TooLarge';
  }
}

/** A body stream that errors (and stops reading) once it has carried more than `maxBytes`. */
function capped(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let seen = 0;
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      seen += value.byteLength;
      if (seen > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return controller.error(new TooLarge());
      }
      controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/**
 * Wraps the fetch openid-client uses: every answer's body is capped, and a token endpoint that
 * answers an OAuth error with status 200 (GitHub does) is given a 400 so openid-client reads it as
 * the error it is rather than as a malformed token response.
 */
export function boundedFetch(inner: typeof fetch, tokenUrl: string): typeof fetch {
  return async (input, init) => {
    const response = await inner(input, init);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > UPSTREAM_MAX_BYTES) {
      await response.body?.cancel();
      throw new TooLarge();
    }
    if (!response.body) return response;
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    const body = capped(response.body, UPSTREAM_MAX_BYTES);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (response.status !== 200 || new URL(url).href !== new URL(tokenUrl).href || !isJson(headers)) {
      return new Response(body, { status: response.status, statusText: response.statusText, headers });
    }
    const text = await new Response(body).text();
    return new Response(text, { status: looksLikeOAuthError(text) ? 400 : 200, headers });
  };
}

function looksLikeOAuthError(text: string): boolean {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) && typeof parsed.error === 'string' && parsed.access_token === undefined;
  } catch {
    return false;
  }
}

function isJson(headers: Headers): boolean {
  const type = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body of a profile-like answer: status 200, JSON, within the cap; anything else is profile_invalid. */
export async function readJson(response: Response, what: string): Promise<unknown> {
  if (response.status !== 200) {
    await response.body?.cancel();
    throw new AppError('idp.profile_invalid', `the provider's ${what} endpoint answered ${response.status}`);
  }
  if (!isJson(response.headers)) {
    await response.body?.cancel();
    throw new AppError('idp.profile_invalid', `the provider's ${what} endpoint did not answer JSON`);
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    const reason = error instanceof TooLarge ? error.message : timedOut ? 'no answer in time' : 'its answer broke off';
    throw new AppError('idp.profile_invalid', `the provider's ${what} endpoint: ${reason}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('idp.profile_invalid', `the provider's ${what} endpoint answered malformed JSON`);
  }
}

export function asObject(value: unknown, what: string): Record<string, unknown> {
  if (!isObject(value)) throw new AppError('idp.profile_invalid', `the provider's ${what} is not a JSON object`);
  return value;
}

/** The value at a dotted path (`picture.data.url`, `emails.0.value`); undefined when any step is missing. */
export function valueAt(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const step of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(step)) current = current[Number(step)];
    else if (isObject(current) && Object.hasOwn(current, step)) current = current[step];
    else return undefined;
  }
  return current;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** Providers say "verified" as true, or (Apple, some OAuth servers) as the string "true". */
export function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Which profile paths give which field. Only `subject` is required. */
export interface ClaimMapping {
  subject: string;
  email?: string;
  email_verified?: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
}

/** The profile through the mapping; a profile with no usable subject is refused (it could not be linked safely). */
export function mapProfile(raw: Record<string, unknown>, claims: ClaimMapping): UpstreamProfile {
  const subject = text(valueAt(raw, claims.subject));
  if (subject === undefined) throw new AppError('idp.profile_invalid', `the provider's profile has no subject at "${claims.subject}"`);
  const pick = (path: string | undefined) => (path === undefined ? undefined : text(valueAt(raw, path)));
  const email = pick(claims.email);
  return {
    subject,
    email,
    emailVerified: email !== undefined && claims.email_verified !== undefined && isTrue(valueAt(raw, claims.email_verified)),
    name: pick(claims.name),
    givenName: pick(claims.given_name),
    familyName: pick(claims.family_name),
    picture: pick(claims.picture),
    raw,
  };
}
