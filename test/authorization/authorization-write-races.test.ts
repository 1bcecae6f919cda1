import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { errorCode } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { tenantAdmin } from './tenant-fixtures.ts';

/**
 * Writes about roles and tenants that race each other: nothing answers 500, nothing is left
 * behind, and a membership never keeps (or gains) a role through its slug once the role is gone.
 */
for (const dialect of dialects) {
  describe(`authorization writes racing each other on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let counter = 0;
    const setup = async () => {
      const t = tenantAdmin(server);
      const realm = await t.realm(`Races ${++counter}`);
      return { t, realm };
    };
    const okStatuses = (statuses: number[]) => assert.ok(statuses.every((s) => s < 500), statuses.join());

    it('a role deleted or renamed leaves the memberships that named it; a new role of the old slug reaches nobody', async () => {
      const { t, realm } = await setup();
      await t.roles(realm.slug, ['editor', 'viewer']);
      await t.tenant(realm.slug, 'acme');
      const ann = await t.user(realm.slug, `ann-${counter}@example.com`);
      await t.join(realm.slug, 'acme', ann.id, ['editor', 'viewer']);

      assert.equal((await t.admin('PATCH', `/admin/v1/realms/${realm.slug}/roles/viewer`, { slug: 'reader' })).statusCode, 200);
      assert.deepEqual((await t.tenantsOf(realm.slug, ann.id))[0]?.roles, ['editor', 'reader']);
      assert.equal((await t.admin('DELETE', `/admin/v1/realms/${realm.slug}/roles/editor`)).statusCode, 204);
      assert.deepEqual((await t.tenantsOf(realm.slug, ann.id))[0]?.roles, ['reader']);
      await t.roles(realm.slug, ['editor']);
      assert.deepEqual((await t.tenantsOf(realm.slug, ann.id))[0]?.roles, ['reader'], 'the new editor role is not given through the old slug');
      const deleted = (await server.services.events.list(server.database.db, realm.id, { type: 'role.deleted' }, { limit: 1 })).items[0];
      assert.equal(deleted?.details.memberships_changed, 1);
    });

    it('assignments and memberships racing the deletion of their role, tenant or user: 2xx or 4xx, and no orphan rows', async () => {
      const { t, realm } = await setup();
      await t.roles(realm.slug, ['temp']);
      await t.tenant(realm.slug, 'doomed');
      const users = await Promise.all(Array.from({ length: 8 }, (_, i) => t.user(realm.slug, `racer-${counter}-${i}@example.com`)));

      const assigns = users.map((u) => t.admin('POST', `/admin/v1/realms/${realm.slug}/users/${u.id}/roles`, { role: 'temp' }));
      const joins = users.map((u) => t.admin('POST', `/admin/v1/realms/${realm.slug}/tenants/doomed/members`, { user_id: u.id, roles: ['temp'] }));
      const deletions = [
        t.admin('DELETE', `/admin/v1/realms/${realm.slug}/roles/temp`),
        t.admin('DELETE', `/admin/v1/realms/${realm.slug}/tenants/doomed`),
        t.admin('DELETE', `/admin/v1/realms/${realm.slug}/users/${users[0]!.id}`),
      ];
      const answers = await Promise.all([...assigns, ...joins, ...deletions]);
      okStatuses(answers.map((a) => a.statusCode));
      assert.deepEqual(deletions.length && answers.slice(-3).map((a) => a.statusCode), [204, 204, 204], answers.slice(-3).map((a) => a.body).join('\n'));

      const db = server.database.db;
      const assignments = await db.selectFrom('role_assignments').select('user_id').where('realm_id', '=', realm.id).execute();
      const memberships = await db.selectFrom('tenant_memberships').select('user_id').where('realm_id', '=', realm.id).execute();
      assert.deepEqual([assignments, memberships], [[], []], 'the role, the tenant and the first user are gone, and all that pointed at them');
    });

    it('assignments racing the deletion of their user leave none of that user behind', async () => {
      const { t, realm } = await setup();
      await t.roles(realm.slug, ['a', 'b', 'c']);
      await t.tenant(realm.slug, 'team');
      const leaving = await t.user(realm.slug, `leaving-${counter}@example.com`);
      const answers = await Promise.all([
        ...['a', 'b', 'c'].map((role) => t.admin('POST', `/admin/v1/realms/${realm.slug}/users/${leaving.id}/roles`, { role })),
        t.admin('POST', `/admin/v1/realms/${realm.slug}/tenants/team/members`, { user_id: leaving.id }),
        t.admin('DELETE', `/admin/v1/realms/${realm.slug}/users/${leaving.id}`),
      ]);
      okStatuses(answers.map((a) => a.statusCode));
      for (const answer of answers.slice(0, 4)) assert.ok(answer.statusCode < 300 || errorCode(answer) === 'user.not_found', answer.body);
      const db = server.database.db;
      assert.deepEqual(await db.selectFrom('role_assignments').select('role_id').where('realm_id', '=', realm.id).where('user_id', '=', leaving.id).execute(), []);
      assert.deepEqual(await db.selectFrom('tenant_memberships').select('tenant_id').where('realm_id', '=', realm.id).where('user_id', '=', leaving.id).execute(), []);
    });

    it('the tenant the realm places new users in cannot be deleted or renamed through a realm read before the policy named it', async () => {
      const { t, realm } = await setup();
      await t.tenant(realm.slug, 'main');
      const stale = await server.services.lookup.resolve(realm.id);
      assert.ok(stale);
      assert.equal((await t.admin('PATCH', `/admin/v1/realms/${realm.slug}`, { tenant_policy: { type: 'selected', tenant: 'main' } })).statusCode, 200);
      const operator = { type: 'operator' as const, id: 'op_test' };
      const origin = { ip: null, userAgent: null };
      await assert.rejects(server.services.tenants.remove(stale, 'main', operator, origin), (error: { code?: string }) => error.code === 'tenant.in_use');
      await assert.rejects(server.services.tenants.update(stale, 'main', { slug: 'renamed' }, operator, origin), (error: { code?: string }) => error.code === 'tenant.in_use');
    });
  });
}
