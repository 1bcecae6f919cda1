import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, json, send } from '../support/http.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverPerSuite } from '../support/server.ts';
import { PASSWORD } from './fixtures.ts';

/** The public auth and account routes over HTTP: success and bad inputs for each. */
for (const dialect of dialects) {
  describe(`auth API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let adaId: string;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Shop', slug: 'shop' }, operator);
      adaId = (await server.services.users.create(realm, { username: 'ada', email: 'ada@example.com', first_name: 'Ada', password: PASSWORD }, operator)).id;
    });

    const post = (url: string, payload?: unknown, headers?: Record<string, string>) => send(server, 'POST', url, payload, headers);
    const login = (identifier = 'ada', password = PASSWORD, realmRef = 'shop') => post(`/realms/${realmRef}/auth/login`, { identifier, password });
    const signIn = async (identifier = 'ada', password = PASSWORD) => {
      const response = await login(identifier, password);
      assert.equal(response.statusCode, 200, response.body);
      return response.json();
    };

    describe('POST /realms/:realm/auth/login', () => {
      it('signs in by realm slug or id and returns tokens and the user', async () => {
        for (const ref of ['shop', realm.id]) {
          const response = await login('ada', PASSWORD, ref);
          assert.equal(response.statusCode, 200, response.body);
          const body = response.json();
          assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'session_id', 'token_type', 'user']);
          assert.equal(body.token_type, 'Bearer');
          assert.equal(body.expires_in, 900);
          assert.match(body.refresh_token, /^krt_/);
          assert.match(body.session_id, /^ses_/);
          assert.equal(body.user.id, adaId);
          assert.equal(body.user.first_name, 'Ada');
          assert.equal(body.user.last_login_at, new Date(server.clock.now()).toISOString());
          assert.equal(body.user.password_hash, undefined);
          assert.equal(body.user.has_password, true);
        }
      });

      it('gives one identical 401 for a wrong password, an unknown user and a locked user', async () => {
        const locked = await server.services.users.create(realm, { username: 'locked', password: PASSWORD }, operator);
        await server.services.users.lock(realm, locked.id, null, operator);
        const responses = [await login('ada', 'wrong password'), await login('nobody'), await login('locked')];
        for (const response of responses) {
          assert.equal(response.statusCode, 401);
          assert.equal(response.body, responses[0].body);
          assert.equal(response.headers['content-type'], responses[0].headers['content-type']);
        }
        assert.equal(errorCode(responses[0]), 'auth.invalid_credentials');
      });

      it('refuses malformed bodies with 400 and unknown or inactive realms with 404', async () => {
        const url = '/realms/shop/auth/login';
        const bad = [
          {},
          { identifier: 'ada' },
          { identifier: 'ada', password: PASSWORD, remember: true },
          { identifier: 42, password: PASSWORD },
          { identifier: '', password: PASSWORD },
          { identifier: 'ada', password: '' },
          { identifier: 'x'.repeat(321), password: PASSWORD },
          { identifier: 'ada', password: 'x'.repeat(1025) },
          ['ada', PASSWORD],
        ];
        for (const payload of bad) {
          const response = await post(url, payload);
          assert.equal(response.statusCode, 400, JSON.stringify(payload));
          assert.equal(errorCode(response), 'request.validation_failed');
        }
        const unknownField = (await post(url, { identifier: 'ada', password: PASSWORD, remember: true })).json();
        assert.deepEqual(unknownField.error.details, [{ field: 'remember', issue: 'is not a known field' }]);
        const malformed = await server.app.inject({ method: 'POST', url, headers: json, payload: '{"identifier": "ada",' });
        assert.equal(malformed.statusCode, 400);
        assert.equal(errorCode(malformed), 'request.malformed_json');
        assert.equal((await login('ada', PASSWORD, 'no-such-realm')).statusCode, 404);
        const closed = await server.services.realms.create({ name: 'Closed', slug: 'closed' }, operator);
        await server.services.users.create(closed, { username: 'ada', password: PASSWORD }, operator);
        await server.services.realms.update(closed.id, { state: 'inactive' }, operator);
        const inactive = await login('ada', PASSWORD, 'closed');
        assert.equal(inactive.statusCode, 404);
        assert.equal(errorCode(inactive), 'realm.not_found');
      });
    });

    describe('POST /realms/:realm/auth/refresh', () => {
      it('rotates the refresh token, answers a quick retry alike, and a token reused later ends the session', async () => {
        const first = await signIn();
        const refreshed = await post('/realms/shop/auth/refresh', { refresh_token: first.refresh_token });
        assert.equal(refreshed.statusCode, 200, refreshed.body);
        const body = refreshed.json();
        assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'refresh_token', 'session_id', 'token_type']);
        assert.equal(body.session_id, first.session_id);
        // A double submit within the realm's reuse interval (5 seconds by default) gets the same successor.
        server.clock.advance(4_000);
        const retried = await post('/realms/shop/auth/refresh', { refresh_token: first.refresh_token });
        assert.equal(retried.statusCode, 200, retried.body);
        assert.equal(retried.json().refresh_token, body.refresh_token);
        server.clock.advance(1_000);
        const reused = await post('/realms/shop/auth/refresh', { refresh_token: first.refresh_token });
        assert.equal(reused.statusCode, 401);
        assert.equal(errorCode(reused), 'auth.invalid_refresh_token');
        assert.equal((await post('/realms/shop/auth/refresh', { refresh_token: body.refresh_token })).statusCode, 401);
      });

      it('refuses bad bodies with 400 and unknown tokens with 401', async () => {
        for (const payload of [{}, { refresh_token: 5 }, { refresh_token: '' }, { refresh_token: 'krt_x', extra: 1 }, { refresh_token: 'x'.repeat(513) }]) {
          assert.equal((await post('/realms/shop/auth/refresh', payload)).statusCode, 400, JSON.stringify(payload));
        }
        const unknown = await post('/realms/shop/auth/refresh', { refresh_token: `krt_${'A'.repeat(43)}` });
        assert.equal(unknown.statusCode, 401);
        assert.equal(errorCode(unknown), 'auth.invalid_refresh_token');
      });
    });

    describe('POST /realms/:realm/auth/logout', () => {
      it('ends the session of a bearer token, without a body', async () => {
        const session = await signIn();
        const response = await post('/realms/shop/auth/logout', undefined, bearer(session.access_token));
        assert.equal(response.statusCode, 204, response.body);
        assert.equal(response.body, '');
        const validate = await server.app.inject({ method: 'GET', url: '/realms/shop/auth/validate', headers: bearer(session.access_token) });
        assert.equal(validate.statusCode, 401);
        assert.equal((await post('/realms/shop/auth/refresh', { refresh_token: session.refresh_token })).statusCode, 401);
        // Again: still 204.
        assert.equal((await post('/realms/shop/auth/logout', undefined, bearer(session.access_token))).statusCode, 204);
      });

      it('ends the session of a refresh token in the body', async () => {
        const session = await signIn();
        assert.equal((await post('/realms/shop/auth/logout', { refresh_token: session.refresh_token })).statusCode, 204);
        assert.equal((await post('/realms/shop/auth/refresh', { refresh_token: session.refresh_token })).statusCode, 401);
      });

      it('wants a credential, and refuses bad ones', async () => {
        const none = await post('/realms/shop/auth/logout');
        assert.equal(none.statusCode, 401);
        assert.equal(errorCode(none), 'auth.unauthenticated');
        assert.equal((await post('/realms/shop/auth/logout', {})).statusCode, 401);
        assert.equal((await post('/realms/shop/auth/logout', undefined, bearer('garbage'))).statusCode, 401);
        assert.equal((await post('/realms/shop/auth/logout', undefined, { authorization: 'Basic YWRhOnB3' })).statusCode, 401);
        assert.equal((await post('/realms/shop/auth/logout', { refresh_token: 1 })).statusCode, 400);
        assert.equal((await post('/realms/shop/auth/logout', { token: 'x' })).statusCode, 400);
        assert.equal((await post('/realms/nowhere/auth/logout', undefined, bearer('garbage'))).statusCode, 404);
      });
    });

    describe('GET /realms/:realm/auth/validate', () => {
      it('returns the claims, current access, user id and session', async () => {
        const session = await signIn();
        await server.services.users.update(realm, adaId, { access: { type: 'master' } }, operator);
        const response = await server.app.inject({ method: 'GET', url: '/realms/shop/auth/validate', headers: bearer(session.access_token) });
        assert.equal(response.statusCode, 200, response.body);
        const body = response.json();
        assert.equal(body.claims.sub, adaId);
        assert.equal(body.claims.sid, session.session_id);
        assert.deepEqual(body.claims.access, { type: 'standard' }, 'claims pass through whole');
        assert.equal(body.claims.iss, `http://keyrealm.test/realms/${realm.id}`);
        assert.deepEqual(body.access, { type: 'master' }, 'access is what holds now');
        assert.equal(body.user_id, adaId);
        assert.deepEqual(Object.keys(body).sort(), ['access', 'claims', 'permissions', 'roles', 'session_id', 'tenant', 'user_id']);
        assert.equal(body.tenant, null, 'signed in to no tenant');
        assert.equal(body.session_id, session.session_id);
        await server.services.users.update(realm, adaId, { access: null }, operator);
      });

      it('refuses missing, malformed and expired tokens with 401', async () => {
        const session = await signIn();
        for (const headers of [{}, { authorization: 'Bearer' }, { authorization: 'Token abc' }, bearer('abc.def.ghi'), bearer(session.access_token.slice(0, -2))]) {
          const response = await server.app.inject({ method: 'GET', url: '/realms/shop/auth/validate', headers });
          assert.equal(response.statusCode, 401, JSON.stringify(headers));
        }
        server.clock.advance(15 * 60_000);
        const expired = await server.app.inject({ method: 'GET', url: '/realms/shop/auth/validate', headers: bearer(session.access_token) });
        assert.equal(expired.statusCode, 401);
        assert.equal(errorCode(expired), 'auth.invalid_token');
      });
    });

    describe('/realms/:realm/account', () => {
      it('GET returns the signed-in user', async () => {
        const session = await signIn();
        const response = await server.app.inject({ method: 'GET', url: '/realms/shop/account', headers: bearer(session.access_token) });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().id, adaId);
        assert.equal((await server.app.inject({ method: 'GET', url: '/realms/shop/account' })).statusCode, 401);
      });

      it('PATCH changes only profile names', async () => {
        const session = await signIn();
        const patch = (payload: unknown, headers = bearer(session.access_token)) => send(server, 'PATCH', '/realms/shop/account', payload, headers);
        const response = await patch({ last_name: 'Lovelace', display_name: null });
        assert.equal(response.statusCode, 200, response.body);
        assert.equal(response.json().last_name, 'Lovelace');
        assert.equal(response.json().display_name, 'Ada Lovelace', 'derived again from the names');
        for (const payload of [{ email: 'new@example.com' }, { access: { type: 'master' } }, { state: 'inactive' }, { first_name: 7 }, { last_name: 'x'.repeat(201) }]) {
          const refused = await patch(payload);
          assert.equal(refused.statusCode, 400, JSON.stringify(payload));
          assert.equal(errorCode(refused), 'request.validation_failed');
        }
        assert.equal((await patch({ first_name: 'Eve' }, bearer('garbage'))).statusCode, 401);
        const user = await server.services.users.get(realm, adaId);
        assert.equal(user.email, 'ada@example.com');
        assert.equal(user.first_name, 'Ada');
      });

      it('POST password changes it and ends every other session', async () => {
        const user = await server.services.users.create(realm, { username: 'grace', password: PASSWORD }, operator);
        const current = await signIn('grace');
        const other = await signIn('grace');
        const change = (payload: unknown, token = current.access_token) => post('/realms/shop/account/password', payload, bearer(token));
        const wrong = await change({ current_password: 'not it', new_password: 'a brand new password' });
        assert.equal(wrong.statusCode, 422);
        assert.equal(errorCode(wrong), 'account.invalid_password');
        const short = await change({ current_password: PASSWORD, new_password: 'short' });
        assert.equal(short.statusCode, 422);
        assert.equal(errorCode(short), 'password.too_short');
        for (const payload of [{ new_password: 'a brand new password' }, { current_password: PASSWORD, new_password: 'a brand new password', extra: 1 }, { current_password: PASSWORD, new_password: 123 }]) {
          assert.equal((await change(payload)).statusCode, 400, JSON.stringify(payload));
        }
        const done = await change({ current_password: PASSWORD, new_password: 'a brand new password' });
        assert.equal(done.statusCode, 204, done.body);
        const validate = (token: string) => server.app.inject({ method: 'GET', url: '/realms/shop/auth/validate', headers: bearer(token) });
        assert.equal((await validate(current.access_token)).statusCode, 200, 'the session making the change stays');
        assert.equal((await validate(other.access_token)).statusCode, 401, 'every other session ends');
        assert.equal((await login('grace')).statusCode, 401);
        assert.equal((await login('grace', 'a brand new password')).statusCode, 200);
        assert.equal(user.username, 'grace');
      });
    });
  });

  describe(`auth API rate limits on ${dialect}`, () => {
    const server = serverPerSuite({
      dialect,
      config: { rateLimits: true, rateLimitLoginPerIdentifier: 2, rateLimitLoginPerIp: 4, rateLimitOperatorLoginPerIp: 2, rateLimitRefreshPerIp: 100, trustProxy: ['127.0.0.1'] },
    });
    before(async () => {
      const realm = await server.services.realms.create({ name: 'Limited', slug: 'limited' }, operator);
      for (const username of ['ada', 'bob', 'cy', 'dan', 'eve', 'fay']) await server.services.users.create(realm, { username, password: PASSWORD }, operator);
      const neighbour = await server.services.realms.create({ name: 'Neighbour', slug: 'neighbour' }, operator);
      await server.services.users.create(neighbour, { username: 'ada', password: PASSWORD }, operator);
    });

    const login = (identifier: string, forwardedFor: string, realm = 'limited', password = PASSWORD) =>
      send(server, 'POST', `/realms/${realm}/auth/login`, { identifier, password }, { 'x-forwarded-for': forwardedFor });

    it('counts the per-IP limit per realm: an IP over it in one realm still signs in elsewhere, and operators too', async () => {
      // A new window: the harness's own operator sign-in counted for its identifier.
      server.clock.advance(60_000);
      const crowd = '203.0.113.60';
      for (const identifier of ['bob', 'cy', 'dan', 'eve']) assert.equal((await login(identifier, crowd)).statusCode, 200);
      assert.equal((await login('fay', crowd)).statusCode, 429);
      assert.equal((await login('ada', crowd, 'neighbour')).statusCode, 200, 'another realm from the same IP');
      const operatorSignIn = await login(ADMIN_EMAIL, crowd, 'admin', ADMIN_PASSWORD);
      assert.equal(operatorSignIn.statusCode, 200, operatorSignIn.body);
      // The operators' own per-IP limit (2 here), not the users' (4): a third identifier is refused.
      assert.equal((await login('nobody@example.com', crowd, 'admin')).statusCode, 401);
      assert.equal((await login('someone@example.com', crowd, 'admin')).statusCode, 429);
      server.clock.advance(60_000);
    });

    it('answers 429 with Retry-After per identifier and per client IP from a trusted proxy', async () => {
      assert.equal((await login('ada', '198.51.100.1')).statusCode, 200);
      assert.equal((await login('ada', '198.51.100.2')).statusCode, 200);
      const limited = await login('ada', '198.51.100.3');
      assert.equal(limited.statusCode, 429);
      assert.equal(limited.json().error.code, 'request.rate_limited');
      assert.equal(limited.headers['retry-after'], '60');
      // The per-IP limit counts the client address the trusted proxy forwarded.
      for (const identifier of ['bob', 'cy', 'dan', 'eve']) assert.equal((await login(identifier, '203.0.113.7')).statusCode, 200);
      assert.equal((await login('fay', '203.0.113.7')).statusCode, 429, 'a fifth request from one IP');
      assert.equal((await login('fay', '203.0.113.8')).statusCode, 200);
      server.clock.advance(60_000);
      assert.equal((await login('ada', '198.51.100.3')).statusCode, 200);
    });
  });

  describe(`auth API without a trusted proxy on ${dialect}`, () => {
    const server = serverPerSuite({ dialect, config: { rateLimits: true, rateLimitLoginPerIp: 1, trustProxy: false } });
    before(async () => {
      const realm = await server.services.realms.create({ name: 'Direct', slug: 'direct' }, operator);
      await server.services.users.create(realm, { username: 'ada', password: PASSWORD }, operator);
    });

    it('ignores X-Forwarded-For, so a client cannot pick a new IP per request', async () => {
      const login = (forwardedFor: string) => send(server, 'POST', '/realms/direct/auth/login', { identifier: 'ada', password: PASSWORD }, { 'x-forwarded-for': forwardedFor });
      assert.equal((await login('198.51.100.1')).statusCode, 200);
      assert.equal((await login('198.51.100.2')).statusCode, 429);
    });
  });
}
