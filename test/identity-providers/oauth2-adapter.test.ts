import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AppError } from '../../src/errors.ts';
import { Ajv } from 'ajv';
import { createOAuth2Adapter } from '../../src/identity-providers/oauth2-adapter.ts';
import { oauth2ConfigSchema, type OAuth2Config, type OAuth2RequestOptions } from '../../src/identity-providers/oauth2-config.ts';
import type { OAuth2Protocol } from '../../src/identity-providers/presets.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import { GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, startFakeGitHub, type FakeGitHub } from './presets/fake-github.ts';
import { CALLBACK, signIn, startSignIn } from './presets/sign-in-driver.ts';

/** Kind `oauth2` against a local server imitating GitHub, configured by hand as an admin would. */
describe('oauth2 adapter', () => {
  let github: FakeGitHub;
  const clock = new FakeClock();
  const ctx = { now: () => clock.now(), allowInsecure: true };

  before(async () => {
    github = await startFakeGitHub();
  });
  after(() => github.close());

  const configOf = (overrides: Partial<OAuth2Config> = {}): OAuth2Config => ({
    authorization_url: `${github.baseUrl}/login/oauth/authorize`,
    token_url: `${github.baseUrl}/login/oauth/access_token`,
    profile_url: `${github.baseUrl}/user`,
    client_id: GITHUB_CLIENT_ID,
    claims: { subject: 'id', email: 'email', name: 'name', picture: 'avatar_url' },
    ...overrides,
  });
  // The provider's sign-in rules, as the admin API stores them; the imitation picks the account by `login`.
  const rules: OAuth2RequestOptions = { scopes: ['read:user', 'user:email'], quirks: { loginHintParameter: 'login' } };
  const adapterOf = (overrides: Partial<OAuth2Config> = {}, secret = GITHUB_CLIENT_SECRET, options: OAuth2RequestOptions = rules) =>
    createOAuth2Adapter(configOf(overrides), { clientSecret: secret }, ctx, options);

  /** The AppError a rejected promise carries, asserted to have `code`. */
  async function refusal(promise: Promise<unknown>, code: string): Promise<AppError> {
    const error = await promise.then(
      () => assert.fail(`expected ${code}`),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    return error;
  }

  it('starts with client, redirect, scopes, state and an S256 PKCE challenge, then signs in through the profile endpoint', async () => {
    const adapter = adapterOf();
    const started = await startSignIn(adapter, { loginHint: 'octocat' });
    const query = started.url.searchParams;
    assert.equal(`${started.url.origin}${started.url.pathname}`, `${github.baseUrl}/login/oauth/authorize`);
    assert.equal(query.get('client_id'), GITHUB_CLIENT_ID);
    assert.equal(query.get('redirect_uri'), CALLBACK);
    assert.equal(query.get('response_type'), 'code');
    assert.equal(query.get('scope'), 'read:user user:email');
    assert.equal(query.get('state'), started.expected.state);
    assert.equal(query.get('code_challenge_method'), 'S256');
    assert.ok(query.get('code_challenge'));
    assert.equal(query.get('login'), 'octocat');
    assert.equal(query.get('nonce'), null);

    const profile = await adapter.finish({ redirectUri: CALLBACK, params: started.params, expected: started.expected });
    assert.deepEqual(
      { subject: profile.subject, email: profile.email, emailVerified: profile.emailVerified, name: profile.name, picture: profile.picture },
      { subject: '583231', email: 'octocat@github.example', emailVerified: false, name: 'The Octocat', picture: 'https://avatars.example/u/583231' },
    );
    assert.equal(profile.raw.login, 'octocat');
    const token = github.tokenRequests.at(-1) as URLSearchParams;
    assert.equal(token.get('code_verifier'), started.expected.codeVerifier);
    assert.equal(token.get('redirect_uri'), CALLBACK);
    assert.equal(token.get('client_secret'), null, 'client_secret_basic keeps the secret out of the body');
  });

  it('client_secret_post sends the secret in the body; an emailVerified path is honoured only when true', async () => {
    const profile = await signIn(adapterOf({ token_auth: 'client_secret_post', claims: { subject: 'id', email: 'email', email_verified: 'login' } }), { loginHint: 'octocat' });
    assert.equal((github.tokenRequests.at(-1) as URLSearchParams).get('client_secret'), GITHUB_CLIENT_SECRET);
    assert.equal(profile.emailVerified, false, '"octocat" is not true');
  });

  it('without PKCE no challenge is sent and no verifier either', async () => {
    const started = await startSignIn(adapterOf({ pkce: false }));
    assert.equal(started.url.searchParams.get('code_challenge'), null);
    await adapterOf({ pkce: false }).finish({ redirectUri: CALLBACK, params: started.params, expected: started.expected });
    assert.equal((github.tokenRequests.at(-1) as URLSearchParams).get('code_verifier'), null);
  });

  it('refuses a callback whose state is not this sign-in\'s, or has none, before any token request', async () => {
    const adapter = adapterOf();
    const started = await startSignIn(adapter);
    const requests = github.tokenRequests.length;
    await refusal(adapter.finish({ redirectUri: CALLBACK, params: { ...started.params, state: 'forged' }, expected: started.expected }), 'idp.state_mismatch');
    const { state: _dropped, ...stateless } = started.params;
    await refusal(adapter.finish({ redirectUri: CALLBACK, params: stateless, expected: started.expected }), 'idp.state_mismatch');
    assert.equal(github.tokenRequests.length, requests);
    // The genuine callback still works: the refusals spent nothing.
    assert.equal((await adapter.finish({ redirectUri: CALLBACK, params: started.params, expected: started.expected })).subject, '583231');
  });

  it("an upstream error (the user declined) is idp.upstream_error carrying the provider's error, but only with the right state", async () => {
    const adapter = adapterOf();
    const started = await startSignIn(adapter, { loginHint: 'denies' });
    const error = await refusal(adapter.finish({ redirectUri: CALLBACK, params: started.params, expected: started.expected }), 'idp.upstream_error');
    assert.deepEqual(error.details, [
      { field: 'error', issue: 'access_denied' },
      { field: 'error_description', issue: 'The user has denied your application access.' },
    ]);
    await refusal(adapter.finish({ redirectUri: CALLBACK, params: { ...started.params, state: 'other' }, expected: started.expected }), 'idp.state_mismatch');
  });

  it('control characters in the upstream error are neutralised and long text is cut', async () => {
    const adapter = adapterOf();
    const started = await startSignIn(adapter);
    const params = { state: started.params.state, error: 'server_error\n{"level":60}', error_description: 'x'.repeat(1000) };
    const error = await refusal(adapter.finish({ redirectUri: CALLBACK, params, expected: started.expected }), 'idp.upstream_error');
    assert.equal(error.details[0].issue, 'server_error {"level":60}');
    assert.equal(error.details[1].issue, `${'x'.repeat(200)}…`);
  });

  it('token endpoint errors (answered with status 200, as GitHub does) are idp.token_exchange_failed with the upstream error', async () => {
    const wrongSecret = adapterOf({}, 'not-the-secret');
    const started = await startSignIn(wrongSecret);
    const error = await refusal(wrongSecret.finish({ redirectUri: CALLBACK, params: started.params, expected: started.expected }), 'idp.token_exchange_failed');
    assert.deepEqual(error.details[0], { field: 'error', issue: 'incorrect_client_credentials' });

    const adapter = adapterOf();
    const again = await startSignIn(adapter);
    await adapter.finish({ redirectUri: CALLBACK, params: again.params, expected: again.expected });
    const replay = await refusal(adapter.finish({ redirectUri: CALLBACK, params: again.params, expected: again.expected }), 'idp.token_exchange_failed');
    assert.deepEqual(replay.details[0], { field: 'error', issue: 'bad_verification_code' });

    const third = await startSignIn(adapter);
    const wrongVerifier = { ...third.expected, codeVerifier: 'a'.repeat(43) };
    const pkce = await refusal(adapter.finish({ redirectUri: CALLBACK, params: third.params, expected: wrongVerifier }), 'idp.token_exchange_failed');
    assert.deepEqual(pkce.details[0], { field: 'error', issue: 'invalid_grant' });
  });

  it('a token response without an access token, or far too large, is idp.token_exchange_failed', async () => {
    const adapter = adapterOf();
    const tokenless = await startSignIn(adapter, { loginHint: 'tokenless' });
    await refusal(adapter.finish({ redirectUri: CALLBACK, params: tokenless.params, expected: tokenless.expected }), 'idp.token_exchange_failed');
    const huge = await startSignIn(adapter, { loginHint: 'hugetoken' });
    const error = await refusal(adapter.finish({ redirectUri: CALLBACK, params: huge.params, expected: huge.expected }), 'idp.token_exchange_failed');
    assert.match(error.message, /more than 65536 bytes/);
  });

  it('a callback without a code is refused', async () => {
    const adapter = adapterOf();
    const started = await startSignIn(adapter);
    await refusal(adapter.finish({ redirectUri: CALLBACK, params: { state: started.params.state }, expected: started.expected }), 'idp.upstream_error');
  });

  it('a profile over 64 KB, not JSON, malformed, or without a subject is idp.profile_invalid', async () => {
    const reasons = { huge: /more than 65536 bytes/, hugedeclared: /more than 65536 bytes/, html: /did not answer JSON/, broken: /malformed JSON/ };
    for (const [login, reason] of Object.entries(reasons)) {
      const error = await refusal(signIn(adapterOf(), { loginHint: login }), 'idp.profile_invalid');
      assert.match(error.message, reason, login);
      assert.doesNotMatch(JSON.stringify({ message: error.message, details: error.details }), /gho_/, 'never the access token');
    }
    await refusal(signIn(adapterOf({ claims: { subject: 'uuid' } }), { loginHint: 'octocat' }), 'idp.profile_invalid');
  });

  it('a profile endpoint that stops answering is idp.profile_invalid once the timeout passes', async () => {
    const impatient = createOAuth2Adapter(configOf(), { clientSecret: GITHUB_CLIENT_SECRET }, { ...ctx, timeoutSeconds: 0.3 }, rules);
    const began = Date.now();
    const error = await refusal(signIn(impatient, { loginHint: 'slow' }), 'idp.profile_invalid');
    assert.ok(Date.now() - began < 5000, 'gave up in time');
    assert.match(error.message, /no answer in time/);
  });

  it('RFC 9207: an iss naming another issuer is refused; a required one must be there; a configured one that matches passes', async () => {
    const issuer = `${github.baseUrl}/`;
    const declared = adapterOf({ issuer, iss_parameter_required: true });
    const started = await startSignIn(declared);
    const finish = (params: Record<string, string>) => declared.finish({ redirectUri: CALLBACK, params, expected: started.expected });
    await refusal(finish({ ...started.params, iss: 'https://attacker.example/' }), 'idp.issuer_mismatch');
    await refusal(finish(started.params), 'idp.issuer_mismatch');
    assert.equal((await finish({ ...started.params, iss: issuer })).subject, '583231');

    // No issuer configured: an iss that arrives cannot be checked, so it is refused rather than ignored.
    const plain = adapterOf();
    const second = await startSignIn(plain);
    await refusal(plain.finish({ redirectUri: CALLBACK, params: { ...second.params, iss: issuer }, expected: second.expected }), 'idp.issuer_mismatch');
  });

  it('extra authorize parameters and prompt go along, but never replace the ones the sign-in sets', async () => {
    const authorizeParams = { allow_signup: 'false', state: 'fixed', redirect_uri: 'https://attacker.example/', code_challenge: 'weak', scope: 'repo', client_id: 'other' };
    const started = await startSignIn(adapterOf({}, GITHUB_CLIENT_SECRET, { ...rules, prompt: 'select_account', authorizeParams }));
    const query = started.url.searchParams;
    assert.equal(query.get('allow_signup'), 'false');
    assert.equal(query.get('prompt'), 'select_account');
    assert.deepEqual(
      ['state', 'redirect_uri', 'scope', 'client_id'].map((name) => query.getAll(name)),
      [[started.expected.state], [CALLBACK], ['read:user user:email'], [GITHUB_CLIENT_ID]],
    );
    assert.notEqual(query.get('code_challenge'), 'weak');
    assert.equal(query.getAll('code_challenge').length, 1);
  });

  it('refuses http:// endpoints unless the context allows them', async () => {
    const strict = createOAuth2Adapter(configOf(), { clientSecret: GITHUB_CLIENT_SECRET }, { now: () => clock.now() }, rules);
    await assert.rejects(strict.start({ redirectUri: CALLBACK, state: 's', nonce: 'n', codeVerifier: 'v'.repeat(43) }), /only requests to HTTPS are allowed/);
  });

  it('the config schema refuses what an admin could get wrong', () => {
    const valid = new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }).compile(oauth2ConfigSchema);
    assert.ok(valid(configOf()), JSON.stringify(valid.errors));
    // What the admin API stores for kind oauth2 is a config as it stands.
    const stored: OAuth2Protocol = { ...configOf(), token_auth: 'client_secret_post', pkce: true };
    const asConfig: OAuth2Config = stored;
    assert.ok(valid(asConfig), JSON.stringify(valid.errors));
    const wrong: [string, Record<string, unknown>][] = [
      ['a script URL', { authorization_url: 'javascript:alert(1)//' }],
      ['a relative URL', { token_url: '/token' }],
      ['no subject path', { claims: { email: 'email' } }],
      ['an empty path step', { claims: { subject: 'a..b' } }],
      ['an unknown auth method', { token_auth: 'private_key_jwt' }],
      ['an unknown field', { client_secret: 'belongs in secrets' }],
    ];
    for (const [what, change] of wrong) assert.equal(valid({ ...configOf(), ...change }), false, what);
  });
});
