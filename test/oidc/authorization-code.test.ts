import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Application } from '../../src/contracts.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { BrowserAgent, locationOf, signInAtInteraction } from './browser-agent.ts';
import { authorizationRequest, basic, decodeJwt, oidcServerPerSuite } from './oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';
const CALLBACK = 'https://app.example/callback';

/** Step 3: authorization code with PKCE, the hosted pages' interactions, the realm session binding, consent. */
for (const dialect of dialects) {
  describe(`OpenID Connect authorization code on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let issuer: string;
    let userId: string;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Shop', slug: 'shop' }, operator);
      issuer = `${server.baseUrl}/realms/${realm.id}`;
      userId = (await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', display_name: 'Ada L', password: PASSWORD }, operator)).id;
    });

    /** A realm session as the flow engine creates it (the hosted pages sign in through it). */
    async function realmSession(identifier = 'ada'): Promise<string> {
      const response = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier, password: PASSWORD }) });
      assert.equal(response.status, 200);
      return ((await response.json()) as { session_id: string }).session_id;
    }

    async function relyingParty(app: Application, secret: string) {
      const config = await client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      return config;
    }

    async function authorize(config: client.Configuration, agent: BrowserAgent, extra: Record<string, string> = {}) {
      const { url, verifier, state, nonce } = await authorizationRequest(config, CALLBACK, extra);
      const response = await agent.get(url.href);
      return { verifier, state, nonce, response, location: response.headers.get('location') };
    }

    async function signInFlow(config: client.Configuration, agent: BrowserAgent, extra: Record<string, string> = {}) {
      const started = await authorize(config, agent, extra);
      const interaction = locationOf(started.response);
      assert.match(interaction, new RegExp(`^/realms/${realm.id}/interaction/[A-Za-z0-9_-]+$`));
      const sessionId = await realmSession();
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      return { ...started, interaction, sessionId, callback };
    }

    const exchange = (config: client.Configuration, callback: string, flow: { verifier: string; state: string; nonce: string }) =>
      client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });

    it('signs a user in through the hosted pages and issues code, ID token and JWT access token bound to the realm session', async () => {
      const { app, secret } = await server.apps.add(realm, { name: 'Storefront' });
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      const started = await authorize(config, agent);
      const interaction = locationOf(started.response);
      const cookie = agent.cookies.get('_interaction');
      assert.ok(cookie, 'the interaction cookie');
      assert.equal(cookie.path, interaction, 'scoped to the interaction page and its sub-paths');
      assert.match(cookie.attributes, /httponly/i);
      assert.match(cookie.attributes, /samesite=lax/i);

      const view = await server.services.oidc.interactions.view(realm, agent.exchange(interaction));
      assert.equal(view.prompt, 'login');
      assert.equal(view.client.name, 'Storefront');
      assert.deepEqual(view.scopes, ['openid', 'profile', 'email']);
      assert.equal(view.requiredAcr, null);

      const sessionId = await realmSession();
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const back = new URL(callback);
      assert.equal(`${back.origin}${back.pathname}`, CALLBACK);
      assert.equal(back.searchParams.get('state'), started.state, 'state echoed exactly');
      assert.equal(back.searchParams.get('iss'), issuer, 'RFC 9207 iss');

      const tokens = await exchange(config, callback, started);
      const claims = tokens.claims()!;
      assert.equal(claims.sub, userId);
      assert.equal(claims.nonce, started.nonce);
      assert.deepEqual(claims.amr, ['pwd']);
      assert.equal(claims.acr, 'aal1');
      assert.equal(typeof claims.auth_time, 'number');
      assert.equal(claims.email, 'ada@example.com');
      const { header, payload } = decodeJwt(tokens.access_token);
      assert.equal(header.typ, 'at+jwt');
      assert.equal(payload.aud, issuer);
      assert.equal(payload.sid, sessionId, 'the realm session');
      assert.equal(payload.client_id, app.clientId);
      assert.deepEqual(payload.amr, ['pwd']);

      const info = await client.fetchUserInfo(config, tokens.access_token, userId);
      assert.equal(info.name, 'Ada L');
      assert.equal(info.preferred_username, 'ada');

      // The browser now holds a provider session: prompt=none gets a code straight away (implicit consent).
      const again = await authorize(config, agent, { prompt: 'none' });
      assert.match(locationOf(again.response), /^https:\/\/app\.example\/callback\?code=/);
      const events = await server.services.events.list(server.database.db, realm.id, { type: 'oidc.authorized' }, { limit: 10 });
      const authorized = events.items.find((event) => event.details.client_id === app.clientId);
      assert.ok(authorized);
      assert.equal(authorized.user_id, userId);
      assert.equal(authorized.ip, '127.0.0.1', 'the client as the HTTP layer saw it');
      assert.deepEqual(authorized.details.scopes, ['openid', 'profile', 'email']);
    });

    it('refuses a request without PKCE, with plain PKCE, and a wrong verifier', async () => {
      const { app, secret } = await server.apps.add(realm);
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      const base = { client_id: app.clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, state: 's' };
      const missing = await agent.get(`${issuer}/oidc/auth?${new URLSearchParams(base)}`);
      assert.match(locationOf(missing), /error=invalid_request/);
      const plain = await agent.get(`${issuer}/oidc/auth?${new URLSearchParams({ ...base, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' })}`);
      assert.match(locationOf(plain), /error=invalid_request/);
      const flow = await signInFlow(config, agent);
      await assert.rejects(exchange(config, flow.callback, { ...flow, verifier: client.randomPKCECodeVerifier() }), (error: { error?: string }) => error.error === 'invalid_grant');
    });

    it('a replayed code fails and ends the tokens of its first use; another client cannot use it', async () => {
      const { app, secret } = await server.apps.add(realm);
      const other = await server.apps.add(realm);
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      const flow = await signInFlow(config, agent);
      const code = new URL(flow.callback).searchParams.get('code')!;
      const token = (clientId: string, clientSecret: string) =>
        fetch(`${issuer}/oidc/token`, { method: 'POST', headers: { authorization: basic(clientId, clientSecret), 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: flow.verifier }) });
      const stolen = await token(other.app.clientId, other.secret);
      assert.equal(stolen.status, 400);
      assert.equal(((await stolen.json()) as { error: string }).error, 'invalid_grant');
      const first = await token(app.clientId, secret);
      assert.equal(first.status, 200);
      const { access_token: accessToken } = (await first.json()) as { access_token: string };
      assert.equal((await client.tokenIntrospection(config, accessToken)).active, true);
      const replay = await token(app.clientId, secret);
      assert.equal(replay.status, 400);
      assert.equal((await client.tokenIntrospection(config, accessToken)).active, false, 'the first use’s token died with the grant');
    });

    it('matches redirect URIs exactly: every variant is refused without a redirect', async () => {
      const { app } = await server.apps.add(realm);
      const another = await server.apps.add(realm, { redirectUris: ['https://other.example/cb'] });
      void another;
      const agent = new BrowserAgent(server.baseUrl);
      for (const variant of [
        'https://app.example/callback/',
        'https://APP.example/callback',
        'https://app.example/Callback',
        'https://app.example/callback/extra',
        'https://app.example/callback?x=1',
        'https://app.example@evil.example/callback',
        'https://app.example/%63allback',
        'https://other.example/cb',
      ]) {
        const response = await agent.get(`${issuer}/oidc/auth?${new URLSearchParams({ client_id: app.clientId, response_type: 'code', scope: 'openid', redirect_uri: variant, code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' })}`);
        assert.equal(response.status, 400, variant);
        assert.equal(response.headers.get('location'), null, variant);
        assert.match(await response.text(), /redirect_uri/);
      }
    });

    it('asks consent once for a `required` application, then remembers it (prompt=none in a new browser session)', async () => {
      const { app, secret } = await server.apps.add(realm, { consent: 'required', name: 'Third party' });
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      const started = await authorize(config, agent);
      const sessionId = await realmSession();
      const next = await signInAtInteraction(server, agent, realm, locationOf(started.response), { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      assert.match(next, new RegExp(`^/realms/${realm.id}/interaction/`), 'on to the consent prompt');
      const view = await server.services.oidc.interactions.view(realm, agent.exchange(next));
      assert.equal(view.prompt, 'consent');
      assert.equal(view.userId, userId);
      assert.deepEqual(view.missingScopes.sort(), ['email', 'openid', 'profile']);
      const resume = await server.services.oidc.interactions.consented(realm, agent.exchange(next), { ip: null, userAgent: null });
      const callback = locationOf(await agent.get(resume));
      await exchange(config, callback, started);
      assert.deepEqual((await server.services.applications.consent(realm.id, userId, app.id))?.scopes.sort(), ['email', 'openid', 'profile']);

      const fresh = new BrowserAgent(server.baseUrl);
      const flow = await signInFlow(config, fresh);
      assert.match(flow.callback, /^https:\/\/app\.example\/callback\?code=/, 'no consent page the second time');
      const silent = await authorize(config, fresh, { prompt: 'none' });
      assert.match(locationOf(silent.response), /^https:\/\/app\.example\/callback\?code=/);
    });

    it('keeps the provider session bound to its realm session when a consent gives it a new id (found by review)', async () => {
      const first = await server.apps.add(realm, { name: 'First party' });
      const third = await server.apps.add(realm, { consent: 'required', name: 'Asks consent' });
      const [configA, configB] = [await relyingParty(first.app, first.secret), await relyingParty(third.app, third.secret)];
      const agent = new BrowserAgent(server.baseUrl);
      const signedIn = await signInFlow(configA, agent);
      // Already signed in: the second application's interaction is only a consent, no new sign-in.
      const started = await authorize(configB, agent);
      const consent = locationOf(started.response);
      assert.equal((await server.services.oidc.interactions.view(realm, agent.exchange(consent))).prompt, 'consent');
      const resume = await server.services.oidc.interactions.consented(realm, agent.exchange(consent), { ip: null, userAgent: null });
      assert.match(locationOf(await agent.get(resume)), /^https:\/\/app\.example\/callback\?code=/);
      assert.match(locationOf((await authorize(configA, agent, { prompt: 'none' })).response), /\?code=/, 'still signed in');
      // The realm session ends (an operator signs the user out everywhere): so does the provider session.
      const ended = await fetch(`${server.baseUrl}/admin/v1/realms/${realm.id}/users/${userId}/logout`, { method: 'POST', headers: server.adminHeaders });
      assert.equal(ended.status, 204, await ended.text());
      const silent = new URL(locationOf((await authorize(configA, agent, { prompt: 'none' })).response));
      assert.equal(silent.searchParams.get('error'), 'login_required', `${silent} (realm session ${signedIn.sessionId})`);
    });

    it('refuses scopes the application may not ask for (invalid_scope), and no consent is remembered', async () => {
      const { app, secret } = await server.apps.add(realm, { consent: 'required', name: 'Narrow', scopes: ['openid', 'profile'] });
      const config = await relyingParty(app, secret);
      const started = await authorize(config, new BrowserAgent(server.baseUrl), { scope: 'openid profile email' });
      const back = new URL(locationOf(started.response));
      assert.equal(back.searchParams.get('error'), 'invalid_scope');
      assert.equal(back.searchParams.get('state'), started.state);
      assert.equal(await server.services.applications.consent(realm.id, userId, app.id), undefined);
    });

    it('cancelling gives the application access_denied; a wrong or unknown uid is interaction_not_found', async () => {
      const { app, secret } = await server.apps.add(realm);
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      const started = await authorize(config, agent);
      const interaction = locationOf(started.response);
      await assert.rejects(server.services.oidc.interactions.view(realm, agent.exchange(`/realms/${realm.id}/interaction/not-this-one`)), { code: 'oidc.interaction_not_found' });
      await assert.rejects(server.services.oidc.interactions.view(realm, new BrowserAgent(server.baseUrl).exchange(interaction)), { code: 'oidc.interaction_not_found' });
      const other = await server.services.realms.create({ name: 'Other', slug: 'other' }, operator);
      await assert.rejects(server.services.oidc.interactions.view(other, agent.exchange(interaction.replace(realm.id, other.id))), { code: 'oidc.interaction_not_found' });
      const resume = await server.services.oidc.interactions.cancelled(realm, agent.exchange(interaction));
      const back = new URL(locationOf(await agent.get(resume)));
      assert.equal(back.searchParams.get('error'), 'access_denied');
      assert.equal(back.searchParams.get('state'), started.state);
    });

    it('ends with the realm session: prompt=none needs a login again, introspection says inactive', async () => {
      const { app, secret } = await server.apps.add(realm);
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      const flow = await signInFlow(config, agent);
      const tokens = await exchange(config, flow.callback, flow);
      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, true);
      await server.services.users.revokeSession(realm, userId, flow.sessionId, operator);
      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false);
      const silent = await authorize(config, agent, { prompt: 'none' });
      assert.match(locationOf(silent.response), /error=login_required/);
    });

    it('a locked user has no account: no silent sign-in, no userinfo', async () => {
      const locked = (await server.services.users.create(realm, { username: 'bob', password: PASSWORD }, operator)).id;
      const { app, secret } = await server.apps.add(realm);
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      const started = await authorize(config, agent);
      const sessionId = await realmSession('bob');
      const callback = await signInAtInteraction(server, agent, realm, locationOf(started.response), { userId: locked, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const tokens = await exchange(config, callback, started);
      await server.services.users.lock(realm, locked, 'test', operator);
      await assert.rejects(client.fetchUserInfo(config, tokens.access_token, locked));
      const silent = await authorize(config, agent, { prompt: 'none' });
      assert.match(locationOf(silent.response), /error=login_required/);
    });

    it('prompt=login and max_age ask for sign-in again despite a live session', async () => {
      const { app, secret } = await server.apps.add(realm);
      const config = await relyingParty(app, secret);
      const agent = new BrowserAgent(server.baseUrl);
      await signInFlow(config, agent);
      assert.match(locationOf((await authorize(config, agent)).response), /^https:\/\/app\.example\/callback\?code=/, 'the session is live');
      assert.match(locationOf((await authorize(config, agent, { prompt: 'login' })).response), new RegExp(`^/realms/${realm.id}/interaction/`));
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.match(locationOf((await authorize(config, agent, { max_age: '0' })).response), new RegExp(`^/realms/${realm.id}/interaction/`));
    });

    it('keeps the provider session alone in a realm without managed sessions', async () => {
      const unmanaged = await server.services.realms.create({ name: 'Loose', slug: 'loose', tokens: { session_type: 'unmanaged' } } as never, operator);
      const loose = (await server.services.users.create(unmanaged, { username: 'lee', password: PASSWORD }, operator)).id;
      const { app, secret } = await server.apps.add(unmanaged);
      const config = await client.discovery(new URL(`${server.baseUrl}/realms/${unmanaged.id}`), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      const agent = new BrowserAgent(server.baseUrl);
      const started = await authorize(config, agent);
      const callback = await signInAtInteraction(server, agent, unmanaged, locationOf(started.response), { userId: loose, sessionId: null, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const tokens = await exchange(config, callback, started);
      assert.equal(decodeJwt(tokens.access_token).payload.sid, undefined, 'no realm session to name');
      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, true);
      assert.match(locationOf((await authorize(config, agent, { prompt: 'none' })).response), /^https:\/\/app\.example\/callback\?code=/);
    });

    it('a disabled application cannot start a sign-in', async () => {
      const { app } = await server.apps.add(realm);
      await server.apps.update(realm, app.clientId, { enabled: false });
      const response = await new BrowserAgent(server.baseUrl).get(`${issuer}/oidc/auth?${new URLSearchParams({ client_id: app.clientId, response_type: 'code', scope: 'openid', redirect_uri: CALLBACK, code_challenge: 'a'.repeat(43), code_challenge_method: 'S256' })}`);
      assert.equal(response.status, 400);
      assert.match(await response.text(), /invalid_client/);
    });
  });
}
