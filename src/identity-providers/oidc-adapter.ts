import * as client from 'openid-client';
import { AppError } from '../errors.ts';
import { checkIssuerParameter, checkNoUpstreamError, checkState, reasonOf, tokenExchangeFailure } from './oauth2-errors.ts';
import { boundedFetch, UPSTREAM_TIMEOUT_SECONDS } from './oauth2-profile.ts';
import type { OAuth2Context, OAuth2RequestOptions } from './oauth2-config.ts';
import type { OidcProtocol, Preset } from './presets.ts';
import { oidcClientAuth, oidcQuirksFor, standardOidcProfile } from './presets/index.ts';
import type { UpstreamAdapter, UpstreamProfile } from './upstream.ts';

/**
 * Kind `oidc`: any OpenID Connect provider, and the OIDC presets (Google, Microsoft, Apple,
 * GitLab, LinkedIn, Slack) through their quirks. openid-client does the protocol: discovery at the
 * issuer (it checks the document names that issuer), PKCE S256, state, nonce, RFC 9207 `iss`, the
 * code exchange and the ID token — its signature against the provider's JWKS
 * (enableNonRepudiationChecks), audience, issuer, expiry by the realm's clock, and nonce.
 */

/** openid-client's failures that mean the ID token (or a claim compared against it) is wrong. */
const TOKEN_CHECKS = new Set(['OAUTH_JWT_CLAIM_COMPARISON_FAILED', 'OAUTH_JWT_TIMESTAMP_CHECK_FAILED', 'OAUTH_JWS_SIGNATURE_VERIFICATION_FAILED', 'OAUTH_KEY_SELECTION_FAILED', 'OAUTH_INVALID_RESPONSE', 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED']);

/** Ours for an ID token check, else the shared token-exchange mapping (never a token or a body). */
function finishFailure(error: unknown): AppError {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && TOKEN_CHECKS.has(code) && !(error instanceof AppError)) {
    return new AppError('idp.token_invalid', `the provider's ID token failed a check: ${reasonOf(error)}`);
  }
  return tokenExchangeFailure(error);
}

export interface OidcSecrets {
  /** The client secret, or (Apple) the private key that signs one. */
  secret?: string;
}

export function createOidcAdapter(preset: Preset | null, protocol: OidcProtocol, secrets: OidcSecrets, ctx: OAuth2Context, options: Omit<OAuth2RequestOptions, 'quirks'> = {}): UpstreamAdapter {
  const quirks = oidcQuirksFor(preset);
  const server = quirks ? quirks.discoveryServer(protocol) : protocol.issuer;
  const expectedIssuer = quirks ? quirks.issuerFor(protocol) : protocol.issuer;
  const usePkce = quirks?.pkce !== false;

  /** Discovery each time: the realm's clock decides expiry, and a provider's keys may rotate. */
  async function configuration(): Promise<client.Configuration> {
    const skew = Math.round((ctx.now() - Date.now()) / 1000);
    const auth = oidcClientAuth(preset, protocol, secrets.secret, ctx.now);
    const execute = ctx.allowInsecure ? [client.allowInsecureRequests] : [];
    const inner = ctx.fetch ?? globalThis.fetch;
    try {
      const config = await client.discovery(new URL(server), protocol.client_id, { [client.clockSkew]: skew }, auth, {
        execute,
        timeout: ctx.timeoutSeconds ?? UPSTREAM_TIMEOUT_SECONDS,
        // The discovery document is read within the same bounds as every other upstream answer.
        [client.customFetch]: boundedFetch(inner, server) as client.CustomFetch,
      });
      const tokenUrl = config.serverMetadata().token_endpoint ?? server;
      config[client.customFetch] = boundedFetch(inner, tokenUrl) as client.CustomFetch;
      config.timeout = ctx.timeoutSeconds ?? UPSTREAM_TIMEOUT_SECONDS;
      client.enableNonRepudiationChecks(config);
      return config;
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('idp.upstream_error', `the provider's discovery document could not be read: ${reasonOf(error)}`);
    }
  }

  return {
    async start(input) {
      const config = await configuration();
      const parameters: Record<string, string> = { ...options.authorizeParams };
      if (options.prompt) parameters.prompt = options.prompt;
      if (input.loginHint) parameters.login_hint = input.loginHint;
      if (input.maxAuthAge !== undefined) askForFreshSignIn(parameters, input.maxAuthAge, config.serverMetadata());
      // The sign-in's own parameters are set last: never the admin's to replace.
      Object.assign(parameters, { redirect_uri: input.redirectUri, state: input.state, nonce: input.nonce, response_type: 'code', scope: (options.scopes?.length ? options.scopes : ['openid']).join(' ') });
      if (protocol.response_mode === 'form_post') parameters.response_mode = 'form_post';
      if (usePkce) {
        parameters.code_challenge = await client.calculatePKCECodeChallenge(input.codeVerifier);
        parameters.code_challenge_method = 'S256';
      }
      return { url: client.buildAuthorizationUrl(config, parameters).href };
    },

    async finish(input) {
      // Ours first, so each failure has its own code; openid-client checks them again.
      const config = await configuration();
      const metadata = config.serverMetadata();
      checkIssuerParameter(input.params, metadata.issuer, metadata.authorization_response_iss_parameter_supported === true);
      checkState(input.params, input.expected.state);
      checkNoUpstreamError(input.params);
      if (!input.params.code) throw new AppError('idp.upstream_error', 'the callback carries no authorization code');

      const callback = new URL(input.redirectUri);
      for (const [name, value] of Object.entries(input.params)) callback.searchParams.set(name, value);
      let claims: Record<string, unknown>;
      try {
        const checks: client.AuthorizationCodeGrantChecks = { expectedState: input.expected.state, expectedNonce: input.expected.nonce, idTokenExpected: true };
        if (usePkce) checks.pkceCodeVerifier = input.expected.codeVerifier;
        const tokens = await client.authorizationCodeGrant(config, callback, checks);
        claims = { ...(tokens.claims() ?? {}) };
        // Many providers keep email and names out of the ID token; userinfo (checked to be about
        // the same subject) fills them in, the verified ID token winning where both speak.
        if (metadata.userinfo_endpoint && typeof claims.sub === 'string') {
          const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          claims = withAddressFromOneSource({ ...userinfo, ...claims }, claims.email === undefined ? userinfo : claims);
        }
      } catch (error) {
        throw finishFailure(error);
      }
      checkFreshness(claims, input.expected.authenticatedSince);
      const iss = String(claims.iss);
      if (quirks?.issuerMatches ? !quirks.issuerMatches(iss, claims, protocol) : iss !== expectedIssuer) {
        throw new AppError('idp.issuer_mismatch', 'the ID token comes from another issuer than this provider');
      }
      if (typeof claims.sub !== 'string' || claims.sub === '') throw new AppError('idp.profile_invalid', 'the ID token names no subject');
      const profile: UpstreamProfile = quirks?.profileFrom ? quirks.profileFrom(claims, input.params) : standardOidcProfile(claims);
      return profile;
    },
  };
}

/**
 * The authorization request's parameters for a fresh sign-in: `max_age` (every OpenID Connect
 * provider takes it, and must then put auth_time in the ID token; the admin's own `max_age` where
 * it is stricter) and, for `prompt=login` (0 s), also `prompt=login` where the provider's discovery
 * document lists it (Google, for one, refuses prompt values it does not know). The admin's
 * `prompt=none` goes: the provider could only answer login_required.
 */
function askForFreshSignIn(parameters: Record<string, string>, maxAuthAge: number, metadata: client.ServerMetadata): void {
  const admins = Number(parameters.max_age);
  const stricter = parameters.max_age !== undefined && Number.isSafeInteger(admins) && admins >= 0 && admins < maxAuthAge;
  parameters.max_age = String(stricter ? admins : maxAuthAge);
  const supported = metadata.prompt_values_supported;
  const login = maxAuthAge === 0 && Array.isArray(supported) && supported.includes('login');
  const others = (parameters.prompt ?? '').split(' ').filter((value) => value !== '' && value !== 'none' && value !== 'login');
  const prompt = [...(login ? ['login'] : []), ...others].join(' ');
  if (prompt === '') delete parameters.prompt;
  else parameters.prompt = prompt;
}

/** How far the provider's clock may be ahead of ours when its auth_time is compared. */
const AUTH_TIME_SKEW_MS = 60_000;

/**
 * A fresh sign-in was asked for: an ID token whose auth_time is older than that is refused. A
 * provider that honours `max_age` must send auth_time; one that ignores it (and sends none) cannot
 * be held to it, and its sign-in is as fresh as its own session (docs/identity-providers.md).
 */
function checkFreshness(claims: Record<string, unknown>, authenticatedSince: number | undefined): void {
  if (authenticatedSince === undefined || claims.auth_time === undefined) return;
  if (typeof claims.auth_time !== 'number' || claims.auth_time * 1000 < authenticatedSince - AUTH_TIME_SKEW_MS) {
    throw new AppError('idp.token_invalid', "the provider's ID token shows an authentication older than the fresh sign-in the application asked for");
  }
}

/**
 * An address and whether it is verified come from the same source (the ID token's when it has one,
 * else userinfo's): merged claim by claim, one source's `email` could go with the other's
 * `email_verified`.
 */
function withAddressFromOneSource(claims: Record<string, unknown>, source: Record<string, unknown>): Record<string, unknown> {
  const { email: _email, email_verified: _verified, ...rest } = claims;
  return { ...rest, ...(source.email === undefined ? {} : { email: source.email }), ...(source.email_verified === undefined ? {} : { email_verified: source.email_verified }) };
}
