import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { ADMIN_EMAIL, startTestServer, type TestServer } from '../support/server.ts';

const PASSWORD = 'operator-password-2';
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const dialect of dialects) {
  describe(`/admin/v1/operators on ${dialect}`, () => {
    let server: TestServer;
    let realmId: string;
    let counter = 0;
    const email = () => `operator${++counter}@example.com`;

    const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = server.adminHeaders) =>
      server.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as string }) });
    const create = async (grants: unknown[] = [{ permission: 'read' }]) => {
      const response = await call('POST', '/admin/v1/operators', { email: email(), password: PASSWORD, grants });
      assert.equal(response.statusCode, 201, response.body);
      return response.json();
    };
    const errorCode = (response: { json(): { error: { code: string } } }) => response.json().error.code;

    before(async () => {
      server = await startTestServer({ dialect });
      const realm = await call('POST', '/admin/v1/realms', { name: 'Customers', slug: 'customers' });
      assert.equal(realm.statusCode, 201, realm.body);
      realmId = realm.json().id;
    });
    after(() => server.dispose());

    it('creates an operator (201) who can then sign in; grants name realms by slug and come back as ids', async () => {
      const address = email();
      const response = await call('POST', '/admin/v1/operators', {
        email: address.toUpperCase(),
        password: PASSWORD,
        display_name: 'Customer care',
        grants: [{ permission: 'admin_realm', realms: ['customers'] }],
      });
      assert.equal(response.statusCode, 201, response.body);
      const operator = response.json();
      assert.deepEqual(Object.keys(operator).sort(), ['created_at', 'display_name', 'email', 'grants', 'id', 'last_login_at', 'locked', 'state', 'username']);
      assert.equal(operator.email, address);
      assert.equal(operator.display_name, 'Customer care');
      assert.deepEqual(operator.grants, [{ permission: 'admin_realm', realms: [realmId] }]);
      assert.match(operator.created_at, ISO);
      assert.equal(operator.last_login_at, null);
      assert.ok(!JSON.stringify(operator).includes(PASSWORD));

      await server.login('admin', address, PASSWORD);
      const fetched = await call('GET', `/admin/v1/operators/${operator.id}`);
      assert.equal(fetched.statusCode, 200);
      assert.match(fetched.json().last_login_at, ISO);
    });

    it('lists operators with limit and cursor', async () => {
      await create();
      await create();
      const first = await call('GET', '/admin/v1/operators?limit=2');
      assert.equal(first.statusCode, 200);
      assert.equal(first.json().items.length, 2);
      const cursor = first.json().next_cursor;
      assert.equal(typeof cursor, 'string');
      const second = await call('GET', `/admin/v1/operators?limit=2&cursor=${cursor}`);
      assert.equal(second.statusCode, 200);
      const ids = new Set([...first.json().items, ...second.json().items].map((o: { id: string }) => o.id));
      assert.equal(ids.size, first.json().items.length + second.json().items.length);

      assert.equal(errorCode(await call('GET', '/admin/v1/operators?limit=0')), 'request.validation_failed');
      assert.equal(errorCode(await call('GET', '/admin/v1/operators?limit=1001')), 'request.validation_failed');
      assert.equal(errorCode(await call('GET', '/admin/v1/operators?cursor=garbage')), 'request.invalid_cursor');
    });

    it('refuses bad bodies with 400', async () => {
      const bad: [unknown, string][] = [
        [{ email: email(), password: PASSWORD, grants: [], extra: 1 }, 'request.validation_failed'],
        [{ email: email(), password: PASSWORD }, 'request.validation_failed'],
        [{ email: 5, password: PASSWORD, grants: [] }, 'request.validation_failed'],
        [{ email: email(), password: PASSWORD, grants: [{ permission: 'root' }] }, 'request.validation_failed'],
        [{ email: email(), password: PASSWORD, grants: [{ permission: 'admin_realm' }] }, 'request.validation_failed'],
        [{ email: email(), password: PASSWORD, grants: [{ permission: 'read', realms: ['x'] }] }, 'request.validation_failed'],
        [{ email: email(), password: PASSWORD, grants: [{ permission: 'admin_realm', realms: ['no-such-realm'] }] }, 'operator.invalid_grant'],
        [{ email: email(), password: PASSWORD, grants: [{ permission: 'admin_realm', realms: ['admin'] }] }, 'operator.invalid_grant'],
        [{ email: 'not an email', password: PASSWORD, grants: [] }, 'user.invalid'],
      ];
      for (const [payload, code] of bad) {
        const response = await call('POST', '/admin/v1/operators', payload);
        assert.equal(response.statusCode, 400, `${JSON.stringify(payload)} → ${response.body}`);
        assert.equal(errorCode(response), code, JSON.stringify(payload));
      }
      const malformed = await server.app.inject({
        method: 'POST',
        url: '/admin/v1/operators',
        headers: { ...server.adminHeaders, 'content-type': 'application/json' },
        payload: '{"email":',
      });
      assert.equal(errorCode(malformed), 'request.malformed_json');
      const invalidGrant = await call('POST', '/admin/v1/operators', { email: email(), password: PASSWORD, grants: [{ permission: 'admin_realm', realms: ['nope'] }] });
      assert.deepEqual(invalidGrant.json().error.details, [{ field: 'grants.0.realms.0', issue: 'names no realm (nope)' }]);
    });

    it('refuses a taken email (409) and a short password (422)', async () => {
      const taken = await call('POST', '/admin/v1/operators', { email: ADMIN_EMAIL, password: PASSWORD, grants: [] });
      assert.equal(taken.statusCode, 409);
      const short = await call('POST', '/admin/v1/operators', { email: email(), password: 'short', grants: [] });
      assert.equal(short.statusCode, 422);
    });

    it('changes only the fields given', async () => {
      const operator = await create([{ permission: 'read' }]);
      const response = await call('PATCH', `/admin/v1/operators/${operator.id}`, { grants: [{ permission: 'admin_all_realms' }], locked: true });
      assert.equal(response.statusCode, 200, response.body);
      const changed = response.json();
      assert.deepEqual(changed.grants, [{ permission: 'admin_all_realms' }]);
      assert.equal(changed.locked, true);
      assert.equal(changed.email, operator.email);
      assert.equal((await call('PATCH', `/admin/v1/operators/${operator.id}`, {})).statusCode, 200);

      assert.equal((await call('PATCH', `/admin/v1/operators/${operator.id}`, { locked: 'yes' })).statusCode, 400);
      assert.equal((await call('PATCH', `/admin/v1/operators/${operator.id}`, { password: 'x' })).statusCode, 400);
      assert.equal((await call('PATCH', `/admin/v1/operators/${operator.id}`, { state: 'gone' })).statusCode, 400);
    });

    it('answers 404 for unknown operators and for users who are not operators', async () => {
      const user = await call('POST', `/admin/v1/realms/${realmId}/users`, { email: email(), password: PASSWORD });
      const adminUser = await call('POST', '/admin/v1/realms/admin/users', { email: email(), password: PASSWORD });
      for (const id of ['usr_doesnotexist', user.json().id, adminUser.json().id]) {
        for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
          const response = await call(method, `/admin/v1/operators/${id}`, method === 'PATCH' ? { display_name: 'x' } : undefined);
          assert.equal(response.statusCode, 404, `${method} ${id}`);
          assert.equal(errorCode(response), 'operator.not_found');
        }
      }
    });

    it('refuses to remove, demote, lock or deactivate the last superadmin (422)', async () => {
      const self = (await call('GET', `/admin/v1/operators/${server.adminId}`)).json();
      assert.equal(self.email, ADMIN_EMAIL);
      for (const [method, payload] of [
        ['DELETE', undefined],
        ['PATCH', { grants: [{ permission: 'read' }] }],
        ['PATCH', { locked: true }],
        ['PATCH', { state: 'inactive' }],
      ] as const) {
        const response = await call(method, `/admin/v1/operators/${self.id}`, payload);
        assert.equal(response.statusCode, 422, `${method} ${JSON.stringify(payload)}`);
        assert.equal(errorCode(response), 'operator.last_superadmin');
      }
      const unchanged = (await call('GET', `/admin/v1/operators/${self.id}`)).json();
      assert.deepEqual([unchanged.grants, unchanged.locked, unchanged.state], [[{ permission: 'superadmin' }], false, 'active']);
    });

    it("applies the same rule through the admin realm's user API", async () => {
      const base = `/admin/v1/realms/admin/users/${server.adminId}`;
      for (const [method, url, payload] of [
        ['DELETE', base, undefined],
        ['POST', `${base}/lock`, {}],
        ['PATCH', base, { state: 'inactive' }],
      ] as const) {
        const response = await call(method as 'POST', url, payload);
        assert.equal(response.statusCode, 422, `${method} ${url}: ${response.body}`);
        assert.equal(errorCode(response), 'operator.last_superadmin');
      }
      assert.equal((await call('PATCH', base, { first_name: 'Still' })).statusCode, 200, 'other changes are fine');
      const reader = await create([{ permission: 'read' }]);
      assert.equal((await call('POST', `/admin/v1/realms/admin/users/${reader.id}/lock`, {})).statusCode, 200);
      assert.equal((await call('GET', `/admin/v1/operators/${reader.id}`)).json().locked, true);
    });

    it('removes an operator (204): its token stops working', async () => {
      const operator = await create([{ permission: 'read' }]);
      const token = (await server.login('admin', operator.email, PASSWORD)).access_token;
      const headers = { authorization: `Bearer ${token}` };
      assert.equal((await call('GET', '/admin/v1/operators', undefined, headers)).statusCode, 200);
      const removed = await call('DELETE', `/admin/v1/operators/${operator.id}`);
      assert.equal(removed.statusCode, 204);
      assert.equal(removed.body, '');
      assert.equal((await call('GET', `/admin/v1/operators/${operator.id}`)).statusCode, 404);
      assert.equal((await call('GET', '/admin/v1/operators', undefined, headers)).statusCode, 401);
    });

    it('records operator events in the admin realm log', async () => {
      const operator = await create();
      await call('PATCH', `/admin/v1/operators/${operator.id}`, { display_name: 'Renamed' });
      await call('DELETE', `/admin/v1/operators/${operator.id}`);
      const response = await call('GET', `/admin/v1/realms/admin/events?user=${operator.id}&limit=100`);
      assert.equal(response.statusCode, 200);
      const types = (response.json().items as { type: string }[]).map((e) => e.type);
      for (const type of ['operator.created', 'operator.updated', 'operator.deleted']) assert.ok(types.includes(type), `${type} in ${types}`);
    });
  });
}
