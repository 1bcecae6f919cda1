/**
 * GET /admin/v1/me: every signed-in operator learns who it is and its grants, whatever they are
 * (one that manages a single realm cannot read /admin/v1/operators, but must still see itself).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { systemActor } from '../../src/events/event-log.ts';
import type { Realm } from '../../src/realms/realm.ts';
import { dialects } from '../support/databases.ts';
import { ADMIN_EMAIL, serverPerSuite } from '../support/server.ts';

type Body = Record<string, any>;

for (const dialect of dialects) {
  describe(`GET /admin/v1/me on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let beta: Realm;
    let managerId: string;
    let managerHeaders: { authorization: string };

    const me = async (headers: Record<string, string>) => {
      const response = await server.app.inject({ method: 'GET', url: '/admin/v1/me', headers });
      return { status: response.statusCode, body: response.json<Body>() };
    };

    before(async () => {
      await server.services.realms.create({ name: 'Alpha', slug: 'alpha' }, systemActor);
      beta = await server.services.realms.create({ name: 'Beta', slug: 'beta' }, systemActor);
      const manager = await server.services.operators.create(
        { email: 'beta-ops@example.com', password: 'operator password', display_name: 'Beta Ops', grants: [{ permission: 'admin_realm', realms: ['beta'] }] },
        systemActor,
      );
      managerId = manager.id;
      managerHeaders = { authorization: `Bearer ${(await server.login('admin', 'beta-ops@example.com', 'operator password')).access_token}` };
    });

    it('answers the superadmin with its identity and grants', async () => {
      const { status, body } = await me(server.adminHeaders);
      assert.equal(status, 200);
      assert.deepEqual(body, { actor: { type: 'operator', id: server.adminId }, email: ADMIN_EMAIL, display_name: body.display_name, grants: [{ permission: 'superadmin' }] });
    });

    it('answers an operator of one realm too, who cannot read the operators', async () => {
      const { status, body } = await me(managerHeaders);
      assert.equal(status, 200);
      assert.deepEqual(body, { actor: { type: 'operator', id: managerId }, email: 'beta-ops@example.com', display_name: 'Beta Ops', grants: [{ permission: 'admin_realm', realms: [beta.id] }] });
      assert.equal((await server.app.inject({ method: 'GET', url: '/admin/v1/operators', headers: managerHeaders })).statusCode, 403);
      assert.equal((await server.app.inject({ method: 'GET', url: '/admin/v1/realms/alpha/overview', headers: managerHeaders })).statusCode, 403);
    });

    it('shows changed grants and profile at once', async () => {
      await server.services.operators.update(managerId, { display_name: 'Beta Team', grants: [{ permission: 'read' }] }, systemActor);
      const { body } = await me(managerHeaders);
      assert.deepEqual([body.display_name, body.grants], ['Beta Team', [{ permission: 'read' }]]);
    });

    it('describes an operator application without email or display name', async () => {
      const principal = { actor: { type: 'application' as const, id: 'app_machine' }, sessionId: null, grants: [{ permission: 'read' as const }] };
      assert.deepEqual(await server.services.operators.describe(principal), { actor: principal.actor, email: null, display_name: null, grants: principal.grants });
    });

    it('is 401 without a valid operator token, and 403 for an admin-realm user who is no operator', async () => {
      const bare = await me({});
      assert.deepEqual([bare.status, bare.body.error.code], [401, 'auth.unauthenticated']);
      const forged = await me({ authorization: 'Bearer not-a-token' });
      assert.deepEqual([forged.status, forged.body.error.code], [401, 'auth.invalid_token']);
      // A plain user of the admin realm (no operator record) is signed in but no operator.
      const admin = await server.services.lookup.resolve('admin');
      await server.services.users.create(admin!, { email: 'plain@example.com', password: 'plain user password' }, systemActor);
      const plain = await me({ authorization: `Bearer ${(await server.login('admin', 'plain@example.com', 'plain user password')).access_token}` });
      assert.deepEqual([plain.status, plain.body.error.code], [403, 'auth.forbidden']);
    });

    it('is in the OpenAPI document', async () => {
      const document = (await server.app.inject({ method: 'GET', url: '/openapi.json' })).json<Body>();
      const schema = document.paths['/admin/v1/me'].get.responses['200'].content['application/json'].schema;
      assert.deepEqual(Object.keys(schema.properties), ['actor', 'email', 'display_name', 'grants']);
    });
  });
}
