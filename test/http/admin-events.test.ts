import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

interface EventBody {
  id: string;
  realm_id: string;
  type: string;
  code: number | null;
  at: string;
  actor: { type: string; id: string | null };
  user_id: string | null;
  details: Record<string, unknown>;
}

for (const dialect of dialects) {
  describe(`GET /admin/v1/realms/{realm}/events on ${dialect}`, () => {
    let server: TestServer;
    let realm: { id: string; slug: string };
    let other: { id: string };
    let alice: string;
    let bob: string;
    let start: string;
    let middle: string;

    const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      server.app.inject({ method, url, headers: server.adminHeaders, ...(payload ? { payload } : {}) });
    const events = async (query: string) => {
      const response = await admin('GET', `/admin/v1/realms/${realm.slug}/events${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json() as { items: EventBody[]; next_cursor: string | null };
    };

    before(async () => {
      server = await startTestServer({ dialect });
      start = new Date(server.clock.now()).toISOString();
      realm = (await admin('POST', '/admin/v1/realms', { name: 'Events', slug: 'events' })).json();
      other = (await admin('POST', '/admin/v1/realms', { name: 'Other', slug: 'other' })).json();
      server.clock.advance(60_000);
      alice = (await admin('POST', `/admin/v1/realms/${realm.id}/users`, { email: 'alice@example.com', password: 'alice-password' })).json().id;
      server.clock.advance(60_000);
      middle = new Date(server.clock.now()).toISOString();
      bob = (await admin('POST', `/admin/v1/realms/${realm.id}/users`, { email: 'bob@example.com', password: 'bob-password' })).json().id;
      server.clock.advance(1000);
      await admin('PATCH', `/admin/v1/realms/${realm.id}/users/${bob}`, { first_name: 'Bob' });
      server.clock.advance(60_000);
      await server.app.inject({ method: 'POST', url: '/realms/events/auth/login', payload: { identifier: 'alice@example.com', password: 'wrong-password' } });
      server.clock.advance(1000);
      await server.login('events', 'alice@example.com', 'alice-password');
      await admin('POST', `/admin/v1/realms/${other.id}/users`, { email: 'carol@example.com', password: 'carol-password' });
    });
    after(() => server.dispose());

    it("lists the realm's events newest first, with their codes, actors and ISO times", async () => {
      const { items, next_cursor } = await events('');
      assert.equal(next_cursor, null);
      assert.deepEqual(
        items.map((e) => e.type),
        ['user.login.succeeded', 'user.login.failed', 'user.updated', 'user.created', 'user.created', 'realm.created'],
      );
      assert.ok(items.every((e) => e.realm_id === realm.id));
      const created = items.find((e) => e.user_id === alice && e.type === 'user.created')!;
      assert.equal(created.code, 1301);
      assert.equal(created.actor.type, 'operator');
      assert.match(created.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const failed = items.find((e) => e.type === 'user.login.failed')!;
      assert.equal(failed.code, 1200);
      assert.ok(!JSON.stringify(failed).includes('wrong-password'));
      assert.ok(!JSON.stringify(failed).includes('alice@example.com'), 'the identifier is kept hashed');
    });

    it('filters by type, code, user and time', async () => {
      assert.deepEqual((await events('?type=user.created')).items.map((e) => e.user_id), [bob, alice]);
      assert.deepEqual((await events('?code=1350')).items.map((e) => e.type), ['user.login.succeeded']);
      assert.deepEqual((await events(`?user=${bob}`)).items.map((e) => e.type), ['user.updated', 'user.created']);
      assert.deepEqual((await events(`?since=${encodeURIComponent(middle)}&type=user.created`)).items.map((e) => e.user_id), [bob]);
      assert.deepEqual((await events(`?until=${encodeURIComponent(middle)}`)).items.map((e) => e.type), ['user.created', 'realm.created']);
      assert.deepEqual((await events(`?since=${encodeURIComponent(start)}&until=${encodeURIComponent(start)}`)).items, []);
      assert.deepEqual((await events('?type=user.created&user=usr_nobody')).items, []);
    });

    it('pages with limit and cursor', async () => {
      const all = (await events('')).items.map((e) => e.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: EventBody[]; next_cursor: string | null } = await events(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        assert.ok(page.items.length <= 4);
        seen.push(...page.items.map((e) => e.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(seen, all);
    });

    it('never shows events of another realm', async () => {
      const { items } = await events('?type=user.created&limit=100');
      assert.ok(items.every((e) => e.user_id !== null && [alice, bob].includes(e.user_id)));
      const response = await admin('GET', `/admin/v1/realms/${other.id}/events?user=${alice}`);
      assert.deepEqual(response.json().items, []);
    });

    it('refuses bad filters with 400 and unknown realms with 404', async () => {
      for (const query of ['?since=yesterday', '?until=2026-13-45T99:00:00Z', '?code=abc', '?limit=0', '?limit=5000', '?cursor=bad', '?type=']) {
        const response = await admin('GET', `/admin/v1/realms/${realm.id}/events${query}`);
        assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      }
      const unknown = await admin('GET', '/admin/v1/realms/rl_nope/events');
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'realm.not_found');
    });
  });
}
