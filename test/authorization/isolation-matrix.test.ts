import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { bearer, send } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD, tenantAdmin } from './tenant-fixtures.ts';

/**
 * Issue #10's matrix: an admin of tenant A, a user of tenant A and an API key of realm A, against
 * everything of tenant B (same realm) and of realm B. Every cell is refused: a deny from authorize,
 * a 401/403/404 from every other door, never another tenant's or realm's data.
 */
for (const dialect of dialects) {
  describe(`isolation matrix on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    const callers: Record<string, string> = {};
    let realmA: { id: string; slug: string };
    let realmB: { id: string; slug: string };
    let tenantB: { id: string; slug: string };

    before(async () => {
      const t = tenantAdmin(server);
      realmA = await t.realm('Matrix A', { tokens: { claims: ['tenants', 'memberships', 'roles'] } });
      realmB = await t.realm('Matrix B');
      await t.admin('POST', `/admin/v1/realms/${realmA.slug}/roles`, { slug: 'admin', permissions: ['*'] });
      await t.admin('POST', `/admin/v1/realms/${realmA.slug}/roles`, { slug: 'viewer', permissions: ['docs:read'] });
      await t.tenant(realmA.slug, 'tenant-a');
      tenantB = await t.tenant(realmA.slug, 'tenant-b');
      await t.tenant(realmB.slug, 'tenant-c');
      const admin = await t.user(realmA.slug, 'admin-a@example.com');
      const user = await t.user(realmA.slug, 'user-a@example.com');
      await t.join(realmA.slug, 'tenant-a', admin.id, ['admin']);
      await t.join(realmA.slug, 'tenant-a', user.id, ['viewer']);
      const signIn = async (email: string) => {
        const response = await send(server, 'POST', `/realms/${realmA.slug}/auth/login`, { identifier: email, password: PASSWORD, tenant: 'tenant-a' });
        assert.equal(response.statusCode, 200, response.body);
        return response.json().access_token as string;
      };
      callers['admin of tenant A'] = await signIn('admin-a@example.com');
      callers['user of tenant A'] = await signIn('user-a@example.com');
      const key = await t.admin('POST', `/admin/v1/realms/${realmA.slug}/users/${admin.id}/api-keys`, { name: 'matrix', capabilities: { read: 'allow', write: 'allow', delete: 'allow' } });
      assert.equal(key.statusCode, 201, key.body);
      callers['API key of realm A'] = key.json().api_key;
    });

    const tenantBResource = (id: string) => ({ type: 'docs', id, tenant: tenantB.id });

    it('authorize denies every caller every action on tenant B\u2019s resources, alone and in a batch', async () => {
      for (const [who, credential] of Object.entries(callers)) {
        for (const action of ['docs:read', 'docs:write', 'docs:delete', 'members:list']) {
          const answer = await send(server, 'POST', `/realms/${realmA.slug}/authorize`, { action, resource: tenantBResource('1') }, bearer(credential));
          assert.equal(answer.statusCode, 200, `${who} ${action}: ${answer.body}`);
          assert.equal(answer.json().decision, 'deny', `${who} ${action}`);
        }
        const batch = await send(server, 'POST', `/realms/${realmA.slug}/authorize/batch`, { checks: ['a', 'b', 'c'].map((id) => ({ action: 'docs:read', resource: tenantBResource(id) })) }, bearer(credential));
        assert.deepEqual(batch.json().results.map((r: { decision: string }) => r.decision), ['deny', 'deny', 'deny'], who);
      }
      // The same callers are allowed in their own tenant: the denies above are the tenant's doing.
      const own = await send(server, 'POST', `/realms/${realmA.slug}/authorize`, { action: 'docs:read', resource: { type: 'docs', id: '1', tenant: (await server.services.tenants.get((await server.services.lookup.resolve(realmA.id))!, 'tenant-a')).id } }, bearer(callers['user of tenant A']!));
      assert.equal(own.json().decision, 'allow');
    });

    it('no caller may enter tenant B: refresh and login naming it are refused', async () => {
      const login = await send(server, 'POST', `/realms/${realmA.slug}/auth/login`, { identifier: 'user-a@example.com', password: PASSWORD, tenant: 'tenant-b' });
      assert.equal(login.statusCode, 403, login.body);
      for (const [who, credential] of Object.entries(callers)) {
        const validated = await send(server, 'GET', `/realms/${realmA.slug}/auth/validate`, undefined, bearer(credential));
        assert.equal(validated.statusCode, 200, `${who}: ${validated.body}`);
        assert.notEqual(validated.json().tenant?.id, tenantB.id, who);
      }
    });

    it('every door of realm B refuses realm A\u2019s credentials', async () => {
      for (const [who, credential] of Object.entries(callers)) {
        const doors = [
          send(server, 'GET', `/realms/${realmB.slug}/auth/validate`, undefined, bearer(credential)),
          send(server, 'POST', `/realms/${realmB.slug}/authorize`, { action: 'docs:read', resource: { type: 'docs', id: '1' } }, bearer(credential)),
          send(server, 'GET', `/realms/${realmB.slug}/account`, undefined, bearer(credential)),
          send(server, 'GET', `/realms/${realmB.slug}/account/api-keys`, undefined, bearer(credential)),
          send(server, 'GET', `/admin/v1/realms/${realmB.slug}/tenants`, undefined, bearer(credential)),
          send(server, 'GET', `/admin/v1/realms/${realmB.slug}/users`, undefined, bearer(credential)),
        ];
        for (const answer of await Promise.all(doors)) assert.ok([401, 403, 404].includes(answer.statusCode), `${who}: ${answer.statusCode} ${answer.body}`);
      }
    });

    it('no realm-A caller reaches the admin API of its own realm either (tenant B\u2019s members, roles, tenants)', async () => {
      for (const [who, credential] of Object.entries(callers)) {
        for (const path of [`tenants/${tenantB.id}/members`, 'tenants', 'roles', `tenants/${tenantB.id}`]) {
          const answer = await send(server, 'GET', `/admin/v1/realms/${realmA.slug}/${path}`, undefined, bearer(credential));
          assert.ok([401, 403].includes(answer.statusCode), `${who} ${path}: ${answer.statusCode}`);
        }
      }
    });
  });
}
