/**
 * GET /admin/v1/realms/{realm}/overview: a realm's users by state and lock, today's sign-ins
 * (since 00:00 UTC by the server's clock) and its ten newest events, never another realm's.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemActor } from '../../src/events/event-log.ts';
import { FakeClock } from '../../src/platform/clock.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { ADMIN_EMAIL, ADMIN_PASSWORD, serverPerSuite } from '../support/server.ts';

type Body = Record<string, any>;

const HOUR = 3_600_000;
const PASSWORD = 'a long user password';

for (const dialect of dialects) {
  describe(`realm overview API on ${dialect}`, () => {
    // 22:00 UTC on 1 January: a little of "yesterday" first, then past midnight.
    const server = serverPerSuite({ dialect, clock: new FakeClock(Date.UTC(2026, 0, 1, 22)) });
    let alpha: Realm;
    let beta: Realm;
    let adminHeaders: { authorization: string };
    let betaManagerHeaders: { authorization: string };
    let readerHeaders: { authorization: string };

    const get = async (url: string, headers: Record<string, string> = adminHeaders) => {
      const response = await server.app.inject({ method: 'GET', url: `/admin/v1${url}`, headers });
      return { status: response.statusCode, body: response.json<Body>() };
    };
    const overview = async (realm: string, headers?: Record<string, string>) => {
      const response = await get(`/realms/${realm}/overview`, headers);
      assert.equal(response.status, 200, JSON.stringify(response.body));
      return response.body;
    };
    const createUser = async (realm: Realm, payload: Body) => (await server.services.users.create(realm, { password: PASSWORD, ...payload }, systemActor)).id;
    const failLogin = async (realm: Realm, identifier: string) => {
      const response = await server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/login`, payload: { identifier, password: 'not the password' } });
      assert.equal(response.statusCode, 401, response.body);
    };
    const record = (realm: Realm, type: 'identity_provider.sign_in_failed' | 'user.login.token_failed' | 'user.step_up.failed' | 'oidc.authorized') =>
      server.services.events.record(server.database.db, { realmId: realm.id, type, actor: systemActor, details: {} });
    const bearer = async (email: string, password: string) => ({ authorization: `Bearer ${(await server.login('admin', email, password)).access_token}` });
    /** Signs the operators in at the clock's time (their tokens would have expired while it moved). */
    const signInOperators = async () => {
      adminHeaders = await bearer(ADMIN_EMAIL, ADMIN_PASSWORD);
      betaManagerHeaders = await bearer('beta-ops@example.com', 'operator password');
      readerHeaders = await bearer('reader@example.com', 'operator password');
    };

    before(async () => {
      alpha = await server.services.realms.create({ name: 'Alpha', slug: 'alpha' }, systemActor);
      beta = await server.services.realms.create({ name: 'Beta', slug: 'beta' }, systemActor);
      await server.services.operators.create({ email: 'beta-ops@example.com', password: 'operator password', grants: [{ permission: 'admin_realm', realms: [beta.id] }] }, systemActor);
      await server.services.operators.create({ email: 'reader@example.com', password: 'operator password', grants: [{ permission: 'read' }] }, systemActor);

      await createUser(alpha, { username: 'ann' });
      await createUser(alpha, { username: 'bob' });
      const cat = await createUser(alpha, { username: 'cat', state: 'inactive' });
      const dan = await createUser(alpha, { username: 'dan' });
      const eve = await createUser(alpha, { username: 'eve' });
      await server.services.users.lock(alpha, dan, 'audit', systemActor);
      await server.services.users.lock(alpha, cat, null, systemActor);
      await server.services.users.remove(alpha, eve, systemActor);

      // Yesterday: none of these count today.
      await server.login(alpha.slug, 'ann', PASSWORD);
      await failLogin(alpha, 'ann');
      await record(alpha, 'identity_provider.sign_in_failed');
      server.clock.advance(2 * HOUR - 1); // 23:59:59.999
      await server.login(alpha.slug, 'bob', PASSWORD);

      server.clock.advance(1); // 00:00:00.000 on 2 January: today from here
      await server.login(alpha.slug, 'ann', PASSWORD);
      server.clock.advance(HOUR);
      await server.login(alpha.slug, 'ann', PASSWORD);
      await server.login(alpha.slug, 'bob', PASSWORD);
      await failLogin(alpha, 'ann');
      await failLogin(alpha, 'nobody-at-all');
      await record(alpha, 'identity_provider.sign_in_failed');
      // Not sign-ins: a server fault after right credentials, a step-up, an application's code.
      for (const type of ['user.login.token_failed', 'user.step_up.failed', 'oidc.authorized'] as const) {
        server.clock.advance(1); // one after the other: the newest events have an order to check
        await record(alpha, type);
      }

      // Beta's users and sign-ins today never count in alpha.
      await createUser(beta, { username: 'zed' });
      await createUser(beta, { username: 'yan', state: 'inactive' });
      await server.login(beta.slug, 'zed', PASSWORD);
      await failLogin(beta, 'zed');
      await failLogin(beta, 'zed');
      await signInOperators();
    });

    it("counts the realm's live users by state and lock", async () => {
      const body = await overview(alpha.slug);
      assert.deepEqual(body.users, { total: 4, active: 3, inactive: 1, locked: 2 });
      assert.deepEqual((await overview(beta.id)).users, { total: 2, active: 1, inactive: 1, locked: 0 });
    });

    it('counts sign-ins and failures since 00:00 UTC of the server clock, in the realm only', async () => {
      assert.deepEqual((await overview(alpha.slug)).sign_ins, { today: 3, failed_today: 3 });
      assert.deepEqual((await overview(beta.slug)).sign_ins, { today: 1, failed_today: 2 });
    });

    it('gives the ten newest events, exactly as the event list does', async () => {
      const body = await overview(alpha.slug);
      const listed = await get(`/realms/${alpha.slug}/events?limit=10`);
      assert.equal(body.last_events.length, 10);
      assert.deepEqual(body.last_events, listed.body.items);
      assert.deepEqual(body.last_events.slice(0, 3).map((event: Body) => event.type), ['oidc.authorized', 'user.step_up.failed', 'user.login.token_failed']);
      assert.ok(body.last_events.every((event: Body) => event.realm_id === alpha.id));
    });

    it('needs realm.read on the realm: 401 without a token, 403 outside the grants, 404 for no realm', async () => {
      const bare = await get(`/realms/${alpha.slug}/overview`, {});
      assert.deepEqual([bare.status, bare.body.error.code], [401, 'auth.unauthenticated']);
      const forged = await get(`/realms/${alpha.slug}/overview`, { authorization: 'Bearer not-a-token' });
      assert.deepEqual([forged.status, forged.body.error.code], [401, 'auth.invalid_token']);
      const outside = await get(`/realms/${alpha.slug}/overview`, betaManagerHeaders);
      assert.deepEqual([outside.status, outside.body.error.code], [403, 'auth.forbidden']);
      assert.deepEqual((await overview(beta.slug, betaManagerHeaders)).users.total, 2);
      assert.deepEqual((await overview(alpha.slug, readerHeaders)).users.total, 4);
      // /me still answers the operator the overview refused.
      assert.equal((await get('/me', betaManagerHeaders)).status, 200);
      const missing = await get('/realms/no-such-realm/overview');
      assert.deepEqual([missing.status, missing.body.error.code], [404, 'realm.not_found']);
    });

    it('is in the OpenAPI document', async () => {
      const document = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<Body>();
      const schema = document.paths['/admin/v1/realms/{realm}/overview'].get.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(schema.properties), ['users', 'sign_ins', 'last_events']);
    });

    it('starts from zero in an empty realm, and counts anew from the next midnight', async () => {
      const empty = await server.services.realms.create({ name: 'Empty', slug: 'empty' }, systemActor);
      const fresh = await overview(empty.slug);
      assert.deepEqual([fresh.users, fresh.sign_ins], [{ total: 0, active: 0, inactive: 0, locked: 0 }, { today: 0, failed_today: 0 }]);
      assert.deepEqual(fresh.last_events.map((event: Body) => event.type), ['realm.created']);
      server.clock.advance(23 * HOUR); // 00:00 on 3 January
      await signInOperators();
      assert.deepEqual((await overview(alpha.slug)).sign_ins, { today: 0, failed_today: 0 });
      assert.deepEqual((await overview(alpha.slug)).users, { total: 4, active: 3, inactive: 1, locked: 2 });
    });
  });
}
