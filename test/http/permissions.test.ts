import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Grant } from '../../src/operators/permissions.ts';
import { dialects } from '../support/databases.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/**
 * The permission matrix of the admin API: every admin route, called by operators holding each kind
 * of grant, by a signed-in admin-realm user who is not an operator, and without a token.
 *
 * Each route names what it needs; `allowed` below is the specification (AuthRocket's model):
 * `read` lists and gets everything; `admin_realm` manages the realms named in the grant (realm A and
 * C here, not B); `admin_all_realms` also creates and deletes realms and manages every realm but the
 * built-in admin realm; `superadmin` also manages the admin realm and the operators.
 */
type Need =
  | 'list realms'
  | 'read A'
  | 'read B'
  | 'read admin'
  | 'manage A'
  | 'manage B'
  | 'manage admin'
  | 'create realm'
  | 'delete realm'
  | 'read operators'
  | 'manage operators';

type Role = 'read' | 'admin_realm' | 'admin_all_realms' | 'superadmin';

const allowed: Record<Role, Need[]> = {
  read: ['list realms', 'read A', 'read B', 'read admin', 'read operators'],
  admin_realm: ['list realms', 'read A', 'manage A'],
  admin_all_realms: ['list realms', 'read A', 'read B', 'read admin', 'manage A', 'manage B', 'create realm', 'delete realm', 'read operators'],
  superadmin: [
    'list realms',
    'read A',
    'read B',
    'read admin',
    'manage A',
    'manage B',
    'manage admin',
    'create realm',
    'delete realm',
    'read operators',
    'manage operators',
  ],
};

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: Record<string, unknown>;
}

interface Route {
  name: string;
  needs: Need;
  /** Builds the request, creating what it works on afresh (so destructive calls can repeat). */
  call: () => Promise<Call>;
}

const USER_PASSWORD = 'user-password-1';

for (const dialect of dialects) {
  describe(`admin API permission matrix on ${dialect}`, () => {
    let server: TestServer;
    const realms = { A: '', B: '', C: '' };
    const tokens = {} as Record<Role | 'not an operator', string>;
    let counter = 0;

    const admin = async (method: Call['method'], url: string, payload?: unknown) => {
      const response = await server.app.inject({ method, url, headers: server.adminHeaders, ...(payload ? { payload: payload as object } : {}) });
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.statusCode === 204 ? undefined : response.json();
    };
    const freshEmail = () => `person${++counter}@example.com`;
    const freshUser = async (realm: string) => (await admin('POST', `/admin/v1/realms/${realm}/users`, { email: freshEmail(), password: USER_PASSWORD })).id as string;
    const freshRealm = async () => (await admin('POST', '/admin/v1/realms', { name: `Realm ${++counter}` })).id as string;
    const freshApplication = async (realm: string) => `/admin/v1/realms/${realm}/applications/${(await admin('POST', `/admin/v1/realms/${realm}/applications`, { kind: 'machine', name: `App ${++counter}` })).id as string}`;
    const freshTenant = async (realm: string) => `/admin/v1/realms/${realm}/tenants/${(await admin('POST', `/admin/v1/realms/${realm}/tenants`, { slug: `t-${++counter}`, name: 'Tenant' })).id as string}`;
    const freshServiceKey = async (realm: string) => `/admin/v1/realms/${realm}/api-keys/${(await admin('POST', `/admin/v1/realms/${realm}/api-keys`, { name: `Key ${++counter}` })).id as string}`;
    const freshMember = async (realm: string) => {
      const tenant = await freshTenant(realm);
      const user = await freshUser(realm);
      await admin('POST', `${tenant}/members`, { user_id: user });
      return { tenant, user };
    };
    const freshOperator = async () => (await admin('POST', '/admin/v1/operators', { email: freshEmail(), password: USER_PASSWORD, grants: [] })).id as string;
    const signedInSession = async (realm: string) => {
      const email = freshEmail();
      const user = (await admin('POST', `/admin/v1/realms/${realm}/users`, { email, password: USER_PASSWORD })).id as string;
      return { user, session: (await server.login(realm, email, USER_PASSWORD)).session_id };
    };

    /** Every admin route; user routes for realm A (managed by admin_realm), B (not) and admin. */
    function routes(): Route[] {
      const list: Route[] = [
        { name: 'list realms', needs: 'list realms', call: async () => ({ method: 'GET', url: '/admin/v1/realms' }) },
        { name: 'create a realm', needs: 'create realm', call: async () => ({ method: 'POST', url: '/admin/v1/realms', payload: { name: `New ${++counter}` } }) },
        { name: 'delete a realm', needs: 'delete realm', call: async () => ({ method: 'DELETE', url: `/admin/v1/realms/${await freshRealm()}` }) },
        { name: 'list operators', needs: 'read operators', call: async () => ({ method: 'GET', url: '/admin/v1/operators' }) },
        { name: 'get an operator', needs: 'read operators', call: async () => ({ method: 'GET', url: `/admin/v1/operators/${await freshOperator()}` }) },
        {
          name: 'create an operator',
          needs: 'manage operators',
          call: async () => ({ method: 'POST', url: '/admin/v1/operators', payload: { email: freshEmail(), password: USER_PASSWORD, grants: [{ permission: 'read' }] } }),
        },
        {
          name: 'change an operator',
          needs: 'manage operators',
          call: async () => ({ method: 'PATCH', url: `/admin/v1/operators/${await freshOperator()}`, payload: { grants: [{ permission: 'superadmin' }] } }),
        },
        { name: 'remove an operator', needs: 'manage operators', call: async () => ({ method: 'DELETE', url: `/admin/v1/operators/${await freshOperator()}` }) },
      ];
      const scopes = [
        { key: 'A', read: 'read A', manage: 'manage A', realm: () => realms.A },
        { key: 'B', read: 'read B', manage: 'manage B', realm: () => realms.B },
        { key: 'admin', read: 'read admin', manage: 'manage admin', realm: () => 'admin' },
      ] as const;
      for (const scope of scopes) {
        const base = () => `/admin/v1/realms/${scope.realm()}`;
        const user = async () => `${base()}/users/${await freshUser(scope.realm())}`;
        list.push(
          { name: `get realm ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: base() }) },
          { name: `list keys of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/keys` }) },
          { name: `list events of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/events` }) },
          { name: `change realm ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'PATCH', url: base(), payload: { reference: `ref-${++counter}` } }) },
          { name: `rotate keys of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${base()}/keys/rotate` }) },
          { name: `list users of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/users` }) },
          { name: `get a user of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: await user() }) },
          { name: `list sessions of a user of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${await user()}/sessions` }) },
          { name: `create a user in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${base()}/users`, payload: { email: freshEmail() } }) },
          { name: `change a user of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'PATCH', url: await user(), payload: { first_name: 'Changed' } }) },
          { name: `delete a user of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'DELETE', url: await user() }) },
          { name: `lock a user of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${await user()}/lock`, payload: {} }) },
          { name: `unlock a user of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${await user()}/unlock` }) },
          { name: `set a password in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'PUT', url: `${await user()}/password`, payload: { password: 'another-password-1' } }) },
          { name: `log a user of ${scope.key} out`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${await user()}/logout` }) },
          { name: `see the lockout of a user of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${await user()}/lockout` }) },
          { name: `see the second factors of a user of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${await user()}/mfa` }) },
          { name: `reset the second factors of a user of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'DELETE', url: `${await user()}/mfa` }) },
          { name: `send a reset link in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${await user()}/send-reset` }) },
          { name: `send a verification link in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${await user()}/send-verification` }) },
          { name: `import users into ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${base()}/users/import`, payload: { users: [{ email: freshEmail() }] } }) },
          { name: `list applications of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/applications` }) },
          { name: `get an application of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: await freshApplication(scope.realm()) }) },
          { name: `create an application in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${base()}/applications`, payload: { kind: 'machine', name: 'Made' } }) },
          { name: `change an application of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'PATCH', url: await freshApplication(scope.realm()), payload: { name: 'Changed' } }) },
          { name: `delete an application of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'DELETE', url: await freshApplication(scope.realm()) }) },
          { name: `rotate an application's secret in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${await freshApplication(scope.realm())}/secret`, payload: {} }) },
          { name: `list tenants of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/tenants` }) },
          { name: `get a tenant of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: await freshTenant(scope.realm()) }) },
          { name: `list a tenant's members in ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${await freshTenant(scope.realm())}/members` }) },
          { name: `list a user's tenants in ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${await user()}/tenants` }) },
          { name: `create a tenant in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${base()}/tenants`, payload: { slug: `made-${++counter}`, name: 'Made' } }) },
          { name: `change a tenant of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'PATCH', url: await freshTenant(scope.realm()), payload: { name: 'Changed' } }) },
          { name: `delete a tenant of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'DELETE', url: await freshTenant(scope.realm()) }) },
          {
            name: `add a member in ${scope.key}`,
            needs: scope.manage,
            call: async () => ({ method: 'POST', url: `${await freshTenant(scope.realm())}/members`, payload: { user_id: await freshUser(scope.realm()) } }),
          },
          {
            name: `remove a member in ${scope.key}`,
            needs: scope.manage,
            call: async () => {
              const { tenant, user: id } = await freshMember(scope.realm());
              return { method: 'DELETE', url: `${tenant}/members/${id}` };
            },
          },
          { name: `list a user's API keys in ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${await user()}/api-keys` }) },
          { name: `create a user's API key in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `/admin/v1/realms/${scope.realm()}/users/${await freshUser(scope.realm())}/api-keys`, payload: { name: 'Made' } }) },
          { name: `list service API keys of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/api-keys` }) },
          { name: `create a service API key in ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${base()}/api-keys`, payload: { name: 'Made' } }) },
          { name: `revoke a service API key of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'DELETE', url: await freshServiceKey(scope.realm()) }) },
          { name: `list messages of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/messages` }) },
          { name: `list templates of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/templates` }) },
          { name: `get a template of ${scope.key}`, needs: scope.read, call: async () => ({ method: 'GET', url: `${base()}/templates/password_reset` }) },
          {
            name: `save a template of ${scope.key}`,
            needs: scope.manage,
            call: async () => ({ method: 'PUT', url: `${base()}/templates/password_changed`, payload: { subject: `Changed ${++counter}`, html: '<p>{{realm_name}}</p>', text: '{{realm_name}}' } }),
          },
          { name: `preview a template of ${scope.key}`, needs: scope.manage, call: async () => ({ method: 'POST', url: `${base()}/templates/password_changed/preview`, payload: {} }) },
          {
            name: `end a session in ${scope.key}`,
            needs: scope.manage,
            call: async () => {
              const { user: id, session } = await signedInSession(scope.realm());
              return { method: 'DELETE', url: `${base()}/users/${id}/sessions/${session}` };
            },
          },
        );
      }
      // Reset empties a realm in the background, so it runs on C, which admin_realm also manages.
      list.push({ name: 'reset realm C', needs: 'manage A', call: async () => ({ method: 'POST', url: `/admin/v1/realms/${realms.C}/reset`, payload: {} }) });
      list.push({ name: 'reset realm B', needs: 'manage B', call: async () => ({ method: 'POST', url: `/admin/v1/realms/${realms.B}/reset`, payload: { users: false } }) });
      return list;
    }

    before(async () => {
      server = await startTestServer({ dialect });
      realms.A = await freshRealm();
      realms.B = await freshRealm();
      realms.C = await freshRealm();
      const grants: Record<Role, Grant[]> = {
        read: [{ permission: 'read' }],
        admin_realm: [{ permission: 'admin_realm', realms: [realms.A, realms.C] }],
        admin_all_realms: [{ permission: 'admin_all_realms' }],
        superadmin: [{ permission: 'superadmin' }],
      };
      for (const role of Object.keys(grants) as Role[]) {
        const email = `${role}@operators.test`;
        await admin('POST', '/admin/v1/operators', { email, password: USER_PASSWORD, grants: grants[role] });
        tokens[role] = (await server.login('admin', email, USER_PASSWORD)).access_token;
      }
      await admin('POST', '/admin/v1/realms/admin/users', { email: 'plain@operators.test', password: USER_PASSWORD });
      tokens['not an operator'] = (await server.login('admin', 'plain@operators.test', USER_PASSWORD)).access_token;
    });
    after(() => server.dispose());

    for (const route of routes()) {
      it(`${route.name} (needs ${route.needs})`, async () => {
        for (const role of Object.keys(allowed) as Role[]) {
          const call = await route.call();
          const response = await server.app.inject({ ...call, headers: { authorization: `Bearer ${tokens[role]}` } });
          const label = `${role}: ${call.method} ${call.url} → ${response.statusCode} ${response.body}`;
          if (allowed[role].includes(route.needs)) assert.ok(response.statusCode >= 200 && response.statusCode < 300, label);
          else {
            assert.equal(response.statusCode, 403, label);
            assert.equal(response.json().error.code, 'auth.forbidden', label);
          }
        }

        const outsider = await route.call();
        const forbidden = await server.app.inject({ ...outsider, headers: { authorization: `Bearer ${tokens['not an operator']}` } });
        assert.equal(forbidden.statusCode, 403, `not an operator: ${forbidden.body}`);

        const anonymous = await route.call();
        const unauthenticated = await server.app.inject(anonymous);
        assert.equal(unauthenticated.statusCode, 401, `no token: ${unauthenticated.body}`);
        assert.equal(unauthenticated.json().error.code, 'auth.unauthenticated');
        const garbage = await server.app.inject({ ...anonymous, headers: { authorization: 'Bearer not-a-token' } });
        assert.equal(garbage.statusCode, 401, `garbage token: ${garbage.body}`);
      });
    }

    it('lists only the realms an admin_realm operator manages', async () => {
      const response = await server.app.inject({ method: 'GET', url: '/admin/v1/realms?limit=1000', headers: { authorization: `Bearer ${tokens.admin_realm}` } });
      assert.equal(response.statusCode, 200);
      const ids = (response.json().items as { id: string }[]).map((r) => r.id).sort();
      assert.deepEqual(ids, [realms.A, realms.C].sort());
    });

    it('refuses a token of another realm on the admin API', async () => {
      const email = freshEmail();
      await admin('POST', `/admin/v1/realms/${realms.A}/users`, { email, password: USER_PASSWORD });
      const token = (await server.login(realms.A, email, USER_PASSWORD)).access_token;
      const response = await server.app.inject({ method: 'GET', url: '/admin/v1/realms', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 401);
    });
  });
}
