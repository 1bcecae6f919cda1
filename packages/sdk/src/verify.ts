import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { KeyrealmError } from './errors.ts';

/**
 * Access-token verification for resource servers: the signature against the realm's published
 * keys (fetched once and cached for ten minutes; an unknown `kid` — a key rotated in — fetches
 * them again, at most once a second, so forged kids cannot make it fetch more), `typ` at+jwt, `iss` the realm's issuer, `aud`, `exp`/`nbf`. With `online`, the realm's
 * validate endpoint is asked too, so a token revoked before its expiry (a sign-out, a locked user)
 * is refused at once, at the cost of a request.
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
  let keys = keySets.get(issuer);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), { cooldownDuration: 1_000, cacheMaxAge: 10 * 60_000 });
    keySets.set(issuer, keys);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, { issuer, audience: options.audience ?? options.realm, typ: 'at+jwt', clockTolerance: options.clockToleranceSeconds ?? 0, requiredClaims: ['sub', 'exp'] }));
  } catch (error) {
    if (error instanceof errors.JOSEError) throw refused(error instanceof errors.JWTExpired ? 'The access token has expired.' : 'The access token is invalid.', error);
    throw error;
  }
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
