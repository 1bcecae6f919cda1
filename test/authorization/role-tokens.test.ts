import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { bearer, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { adminApi, newRealm, newUser, PASSWORD, payloadOf } from './role-fixtures.ts';

const HOUR = 3_600_000;

/** Roles in native access tokens and in validate's answer: windows, composites, claims settings, the cache. */
for (const dialect of dialects) {
  describe(`roles in tokens and validate on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let api: ReturnType<typeof adminApi>;
    let realm: Realm;
    const roles = (path = '') => `/admin/v1/realms/${realm.slug}/roles${path}`;
    const userRoles = (userId: string, path = '') => `/admin/v1/realms/${realm.slug}/users/${userId}/roles${path}`;
    const at = (ms: number) => new Date(ms).toISOString();
    const signIn = async (username: string) => (await server.login(realm.slug, username, PASSWORD)).access_token;
    const validate = async (token: string, r = realm) => {
      const response = await send(server, 'GET', `/realms/${r.slug}/auth/validate`, undefined, bearer(token));
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { roles: string[]; permissions: string[]; user_id: string };
    };

    before(async () => {
      api = adminApi(server);
      // Tokens that live a day, so the clock can move across windows while they stay valid.
      realm = await newRealm(server, { tokens: { claims: ['roles'], access_token_minutes: 1440, refresh_token_days: 30 } });
      await api.ok('POST', roles(), { slug: 'reader', permissions: ['invoices:read'] });
      await api.ok('POST', roles(), { slug: 'writer', permissions: ['invoices:write', 'invoices:read'], includes: ['reader'] });
      await api.ok('POST', roles(), { slug: 'auditor', permissions: ['audit:read'] });
    });

    it('carries the roles in force at issue; validate answers those in force now', async () => {
      const userId = await newUser(server, realm, 'windowed');
      const start = server.clock.now() + HOUR;
      await api.ok('POST', userRoles(userId), { role: 'writer', starts_at: at(start), ends_at: at(start + 2 * HOUR) }, 200);
      await api.ok('POST', userRoles(userId), { role: 'auditor' }, 200);

      const early = await signIn('windowed');
      assert.deepEqual(payloadOf(early).roles, ['auditor']);
      assert.deepEqual(payloadOf(early).permissions, ['audit:read']);
      assert.deepEqual((await validate(early)).roles, ['auditor']);

      server.clock.advance(HOUR);
      // The window has opened: validate says so at once, the early token still does not carry it.
      const during = await validate(early);
      assert.deepEqual(during.roles, ['auditor', 'reader', 'writer']);
      assert.deepEqual(during.permissions, ['audit:read', 'invoices:read', 'invoices:write']);
      assert.deepEqual(payloadOf(early).roles, ['auditor']);
      const later = await signIn('windowed');
      assert.deepEqual(payloadOf(later).roles, ['auditor', 'reader', 'writer']);

      server.clock.advance(2 * HOUR);
      // Past its end: gone at validate, even for the token that carries it.
      assert.deepEqual((await validate(later)).roles, ['auditor']);
    });

    it('stops counting a removed assignment at once, and follows role changes', async () => {
      const userId = await newUser(server, realm, 'changing');
      await api.ok('POST', userRoles(userId), { role: 'writer' }, 200);
      const token = await signIn('changing');
      assert.deepEqual((await validate(token)).roles, ['reader', 'writer']);
      // Served from the cache now; the change below must still reach the next answer.
      assert.deepEqual((await validate(token)).roles, ['reader', 'writer']);
      await api.ok('PATCH', roles('/reader'), { permissions: ['invoices:read', 'invoices:list'] });
      assert.deepEqual((await validate(token)).permissions, ['invoices:list', 'invoices:read', 'invoices:write']);
      await api.ok('PATCH', roles('/writer'), { active: false });
      assert.deepEqual(await validate(token).then((v) => [v.roles, v.permissions]), [[], []]);
      await api.ok('PATCH', roles('/writer'), { active: true });
      assert.deepEqual((await validate(token)).roles, ['reader', 'writer']);
      await api.ok('DELETE', userRoles(userId, '/writer'));
      assert.deepEqual(await validate(token).then((v) => [v.roles, v.permissions]), [[], []]);
      await api.ok('PATCH', roles('/reader'), { permissions: ['invoices:read'] });
    });

    it('reads a cached user without a database round trip', async () => {
      const userId = await newUser(server, realm, 'cached');
      await api.ok('POST', userRoles(userId), { role: 'auditor' }, 200);
      const token = await signIn('cached');
      await validate(token);
      const resolver = server.services.validateWithOidc;
      // Take the database away: a cached user's roles still come back.
      const db = server.database.db;
      let queries = 0;
      const executor = db.getExecutor();
      const original = executor.executeQuery.bind(executor);
      executor.executeQuery = ((...args: Parameters<typeof original>) => {
        queries += 1;
        return original(...args);
      }) as typeof original;
      try {
        const realmNow = await server.services.lookup.resolve(realm.id);
        assert.ok(realmNow);
        const answer = await resolver.validate(realmNow, token);
        assert.deepEqual(answer.roles, ['auditor']);
        assert.equal(queries, 0);
      } finally {
        executor.executeQuery = original;
      }
    });

    it('leaves the claims out of tokens when the realm does not map them, while validate answers them', async () => {
      const plain = await newRealm(server);
      await api.ok('POST', `/admin/v1/realms/${plain.slug}/roles`, { slug: 'staff', permissions: ['desk:use'] });
      const userId = await newUser(server, plain, 'plain');
      await api.ok('POST', `/admin/v1/realms/${plain.slug}/users/${userId}/roles`, { role: 'staff' }, 200);
      const token = (await server.login(plain.slug, 'plain', PASSWORD)).access_token;
      assert.equal(payloadOf(token).roles, undefined);
      assert.equal(payloadOf(token).permissions, undefined);
      const answer = await validate(token, plain);
      assert.deepEqual([answer.roles, answer.permissions], [['staff'], ['desk:use']]);
    });

    it('gives users who sign up the default roles, in their first token', async () => {
      const open = await newRealm(server, { users: { registration: { enabled: true, require_email_verification: false } }, tokens: { claims: ['roles'] } });
      await api.ok('POST', `/admin/v1/realms/${open.slug}/roles`, { slug: 'member', permissions: ['profile:read'] });
      await api.ok('PATCH', `/admin/v1/realms/${open.slug}`, { roles: { default: ['member'] } });
      const registered = await send(server, 'POST', `/realms/${open.slug}/auth/register`, { email: 'new@example.com', password: PASSWORD });
      assert.equal(registered.statusCode, 202, registered.body);
      await server.services.background.settle();
      const signedIn = await server.login(open.slug, 'new@example.com', PASSWORD);
      assert.deepEqual(payloadOf(signedIn.access_token).roles, ['member']);
      const events = await api.ok('GET', `/admin/v1/realms/${open.slug}/events?type=role.assigned`);
      assert.equal(events.items[0].details.default, true);
      assert.equal(events.items[0].user_id, signedIn.user.id);
    });
  });
}
