/**
 * Operators signed in through the admin realm's OpenID Connect provider (as the console and MCP
 * clients do, code + PKCE, asking for the admin API as the resource): the access token works on the
 * admin API and stops with the operator's session. A token an application of the admin realm got
 * for anything else — the realm itself (the default), its own API — never opens the admin API,
 * though an operator signed in for it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { ADMIN_REALM_SLUG, type Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/server.ts';
import { BrowserAgent, locationOf, signInAtInteraction } from '../oidc/browser-agent.ts';
import { oidcServerPerSuite, type AppOverrides } from '../oidc/oidc-fixtures.ts';

const CALLBACK = 'https://console.example/callback';

for (const dialect of dialects) {
  describe(`operators' OpenID Connect tokens on the admin API on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let admin: Realm;

    before(async () => {
      admin = (await server.services.lookup.resolve(ADMIN_REALM_SLUG)) as Realm;
      await server.services.users.create(admin, { email: 'plain@example.com', password: ADMIN_PASSWORD }, operator);
    });

    /** The access token an application of the admin realm gets for the operator signing in as `identifier`. */
    async function operatorToken(identifier: string, overrides: AppOverrides = {}, resource: string | null = `${server.baseUrl}/admin/v1`) {
      const { app } = await server.apps.add(admin, { kind: 'spa', redirectUris: [CALLBACK], postLogoutRedirectUris: [], ...overrides });
      const config = await client.discovery(new URL(`${server.baseUrl}/realms/${admin.id}`), app.clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] });
      const agent = new BrowserAgent(server.baseUrl);
      const verifier = client.randomPKCECodeVerifier();
      const state = randomBytes(8).toString('hex');
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid profile email', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...(resource ? { resource } : {}) });
      const interaction = locationOf(await agent.get(url.href));
      const login = await fetch(`${server.baseUrl}/realms/${admin.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, password: ADMIN_PASSWORD }) });
      const { session_id: sessionId, access_token: sessionToken, user } = (await login.json()) as { session_id: string; access_token: string; user: { id: string } };
      let callback = await signInAtInteraction(server, agent, admin, interaction, { userId: user.id, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      if (resource) {
        // Access as the operator is agreed to at the consent page, whatever the application's consent setting (docs/oidc.md#consent).
        assert.equal((await server.services.oidc.interactions.view(admin, agent.exchange(callback))).operatorAccess, true);
        callback = locationOf(await agent.get(await server.services.oidc.interactions.consented(admin, agent.exchange(callback), { ip: null, userAgent: null })));
      }
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
      return { token: tokens.access_token, sessionToken };
    }

    const realms = (token: string) => fetch(`${server.baseUrl}/admin/v1/realms`, { headers: { authorization: `Bearer ${token}` } });

    it('takes an operator\u2019s token from the provider until the session ends', async () => {
      const { token, sessionToken } = await operatorToken(ADMIN_EMAIL);
      assert.equal((await realms(token)).status, 200);
      // The operator signs out of the admin realm: the session the provider's token rides on ends.
      const out = await fetch(`${server.baseUrl}/realms/${admin.id}/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${sessionToken}` } });
      assert.equal(out.status, 204);
      assert.equal((await realms(token)).status, 401);
    });

    it('refuses a user who is no operator, and tokens meant for anything but the admin API', async () => {
      assert.equal((await realms((await operatorToken('plain@example.com')).token)).status, 403);
      const forItsApi = await operatorToken(ADMIN_EMAIL, { accessTokenAudience: 'https://api.example/' }, null);
      assert.equal((await realms(forItsApi.token)).status, 401);
      const forTheRealm = await operatorToken(ADMIN_EMAIL, {}, null);
      assert.equal((await realms(forTheRealm.token)).status, 401, 'an application signing an operator in for itself gets no admin access');
    });
  });
}
