import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { BrowserAgent, locationOf, signInAtInteraction } from './browser-agent.ts';
import { oidcServerPerSuite } from './oidc-fixtures.ts';

/**
 * Found by review: in a realm whose sessions are unmanaged, a provider's tokens are bound to no
 * realm session, so deleting, deactivating or locking the user ended nothing, and introspection
 * (which resource servers rely on) still answered `active: true` while validate and userinfo
 * refused. A token acting for a user is now found only while that user may sign in.
 */
const CALLBACK = 'https://app.example/callback';
let counter = 0;

for (const dialect of dialects) {
  describe(`a provider's tokens in a realm without managed sessions follow their user, on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);

    async function signedIn() {
      counter += 1;
      const realm: Realm = await server.services.realms.create({ name: `Loose ${counter}`, slug: `loose-${counter}`, tokens: { session_type: 'unmanaged' } } as never, operator);
      const userId = (await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: 'correct horse battery staple 9' }, operator)).id;
      const { app, secret } = await server.apps.add(realm, { grantTypes: ['authorization_code', 'refresh_token'] });
      const config = await client.discovery(new URL(`${server.baseUrl}/realms/${realm.id}`), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      const agent = new BrowserAgent(server.baseUrl);
      const verifier = client.randomPKCECodeVerifier();
      const state = randomBytes(8).toString('hex');
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: CALLBACK,
        scope: 'openid profile email offline_access',
        prompt: 'consent',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
      });
      const interaction = locationOf(await agent.get(url.href));
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId: null, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
      const introspected = async () => [
        (await client.tokenIntrospection(config, tokens.access_token)).active,
        (await client.tokenIntrospection(config, tokens.refresh_token as string)).active,
      ];
      assert.deepEqual(await introspected(), [true, true]);
      return { realm, userId, introspected };
    }

    it('introspects a deleted user\u2019s access and refresh tokens as inactive', async () => {
      const { realm, userId, introspected } = await signedIn();
      await server.services.users.remove(realm, userId, operator);
      assert.deepEqual(await introspected(), [false, false]);
    });

    it('introspects a locked or deactivated user\u2019s tokens as inactive while they stay so', async () => {
      const { realm, userId, introspected } = await signedIn();
      await server.services.users.lock(realm, userId, 'stolen laptop', operator);
      assert.deepEqual(await introspected(), [false, false]);
      // As validate answers for the realm's own tokens in such a realm: the user's state is read each time.
      await server.services.users.unlock(realm, userId, operator);
      assert.deepEqual(await introspected(), [true, true]);
      await server.services.users.update(realm, userId, { state: 'inactive' }, operator);
      assert.deepEqual(await introspected(), [false, false]);
    });
  });
}
