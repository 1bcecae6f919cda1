/**
 * The operator's sign-in, as the console is a public application of the admin realm: OpenID
 * Connect authorization code with PKCE (oauth4webapi) on the admin realm's hosted pages, for an
 * access token whose audience is the admin API. Tokens live in this object only (never in
 * storage); the refresh token renews them before they expire, and a reload signs in again through
 * the provider's session without a prompt. Only the PKCE verifier and state cross the redirect, in
 * sessionStorage, and are removed as soon as the callback reads them.
 */
import * as oauth from 'oauth4webapi';
import type { ConsoleConfig } from '../config.ts';

const PENDING_KEY = 'keyrealm-console.sign-in';
/** Renew this long before expiry, so no request leaves with a token about to lapse. */
const RENEW_EARLY_MS = 60_000;
/** After a renewal the server could not answer (network, 5xx): try again this soon, while the token lasts. */
const RETRY_RENEWAL_MS = 10_000;

interface Tokens {
  accessToken: string;
  refreshToken: string | undefined;
  idToken: string | undefined;
  expiresAt: number;
}

interface Pending {
  state: string;
  verifier: string;
  nonce: string;
  returnTo: string;
}

export interface BrowserPlace {
  location: Pick<Location, 'href' | 'pathname' | 'search' | 'hash' | 'origin' | 'assign' | 'replace'>;
  history: Pick<History, 'replaceState'>;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  now(): number;
}

export type SessionStart = { kind: 'signed-in' } | { kind: 'signed-out' } | { kind: 'redirecting' } | { kind: 'failed'; message: string };

export function createSession(config: ConsoleConfig, place: BrowserPlace) {
  const issuer = new URL(config.issuer);
  const client: oauth.Client = { client_id: config.clientId };
  const clientAuth = oauth.None();
  const redirectUri = `${config.base}/callback`;
  // Loopback development servers are plain http; oauth4webapi refuses that unless told.
  const insecure = issuer.protocol === 'http:' ? { [oauth.allowInsecureRequests]: true } : {};
  // The admin realm's metadata comes with the page (src/http/pages/console-pages.ts): no discovery request.
  const as: oauth.AuthorizationServer = config.authorizationServer;
  let tokens: Tokens | undefined;
  let renewing: Promise<string> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Set once the page has been sent to sign out: nothing may send it elsewhere after that. */
  let signingOut = false;

  /**
   * Off to the hosted sign-in page; the promise never settles, as the page is leaving. The page
   * that sent the browser there is replaced in history, so Back does not start another sign-in.
   */
  async function redirectToSignIn(returnTo: string): Promise<never> {
    // A request that ends while the page leaves to sign out (its token is gone by then) must not
    // replace that navigation with a sign-in: it waits, as the page does, for the page to go.
    if (signingOut) return new Promise<never>(() => {});
    const pending: Pending = { state: oauth.generateRandomState(), verifier: oauth.generateRandomCodeVerifier(), nonce: oauth.generateRandomNonce(), returnTo };
    place.storage.setItem(PENDING_KEY, JSON.stringify(pending));
    const url = new URL(as.authorization_endpoint as string);
    url.search = new URLSearchParams({
      client_id: config.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid profile email offline_access',
      // OpenID Connect grants offline_access (the refresh token) only with prompt=consent; the
      // console's consent is implicit, so an operator with a session still sees no page.
      prompt: 'consent',
      resource: config.resource,
      code_challenge: await oauth.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    }).toString();
    place.location.replace(url.href);
    return new Promise<never>(() => {});
  }

  function keep(response: oauth.TokenEndpointResponse): string {
    tokens = {
      accessToken: response.access_token,
      refreshToken: response.refresh_token ?? tokens?.refreshToken,
      idToken: response.id_token ?? tokens?.idToken,
      expiresAt: place.now() + (response.expires_in ?? 300) * 1000,
    };
    clearTimeout(timer);
    const lifetime = tokens.expiresAt - place.now();
    // Renewed in the background at four fifths of its life (at least a minute before it ends).
    timer = setTimeout(() => void renew().catch(() => {}), Math.max(5_000, Math.min(lifetime * 0.8, lifetime - RENEW_EARLY_MS)));
    return tokens.accessToken;
  }

  async function completeCallback(): Promise<SessionStart> {
    const raw = place.storage.getItem(PENDING_KEY);
    place.storage.removeItem(PENDING_KEY);
    if (!raw) return { kind: 'failed', message: 'This sign-in was not started here, or was already completed. Sign in again.' };
    const pending = JSON.parse(raw) as Pending;
    try {
      const parameters = oauth.validateAuthResponse(as, client, new URL(place.location.href), pending.state);
      const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, parameters, redirectUri, pending.verifier, {
        additionalParameters: { resource: config.resource },
        ...insecure,
      });
      keep(await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true }));
    } catch (error) {
      return { kind: 'failed', message: describe(error) };
    }
    place.history.replaceState(null, '', pending.returnTo);
    return { kind: 'signed-in' };
  }

  async function refresh(): Promise<string> {
    if (!tokens?.refreshToken) return redirectToSignIn(currentPath());
    try {
      const response = await oauth.refreshTokenGrantRequest(as, client, clientAuth, tokens.refreshToken, { additionalParameters: { resource: config.resource }, ...insecure });
      return keep(await oauth.processRefreshTokenResponse(as, client, response));
    } catch (error) {
      if (grantEnded(error)) {
        // Signed out elsewhere, revoked, expired: sign in again, then come back here.
        tokens = undefined;
        return redirectToSignIn(currentPath());
      }
      // The server did not answer (the network dropped, a restart): the page stays, with what the
      // operator was typing; the token serves while it lasts and renewal is tried again soon.
      clearTimeout(timer);
      timer = setTimeout(() => void renew().catch(() => {}), RETRY_RENEWAL_MS);
      if (tokens && tokens.expiresAt > place.now()) return tokens.accessToken;
      throw error;
    }
  }

  function renew(): Promise<string> {
    renewing ??= refresh().finally(() => (renewing = undefined));
    return renewing;
  }

  function currentPath(): string {
    return `${place.location.pathname}${place.location.search}${place.location.hash}`;
  }

  return {
    /** Finishes a callback, notices a sign-out, or sends the browser to sign in. */
    async start(): Promise<SessionStart> {
      const path = place.location.pathname;
      if (path === new URL(redirectUri).pathname) return completeCallback();
      if (path === new URL(`${config.base}/signed-out`).pathname) return { kind: 'signed-out' };
      await redirectToSignIn(currentPath());
      return { kind: 'redirecting' };
    },

    signIn: () => redirectToSignIn(`${new URL(config.base).pathname}/`),

    async accessToken(): Promise<string> {
      if (!tokens) return redirectToSignIn(currentPath());
      if (tokens.expiresAt - place.now() < RENEW_EARLY_MS / 2) return renew();
      return tokens.accessToken;
    },

    renew,

    /** RP-initiated logout: the provider ends the operator's realm session, then comes back to the signed-out page. */
    async signOut(): Promise<void> {
      signingOut = true;
      clearTimeout(timer);
      const url = new URL(as.end_session_endpoint as string);
      url.search = new URLSearchParams({
        client_id: config.clientId,
        post_logout_redirect_uri: `${config.base}/signed-out`,
        ...(tokens?.idToken ? { id_token_hint: tokens.idToken } : {}),
      }).toString();
      tokens = undefined;
      place.location.assign(url.href);
    },
  };
}

export type Session = ReturnType<typeof createSession>;

/** The token endpoint itself refused the refresh token (400/401 with an OAuth error), as opposed to not answering. */
function grantEnded(error: unknown): boolean {
  return error instanceof oauth.ResponseBodyError && (error.status === 400 || error.status === 401);
}

function describe(error: unknown): string {
  if (error instanceof oauth.AuthorizationResponseError) return `${error.error}: ${error.error_description ?? 'the sign-in was refused'}`;
  if (error instanceof oauth.ResponseBodyError) return `${error.error}: ${error.error_description ?? 'the token request was refused'}`;
  return error instanceof Error ? error.message : 'The sign-in could not be completed.';
}
