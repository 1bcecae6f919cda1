import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, send } from '../support/http.ts';
import { serverPerSuite, type LoginBody } from '../support/server.ts';
import { PASSWORD } from './fixtures.ts';

/** Tokens and ids of realm A never work in realm B, even for a user of the same name. */
for (const dialect of dialects) {
  describe(`realm isolation of tokens on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realmA: Realm;
    let realmB: Realm;
    let inA: LoginBody;

    before(async () => {
      realmA = await server.services.realms.create({ name: 'Realm A', slug: 'realm-a' }, operator);
      realmB = await server.services.realms.create({ name: 'Realm B', slug: 'realm-b' }, operator);
      await server.services.users.create(realmA, { username: 'ada', password: PASSWORD }, operator);
      await server.services.users.create(realmB, { username: 'ada', password: 'another password' }, operator);
      await server.services.users.create(realmA, { username: 'only-in-a', password: PASSWORD }, operator);
      inA = await server.login('realm-a', 'ada', PASSWORD);
    });

    const get = (url: string, token: string) => send(server, 'GET', url, undefined, bearer(token));
    const post = (url: string, payload: unknown, headers?: Record<string, string>) => send(server, 'POST', url, payload, headers);

    it("A's credentials do not sign in to B", async () => {
      assert.equal((await post('/realms/realm-b/auth/login', { identifier: 'only-in-a', password: PASSWORD })).statusCode, 401);
      assert.equal((await post('/realms/realm-b/auth/login', { identifier: 'ada', password: PASSWORD })).statusCode, 401);
    });

    it("A's access token is 401 at B's validate and account, by slug or id", async () => {
      for (const ref of ['realm-b', realmB.id]) {
        assert.equal((await get(`/realms/${ref}/auth/validate`, inA.access_token)).statusCode, 401);
        assert.equal((await get(`/realms/${ref}/account`, inA.access_token)).statusCode, 401);
        const patch = await send(server, 'PATCH', `/realms/${ref}/account`, { first_name: 'Mallory' }, bearer(inA.access_token));
        assert.equal(patch.statusCode, 401);
        const password = await post(`/realms/${ref}/account/password`, { current_password: PASSWORD, new_password: 'a takeover password' }, bearer(inA.access_token));
        assert.equal(password.statusCode, 401);
      }
      assert.equal((await get(`/realms/${realmA.id}/auth/validate`, inA.access_token)).statusCode, 200);
    });

    it("A's tokens cannot end or refresh anything in B, and A's session survives the attempts", async () => {
      assert.equal((await post('/realms/realm-b/auth/logout', {}, bearer(inA.access_token))).statusCode, 401);
      assert.equal((await post('/realms/realm-b/auth/logout', { refresh_token: inA.refresh_token })).statusCode, 401);
      assert.equal((await post('/realms/realm-b/auth/refresh', { refresh_token: inA.refresh_token })).statusCode, 401);
      const refreshed = await post('/realms/realm-a/auth/refresh', { refresh_token: inA.refresh_token });
      assert.equal(refreshed.statusCode, 200, 'the refresh token was neither used nor revoked by B');
      inA = { ...inA, ...refreshed.json() };
      assert.equal((await get('/realms/realm-a/auth/validate', inA.access_token)).statusCode, 200);
    });

    it("B's user of the same name is a different account", async () => {
      const inB = await server.login('realm-b', 'ada', 'another password');
      assert.notEqual(inB.user.id, inA.user.id);
      assert.equal((await get('/realms/realm-a/account', inB.access_token)).statusCode, 401);
      assert.equal((await get('/realms/realm-b/account', inB.access_token)).json().id, inB.user.id);
    });

    it('realm tokens never open the admin API; admin-realm users who are not operators get 403', async () => {
      const admin = await server.services.realms.get('admin');
      await server.services.users.create(admin, { email: 'staff@example.com', password: PASSWORD }, operator);
      const staff = await server.login('admin', 'staff@example.com', PASSWORD);
      const realms = (token: string) => get('/admin/v1/realms', token);
      assert.equal((await realms(inA.access_token)).statusCode, 401);
      assert.equal((await realms(staff.access_token)).statusCode, 403);
      assert.equal((await realms(server.adminToken)).statusCode, 200);
      // And the operator's own token is no good in an ordinary realm.
      assert.equal((await get('/realms/realm-a/auth/validate', server.adminToken)).statusCode, 401);
    });
  });
}
