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

const PASSWORD = 'correct horse battery staple 9';
const CALLBACK = 'https://app.example/callback';

/** The authorize request's `organization`: the realm session enters that tenant, and the provider's access tokens carry it. */
for (const dialect of dialects) {
  describe(`OpenID Connect organization on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let issuer: string;
    let userId: string;
    let acme: { id: string };

    before(async () => {
      realm = await server.services.realms.create({ name: 'Orgs', slug: 'orgs', tokens: { claims: ['tenants'] } } as never, operator);
      issuer = `${server.baseUrl}/realms/${realm.id}`;
      userId = (await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator)).id;
      await server.services.roles.create(realm, { slug: 'admin' } as never, operator, noOrigin);
      acme = await server.services.tenants.create(realm, { slug: 'acme', name: 'Acme' }, operator, noOrigin);
      await server.services.tenants.create(realm, { slug: 'globex', name: 'Globex' }, operator, noOrigin);
      await server.services.tenants.create(realm, { slug: 'initech', name: 'Initech' }, operator, noOrigin);
      await server.services.tenants.addMember(realm, 'acme', userId, ['admin'], operator, noOrigin);
      await server.services.tenants.addMember(realm, 'globex', userId, [], operator, noOrigin);
    });

    /** An application's authorization request with `organization`, as a browser (`agent`) sends it: where the provider sends the browser. */
    async function request(agent: BrowserAgent, organization: string) {
      const { app, secret } = await server.apps.add(realm, {});
      const config = await client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      const verifier = client.randomPKCECodeVerifier();
      const state = randomBytes(8).toString('hex');
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, organization });
      return { config, verifier, state, next: locationOf(await agent.get(url.href)) };
    }

    /** Signs in through the provider with `organization`; the application's callback URL. */
    async function authorize(organization: string, agent = new BrowserAgent(server.baseUrl)) {
      const { config, verifier, state, next: interaction } = await request(agent, organization);
      const login = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ada', password: PASSWORD }) });
      const sessionId = ((await login.json()) as { session_id: string }).session_id;
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      return { config, callback, verifier, state, agent };
    }

    const validate = (token: string) => fetch(`${server.baseUrl}/realms/${realm.id}/auth/validate`, { headers: { authorization: `Bearer ${token}` } });

    it('carries the organization asked for to the access token and validate', async () => {
      const { config, callback, verifier, state } = await authorize('acme');
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
      assert.equal(decodeJwt(tokens.access_token).payload.tenant, acme.id);
      const validated = await validate(tokens.access_token);
      assert.equal(validated.status, 200, await validated.clone().text());
      assert.deepEqual(((await validated.json()) as { tenant: unknown }).tenant, { id: acme.id, slug: 'acme', roles: ['admin'] });

      // Removed from the tenant: the provider's token stops at validate at once.
      await server.services.tenants.removeMember(realm, 'acme', userId, operator, noOrigin);
      const refused = await validate(tokens.access_token);
      assert.equal(refused.status, 401);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'auth.tenant_access_ended');
      await server.services.tenants.addMember(realm, 'acme', userId, ['admin'], operator, noOrigin);
    });

    it('with a provider session, the same organization goes straight on; another asks for sign-in again', async () => {
      const { agent } = await authorize('acme');
      const same = await request(agent, 'acme');
      assert.ok(same.next.startsWith(CALLBACK), same.next);
      const other = await request(agent, 'globex');
      assert.match(other.next, /\/interaction\//, 'sign-in again, where the tenant is entered');
    });

    it('issues no token for a tenant the user has left, or that was switched off, since the sign-in; a provider session there signs in again', async () => {
      const { config, callback, verifier, state, agent } = await authorize('acme');
      await server.services.tenants.removeMember(realm, 'acme', userId, operator, noOrigin);
      await assert.rejects(client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state }), (error: { error?: string }) => error.error === 'invalid_grant');
      const again = await request(agent, 'acme');
      assert.match(again.next, /\/interaction\//, 'the provider session no longer counts as in the tenant');
      await server.services.tenants.addMember(realm, 'acme', userId, ['admin'], operator, noOrigin);

      const second = await authorize('acme');
      await server.services.tenants.update(realm, 'acme', { active: false } as never, operator, noOrigin);
      await assert.rejects(client.authorizationCodeGrant(second.config, new URL(second.callback), { pkceCodeVerifier: second.verifier, expectedState: second.state }), (error: { error?: string }) => error.error === 'invalid_grant');
      await server.services.tenants.update(realm, 'acme', { active: true } as never, operator, noOrigin);
      const third = await authorize('acme');
      const tokens = await client.authorizationCodeGrant(third.config, new URL(third.callback), { pkceCodeVerifier: third.verifier, expectedState: third.state });
      assert.equal(decodeJwt(tokens.access_token).payload.tenant, acme.id, 'a member again signs in to it');
    });

    it('answers access_denied for an organization the user is not a member of, or that does not exist, alike', async () => {
      for (const organization of ['initech', 'no-such-org']) {
        const { callback } = await authorize(organization);
        const params = new URL(callback).searchParams;
        assert.equal(params.get('error'), 'access_denied', callback);
        assert.equal(params.get('error_description'), 'You cannot sign in to that organization.');
        assert.equal(params.get('code'), null);
      }
    });

    it('answers access_denied the same in a realm without managed sessions (found by review: it signed in)', async () => {
      const loose = await server.services.realms.create({ name: 'Loose orgs', slug: 'loose-orgs', tokens: { session_type: 'unmanaged', claims: ['tenants'] } } as never, operator);
      const bo = (await server.services.users.create(loose, { username: 'bo', password: PASSWORD }, operator)).id;
      await server.services.tenants.create(loose, { slug: 'mine', name: 'Mine' }, operator, noOrigin);
      await server.services.tenants.create(loose, { slug: 'theirs', name: 'Theirs' }, operator, noOrigin);
      await server.services.tenants.addMember(loose, 'mine', bo, [], operator, noOrigin);
      const { app, secret } = await server.apps.add(loose, {});
      const config = await client.discovery(new URL(`${server.baseUrl}/realms/${loose.id}`), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      const answers: Record<string, string | null> = {};
      for (const organization of ['theirs', 'mine']) {
        const agent = new BrowserAgent(server.baseUrl);
        const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()), code_challenge_method: 'S256', state: 's', organization });
        const interaction = locationOf(await agent.get(url.href));
        const params = new URL(await signInAtInteraction(server, agent, loose, interaction, { userId: bo, sessionId: null, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' })).searchParams;
        answers[organization] = params.get('error') ?? (params.get('code') ? 'code' : null);
      }
      assert.deepEqual(answers, { theirs: 'access_denied', mine: 'code' });
    });
  });
}
