import * as client from 'openid-client';
import { AppError } from '../errors.ts';
import { checkIssuerParameter, checkNoUpstreamError, checkState, reasonOf, tokenExchangeFailure } from './oauth2-errors.ts';
import { asObject, boundedFetch, mapProfile, readJson, UPSTREAM_TIMEOUT_SECONDS } from './oauth2-profile.ts';
import type { FetchJson, OAuth2Config, OAuth2Context, OAuth2RequestOptions, OAuth2Secrets } from './oauth2-config.ts';
import type { UpstreamAdapter } from './upstream.ts';

/**
 * Kind `oauth2`: a provider that speaks OAuth 2.0 but not OpenID Connect (GitHub, Facebook,
 * Discord, a company's own server). There is no ID token to verify, so the account is whatever the
 * provider's profile endpoint answers for the access token, read through a claim mapping.
 * openid-client does the protocol (authorization URL, state and RFC 9207 checks, PKCE, the code
 * exchange and client authentication) from metadata given explicitly instead of discovered.
 */

function clientAuthentication(config: OAuth2Config, secrets: OAuth2Secrets): client.ClientAuth {
  if (!secrets.clientSecret) throw new AppError('idp.token_exchange_failed', 'this provider has no client secret');
  return config.token_auth === 'client_secret_post' ? client.ClientSecretPost(secrets.clientSecret) : client.ClientSecretBasic(secrets.clientSecret);
}

export function createOAuth2Adapter(config: OAuth2Config, secrets: OAuth2Secrets, ctx: OAuth2Context, options: OAuth2RequestOptions = {}): UpstreamAdapter {
  const usePkce = config.pkce !== false;
  const quirks = options.quirks ?? {};

  const configuration = (): client.Configuration => {
    // openid-client needs an issuer; without a real one, RFC 9207 is checked by checkIssuerParameter alone.
    const metadata: client.ServerMetadata = {
      issuer: config.issuer ?? new URL(config.authorization_url).origin,
      authorization_endpoint: config.authorization_url,
      token_endpoint: config.token_url,
      authorization_response_iss_parameter_supported: config.iss_parameter_required === true,
    };
    // The realm's clock, not the process's, decides what is expired.
    const skew = Math.round((ctx.now() - Date.now()) / 1000);
    const result = new client.Configuration(metadata, config.client_id, { [client.clockSkew]: skew }, clientAuthentication(config, secrets));
    result[client.customFetch] = boundedFetch(ctx.fetch ?? globalThis.fetch, config.token_url) as client.CustomFetch;
    result.timeout = ctx.timeoutSeconds ?? UPSTREAM_TIMEOUT_SECONDS;
    if (ctx.allowInsecure) client.allowInsecureRequests(result);
    return result;
  };

  return {
    async start(input) {
      const parameters: Record<string, string> = { ...options.authorizeParams };
      if (options.prompt) parameters.prompt = options.prompt;
      if (input.loginHint) parameters[quirks.loginHintParameter ?? 'login_hint'] = input.loginHint;
      // Set last: the sign-in's own parameters are never the admin's to replace.
      for (const name of ['code_challenge', 'code_challenge_method', 'scope', 'nonce', 'response_type']) delete parameters[name];
      Object.assign(parameters, { client_id: config.client_id, redirect_uri: input.redirectUri, state: input.state });
      if (options.scopes?.length) parameters.scope = options.scopes.join(' ');
      if (usePkce) {
        parameters.code_challenge = await client.calculatePKCECodeChallenge(input.codeVerifier);
        parameters.code_challenge_method = 'S256';
      }
      return { url: client.buildAuthorizationUrl(configuration(), parameters).href };
    },

    async finish(input) {
      // Ours first so each failure has its own code; openid-client checks the same again.
      checkIssuerParameter(input.params, config.issuer, config.iss_parameter_required === true);
      checkState(input.params, input.expected.state);
      checkNoUpstreamError(input.params);
      if (!input.params.code) throw new AppError('idp.upstream_error', 'the callback carries no authorization code');

      const callback = new URL(input.redirectUri);
      for (const [name, value] of Object.entries(input.params)) callback.searchParams.set(name, value);
      const settings = configuration();
      let accessToken: string;
      try {
        const checks: client.AuthorizationCodeGrantChecks = { expectedState: input.expected.state };
        if (usePkce) checks.pkceCodeVerifier = input.expected.codeVerifier;
        accessToken = (await client.authorizationCodeGrant(settings, callback, checks)).access_token;
      } catch (error) {
        throw tokenExchangeFailure(error);
      }

      const fetchJson: FetchJson = async (url) => {
        let response: Response;
        try {
          response = await client.fetchProtectedResource(settings, accessToken, new URL(url), 'GET', undefined, new Headers({ accept: 'application/json' }));
        } catch (error) {
          throw new AppError('idp.profile_invalid', `the provider's profile endpoint could not be read: ${reasonOf(error)}`);
        }
        return readJson(response, url === config.profile_url ? 'profile' : new URL(url).pathname);
      };
      const mapped = mapProfile(asObject(await fetchJson(config.profile_url), 'profile'), config.claims);
      return quirks.profileFrom ? quirks.profileFrom(mapped, fetchJson, config) : mapped;
    },
  };
}
