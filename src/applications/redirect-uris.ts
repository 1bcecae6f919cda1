import type { ApplicationKind } from '../contracts.ts';

/**
 * Redirect URIs are matched by exact string equality (RFC 9700 §4.1.3), so what is registered
 * must already be exactly what a client will send: absolute, no wildcard, no userinfo, no
 * fragment, https (http only on loopback), and, for native apps, private-use schemes
 * (RFC 8252 §7.1). URIs are stored verbatim: no normalisation, no case folding.
 * Each check answers why a URI is refused, or undefined when it is acceptable.
 */

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Schemes that run or embed content rather than return to an application. */
const DANGEROUS_SCHEMES = new Set(['javascript', 'data', 'file', 'vbscript', 'blob', 'about', 'filesystem']);
const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
// Spaces and control characters: URL parsers strip or re-encode them, so the stored text would not be what matches.
const UNSAFE_CHARACTER = /[\u0000-\u0020\u007f-\u009f]/;
// Anything a URI cannot hold (RFC 3986 §2): non-ASCII, backslashes, quotes, angle brackets… URL parsers
// re-encode or rewrite those too (`\` becomes `/`), so a registered return URI may hold none of them.
const NOT_URI_CHARACTER = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/** The authority as written (between `//` and the path), to see userinfo the URL parser would drop. */
function writtenAuthority(uri: string, scheme: string): string | undefined {
  const rest = uri.slice(scheme.length + 1);
  if (!rest.startsWith('//')) return undefined;
  const end = rest.slice(2).search(/[/?#]/);
  return end === -1 ? rest.slice(2) : rest.slice(2, 2 + end);
}

/** The host as written in an authority without userinfo: no port, not decoded or normalised. */
function writtenHost(authority: string): string {
  return authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0]!;
}

function webUriProblem(uri: string, scheme: string): string | undefined {
  const authority = writtenAuthority(uri, scheme);
  if (authority === undefined || authority === '') return 'must be an absolute URI with a host';
  if (authority.includes('@')) return 'must not contain userinfo';
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'is not a valid URI';
  }
  // The host as written, not only as parsed: the parser also takes `127.1`, `0x7f.0.0.1`, `2130706433`,
  // `%6c%6fcalhost` or `[0::1]` for loopback, spellings that are not what the rule (and RFC 8252 §7.3) names.
  if (scheme === 'http' && !(isLoopbackHost(url.hostname) && isLoopbackHost(writtenHost(authority).toLowerCase()))) {
    return 'may use http only for localhost, 127.0.0.1 or [::1]';
  }
  return undefined;
}

/** Why a return URI of an application of this kind is refused, or undefined. */
export function redirectUriProblem(uri: string, kind: ApplicationKind, maxLength: number): string | undefined {
  if (uri.length === 0 || uri.length > maxLength) return `must be 1 to ${maxLength} characters`;
  if (UNSAFE_CHARACTER.test(uri)) return 'must not contain spaces or control characters';
  if (NOT_URI_CHARACTER.test(uri)) return 'must hold only characters a URI may hold (ASCII; no \\ " < > ^ ` { | }): percent-encode the others';
  if (uri.includes('*')) return 'must not contain a wildcard';
  if (uri.includes('#')) return 'must not contain a fragment';
  const match = SCHEME.exec(uri);
  if (!match) return 'must be an absolute URI';
  const scheme = match[1]!.toLowerCase();
  if (DANGEROUS_SCHEMES.has(scheme)) return `must not use the ${scheme}: scheme`;
  if (scheme === 'https' || scheme === 'http') return webUriProblem(uri, scheme);
  if (kind !== 'native') return 'must use https (or http on loopback)';
  // RFC 8252 §7.1: a private-use scheme is a reverse domain name the app controls (`com.example.app:/cb`).
  if (!scheme.includes('.')) return 'must use https, http on loopback, or a reverse-domain private-use scheme (com.example.app:/callback)';
  if (uri.length === match[0].length) return 'must have a path after the scheme';
  if (writtenAuthority(uri, scheme)?.includes('@')) return 'must not contain userinfo';
  try {
    new URL(uri);
  } catch {
    return 'is not a valid URI';
  }
  return undefined;
}

/** Why an https URL (a logo, a JWKS URI) is refused, or undefined; `loopbackHttp` also allows http on loopback. */
export function httpsUrlProblem(value: string, maxLength: number, loopbackHttp = false): string | undefined {
  if (value.length === 0 || value.length > maxLength) return `must be 1 to ${maxLength} characters`;
  if (UNSAFE_CHARACTER.test(value)) return 'must not contain spaces or control characters';
  if (value.includes('#')) return 'must not contain a fragment';
  const scheme = SCHEME.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'https' && !(loopbackHttp && scheme === 'http')) return loopbackHttp ? 'must be an https URL (http only on loopback)' : 'must be an https URL';
  return webUriProblem(value, scheme);
}

/**
 * An origin as a Content-Security-Policy source: URL parsers accept hosts with `;`, `,`, `'` or `*`,
 * which in the header would end the directive or widen it.
 */
const CSP_ORIGIN = /^https?:\/\/([a-z0-9-]+(\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?$/;

/** Whether an origin may go into `frame-ancestors` as it is: checked when saved, and again when a page is sent. */
export const isCspOrigin = (value: string): boolean => CSP_ORIGIN.test(value);

/**
 * Why an origin allowed to frame the pages (a realm's `frame_ancestors`, an application's
 * `frame_origins`) is refused, or undefined: an origin as below, and a plain host, no wildcard.
 */
export function frameOriginProblem(value: string): string | undefined {
  return originProblem(value) ?? (isCspOrigin(value) ? undefined : 'must be an exact origin: a host of letters, digits, dots and hyphens, no wildcard');
}

/** Why an origin (`https://host[:port]`, exactly as a browser sends it) is refused, or undefined. */
export function originProblem(value: string): string | undefined {
  const problem = httpsUrlProblem(value, 2000, true);
  if (problem) return problem;
  return new URL(value).origin === value ? undefined : 'must be an origin exactly as browsers send it (scheme://host[:port], lower case, no path or trailing slash)';
}
