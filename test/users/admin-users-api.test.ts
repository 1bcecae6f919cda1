import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { systemActor } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { serverPerSuite } from '../support/server.ts';

type Body = Record<string, any>;
type Attempt = [InjectOptions['method'], string, unknown?];

/** Every request that changes the user at `path` (admin path, without /admin/v1/realms). */
const changesOf = (path: string): Attempt[] => [
  ['PATCH', path, { first_name: 'X' }],
  ['DELETE', path],
  ['POST', `${path}/lock`, {}],
  ['POST', `${path}/unlock`],
  ['PUT', `${path}/password`, { password: 'intruder password' }],
  ['POST', `${path}/logout`],
];

for (const dialect of dialects) {
  describe(`admin users API on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let alpha: Realm;
    let beta: Realm;
    let readerHeaders: { authorization: string };
    let alphaManagerHeaders: { authorization: string };

    async function call(method: InjectOptions['method'], path: string, options: { payload?: unknown; headers?: Record<string, string>; body?: string } = {}) {
      const response = await server.app.inject({ method, url: `/admin/v1/realms${path}`, headers: options.headers ?? server.adminHeaders, payload: options.payload as never, body: options.body });
      const body: Body = response.body ? response.json() : {};
      return { status: response.statusCode, body, headers: response.headers };
    }

    async function operatorHeaders(email: string, grants: unknown[]) {
      await server.services.operators.create({ email, password: 'operator password', grants: grants as never }, systemActor);
      return { authorization: `Bearer ${(await server.login('admin', email, 'operator password')).access_token}` };
    }

    const createUser = async (realm: Realm, payload: Body) => {
      const response = await call('POST', `/${realm.slug}/users`, { payload });
      assert.equal(response.status, 201, JSON.stringify(response.body));
      return response.body;
    };

    before(async () => {
      alpha = await server.services.realms.create({ name: 'Alpha', slug: 'alpha' }, systemActor);
      beta = await server.services.realms.create({ name: 'Beta', slug: 'beta' }, systemActor);
      readerHeaders = await operatorHeaders('reader@example.com', [{ permission: 'read' }]);
      alphaManagerHeaders = await operatorHeaders('alpha@example.com', [{ permission: 'admin_realm', realms: [alpha.id] }]);
    });

    it('POST creates a user (201) and never returns secrets', async () => {
      const { status, body } = await call('POST', `/${alpha.id}/users`, {
        payload: { username: 'Ann', email: 'Ann@Example.com', password: 'ann password', first_name: 'Ann', custom: { plan: { tier: 2 } }, access: { type: 'acl', acl: [{ uri: 'gw/*', methods: ['GET'] }] }, tags: ['vip'] },
      });
      assert.equal(status, 201);
      assert.match(body.id, /^usr_/);
      assert.equal(body.email, 'ann@example.com');
      assert.equal(body.display_name, 'Ann');
      assert.deepEqual(body.custom, { plan: { tier: 2 } });
      assert.deepEqual(body.access, { type: 'acl', acl: [{ uri: 'gw/*', methods: ['GET'] }] });
      assert.equal(body.created_at, new Date(server.clock.now()).toISOString());
      assert.equal(body.last_login_at, null);
      assert.equal(body.has_password, true);
      assert.doesNotMatch(JSON.stringify(body), /password_hash|argon2|ann password/);
    });

    it('POST refuses bad input with the right status', async () => {
      const post = (payload: unknown, headers?: Record<string, string>) => call('POST', `/${alpha.slug}/users`, { payload, headers });
      assert.equal((await call('POST', `/${alpha.slug}/users`, { body: '{"username":', headers: { ...server.adminHeaders, 'content-type': 'application/json' } })).body.error.code, 'request.malformed_json');
      const unknown = await post({ username: 'x1', admin: true });
      assert.equal(unknown.status, 400);
      assert.deepEqual(unknown.body.error.details, [{ field: 'admin', issue: 'is not a known field' }]);
      assert.equal((await post({ username: 'x2', email: 5 })).status, 400);
      assert.equal((await post({ username: 'x3', tags: 'vip' })).status, 400);
      assert.equal((await post({ username: 'x4', access_token_minutes: 0 })).status, 400);
      assert.equal((await post({ username: 'x5', access: { type: 'root' } })).status, 400);
      assert.equal((await post({ username: 'x6', custom: [] })).status, 400);
      assert.deepEqual((await post({ first_name: 'Nobody' })).body.error.code, 'user.invalid');
      assert.equal((await post({ username: 'bad name' })).status, 400);
      const weak = await post({ username: 'x7', password: 'short' });
      assert.equal(weak.status, 422);
      assert.deepEqual(weak.body.error, { code: 'password.too_short', message: weak.body.error.message, details: [{ field: 'password', issue: 'must be at least 8 characters' }] });
      assert.equal((await post({ username: 'x8', password: 'p'.repeat(1025) })).body.error.code, 'password.too_long');
      const taken = await post({ email: 'ANN@example.com' });
      assert.deepEqual([taken.status, taken.body.error.code], [409, 'user.email_taken']);
      assert.equal((await post({ username: 'ann' })).body.error.code, 'user.username_taken');
      assert.equal((await call('POST', '/nowhere/users', { payload: { username: 'x9' } })).body.error.code, 'realm.not_found');
      assert.equal((await post({ username: 'x10' }, {})).status, 401);
      const xml = await server.app.inject({ method: 'POST', url: `/admin/v1/realms/${alpha.slug}/users`, headers: { ...server.adminHeaders, 'content-type': 'application/xml' }, body: '<user/>' });
      assert.equal(xml.statusCode, 415);
    });

    it('GET lists with filters and cursors, and refuses bad queries', async () => {
      for (const name of ['lia', 'leo', 'lou']) {
        await createUser(beta, { username: name, tags: ['team'], last_name: 'Lister' });
        server.clock.advance(1);
      }
      await call('POST', `/${beta.slug}/users/${(await call('GET', `/${beta.slug}/users?username=leo`)).body.items[0].id}/lock`);
      const first = await call('GET', `/${beta.slug}/users?limit=2&tag=team`);
      assert.deepEqual(first.body.items.map((u: Body) => u.username), ['lia', 'leo']);
      const second = await call('GET', `/${beta.slug}/users?limit=2&tag=team&cursor=${first.body.next_cursor}`);
      assert.deepEqual([second.body.items.map((u: Body) => u.username), second.body.next_cursor], [['lou'], null]);
      assert.deepEqual((await call('GET', `/${beta.slug}/users?locked=true`)).body.items.map((u: Body) => u.username), ['leo']);
      assert.deepEqual((await call('GET', `/${beta.slug}/users?q=LISTER&direction=desc&locked=false`)).body.items.map((u: Body) => u.username), ['lou', 'lia']);
      assert.deepEqual((await call('GET', `/${beta.slug}/users?state=inactive`)).body.items, []);
      for (const query of ['limit=0', 'limit=1001', 'locked=maybe', 'state=asleep', 'direction=sideways', 'bogus=1']) {
        assert.equal((await call('GET', `/${beta.slug}/users?${query}`)).status, 400, query);
      }
      assert.equal((await call('GET', `/${beta.slug}/users?cursor=nonsense`)).body.error.code, 'request.invalid_cursor');
    });

    it('GET filters on a verified email (verified=true|false), page by page, in one realm only', async () => {
      const gamma = await server.services.realms.create({ name: 'Gamma', slug: 'gamma' }, systemActor);
      const seed: [string, boolean][] = [['v1', true], ['u1', false], ['v2', true], ['u2', false], ['v3', true], ['v4', true]];
      for (const [username, verified] of seed) {
        await createUser(gamma, { username, email: `${username}@example.com`, email_verified: verified });
        server.clock.advance(1);
      }
      // Another realm's verified users never show up in gamma's list.
      await createUser(beta, { username: 'v-beta', email: 'v-beta@example.com', email_verified: true });
      const list = (query: string) => call('GET', `/${gamma.slug}/users?${query}`);
      /** Every page of the list, followed through next_cursor. */
      async function pages(query: string): Promise<string[][]> {
        const out: string[][] = [];
        let cursor: string | null = null;
        do {
          const page = await list(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
          assert.equal(page.status, 200, JSON.stringify(page.body));
          out.push(page.body.items.map((u: Body) => u.username));
          cursor = page.body.next_cursor;
        } while (cursor);
        return out;
      }
      assert.deepEqual(await pages('verified=true&limit=3'), [['v1', 'v2', 'v3'], ['v4']]);
      assert.deepEqual(await pages('verified=true&limit=1&direction=desc'), [['v4'], ['v3'], ['v2'], ['v1']]);
      assert.deepEqual(await pages('verified=false&limit=1'), [['u1'], ['u2']]);
      assert.deepEqual(await pages('verified=true&q=v1&limit=10'), [['v1']]);
      assert.deepEqual((await list('verified=true&limit=100')).body.items.map((u: Body) => u.email_verified), [true, true, true, true]);
      // The export takes the list's filters, so the same one.
      const exported = await server.app.inject({ method: 'GET', url: `/admin/v1/realms/${gamma.slug}/users/export?verified=false&fields=username`, headers: server.adminHeaders });
      assert.deepEqual(exported.body.trim().split('\n').map((line) => JSON.parse(line).username), ['u1', 'u2']);
      for (const query of ['verified=maybe', 'verified=', 'verified=yes', 'verified=2']) {
        const refused = await list(query);
        assert.deepEqual([refused.status, refused.body.error?.code], [400, 'request.validation_failed'], query);
      }
      assert.equal((await list('verified=true')).status, 200);
      assert.equal((await call('GET', `/${gamma.slug}/users?verified=true`, { headers: alphaManagerHeaders })).status, 403);
      assert.equal((await call('GET', `/${gamma.slug}/users?verified=true`, { headers: {} })).status, 401);
    });

    it('GET one user, or an earlier version; PATCH changes only what is sent', async () => {
      const user = await createUser(alpha, { username: 'versioned', first_name: 'Vera' });
      const patched = await call('PATCH', `/${alpha.slug}/users/${user.id}`, { payload: { last_name: 'Sion', tags: ['b', 'a'], custom: { k: 1 } } });
      assert.equal(patched.status, 200);
      assert.deepEqual([patched.body.first_name, patched.body.display_name, patched.body.tags, patched.body.version], ['Vera', 'Vera Sion', ['a', 'b'], 2]);
      assert.equal((await call('GET', `/${alpha.slug}/users/${user.id}`)).body.version, 2);
      assert.deepEqual((await call('GET', `/${alpha.slug}/users/${user.id}?version=1`)).body, user);
      assert.equal((await call('GET', `/${alpha.slug}/users/${user.id}?version=9`)).body.error.code, 'user.version_not_found');
      assert.equal((await call('GET', `/${alpha.slug}/users/${user.id}?version=abc`)).status, 400);
      assert.equal((await call('GET', `/${alpha.slug}/users/usr_unknown`)).body.error.code, 'user.not_found');
      const patch = (payload: unknown) => call('PATCH', `/${alpha.slug}/users/${user.id}`, { payload });
      assert.equal((await patch({ version: 5 })).status, 400);
      assert.equal((await patch({ state: 'sleeping' })).status, 400);
      assert.equal((await patch({ password: 'new password' })).status, 400, 'passwords change through PUT /password');
      assert.equal((await patch({ username: null })).body.error.code, 'user.invalid');
      assert.equal((await patch({ username: 'ANN' })).status, 409);
      assert.equal((await patch({ custom: { blob: 'x'.repeat(17_000) } })).body.error.code, 'user.invalid');
    });

    it('lock (with or without a reason), unlock, password, sessions and logout', async () => {
      await createUser(alpha, { username: 'sessy', password: 'first password' });
      const user = (await call('GET', `/${alpha.slug}/users?username=sessy`)).body.items[0];
      const one = await server.login(alpha.slug, 'sessy', 'first password');
      const two = await server.login(alpha.slug, 'sessy', 'first password');
      const path = `/${alpha.slug}/users/${user.id}`;
      const sessions = await call('GET', `${path}/sessions?limit=1`);
      assert.equal(sessions.status, 200);
      assert.deepEqual(Object.keys(sessions.body.items[0]).sort(), ['created_at', 'expires_at', 'id', 'ip', 'last_used_at', 'user_agent']);
      assert.ok(sessions.body.next_cursor);
      assert.equal((await call('DELETE', `${path}/sessions/${one.session_id}`)).status, 204);
      assert.equal((await call('DELETE', `${path}/sessions/${one.session_id}`)).body.error.code, 'session.not_found');
      assert.deepEqual((await call('GET', `${path}/sessions`)).body.items.map((s: Body) => s.id), [two.session_id]);
      assert.equal((await call('POST', `${path}/logout`)).status, 204);
      assert.deepEqual((await call('GET', `${path}/sessions`)).body.items, []);

      await server.login(alpha.slug, 'sessy', 'first password');
      assert.equal((await call('PUT', `${path}/password`, { payload: { password: 'short' } })).status, 422);
      assert.equal((await call('PUT', `${path}/password`, { payload: {} })).status, 400);
      assert.equal((await call('PUT', `${path}/password`, { payload: { password: 'second password', extra: 1 } })).status, 400);
      assert.equal((await call('PUT', `${path}/password`, { payload: { password: 'second password' } })).status, 204);
      assert.deepEqual((await call('GET', `${path}/sessions`)).body.items, [], 'setting a password ends sessions');
      await assert.rejects(server.login(alpha.slug, 'sessy', 'first password'));
      await server.login(alpha.slug, 'sessy', 'second password');

      const bare = await call('POST', `${path}/lock`);
      assert.deepEqual([bare.status, bare.body.locked, bare.body.locked_reason], [200, true, null]);
      assert.deepEqual((await call('GET', `${path}/sessions`)).body.items, [], 'locking ends sessions');
      assert.equal((await call('POST', `${path}/lock`, { payload: { reason: 'fraud' } })).body.locked_reason, 'fraud');
      assert.equal((await call('POST', `${path}/lock`, { payload: { why: 'fraud' } })).status, 400);
      assert.equal((await call('POST', `${path}/lock`, { payload: { reason: 'r'.repeat(501) } })).status, 400);
      await assert.rejects(server.login(alpha.slug, 'sessy', 'second password'));
      const unlocked = await call('POST', `${path}/unlock`);
      assert.deepEqual([unlocked.status, unlocked.body.locked, unlocked.body.locked_reason], [200, false, null]);
    });

    it('DELETE removes the user (204) and frees the identifiers', async () => {
      const user = await createUser(alpha, { username: 'leaving', email: 'leaving@example.com' });
      assert.equal((await call('DELETE', `/${alpha.slug}/users/${user.id}`)).status, 204);
      assert.equal((await call('GET', `/${alpha.slug}/users/${user.id}`)).status, 404);
      assert.equal((await call('DELETE', `/${alpha.slug}/users/${user.id}`)).status, 404);
      await createUser(alpha, { username: 'leaving', email: 'leaving@example.com' });
    });

    it("ids of realm A are 404 through realm B's paths", async () => {
      const user = await createUser(alpha, { username: 'stayhome', password: 'home password' });
      const session = await server.login(alpha.slug, 'stayhome', 'home password');
      const path = `/${beta.slug}/users/${user.id}`;
      const attempts: Attempt[] = [
        ['GET', path],
        ...changesOf(path),
        ['GET', `${path}/sessions`],
        ['DELETE', `${path}/sessions/${session.session_id}`],
      ];
      for (const [method, url, payload] of attempts) {
        const response = await call(method, url, { payload });
        assert.deepEqual([response.status, response.body.error.code], [404, 'user.not_found'], `${method} ${url}`);
      }
      const other = await createUser(alpha, { username: 'neighbour' });
      const foreignSession = await call('DELETE', `/${alpha.slug}/users/${other.id}/sessions/${session.session_id}`);
      assert.deepEqual([foreignSession.status, foreignSession.body.error.code], [404, 'session.not_found']);
      assert.equal((await call('GET', `/${alpha.slug}/users/${user.id}/sessions`)).body.items.length, 1);
    });

    it('reads need realm.read and changes realm.manage on that realm', async () => {
      const user = await createUser(alpha, { username: 'guarded' });
      const path = `/${alpha.slug}/users/${user.id}`;
      for (const url of [`/${alpha.slug}/users`, path, `${path}/sessions`]) {
        assert.equal((await call('GET', url, { headers: readerHeaders })).status, 200, url);
      }
      const changes: Attempt[] = [
        ['POST', `/${alpha.slug}/users`, { username: 'sneaky' }],
        ...changesOf(path),
        ['DELETE', `${path}/sessions/ses_x`],
      ];
      for (const [method, url, payload] of changes) {
        assert.equal((await call(method, url, { payload, headers: readerHeaders })).status, 403, `reader ${method} ${url}`);
      }
      assert.equal((await call('PATCH', path, { payload: { first_name: 'Managed' }, headers: alphaManagerHeaders })).status, 200);
      assert.equal((await call('GET', `/${beta.slug}/users`, { headers: alphaManagerHeaders })).status, 403);
      assert.equal((await call('POST', `/${beta.slug}/users`, { payload: { username: 'x' }, headers: alphaManagerHeaders })).status, 403);
      assert.equal((await call('POST', '/admin/users', { payload: { username: 'x' }, headers: alphaManagerHeaders })).status, 403);
      assert.equal((await call('GET', '/admin/users', { headers: readerHeaders })).status, 200);
      assert.equal((await call('GET', `/${alpha.slug}/users`, { headers: { authorization: 'Bearer not-a-token' } })).status, 401);
    });
  });
}
