import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import { after, before, describe, it } from 'node:test';
import * as client from 'openid-client';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { BrowserAgent, locationOf, signInAtInteraction } from './browser-agent.ts';
import { decodeJwt, oidcServerPerSuite, type AppOverrides } from './oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';
const CALLBACK = 'https://app.example/callback';
const SIGNED_OUT = 'https://app.example/signed-out';

/** Step 5: RP-initiated and back-channel logout, the device flow, pushed authorization requests, step-up. */
for (const dialect of dialects) {
  describe(`OpenID Connect logout, device flow, PAR and step-up on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let issuer: string;
    let userId: string;
    // An application's back-channel logout endpoint: what it received.
    const logoutTokens: string[] = [];
    let receiver: HttpServer;
    let receiverUrl: string;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Shop', slug: 'shop' }, operator);
      issuer = `${server.baseUrl}/realms/${realm.id}`;
      userId = (await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator)).id;
      receiver = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          logoutTokens.push(new URLSearchParams(body).get('logout_token') ?? '');
          res.writeHead(200).end();
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/backchannel`;
    });
    after(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    async function realmSession(): Promise<string> {
      const login = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ada', password: PASSWORD }) });
      return ((await login.json()) as { session_id: string }).session_id;
    }

    async function relyingParty(overrides: AppOverrides = {}) {
      const { app, secret } = await server.apps.add(realm, overrides);
      const auth = secret ? client.ClientSecretBasic(secret) : client.None();
      return { app, config: await client.discovery(new URL(issuer), app.clientId, undefined, auth, { execute: [client.allowInsecureRequests] }) };
    }

    async function start(config: client.Configuration, agent: BrowserAgent, extra: Record<string, string> = {}) {
      const verifier = client.randomPKCECodeVerifier();
      const state = randomBytes(8).toString('hex');
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
      return { verifier, state, response: await agent.get(url.href) };
    }

    async function signIn(config: client.Configuration, agent: BrowserAgent, acr = 'aal1') {
      const started = await start(config, agent);
      const sessionId = await realmSession();
      const callback = await signInAtInteraction(server, agent, realm, locationOf(started.response), { userId, sessionId, authTime: Date.now(), amr: acr === 'aal2' ? ['pwd', 'otp'] : ['pwd'], acr });
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: started.verifier, expectedState: started.state });
      return { tokens, sessionId };
    }

    const xsrfOf = (html: string) => /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

    it('RP-initiated logout ends the realm session and tells applications over the back channel', async () => {
      const { app, config } = await relyingParty({ backchannelLogoutUri: receiverUrl, postLogoutRedirectUris: [SIGNED_OUT] });
      const agent = new BrowserAgent(server.baseUrl);
      const { tokens, sessionId } = await signIn(config, agent);
      const endUrl = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: SIGNED_OUT, state: 'bye' });
      const confirm = await agent.get(endUrl.href);
      assert.equal(confirm.status, 200);
      const page = await confirm.text();
      assert.match(page, /Sign out\?/, 'the logout confirmation, through the page renderer');
      const done = await agent.get(`${issuer}/oidc/session/end/confirm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf: xsrfOf(page), logout: 'yes' }) });
      assert.equal(locationOf(done), `${SIGNED_OUT}?state=bye`);

      const session = await server.services.users.listSessions(realm, userId, { limit: 100 });
      assert.ok(!session.items.some((s) => s.id === sessionId && s.revoked_at === null), 'the realm session ended');
      assert.equal((await fetch(`${server.baseUrl}/realms/${realm.id}/auth/validate`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status, 401);
      const logoutToken = logoutTokens.at(-1);
      assert.ok(logoutToken, 'a logout token reached the application');
      const { header, payload } = decodeJwt(logoutToken);
      assert.equal(header.typ, 'logout+jwt');
      assert.equal(payload.iss, issuer);
      assert.equal(payload.aud, app.clientId);
      assert.equal(payload.sub, userId);
      assert.ok((payload.events as Record<string, unknown>)['http://schemas.openid.net/event/backchannel-logout']);
      const events = await server.services.events.list(server.database.db, realm.id, { type: 'oidc.logout' }, { limit: 5 });
      assert.equal(events.items[0]?.details.session_id, sessionId);

      const silent = await start(config, agent, { prompt: 'none' });
      assert.match(locationOf(silent.response), /error=login_required/);
    });

    /** The logout tokens applications received for these client ids, waiting a little for them to arrive. */
    async function logoutTokensFor(clientIds: string[], wait = 2_000): Promise<Record<string, unknown>[]> {
      const matching = () => logoutTokens.map((token) => decodeJwt(token).payload).filter((payload) => clientIds.includes(String(payload.aud)));
      for (let waited = 0; matching().length === 0 && waited < wait; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      // Long enough for a second, duplicate token to have arrived too.
      await new Promise((resolve) => setTimeout(resolve, 100));
      return matching();
    }

    it('tells applications over the back channel when the realm session ends elsewhere: revoked by an operator', async () => {
      const { app, config } = await relyingParty({ backchannelLogoutUri: receiverUrl });
      const { tokens, sessionId } = await signIn(config, new BrowserAgent(server.baseUrl));
      const sid = String(decodeJwt(tokens.id_token!).payload.sid);
      await server.services.users.revokeSession(realm, userId, sessionId, operator);
      const received = await logoutTokensFor([app.clientId]);
      assert.equal(received.length, 1, 'exactly one logout token');
      assert.equal(received[0].sid, sid);
      assert.equal(received[0].aud, app.clientId);
      assert.equal(received[0].sub, userId);
      assert.equal(received[0].iss, issuer);
    });

    it('…and when every session of the user ends (a new password set by an operator), for each application signed in', async () => {
      const first = await relyingParty({ backchannelLogoutUri: receiverUrl });
      const second = await relyingParty({ backchannelLogoutUri: receiverUrl });
      const silent = await relyingParty();
      const agent = new BrowserAgent(server.baseUrl);
      await signIn(first.config, agent);
      // The same browser session signs in to the second application (and one without a back channel).
      for (const other of [second, silent]) {
        const started = await start(other.config, agent);
        assert.match(locationOf(started.response), /^https:\/\/app\.example\/callback\?code=/, 'signed in silently');
      }
      await server.services.users.setPassword(realm, userId, `${PASSWORD} again`, operator);
      await server.services.users.setPassword(realm, userId, PASSWORD, operator);
      const audiences = (await logoutTokensFor([first.app.clientId, second.app.clientId, silent.app.clientId])).map((payload) => payload.aud).sort();
      assert.deepEqual(audiences, [first.app.clientId, second.app.clientId].sort());
    });

    it('…and when the user is deleted (their sessions go with them)', async () => {
      const bob = (await server.services.users.create(realm, { username: 'bob', password: PASSWORD }, operator)).id;
      const { app, config } = await relyingParty({ backchannelLogoutUri: receiverUrl });
      const agent = new BrowserAgent(server.baseUrl);
      const started = await start(config, agent);
      const login = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'bob', password: PASSWORD }) });
      const sessionId = ((await login.json()) as { session_id: string }).session_id;
      const callback = await signInAtInteraction(server, agent, realm, locationOf(started.response), { userId: bob, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: started.verifier, expectedState: started.state });
      await server.services.users.remove(realm, bob, operator);
      const received = await logoutTokensFor([app.clientId]);
      assert.equal(received.length, 1);
      assert.equal(received[0].sub, bob);
    });

    it('speaks the ui_locales of the logout request before the browser’s language', async () => {
      const { config } = await relyingParty();
      const agent = new BrowserAgent(server.baseUrl);
      const { tokens } = await signIn(config, agent);
      const page = await (await agent.get(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, ui_locales: 'es' }).href, { headers: { 'accept-language': 'de' } })).text();
      assert.match(page, /<html lang="es"/);
      assert.match(page, /¿Cerrar sesión\?/);
    });

    it('refuses a post-logout redirect that is not registered exactly', async () => {
      const { config } = await relyingParty({ postLogoutRedirectUris: [SIGNED_OUT] });
      const agent = new BrowserAgent(server.baseUrl);
      const { tokens } = await signIn(config, agent);
      const response = await agent.get(client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: `${SIGNED_OUT}/` }).href);
      assert.equal(response.status, 400);
      assert.match(await response.text(), /post_logout_redirect_uri/);
    });

    it('runs the device flow: code entry, confirmation, sign-in, then the device polls its tokens', async () => {
      const { app, config } = await relyingParty({ kind: 'device' });
      const device = await client.initiateDeviceAuthorization(config, { scope: 'openid' });
      assert.equal(device.verification_uri, `${issuer}/oidc/device`);
      const agent = new BrowserAgent(server.baseUrl);
      const entry = await agent.get(device.verification_uri);
      const entryPage = await entry.text();
      assert.match(entryPage, /Enter the code your device shows/);
      const wrong = await agent.get(device.verification_uri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf: xsrfOf(entryPage), user_code: 'BBBB-BBBB' }) });
      assert.match(await wrong.text(), /That code is not valid/);
      const retry = await (await agent.get(device.verification_uri)).text();
      const confirm = await agent.get(device.verification_uri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf: xsrfOf(retry), user_code: device.user_code }) });
      const confirmPage = await confirm.text();
      assert.match(confirmPage, new RegExp(device.user_code));
      const go = await agent.get(device.verification_uri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf: xsrfOf(confirmPage), user_code: device.user_code, confirm: 'yes' }) });
      const interaction = locationOf(go);
      const sessionId = await realmSession();
      const resume = await server.services.oidc.interactions.signedIn(realm, agent.exchange(interaction), { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const success = await agent.get(resume);
      assert.match(await success.text(), /Your device is connected/);
      const tokens = await client.pollDeviceAuthorizationGrant(config, device);
      assert.equal(decodeJwt(tokens.access_token).payload.client_id, app.clientId);
      assert.equal(tokens.claims()?.sub, userId);
    });

    it('a device code posted without a provider session starts the entry page again; one whose session ended gets the form again (no 500)', async () => {
      const { config } = await relyingParty({ kind: 'device' });
      const device = await client.initiateDeviceAuthorization(config, { scope: 'openid' });
      const post = (agent: BrowserAgent, xsrf: string) =>
        agent.get(device.verification_uri, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, user_code: device.user_code }) });
      const cookieless = await post(new BrowserAgent(server.baseUrl), 'anything');
      assert.equal(cookieless.status, 303, await cookieless.clone().text());
      assert.equal(new URL(locationOf(cookieless), issuer).pathname, `/realms/${realm.id}/oidc/device`);

      // The form was served in a provider session whose realm session has ended since.
      const agent = new BrowserAgent(server.baseUrl);
      const signedIn = await signIn((await relyingParty()).config, agent);
      const entryPage = await (await agent.get(device.verification_uri)).text();
      await server.services.users.revokeSession(realm, userId, signedIn.sessionId, operator);
      const stale = await post(agent, xsrfOf(entryPage));
      assert.equal(stale.status, 400, 'the form is shown again, in a new session');
      const confirm = await post(agent, xsrfOf(await stale.text()));
      assert.match(await confirm.text(), new RegExp(device.user_code), 'and it works');
      const fresh = await (await new BrowserAgent(server.baseUrl).get(locationOf(cookieless))).text();
      assert.ok(xsrfOf(fresh), 'the entry page the cookieless post was sent to has a form');
    });

    it('accepts pushed authorization requests', async () => {
      const { config } = await relyingParty();
      const verifier = client.randomPKCECodeVerifier();
      const url = await client.buildAuthorizationUrlWithPAR(config, { redirect_uri: CALLBACK, scope: 'openid', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state: 'par' });
      assert.ok(url.searchParams.get('request_uri')?.startsWith('urn:ietf:params:oauth:request_uri:'));
      const agent = new BrowserAgent(server.baseUrl);
      const interaction = locationOf(await agent.get(url.href));
      const sessionId = await realmSession();
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: 'par' });
      assert.equal(tokens.claims()?.sub, userId);
    });

    it('tells the pages how fresh a sign-in the application asked for: prompt=login now, max_age when the session is older or missing', async () => {
      const { config } = await relyingParty();
      const maxAuthAge = async (agent: BrowserAgent, params: Record<string, string>) => {
        const started = await start(config, agent, params);
        return (await server.services.oidc.interactions.view(realm, agent.exchange(locationOf(started.response)))).maxAuthAge;
      };
      const newcomer = new BrowserAgent(server.baseUrl);
      assert.equal(await maxAuthAge(newcomer, {}), null, 'no demand');
      assert.equal(await maxAuthAge(newcomer, { max_age: '600' }), 600, 'no session to measure: the demand stands');
      assert.equal(await maxAuthAge(newcomer, { max_age: '600', prompt: 'login' }), 0);
      const returning = new BrowserAgent(server.baseUrl);
      await signIn(config, returning);
      assert.equal(await maxAuthAge(returning, { prompt: 'login' }), 0);
      assert.equal(await maxAuthAge(returning, { max_age: '0' }), 0, 'a session of any age is too old');
      const recent = await start(config, returning, { max_age: '3600' });
      assert.match(locationOf(recent.response), /^https:\/\/app\.example\/callback\?code=/, 'a recent session answers at once');
    });

    it('asks for a second factor again when acr_values=aal2 and the session has only aal1', async () => {
      const { config } = await relyingParty();
      const agent = new BrowserAgent(server.baseUrl);
      await signIn(config, agent);
      const silent = await start(config, agent, { prompt: 'none', acr_values: 'aal2' });
      assert.match(locationOf(silent.response), /error=login_required/);
      const stepUp = await start(config, agent, { acr_values: 'aal2' });
      const interaction = locationOf(stepUp.response);
      const view = await server.services.oidc.interactions.view(realm, agent.exchange(interaction));
      assert.equal(view.prompt, 'login');
      assert.equal(view.requiredAcr, 'aal2');
      const sessionId = await realmSession();
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd', 'otp'], acr: 'aal2' });
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: stepUp.verifier, expectedState: stepUp.state });
      assert.equal(tokens.claims()?.acr, 'aal2');
      const again = await start(config, agent, { prompt: 'none', acr_values: 'aal2' });
      assert.match(locationOf(again.response), /^https:\/\/app\.example\/callback\?code=/);
    });
  });
}

for (const dialect of dialects) {
  describe(`OpenID Connect direct sign-in and CORS on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let userId: string;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Direct', slug: 'direct' }, operator);
      userId = (await server.services.users.create(realm, { username: 'ada', password: PASSWORD }, operator)).id;
    });

    it('signs in on the realm’s own pages and returns to the checked address; a forged state goes nowhere', async () => {
      const agent = new BrowserAgent(server.baseUrl);
      const start = await server.services.oidc.interactions.startDirectSignIn(realm, agent.exchange(`/realms/${realm.id}/login`), 'https://app.example/home');
      const interaction = locationOf(await agent.get(start));
      const view = await server.services.oidc.interactions.view(realm, agent.exchange(interaction));
      assert.equal(view.client.clientId, 'keyrealm-pages');
      const login = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ada', password: PASSWORD }) });
      const sessionId = ((await login.json()) as { session_id: string }).session_id;
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      assert.ok(callback.startsWith(`${server.baseUrl}/realms/${realm.id}/oidc/callback/pages?`));
      assert.equal(locationOf(await agent.get(callback)), 'https://app.example/home');

      const forged = new URL(callback);
      const mac = forged.searchParams.get('state')!.split('.')[1];
      const evil = Buffer.from(JSON.stringify({ r: 'https://evil.example', e: Date.now() + 60_000 })).toString('base64url');
      forged.searchParams.set('state', `${evil}.${mac}`);
      const refused = await agent.get(forged.href);
      assert.equal(refused.status, 400);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'oidc.invalid_state');
      const other = await server.services.realms.create({ name: 'Elsewhere', slug: 'elsewhere' }, operator);
      const moved = await agent.get(callback.replace(realm.id, other.id));
      assert.equal(moved.status, 400, "a state signed for one realm is nothing in another");
    });

    it('answers CORS at the token endpoint only for the application’s origins', async () => {
      const { app } = await server.apps.add(realm, { kind: 'spa', tokenEndpointAuthMethod: 'none', redirectUris: ['https://spa.example/cb'] });
      const preflight = (origin: string) =>
        fetch(`${server.baseUrl}/realms/${realm.id}/oidc/token`, { method: 'POST', headers: { origin, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x', client_id: app.clientId, redirect_uri: 'https://spa.example/cb', code_verifier: 'a'.repeat(43) }) });
      assert.equal((await preflight('https://spa.example')).headers.get('access-control-allow-origin'), 'https://spa.example');
      assert.equal((await preflight('https://evil.example')).headers.get('access-control-allow-origin'), null);
    });
  });
}
