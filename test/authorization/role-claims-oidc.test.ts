import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { noOrigin } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { BrowserAgent, locationOf, signInAtInteraction } from '../oidc/browser-agent.ts';
import { decodeJwt, oidcServerPerSuite } from '../oidc/oidc-fixtures.ts';
import { PASSWORD } from './role-fixtures.ts';

const CALLBACK = 'https://app.example/callback';

/** The OpenID Connect provider's access tokens, ID tokens and userinfo carry roles when the realm maps them. */
for (const dialect of dialects) {
  describe(`roles in OpenID Connect tokens on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let mapped: Realm;
    let unmapped: Realm;

    /** A realm with a composite role held by `ada`, whose id is returned. */
    async function realmWithRoles(claims: 'roles'[]): Promise<{ realm: Realm; userId: string }> {
      const realm = await server.services.realms.create({ name: `Roles ${randomBytes(3).toString('hex')}`, tokens: { claims } }, operator);
      await server.services.roles.create(realm, { slug: 'reader', permissions: ['docs:read'] }, operator, noOrigin);
      await server.services.roles.create(realm, { slug: 'editor', permissions: ['docs:write'], includes: ['reader'] }, operator, noOrigin);
      const userId = (await server.services.users.create(realm, { username: 'ada', password: PASSWORD }, operator)).id;
      await server.services.roleAssignments.assign(realm, userId, { role: 'editor' }, operator, noOrigin);
      return { realm, userId };
    }

    async function signedIn(realm: Realm, userId: string) {
      const issuer = `${server.baseUrl}/realms/${realm.id}`;
      const { app, secret } = await server.apps.add(realm, { grantTypes: ['authorization_code', 'refresh_token'] });
      const config = await client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      const agent = new BrowserAgent(server.baseUrl);
      const verifier = client.randomPKCECodeVerifier();
      const state = randomBytes(8).toString('hex');
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid profile', prompt: 'consent', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state });
      const interaction = locationOf(await agent.get(url.href));
      const login = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ada', password: PASSWORD }) });
      const sessionId = ((await login.json()) as { session_id: string }).session_id;
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, userId);
      const validated = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/validate`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      assert.equal(validated.status, 200, await validated.clone().text());
      return {
        access: decodeJwt(tokens.access_token).payload,
        id: decodeJwt(tokens.id_token!).payload,
        userinfo: userinfo as Record<string, unknown>,
        validated: (await validated.json()) as { roles: string[]; permissions: string[] },
      };
    }

    let mappedUser: string;
    let unmappedUser: string;
    before(async () => {
      ({ realm: mapped, userId: mappedUser } = await realmWithRoles(['roles']));
      ({ realm: unmapped, userId: unmappedUser } = await realmWithRoles([]));
    });

    it('puts roles and permissions in the access token, the ID token and userinfo when the realm maps them', async () => {
      const { access, id, userinfo, validated } = await signedIn(mapped, mappedUser);
      for (const [where, claims] of Object.entries({ access, id, userinfo })) {
        assert.deepEqual(claims.roles, ['editor', 'reader'], where);
        assert.deepEqual(claims.permissions, ['docs:read', 'docs:write'], where);
      }
      assert.deepEqual(validated.roles, ['editor', 'reader']);
    });

    it('leaves them out otherwise, while validate still answers them', async () => {
      const { access, id, userinfo, validated } = await signedIn(unmapped, unmappedUser);
      for (const [where, claims] of Object.entries({ access, id, userinfo })) {
        assert.equal(claims.roles, undefined, where);
        assert.equal(claims.permissions, undefined, where);
      }
      assert.deepEqual([validated.roles, validated.permissions], [['editor', 'reader'], ['docs:read', 'docs:write']]);
    });
  });
}
