import * as client from 'openid-client';
import type { UpstreamAdapter, UpstreamFinishInput, UpstreamProfile } from '../../../src/identity-providers/upstream.ts';

/** The realm's callback for a provider, as the docs tell admins to register it. */
export const CALLBACK = 'https://id.example/realms/r-shop/auth/idp/github/callback';

export interface Started {
  url: URL;
  expected: UpstreamFinishInput['expected'];
  /** The callback's parameters after the upstream's authorize endpoint redirected back. */
  params: Record<string, string>;
}

/**
 * Plays the browser: asks the adapter where to go, follows the upstream's authorize endpoint
 * (which answers at once, as a signed-in user who consents would) and reads the callback it redirects to.
 * `route` turns a provider URL into the fake server's (identity when the adapter is configured with it).
 */
export async function startSignIn(adapter: UpstreamAdapter, options: { loginHint?: string; route?: (url: string) => string } = {}): Promise<Started> {
  const expected = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  const { url } = await adapter.start({ redirectUri: CALLBACK, ...expected, loginHint: options.loginHint });
  const response = await fetch((options.route ?? ((value) => value))(url), { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`the authorize endpoint answered ${response.status}`);
  return { url: new URL(url), expected, params: Object.fromEntries(new URL(location).searchParams) };
}

export async function signIn(adapter: UpstreamAdapter, options: { loginHint?: string; route?: (url: string) => string } = {}): Promise<UpstreamProfile> {
  const { expected, params } = await startSignIn(adapter, options);
  return adapter.finish({ redirectUri: CALLBACK, params, expected });
}
