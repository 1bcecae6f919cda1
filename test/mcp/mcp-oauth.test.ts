/**
 * `/mcp` as an OAuth protected resource (the MCP authorization spec), driven by the protocol SDK's
 * own OAuth client against a real server on a port (each database in turn): the 401 names the
 * resource's metadata (RFC 9728), which names the admin realm's provider; the client sends the
 * operator there (code + PKCE, `resource` the endpoint), and the token it gets — meant for the MCP
 * endpoint only — serves the tools with the operator's permissions. An operator application gets
 * in with its client credentials the same way. Tokens for the MCP endpoint from any other realm
 * never pass.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { ClientCredentialsProvider } from '@modelcontextprotocol/sdk/client/auth-extensions.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { CONSOLE_CLIENT_ID, ensureConsoleApplication } from '../../src/console/console-application.ts';
import { ADMIN_REALM_SLUG, type Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.ts';
import { BrowserAgent, locationOf, signInAtInteraction } from '../oidc/browser-agent.ts';
import { decodeJwt, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';

const CALLBACK = 'http://127.0.0.1:8976/callback';
type Result = { content: { text: string }[]; isError?: boolean };

/** An MCP client's side of the OAuth flow: a pre-registered public client; the "browser" is the test. */
class OperatorsClient implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  #tokens: OAuthTokens | undefined;
  #verifier = '';
  readonly clientId: string;
  constructor(clientId: string) {
    this.clientId = clientId;
  }
  get redirectUrl() {
    return CALLBACK;
  }
  get clientMetadata() {
    return { redirect_uris: [CALLBACK], client_name: 'Assistant', token_endpoint_auth_method: 'none' };
  }
  clientInformation(): OAuthClientInformationMixed {
    return { client_id: this.clientId };
  }
  tokens() {
    return this.#tokens;
  }
  saveTokens(tokens: OAuthTokens) {
    this.#tokens = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.#verifier = verifier;
  }
  codeVerifier() {
    return this.#verifier;
  }
}

for (const dialect of dialects) {
  describe(`the MCP endpoint's OAuth on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let admin: Realm;
    const endpoint = () => new URL(`${server.baseUrl}/mcp`);

    before(async () => {
      admin = (await server.services.lookup.resolve(ADMIN_REALM_SLUG)) as Realm;
    });

    it('names its metadata in the 401, and the metadata names the admin realm\u2019s provider', async () => {
      const refused = await fetch(endpoint(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(refused.status, 401);
      const metadataUrl = `${server.baseUrl}/.well-known/oauth-protected-resource/mcp`;
      assert.equal(refused.headers.get('www-authenticate'), `Bearer resource_metadata="${metadataUrl}"`);
      const forged = await fetch(endpoint(), { method: 'POST', headers: { authorization: 'Bearer not-a-token' } });
      assert.equal(forged.headers.get('www-authenticate'), `Bearer error="invalid_token", resource_metadata="${metadataUrl}"`);
      const metadata = (await (await fetch(metadataUrl)).json()) as Record<string, unknown>;
      assert.deepEqual({ resource: metadata.resource, authorization_servers: metadata.authorization_servers }, { resource: `${server.baseUrl}/mcp`, authorization_servers: [`${server.baseUrl}/realms/${admin.id}`] });
      assert.deepEqual(await (await fetch(`${server.baseUrl}/.well-known/oauth-protected-resource`)).json(), metadata, 'at the root as well');
      const adminApi = (await (await fetch(`${server.baseUrl}/.well-known/oauth-protected-resource/admin/v1`)).json()) as Record<string, unknown>;
      assert.deepEqual({ resource: adminApi.resource, authorization_servers: adminApi.authorization_servers }, { resource: `${server.baseUrl}/admin/v1`, authorization_servers: metadata.authorization_servers }, 'the admin API\u2019s too');
    });

    it('signs the operator in through the provider and serves the tools with a token meant for it', async () => {
      const { app } = await server.apps.add(admin, { kind: 'native', redirectUris: [CALLBACK], postLogoutRedirectUris: [], grantTypes: ['authorization_code', 'refresh_token'] });
      const provider = new OperatorsClient(app.clientId);
      await assert.rejects(new Client({ name: 'assistant', version: '1' }).connect(new StreamableHTTPClientTransport(endpoint(), { authProvider: provider })), UnauthorizedError);
      assert.ok(provider.authorizationUrl, 'the client was sent to sign in');
      assert.equal(provider.authorizationUrl.searchParams.get('resource'), `${server.baseUrl}/mcp`);
      assert.ok(provider.authorizationUrl.href.startsWith(`${server.baseUrl}/realms/${admin.id}/`), provider.authorizationUrl.href);

      // The operator's browser: the provider's sign-in, then back to the client with a code.
      const agent = new BrowserAgent(server.baseUrl);
      const interaction = locationOf(await agent.get(provider.authorizationUrl.href));
      const login = await fetch(`${server.baseUrl}/realms/${admin.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
      const { session_id: sessionId, user } = (await login.json()) as { session_id: string; user: { id: string } };
      const consent = await signInAtInteraction(server, agent, admin, interaction, { userId: user.id, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      // A native client is always asked about (anything on the machine could claim its loopback address).
      assert.match(consent, /\/interaction\//, 'the operator agrees to the assistant first');
      const resume = await server.services.oidc.interactions.consented(admin, agent.exchange(consent), { ip: null, userAgent: null });
      const callback = new URL(locationOf(await agent.get(resume)));
      assert.equal(`${callback.origin}${callback.pathname}`, CALLBACK);
      assert.ok(callback.searchParams.get("code"), callback.href);
      const transport = new StreamableHTTPClientTransport(endpoint(), { authProvider: provider });
      await transport.finishAuth(callback.searchParams.get('code') ?? '');
      assert.equal(decodeJwt(provider.tokens()?.access_token ?? '').payload.aud, `${server.baseUrl}/mcp`, 'a token for the MCP endpoint');

      const client = new Client({ name: 'assistant', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(endpoint(), { authProvider: provider }));
      try {
        const created = (await client.callTool({ name: 'create_realm', arguments: { name: 'Asked for', slug: `asked-for-${dialect}` } })) as Result;
        assert.match(created.content[0].text, /^Created realm asked-for-/);
      } finally {
        await client.close();
      }
    });

    it('never gives an application operator access unasked: an SSO app\u2019s consent covers signing in, not the admin API (found by review)', async () => {
      const { app } = await server.apps.add(admin, { kind: 'spa', consent: 'implicit', redirectUris: [CALLBACK], postLogoutRedirectUris: [] });
      const agent = new BrowserAgent(server.baseUrl);
      const ask = (extra: Record<string, string>) =>
        `${server.baseUrl}/realms/${admin.id}/oidc/auth?${new URLSearchParams({ client_id: app.clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, code_challenge: 'a'.repeat(43), code_challenge_method: 'S256', ...extra })}`;
      const interaction = locationOf(await agent.get(ask({})));
      const login = await fetch(`${server.baseUrl}/realms/${admin.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
      const { session_id: sessionId, user } = (await login.json()) as { session_id: string; user: { id: string } };
      const signedIn = new URL(await signInAtInteraction(server, agent, admin, interaction, { userId: user.id, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' }));
      assert.ok(signedIn.searchParams.get('code'), 'an implicit application signs the operator in without a page');
      for (const resource of [`${server.baseUrl}/admin/v1`, `${server.baseUrl}/mcp`]) {
        const silent = new URL(locationOf(await agent.get(ask({ resource, prompt: 'none' }))));
        assert.equal(silent.searchParams.get('error'), 'consent_required', `${resource}: no silent operator token`);
        const asked = locationOf(await agent.get(ask({ resource })));
        const view = await server.services.oidc.interactions.view(admin, agent.exchange(asked));
        assert.deepEqual([view.prompt, view.operatorAccess], ['consent', true], 'the consent page says it is the operator\u2019s access');
      }
    });

    it('gives the console operator access without asking, and lets nobody add a redirect URI to it (found by review)', async () => {
      await ensureConsoleApplication({ realms: server.services.realms, applications: server.services.applications, publicUrl: server.baseUrl });
      const consoleCallback = `${server.baseUrl}/console/callback`;
      const agent = new BrowserAgent(server.baseUrl);
      const ask = (redirect: string, extra: Record<string, string> = {}) =>
        `${server.baseUrl}/realms/${admin.id}/oidc/auth?${new URLSearchParams({ client_id: CONSOLE_CLIENT_ID, response_type: 'code', scope: 'openid', redirect_uri: redirect, code_challenge: 'a'.repeat(43), code_challenge_method: 'S256', resource: `${server.baseUrl}/admin/v1`, ...extra })}`;
      const interaction = locationOf(await agent.get(ask(consoleCallback)));
      const login = await fetch(`${server.baseUrl}/realms/${admin.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: ADMIN_EMAIL, password: ADMIN_PASSWORD }) });
      const { session_id: sessionId, user } = (await login.json()) as { session_id: string; user: { id: string } };
      const signedIn = new URL(await signInAtInteraction(server, agent, admin, interaction, { userId: user.id, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' }));
      assert.ok(signedIn.searchParams.get('code'), `the console is not asked: ${signedIn}`);
      assert.ok(new URL(locationOf(await agent.get(ask(consoleCallback, { prompt: 'none' })))).searchParams.get('code'));
      // Nobody adds an address of their own to the console's application: it would get the same.
      const edit = await fetch(`${server.baseUrl}/admin/v1/realms/${admin.id}/applications/${CONSOLE_CLIENT_ID}`, {
        method: 'PATCH',
        headers: { ...server.adminHeaders, 'content-type': 'application/json' },
        body: JSON.stringify({ redirect_uris: [consoleCallback, 'https://evil.example/cb'] }),
      });
      assert.equal(edit.status, 422, await edit.clone().text());
      assert.equal(((await edit.json()) as { error: { code: string } }).error.code, 'application.protected');
      assert.equal((await agent.get(ask('https://evil.example/cb', { prompt: 'none' }))).status, 400, 'no code goes there');
    });

    it('lets an operator application in with its client credentials', async () => {
      const { app, secret } = await server.apps.add(admin, { kind: 'machine' });
      const granted = await fetch(`${server.baseUrl}/admin/v1/operator-applications/${app.clientId}`, { method: 'PUT', headers: { ...server.adminHeaders, 'content-type': 'application/json' }, body: JSON.stringify({ grants: [{ permission: 'read' }] }) });
      assert.equal(granted.status, 200);
      const provider = new ClientCredentialsProvider({ clientId: app.clientId, clientSecret: secret, expectedIssuer: `${server.baseUrl}/realms/${admin.id}` });
      const client = new Client({ name: 'pipeline', version: '1' });
      await client.connect(new StreamableHTTPClientTransport(endpoint(), { authProvider: provider }));
      try {
        const listed = (await client.callTool({ name: 'list_realms', arguments: {} })) as Result;
        assert.equal(listed.isError, undefined, listed.content[0].text);
        const refused = (await client.callTool({ name: 'create_realm', arguments: { name: 'Not allowed', slug: `not-allowed-${dialect}` } })) as Result;
        assert.match(refused.content[0].text, /^Refused \(403 auth\.forbidden\)/, 'read only');
      } finally {
        await client.close();
      }
      assert.equal(decodeJwt(provider.tokens()?.access_token ?? '').payload.aud, `${server.baseUrl}/mcp`);
    });

    it('refuses a token for the MCP endpoint from any realm but admin', async () => {
      const realm = await server.services.realms.create({ name: 'Elsewhere', slug: `elsewhere-${dialect}` } as never, { type: 'system', id: null });
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const token = await fetch(`${server.baseUrl}/realms/${realm.id}/oidc/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource: `${server.baseUrl}/mcp` }).toString(),
      });
      assert.equal(token.status, 400, 'another realm\u2019s provider does not serve the MCP endpoint');
      assert.equal(((await token.json()) as { error: string }).error, 'invalid_target');
    });
  });
}
