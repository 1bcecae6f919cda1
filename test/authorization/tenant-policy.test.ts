import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { dialects } from '../support/databases.ts';
import { errorCode } from '../support/http.ts';
import { serverPerSuite } from '../support/server.ts';
import { PASSWORD, tenantAdmin } from './tenant-fixtures.ts';

/** The realm's tenant_policy: where new users are placed (admin creation, import, sign-up), and when it may change. */
for (const dialect of dialects) {
  describe(`tenant_policy on ${dialect}`, () => {
    const server = serverPerSuite({ dialect });
    let t: ReturnType<typeof tenantAdmin>;
    const policyOf = (realm: string, tenant_policy: unknown) => t.admin('PATCH', `/admin/v1/realms/${realm}`, { tenant_policy });

    before(() => {
      t = tenantAdmin(server);
    });

    it('current: users are placed in no tenant', async () => {
      const realm = await t.realm('Policy current');
      await t.tenant(realm.slug, 'somewhere');
      const user = await t.user(realm.slug, 'current@example.com');
      assert.deepEqual(await t.tenantsOf(realm.slug, user.id), []);
    });

    it('selected: refuses an unknown tenant, then places every new user in the chosen one', async () => {
      const refusedAtCreation = await t.admin('POST', '/admin/v1/realms', { name: 'Policy selected early', tenant_policy: { type: 'selected', tenant: 'acme' } });
      assert.equal(refusedAtCreation.statusCode, 422, refusedAtCreation.body);
      assert.equal(errorCode(refusedAtCreation), 'realm.unknown_tenant');

      const realm = await t.realm('Policy selected');
      const other = await t.realm('Policy selected other');
      await t.tenant(other.slug, 'acme');
      const unknown = await policyOf(realm.slug, { type: 'selected', tenant: 'acme' });
      assert.equal(unknown.statusCode, 422, unknown.body);
      assert.equal(errorCode(unknown), 'realm.unknown_tenant', "another realm's tenant does not count");

      const acme = await t.tenant(realm.slug, 'acme');
      assert.equal((await policyOf(realm.slug, { type: 'selected', tenant: 'acme' })).statusCode, 200);
      const created = await t.user(realm.slug, 'selected@example.com');
      assert.deepEqual((await t.tenantsOf(realm.slug, created.id)).map((x) => x.id), [acme.id]);

      const imported = await t.admin('POST', `/admin/v1/realms/${realm.slug}/users/import`, { users: [{ email: 'imported@example.com', password: PASSWORD }] });
      assert.equal(imported.statusCode, 200, imported.body);
      const members = (await t.admin('GET', `/admin/v1/realms/${realm.slug}/tenants/acme/members`)).json().items;
      assert.equal(members.length, 2);

      // The chosen tenant keeps its slug and stays while the policy names it.
      const deleted = await t.admin('DELETE', `/admin/v1/realms/${realm.slug}/tenants/acme`);
      assert.equal(deleted.statusCode, 422);
      assert.equal(errorCode(deleted), 'tenant.in_use');
      const renamed = await t.admin('PATCH', `/admin/v1/realms/${realm.slug}/tenants/acme`, { slug: 'acme-2' });
      assert.equal(renamed.statusCode, 422);
      assert.equal(errorCode(renamed), 'tenant.in_use');

      // Signing in lands in the only tenant without asking.
      const signedIn = await server.login(realm.slug, 'selected@example.com', PASSWORD);
      const validated = await t.admin('GET', `/realms/${realm.slug}/auth/validate`);
      assert.equal(validated.statusCode, 401, 'an operator token is not a token of this realm');
      const own = await server.app.inject({ method: 'GET', url: `/realms/${realm.slug}/auth/validate`, headers: { authorization: `Bearer ${signedIn.access_token}` } });
      assert.equal(own.json().tenant.id, acme.id);
    });

    it('auto_created: each new user gets a tenant of their own, made with the user', async () => {
      const realm = await t.realm('Policy auto', { tenant_policy: { type: 'auto_created' } });
      const first = await t.user(realm.slug, 'first@example.com');
      const second = await t.user(realm.slug, 'second@example.com');
      const [firstTenants, secondTenants] = [await t.tenantsOf(realm.slug, first.id), await t.tenantsOf(realm.slug, second.id)];
      assert.equal(firstTenants.length, 1);
      assert.equal(secondTenants.length, 1);
      assert.notEqual(firstTenants[0].id, secondTenants[0].id);
      assert.match(firstTenants[0].slug, /^user-[a-z0-9]+$/);

      // A user whose creation fails leaves no tenant behind: one transaction.
      const before = (await t.admin('GET', `/admin/v1/realms/${realm.slug}/tenants?limit=1000`)).json().items.length;
      const duplicate = await t.admin('POST', `/admin/v1/realms/${realm.slug}/users`, { email: 'first@example.com', password: PASSWORD });
      assert.equal(duplicate.statusCode, 409, duplicate.body);
      const clash = await t.admin('POST', `/admin/v1/realms/${realm.slug}/users/import`, { users: [{ email: 'third@example.com', password: PASSWORD }, { email: 'third@example.com', password: PASSWORD }] });
      assert.equal(clash.statusCode, 200, clash.body);
      const after = (await t.admin('GET', `/admin/v1/realms/${realm.slug}/tenants?limit=1000`)).json().items.length;
      assert.equal(after, before + 1, 'only the imported user that was written got a tenant');

      const types = (await server.services.events.list(server.database.db, realm.id, {}, { limit: 200 })).items.map((e) => e.type);
      assert.ok(types.includes('tenant.created') && types.includes('tenant.member_added'));
    });

    it('auto_created applies to self sign-up too', async () => {
      const realm = await t.realm('Policy auto sign-up', { tenant_policy: { type: 'auto_created' }, users: { registration: { enabled: true, require_email_verification: false } } });
      const response = await server.app.inject({ method: 'POST', url: `/realms/${realm.slug}/auth/register`, payload: { email: 'self@example.com', password: PASSWORD } });
      await server.services.background.settle();
      assert.ok([200, 201, 202].includes(response.statusCode), response.body);
      const users = (await t.admin('GET', `/admin/v1/realms/${realm.slug}/users?email=self@example.com`)).json().items;
      assert.equal(users.length, 1);
      assert.equal((await t.tenantsOf(realm.slug, users[0].id)).length, 1);
    });

    it('refuses any change of the policy once the realm has users (422)', async () => {
      const realm = await t.realm('Policy frozen');
      await t.tenant(realm.slug, 'later');
      await t.user(realm.slug, 'frozen@example.com');
      for (const policy of [{ type: 'auto_created' }, { type: 'selected', tenant: 'later' }]) {
        const response = await policyOf(realm.slug, policy);
        assert.equal(response.statusCode, 422, response.body);
        assert.equal(errorCode(response), 'realm.has_users');
      }
      assert.equal((await policyOf(realm.slug, { type: 'current' })).statusCode, 200, 'restating the same policy is no change');
    });
  });
}
