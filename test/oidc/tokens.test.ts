import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { oidcStore } from '../../src/oidc/oidc-store.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { operator } from '../support/fixtures.ts';
import { dialects } from '../support/databases.ts';
import { BrowserAgent, locationOf, signInAtInteraction } from './browser-agent.ts';
import { basic, decodeJwt, oidcServerPerSuite, type AppOverrides } from './oidc-fixtures.ts';

const PASSWORD = 'correct horse battery staple 9';
const CALLBACK = 'https://app.example/callback';

/** Step 4: refresh (rotation, reuse ends the grant), userinfo, introspection, revocation and validate of JWT access tokens. */
for (const dialect of dialects) {
  describe(`OpenID Connect tokens on ${dialect}`, () => {
    const server = oidcServerPerSuite(dialect);
    let realm: Realm;
    let issuer: string;
    let userId: string;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Shop', slug: 'shop' }, operator);
      issuer = `${server.baseUrl}/realms/${realm.id}`;
      userId = (await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', password: PASSWORD }, operator)).id;
    });

    /** A signed-in user's tokens for a new application (offline access, so with a refresh token). */
    async function signedIn(overrides: AppOverrides = {}, extra: Record<string, string> = {}) {
      const { app, secret } = await server.apps.add(realm, { grantTypes: ['authorization_code', 'refresh_token'], ...overrides });
      const config = await client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      const agent = new BrowserAgent(server.baseUrl);
      const verifier = client.randomPKCECodeVerifier();
      const state = randomBytes(8).toString('hex');
      const url = client.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid profile email offline_access', prompt: 'consent', code_challenge: await client.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...extra });
      const interaction = locationOf(await agent.get(url.href));
      const login = await fetch(`${server.baseUrl}/realms/${realm.id}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'ada', password: PASSWORD }) });
      const sessionId = ((await login.json()) as { session_id: string }).session_id;
      const callback = await signInAtInteraction(server, agent, realm, interaction, { userId, sessionId, authTime: Date.now(), amr: ['pwd'], acr: 'aal1' });
      const tokens = await client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state });
      return { app, secret, config, tokens, sessionId };
    }

    const validate = (token: string, realmId = realm.id) => fetch(`${server.baseUrl}/realms/${realmId}/auth/validate`, { headers: { authorization: `Bearer ${token}` } });

    /** The same application, used from somewhere else (another User-Agent): a thief replaying its refresh token. */
    async function elsewhere(app: { clientId: string }, secret: string) {
      const config = await client.discovery(new URL(issuer), app.clientId, undefined, client.ClientSecretBasic(secret), { execute: [client.allowInsecureRequests] });
      config[client.customFetch] = (url, options) => {
        const headers = new Headers(options.headers);
        headers.set('user-agent', 'somewhere else');
        return fetch(url, { ...options, headers } as RequestInit);
      };
      return config;
    }

    it('rotates refresh tokens; a spent one presented again from elsewhere ends the grant and every token under it', async () => {
      const { app, secret, config, tokens } = await signedIn();
      assert.ok(tokens.refresh_token, 'offline_access gives a refresh token');
      const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
      assert.notEqual(refreshed.refresh_token, tokens.refresh_token, 'rotated');
      const { payload } = decodeJwt(refreshed.access_token);
      assert.equal(payload.sub, userId);
      assert.equal(payload.aud, issuer);
      assert.ok(payload.sid, 'the realm session rides on');
      assert.equal((await client.tokenIntrospection(config, refreshed.access_token)).active, true);

      await assert.rejects(client.refreshTokenGrant(await elsewhere(app, secret), tokens.refresh_token), (error: { error?: string }) => error.error === 'invalid_grant');
      await assert.rejects(client.refreshTokenGrant(config, refreshed.refresh_token!), (error: { error?: string }) => error.error === 'invalid_grant', 'the successor died with the grant');
      assert.equal((await client.tokenIntrospection(config, refreshed.access_token)).active, false);
      assert.equal((await validate(refreshed.access_token)).status, 401);
      let reused;
      for (let attempt = 0; attempt < 50 && !reused; attempt += 1) {
        reused = (await server.services.events.list(server.database.db, realm.id, { type: 'oidc.token_refresh_reused' }, { limit: 10 })).items.find((event) => event.details.client_id === app.clientId);
        if (!reused) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.ok(reused, 'recorded for the operator');
      assert.equal(reused.user_id, userId);
    });

    it('a retry within the realm’s reuse interval, from the same client and origin, is served without forking the grant', async () => {
      const { app, secret, config, tokens } = await signedIn();
      const first = await client.refreshTokenGrant(config, tokens.refresh_token!);
      const retried = await client.refreshTokenGrant(config, tokens.refresh_token!);
      assert.ok(retried.access_token, 'a double submit still gets an access token');
      assert.equal(retried.refresh_token, tokens.refresh_token, 'and the same, spent refresh token: no second chain');
      assert.equal((await client.tokenIntrospection(config, first.access_token)).active, true, 'the first answer still works');
      assert.equal((await client.tokenIntrospection(config, tokens.refresh_token!)).active, false, 'the spent token introspects as spent');
      const onward = await client.refreshTokenGrant(config, first.refresh_token!);
      assert.ok(onward.access_token, 'the first answer’s successor is the one chain');
      // The spent token presented from elsewhere is reuse, and ends the grant.
      await assert.rejects(client.refreshTokenGrant(await elsewhere(app, secret), tokens.refresh_token!), (error: { error?: string }) => error.error === 'invalid_grant');
      await assert.rejects(client.refreshTokenGrant(config, onward.refresh_token!), (error: { error?: string }) => error.error === 'invalid_grant', 'the grant ended');
    });

    it('two concurrent uses of one refresh token by one client: one wins, the other is refused without ending the grant', async () => {
      const { config, tokens } = await signedIn();
      const results = await Promise.allSettled([client.refreshTokenGrant(config, tokens.refresh_token!), client.refreshTokenGrant(config, tokens.refresh_token!)]);
      const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<client.TokenEndpointResponse>[];
      assert.ok(won.length >= 1, 'at least one is served');
      const rotated = won.filter((r) => r.value.refresh_token !== tokens.refresh_token);
      assert.equal(rotated.length, 1, 'exactly one successor: the grant has one chain');
      for (const answer of won) assert.equal((await client.tokenIntrospection(config, answer.value.access_token)).active, true);
      const onward = await client.refreshTokenGrant(config, rotated[0].value.refresh_token!);
      assert.ok(onward.access_token, 'the grant lives on');
    });

    it('two concurrent uses from different origins: one wins, the other is reuse and ends the grant', async () => {
      const { app, secret, config, tokens } = await signedIn();
      const results = await Promise.allSettled([client.refreshTokenGrant(config, tokens.refresh_token!), client.refreshTokenGrant(await elsewhere(app, secret), tokens.refresh_token!)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, 'exactly one refresh succeeds');
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.equal((lost.reason as { error?: string }).error, 'invalid_grant');
      const successor = (won[0] as PromiseFulfilledResult<{ refresh_token?: string }>).value.refresh_token!;
      await assert.rejects(client.refreshTokenGrant(config, successor), (error: { error?: string }) => error.error === 'invalid_grant', 'the grant ended');
    });

    it('after the reuse interval, the same origin presenting a spent token is reuse', async () => {
      const short = await server.services.realms.update(realm.id, { tokens: { refresh_reuse_interval_seconds: 1 } } as never, operator);
      try {
        const { config, tokens } = await signedIn();
        const first = await client.refreshTokenGrant(config, tokens.refresh_token!);
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (error: { error?: string }) => error.error === 'invalid_grant');
        await assert.rejects(client.refreshTokenGrant(config, first.refresh_token!), (error: { error?: string }) => error.error === 'invalid_grant', 'the grant ended');
      } finally {
        realm = await server.services.realms.update(short.id, { tokens: { refresh_reuse_interval_seconds: 5 } } as never, operator);
      }
    });

    it('uses the realm’s lifetimes, or the application’s own', async () => {
      const { tokens } = await signedIn();
      assert.equal(tokens.expires_in, realm.tokens.access_token_minutes * 60);
      const { tokens: shorter } = await signedIn({ accessTokenMinutes: 5 });
      assert.equal(shorter.expires_in, 300);
      const { exp, iat } = decodeJwt(shorter.access_token).payload as { exp: number; iat: number };
      assert.equal(exp - iat, 300);
    });

    it('validate accepts the provider’s access tokens while they are recorded and their session lives', async () => {
      const { config, tokens, sessionId } = await signedIn();
      const ok = await validate(tokens.access_token);
      assert.equal(ok.status, 200, await ok.clone().text());
      const body = (await ok.json()) as { user_id: string; session_id: string; claims: Record<string, unknown>; access: unknown };
      assert.equal(body.user_id, userId);
      assert.equal(body.session_id, sessionId);
      assert.deepEqual(body.access, { type: 'standard' });

      const other = await server.services.realms.create({ name: 'Other', slug: `other-${randomBytes(3).toString('hex')}` }, operator);
      assert.equal((await validate(tokens.access_token, other.id)).status, 401, "realm A's token at realm B");
      const elsewhere = await fetch(`${server.baseUrl}/realms/${other.id}/oidc/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      assert.equal(elsewhere.status, 401, "nor at realm B's userinfo");

      await client.tokenRevocation(config, tokens.access_token);
      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false);
      assert.equal((await validate(tokens.access_token)).status, 401, 'a revoked token is refused');
    });

    it('when the realm session ends: introspection inactive, refresh refused, validate refused', async () => {
      const { config, tokens, sessionId } = await signedIn();
      assert.equal((await validate(tokens.access_token)).status, 200);
      await server.services.users.revokeSession(realm, userId, sessionId, operator);
      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false);
      assert.equal((await validate(tokens.access_token)).status, 401);
      await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!), (error: { error?: string }) => error.error === 'invalid_grant');
    });

    it('a JWT access token’s jti is no token: refused at userinfo, inactive at introspection, revokes nothing', async () => {
      const { config, tokens } = await signedIn();
      const jti = String(decodeJwt(tokens.access_token).payload.jti);
      const userinfo = await fetch(`${issuer}/oidc/userinfo`, { headers: { authorization: `Bearer ${jti}` } });
      assert.equal(userinfo.status, 401);
      assert.equal((await client.tokenIntrospection(config, jti)).active, false);
      assert.equal((await client.tokenIntrospection(config, jti, { token_type_hint: 'access_token' })).active, false);
      await client.tokenRevocation(config, jti);
      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, true, 'the token itself lives on');
      // Whatever path or encoding reaches the provider's look-up, the jti names no record.
      assert.equal(await oidcStore.findRow(server.database.db, realm.id, 'AccessToken', jti), undefined);
      assert.ok(await oidcStore.findRow(server.database.db, realm.id, 'AccessToken', server.services.oidc.recordId(realm.id, jti)), 'recorded under its record id');
      await client.tokenRevocation(config, tokens.access_token);
      assert.equal((await client.tokenIntrospection(config, tokens.access_token)).active, false, 'revoking the token itself still works');
    });

    it('a jti stays no token on every path and body type the provider routes and parses (any case, trailing slash)', async () => {
      const { app, secret, tokens } = await signedIn();
      const jti = String(decodeJwt(tokens.access_token).payload.jti);
      const post = (path: string, body: string, contentType = 'application/x-www-form-urlencoded', headers: Record<string, string> = {}) =>
        fetch(`${issuer}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });
      const introspected = async (response: Response) => ((await response.json()) as { active: boolean }).active;
      const auth = { authorization: basic(app.clientId, secret) };
      for (const path of ['/oidc/token/introspection/', '/oidc/Token/Introspection', '/oidc/TOKEN/INTROSPECTION/']) {
        const response = await post(path, new URLSearchParams({ token: jti }).toString(), undefined, auth);
        assert.equal(response.status, 200, path);
        assert.equal(await introspected(response), false, path);
      }
      for (const contentType of ['Application/X-WWW-Form-Urlencoded', 'APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8']) {
        assert.equal(await introspected(await post('/oidc/token/introspection', new URLSearchParams({ token: jti }).toString(), contentType, auth)), false, contentType);
        assert.equal((await post('/oidc/userinfo', new URLSearchParams({ access_token: jti }).toString(), contentType)).status, 401, contentType);
      }
      for (const path of ['/oidc/userinfo/', '/oidc/UserInfo', '/oidc/USERINFO/']) {
        assert.equal((await fetch(`${issuer}${path}`, { headers: { authorization: `Bearer ${jti}` } })).status, 401, path);
        const real = await fetch(`${issuer}${path}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
        assert.equal(real.status, 200, `the token itself still works at ${path}`);
      }
      await post('/oidc/token/revocation/', new URLSearchParams({ token: jti }).toString(), 'Application/x-www-form-urlencoded', auth);
      assert.equal(await introspected(await post('/oidc/token/introspection/', new URLSearchParams({ token: tokens.access_token }).toString(), undefined, auth)), true, 'the token itself lives on');
    });

    it('userinfo accepts tokens for the realm itself, not those bound to an API audience', async () => {
      const { config, tokens } = await signedIn();
      assert.equal((await client.fetchUserInfo(config, tokens.access_token, userId)).sub, userId);
      const api = await signedIn({ accessTokenAudience: 'https://api.example' });
      assert.equal(decodeJwt(api.tokens.access_token).payload.aud, 'https://api.example');
      await assert.rejects(client.fetchUserInfo(api.config, api.tokens.access_token, userId));
      assert.equal((await client.tokenIntrospection(api.config, api.tokens.access_token)).active, true, 'still introspectable');
    });

    it('ends what one application holds when it is disabled, and a user’s grants when their consent is revoked', async () => {
      const { app, config, tokens } = await signedIn();
      await server.services.oidc.grantsEnder.endForUser(realm.id, app.id, userId);
      assert.equal((await validate(tokens.access_token)).status, 401);
      await assert.rejects(client.refreshTokenGrant(config, tokens.refresh_token!));
      const second = await signedIn();
      await server.apps.update(realm, second.app.clientId, { enabled: false });
      assert.equal((await validate(second.tokens.access_token)).status, 401, 'a disabled application’s tokens end');
    });

    it('refuses client-credentials tokens at validate (they name no user)', async () => {
      const { app, secret } = await server.apps.add(realm, { kind: 'machine' });
      const response = await fetch(`${issuer}/oidc/token`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${app.clientId}:${secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' });
      const { access_token: token } = (await response.json()) as { access_token: string };
      assert.equal((await validate(token)).status, 401);
    });
  });
}
