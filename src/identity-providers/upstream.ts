/**
 * The contract every upstream protocol meets (OpenID Connect and OAuth 2.0 through openid-client,
 * the social presets, SAML 2.0 through node-saml), so the sign-in use-case (start, callback,
 * just-in-time accounts, linking) never knows which protocol it talks to.
 *
 * A sign-in is two calls. `start` makes the URL the browser is sent to, from secrets the caller
 * made and keeps bound to that browser (state, nonce, PKCE verifier). `finish` takes what came back
 * to the callback (query or form_post body), checks it against those same secrets and answers the
 * upstream account as a profile. Every check an attacker could slip past (state, `iss` per RFC 9207,
 * ID token signature/audience/expiry/nonce, SAML signature/audience/recipient/InResponseTo/time,
 * replay) belongs to `finish`: a failure throws AppError with an `idp.*` code, never a profile.
 */
export interface UpstreamStartInput {
  /** The realm's callback for this provider, exactly as registered upstream. */
  redirectUri: string;
  /** Random, single-use, bound to the browser; comes back unchanged (OAuth `state`, SAML `RelayState`). */
  state: string;
  /** Random; bound into the ID token (OIDC) — ignored by protocols without one. */
  nonce: string;
  /** PKCE verifier (RFC 7636); the adapter sends its S256 challenge where the protocol has PKCE. */
  codeVerifier: string;
  loginHint?: string;
  /**
   * The application asked for a fresh sign-in (`prompt=login`: 0; `max_age`): the provider is asked
   * to authenticate the user again unless it did within this many seconds. OpenID Connect sends
   * `max_age` (and `prompt=login` where the provider lists it), SAML `ForceAuthn`; plain OAuth 2.0
   * has no way to ask, so its sign-in is as fresh as the provider's own session.
   */
  maxAuthAge?: number;
}

export interface UpstreamStart {
  /** Where to send the browser. */
  url: string;
  /** SAML: the AuthnRequest id, to be handed back to `finish` as `requestId` (InResponseTo). */
  requestId?: string;
}

export interface UpstreamFinishInput {
  redirectUri: string;
  /** Every parameter that came back: the callback's query, or its form body for form_post/SAML POST. */
  params: Record<string, string>;
  /**
   * What `start` was given and answered, read back from the browser-bound flow. `authenticatedSince`
   * (ms): a fresh sign-in was asked for, and the provider's authentication may be no older.
   */
  expected: { state: string; nonce: string; codeVerifier: string; requestId?: string; authenticatedSince?: number };
}

/** The upstream account, in our words. Claims we do not map stay in `raw` for attribute mapping. */
export interface UpstreamProfile {
  /** Stable id of the account at the provider (OIDC `sub`, GitHub's numeric id, SAML NameID). */
  subject: string;
  email?: string;
  /** True only when the provider says it verified the address (and the realm trusts it to). */
  emailVerified: boolean;
  name?: string;
  givenName?: string;
  familyName?: string;
  picture?: string;
  /** Authentication methods the provider reports (OIDC `amr`, SAML AuthnContextClassRef). */
  amr?: string[];
  /** Every claim or attribute as received (never tokens): the source of attribute mapping. */
  raw: Record<string, unknown>;
}

export interface UpstreamAdapter {
  start(input: UpstreamStartInput): Promise<UpstreamStart>;
  finish(input: UpstreamFinishInput): Promise<UpstreamProfile>;
}
