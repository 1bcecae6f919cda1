import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { OAuth2Config } from '../../../src/identity-providers/oauth2-config.ts';
import { createOAuth2ProviderAdapter, presetTable } from '../../../src/identity-providers/presets/index.ts';
import { FakeClock } from '../../../src/platform/clock.ts';
import { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, startFakeGitHub, type FakeGitHub } from './fake-github.ts';
import { CALLBACK, signIn, startSignIn } from './sign-in-driver.ts';

/**
 * The GitHub preset exactly as shipped (its https://github.com and https://api.github.com URLs),
 * with the network routed to the local imitation: the e-mail rule is the point — the PRIMARY address,
 * verified only if GitHub verified it.
 */
describe('GitHub preset', () => {
  let github: FakeGitHub;
  const clock = new FakeClock();
  const route = (url: string) => url.replace(/^https:\/\/(api\.)?github\.com/, () => github.baseUrl);
  const routedFetch: typeof fetch = (input, init) => fetch(route(input instanceof Request ? input.url : String(input)), init);

  before(async () => {
    github = await startFakeGitHub();
  });
  after(() => github.close());

  const defaults = presetTable.github.defaults({ client_id: GITHUB_CLIENT_ID });
  const adapter = () =>
    createOAuth2ProviderAdapter('github', defaults.protocol as OAuth2Config, { clientSecret: GITHUB_CLIENT_SECRET }, { fetch: routedFetch, now: () => clock.now() }, { scopes: defaults.scopes });

  it('an account with a verified primary address signs in with it, verified', async () => {
    const profile = await signIn(adapter(), { loginHint: 'octocat', route });
    assert.equal(profile.subject, '583231');
    assert.equal(profile.email, 'octocat@github.example');
    assert.equal(profile.emailVerified, true);
    assert.equal(profile.name, 'The Octocat');
    assert.equal(profile.picture, 'https://avatars.example/u/583231');
  });

  it('an unverified primary address stays unverified, even though a verified secondary exists', async () => {
    const profile = await signIn(adapter(), { loginHint: 'unverified', route });
    assert.equal(profile.subject, '1001');
    assert.equal(profile.email, 'victim@company.example');
    assert.equal(profile.emailVerified, false);
    assert.equal(profile.name, undefined);
  });

  it('an account with no public address gets its primary from the e-mail list', async () => {
    const profile = await signIn(adapter(), { loginHint: 'private', route });
    assert.equal(profile.email, 'private@people.example');
    assert.equal(profile.emailVerified, true);
    assert.equal(profile.raw.email, null, 'raw keeps what /user said');
  });

  it('without the user:email grant the public address is kept, unverified', async () => {
    const profile = await signIn(adapter(), { loginHint: 'noscope', route });
    assert.equal(profile.email, 'public@people.example');
    assert.equal(profile.emailVerified, false);
  });

  it('sends the preset scopes, the login hint as `login` and PKCE, and the secret as the defaults say', async () => {
    const started = await startSignIn(adapter(), { loginHint: 'octocat', route });
    assert.equal(started.url.origin + started.url.pathname, 'https://github.com/login/oauth/authorize');
    assert.equal(started.url.searchParams.get('scope'), 'read:user user:email');
    assert.equal(started.url.searchParams.get('login'), 'octocat');
    assert.equal(started.url.searchParams.get('code_challenge_method'), 'S256');
    await adapter().finish({ redirectUri: CALLBACK, params: started.params, expected: started.expected });
    const token = github.tokenRequests.at(-1) as URLSearchParams;
    assert.ok(token.get('code_verifier'));
    assert.equal(token.get('client_secret'), defaults.protocol.token_auth === 'client_secret_post' ? GITHUB_CLIENT_SECRET : null);
  });

  it('a provider of kind oauth2 without a preset gets no GitHub quirk: the public address, unverified', async () => {
    const plain = createOAuth2ProviderAdapter(null, { ...(defaults.protocol as OAuth2Config), claims: { subject: 'id', email: 'email' } }, { clientSecret: GITHUB_CLIENT_SECRET }, { fetch: routedFetch, now: () => clock.now() }, { scopes: defaults.scopes });
    const profile = await signIn(plain, { route });
    assert.equal(profile.email, 'octocat@github.example');
    assert.equal(profile.emailVerified, false);
    assert.equal(profile.raw.emails, undefined);
  });
});
