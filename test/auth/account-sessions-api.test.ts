import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { operator } from '../support/fixtures.ts';
import { bearer, errorCode, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD } from './fixtures.ts';

/** A user sees and ends their own sessions; never anyone else's. */
for (const dialect of dialects) {
  describe(`account sessions API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let realm: Realm;
    let other: Realm;
    let counter = 0;

    before(async () => {
      realm = await server.services.realms.create({ name: 'Devices', slug: 'devices' }, operator);
      other = await server.services.realms.create({ name: 'Elsewhere', slug: 'elsewhere' }, operator);
    });

    /** A new user signed in `count` times: one token per session, oldest first. */
    async function userWithSessions(count: number, target: Realm = realm) {
      const username = `traveller-${++counter}`;
      await server.services.users.create(target, { username, password: PASSWORD }, operator);
      const sessions = [];
      for (let i = 0; i < count; i++) {
        server.clock.advance(1000); // so "newest first" has an order to show
        sessions.push(await server.login(target.slug, username, PASSWORD));
      }
      return sessions;
    }

    const list = (token: string, query = '') => send(server, 'GET', `/realms/devices/account/sessions${query}`, undefined, bearer(token));
    const validates = async (token: string, slug = 'devices') =>
      (await send(server, 'GET', `/realms/${slug}/auth/validate`, undefined, bearer(token))).statusCode === 200;

    it('lists the live sessions newest first, marks the current one, and pages through them', async () => {
      const [first, second, third] = await userWithSessions(3);
      const response = await list(second.access_token);
      assert.equal(response.statusCode, 200, response.body);
      const { items, next_cursor } = response.json();
      assert.deepEqual(items.map((s: { id: string }) => s.id), [third.session_id, second.session_id, first.session_id]);
      assert.deepEqual(items.map((s: { current: boolean }) => s.current), [false, true, false]);
      assert.equal(next_cursor, null);
      assert.deepEqual(Object.keys(items[0]).sort(), ['created_at', 'current', 'expires_at', 'id', 'ip', 'last_used_at', 'user_agent']);
      const page1 = (await list(second.access_token, '?limit=2')).json();
      assert.equal(page1.items.length, 2);
      const page2 = (await list(second.access_token, `?limit=2&cursor=${String(page1.next_cursor)}`)).json();
      assert.deepEqual(page2.items.map((s: { id: string }) => s.id), [first.session_id]);
    });

    it('gives last_used_at to the minute, rounded down, so a refresh does not show to the second', async () => {
      const [signedIn] = await userWithSessions(1);
      server.clock.advance(60_000 - (server.clock.now() % 60_000) + 42_123); // 42.123 s into a minute
      const refreshed = await send(server, 'POST', '/realms/devices/auth/refresh', { refresh_token: signedIn.refresh_token });
      assert.equal(refreshed.statusCode, 200, refreshed.body);
      const usedAt = server.clock.now();
      const [item] = (await list(refreshed.json().access_token)).json().items;
      assert.equal(item.last_used_at, new Date(usedAt - 42_123).toISOString());
      assert.match(item.last_used_at, /:00\.000Z$/);
      // The operators' view is rounded the same way.
      const userId = JSON.parse(Buffer.from(signedIn.access_token.split('.')[1], 'base64url').toString()).sub as string;
      const operators = await send(server, 'GET', `/admin/v1/realms/devices/users/${userId}/sessions`, undefined, server.adminHeaders);
      assert.equal(operators.statusCode, 200, operators.body);
      assert.equal(operators.json().items[0].last_used_at, item.last_used_at);
    });

    it('ends one of the user’s own sessions: that token stops working, the others go on', async () => {
      const [first, second] = await userWithSessions(2);
      const ended = await send(server, 'DELETE', `/realms/devices/account/sessions/${first.session_id}`, undefined, bearer(second.access_token));
      assert.equal(ended.statusCode, 204, ended.body);
      assert.equal(await validates(first.access_token), false);
      assert.equal(await validates(second.access_token), true);
      const refresh = await send(server, 'POST', '/realms/devices/auth/refresh', { refresh_token: first.refresh_token });
      assert.equal(refresh.statusCode, 401);
      const again = await send(server, 'DELETE', `/realms/devices/account/sessions/${first.session_id}`, undefined, bearer(second.access_token));
      assert.equal(again.statusCode, 404);
      assert.equal(errorCode(again), 'session.not_found');
    });

    it('never reaches another user’s session, nor one of another realm', async () => {
      const [mine] = await userWithSessions(1);
      const [theirs] = await userWithSessions(1);
      const [foreign] = await userWithSessions(1, other);
      for (const target of [String(theirs.session_id), String(foreign.session_id), 'ses_doesnotexist0000000000', 'not-an-id']) {
        const refused = await send(server, 'DELETE', `/realms/devices/account/sessions/${target}`, undefined, bearer(mine.access_token));
        assert.equal(refused.statusCode, 404, target);
      }
      assert.equal(await validates(theirs.access_token), true);
      assert.equal(await validates(foreign.access_token, 'elsewhere'), true);
      assert.deepEqual((await list(mine.access_token)).json().items.map((s: { id: string }) => s.id), [mine.session_id]);
    });

    it('signs out everywhere else: every other session ends, the current one stays', async () => {
      const [first, second, third] = await userWithSessions(3);
      const [bystander] = await userWithSessions(1);
      const response = await send(server, 'POST', '/realms/devices/account/sessions/revoke-others', undefined, bearer(second.access_token));
      assert.equal(response.statusCode, 204, response.body);
      assert.equal(await validates(first.access_token), false);
      assert.equal(await validates(third.access_token), false);
      assert.equal(await validates(second.access_token), true);
      assert.equal(await validates(bystander.access_token), true);
      assert.deepEqual((await list(second.access_token)).json().items.map((s: { id: string }) => s.id), [second.session_id]);
      const events = await server.services.events.list(server.database.db, realm.id, { type: 'user.signed_out_elsewhere' }, { limit: 10 });
      assert.equal(events.items[0]?.details.sessions_ended, 2);
    });

    it('needs a valid bearer token, and refuses bad paging', async () => {
      assert.equal((await list('not-a-token')).statusCode, 401);
      assert.equal((await send(server, 'GET', '/realms/devices/account/sessions')).statusCode, 401);
      assert.equal((await send(server, 'POST', '/realms/devices/account/sessions/revoke-others')).statusCode, 401);
      const [session] = await userWithSessions(1);
      assert.equal((await list(session.access_token, '?limit=0')).statusCode, 400);
      assert.equal((await list(session.access_token, '?cursor=forged')).statusCode, 400);
      assert.equal((await list(session.access_token, '?unknown=1')).statusCode, 400);
    });
  });
}
