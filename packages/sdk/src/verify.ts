import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { KeyrealmError } from './errors.ts';

/**
 * Access-token verification for resource servers: the signature against the realm's published
 * keys (fetched once and cached for ten minutes; an unknown `kid` — a key rotated in — fetches
 * them again, at most once a second, so forged kids cannot make it fetch more), `typ` at+jwt, `iss` the realm's issuer, `aud`, `exp`/`nbf`. With `online`, the realm's
 * validate endpoint is asked too, so a token revoked before its expiry (a sign-out, a locked user)
 * is refused at once, at the cost of a request.
 *
 * Offline, two kinds of token are refused, though the realm issued them: an HS256 realm's (its key
 * is a secret, not published) and one without `exp` (an unmanaged realm's whose tokens never
 * expire, `unmanaged_token_minutes` 0). With `online`, the validate endpoint decides for them: an
 * HS256 token's signature and expiry are the realm's to check (the issuer, audience and `typ` are
 * still checked here), and a token without `exp` is not refused for it.
 */
export interface VerifyOptions {
  /** Where Keyrealm answers, e.g. `https://id.example.com`. */
  baseUrl: string;
  /** The realm's id (`rl_…`): its issuer is `{baseUrl}/realms/{id}`. */
  realm: string;
  /** What `aud` must hold: the realm's own tokens name the realm id (the default), an application's may name its API. */
  audience?: string | string[];
  /** Also ask the realm whether the token still stands (revocation). */
  online?: boolean;
  clockToleranceSeconds?: number;
  fetch?: typeof globalThis.fetch;
}

export interface Principal {
  /** The user (or, for a client-credentials token, the application's client id). */
  subject: string;
  realm: string;
  tenant: string | null;
  roles: string[];
  permissions: string[];
  /** Authentication methods (RFC 8176) and assurance level, when the token says. */
  amr: string[];
  acr: string | null;
  claims: JWTPayload & Record<string, unknown>;
}

const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

const refused = (message: string, cause?: unknown) => new KeyrealmError({ status: 401, code: 'auth.invalid_token', message, cause });

export async function verifyAccessToken(token: string, options: VerifyOptions): Promise<Principal> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const issuer = `${base}/realms/${options.realm}`;
  const audience = options.audience ?? options.realm;
  const payload = options.online && algorithmOf(token) === 'HS256' ? unsignedClaims(token, issuer, audience) : await verifiedClaims(token, issuer, audience, options);
  if (options.online) {
    const answer = await (options.fetch ?? globalThis.fetch)(`${issuer}/auth/validate`, { headers: { authorization: `Bearer ${token}` } });
    if (answer.status === 401) throw refused('The access token has been revoked.');
    if (!answer.ok) throw new KeyrealmError({ status: 503, code: 'sdk.validate_unavailable', message: `The realm's validate endpoint answered ${answer.status}.` });
  }
  const claims = payload as Principal['claims'];
  return {
    subject: String(payload.sub),
    realm: options.realm,
    tenant: typeof claims.tenant === 'string' ? claims.tenant : null,
    roles: strings(claims.roles),
    permissions: strings(claims.permissions),
    amr: strings(claims.amr),
    acr: typeof claims.acr === 'string' ? claims.acr : null,
    claims,
  };
}

/** The signature against the realm's published keys, and every claim; `exp` may be absent only when the validate endpoint is asked. */
async function verifiedClaims(token: string, issuer: string, audience: string | string[], options: VerifyOptions): Promise<JWTPayload> {
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), { cooldownDuration: 1_000, cacheMaxAge: 10 * 60_000 });
    keySets.set(issuer, keys);
  }
  try {
    const required = options.online ? ['sub'] : ['sub', 'exp'];
    return (await jwtVerify(token, keys, { issuer, audience, typ: 'at+jwt', clockTolerance: options.clockToleranceSeconds ?? 0, requiredClaims: required })).payload;
  } catch (error) {
    if (error instanceof errors.JOSEError) throw refused(error instanceof errors.JWTExpired ? 'The access token has expired.' : 'The access token is invalid.', error);
    throw error;
  }
}

function algorithmOf(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

/**
 * An HS256 token's claims, read without its signature (the realm's secret is not published): only
 * for `online`, where the validate endpoint checks the signature and expiry. What is not the
 * realm's to know — that the token is for this issuer and audience, an access token — is checked here.
 */
function unsignedClaims(token: string, issuer: string, audience: string | string[]): JWTPayload {
  let payload: JWTPayload;
  try {
    payload = decodeJwt(token);
  } catch (error) {
    throw refused('The access token is invalid.', error);
  }
  const audiences = [payload.aud ?? []].flat();
  const forUs = [audience].flat().some((wanted) => audiences.includes(wanted));
  if (decodeProtectedHeader(token).typ !== 'at+jwt' || payload.iss !== issuer || !forUs || typeof payload.sub !== 'string') throw refused('The access token is invalid.');
  return payload;
}
