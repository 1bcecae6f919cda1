/**
 * An operator application's token source on its own, against a scripted server and a fake clock:
 * where it asks (the admin API's resource metadata, then its authorization server's discovery), what
 * it asks for, and how it keeps tokens — one request for many callers, a failed early renewal that
 * keeps the token still valid, a token without a lifetime kept until a 401, discovery read again
 * after it failed. clients.test.ts drives it against a real server.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeyrealmError } from '../src/errors.ts';
import { clientCredentialsTokens } from '../src/client-credentials.ts';

const BASE = 'https://id.example';
const ISSUER = `${BASE}/realms/rl_admin`;

function scriptedServer(tokenAnswers: (() => Response)[], options: { discovery?: () => Response } = {}) {
  const seen: { url: string; body?: string; authorization?: string | null }[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const url = String(input);
    seen.push({ url, body: init?.body === undefined ? undefined : String(init.body), authorization: new Headers(init?.headers).get('authorization') });
    if (url === `${BASE}/.well-known/oauth-protected-resource/admin/v1`) return Response.json({ resource: `${BASE}/admin/v1`, authorization_servers: [ISSUER] });
    if (url === `${ISSUER}/.well-known/openid-configuration`) return options.discovery?.() ?? Response.json({ token_endpoint: `${ISSUER}/oidc/token` });
    if (url === `${ISSUER}/oidc/token`) return (tokenAnswers.shift() ?? (() => Response.json({ error: 'server_error' }, { status: 500 })))();
    return new Response('not here', { status: 404 });
  };
  return { fetch, seen, tokenRequests: () => seen.filter((request) => request.url.endsWith('/oidc/token')) };
}

const token = (value: string, expiresIn?: number) => () => Response.json({ access_token: value, token_type: 'Bearer', ...(expiresIn === undefined ? {} : { expires_in: expiresIn }) });

describe("an operator application's tokens", () => {
  it('asks the admin API\u2019s authorization server for the admin API, once for many callers', async () => {
    const server = scriptedServer([token('first', 300)]);
    const tokens = clientCredentialsTokens({ baseUrl: `${BASE}/`, clientId: 'ap_1', clientSecret: 's3cret', fetch: server.fetch });
    assert.deepEqual(await Promise.all([tokens.token(), tokens.token(), tokens.token()]), ['first', 'first', 'first']);
    const [request] = server.tokenRequests();
    assert.equal(server.tokenRequests().length, 1);
    assert.equal(request.authorization, `Basic ${btoa('ap_1:s3cret')}`);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(request.body)), { grant_type: 'client_credentials', resource: `${BASE}/admin/v1` });
  });

  it('keeps a token still valid when renewing it early fails, and fails once it has expired', async () => {
    let now = 0;
    const server = scriptedServer([token('first', 60), () => Response.json({ error: 'temporarily_unavailable' }, { status: 503 })]);
    const tokens = clientCredentialsTokens({ baseUrl: BASE, clientId: 'ap_1', clientSecret: 's', fetch: server.fetch, now: () => now });
    assert.equal(await tokens.token(), 'first');
    now = 45_000; // inside the last 30 s: renewed early, which fails
    assert.equal(await tokens.token(), 'first');
    now = 61_000;
    await assert.rejects(tokens.token(), (error) => error instanceof KeyrealmError && error.code === 'oauth.server_error');
  });

  it('keeps a token without a lifetime until a 401 renews it', async () => {
    let now = 0;
    const server = scriptedServer([token('forever'), token('next')]);
    const tokens = clientCredentialsTokens({ baseUrl: BASE, clientId: 'ap_1', clientSecret: 's', fetch: server.fetch, now: () => now });
    assert.equal(await tokens.token(), 'forever');
    now = 10 * 24 * 3600_000;
    assert.equal(await tokens.token(), 'forever');
    assert.equal(await tokens.renew(), true);
    assert.equal(await tokens.token(), 'next');
    assert.equal(server.tokenRequests().length, 2);
  });

  it('sends the secret only to a token endpoint on baseUrl\u2019s origin (found by review)', async () => {
    for (const elsewhere of ['https://attacker.example/oidc/token', 'http://id.example/realms/rl_admin/oidc/token', 'https://id.example:8443/oidc/token']) {
      const server = scriptedServer([token('first', 300)], { discovery: () => Response.json({ token_endpoint: elsewhere }) });
      const tokens = clientCredentialsTokens({ baseUrl: BASE, clientId: 'ap_1', clientSecret: 's3cret', fetch: server.fetch });
      await assert.rejects(tokens.token(), (error) => error instanceof KeyrealmError && error.code === 'sdk.foreign_token_endpoint' && error.message.includes(elsewhere));
      assert.ok(server.seen.every((request) => request.url !== elsewhere && request.authorization === null), elsewhere);
    }
  });

  it('reads discovery again after it failed, and says what was refused', async () => {
    let broken = true;
    const server = scriptedServer([() => Response.json({ error: 'invalid_client', error_description: 'Client authentication failed.' }, { status: 401 })], {
      discovery: () => (broken ? Response.json({ issuer: ISSUER }) : Response.json({ token_endpoint: `${ISSUER}/oidc/token` })),
    });
    const tokens = clientCredentialsTokens({ baseUrl: BASE, clientId: 'ap_1', clientSecret: 'wrong', fetch: server.fetch });
    await assert.rejects(tokens.token(), (error) => error instanceof KeyrealmError && error.code === 'sdk.discovery_failed');
    broken = false;
    await assert.rejects(tokens.token(), (error) => error instanceof KeyrealmError && error.code === 'oauth.invalid_client' && error.status === 401 && error.message === 'Client authentication failed.');
  });
});
